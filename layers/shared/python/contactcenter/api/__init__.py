"""HTTP plumbing shared by the API functions: the resolver, problem responses, callers."""
