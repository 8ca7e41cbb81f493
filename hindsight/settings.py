"""Settings: environment variables over `hindsight.toml` over defaults.

`HINDSIGHT_HOME` is the data folder (database, reports, Prefect's own state);
`HINDSIGHT_DATABASE_URL` overrides the SQLite default. `hindsight.toml` (in the working folder, or
at `HINDSIGHT_CONFIG`) lists seeds, feeds, the schedule and mail settings. Nothing here imports
Prefect or SQLAlchemy: the CLI reads settings on every command and must stay quick.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_SEEDS = PROJECT_ROOT / "seeds"
BUNDLED_SEED = BUNDLED_SEEDS / "xiaomi-ev-2021-03-31.txt"
BUNDLED_ARCHIVE = BUNDLED_SEEDS / "xiaomi-news-archive.xml"
BUNDLED_SEED_META = BUNDLED_SEED.with_suffix(".yaml")


class SeedConfig(BaseModel):
    """A seed article to track: a path or an http(s) URL, with metadata the file may lack."""

    path: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    # Who gets this seed's digest when `[reports] per_seed` is on (default: `[mail] recipients`).
    recipients: list[str] = Field(default_factory=list)


def bundled_seed() -> SeedConfig:
    """The bundled seed with the metadata recorded beside it (title, author, date, address)."""
    import yaml

    meta = yaml.safe_load(BUNDLED_SEED_META.read_text(encoding="utf-8"))
    return SeedConfig(
        path=str(BUNDLED_SEED),
        title=meta.get("title"),
        author=meta.get("author"),
        published=meta.get("published"),
        url=meta.get("url"),
    )


class FeedConfig(BaseModel):
    url: str
    name: str | None = None
    full_text: bool = False
    enabled: bool = True


class MailConfig(BaseModel):
    """SMTP delivery of the digest; without `host` digests are only written to disk."""

    host: str | None = None
    port: int = 25
    username: str | None = None
    # Also from HINDSIGHT_MAIL__PASSWORD; kept out of every repr, so never in a log line.
    password: str | None = Field(default=None, repr=False)
    starttls: bool = False
    ssl: bool = False
    timeout: float = 30.0
    # A CA bundle to trust for the server's certificate (an internal CA); unset: the system's.
    ca_file: str | None = None
    sender: str = "Hindsight <hindsight@localhost>"
    recipients: list[str] = Field(default_factory=list)


class ReportsConfig(BaseModel):
    """How digests are cut and where the archive lives."""

    # Where the archive (index.html, predictions/<id>.html) is published over http(s); the mail's
    # compact lines link there. Anything else (unset, a path, another scheme): no links.
    archive_url: str | None = None
    # An empty period: "skip" writes nothing (the run summary says so); "note" writes a short
    # "nothing changed" digest.
    empty: Literal["skip", "note"] = "skip"
    # False: one digest with a section per seed; True: one digest per seed, to its own recipients.
    per_seed: bool = False
    # Most items in the watch list (related news that decided nothing).
    watch_items: int = 8


class FetchConfig(BaseModel):
    """Politeness and limits of feed fetching (see `hindsight.feeds.fetch.FetchSettings`)."""

    max_concurrency: int = 32
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 90.0
    max_bytes: int = 16 * 1024 * 1024
    check_interval: float = 3600.0
    parser: str = "feedparser"
    user_agent: str | None = None  # default: Hindsight's own, naming the project


class DaskConfig(BaseModel):
    """Where the assess stage judges: a Dask cluster instead of local worker processes.

    `enabled` starts a `LocalCluster` for each assess run (`workers` processes, one thread each:
    judging is pure Python); `address` (e.g. "tcp://10.0.0.5:8786") uses a running cluster and
    implies `enabled`. Needs the `dask` extra: `pip install 'hindsight[dask]'`.
    """

    enabled: bool = False
    address: str = ""
    workers: int | None = None  # LocalCluster processes; default: one per core

    @property
    def active(self) -> bool:
        return self.enabled or bool(self.address)


class LLMConfig(BaseModel):
    """An OpenAI-compatible endpoint for the optional model backend (`hindsight[llm]`).

    `gguf`: a local model file served by an in-process llama.cpp server instead of `base_url`.
    `api_key` is sent to the endpoint and nowhere else (never logged or stored).
    """

    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    timeout: float = 60.0
    max_calls_per_run: int = 500
    gguf: str | None = None
    attempts: int = 3  # per call: timeouts, 429, 5xx and malformed answers are retried
    backoff: float = 1.0  # seconds before the first retry; doubles after each
    max_wait: float = 60.0  # a 429's Retry-After longer than this is not waited for

    @property
    def configured(self) -> bool:
        return bool(self.gguf or (self.base_url and self.model))


class JudgeConfig(BaseModel):
    """Which judge assesses news against predictions (`hindsight.analysis.judge.make_judge`)."""

    backend: str = "rules"  # "rules" | "llm" (the model backend, [llm])
    # Related items (news about a prediction's subject that decides nothing) kept per
    # prediction, the newest; shown in the watch list, never counted. 0 keeps none.
    related: int = Field(default=5, ge=0)
    # Documents judged and stored per transaction: a run killed half-way keeps every whole batch.
    batch_size: int = Field(default=500, ge=1)


class ExtractConfig(BaseModel):
    backend: Literal["rules", "llm"] = "rules"


def _config_file() -> Path:
    return Path(os.environ.get("HINDSIGHT_CONFIG", "hindsight.toml"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HINDSIGHT_", env_nested_delimiter="__", extra="ignore"
    )

    home: Path = Path(".hindsight")
    database_url: str | None = None
    # `hindsight serve`: cron expressions, or "every N seconds|minutes|hours"; "" turns one off.
    track_schedule: str = "0 * * * *"  # hourly: seeds, feeds, assessment (no digest)
    digest_schedule: str = "0 7 * * 1"  # Mondays 07:00: the digest of the week, mailed if set up
    # The single schedule of earlier versions: when set, the whole pipeline (digest included) runs
    # on it, and `track_schedule`/`digest_schedule` are not used.
    schedule: str | None = None
    timezone: str = "UTC"
    # `hindsight serve` starts a Prefect server on this port unless PREFECT_API_URL names one.
    prefect_port: int = 4200
    # A scheduled or triggered run that finds another one working waits this long, then fails;
    # a run of one seed waits as long for another seed's run to finish the shared work.
    lock_wait: float = 1800.0
    seeds: list[SeedConfig] = Field(default_factory=list)
    feeds: list[FeedConfig] = Field(default_factory=list)
    mail: MailConfig = Field(default_factory=MailConfig)
    fetch: FetchConfig = Field(default_factory=FetchConfig)
    dask: DaskConfig = Field(default_factory=DaskConfig)
    reports: ReportsConfig = Field(default_factory=ReportsConfig)
    llm: LLMConfig = Field(default_factory=LLMConfig)
    judge: JudgeConfig = Field(default_factory=JudgeConfig)
    extract: ExtractConfig = Field(default_factory=ExtractConfig)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_config_file())
        return (init_settings, env_settings, toml)

    @property
    def database(self) -> str:
        """The database URL: the setting, else SQLite inside the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.home / 'hindsight.db').resolve()}"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"


def load_settings(**overrides: Any) -> Settings:
    return Settings(**overrides)
