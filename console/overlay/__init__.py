"""Overlay painters (Qt): draw the watermark, privacy masks and OSD that the Qt-free core
computes. Arrives with the live-view issue."""
