"""The local cloud: moto as an in-process server, with the product's real handlers behind it."""
