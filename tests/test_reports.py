"""The digest as the analyst receives it: safe to open, readable in a mail client, figures right."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from hindsight.domain import (
    Assessment,
    Claim,
    DateWindow,
    Evidence,
    Expectation,
    Quantity,
    Stance,
    Status,
)
from reports.context import (
    DigestContext,
    EvidenceView,
    PredictionView,
    SeedSummary,
    StatusChangeView,
    build_owner_scorecards,
    build_scorecards,
    evidence_view,
    expectation_summary,
)
from reports.render import (
    RenderedDigest,
    clean_text,
    render_digest,
    safe_url,
    write_digest,
)

HOSTILE_TITLE = 'Breaking <script>alert("t")</script> news'
HOSTILE_CLAIM = 'Acme "said" <img src=x onerror=alert(1)> it would ship'
HOSTILE_REASON = '" onmouseover="alert(2)" data-x="'
RTL_TITLE = "شاومي تطلق سيارتها الكهربائية الأولى"
BIDI_TRICK = "safe\u202etxt.exe"


def ev(
    url: str,
    title: str,
    *,
    stance: str = "supports",
    claim: str = "A claim.",
    reason: str = "Matches the window.",
    prediction_id: int | None = None,
) -> EvidenceView:
    return EvidenceView(
        url=url,
        title=title,
        published=date(2024, 3, 28),
        claim=claim,
        stance=stance,
        confidence=0.8,
        reason=reason,
        prediction_id=prediction_id,
    )


def pv(
    pid: int, status: str, confidence: float, *, author: str | None = "Ana Analyst", **kw: Any
) -> PredictionView:
    base = PredictionView(
        id=pid,
        seed_title="Seed one",
        text=f"Prediction number {pid} will come true.",
        kind="timeline",
        subject="Acme",
        expectation="window 2024-03-31..2026-03-31",
        deadline=date(2026, 3, 31),
        confidence=confidence,
        status=status,
        status_reason="Judged from the evidence.",
        author=author,
        seed_id=1,
    )
    return replace(base, **kw)


def hostile_context(*, changes: bool = True) -> DigestContext:
    """A digest whose outside strings all try something: markup, attribute breakout, bad links."""
    bad_links = [
        ev("javascript:alert(1)", HOSTILE_TITLE, claim=HOSTILE_CLAIM, reason=HOSTILE_REASON),
        ev("data:text/html,<script>alert(3)</script>", "Data link title"),
        ev("file:///etc/passwd", "File link title", stance="contradicts"),
        ev("https://news.example.com/a?x=1&y=2", RTL_TITLE, stance="unrelated"),
        ev("https://bank.example@evil.example/", "Userinfo link title"),
        ev("  JavaScript:alert(4)", "Spaced scheme title"),
    ]
    predictions = [
        pv(1, "supported", 0.9, evidence=bad_links[:2], text="Deliveries <b>start</b> by 2024."),
        pv(
            2, "contradicted", 0.7, evidence=bad_links[2:4], text=f"Price ~100,000 CNY {BIDI_TRICK}"
        ),
        pv(3, "open", 0.5, evidence=bad_links[4:], text="Ü-Umlaut, 中文, emoji 🚗 stay intact."),
    ]
    change_list = (
        [
            StatusChangeView(
                prediction_id=1,
                prediction_text="Deliveries <b>start</b> by 2024.",
                old_status="open",
                new_status="supported",
                changed_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
                reason=HOSTILE_REASON,
                evidence=bad_links[0],
            )
        ]
        if changes
        else []
    )
    return DigestContext(
        generated=datetime(2026, 11, 26, 7, 0, tzinfo=UTC),
        since=date(2026, 11, 19),
        seeds=[
            SeedSummary(1, "Seed one", "Ana Analyst", date(2021, 3, 31), "javascript:void(0)", 3)
        ],
        changes=change_list,
        predictions=predictions,
        new_evidence=[bad_links[3]],
        watch=bad_links,
        scorecards=build_scorecards(predictions),
        counts={"news_items": 42, "claims": 7},
    )


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.text.append(data)


def parse(html: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(html)
    return collector


@pytest.fixture(scope="module")
def rendered() -> RenderedDigest:
    return render_digest(hostile_context())


def test_hostile_text_is_escaped_not_executed(rendered: RenderedDigest) -> None:
    page = parse(rendered.html)
    tag_names = {tag for tag, _ in page.tags}
    assert "script" not in tag_names
    assert "img" not in tag_names
    assert "b" not in tag_names  # the author's "<b>" is shown as text, not bold
    for _, attrs in page.tags:
        assert "onmouseover" not in attrs and "onerror" not in attrs and "data-x" not in attrs
    text = "".join(page.text)
    # ...and the reader still sees the words, as written.
    assert HOSTILE_TITLE in text
    assert HOSTILE_CLAIM in text
    assert HOSTILE_REASON.strip() in text
    assert "Deliveries <b>start</b> by 2024." in text


def test_only_http_links_become_links(rendered: RenderedDigest) -> None:
    page = parse(rendered.html)
    hrefs = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert hrefs == ["https://news.example.com/a?x=1&y=2"]
    text = "".join(page.text)
    for title in (
        "Data link title",
        "File link title",
        "Userinfo link title",
        "Spaced scheme title",
    ):
        assert title in text  # shown as plain text even though its link was dropped
    assert "javascript:" not in rendered.html.lower()
    assert "data:text" not in rendered.html
    assert "file:///" not in rendered.html
    assert "javascript:" not in rendered.text.lower()
    assert "<https://news.example.com/a?x=1&y=2>" in rendered.text


def test_non_ascii_and_rtl_survive_but_bidi_overrides_do_not(rendered: RenderedDigest) -> None:
    for body in (rendered.html, rendered.text):
        assert RTL_TITLE in body
        assert "中文" in body and "🚗" in body and "Ü-Umlaut" in body
        assert "\u202e" not in body
        assert "safetxt.exe" in body
    rtl_holders = [
        attrs for tag, attrs in parse(rendered.html).tags if tag == "a" and attrs.get("dir")
    ]
    assert rtl_holders and all(attrs["dir"] == "auto" for attrs in rtl_holders)


def test_styles_are_inline_and_only_dark_mode_is_left_in_a_style_block(
    rendered: RenderedDigest,
) -> None:
    blocks = re.findall(r"<style>(.*?)</style>", rendered.html, re.S)
    assert len(blocks) == 1 and blocks[0].strip().startswith("@media")
    assert "prefers-color-scheme: dark" in blocks[0]
    page = parse(rendered.html)
    for tag in ("a", "h1", "h2", "p", "td"):
        assert all(attrs.get("style") for t, attrs in page.tags if t == tag), tag
    sheet = [attrs for tag, attrs in page.tags if "sheet" in (attrs.get("class") or "")]
    assert "max-width:600px" in (sheet[0]["style"] or "")
    assert "font-family:-apple-system" in (sheet[0]["style"] or "")  # system fonts, none loaded


def test_statuses_carry_words_and_colours(rendered: RenderedDigest) -> None:
    page = parse(rendered.html)
    colours = {
        m.group(1)
        for _, attrs in page.tags
        if (m := re.search(r"(?:^|;)color:(#[0-9a-f]{6})", attrs.get("style") or ""))
        and "nowrap" in (attrs.get("style") or "")
    }
    assert len(colours) >= 3  # supported, contradicted, open look different in the table
    text = "".join(page.text)
    for word in ("SUPPORTED", "CONTRADICTED", "OPEN"):
        assert word in text


def test_sections_in_both_bodies(rendered: RenderedDigest) -> None:
    html_text = " ".join("".join(parse(rendered.html).text).split())
    order = ["What changed", "All predictions (3)", "Scorecard", "Watch list", "Feeds:"]
    order = order[:-1]  # this context has no feed health
    positions = [html_text.find(needle) for needle in order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    for needle in ("Ana Analyst", "Deciding evidence:", "Expected: window 2024-03-31"):
        assert needle in html_text
    text_order = ["WHAT CHANGED", "ALL PREDICTIONS (3)", "SCORECARD", "WATCH LIST"]
    positions = [rendered.text.find(needle) for needle in text_order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert "#1: OPEN -> SUPPORTED" in rendered.text
    assert rendered.subject == "Hindsight 2026-11-26: 1 prediction settled this week: #1 supported"
    assert rendered.text.startswith("1 prediction settled this week: #1 supported\n")


def test_text_body_is_wrapped(rendered: RenderedDigest) -> None:
    long_lines = [line for line in rendered.text.splitlines() if len(line) > 78]
    # Only a line that is one unbreakable token (a long URL) may run past 78 columns.
    assert all(len(line.split()) == 1 for line in long_lines), long_lines


def test_no_changes_wording() -> None:
    out = render_digest(hostile_context(changes=False))
    assert out.text.startswith("Nothing changed this week")
    assert "Nothing changed this week" in " ".join("".join(parse(out.html).text).split())
    assert out.subject == "Hindsight 2026-11-26: Nothing changed this week"
    first = render_digest(DigestContext(generated=datetime(2026, 1, 1, tzinfo=UTC), since=None))
    assert "everything so far" in first.text and "No predictions tracked yet." in first.text


def test_scorecard_hit_rate_and_brier_on_a_known_case() -> None:
    views = [
        pv(1, "supported", 0.9),
        pv(2, "supported", 0.6),
        pv(3, "contradicted", 0.8),
        pv(4, "open", 0.99),  # undecided: counts, but neither figure uses it
        pv(5, Status.MIXED, 0.7),
        pv(6, "supported", 0.5, author="Bo", seed_id=2, seed_title="Seed two"),
        pv(7, "expired", 0.5, author="Bo", seed_id=3, seed_title="Seed three"),
    ]
    ana, bo = build_scorecards(views)
    assert (ana.author, ana.predictions, ana.seeds, ana.decided) == ("Ana Analyst", 5, 1, 3)
    assert ana.by_status == {"supported": 2, "contradicted": 1, "mixed": 1, "open": 1, "expired": 0}
    assert ana.hit_rate == pytest.approx(2 / 3)
    # ((0.9-1)^2 + (0.6-1)^2 + (0.8-0)^2) / 3 = (0.01 + 0.16 + 0.64) / 3
    assert ana.brier == pytest.approx(0.27)
    assert "2 of 3" in ana.summary and "67%" in ana.summary
    assert (bo.author, bo.seeds, bo.hit_rate, bo.brier) == ("Bo", 2, 1.0, pytest.approx(0.25))

    undecided = build_scorecards([pv(1, "open", 0.9), pv(2, "expired", 0.4)])[0]
    assert undecided.hit_rate is None and undecided.brier is None
    assert "Nothing decided yet" in undecided.summary


def test_scorecard_author_lookup_by_seed_and_unknown() -> None:
    views = [pv(1, "supported", 0.9, author=None, seed_id=10), pv(2, "open", 0.5, author=None)]
    cards = build_scorecards(views, {10: "Lei"})
    assert {c.author: c.predictions for c in cards} == {"Lei": 1, "Unknown author": 1}
    by_fn = build_scorecards(views, lambda v: "Same")
    assert len(by_fn) == 1 and by_fn[0].predictions == 2


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/x?a=1&b=2#f", "https://example.com/x?a=1&b=2#f"),
        ("http://127.0.0.1:8080/feed", "http://127.0.0.1:8080/feed"),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
        ("HTTPS://Example.com/", "HTTPS://Example.com/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("file:///etc/passwd", None),
        ("mailto:a@b.c", None),
        ("//example.com/x", None),
        ("/relative/path", None),
        ("https://", None),
        ("http://exa mple.com/", None),
        ("http://example.com:99999/", None),
        ("https://user:pw@example.com/", None),
        ('https://example.com/"onmouseover="x', 'https://example.com/"onmouseover="x'),
        ("http:\\\\evil.example", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_quoted_url_stays_inside_its_attribute() -> None:
    ctx = hostile_context()
    quoted = ev('https://example.com/"onmouseover="alert(1)', "Quoted")
    ctx.watch.append(quoted)
    page = parse(render_digest(ctx).html)
    links = [attrs for tag, attrs in page.tags if tag == "a"]
    assert any(a["href"] == 'https://example.com/"onmouseover="alert(1)' for a in links)
    assert all("onmouseover" not in a for a in links)


def test_clean_text_keeps_words_drops_controls() -> None:
    assert clean_text("a\u202eb\x00c\x1b[31md\n\te") == "abc[31md\n\te"
    assert clean_text(RTL_TITLE) == RTL_TITLE


def test_expectation_summary_and_evidence_view_from_domain() -> None:
    window = DateWindow(date(2024, 3, 31), date(2026, 3, 31), "3-5 years")
    money = Quantity(100000, 100000, "CNY", "around 100,000 yuan", kind="money", bound="about")
    assert expectation_summary(Expectation(window=window)) == "window 2024-03-31..2026-03-31"
    assert expectation_summary(Expectation(quantity=money)) == "~100,000 CNY"
    share = Quantity(10, 20, "percent", "10-20%", kind="percent", bound="range")
    assert expectation_summary(Expectation(quantity=share, polarity=False)) == (
        "10-20%; expected NOT to happen"
    )
    least = Quantity(5000, 5000, "vehicle", "more than 5,000", bound="at-least")
    assert expectation_summary(Expectation(quantity=least)) == ">= 5,000 vehicle"
    assert expectation_summary(Expectation()) == "no checkable figure or date"

    claim = Claim(text="Acme delivered 10,000 cars.", span=(0, 27), subjects=("Acme",))
    evidence = Evidence(
        Assessment("k1", claim, Stance.SUPPORTS, 0.75, "10,000 >= 5,000"),
        "https://example.com/a",
        "Acme deliveries",
        date(2025, 1, 2),
    )
    view = evidence_view(evidence, prediction_id=4)
    assert (view.stance, view.claim, view.reason, view.prediction_id) == (
        "supports",
        "Acme delivered 10,000 cars.",
        "10,000 >= 5,000",
        4,
    )


def test_write_digest_files_and_eml(tmp_path: Path, rendered: RenderedDigest) -> None:
    out = tmp_path / "digests"
    files = write_digest(
        rendered,
        out,
        date(2026, 11, 26),
        sender="Hindsight <digest@hindsight.example>",
        recipients=["ana@example.com", "Bö <bo@example.org>"],
    )
    assert [p.name for p in (files.html, files.txt, files.eml)] == [
        "digest-2026-11-26.html",
        "digest-2026-11-26.txt",
        "digest-2026-11-26.eml",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in (files.html, files.txt, files.eml)
    )  # no temporary files left behind
    assert files.html.read_text("utf-8") == rendered.html
    assert files.txt.read_text("utf-8") == rendered.text

    raw = files.eml.read_bytes()
    assert max(len(line) for line in raw.splitlines()) <= 998  # RFC 5322 line limit
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    # Long headers are folded; unfolding leaves a leading space that mail clients ignore.
    assert msg["Subject"].strip() == rendered.subject
    assert msg["From"].addresses[0].addr_spec == "digest@hindsight.example"
    assert [a.addr_spec for a in msg["To"].addresses] == ["ana@example.com", "bo@example.org"]
    assert msg["To"].addresses[1].display_name == "Bö"
    assert msg["Date"].datetime == datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    assert re.fullmatch(r"<[^@<>\s]+@hindsight\.example>", msg["Message-ID"].strip())
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert parts[0].get_content() == rendered.text
    assert parts[1].get_content() == rendered.html
    assert all(p.get_content_charset() == "utf-8" for p in parts)


def test_write_digest_replaces_and_refuses_bad_headers(
    tmp_path: Path, rendered: RenderedDigest
) -> None:
    day = date(2026, 11, 26)
    first = write_digest(rendered, tmp_path, day, sender="a@example.com", recipients=["b@x.org"])
    again = RenderedDigest(rendered.subject, "<p>second</p>", "second", rendered.generated)
    write_digest(again, tmp_path, day, sender="a@example.com", recipients=["b@x.org"])
    assert first.html.read_text() == "<p>second</p>"
    with pytest.raises(ValueError):
        write_digest(
            rendered,
            tmp_path / "x",
            day,
            sender="a@example.com\nBcc: c@d.e",
            recipients=["b@x.org"],
        )
    with pytest.raises(ValueError):
        write_digest(rendered, tmp_path / "y", day, sender="a@example.com", recipients=[])
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_evidence_of_unchanged_predictions_stays_out_of_the_mail() -> None:
    """The mail grows with the predictions, not with the evidence gathered over the years."""
    many = [ev(f"https://example.com/{i}", f"Source number {i}") for i in range(50)]
    ctx = DigestContext(
        generated=datetime(2026, 11, 26, tzinfo=UTC),
        since=date(2026, 11, 19),
        predictions=[pv(1, "supported", 0.8, evidence=many)],
    )
    out = render_digest(ctx)
    for body in (out.text, " ".join("".join(parse(out.html).text).split())):
        assert "Prediction number 1 will come true." in body and "Source number" not in body
    fewer = render_digest(replace(ctx, predictions=[pv(1, "supported", 0.8, evidence=many[:1])]))
    assert len(fewer.html) == len(out.html)


def test_relayed_forecasts_get_their_own_scorecard_with_strip() -> None:
    views = [
        pv(1, "supported", 0.9, settled_on=date(2024, 1, 5)),
        pv(2, "contradicted", 0.8, settled_on=date(2023, 6, 1)),
        pv(3, "supported", 0.7, owner="Forrester", settled_on=date(2025, 2, 1)),
        pv(4, "open", 0.6, owner="Forrester"),
    ]
    ctx = DigestContext(
        generated=datetime(2026, 11, 26, tzinfo=UTC),
        since=date(2026, 11, 19),
        predictions=views,
        scorecards=build_scorecards(views),
        owner_scorecards=build_owner_scorecards(views),
    )
    (ana,) = ctx.scorecards
    (forrester,) = ctx.owner_scorecards
    assert (ana.author, ana.predictions, ana.hit_rate) == ("Ana Analyst", 2, 0.5)
    assert (forrester.author, forrester.predictions, forrester.hit_rate) == ("Forrester", 2, 1.0)
    # Settled oldest first (contradicted 2023, supported 2024), pending last; widths add to 100.
    assert ana.strip == [("contradicted", 50.0), ("supported", 50.0)]
    assert [s for s, _ in forrester.strip] == ["supported", "open"]
    assert (ana.first_settled, ana.last_settled) == (date(2023, 6, 1), date(2024, 1, 5))
    out = render_digest(ctx)
    html_text = " ".join("".join(parse(out.html).text).split())
    for body in (html_text, out.text):
        assert "Forrester" in body and "relaying Forrester" not in body  # no change card here
    assert "By the source they relay" in html_text and "By the source they relay" in out.text
    assert "[xxxxxxxxxxxxxxxxxxxx++++++++++++++++++++]" in out.text
