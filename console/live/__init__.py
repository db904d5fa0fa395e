"""Live view rules without Qt: stream choice, tuning, reconnect timing, stream states."""
