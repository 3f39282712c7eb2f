"""Domain events on EventBridge."""
