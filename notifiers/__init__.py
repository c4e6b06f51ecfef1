"""Message → delivery (email, SMS gateways, file outbox). Knows nothing of plans."""
