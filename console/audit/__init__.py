"""The usage register (R11): an append-only, hash-chained audit trail written by the
service layer in the same transaction as the action it describes."""
