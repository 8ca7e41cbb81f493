"""The digest stage as an analyst meets it: one digest per period, small, mailed once per person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from hindsight.pipeline.digest import DigestOptions, make_digest
from hindsight.settings import MailConfig, ReportsConfig
from storage import models
from storage.db import Database
from storage.digests import last_delivery
from storage.reports import status_summary
from tests.digest_world import HOSTILE_LINK, HOSTILE_TITLE, add_seed, settle
from tests.smtp import Mailbox, free_port, smtp_server

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
MONDAY = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def digests_on_disk(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("digest-*.html"))


# --- periods -------------------------------------------------------------------------------------


def test_two_digests_of_one_day_are_both_kept(db: Database, tmp_path: Path) -> None:
    _, ids = add_seed(db, predictions=6, evidence=12)
    settle(db, ids[:2])
    morning = make_digest(db, tmp_path, MailConfig(), now=MONDAY)
    settle(db, ids[2:3], status="supported")
    evening = make_digest(db, tmp_path, MailConfig(), now=MONDAY + timedelta(hours=10))
    assert morning.changes == 2 and evening.changes == 1
    names = digests_on_disk(tmp_path)
    assert names == ["digest-2026-11-30-070000", "digest-2026-11-30-170000"]
    first = (tmp_path / f"{names[0]}.txt").read_text()
    second = (tmp_path / f"{names[1]}.txt").read_text()
    assert "2 predictions settled" in first and "factory contradicted" in first
    assert "1 prediction settled today" in second
    # Same second, new changes: a suffix, never an overwrite.
    settle(db, ids[3:4])
    again = make_digest(db, tmp_path, MailConfig(), now=MONDAY + timedelta(hours=10))
    assert again.files is not None and again.files.html.name == "digest-2026-11-30-170000-2.html"
    assert len(digests_on_disk(tmp_path)) == 3


@SQLITE
def test_an_empty_period_writes_nothing_by_default_or_a_short_note(
    db: Database, tmp_path: Path
) -> None:
    _, ids = add_seed(db, predictions=4, evidence=4)
    settle(db, ids[:1])
    make_digest(db, tmp_path, MailConfig(), now=MONDAY)
    quiet = make_digest(db, tmp_path, MailConfig(), now=MONDAY + timedelta(days=7))
    assert quiet.files is None
    assert quiet.summary()["skipped"] == ["nothing changed since 2026-11-30 07:00 UTC"]
    assert len(digests_on_disk(tmp_path)) == 1
    note = DigestOptions(reports=ReportsConfig(empty="note"))
    noted = make_digest(db, tmp_path, note, now=MONDAY + timedelta(days=7, hours=1))
    assert noted.files is not None
    text = noted.files.txt.read_text()
    assert text.startswith("Nothing changed this week")
    assert "ALL PREDICTIONS" not in text and "SCORECARD" in text


@SQLITE
def test_since_rebuilds_a_past_period_without_recording_or_sending(
    db: Database, tmp_path: Path
) -> None:
    _, ids = add_seed(db, predictions=4, evidence=4)
    settle(db, ids[:1], at=datetime(2026, 10, 1, tzinfo=UTC))
    settle(db, ids[1:2], at=datetime(2026, 11, 1, tzinfo=UTC))
    make_digest(db, tmp_path, MailConfig(), now=MONDAY)
    mail = MailConfig(host="127.0.0.1", port=1, recipients=["a@example.com"])
    rebuilt = make_digest(
        db, tmp_path, mail, since=datetime(2026, 10, 15).date(), now=MONDAY, send=False
    )
    assert rebuilt.changes == 1 and rebuilt.files is not None
    assert rebuilt.files.html.name.startswith("digest-since-2026-10-15-")
    with db.session() as session:
        assert status_summary(session)["last_delivery"] is None
    # The rebuild moved no mark: the next period is still empty, not "1 change again".
    assert make_digest(db, tmp_path, MailConfig(), now=MONDAY + timedelta(days=1)).changes == 0


# --- size ----------------------------------------------------------------------------------------


@SQLITE
def test_a_hundred_predictions_and_a_thousand_items_fit_in_100_kb(
    db: Database, tmp_path: Path
) -> None:
    _, ids = add_seed(db, predictions=100, evidence=1000)
    settle(db, ids[:10])
    outcome = make_digest(db, tmp_path, MailConfig(), now=MONDAY)
    assert outcome.files is not None and outcome.changes == 10
    size = outcome.files.eml.stat().st_size
    print(f"\n.eml for 100 predictions x 1,000 evidence items, 10 changed: {size:,} bytes")
    assert size < 100_000
    text = outcome.files.txt.read_text()
    assert text.count("Deciding evidence") == 10  # changes in full...
    assert len(re.findall(r"^(?:OPEN|CONTRADICTED) #\d+ ", text, re.M)) == 100  # ...the rest a line
    assert "Acme story 999" not in text  # old evidence stays in the archive, not the mail
    page = (tmp_path / "predictions" / f"{ids[0]}.html").read_text()
    assert page.count("Acme story") == 10  # the archive page has the full history


# --- archive -------------------------------------------------------------------------------------


@SQLITE
def test_archive_lists_digests_newest_first_and_links_prediction_pages(
    db: Database, tmp_path: Path
) -> None:
    _, ids = add_seed(db, predictions=3, evidence=3)
    settle(db, ids[:1])
    options = DigestOptions(reports=ReportsConfig(archive_url="https://hindsight.example/a/"))
    make_digest(db, tmp_path, options, now=MONDAY)
    settle(db, ids[1:2])
    second = make_digest(db, tmp_path, options, now=MONDAY + timedelta(days=7))
    index = (tmp_path / "index.html").read_text()
    links = re.findall(r'href="(digest-[^"]+\.html)"', index)
    assert links == ["digest-2026-12-07-070000.html", "digest-2026-11-30-070000.html"]
    assert all((tmp_path / link).is_file() for link in links)
    assert second.files is not None
    html = second.files.html.read_text()
    for pid in ids:
        assert f'href="https://hindsight.example/a/predictions/{pid}.html"' in html
        assert (tmp_path / "predictions" / f"{pid}.html").is_file()
    # Not published over http(s): no links from the compact lines at all.
    settle(db, ids[2:3])
    local = DigestOptions(reports=ReportsConfig(archive_url="file:///srv/archive"))
    third = make_digest(db, tmp_path, local, now=MONDAY + timedelta(days=14))
    assert third.files is not None and "predictions/" not in third.files.html.read_text()


# --- mail ----------------------------------------------------------------------------------------


@pytest.fixture
def smtp() -> Iterator[tuple[int, Mailbox]]:
    with smtp_server() as (controller, mailbox):
        yield controller.port, mailbox


def mail_to(port: int, *recipients: str) -> MailConfig:
    return MailConfig(
        host="127.0.0.1",
        port=port,
        sender="Hindsight <digest@hindsight.example>",
        recipients=list(recipients),
        password="s3cret-never-logged",
    )


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@SQLITE
def test_the_mail_received_is_whole_consistent_and_safe(
    db: Database, tmp_path: Path, smtp: tuple[int, Mailbox], caplog: pytest.LogCaptureFixture
) -> None:
    port, box = smtp
    _, ids = add_seed(db, predictions=5, evidence=10)
    settle(db, ids[:1], hostile=True)
    settle(db, ids[1:2])
    with db.session() as session:  # an analyst edited these two in the ledger
        for pid in (ids[1], ids[3]):
            row = session.get(models.Prediction, pid)
            assert row is not None
            row.reviewed = True
    outcome = make_digest(db, tmp_path, mail_to(port, "ana@example.com"), now=MONDAY, send=True)
    assert outcome.sent_to == ("ana@example.com",) and outcome.send_error is None
    (msg,) = box.to("ana@example.com")
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = (part.get_content() for part in msg.iter_parts())
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["From"].addresses[0].addr_spec == "digest@hindsight.example"
    assert [a.addr_spec for a in msg["To"].addresses] == ["ana@example.com"]
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["Date"].datetime == MONDAY
    assert re.fullmatch(
        r"<digest-2026-11-30-070000\.[0-9a-f]{16}@hindsight\.example>", msg["Message-ID"]
    )
    assert "2 predictions settled" in msg["Subject"]
    # Both parts tell the same story: headline, the changed predictions, every prediction id.
    page = Links()
    page.feed(html)
    html_text = " ".join("".join(page.text).split())
    headline = plain.splitlines()[0]
    assert headline.startswith("2 predictions settled") and headline in html_text
    for pid in ids:
        assert f"#{pid}" in plain and f"#{pid}" in html_text
    assert plain.count("Deciding evidence") == html_text.count("Deciding evidence") == 2
    # The analyst's hand is marked: on the changed card and on the compact line.
    assert plain.count("reviewed by an analyst") == html_text.count("reviewed by an analyst") == 1
    assert f"#{ids[3]} (reviewed)" in plain and f"#{ids[3]} " in html_text
    # Hostile feed text: shown as text, never as markup; its javascript: link is no link.
    assert "script" not in page.tags and "<script" not in html.lower()
    assert HOSTILE_TITLE in html_text and HOSTILE_TITLE in plain
    assert all(h.startswith(("http://", "https://")) for h in page.hrefs), page.hrefs
    assert "javascript:" not in html.lower() and "javascript:" not in plain.lower()
    assert HOSTILE_LINK not in msg.as_string()
    assert "s3cret-never-logged" not in caplog.text and "s3cret" not in repr(mail_to(port))


@SQLITE
def test_smtp_down_keeps_the_digest_unsent_and_sends_it_next_time_once(
    db: Database, tmp_path: Path, smtp: tuple[int, Mailbox]
) -> None:
    port, box = smtp
    _, ids = add_seed(db, predictions=3, evidence=3)
    settle(db, ids[:1])
    down = mail_to(free_port(), "ana@example.com")  # nothing listens there
    failed = make_digest(db, tmp_path, down, now=MONDAY, send=True)
    assert failed.send_error and "connection refused" in failed.send_error
    assert failed.sent_to == () and failed.changes == 1
    with db.session() as session:
        assert last_delivery(session) is None
    up = mail_to(port, "ana@example.com")
    later = make_digest(db, tmp_path, up, now=MONDAY + timedelta(hours=1), send=True)
    assert later.changes == 0 and later.sent_to == ("ana@example.com",)  # the owed one went
    (msg,) = box.to("ana@example.com")
    assert "digest-2026-11-30-070000" in msg["Message-ID"]
    make_digest(db, tmp_path, up, now=MONDAY + timedelta(hours=2), send=True)
    assert len(box.to("ana@example.com")) == 1  # once
    with db.session() as session:
        delivery = last_delivery(session)
    assert delivery and delivery["to"] == ["ana@example.com"] and delivery["not_yet"] == []


@SQLITE
def test_a_refused_recipient_is_retried_alone(
    db: Database, tmp_path: Path, smtp: tuple[int, Mailbox]
) -> None:
    port, box = smtp
    _, ids = add_seed(db, predictions=3, evidence=3)
    settle(db, ids[:1])
    box.refuse = {"bo@example.com"}
    mail = mail_to(port, "ana@example.com", "bo@example.com", "cy@example.com")
    first = make_digest(db, tmp_path, mail, now=MONDAY, send=True)
    assert set(first.sent_to) == {"ana@example.com", "cy@example.com"}
    assert "550" in first.refused["bo@example.com"]
    box.refuse = set()
    second = make_digest(db, tmp_path, mail, now=MONDAY + timedelta(days=1), send=True)
    assert second.sent_to == ("bo@example.com",)
    make_digest(db, tmp_path, mail, now=MONDAY + timedelta(days=2), send=True)
    assert [len(box.to(a)) for a in ("ana@example.com", "bo@example.com", "cy@example.com")] == [
        1,
        1,
        1,
    ]
    ids_seen = {box.to(a)[0]["Message-ID"] for a in ("ana@example.com", "bo@example.com")}
    assert len(ids_seen) == 2  # one Message-ID per (period, recipient)


@SQLITE
def test_a_run_without_send_only_writes_and_the_next_send_delivers(
    db: Database, tmp_path: Path, smtp: tuple[int, Mailbox]
) -> None:
    port, box = smtp
    _, ids = add_seed(db, predictions=3, evidence=3)
    settle(db, ids[:1])
    mail = mail_to(port, "ana@example.com")
    written = make_digest(db, tmp_path, mail, now=MONDAY)
    assert written.files is not None and box.received == []
    sent = make_digest(db, tmp_path, mail, now=MONDAY + timedelta(hours=1), send=True)
    assert sent.sent_to == ("ana@example.com",) and len(box.received) == 1


@SQLITE
def test_one_digest_per_seed_goes_to_that_seeds_recipients(
    db: Database, tmp_path: Path, smtp: tuple[int, Mailbox]
) -> None:
    port, box = smtp
    _, acme = add_seed(db, predictions=3, evidence=3)
    _, bolt = add_seed(
        db, predictions=2, evidence=2, title="Bolt bets", author="Bo", origin="/seeds/bolt.md"
    )
    settle(db, acme[:1] + bolt[:1])
    together = make_digest(db, tmp_path / "one", mail_to(port, "ana@example.com"), now=MONDAY)
    assert together.files is not None
    text = together.files.txt.read_text()
    assert "ACME WILL CHANGE CARS" in text and "BOLT BETS" in text  # a section per seed

    options = DigestOptions(
        mail=mail_to(port, "ana@example.com"),
        reports=ReportsConfig(per_seed=True),
        seed_recipients={"/seeds/bolt.md": ["bo@example.com"]},
    )
    split = make_digest(db, tmp_path / "two", options, now=MONDAY, send=True)
    assert len([d for d in split.digests if d.files]) == 2
    (to_ana,) = box.to("ana@example.com")
    (to_bo,) = box.to("bo@example.com")
    assert "ACME WILL CHANGE CARS" in to_ana.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    bo_text = to_bo.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "BOLT BETS" in bo_text and "ACME" not in bo_text


# --- look ----------------------------------------------------------------------------------------


class Widths(HTMLParser):
    """Every fixed width the HTML asks for: width attributes and CSS widths/min-widths in px."""

    def __init__(self) -> None:
        super().__init__()
        self.fixed: list[tuple[str, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        given = dict(attrs)
        if tag == "img":
            self.images.append(given)
        width = given.get("width") or ""
        if width and not width.endswith("%"):
            self.fixed.append((tag, f"width={width}"))
        style = given.get("style") or ""
        for prop, value in re.findall(r"(?:^|;)\s*((?:min-)?width)\s*:\s*([^;]+)", style):
            if value.strip().endswith("px"):
                self.fixed.append((tag, f"{prop}:{value.strip()}"))
        self.fixed += [(tag, "white-space:pre")] if "white-space:pre" in style else []


@SQLITE
def test_layout_cannot_overflow_a_375px_phone(db: Database, tmp_path: Path) -> None:
    """Structural: nothing asks for a fixed width, the sheet is 100% capped at 600 px."""
    _, ids = add_seed(db, predictions=20, evidence=40)
    settle(db, ids[:4])
    outcome = make_digest(db, tmp_path, MailConfig(), now=MONDAY)
    assert outcome.files is not None
    html = outcome.files.html.read_text()
    found = Widths()
    found.feed(html)  # Outlook's conditional comments (fixed 600) are comments to the parser
    assert found.fixed == []
    sheet = re.search(r'class="sheet"[^>]*style="([^"]*)"', html)
    assert sheet and "width:100%" in sheet.group(1) and "max-width:600px" in sheet.group(1)
    assert "overflow-wrap:anywhere" in sheet.group(1)  # long words and URLs wrap
    assert "script" not in found.tags and all(img.get("alt") for img in found.images)
    assert "@import" not in html and "fonts.googleapis" not in html and "<link" not in html
    assert 'content="light dark"' in html and "prefers-color-scheme: dark" in html


@SQLITE
def test_digest_send_from_the_command_line_and_status_shows_the_delivery(
    db_url: str, db: Database, tmp_path: Path, smtp: tuple[int, Mailbox]
) -> None:
    import json
    import os
    import subprocess
    import sys

    port, box = smtp
    _, ids = add_seed(db, predictions=3, evidence=3)
    settle(db, ids[:1])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env |= {
        "HINDSIGHT_HOME": str(tmp_path / "home"),
        "HINDSIGHT_DATABASE_URL": db_url,
        "HINDSIGHT_MAIL__HOST": "127.0.0.1",
        "HINDSIGHT_MAIL__PORT": str(port),
        "HINDSIGHT_MAIL__RECIPIENTS": '["ana@example.com"]',
        "HINDSIGHT_MAIL__PASSWORD": "s3cret-never-logged",
    }

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hindsight", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )

    sent = cli("digest", "--send")
    assert sent.returncode == 0, sent.stderr
    assert "mailed to ana@example.com" in sent.stdout
    assert len(box.to("ana@example.com")) == 1
    status = cli("status")
    assert "last mailed" in status.stdout and "to ana@example.com" in status.stdout
    data = json.loads(cli("status", "--json").stdout)
    assert data["last_delivery"]["to"] == ["ana@example.com"]
    for out in (sent, status):
        assert "s3cret" not in out.stdout + out.stderr


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl), trusted through `[mail] ca_file`."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days=1", *subject, *files],
        check=True,
        capture_output=True,
    )
    return cert, key


@SQLITE
@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_the_digest_goes_over_tls(
    db: Database, tmp_path: Path, certificate: tuple[Path, Path], mode: str
) -> None:
    import ssl

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    tls: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True}
        if mode == "starttls"
        else {"ssl_context": context}
    )
    with smtp_server(**tls) as (controller, box):
        _, ids = add_seed(db, predictions=2, evidence=2)
        settle(db, ids[:1])
        mail = mail_to(controller.port, "ana@example.com").model_copy(
            update={mode: True, "ca_file": str(cert)}
        )
        outcome = make_digest(db, tmp_path, mail, now=MONDAY, send=True)
    assert outcome.send_error is None and outcome.sent_to == ("ana@example.com",)
    assert len(box.to("ana@example.com")) == 1
