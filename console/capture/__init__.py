"""Screen capture, recording and remote-desktop programs (R9). Where the OS offers capture
exclusion, exclusion.py asks it to leave the video windows out; where it does not (Linux),
the programs to look for (tools.py: built in, plus the centre's extra entries stored by
service.py) and the cheap scan of running processes that finds them (detector.py). Qt-free:
the views blank every video output while ``CaptureWatch`` reports a program."""
