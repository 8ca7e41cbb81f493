"""Reading seeds: what an analyst checks after `hindsight seed add`.

The seed articles under tests/seeds/ were written for these tests (invented companies, original
prose) in the forms real seeds arrive in: a Medium page copied as text, Markdown with front
matter, a saved HTML page. Each `<stem>.predictions.jsonl` lists what a careful reader finds in it;
every quote must survive reading word for word, and no page furniture may be left around it.
"""

from __future__ import annotations

import json
import re
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from hindsight.domain import SeedArticle
from hindsight.reading import MAX_SEED_BYTES, SeedError, content_hash, read_seed, read_seed_text
from hindsight.reading.fetching import fetch

SEEDS = Path(__file__).resolve().parent / "seeds"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
XIAOMI = SHARED / "seeds" / "xiaomi-ev-2021-03-31.txt"
XIAOMI_GOLD = SHARED / "eval" / "xiaomi" / "predictions.jsonl"


def gold_of(seed: Path) -> Path:
    """A seed's gold list: beside it, else in the generality set that uses it."""
    beside = seed.with_name(seed.name.rsplit(".", 1)[0] + ".predictions.jsonl")
    if beside.exists():
        return beside
    for readme in sorted((SEEDS.parent / "generality").glob("*/README.md")):
        if seed.name in readme.read_text(encoding="utf-8"):
            return readme.with_name("predictions.jsonl")
    return beside


SEED_FILES = sorted(p for p in SEEDS.iterdir() if p.suffix in {".txt", ".md", ".html"})

# Printed by the pages around the articles, never part of the author's prose.
FURNITURE = [
    "min read",
    "Written by",
    "No responses yet",
    "Follow",
    "Listen",
    "Followers",
    "What are your thoughts",
    "cookies",
    "Accept all",
    "Most read",
    "Sign up",
    "Subscribe",
    "Share this article",
    "All rights reserved",
    "Previously at a sell-side desk",  # the author bio in the Medium footer
]


def gold_quotes(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["quote"] for line in lines if line.strip()]


def xiaomi_or_skip() -> Path:
    if not XIAOMI.exists() or not XIAOMI_GOLD.exists():
        pytest.skip(f"shared development data not present: {SHARED}")
    return XIAOMI


def test_there_are_three_seed_forms_with_gold_lists() -> None:
    assert {p.suffix for p in SEED_FILES} == {".txt", ".md", ".html"}
    for seed in SEED_FILES:
        assert 8 <= len(gold_quotes(gold_of(seed))) <= 15, seed.name


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_every_gold_quote_survives_reading(seed: Path) -> None:
    text = read_seed(seed).text
    missing = [q for q in gold_quotes(gold_of(seed)) if q not in text]
    assert not missing


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_no_page_furniture_is_left_in_the_text(seed: Path) -> None:
    text = read_seed(seed).text
    # Whole words: "Subscribe" is furniture, "Subscribers" can be prose.
    assert [f for f in FURNITURE if re.search(rf"\b{re.escape(f)}\b", text)] == []
    assert "**" not in text and "](" not in text and "<p>" not in text
    assert "\n\n\n" not in text and text == text.strip()


@pytest.mark.parametrize(
    ("name", "title", "author", "published", "url", "fmt"),
    [
        (
            "chipmaker-roadmap.txt",
            "Kestrel’s five-nodes-in-four-years plan meets the fab floor",
            "Marta Okonkwo",
            date(2023, 9, 14),
            None,
            "text",
        ),
        (
            "carmaker-volumes.md",
            "Valdane's million-car promise, one year on",
            "Daniel Ferreira",
            date(2024, 2, 8),
            "https://autoledger.example.com/2024/02/valdane-million-car-promise",
            "markdown",
        ),
        (
            "heat-pump-adoption.html",
            "Heat pumps are finally selling. Not fast enough.",
            "Priya Raman",
            date(2024, 5, 21),
            "https://gridandhome.example.org/analysis/heat-pumps-finally-selling",
            "html",
        ),
    ],
)
def test_metadata_is_found_in_the_page(
    name: str, title: str, author: str, published: date, url: str | None, fmt: str
) -> None:
    article = read_seed(SEEDS / name)
    assert (article.title, article.author, article.published, article.url) == (
        title,
        author,
        published,
        url,
    )
    assert article.source_format == fmt
    assert not article.text.startswith(title)  # the title is metadata, not the first sentence


