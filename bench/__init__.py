"""Benchmarks: commands that measure, not tests that pass or fail."""
