"""What every flow shares: settings, one Database per process, run records, retry policies.

Flows are thin: each wraps the pipeline function of its stage (`hindsight.pipeline.stages`) in
one task, so a retried task redoes one idempotent stage and a task run's 16-90 ms of Prefect
bookkeeping is paid a few times per run, not per feed or per document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hindsight.pipeline.run import RunRecord
from hindsight.pipeline.run import recorded_run as record_run
from hindsight.settings import Settings, load_settings
from storage.db import Database

if TYPE_CHECKING:
    from prefect.client.schemas.objects import State

# Stages that touch the network (seed URLs, feeds, SMTP) retry what a moment later may work:
# 3 more tries after 10, 20 and 40 s, jittered so many workers do not retry in step.
TRANSIENT_RETRIES = 3
TRANSIENT_BACKOFF = 10
RETRY_JITTER = 0.5
# Upper bounds on a stage; past them Prefect fails the run instead of letting it hang.
STAGE_TIMEOUT = {"seed": 600, "ingest": 1800, "assess": 3 * 3600, "digest": 600}
TRACK_TIMEOUT = 6 * 3600


def backoff(retries: int = TRANSIENT_RETRIES) -> list[float]:
    """Exponential back-off delays for a transient stage's retries."""
    from prefect.tasks import exponential_backoff

    return exponential_backoff(backoff_factor=TRANSIENT_BACKOFF)(retries)


@functools.cache
def database(url: str) -> Database:
    db = Database(url)
    db.migrate()
    return db


def settings() -> Settings:
    return load_settings()


def current_flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    value = flow_run.id
    return str(value) if value else None


@contextmanager
def recorded_run(db: Database, stage: str, seed: int | None = None) -> Iterator[RunRecord]:
    """The run record of a flow's stage (`hindsight.pipeline.run.recorded_run`), plus Prefect:

    the flow run id is kept on the record, a run started by a schedule or a worker waits for
    another one holding the database or seed `seed` (up to `lock_wait` seconds), and the outcome
    is published as a Markdown artifact the Prefect UI shows beside the run.
    """
    flow_run_id = current_flow_run_id()
    with record_run(db, stage, flow_run_id, wait=settings().lock_wait, seed=seed) as run:
        try:
            yield run
        except Exception as exc:
            publish_summary(stage, run.summary, error=str(exc))
            raise
    publish_summary(stage, run.summary)


def publish_summary(stage: str, summary: dict[str, Any], error: str | None = None) -> None:
    """Publish a run's summary as a Markdown artifact of the current flow run (if any)."""
    if current_flow_run_id() is None:
        return
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(
        markdown=summary_markdown(stage, summary, error),
        key=f"hindsight-{stage}",
        description=f"Hindsight {stage}: what this run did",
    )


def unmailed(summary: dict[str, Any]) -> str | None:
    """Why the digest a run wrote was not mailed (a digest's or a whole run's summary), if so."""
    digest = summary.get("digest")
    return (digest if isinstance(digest, dict) else summary).get("send_error")


def outcome(summary: dict[str, Any]) -> dict[str, Any] | State:
    """A flow's final state: Failed when its digest was written but not mailed, else the summary.

    A scheduled run then shows red in the Prefect UI, as `hindsight run --send` exits 1 for cron;
    the summary stays the run's result, and the digest stays owed for the next run to send.
    """
    error = unmailed(summary)
    if not error:
        return summary
    from prefect.states import Failed

    return Failed(
        message=f"digest written but not mailed (owed, retried next run): {error}", data=summary
    )


def summary_of(state: State) -> dict[str, Any]:
    """A finished flow run's summary, also when only its mail failed (`outcome`).

    Any other failure raises, as calling the flow would.
    """
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    return dict(result)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def _text(value: Any) -> str:
    """Untrusted text (feed errors, titles) as inert Markdown: specials escaped, one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))[:500]


def summary_markdown(stage: str, summary: dict[str, Any], error: str | None = None) -> str:
    """A run summary as Markdown: a table of its figures, its lists, the digest's files."""
    lines = [f"# Hindsight {stage}: {'failed' if error else 'completed'}", ""]
    if error:
        lines += [f"**Error:** {_text(error)}", ""]
    sections = {k: v for k, v in summary.items() if isinstance(v, dict)}
    flat = {k: v for k, v in summary.items() if not isinstance(v, dict)}
    if flat:
        lines += _table(flat)
    for name, part in sections.items():
        lines += [f"## {_text(name)}", "", *_table(part)]
    return "\n".join(lines).rstrip() + "\n"


def _table(values: dict[str, Any]) -> list[str]:
    rows = ["| | |", "|---|---|"]
    extra: list[str] = []
    for key, value in values.items():
        if isinstance(value, list):
            rows.append(f"| {_text(key)} | {len(value)} |")
            extra += [f"- {_text(key)}: {_text(item)}" for item in value[:50]]
        elif key in ("html", "eml", "txt"):
            rows.append(f"| {_text(key)} | `{str(value).replace('`', '')}` |")
        else:
            rows.append(f"| {_text(key)} | {_text(value)} |")
    return [*rows, "", *extra, *([""] if extra else [])]
