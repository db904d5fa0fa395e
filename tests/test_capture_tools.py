"""Recognising capture programs (R9): process names (case, suffixes, the truncated Linux
comm), command-line rules for generic tools, scripts under their interpreter, and the
centre's extra entries."""

from __future__ import annotations

import shlex

import pytest

from console.capture.tools import (
    BUILT_IN,
    CLIENTS_NOT_LISTED,
    CaptureProgram,
    EntryError,
    Kind,
    Source,
    ToolIndex,
    format_entry,
    normalize_process_name,
    parse_entry,
    script_name,
)

INDEX = ToolIndex(BUILT_IN)


def names(process: str, cmdline: str | None = None) -> list[str]:
    argv = shlex.split(cmdline) if cmdline is not None else None
    return [p.name for p in INDEX.match(process, argv)]


@pytest.mark.parametrize(("process", "tool"), [
    ("obs", "OBS Studio"),
    ("OBS", "OBS Studio"),
    ("obs64.exe", "OBS Studio"),
    ("OBS64.EXE", "OBS Studio"),
    ("/usr/bin/obs", "OBS Studio"),
    ("C:\\Program Files\\obs-studio\\bin\\64bit\\obs64.exe", "OBS Studio"),
    ("obs-studio", "OBS Studio"),
    ("simplescreenrecorder", "SimpleScreenRecorder"),
    ("simplescreenrec", "SimpleScreenRecorder"),        # Linux comm: 15 characters
    ("gnome-screensho", "GNOME Screenshot"),
    ("gnome-screenshot", "GNOME Screenshot"),
    ("xfce4-screensho", "Xfce Screenshooter"),
    ("gnome-remote-de", "GNOME Remote Desktop"),
    ("ScreenClippingH", "Snipping Tool"),                # a Windows name under Wine
    ("SnippingTool.exe", "Snipping Tool"),
    ("vokoscreenNG", "vokoscreenNG"),
    ("kazam", "Kazam"),
    ("peek", "Peek"),
    ("flameshot", "Flameshot"),
    ("spectacle", "Spectacle"),
    ("ksnip", "ksnip"),
    ("shutter", "Shutter"),
    ("scrot", "scrot"),
    ("maim", "maim"),
    ("grim", "grim"),
    ("wf-recorder", "wf-recorder"),
    ("kooha", "Kooha"),
    ("recordmydesktop", "recordMyDesktop"),
    ("byzanz-record", "Byzanz"),
    ("x11vnc", "x11vnc"),
    ("Xvnc", "VNC server"),
    ("x0vncserver", "VNC server"),
    ("vncserver", "VNC server"),
    ("teamviewer", "TeamViewer"),
    ("TeamViewer_Service.exe", "TeamViewer"),
    ("AnyDesk.exe", "AnyDesk"),
    ("rustdesk", "RustDesk"),
    ("sunloginclient", "Sunlogin (向日葵)"),
    ("SunloginClient.exe", "Sunlogin (向日葵)"),
    ("ToDesk.exe", "ToDesk"),
    ("bdcam.exe", "Bandicam"),
    ("CamtasiaStudio.exe", "Camtasia"),
    ("CamRecorder.exe", "Camtasia"),
    ("ShareX.exe", "ShareX"),
    ("Greenshot.exe", "Greenshot"),
    ("Snagit32.exe", "Snagit"),
    ("SnagitEditor.exe", "Snagit"),
    ("FSCapture.exe", "FastStone Capture"),
    ("GameBar.exe", "Xbox Game Bar"),
    ("XboxGameBar.exe", "Xbox Game Bar"),
    ("ScreenSketch.exe", "Snipping Tool"),
    ("screencapture", "macOS screencapture"),
    ("Screenshot", "macOS Screenshot"),
    ("QuickTime Player", "QuickTime Player"),
    ("Kap", "Kap"),
    ("CleanShot X", "CleanShot X"),
])
def test_names(process: str, tool: str) -> None:
    assert names(process) == [tool]


@pytest.mark.parametrize("process", [
    "remmina", "mstsc.exe", "vncviewer", "xfreerdp", "Screen Sharing",   # clients
    "bash", "python3", "firefox", "Xorg", "gnome-shell", "obsidian", "obs-", "sleep",
    "simplescreenre",          # 14 characters: not a truncated comm, not a name
    "simplescreenrecorderX",   # longer than the name: no prefix match
    "kworker/0:1", "",
])
def test_other_processes_are_not_capture_programs(process: str) -> None:
    assert names(process) == []


def test_clients_are_not_listed() -> None:
    for client in CLIENTS_NOT_LISTED:
        assert INDEX.by_name(client) == (), client


