"""视频共享调阅终端 — the operator console of a city's shared public-video platform.

Everything directly inside ``console`` (but not ``views``, ``player`` and ``overlay``) is
Qt-free: the rules, storage and audit trail. tests/test_architecture.py keeps it that way.
"""

__version__ = "0.2.0"
APP_ID = "city-video-console"
