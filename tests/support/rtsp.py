"""Test media and a real RTSP server for the player tests.

``generate_clips(directory)`` writes small H.264 MP4s with ffmpeg's testsrc2 (25 fps, GOP 25,
no B-frames, a burned-in frame counter): 640×360 and 1280×720 for 10 s, and a 1 s 320×180
clip for end-of-file tests. ``serve(clips)`` is the GStreamer RTSP server of the demo
(``console/demo/rtsp_server.py``, run by the system python) with ``/clip360``, ``/clip720``
(per-client file mounts) and ``/live`` (an endless 640×360 live encode).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from console.demo.rtsp_spec import FileMount, LiveMount, Mount, RtspServerProcess

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")


@dataclass(frozen=True)
class MediaClips:
    clip360: Path    # 640×360, 10 s
    clip720: Path    # 1280×720, 10 s
    short: Path      # 320×180, 1 s


def _ffmpeg_args(out: Path, width: int, height: int, seconds: float, label: str) -> list[str]:
    video = f"testsrc2=size={width}x{height}:rate=25"
    if FONT.exists():
        video += (f",drawtext=fontfile={FONT}:text='{label} F=%{{frame_num}}'"
                  ":fontsize=h/10:fontcolor=white:box=1:boxcolor=black@0.7:x=10:y=10")
    return ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", video,
            "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28",
            "-profile:v", "main", "-bf", "0", "-g", "25", "-keyint_min", "25",
            "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(out)]


def generate_clips(directory: Path) -> MediaClips:
    """Encode the three clips in parallel (about 1 s on 2 cores)."""
    if shutil.which("ffmpeg") is None:
        raise FileNotFoundError("ffmpeg is not installed (Debian package ffmpeg)")
    clips = MediaClips(directory / "clip360.mp4", directory / "clip720.mp4",
                       directory / "short.mp4")
    jobs = [
        subprocess.Popen(_ffmpeg_args(clips.clip360, 640, 360, 10, "360p")),
        subprocess.Popen(_ffmpeg_args(clips.clip720, 1280, 720, 10, "720p")),
        subprocess.Popen(_ffmpeg_args(clips.short, 320, 180, 1, "short")),
    ]
    failed = [job.args for job in jobs if job.wait(timeout=60) != 0]
    if failed:
        raise RuntimeError(f"ffmpeg failed: {failed}")
    return clips


def standard_mounts(clips: MediaClips) -> list[Mount]:
    return [
        FileMount("/clip360", str(clips.clip360)),
        FileMount("/clip720", str(clips.clip720)),
        LiveMount("/live", width=640, height=360, fps=25, label="live 测试", pattern=0),
    ]


def serve(clips: MediaClips, port: int | None = None) -> RtspServerProcess:
    """A started server with the test mounts (raises RtspServerUnavailableError without
    GStreamer)."""
    server = RtspServerProcess(standard_mounts(clips), port)
    server.start()
    return server
