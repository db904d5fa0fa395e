"""The Windows terminal's build files (packaging/windows/): they cannot be built on this
Linux machine (PyInstaller does not cross-compile, Inno Setup runs on Windows), so what can
be checked here is checked: the spec runs as PyInstaller runs it (compiled as Python with
PyInstaller's spec globals stubbed) and asks for what the Linux bundle has — the console's
entry point, its translations, the same exclusions — while keeping the capture exclusion,
whose Windows path (SetWindowDisplayAffinity) the existing seam
(console/capture/exclusion.py, tests/test_capture_exclusion.py) covers; the installer script
names the folder the spec makes and both programs in it."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from console.capture.exclusion import ExclusionLevel, WindowsExcluder, excluder_for_platform

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = ROOT / "packaging" / "windows"
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_contents  # noqa: E402


class _Recorded:
    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        # what an Analysis exposes to the rest of a spec
        self.binaries: list[tuple[str, str, str]] = [
            ("libvlc.dll", "C:/VLC/libvlc.dll", "BINARY"),
            ("av.libs/avcodec-62.dll", "C:/x/avcodec-62.dll", "BINARY"),
        ]
        self.datas: list[tuple[str, str, str]] = []
        self.pure: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[str, str, str]] = []


def _run_spec(path: Path) -> dict[str, Any]:
    made: dict[str, list[_Recorded]] = {}

    def factory(kind: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> _Recorded:
            item = _Recorded(kind, *args, **kwargs)
            made.setdefault(kind, []).append(item)
            return item
        return make

    namespace: dict[str, Any] = {
        "SPECPATH": str(path.parent), "SPEC": str(path), "__file__": str(path),
        **{kind: factory(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # noqa: S102
    namespace["_made"] = made
    return namespace


def test_the_windows_spec_parses_and_builds_the_terminal_without_the_centre() -> None:
    spec = _run_spec(WINDOWS / "terminal.spec")
    made = spec["_made"]
    (analysis,) = made["Analysis"]
    assert [Path(p) for p in analysis.args[0]] == [ROOT / "main.py"]
    assert set(analysis.kwargs["excludes"]) == set(bundle_contents.EXCLUDES)
    for module in ("console.server", "console.storage", "console.demo", "sqlalchemy",
                   "psycopg", "tests"):
        assert module in analysis.kwargs["excludes"]
    sources = [Path(src) for src, _dest in analysis.kwargs["datas"]]
    assert ROOT / "resources" / "i18n" / "*.qm" in sources
    assert all(src.parent.exists() for src in sources)
    # libvlc comes from the installed VLC, never bundled
    assert [b[0] for b in spec["a"].binaries] == ["av.libs/avcodec-62.dll"]
    # the windowed console and the command-line program, in one folder
    exes = {e.kwargs["name"]: e.kwargs["console"] for e in made["EXE"]}
    assert exes == {"city-video-console": False, "city-video-console-cli": True}
    (collect,) = made["COLLECT"]
    assert collect.kwargs["name"] == "city-video-console"
    assert len([a for a in collect.args if getattr(a, "kind", "") == "EXE"]) == 2


def test_the_linux_spec_parses_with_the_same_exclusions() -> None:
    spec = _run_spec(ROOT / "packaging" / "terminal.spec")
    (analysis,) = spec["_made"]["Analysis"]
    assert analysis.kwargs["excludes"] == bundle_contents.EXCLUDES


@pytest.mark.parametrize("spec_path", [WINDOWS / "terminal.spec",
                                       ROOT / "packaging" / "terminal.spec"])
def test_the_capture_exclusion_is_kept_in_the_bundles(spec_path: Path) -> None:
    (analysis,) = _run_spec(spec_path)["_made"]["Analysis"]
    excludes = analysis.kwargs["excludes"]
    for module in bundle_contents.MUST_KEEP:
        parts = module.split(".")
        prefixes = {".".join(parts[:n]) for n in range(1, len(parts) + 1)}
        assert not prefixes & set(excludes), module
    # the seam the packaged console uses picks the Windows affinity call on Windows 10 2004+
    excluder = excluder_for_platform("win32", windows_build=19041)
    assert isinstance(excluder, WindowsExcluder)
    assert excluder.level is ExclusionLevel.EXCLUDED


def test_the_installer_script_installs_the_folder_the_spec_makes() -> None:
    text = (WINDOWS / "city-video-console.iss").read_text(encoding="utf-8-sig")
    assert re.search(r'^Source: "\.\.\\\.\.\\build\\windows\\city-video-console\\\*"', text,
                     re.MULTILINE)
    assert "{app}\\city-video-console.exe" in text
    assert "#error Pass the version" in text           # no silent default version
    sections = re.findall(r"^\[(\w+)\]", text, re.MULTILINE)
    assert sections == ["Setup", "Languages", "Tasks", "Files", "Icons", "Run"]
    for key in ("AppId", "AppVersion", "DefaultDirName", "OutputBaseFilename",
                "ArchitecturesInstallIn64BitMode", "PrivilegesRequired"):
        assert re.search(rf"^{key}=", text, re.MULTILINE), key
