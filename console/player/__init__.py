"""Video players (Qt): a player facade with swappable decoding backends, tiles and the grid.
Arrives with the live-view issue."""
