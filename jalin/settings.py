"""Runtime settings, read from `JALIN_*` environment variables (and a `.env` file if present)."""

from __future__ import annotations

from pathlib import Path

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

    @property
    def snapshots(self) -> Path:
        return self.snapshot_dir if self.snapshot_dir is not None else self.data_dir / "snapshots"
