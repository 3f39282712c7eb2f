"""The product's stacks, one per concern."""