def test_medium_subtitle_and_byline_are_not_prose() -> None:
    text = read_seed(SEEDS / "chipmaker-roadmap.txt").text
    assert text.startswith("Kestrel Semiconductor held its first investor day")
    assert "Roadmaps are cheap. Wafers are not." not in text
    assert text.endswith("Check back with me in eighteen months.")  # tags and counts cut


def test_the_xiaomi_seed_reads_clean_with_its_metadata() -> None:
    article = read_seed(xiaomi_or_skip())
    assert article.author == "Lei Xing"
    assert article.published == date(2021, 3, 31)
    assert article.title is not None and "what’s next?" in article.title
    text = article.text
    # Whole words: "Subscribe" is furniture, "Subscribers" can be prose.
    assert [f for f in FURNITURE if re.search(rf"\b{re.escape(f)}\b", text)] == []
    assert "Former Chief Editor" not in text  # the footer bio
    assert "plowing $10 billion" not in text  # the subtitle above the first paragraph
    assert text.startswith("A new identity.")
    assert not text.rstrip().endswith("Lei Xing")  # the author name repeated above the footer
    assert [q for q in gold_quotes(XIAOMI_GOLD) if q not in text] == []


def test_explicit_arguments_win_over_found_metadata() -> None:
    article = read_seed(
        SEEDS / "heat-pump-adoption.html",
        title="Given title",
        author="Given Author",
        published=date(2024, 6, 1),
        url="https://example.net/given",
    )
    assert (article.title, article.author, article.published, article.url) == (
        "Given title",
        "Given Author",
        date(2024, 6, 1),
        "https://example.net/given",
    )


def test_bytes_in_hand_read_like_the_file() -> None:
    path = SEEDS / "carmaker-volumes.md"
    from_bytes = read_seed_text(path.read_bytes(), fmt=None)
    assert from_bytes == read_seed(path)


PLAIN = (
    "The company will open its second plant within two years, I expect. "
    "It has said that it plans to hire 2,000 people there, and that it will be the largest "
    "employer in the region by the end of the decade. I am not so sure about that part of the "
    "plan, but the first part looks solid to me."
)


def test_a_seed_without_a_date_asks_for_published() -> None:
    with pytest.raises(SeedError, match="--published"):
        read_seed_text(PLAIN, fmt="text")
    article = read_seed_text(PLAIN, fmt="text", published=date(2022, 1, 5))
    assert article.text == PLAIN and article.published == date(2022, 1, 5)


def test_plain_prose_without_furniture_is_kept_whole() -> None:
    raw = f"{PLAIN}\n\nSecond paragraph: a short one.\n"
    article = read_seed_text(raw, fmt="text", published=date(2022, 1, 5))
    assert article.text == f"{PLAIN}\n\nSecond paragraph: a short one."
    assert article.title is None and article.author is None


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    wrapped = textwrap.fill(PLAIN, width=60) + "\n\n" + textwrap.fill(PLAIN, width=50)
    article = read_seed_text(wrapped, fmt="text", published=date(2022, 1, 5))
    assert article.text == f"{PLAIN}\n\n{PLAIN}"


