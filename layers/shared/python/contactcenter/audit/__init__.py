"""The product's own append-only audit log: who did what, when, to which record."""
