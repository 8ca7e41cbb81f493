"""The browsable archive beside the digests: `index.html` (past digests, newest first) and one
page per prediction with its whole evidence history (`predictions/<id>.html`).

Why a static archive: the mail stays small by showing only what changed in full; everything else
is one line that links here when `[reports] archive_url` says where these files are published.
Plain pages, one small stylesheet in the head, no scripts; outside text escaped as in the mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .context import PredictionView
from .render import html_environment, write_atomic


@dataclass(frozen=True)
class ArchiveEntry:
    """One past digest as the index lists it; `href` is relative to the archive's folder."""

    name: str
    created: datetime
    subject: str
    changes: int
    href: str
    scope: str = "all"


def write_archive(
    out_dir: Path,
    digests: list[ArchiveEntry],
    predictions: list[PredictionView],
    *,
    generated: datetime,
) -> Path:
    """Write `index.html` and the prediction pages into `out_dir`; returns the index's path."""
    env = html_environment()
    out_dir = Path(out_dir)
    pages = out_dir / "predictions"
    pages.mkdir(parents=True, exist_ok=True)
    page = env.get_template("prediction.html.j2")
    for view in predictions:
        html = page.render(p=view, generated=generated)
        write_atomic(pages / f"{view.id}.html", html.encode("utf-8"))
    ordered = sorted(digests, key=lambda d: (d.created, d.name), reverse=True)
    index = env.get_template("archive_index.html.j2").render(
        digests=ordered, predictions=predictions, generated=generated
    )
    path = out_dir / "index.html"
    write_atomic(path, index.encode("utf-8"))
    return path
