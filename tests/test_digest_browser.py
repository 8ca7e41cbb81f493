"""The digest in a real browser engine (headless Chromium) at a phone's width: nothing overflows.

The structural check in test_digest.py needs no browser; this one measures what Chromium lays
out. It skips only when Chromium is not installed (CI installs Debian's `chromium`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from hindsight.pipeline.digest import make_digest
from hindsight.settings import MailConfig
from reports.screenshot import chromium, measure, screenshot
from storage import models
from storage.db import Database
from tests.digest_world import add_seed, settle


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_digest_fits_a_375px_phone_in_chromium(db: Database, tmp_path: Path) -> None:
    if chromium() is None:
        pytest.skip("needs chromium on PATH (Debian: apt-get install -y chromium)")
    _, ids = add_seed(db, predictions=12, evidence=24)
    with db.session() as session:  # a long unbreakable word and URL, as feeds do send
        row = session.get(models.Prediction, ids[0])
        assert row is not None
        row.text = "Acme's " + "Supercalifragilistic" * 8 + " price will fall by 2026."
    settle(db, ids[:3])
    outcome = make_digest(
        db, tmp_path / "out", MailConfig(), now=datetime(2026, 11, 30, tzinfo=UTC)
    )
    assert outcome.files is not None
    scroll, client, widest = measure(outcome.files.html, width=375)
    assert (scroll, client) == (375, 375) and widest <= 375.5, (scroll, client, widest)
    png = screenshot(outcome.files.html, tmp_path / "phone.png", width=375, height=1200)
    assert png.stat().st_size > 10_000  # something was drawn
