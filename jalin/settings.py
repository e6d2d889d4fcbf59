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

    @property
    def snapshots(self) -> Path:
        return self.snapshot_dir if self.snapshot_dir is not None else self.data_dir / "snapshots"
