"""Privacy masks (R14, Zunyi §25, Jiyuan §25): per-camera polygons that every output of the
console fills opaque, for every role that is not explicitly exempt. Qt-free: the polygons
and their rules here, the storage and commands in service.py; console/overlay/mask_painter.py
draws them."""
