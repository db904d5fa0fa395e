"""The command line of main.py: administration for installers, audit verification,
secrets. Qt-free; main.py builds the services and hands them to these commands."""
