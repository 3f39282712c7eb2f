"""The agent and department directory, and assignment of tickets to them."""