@pytest.mark.parametrize(("process", "cmdline", "tool"), [
    ("ffmpeg", "ffmpeg -f x11grab -i :0 out.mp4", "FFmpeg screen grab"),
    ("ffmpeg", "ffmpeg -video_size 1920x1080 -framerate 25 -f x11grab -i :0.0+0,0 o.mkv",
     "FFmpeg screen grab"),
    ("ffmpeg", "ffmpeg -device /dev/dri/card0 -f kmsgrab -i - o.mkv", "FFmpeg screen grab"),
    ("ffmpeg.exe", "ffmpeg.exe -f gdigrab -i desktop o.mp4", "FFmpeg screen grab"),
    ("ffmpeg.exe", "ffmpeg -f lavfi -i ddagrab=0 o.mkv", "FFmpeg screen grab"),
    ("ffmpeg", "ffmpeg -f avfoundation -i 1:0 o.mov", "FFmpeg screen grab"),
    ("ffmpeg", "ffmpeg -f fbdev -i /dev/fb0 o.png", "FFmpeg screen grab"),
    ("avconv", "avconv -f X11GRAB -i :0 o.mp4", "FFmpeg screen grab"),
    ("ffmpeg", "ffmpeg -i rtsp://10.0.0.1/live -f null -", None),
    ("ffmpeg", "ffmpeg -f lavfi -i testsrc -f null -", None),
    ("ffmpeg", "ffmpeg -i in.mp4 -c copy fbdevice.mp4", None),
    ("gst-launch-1.0", "gst-launch-1.0 ximagesrc ! videoconvert ! x264enc ! mp4mux ! "
     "filesink location=o.mp4", "GStreamer screen grab"),
    ("gst-launch-1.0", "gst-launch-1.0 pipewiresrc path=42 ! fakesink",
     "GStreamer screen grab"),
    ("gst-launch-1.0.exe", "gst-launch-1.0 d3d11screencapturesrc ! fakesink",
     "GStreamer screen grab"),
    ("gst-launch-1.0", "gst-launch-1.0 dx9screencapsrc ! fakesink", "GStreamer screen grab"),
    ("gst-launch-1.0", "gst-launch-1.0 avfvideosrc capture-screen=true ! fakesink",
     "GStreamer screen grab"),
    ("gst-launch-1.0", "gst-launch-1.0 avfvideosrc device-index=0 ! fakesink", None),
    ("gst-launch-1.0", "gst-launch-1.0 videotestsrc ! videoconvert ! fakesink", None),
    ("gst-launch-1.0", "gst-launch-1.0 rtspsrc location=rtsp://x ! fakesink", None),
    ("vlc", "vlc screen:// --sout file/ts:o.ts", "VLC screen capture"),
    ("cvlc", "cvlc SCREEN:// :screen-fps=25", "VLC screen capture"),
    ("vlc", "vlc rtsp://10.0.0.1/live", None),
    ("vlc", "vlc /home/me/screen.mp4", None),
])
def test_command_line_rules(process: str, cmdline: str, tool: str | None) -> None:
    assert names(process, cmdline) == ([tool] if tool else [])
    assert INDEX.needs_cmdline(process)


def test_a_rule_without_its_command_line_does_not_match() -> None:
    assert names("ffmpeg") == []          # not read (or unreadable): skipped
    assert not INDEX.needs_cmdline("obs")


@pytest.mark.parametrize(("process", "cmdline", "tool"), [
    ("python3", "/usr/bin/python3 /usr/bin/kazam", "Kazam"),
    ("python3.11", "python3.11 -u /usr/bin/kazam --debug", "Kazam"),
    ("python3", "python3 -m kazam", "Kazam"),
    ("perl", "/usr/bin/perl -w /usr/bin/shutter --min_at_startup", "Shutter"),
    ("sh", "/bin/sh /usr/bin/vncserver :1", "VNC server"),
    ("python3", "python3 -c import kazam", None),
    ("python3", "python3 main.py", None),
    ("python3", "python3 -W ignore /usr/bin/kazam", "Kazam"),
])
def test_scripts_under_their_interpreter(process: str, cmdline: str, tool: str | None) -> None:
    assert names(process, cmdline) == ([tool] if tool else [])
    assert INDEX.needs_cmdline(process)


def test_script_name() -> None:
    assert script_name(["python3", "-X", "dev", "/opt/rec/myrec.py", "-v"]) == "myrec"
    assert script_name(["java", "-cp", "a.jar", "-jar", "Rec.jar"]) == "rec.jar"
    assert script_name(["python3"]) is None


