"""The IVR: who is calling, and are they who they say (account number and PIN)."""