def test_windows_1252_bytes_are_read() -> None:
    raw = (PLAIN + " The café owner agreed — mostly.").encode("cp1252")
    article = read_seed_text(raw, fmt="text", published=date(2022, 1, 5))
    assert article.text.endswith("The café owner agreed — mostly.")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="not found"):
        read_seed(tmp_path / "nope.txt")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("  \n\n")
    with pytest.raises(SeedError, match="empty"):
        read_seed(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(SeedError, match="binary"):
        read_seed(path)


def test_undecodable_bytes_without_nul() -> None:
    raw = bytes(range(1, 32)) * 40 + b"\xff\xfe\x81"
    with pytest.raises(SeedError, match="not readable text"):
        read_seed_text(raw, fmt="text", published=date(2022, 1, 5))


GERMAN = (
    "Der Konzern will bis zum Ende des Jahrzehnts eine Million Fahrzeuge pro Jahr verkaufen. "
    "Ich halte das für unwahrscheinlich, denn die Nachfrage in Europa ist schwach und die "
    "Preise für Batterien sinken langsamer als erwartet. Wahrscheinlich wird das Ziel bei der "
    "nächsten Strategieüberprüfung verschoben, vermutlich auf das Jahr 2032, und die Marge "
    "fällt in diesem Jahr unter fünf Prozent, bevor sie sich wieder erholt."
)


def test_a_page_in_another_language_is_refused_by_name() -> None:
    with pytest.raises(SeedError, match="another language"):
        read_seed_text(GERMAN, fmt="text", published=date(2022, 1, 5))
    chinese = "小米宣布进入智能电动汽车行业，未来十年投资一百亿美元。" * 10
    with pytest.raises(SeedError, match="another language"):
        read_seed_text(chinese, fmt="text", published=date(2022, 1, 5))


def test_an_oversized_article_is_refused_with_the_limit() -> None:
    huge = "word " * (MAX_SEED_BYTES // 5 + 1)
    with pytest.raises(SeedError, match=f"limited to {MAX_SEED_BYTES // 1_000_000} MB"):
        read_seed_text(huge, fmt="text", published=date(2022, 1, 5))


def test_html_without_main_text() -> None:
    """A login wall: trafilatura finds only the menu and button labels."""
    page = (
        "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav>"
        "<form><input name='user'><button>Sign in</button></form></body></html>"
    )
    with pytest.raises(SeedError, match="no main text"):
        read_seed_text(page, fmt=None, published=date(2022, 1, 5))


def test_unknown_format_is_named() -> None:
    with pytest.raises(SeedError, match="unknown seed format 'pdf'"):
        read_seed_text(PLAIN, fmt="pdf")


def test_error_messages_are_one_line(tmp_path: Path) -> None:
    for call in (
        lambda: read_seed(tmp_path / "nope.txt"),
        lambda: read_seed_text(PLAIN, fmt="text"),
        lambda: read_seed_text(GERMAN, fmt="text", published=date(2022, 1, 5)),
    ):
        with pytest.raises(SeedError) as info:
            call()
        assert "\n" not in str(info.value)


def test_content_hash_identifies_a_text_and_its_versions(tmp_path: Path) -> None:
    first = read_seed(SEEDS / "chipmaker-roadmap.txt")
    again = read_seed(SEEDS / "chipmaker-roadmap.txt", title="Another title")
    assert content_hash(first) == content_hash(again)
    respaced = SeedArticle(text=first.text.replace("\n\n", "\n \n\n"), published=first.published)
    assert content_hash(respaced) == content_hash(first)
    edited = SeedArticle(
        text=first.text.replace("mid-2026", "late 2026"), published=first.published
    )
    assert content_hash(edited) != content_hash(first)
    assert len(content_hash(first)) == 64


# --- URLs, against a real HTTP server on 127.0.0.1 -------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(
                200, "text/html; charset=utf-8", (SEEDS / "heat-pump-adoption.html").read_bytes()
            )
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7 " + b"x" * 100)
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, "text/html", b"<html><body><p>late</p></body></html>")
        elif self.path == "/big":
            self._send(200, "text/html", b"<html><body>" + b"<p>filler text</p>" * 20_000)
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_and_read_like_the_saved_page(server: str) -> None:
    article = read_seed(f"{server}/moved")
    saved = read_seed(SEEDS / "heat-pump-adoption.html")
    assert article.text == saved.text
    assert (article.title, article.author, article.published) == (
        saved.title,
        saved.author,
        saved.published,
    )
    assert article.url == f"{server}/article"  # where the redirect led
    assert article.source_format == "url"
    assert "Hindsight" in _Handler.agents[-1]


def test_an_unfetchable_url_names_the_status(server: str) -> None:
    with pytest.raises(SeedError, match="HTTP 404"):
        read_seed(f"{server}/gone")


def test_a_non_page_url_is_refused(server: str) -> None:
    with pytest.raises(SeedError, match="application/pdf"):
        read_seed(f"{server}/report.pdf")


def test_fetch_times_out(server: str) -> None:
    with pytest.raises(SeedError, match=r"no answer within 0\.5 s"):
        fetch(f"{server}/slow", timeout=0.5)


def test_fetch_caps_the_size(server: str) -> None:
    with pytest.raises(SeedError, match="larger than"):
        fetch(f"{server}/big", max_bytes=100_000)


def test_a_closed_port_cannot_connect() -> None:
    with pytest.raises(SeedError, match="cannot connect"):
        read_seed("http://127.0.0.1:9/article")


SUBSTACK_COPY = """The quiet end of the diesel van
Fleet buyers have already decided. Regulators will follow.
Anna Berg
Apr 02, 2024

14

3

Share

Fleet managers do not read manifestos; they read spreadsheets. And the spreadsheets now say that \
an electric van is cheaper over five years than a diesel one for most urban delivery routes.

I expect at least two of the big parcel carriers to stop buying diesel vans for city routes by \
the end of 2025. I would be surprised if diesel vans are more than a third of new van \
registrations in 2027.

Subscribe to Berg on Fleets

By Anna Berg · Launched 2 years ago

Fleet economics, weekly.

14 Likes
·
3 Restacks

Share
Discussion about this post
Comments
"""


