#!/bin/sh
# /usr/bin/city-video-console: the terminal package's program in /opt/city-video-console.
exec /opt/city-video-console/city-video-console "$@"
