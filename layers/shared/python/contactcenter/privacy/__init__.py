"""A customer's rights over their personal data: everything the product holds about them, as
one document (export), and its erasure everywhere (the erasure workflow's steps)."""