@pytest.mark.parametrize(("raw", "normal"), [
    ("OBS64.EXE", "obs64"), ("/usr/bin/obs", "obs"), ("gst-launch-1.0", "gst-launch-1.0"),
    ("gst-launch-1.0.exe", "gst-launch-1.0"), ("Kooha.AppImage", "kooha"),
    ("QuickTime Player", "quicktime player"), (".exe", ".exe"), ("rec.sh", "rec"),
])
def test_normalize(raw: str, normal: str) -> None:
    assert normalize_process_name(raw) == normal


def test_built_in_list_is_consistent() -> None:
    assert len({p.name for p in BUILT_IN}) == len(BUILT_IN)
    for program in BUILT_IN:
        assert program.source == Source.BUILT_IN
        assert program.processes
        assert all(p == normalize_process_name(p) for p in program.processes)
        assert INDEX.by_name(program.processes[0])[0] is program
    owners: dict[str, str] = {}
    for program in BUILT_IN:
        for process in program.processes:
            assert owners.setdefault(process, program.name) == program.name, process
    assert {p.kind for p in BUILT_IN} == set(Kind)
    quicktime = next(p for p in BUILT_IN if p.name == "QuickTime Player")
    assert quicktime.kind == Kind.RECORDER and quicktime.note


# -- the centre's extra entries -----------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("myrec", CaptureProgram("myrec", Kind.RECORDER, ("myrec",), source=Source.EXTRA)),
    ("  MyRec.exe ", CaptureProgram("myrec", Kind.RECORDER, ("myrec",), source=Source.EXTRA)),
    ("Screen Grabber", CaptureProgram("screen grabber", Kind.RECORDER, ("screen grabber",),
                                      source=Source.EXTRA)),
    ("name=My Recorder;process=myrec,MyRec64.exe",
     CaptureProgram("My Recorder", Kind.RECORDER, ("myrec", "myrec64"), source=Source.EXTRA)),
    ("process=snap;kind=Screenshot",
     CaptureProgram("snap", Kind.SCREENSHOT, ("snap",), source=Source.EXTRA)),
    ("name=Grabber; kind=remote ;processes=grab;cmdline=--share\\s+screen;x",
     CaptureProgram("Grabber", Kind.REMOTE, ("grab",), r"--share\s+screen;x",
                    source=Source.EXTRA)),
    ("name=a=b;process=p;", CaptureProgram("a=b", Kind.RECORDER, ("p",), source=Source.EXTRA)),
])
def test_parse_entry(text: str, expected: CaptureProgram) -> None:
    program = parse_entry(text)
    assert program == expected
    assert parse_entry(format_entry(program)) == program     # the canonical form round-trips


def test_canonical_forms() -> None:
    assert format_entry(parse_entry("MyRec.EXE")) == "myrec"
    assert format_entry(parse_entry("process=myrec")) == "myrec"
    assert format_entry(parse_entry("process = MyRec ; name = myrec")) == "myrec"
    assert format_entry(parse_entry("kind=remote;process=x,y")) == \
        "name=x;kind=remote;process=x,y"
    assert format_entry(parse_entry("process=rec;cmdline=--screen")) == \
        "name=rec;kind=recorder;process=rec;cmdline=--screen"


def test_an_extra_entry_is_recognised() -> None:
    index = ToolIndex((*BUILT_IN, parse_entry("name=Grabber;process=grab;cmdline=--screen")))
    assert [p.name for p in index.match("grab", ["grab", "--screen", "0"])] == ["Grabber"]
    assert index.match("grab", ["grab", "--window"]) == ()
    assert index.needs_cmdline("grab")


@pytest.mark.parametrize(("text", "message"), [
    ("", "the entry is empty"),
    ("   ", "the entry is empty"),
    ("x" * 301, "longer than 300 characters"),
    ("rec\tx", "control characters"),
    ("name=Rec", "process= is missing"),
    ("name=Rec;cmdline=--screen", "process= is missing"),
    ("process=", "process: an empty process name"),
    ("process=a,,b", "process: an empty process name"),
    ("process=a;process=b", "process= is given twice"),
    ("process=a;colour=red", "unknown key 'colour'"),
    ("process=a;oops", "'oops' is not KEY=VALUE"),
    ("process=a;kind=video", "kind: 'video' is not one of recorder, screenshot, remote"),
    ("process=a;name= ", "name= is empty"),
    ("process=a;name=" + "n" * 101, "name: longer than 100 characters"),
    ("process=a;cmdline=(", "cmdline: not a regular expression"),
    ("process=a;cmdline=  ", "cmdline= is empty"),
    ("process=/usr/bin/", "has no file name"),
    ("a;b", "'a' is not KEY=VALUE"),
    ("process=" + "p" * 65, "longer than 64 characters"),
])
def test_bad_entries(text: str, message: str) -> None:
    with pytest.raises(EntryError) as caught:
        parse_entry(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
