"""Fault reports on cameras (R13): reported from a tile, sent to the maintainer unit, fixed,
verified — every step a command on the centre, checked and registered."""
