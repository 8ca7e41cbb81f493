"""Verdicts as an operator and an analyst meet them, through the real CLI (`hindsight run` starts
Prefect's real temporary server): a seed about a new subject is judged against the news already
stored, and the analyst's reviewed statuses and evidence win over the judge on later runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO / "seeds" / "xiaomi-news-archive.xml"
XIAOMI = REPO / "seeds" / "xiaomi-ev-2021-03-31.txt"


def hindsight(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    return env | {"HINDSIGHT_HOME": str(tmp_path / "home"), "PYTHONPATH": str(REPO)}


def predictions(env: dict[str, str], cwd: Path) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(
        hindsight(env, cwd, "predictions", "list", "--json").stdout
    )
    return listed


def write_feed(path: Path, keep: list[int]) -> None:
    """The bundled archive with only the items at these positions (in archive order)."""
    tree = ET.parse(ARCHIVE)
    channel = tree.getroot().find("channel")
    assert channel is not None
    items = channel.findall("item")
    for position, item in enumerate(items):
        if position not in keep:
            channel.remove(item)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def test_a_seed_about_a_new_subject_is_judged_against_the_news_already_stored(tmp_path):
    env = environment(tmp_path)
    # The first seed is about another business; the Xiaomi news is stored and read for it.
    (tmp_path / "hindsight.toml").write_text(
        f'[[seeds]]\npath = "{REPO / "tests" / "seeds" / "carmaker-volumes.md"}"\n',
        encoding="utf-8",
    )
    hindsight(env, tmp_path, "feeds", "add", str(ARCHIVE))
    hindsight(env, tmp_path, "run", "--offline")
    assert json.loads(hindsight(env, tmp_path, "status", "--json").stdout)["documents"] == 39
    assert not [p for p in predictions(env, tmp_path) if "Xiaomi" in p["subject"]]

    # Later, a seed about Xiaomi: no new news arrives, the stored news must be read for it.
    hindsight(env, tmp_path, "seed", "add", str(XIAOMI), "--published", "2021-03-31")
    seeds = json.loads(hindsight(env, tmp_path, "seed", "list", "--json").stdout)
    xiaomi = next(s["id"] for s in seeds if s["origin"] and "xiaomi" in s["origin"].lower())
    hindsight(env, tmp_path, "run", "--offline")

    judged = [p for p in predictions(env, tmp_path) if p["seed"] == xiaomi]
    assert len(judged) >= 8
    evidence = [e for p in judged for e in p["evidence"]]
    assert len(evidence) >= 10, "the stored news was not judged for the new seed"
    assert any("Xiaomi" in e["claim"] or "SU7" in e["claim"] for e in evidence)
    assert len([p for p in judged if p["status"] in ("supported", "contradicted")]) >= 5


def test_reviewed_statuses_and_evidence_win_over_the_judge_on_later_runs(tmp_path):
    env = environment(tmp_path)
    items = ET.parse(ARCHIVE).getroot().findall("channel/item")
    dated = sorted(
        range(len(items)),
        key=lambda i: parsedate_to_datetime(items[i].findtext("pubDate") or ""),
    )
    # Every other story first; the rest, older and newer ones mixed, in a later run.
    first, later = dated[::2], dated[1::2]
    feed = tmp_path / "news.xml"
    write_feed(feed, first)
    hindsight(env, tmp_path, "feeds", "add", str(feed))
    hindsight(env, tmp_path, "run", "--offline")

    exported = yaml.safe_load(hindsight(env, tmp_path, "verdicts", "export").stdout)
    verdicts = exported["verdicts"]
    with_evidence = [v for v in verdicts if v["evidence"]]
    assert len(with_evidence) >= 3
    overruled, rejected_in, confirmed_in = with_evidence[:3]
    # The analyst overrules a status, rejects one item and confirms another.
    new_status = "contradicted" if overruled["judged"] != "contradicted" else "supported"
    overruled["status"], overruled["note"] = new_status, "the analyst read the filing"
    rejected = rejected_in["evidence"][0]
    rejected["review"] = "rejected"
    confirmed = confirmed_in["evidence"][-1]
    confirmed["review"] = "confirmed"
    review_file = tmp_path / "reviews.yaml"
    review_file.write_text(yaml.safe_dump(exported, allow_unicode=True), encoding="utf-8")
    applied = hindsight(env, tmp_path, "verdicts", "import", str(review_file)).stdout
    assert "1 status(es), 2 evidence item(s)" in applied

    # More news arrives, some of it older than what was read: the reading is rewound and
    # every reviewed story read and judged again.
    write_feed(feed, first + later)
    hindsight(env, tmp_path, "run", "--offline")
    assert json.loads(hindsight(env, tmp_path, "status", "--json").stdout)["documents"] == 39

    by_id = {p["id"]: p for p in predictions(env, tmp_path)}
    kept = by_id[overruled["id"]]
    assert kept["status"] == new_status and kept["review_status"] == new_status
    assert "the analyst read the filing" in kept["status_reason"]
    reviews = {e["assessment_id"]: e["review"] for p in by_id.values() for e in p["evidence"]}
    assert reviews.get(rejected["id"]) == "rejected"
    assert reviews.get(confirmed["id"]) == "confirmed"

    # `predictions show` tells who made each move: the analyst's status, the judge's others.
    story = json.loads(
        hindsight(env, tmp_path, "predictions", "show", str(overruled["id"]), "--json").stdout
    )
    last = story["history"][-1]
    assert last["new_status"] == new_status and last["reviewed"] is True
    assert (
        "reviewed by an analyst"
        in hindsight(env, tmp_path, "predictions", "show", str(overruled["id"])).stdout
    )
    judged = [
        p
        for p in by_id.values()
        if p["status"] != "open" and not p["review_status"] and p["id"] != confirmed_in["id"]
    ]
    judged_moves = [
        json.loads(hindsight(env, tmp_path, "predictions", "show", str(p["id"]), "--json").stdout)[
            "history"
        ]
        for p in judged
    ]
    assert judged_moves and all(not m["reviewed"] for moves in judged_moves for m in moves)

    again = yaml.safe_load(hindsight(env, tmp_path, "verdicts", "export").stdout)
    shown = {v["id"]: v for v in again["verdicts"]}
    assert shown[overruled["id"]]["status"] == new_status
    assert shown[overruled["id"]]["note"] == "the analyst read the filing"

    # The digest marks the analyst's decision as reviewed; each prediction's archive page shows
    # the analyst's reason, marks the confirmed item and leaves the rejected one out.
    reports = tmp_path / "home" / "reports"
    html = max(reports.glob("digest-*.html")).read_text(encoding="utf-8")
    assert f"#{overruled['id']}" in html and "(reviewed)" in html
    text = max(reports.glob("digest-*.txt")).read_text(encoding="utf-8")
    assert f"#{overruled['id']} (reviewed)" in text
    page = (reports / "predictions" / f"{overruled['id']}.html").read_text(encoding="utf-8")
    assert "(reviewed):</strong> the analyst read the filing" in page
    assert "reviewed by an analyst" in page
    page = (reports / "predictions" / f"{confirmed_in['id']}.html").read_text(encoding="utf-8")
    assert "&middot; reviewed</span>" in page  # the confirmed item
    page = (reports / "predictions" / f"{rejected_in['id']}.html").read_text(encoding="utf-8")
    kept_items = [e for e in by_id[rejected_in["id"]]["evidence"] if e["review"] != "rejected"]
    assert len(kept_items) < len(by_id[rejected_in["id"]]["evidence"])
    assert page.count("&middot; confidence") == len(kept_items)


def test_a_bad_review_file_is_refused_in_one_line_and_changes_nothing(tmp_path):
    env = environment(tmp_path)
    hindsight(env, tmp_path, "seed", "add", str(XIAOMI), "--published", "2021-03-31")
    exported = yaml.safe_load(hindsight(env, tmp_path, "verdicts", "export").stdout)
    exported["verdicts"][0]["status"] = "probably"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(exported), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "hindsight", "verdicts", "import", str(bad)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert "status 'probably' is not one of" in line
    assert all(p["review_status"] is None for p in predictions(env, tmp_path))
