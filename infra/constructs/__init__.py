"""Reusable constructs, one per file."""
