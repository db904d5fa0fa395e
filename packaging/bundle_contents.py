"""What the terminal bundles leave out, shared by packaging/terminal.spec (Linux) and
packaging/windows/terminal.spec. Plain Python, read by the specs and by the tests
(tests/test_packaging_terminal.py checks the built folder, tests/test_packaging_windows.py
the Windows spec)."""

from __future__ import annotations

# Modules a terminal never runs: the centre (a terminal holds no database and reaches every
# rule through the centre's API), the demo (its accounts and their published password are
# demo data, seeded only into the embedded demo centre, which a terminal package lacks) and
# what only they import. The import statements that still name some of them sit in code
# paths the terminal package does not take (console/install.py: centre_installed() is False).
CENTRE_ONLY = (
    "console.server", "console.storage", "console.demo", "console.overlay.demo_panorama",
    "console.embedded",
    "sqlalchemy", "alembic", "mako", "psycopg", "psycopg_binary", "psycopg_c", "psycopg2",
    "fastapi", "starlette", "uvicorn", "httptools", "uvloop", "anyio", "h11",
    "argon2", "_argon2_cffi_bindings",
    "onvif", "zeep", "lxml", "ipycam", "cv2",
    "openpyxl", "python_calamine",
    "keyring",
)

# The tests, benchmarks and developer tools.
DEVELOPER_ONLY = (
    "tests", "benchmarks", "tools", "pytest", "_pytest", "pytestqt", "hypothesis",
    "schemathesis", "mypy", "ruff", "importlinter", "grimp", "PyInstaller", "setuptools",
    "pip", "tkinter", "IPython",
)

# What the console needs and a careless exclude could drop: the capture exclusion
# (SetWindowDisplayAffinity through ctypes on Windows, sharingType on macOS).
MUST_KEEP = ("console.capture.exclusion", "ctypes", "ctypes.wintypes")

EXCLUDES = [*CENTRE_ONLY, *DEVELOPER_ONLY]
