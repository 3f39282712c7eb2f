"""One ticket system for complaints, requests, compliments and inquiries from every channel."""