def test_a_substack_copy_keeps_only_the_post() -> None:
    article = read_seed_text(SUBSTACK_COPY, fmt=None)
    assert (article.title, article.author, article.published) == (
        "The quiet end of the diesel van",
        "Anna Berg",
        date(2024, 4, 2),
    )
    assert article.text.startswith("Fleet managers do not read manifestos")
    assert article.text.endswith("new van registrations in 2027.")


MEDIUM_PUBLICATION_COPY = """Member-only story
The battery glut nobody planned for
Cheap cells are coming. Not everyone will survive them.
Tom Ellis
Follow
Published in
Energy Insights
·
8 min read
·
Jan 9, 2024
--
12
Listen
Share
Cell prices fell faster last year than anyone in the industry expected, and the factories \
announced in 2021 and 2022 are only now coming online. That is a recipe for a glut.

I expect the average pack price to fall below $100 per kWh during 2025, and I would be \
surprised if fewer than three of the announced European cell plants are cancelled by 2026.

Batteries
--
12
Tom Ellis
Follow
Written by Tom Ellis
340 Followers
·
Writer for Energy Insights
Energy analyst. Opinions my own.
"""


def test_a_medium_publication_is_not_taken_for_the_author() -> None:
    article = read_seed_text(MEDIUM_PUBLICATION_COPY, fmt="text")
    assert (article.title, article.author, article.published) == (
        "The battery glut nobody planned for",
        "Tom Ellis",
        date(2024, 1, 9),
    )
    assert article.text.startswith("Cell prices fell faster")
    assert article.text.endswith("cancelled by 2026.")
    without_footer = read_seed_text(MEDIUM_PUBLICATION_COPY.split("Batteries")[0], fmt="text")
    assert without_footer.author == "Tom Ellis"  # from the byline alone


@pytest.mark.parametrize(
    ("byline", "dateline", "published"),
    [
        (
            "By Ana Silva, Senior Media Analyst",
            "Published October 5, 2022, 7:30 a.m. ET",
            date(2022, 10, 5),
        ),
        ("By Ana Silva | Wire Desk", "Updated: 5 Oct 2022 10:00 BST", date(2022, 10, 5)),
        ("Ana Silva", "Posted on 2022-10-05", date(2022, 10, 5)),
    ],
)
def test_a_news_site_byline_and_dateline_are_read_not_kept(
    byline: str, dateline: str, published: date
) -> None:
    raw = (
        f"Streamers raise prices again\n{byline}\n{dateline}\nShare this article\n"
        f"Facebook  Twitter  LinkedIn  Email\n{PLAIN}\n"
    )
    article = read_seed_text(raw, fmt="text")
    assert (article.title, article.author, article.published) == (
        "Streamers raise prices again",
        "Ana Silva",
        published,
    )
    assert article.text == PLAIN


def test_a_page_of_tables_and_bullets_is_judged_by_its_paragraphs() -> None:
    # Written for this test on the shape of a distribution's "what's new" page: a few English
    # paragraphs, then noun-phrase bullets and a version table, poor in function words.
    bullets = "\n".join(
        f"- **{name} Boost**: Faster startup, optimized memory usage, modern design language"
        for name in ("Performance", "Interface", "Storage", "Network", "Printing", "Audio")
    )
    table = "| Software | New Version | Old Version |\n|---|---|---|\n" + "\n".join(
        f"| **Package {n}** | {n}.2 | {n}.1 |" for n in range(1, 25)
    )
    english = (
        "# What's new in Quillix 9\n\n"
        "Quillix 9 is expected to be released in the second half of 2031. This page introduces "
        "the important changes and the new features of the version that is now in testing.\n\n"
        "The information below is based on the current testing version and it may change "
        "before the official release, so check it again when the release is out.\n\n"
        f"{bullets}\n\n{table}\n"
    )
    article = read_seed_text(english, fmt="markdown", published=date(2031, 1, 5))
    assert "second half of 2031" in article.text
    german = english.replace(english.split("\n\n")[1], GERMAN).replace(
        english.split("\n\n")[2], GERMAN
    )
    with pytest.raises(SeedError, match="another language"):
        read_seed_text(german, fmt="markdown", published=date(2031, 1, 5))
