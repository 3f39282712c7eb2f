"""Customers: the CRM side of the contact center."""
