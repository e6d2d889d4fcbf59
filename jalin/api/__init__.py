"""HTTP API: FastAPI app factory, routers per domain, problem+json errors."""

from jalin.api.app import create_app

__all__ = ["create_app"]
