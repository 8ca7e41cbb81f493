"""The analyst at the terminal: listings readable at any width, every object's whole story.

Runs the real `hindsight` command in a subprocess against a real SQLite database. The seed and
its predictions come from the real extractor; the news, judgements and two status moves are
stored through `storage` (the assess stage would need a matching archive to produce exactly two
moves on one prediction), with `apply_verdict`, the function the pipeline records moves with.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from hindsight.domain import Assessment, Claim, Evidence, Stance, Status, Verdict
from hindsight.pipeline.seeds import add_seed
from storage import models
from storage.db import Database
from storage.feeds import add_feed
from storage.verdicts import apply_verdict

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "xiaomi-ev-2021-03-31.txt"

# Two stories that move one prediction twice, and one that bears on it without moving it.
NEWS = [
    {
        "url": "https://autonews.example.com/2024/03/xiaomi-su7-launch",
        "title": "Xiaomi launches the SU7 [premium] sedan",
        "published": datetime(2024, 3, 28, 9, tzinfo=UTC),
        "claim": "Xiaomi launched its first car, the SU7, on 28 March 2024 in Beijing.",
        "stance": "supports",
        "reason": "launch 2024-03-28 is within the expected window",
    },
    {
        "url": "https://wire.example.org/markets/xiaomi-recall-2025",
        "title": "Xiaomi recalls SU7 cars over software fault",
        "published": datetime(2025, 11, 2, 14, tzinfo=UTC),
        "claim": "Xiaomi said on 2 November 2025 it would recall 116,000 SU7 sedans.",
        "stance": "contradicts",
        "reason": "a recall of the whole first model speaks against the expected success",
    },
    {
        "url": "https://daily.example.net/xiaomi-orders",
        "title": "Orders for Xiaomi's car pass 75,000",
        "published": datetime(2024, 4, 3, 8, tzinfo=UTC),
        "claim": "Locked-in orders for the Xiaomi SU7 passed 75,000 by 3 April 2024.",
        "stance": "supports",
        "reason": "orders reported ahead of the deadline",
    },
]


def _env(home: Path, columns: int | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env |= {"HINDSIGHT_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = str(columns)
    return env


def cli(home: Path, *args: str, columns: int | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=_env(home, columns),
        cwd=home.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _store_story(db: Database) -> int:
    """Two status moves with their evidence, and one related item, on the seed's prediction 1."""
    with db.session() as session:
        prediction = session.get(models.Prediction, 1)
        assert prediction is not None
        source, _ = add_feed(session, "https://news.example.com/feed.xml", name="Example Wire")
        rows = []
        for i, item in enumerate(NEWS):
            document = models.Document(
                kind="news",
                source_id=source.id,
                url=item["url"],
                title=item["title"],
                published=item["published"],
                text=item["claim"],
                content_hash=f"hash-{i}",
                analysed_hash=f"hash-{i}",
            )
            session.add(document)
            session.flush()
            claim = models.Claim(
                document_id=document.id,
                content_hash=f"hash-{i}",
                text=item["claim"],
                span_start=0,
                span_end=len(item["claim"]),
                subjects=["Xiaomi"],
            )
            session.add(claim)
            session.flush()
            assessment = models.Assessment(
                claim_id=claim.id,
                prediction_id=prediction.id,
                stance=item["stance"],
                confidence=0.8 if i == 0 else 0.7,
                reason=item["reason"],
            )
            session.add(assessment)
            session.flush()
            rows.append(assessment)
        if hasattr(models.Prediction, "owner"):  # a forecast the article relays from a firm
            relayed = session.get(models.Prediction, 2)
            assert relayed is not None
            relayed.owner = "Canalys"
        moves = [(Status.SUPPORTED, 0, "supported by the launch"), (Status.MIXED, 1, "a recall")]
        for status, index, reason in moves:
            row = rows[index]
            evidence = Evidence(
                Assessment(
                    str(prediction.id),
                    Claim(text=row.claim.text, span=(0, 1), subjects=("Xiaomi",)),
                    Stance(row.stance),
                    row.confidence,
                    row.reason,
                ),
                url=NEWS[index]["url"],
                title=NEWS[index]["title"],
                published=NEWS[index]["published"].date(),
            )
            verdict = Verdict(status, f"{status}: {reason}", (evidence,))
            change = apply_verdict(
                session, prediction, verdict, assessment_ids={id(evidence): row.id}, run_id=None
            )
            assert change is not None
        return prediction.id


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database holding the bundled seed's predictions and one prediction's two moves."""
    home = tmp_path_factory.mktemp("cli-views") / "home"
    db = Database(f"sqlite:///{home / 'hindsight.db'}")
    db.migrate()
    add_seed(db, str(SEED))
    _store_story(db)
    db.dispose()
    yield home


def _texts(home: Path) -> dict[int, str]:
    rows = json.loads(cli(home, "predictions", "list", "--json"))
    return {row["id"]: row["text"] for row in rows}


def _words(text: str) -> str:
    return " ".join(text.split())


def _listed_texts(output: str) -> dict[int, str]:
    """Each prediction's text as `predictions list` drew it, lines joined, whitespace folded."""
    lines = output.splitlines()
    found: dict[int, list[str]] = {}
    header = next((line for line in lines if re.match(r"\s*id\s+seed\s+status", line)), None)
    if header is not None:  # the wide table: the text is the last column
        column = header.index("prediction")
        current = None
        for line in lines[lines.index(header) + 2 :]:
            first = line[:column].split()
            if first and first[0].isdigit():
                current = int(first[0])
                found[current] = []
            if current is not None:
                found[current].append(line[column:])
    else:  # the narrow layout: a head line "#ID ...", the text indented under it
        current = None
        for line in lines:
            head = re.match(r"#(\d+)\s", line)
            if head:
                current = int(head.group(1))
                found[current] = []
            elif current is not None and line.startswith("    "):
                found[current].append(line)
    return {key: _words(" ".join(parts)) for key, parts in found.items()}


