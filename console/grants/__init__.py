"""Grants (R5-R7, R15): who may use which camera with which right, and when."""
