"""The Qt views of the console: windows and dialogs that call the services in ``console``
and translate the reason codes they get back. No rules live here."""
