"""Benchmarks: scripts that print figures (speed, memory). Tests never time anything."""