@pytest.mark.parametrize("columns", [80, 200])
def test_list_shows_every_prediction_whole_at_any_width(home: Path, columns: int) -> None:
    texts = _texts(home)
    output = cli(home, "predictions", "list", columns=columns)
    assert all(len(line) <= columns for line in output.splitlines())
    assert "…" not in output
    listed = _listed_texts(output)
    assert set(listed) == set(texts)
    for key, text in texts.items():
        # The whole statement, words intact: a word cut in two would not read back the same.
        assert listed[key] == _words(text), (columns, key)
        assert listed[key][:120] == _words(text)[:120]


def test_list_filters(home: Path) -> None:
    every = json.loads(cli(home, "predictions", "list", "--json"))
    mixed = json.loads(cli(home, "predictions", "list", "--json", "--status", "mixed"))
    assert [p["id"] for p in mixed] == [1]
    several = json.loads(
        cli(home, "predictions", "list", "--json", "--status", "open", "--status", "mixed")
    )
    assert len(several) == len(every)
    today = date.today().isoformat()
    moved = json.loads(cli(home, "predictions", "list", "--json", "--changed-since", today))
    assert [p["id"] for p in moved] == [1]
    later = json.loads(cli(home, "predictions", "list", "--json", "--changed-since", "2999-01-01"))
    assert later == []
    assert json.loads(cli(home, "predictions", "list", "--json", "--seed", "2")) == []
    narrow = cli(home, "predictions", "list", "--status", "mixed", columns=80)
    assert narrow.startswith("#1 ") and "mixed" in narrow.splitlines()[0]


def test_owner_filter(home: Path) -> None:
    every = json.loads(cli(home, "predictions", "list", "--json"))
    if not hasattr(models.Prediction, "owner"):  # this schema records no owner: say so
        result = subprocess.run(
            [sys.executable, "-m", "hindsight", "predictions", "list", "--owner", "x"],
            env=_env(home),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1 and "no owner" in result.stderr
        return
    relayed = json.loads(cli(home, "predictions", "list", "--json", "--owner", "canalys"))
    assert [p["id"] for p in relayed] == [2] and relayed[0]["owner"] == "Canalys"
    own = json.loads(cli(home, "predictions", "list", "--json", "--owner", "Lei Xing"))
    assert [p["id"] for p in own] == [p["id"] for p in every if p["id"] != 2]
    assert own == json.loads(cli(home, "predictions", "list", "--json", "--owner", "author"))
    wide = cli(home, "predictions", "list", columns=200)
    assert "owner" in wide.splitlines()[1] and "Canalys" in wide
    assert "owner Canalys" in cli(home, "predictions", "list", columns=80)
    assert "Canalys (relayed by the article)" in cli(home, "predictions", "show", "2")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("predictions", "list", "--status", "won"), "--status"),
        (("predictions", "list", "--changed-since", "last week"), "YYYY-MM-DD"),
        (("predictions", "show", "999"), "no such prediction"),
        (("seed", "show", "999"), "no such seed"),
        (("feeds", "show", "https://nowhere.example/feed.xml"), "no such feed"),
        (("feeds", "show", "no/such/feed.xml"), "no such feed"),
        (("predictions", "show", "abc"), "is a number"),
        (("seed", "show", "first"), "is a number"),
    ],
)
def test_bad_questions_are_one_line(home: Path, args: tuple[str, ...], expected: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=_env(home),
        cwd=home.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], result.stderr


