"""Application services: the use cases the API and CLI share (domain + storage, no HTTP, no CLI)."""
