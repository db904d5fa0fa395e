"""The centre server (HTTPS API over the shared database) and what runs beside it."""
