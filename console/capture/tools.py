"""The programs that capture the screen (R9): screen recorders, screenshot tools and
remote-desktop servers on Linux, Windows and macOS, as data, and how a running process is
recognised as one of them.

A program is recognised by its process names: the executable's base name, compared without
case and without an executable suffix (``OBS64.exe`` is ``obs64``). Linux keeps only the
first 15 characters of a process name (``comm``; macOS 16), so a name of exactly that length
also matches every known name it begins (``simplescreenrec`` is SimpleScreenRecorder).

Generic tools only count when their command line grabs the screen (``ffmpeg -f x11grab``,
``gst-launch-1.0 ximagesrc ! …``, ``vlc screen://``): a ``cmdline`` rule, a regular
expression searched (case-insensitive) in the arguments joined by spaces. Such a rule is
checked only for processes whose name matches, which keeps a scan cheap.

A script run by its interpreter (``python3 /usr/bin/kazam``, ``perl /usr/bin/shutter``) shows
the interpreter's name; for interpreter processes the script's name (or ``-m`` module) counts
as the process name.

Remote-desktop *clients* (Remmina, mstsc, vncviewer, xfreerdp) are not listed: they show
another machine here, they do not send this screen anywhere.

The centre's extra entries (``parse_entry``) are one line each, either a bare process name
(``myrecorder``) or ``name=NAME;kind=KIND;process=a,b;cmdline=REGEX`` — ``process`` required,
``name`` (default: the first process), ``kind`` (default ``recorder``) and ``cmdline``
optional; ``cmdline`` comes last and takes the rest of the line, so the expression may hold
``;``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

MAX_ENTRY = 300            # characters of a stored entry (capture_tools.entry)
MAX_NAME = 100
MAX_PROCESS = 64
MAX_CMDLINE_SCAN = 8192    # characters of a command line a rule is searched in
TRUNCATED_LENGTHS = (15, 16)  # Linux comm (TASK_COMM_LEN - 1), macOS p_comm (MAXCOMLEN)
EXECUTABLE_SUFFIXES = (".exe", ".com", ".bat", ".cmd", ".app", ".appimage", ".bin", ".sh",
                       ".py", ".pl")
_SUFFIXES = frozenset(EXECUTABLE_SUFFIXES)
_DECISIONS_KEPT = 4096     # process names whose decisions a ToolIndex remembers

# interpreters whose scripts are programs of their own (the script names the process)
_INTERPRETER = re.compile(
    r"(?:python[0-9.]*w?|pypy3?|perl[0-9.]*|ruby[0-9.]*|node|nodejs|gjs|gjs-console|"
    r"java|javaw|mono|mono-sgen|bash|sh|dash|zsh)")
_OPTION_WITH_VALUE = frozenset({"-W", "-X", "-cp", "-classpath", "--class-path", "-I"})
_NO_SCRIPT = frozenset({"-c", "-e", "--eval", "-p", "--print"})
_MODULE = frozenset({"-m", "-jar"})


class Kind(StrEnum):
    RECORDER = "recorder"      # records video of the screen
    SCREENSHOT = "screenshot"  # takes still pictures of the screen
    REMOTE = "remote"          # shows this screen on another machine


class Source(StrEnum):
    BUILT_IN = "built-in"
    EXTRA = "extra"            # the centre's configuration (capture_tools table)


class EntryError(ValueError):
    """An extra entry that cannot be used; the message is one line naming the problem."""


@dataclass(frozen=True, slots=True)
class CaptureProgram:
    """One capture program. ``processes`` are normalised names (``normalize_process_name``);
    ``cmdline`` is the regular expression a process's command line must contain, or None
    when the name alone tells."""

    name: str
    kind: Kind
    processes: tuple[str, ...]
    cmdline: str | None = None
    note: str = ""
    source: Source = Source.BUILT_IN
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False,
                                             default=None)

    def __post_init__(self) -> None:
        if self.cmdline is not None:
            object.__setattr__(self, "_pattern", re.compile(self.cmdline, re.IGNORECASE))

    @property
    def needs_cmdline(self) -> bool:
        return self._pattern is not None

    def matches_cmdline(self, argv: Sequence[str]) -> bool:
        """True when there is no command-line rule or ``argv`` satisfies it."""
        if self._pattern is None:
            return True
        return self._pattern.search(" ".join(argv)[:MAX_CMDLINE_SCAN]) is not None

    def rule(self) -> str:
        """How it is recognised, as text: ``process=a,b`` and ``;cmdline=REGEX`` if any."""
        text = "process=" + ",".join(self.processes)
        return text if self.cmdline is None else f"{text};cmdline={self.cmdline}"

    def entry(self) -> str:
        """The canonical entry text (``parse_entry(p.entry())`` gives ``p`` back, as extra)."""
        return format_entry(self)


def normalize_process_name(name: str) -> str:
    """The comparable form of a process or executable name: base name, lower case, without
    an executable suffix (``C:\\Tools\\OBS64.EXE`` → ``obs64``)."""
    base = name.strip().replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    stem, dot, suffix = base.rpartition(".")
    return stem if dot and stem and f".{suffix}" in _SUFFIXES else base


def _program(name: str, kind: Kind, *processes: str, cmdline: str | None = None,
             note: str = "") -> CaptureProgram:
    return CaptureProgram(name, kind, tuple(normalize_process_name(p) for p in processes),
                          cmdline, note)


REC, SHOT, REMOTE = Kind.RECORDER, Kind.SCREENSHOT, Kind.REMOTE

FFMPEG_GRAB = (r"\b(?:x11grab|kmsgrab|gdigrab|ddagrab|avfoundation)\b|"
               r"-f\s+fbdev\b|screen-capture-recorder")
GST_GRAB = (r"\b(?:ximagesrc|pipewiresrc|d3d11screencapturesrc|d3d12screencapturesrc|"
            r"dx9screencapsrc|gdiscreencapsrc)\b|"
            r"\bavfvideosrc\b[^!]*\bcapture-screen\s*=\s*(?:true|1|yes)")
VLC_GRAB = r"\bscreen://"

BUILT_IN: tuple[CaptureProgram, ...] = (
    # -- screen recorders ------------------------------------------------------------------
    _program("OBS Studio", REC, "obs", "obs64", "obs32", "obs-studio",
             "com.obsproject.Studio"),
    _program("SimpleScreenRecorder", REC, "simplescreenrecorder"),
    _program("Kazam", REC, "kazam"),
    _program("vokoscreenNG", REC, "vokoscreen", "vokoscreenNG"),
    _program("Peek", REC, "peek"),
    _program("wf-recorder", REC, "wf-recorder"),
    _program("wl-screenrec", REC, "wl-screenrec"),
    _program("Kooha", REC, "kooha"),
    _program("recordMyDesktop", REC, "recordmydesktop", "gtk-recordmydesktop",
             "qt-recordmydesktop"),
    _program("Byzanz", REC, "byzanz-record"),
    _program("GPU Screen Recorder", REC, "gpu-screen-recorder", "gsr-kms-server"),
    _program("Green Recorder", REC, "green-recorder"),
    _program("Blue Recorder", REC, "blue-recorder"),
    _program("Deepin Screen Recorder", REC, "deepin-screen-recorder"),
    _program("GNOME screen recorder", REC, "org.gnome.Shell.Screencast",
             note="GNOME 44 and later record in this helper; older GNOME Shell records "
                  "inside gnome-shell itself, which no process scan can tell"),
    _program("FFmpeg screen grab", REC, "ffmpeg", "avconv", cmdline=FFMPEG_GRAB,
             note="only when the command line grabs the screen"),
    _program("GStreamer screen grab", REC, "gst-launch-1.0", cmdline=GST_GRAB,
             note="only when the pipeline has a screen source"),
    _program("VLC screen capture", REC, "vlc", "cvlc", "qvlc", "nvlc", cmdline=VLC_GRAB,
             note="only when the command line opens screen://"),
    _program("Bandicam", REC, "bdcam", "bandicam"),
    _program("Camtasia", REC, "CamtasiaStudio", "CamRecorder", "Camtasia"),
    _program("Xbox Game Bar", REC, "GameBar", "GameBarFTServer", "XboxGameBar"),
    _program("ScreenToGif", REC, "ScreenToGif"),
    _program("oCam", REC, "oCam"),
    _program("Loom", REC, "Loom"),
    _program("QuickTime Player", REC, "QuickTime Player",
             note="playing and recording are the same program: counted as a recorder "
                  "whenever it runs"),
    _program("Kap", REC, "Kap"),
    # -- screenshots -----------------------------------------------------------------------
    _program("Flameshot", SHOT, "flameshot"),
    _program("Spectacle", SHOT, "spectacle", note="also records the screen"),
    _program("GNOME Screenshot", SHOT, "gnome-screenshot"),
    _program("ksnip", SHOT, "ksnip"),
    _program("Shutter", SHOT, "shutter"),
    _program("scrot", SHOT, "scrot"),
    _program("maim", SHOT, "maim"),
    _program("grim", SHOT, "grim"),
    _program("Xfce Screenshooter", SHOT, "xfce4-screenshooter"),
    _program("MATE Screenshot", SHOT, "mate-screenshot"),
    _program("Deepin Screenshot", SHOT, "deepin-screenshot"),
    _program("ImageMagick import", SHOT, "import"),
    _program("xwd", SHOT, "xwd"),
    _program("Snipping Tool", SHOT, "SnippingTool", "ScreenSketch", "ScreenClippingHost"),
    _program("ShareX", SHOT, "ShareX"),
    _program("Greenshot", SHOT, "Greenshot"),
    _program("Snagit", SHOT, "Snagit32", "Snagit64", "SnagitEditor", "SnagitCapture",
             "Snagit"),
    _program("FastStone Capture", SHOT, "FSCapture"),
    _program("Lightshot", SHOT, "Lightshot"),
    _program("PicPick", SHOT, "PicPick"),
    _program("Screenpresso", SHOT, "Screenpresso"),
    _program("macOS screencapture", SHOT, "screencapture"),
    _program("macOS Screenshot", SHOT, "Screenshot"),
    _program("CleanShot X", SHOT, "CleanShot X"),
    # -- remote desktop servers (clients are not listed) -----------------------------------
    _program("x11vnc", REMOTE, "x11vnc"),
    _program("VNC server", REMOTE, "vncserver", "x0vncserver", "Xvnc", "Xtigervnc",
             "vncserver-x11", "vncserver-x11-core", "winvnc", "winvnc4", "tvnserver"),
    _program("Vino", REMOTE, "vino-server"),
    _program("KDE Desktop Sharing", REMOTE, "krfb"),
    _program("GNOME Remote Desktop", REMOTE, "gnome-remote-desktop-daemon"),
    _program("xrdp", REMOTE, "xrdp", "xrdp-sesman"),
    _program("TeamViewer", REMOTE, "TeamViewer", "teamviewerd", "TeamViewer_Service",
             "TeamViewer_Desktop", "tv_w32", "tv_x64",
             note="its background service counts too: it accepts remote sessions"),
    _program("AnyDesk", REMOTE, "AnyDesk"),
    _program("RustDesk", REMOTE, "rustdesk"),
    _program("Sunlogin (向日葵)", REMOTE, "sunloginclient", "SunloginService"),
    _program("ToDesk", REMOTE, "ToDesk", "ToDesk_Service", "ToDesk_Session"),
    _program("Chrome Remote Desktop", REMOTE, "remoting_host", "chrome-remote-desktop-host"),
    _program("Parsec", REMOTE, "parsecd"),
    _program("NoMachine", REMOTE, "nxnode", "nxserver"),
    _program("Splashtop", REMOTE, "SRServer", "SRStreamer"),
    _program("Remote Desktop session (RDP)", REMOTE, "rdpclip",
             note="runs inside a Windows session someone is connected to over RDP"),
    _program("macOS Screen Sharing", REMOTE, "screensharingd", "ARDAgent"),
)

# remote-desktop clients: deliberately absent (they show another machine, not this one)
CLIENTS_NOT_LISTED = ("remmina", "mstsc", "vncviewer", "xtigervncviewer", "xfreerdp",
                      "wlfreerdp", "krdc", "vinagre", "Screen Sharing")


def is_interpreter(process_name: str) -> bool:
    return _INTERPRETER.fullmatch(normalize_process_name(process_name)) is not None


def script_name(argv: Sequence[str]) -> str | None:
    """The script (or ``-m`` module, ``-jar`` archive) an interpreter runs, normalised; None
    when it runs code given inline or nothing."""
    args = iter(argv[1:])
    for arg in args:
        if arg in _MODULE:
            target = next(args, None)
            return normalize_process_name(target) if target else None
        if arg in _NO_SCRIPT:
            return None
        if arg in _OPTION_WITH_VALUE:
            next(args, None)
            continue
        if arg.startswith("-"):
            continue
        return normalize_process_name(arg) or None
    return None


class ToolIndex:
    """The programs by process name, for matching many processes fast."""

    def __init__(self, programs: Iterable[CaptureProgram]) -> None:
        self.programs: tuple[CaptureProgram, ...] = tuple(programs)
        self._decisions: dict[str, tuple[bool, bool]] = {}
        self._exact: dict[str, list[CaptureProgram]] = {}
        self._truncated: dict[int, dict[str, list[CaptureProgram]]] = {
            n: {} for n in TRUNCATED_LENGTHS}
        for program in self.programs:
            for process in program.processes:
                _add(self._exact, process, program)
                for length, table in self._truncated.items():
                    # a truncated comm may have lost the whole name's tail, or its ".exe"
                    for full in (process, process + ".exe"):
                        if len(full) > length:
                            _add(table, full[:length], program)

    def by_name(self, process_name: str) -> tuple[CaptureProgram, ...]:
        """The programs that have this process name (whatever their command-line rule)."""
        found = list(self._exact.get(normalize_process_name(process_name), ()))
        raw = process_name.strip().lower()
        table = self._truncated.get(len(raw))
        if table is not None:
            found += [p for p in table.get(raw, ()) if p not in found]
        return tuple(found)

    def needs_cmdline(self, process_name: str) -> bool:
        """True when the command line must be read to decide on this process."""
        return self._decide(process_name)[1]

    def could_match(self, process_name: str) -> bool:
        """True when this process may be a capture program (by name, or as an interpreter)."""
        return self._decide(process_name)[0]

    def _decide(self, process_name: str) -> tuple[bool, bool]:
        """(could match, needs the command line), remembered per name: a scan asks for
        every process and most names repeat from scan to scan."""
        decision = self._decisions.get(process_name)
        if decision is None:
            programs = self.by_name(process_name)
            interpreter = is_interpreter(process_name)
            decision = (bool(programs) or interpreter,
                        interpreter or any(p.needs_cmdline for p in programs))
            if len(self._decisions) >= _DECISIONS_KEPT:
                self._decisions.clear()
            self._decisions[process_name] = decision
        return decision

    def match(self, process_name: str,
              argv: Sequence[str] | None = None) -> tuple[CaptureProgram, ...]:
        """The programs this process is. ``argv`` None: the command line was not read (a
        program with a command-line rule then does not match)."""
        found = [p for p in self.by_name(process_name)
                 if not p.needs_cmdline or (argv is not None and p.matches_cmdline(argv))]
        if argv and is_interpreter(process_name):
            script = script_name(argv)
            if script:
                found += [p for p in self._exact.get(script, ())
                          if p not in found and p.matches_cmdline(argv)]
        return tuple(found)


def _add(table: dict[str, list[CaptureProgram]], key: str, program: CaptureProgram) -> None:
    programs = table.setdefault(key, [])
    if program not in programs:
        programs.append(program)


# -- the centre's extra entries -----------------------------------------------------------

_KEYS = ("name", "kind", "process", "cmdline")


def parse_entry(text: str) -> CaptureProgram:
    """One extra entry → its program (source ``extra``). Raises ``EntryError`` (one line)."""
    raw = text.strip()
    if not raw:
        raise EntryError("the entry is empty: give a process name or "
                         "name=NAME;process=a,b;cmdline=REGEX")
    if len(raw) > MAX_ENTRY:
        raise EntryError(f"the entry is longer than {MAX_ENTRY} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        raise EntryError("the entry contains control characters")
    if "=" not in raw and ";" not in raw:
        process = _process(raw)
        return CaptureProgram(process, Kind.RECORDER, (process,), source=Source.EXTRA)
    values = _fields(raw)
    if "process" not in values:
        raise EntryError("process= is missing: name the program's process(es), e.g. "
                         "process=myrec,myrec64")
    processes: list[str] = []
    for item in values["process"].split(","):
        process = _process(item)
        if process not in processes:
            processes.append(process)
    name = values.get("name", processes[0]).strip()
    if not name:
        raise EntryError("name= is empty")
    if len(name) > MAX_NAME:
        raise EntryError(f"name: longer than {MAX_NAME} characters")
    kind_text = values.get("kind", Kind.RECORDER.value).strip().lower()
    try:
        kind = Kind(kind_text)
    except ValueError:
        raise EntryError(f"kind: {kind_text!r} is not one of "
                         f"{', '.join(k.value for k in Kind)}") from None
    cmdline = values.get("cmdline")
    if cmdline is not None:
        if not cmdline.strip():
            raise EntryError("cmdline= is empty: leave it out to match by name only")
        try:
            re.compile(cmdline, re.IGNORECASE)
        except re.error as exc:
            raise EntryError(f"cmdline: not a regular expression ({exc})") from None
    program = CaptureProgram(name, kind, tuple(processes), cmdline, source=Source.EXTRA)
    if len(format_entry(program)) > MAX_ENTRY:
        raise EntryError(f"the entry is longer than {MAX_ENTRY} characters")
    return program


def format_entry(program: CaptureProgram) -> str:
    """The canonical entry text: a bare process name when that says everything."""
    if (program.cmdline is None and program.kind == Kind.RECORDER
            and program.processes == (program.name,)):
        return program.name
    text = f"name={program.name};kind={program.kind.value};process={','.join(program.processes)}"
    return text if program.cmdline is None else f"{text};cmdline={program.cmdline}"


def _fields(raw: str) -> dict[str, str]:
    values: dict[str, str] = {}
    rest = raw
    while rest:
        stripped = rest.lstrip()
        if stripped.lower().startswith("cmdline="):
            part, rest = stripped, ""        # the expression takes the rest of the line
        else:
            part, _, rest = rest.partition(";")
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if key == "processes":
            key = "process"
        if not sep:
            raise EntryError(f"{part.strip()!r} is not KEY=VALUE (keys: {', '.join(_KEYS)})")
        if key not in _KEYS:
            raise EntryError(f"unknown key {key!r} (keys: {', '.join(_KEYS)})")
        if key in values:
            raise EntryError(f"{key}= is given twice")
        values[key] = value if key == "cmdline" else value.strip()
    return values


def _process(text: str) -> str:
    shown = text.strip()
    if not shown:
        raise EntryError("process: an empty process name")
    if any(ch in shown for ch in "=;,"):
        raise EntryError(f"process: {shown!r} contains '=', ';' or ','")
    process = normalize_process_name(shown)
    if not process:
        raise EntryError(f"process: {shown!r} has no file name")
    if len(process) > MAX_PROCESS:
        raise EntryError(f"process: {shown!r} is longer than {MAX_PROCESS} characters")
    return process
