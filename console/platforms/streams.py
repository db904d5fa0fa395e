"""A platform camera's stream in the catalogue: ``wvp://DEVICE/CHANNEL`` (the GB/T 28181
codes of its device and channel). No terminal plays it: the centre asks the platform for the
media server's RTSP address (``play/start``) when a gateway node first pulls the camera."""

from __future__ import annotations

from urllib.parse import urlsplit

PLATFORM_STREAM_PREFIX = "wvp://"


def platform_stream(device_id: str, channel_id: str) -> str:
    return f"{PLATFORM_STREAM_PREFIX}{device_id}/{channel_id}"


def parse_platform_stream(address: str) -> tuple[str, str]:
    """(device, channel) of ``wvp://DEVICE/CHANNEL``; ValueError when it is not one."""
    parts = urlsplit(address)
    device, channel = parts.netloc, parts.path.strip("/")
    if parts.scheme != "wvp" or not device.isdigit() or not channel.isdigit():
        raise ValueError(f"{address!r} is not a platform stream (wvp://DEVICE/CHANNEL)")
    return device, channel
