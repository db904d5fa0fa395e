"""The video wall, without Qt: wall presets, their storage and who may drive the wall."""
