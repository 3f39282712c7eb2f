"""Callbacks: queued (from the customer-queue flow) and scheduled (through the API)."""
