"""The bundled news archive as a second, paraphrased development set.

`seeds/xiaomi-news-archive.xml` has one RSS item per development item (guid
`hindsight-archive-<dev id>`), written in the team's own words from that item's facts. Scoring the
engine on both sets shows whether a rule learned the facts or only the outlets' wording: a rule
that works on one phrasing and fails on the other is tuned to the words, not to the meaning.

Labels (`predictions`, `category`) are not in the feed: they are copied by id from the
development file, which stays in `../shared` beside the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hindsight.evaluation.verdicts import load_jsonl
from hindsight.feeds.parse import parse_feed

__all__ = ["GUID_PREFIX", "archive_records"]

GUID_PREFIX = "hindsight-archive-"


def archive_records(archive: Path, labels: Path) -> list[dict[str, Any]]:
    """Development-format records of the archive's items, labelled from `labels` by id.

    `headline` is the item's title, `facts` its description and `quote` empty (the archive quotes
    nobody); items whose guid does not name a labelled development item keep empty labels, so a
    stray item counts as a distractor rather than vanishing from the figures. The feed is read by
    the same parser ingestion uses, so the text is the plain text a stored run would judge.
    """
    by_id = {str(record["id"]): record for record in load_jsonl(labels)}
    feed = parse_feed(archive.read_bytes())
    if feed.error:
        raise ValueError(f"{archive}: {feed.error}")
    records: list[dict[str, Any]] = []
    for entry in feed.entries:
        guid = entry.guid or entry.link or ""
        item_id = guid.removeprefix(GUID_PREFIX)
        label = by_id.get(item_id, {})
        records.append(
            {
                "id": item_id,
                "date": entry.published.date().isoformat() if entry.published else None,
                "url": entry.link or "",
                "headline": entry.title,
                "facts": entry.text,
                "quote": "",
                "predictions": dict(label.get("predictions") or {}),
                "category": label.get("category"),
            }
        )
    return records
