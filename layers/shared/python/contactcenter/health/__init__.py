"""Liveness and dependency health of a deployment."""
