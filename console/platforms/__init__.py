"""Adapters to the city's video platforms (GB/T 28181). Qt-free; the centre alone uses them,
with the platform account from its secret store."""
