"""Duty roster, on-duty log, handover and supervisor review (R12)."""