@pytest.mark.parametrize("columns", [80, 200])
def test_show_tells_both_moves_with_their_evidence(home: Path, columns: int) -> None:
    page = cli(home, "predictions", "show", "1", columns=columns)
    flat = _words(page)
    assert all(len(line) <= columns for line in page.splitlines())
    history = flat.index("History (2 moves)")
    related = flat.index("Other evidence, weighed, moved no status (1)")
    first = flat.index("open -> supported")
    second = flat.index("supported -> mixed")
    assert history < first < second < related
    # Each move carries its deciding evidence: outlet, date, link, sentence, reason.
    for index, start, end in ((0, first, second), (1, second, related)):
        item = NEWS[index]
        move = flat[start:end]
        assert f"{item['url'].split('/')[2]}, {item['published'].date()}" in move
        assert _words(str(item["claim"])) in move and str(item["reason"]) in move
        assert str(item["title"]) in move  # brackets in a headline are text, not markup
        if columns == 200:  # a long link folds at 80 columns, and stays whole at 200
            assert str(item["url"]) in move
        assert "not reviewed" in move
    assert _words(str(NEWS[2]["claim"])) in flat[related:]
    seed_line = '"Xiaomi smart EV is “ALIVE”: what’s next?" by Lei Xing, 2021-03-31'
    assert seed_line in flat[:history]


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def _shown(value: Any, page: str) -> bool:
    """Whether a JSON leaf is on the human page, in the form the page writes it."""
    if isinstance(value, bool) or value is None:
        return True  # drawn as words ("active", "not reviewed") or left out when empty
    if isinstance(value, float):
        forms = {f"{value:.0%}", f"{value:.2f}", f"{value:,}", f"{value:,.0f}"}
        return any(form in page for form in forms)
    if isinstance(value, int):
        return f"{value:,}" in page or str(value) in page
    text = _words(str(value))
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d.*", text):
        return text[:10] + " " + text[11:16] in page  # moments are shown to the minute
    if re.fullmatch(r"[0-9a-f]{12,}", text):
        return text[:12] in page  # hashes are shortened
    return text in page


@pytest.mark.parametrize(
    "args",
    [("predictions", "show", "1"), ("seed", "show", "1"), ("feeds", "show", "1")],
    ids=["prediction", "seed", "feed"],
)
def test_json_carries_what_the_page_shows(home: Path, args: tuple[str, ...]) -> None:
    data = json.loads(cli(home, *args, "--json"))
    assert isinstance(data, dict)
    page = _words(cli(home, *args, columns=400))
    missing = [path for path, value in _leaves(data) if not _shown(value, page)]
    assert not missing, missing
    # And the page's labelled facts are in the JSON: spot-check the ones each command promises.
    if args[0] == "predictions":
        assert [m["new_status"] for m in data["history"]] == ["supported", "mixed"]
        assert all(m["evidence"]["url"].startswith("https://") for m in data["history"])
        assert len(data["other_evidence"]) == 1
        assert {"owner", "kind", "deadline", "hedge", "confidence", "seed"} <= set(data)
    elif args[0] == "seed":
        assert set(data["predictions"]) >= {"mixed", "open"}
        assert data["scorecard"][0]["author"] == "Lei Xing"
        assert data["versions"][0]["words"] > 1000
    else:
        assert data["health"] == "never fetched" and data["entries"] == 0
        assert data["url"] == "https://news.example.com/feed.xml"


def test_feed_found_by_url_and_id(home: Path) -> None:
    by_url = json.loads(cli(home, "feeds", "show", "https://news.example.com/feed.xml", "--json"))
    assert by_url == json.loads(cli(home, "feeds", "show", "1", "--json"))
    assert "Example Wire" in cli(home, "feeds", "show", "1")


READ_ONLY = [
    ("status",),
    ("seed", "list"),
    ("seed", "show", "1"),
    ("feeds", "list"),
    ("feeds", "show", "1"),
    ("predictions", "list"),
    ("predictions", "list", "--json", "--status", "mixed"),
    ("predictions", "show", "1"),
    ("predictions", "show", "1", "--json"),
    ("predictions", "export"),
]

_PROBE = """
import json, sys
from hindsight.cli import main
sys.argv = ["hindsight", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = [m for m in sys.modules if m.split(".")[0] in ("prefect", "flows", "fastapi", "uvicorn")]
sys.stderr.write("PROBE " + json.dumps(heavy) + "\\n")
"""


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_read_only_commands_import_no_prefect(home: Path, args: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(args))],
        env=_env(home),
        cwd=home.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = [line for line in result.stderr.splitlines() if line.startswith("PROBE ")]
    assert probe and json.loads(probe[-1][6:]) == [], probe


def test_a_pick_is_listed_under_the_heading_it_stands_under() -> None:
    from rich.console import Console

    from hindsight.cli_views import prediction_list
    from storage.views import PredictionRow

    def row(i: int, context: str | None) -> PredictionRow:
        return PredictionRow(
            id=i, seed=1, key=f"k{i}", text="Most Likely: Storm Road", owner="author",
            subject="Best Sound Mixing", kind="event", window=None, quantity=None,
            polarity=True, deadline=None, confidence=0.5, confidence_cue=None, keywords=[],
            resolution=None, status="open", status_reason=None, status_changed_at=None,
            reviewed=False, context=context,
        )  # fmt: skip

    for width in (80, 200):
        console = Console(width=width, record=True)
        console.print(prediction_list([row(1, "BEST SOUND MIXING"), row(2, None)], width))
        shown = console.export_text()
        assert "Under “BEST SOUND MIXING”: Most Likely: Storm Road" in " ".join(shown.split())
        assert shown.count("Under") == 1  # prose leans on no heading
