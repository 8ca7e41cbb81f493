"""The CLI contract an operator and other tools rely on: names, JSON shapes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "xiaomi-ev-2021-03-31.txt"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    return clean | {"HINDSIGHT_HOME": str(tmp_path / "home"), "PYTHONPATH": str(REPO)}


def cli(
    env: dict[str, str], *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=env,
        cwd=cwd or Path(env["HINDSIGHT_HOME"]).parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("seed", "add", "no/such/article.txt"), "no/such/article.txt"),
        (("seed", "add", str(SEED), "--published", "31/03/2021"), "YYYY-MM-DD"),
        (("feeds", "add", "ftp://example.com/feed.xml"), "unsupported"),
        (("feeds", "add", "https:///feed.xml"), "malformed"),
        (("feeds", "add", "missing-feed.xml"), "no such feed file"),
        (("feeds", "add", "http://127.0.0.1:9/feed.xml"), "cannot use feed"),
        (("feeds", "add", "http://feeds.invalid/rss"), "cannot use feed"),
        (("feeds", "add", str(REPO / "README.md")), "cannot use feed"),
        (("digest", "--since", "yesterday"), "YYYY-MM-DD"),
        (("digest", "--send"), "--send needs an SMTP server"),
        (("digest", "--since", "2026-01-01", "--send"), "never mails it"),
        (("run", "--stage", "everything"), "--stage"),
        (("predictions", "import", "nope.yaml"), "no such file"),
    ],
)
def test_bad_arguments_give_one_line_and_a_nonzero_exit(
    env: dict[str, str], args: tuple[str, ...], expected: str
) -> None:
    assert expected in one_line_error(cli(env, *args))


BAD_SEEDS = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 64,
    "german.txt": (
        "Von Hans Weber\n5 min read\u00b7Mar 2, 2024\n\nDer Konzern wird im kommenden Jahr "
        "eine neue Fabrik in Sachsen bauen, und die Preise werden wahrscheinlich steigen. "
    ).encode()
    * 20,
    "huge.txt": b"Acme will ship robots by 2030. " * 200_000,
}


@pytest.mark.parametrize("name", sorted(BAD_SEEDS))
def test_unusable_seeds_are_refused_in_one_line_and_store_nothing(
    env: dict[str, str], tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_SEEDS[name])
    one_line_error(cli(env, "seed", "add", str(path), "--published", "2024-03-02"))
    assert json.loads(cli(env, "seed", "list", "--json").stdout) == []


def test_article_without_predictions_is_stored_with_a_note(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "history.txt"
    path.write_text(
        "The company was founded in 1998 in a garage. It sold its first product in 2001, "
        "and grew to 4,000 employees by 2015. Its founder retired in 2020 after two decades "
        "at the helm, and the board named a new chief executive the same year. " * 3
    )
    result = cli(env, "seed", "add", str(path), "--published", "2024-03-02", "--title", "History")
    assert result.returncode == 0, result.stderr
    assert "no predictions found" in result.stdout


def test_bad_database_url_is_one_line(env: dict[str, str]) -> None:
    env = env | {"HINDSIGHT_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    assert "database" in one_line_error(cli(env, "seed", "list"))


def test_seed_add_twice_stores_once_and_lists_predictions(env: dict[str, str]) -> None:
    first = cli(env, "seed", "add", str(SEED))
    assert first.returncode == 0, first.stderr
    again = cli(env, "seed", "add", str(SEED))
    assert again.returncode == 0 and "already stored" in again.stdout
    seeds = json.loads(cli(env, "seed", "list", "--json").stdout)
    assert len(seeds) == 1 and seeds[0]["published"] == "2021-03-31"
    assert seeds[0]["author"] == "Lei Xing" and seeds[0]["versions"] == 1
    predictions = json.loads(cli(env, "predictions", "list", "--json").stdout)
    assert predictions and all(p["status"] == "open" and p["evidence"] == [] for p in predictions)
    assert all(p["seed"] == seeds[0]["id"] and p["text"] in SEED.read_text() for p in predictions)


def test_ledger_round_trip_edits_drops_and_adds(env: dict[str, str], tmp_path: Path) -> None:
    assert cli(env, "seed", "add", str(SEED)).returncode == 0
    exported = cli(env, "predictions", "export", "--seed", "1")
    assert exported.returncode == 0, exported.stderr
    ledger = yaml.safe_load(exported.stdout)
    items = ledger["predictions"]
    first, dropped = items[0], items[1]
    first["deadline"] = "2030-12-31"
    first["keywords"] = [*first["keywords"], "SU7"]
    items.remove(dropped)
    items.append(
        {
            "seed_id": 1,
            "text": "Xiaomi will sell cars in Europe.",
            "subject": "Xiaomi",
            "kind": "event",
        }
    )
    path = tmp_path / "reviewed.yaml"
    path.write_text(yaml.safe_dump(ledger, allow_unicode=True), encoding="utf-8")
    applied = cli(env, "predictions", "import", str(path))
    assert applied.returncode == 0, applied.stderr

    after = {p["id"]: p for p in json.loads(cli(env, "predictions", "list", "--json").stdout)}
    assert after[first["id"]]["deadline"] == "2030-12-31"
    assert "SU7" in after[first["id"]]["keywords"] and after[first["id"]]["reviewed"]
    assert dropped["id"] not in after
    assert any(p["text"] == "Xiaomi will sell cars in Europe." for p in after.values())
    # Re-adding the seed does not undo the analyst's review.
    assert cli(env, "seed", "add", str(SEED)).returncode == 0
    again = {p["id"]: p for p in json.loads(cli(env, "predictions", "list", "--json").stdout)}
    assert again[first["id"]]["deadline"] == "2030-12-31" and dropped["id"] not in again


def test_feeds_add_list_export_import(env: dict[str, str], tmp_path: Path) -> None:
    archive = REPO / "seeds" / "xiaomi-news-archive.xml"
    assert cli(env, "feeds", "add", str(archive), "--name", "Archive").returncode == 0
    feeds = json.loads(cli(env, "feeds", "list", "--json").stdout)
    assert [f["url"] for f in feeds] == [archive.resolve().as_uri()]
    opml = cli(env, "feeds", "export").stdout
    assert "<opml" in opml and archive.resolve().as_uri() in opml
    other = tmp_path / "other"
    other_env = env | {"HINDSIGHT_HOME": str(other)}
    (tmp_path / "subs.opml").write_text(opml, encoding="utf-8")
    assert cli(other_env, "feeds", "import", str(tmp_path / "subs.opml")).returncode == 0
    assert json.loads(cli(other_env, "feeds", "list", "--json").stdout)[0]["name"] == "Archive"
    # OPML folders come in as categories and go out again; a second import adds nothing.
    folder = tmp_path / "folder.opml"
    folder.write_bytes(
        b'<opml version="2.0"><body><outline text="Cars &amp; EVs">'
        b'<outline text="A" xmlUrl="http://a.example/rss" htmlUrl="http://a.example/"/>'
        b"</outline></body></opml>"
    )
    assert "imported 1 new feeds" in cli(other_env, "feeds", "import", str(folder)).stdout
    assert "imported 0 new feeds" in cli(other_env, "feeds", "import", str(folder)).stdout
    exported = cli(other_env, "feeds", "export").stdout
    assert 'text="Cars &amp; EVs"' in exported and 'htmlUrl="http://a.example/"' in exported
    disabled = cli(env, "feeds", "add", str(archive), "--disabled")
    assert disabled.returncode == 0 and "feed updated" in disabled.stdout
    assert json.loads(cli(env, "feeds", "list", "--json").stdout)[0]["enabled"] is False
    assert cli(env, "feeds", "remove", archive.resolve().as_uri()).returncode == 0
    assert json.loads(cli(env, "feeds", "list", "--json").stdout) == []


def test_eval_reads_a_real_seeds_case_with_its_own_seed_and_reports_abstention(
    env: dict[str, str],
) -> None:
    from tests.conftest import shared_path

    case = shared_path("eval", "real-seeds", "sullins-model3-2017")
    result = _eval(env, case, "-v")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for figure in ("verdict precision", "coverage", "evidence precision", "distractor evidence"):
        assert figure in out
    # The seed is the case's own article dated from meta.json (2017), not the bundled Xiaomi one:
    # its 19 predictions are stored and judged, and 14 of them are settled by the news.
    assert "items 14, predictions 19" in out
    assert "of 14 settled predictions" in out


def test_eval_of_a_case_whose_seed_cannot_be_read_fails_in_one_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    # A case folder whose article is only an image: the seed reader refuses it, and `eval`
    # says so in one line instead of a traceback.
    case = tmp_path / "case"
    case.mkdir()
    (case / "article.md").write_text('<img src="https://example.org/cover.png" />\n')
    (case / "meta.json").write_text('{"published": "2031-01-05"}')
    (case / "predictions.jsonl").write_text('{"id": "P1", "quote": "x", "status": "open"}\n')
    (case / "news.jsonl").write_text('{"id": "N1", "date": "2031-02-01", "quote": "x"}\n')
    assert "has no prose to read (0 words" in one_line_error(_eval(env, case))


def _eval(env: dict[str, str], case: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`hindsight eval` on a real-seeds case folder (its news, its gold, its own article)."""
    news, gold = str(case / "news.jsonl"), str(case / "predictions.jsonl")
    return cli(env, "eval", "--news", news, "--predictions", gold, *extra)
