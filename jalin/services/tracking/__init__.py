"""Tracking use cases (tracking-v1): ingest, timelines, the public view, EPCIS, the sandbox."""
