"""Automatic video diagnosis (issue 14 item 7): the Qt-free classifier and the centre job."""
