"""Runtime settings, read from `JALIN_*` environment variables (and a `.env` file if present)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JALIN_", env_file=".env", extra="ignore")

    #: SQLAlchemy URL. `postgresql://user@host/db` is accepted and driven by psycopg 3.
    database_url: str = "sqlite:///./var/jalin.db"
    #: Where generated networks, uploads and other files live.
    data_dir: Path = Path("var")
    #: Compiled network snapshots (memory-mapped files shared by the CLI, API workers and
    #: benchmarks); default `<data_dir>/snapshots`.
    snapshot_dir: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    #: Language of user-facing text: `id` (Bahasa Indonesia, default) or `en`.
    lang: str = "id"
    #: Two capital letters that start every master number (UPU S10 service indicator).
    shipment_indicator: str = "JL"
    #: Public address of this hub, for the tracking URL printed on labels as a QR code.
    public_url: str = "http://127.0.0.1:8000"
    #: Mark the portal's session cookie `Secure` (sent over HTTPS only). Browsers also send it to
    #: http://127.0.0.1 and http://localhost; turn it off only for plain HTTP on another address.
    cookie_secure: bool = True
    #: Optional map tiles under the portal's coverage map (/portal/peta), a URL template such as
    #: `https://tiles.example.id/{z}/{x}/{y}.png` on one https host (no `{s}` subdomains). Empty
    #: (the default): no tiles, the points on a plain background. When set, the map page's CSP
    #: allows images from exactly that host (docs/security.md, "Headers").
    map_tile_url: str = ""
    #: The attribution the tile provider requires (e.g. "© OpenStreetMap contributors"), shown
    #: in the map's corner when tiles are on.
    map_tile_attribution: str = ""

    # -- webhooks (tracking-v1, docs/webhooks.md) --
    #: Seconds to wait before each retry, comma separated; after the last, a message is failed.
    webhook_retry_schedule: str = "5,300,1800,7200,18000,36000,36000"
    #: Also allow `http` targets and loopback/private addresses (tests, the demo). Never in production.
    webhooks_allow_private: bool = False
    #: An attempt is delivered if the receiver answers 2xx within this many seconds.
    webhook_timeout_seconds: float = 15.0
    #: How long a worker owns a claimed message; must exceed the timeout. A worker that dies
    #: mid-delivery leaves the message to another worker when the lease runs out.
    webhook_lease_seconds: float = 60.0
    #: An endpoint is disabled after failing for this many days with at least this many failed
    #: messages in a row and no success in between.
    webhook_disable_after_days: float = 5.0
    webhook_disable_after_failures: int = 3
    #: Messages one worker claims at a time, and how many it delivers at once.
    webhook_batch: int = 50
    webhook_concurrency: int = 8

    @field_validator("map_tile_url")
    @classmethod
    def _one_tile_host(cls, url: str) -> str:
        if url and tile_origin(url) is None:
            raise ValueError(
                "JALIN_MAP_TILE_URL must be an https URL template on one host with {z}, {x} and {y}, "
                "e.g. https://tiles.example.id/{z}/{x}/{y}.png"
            )
        return url

    @property
    def snapshots(self) -> Path:
        return self.snapshot_dir if self.snapshot_dir is not None else self.data_dir / "snapshots"


def tile_origin(url: str) -> str | None:
    """`https://host[:port]` of a tile URL template, the one origin the map's CSP then allows; None
    unless the template is https, names one literal host and has `{z}`, `{x}` and `{y}`."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.scheme != "https" or not host or "{" in parts.netloc or "}" in parts.netloc:
        return None
    if (
        parts.username
        or parts.password
        or any(p not in parts.path + parts.query for p in ("{z}", "{x}", "{y}"))
    ):
        return None
    if not all(c.isalnum() or c in ".-" for c in host):
        return None
    return f"https://{parts.netloc.lower()}"
