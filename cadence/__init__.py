"""Cadence: the recurring duties of a plan, as schedules that run themselves."""
