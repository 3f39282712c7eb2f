"""Routing: which queue, with which priority, and what the agent sees when the call arrives."""
