"""Webhook use cases: the outbox (`outbox.publish`), endpoints, and delivery by the worker."""
