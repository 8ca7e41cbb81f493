"""How fast claims are extracted and judged, against how fast feedparser reads the same entries.

Generates 20,000 realistic feed entries (news about a tracked carmaker, its phones, rival
carmakers, boilerplate), 50 predictions over the usual questions, then times:
- feedparser parsing the entries as one RSS document (ingestion);
- alias learning + claim extraction + indexed assessment of every entry (the assess stage);
- the real stages back to back on the same entries: `ingest` of them served as RSS feeds from
  127.0.0.1 into a fresh SQLite database, then `assess_pending` over what was stored.
Each for a feed mix (one entry in ten about the subject) and the worst case (every entry).
The assess stage should not take longer than ingestion of the same entries: the last ratio.
Beside wall seconds, each stage's CPU seconds (this process and its worker processes, sampled
with psutil) are printed: on a shared, busy machine wall time follows the load, CPU time does not.

Run: `python benchmarks/assess.py [--entries N] [--relevant 0.1,1.0] [--stages N]`.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser

from hindsight.analysis.candidates import PredictionIndex
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import make_judge
from hindsight.analysis.subjects import learn_aliases
from hindsight.domain import (
    DateWindow,
    Expectation,
    Kind,
    NewsItem,
    Prediction,
    Quantity,
    Subject,
)

SUBJECT = Subject(
    name="Acme",
    aliases=("Jane Roe", "Roe", "Acme Auto"),
    sector_terms=("car", "cars", "EV", "EVs", "vehicle", "vehicles", "sedan", "SUV", "auto"),
)
RIVALS = ["Rivalco", "Oldco", "Zenith Motors", "Fruitco", "Nova Auto"]
TEMPLATES = [
    "Acme launched the {model} sedan on {day} at {price:,} yuan.",
    "Acme delivered more than {n:,} vehicles in {month} {year}, its Auto unit said.",
    "It took {n:,} orders in {mins} minutes, Roe said.",
    "Acme completed building its car factory in {city}, with {n:,} units of annual capacity.",
    "Acme denied it would acquire a stake in {rival}'s idle car plant.",
    "{person}, former head of design at {rival}, joined Acme Auto.",
    "The EV segment made an operating profit of RMB{m} million in Q{q} {year}.",
    "Acme's R&D staff reached {n:,} at the end of {year}.",
    "Acme sold {n:,} phones in Q{q} {year}, passing {rival}.",
    "{rival} priced its new SUV at {price:,} yuan and took {n:,} pre-orders.",
    "Acme aims to deliver {n:,} cars in {year}, Roe told reporters.",
    "Acme Auto is reportedly in talks with {rival} about contract manufacturing.",
    "Shares of Acme fell {pct}% in Hong Kong after a {model} crash.",
    "Click here to subscribe to our newsletter for more car news.",
    "Acme invested RMB{m} million in battery makers for its cars.",
]
TITLES = [
    "Acme {model} news",
    "Acme car deliveries",
    "{rival} results",
    "Acme phones",
    "EV market",
]


UNRELATED = [
    "{rival} delivered {n:,} vehicles in {month} {year}.",
    "{rival} priced its new SUV at {price:,} yuan.",
    "Shares of {rival} rose {pct}% on Monday.",
    "The central bank kept rates unchanged in {month} {year}.",
    "{person} was named chief executive of {rival} in {year}.",
]


def _entry(rng: random.Random, i: int, relevant: float) -> tuple[str, str, datetime]:
    fill = {
        "model": rng.choice(["Z7", "Z9", "X3"]),
        "day": f"{rng.randint(1, 28)} Mar {rng.randint(2022, 2026)}",
        "price": rng.randrange(80_000, 400_000, 100),
        "n": rng.randrange(1_000, 500_000, 10),
        "month": rng.choice(["January", "April", "July", "October"]),
        "year": rng.randint(2022, 2026),
        "mins": rng.randint(2, 60),
        "city": rng.choice(["Springfield", "Shelbyville", "Capital City"]),
        "rival": rng.choice(RIVALS),
        "person": rng.choice(["Li Wei", "Ann Park", "Tom Berg"]),
        "m": rng.randint(100, 9_000),
        "q": rng.randint(1, 4),
        "pct": rng.randint(1, 9),
    }
    about_subject = rng.random() < relevant
    templates = TEMPLATES if about_subject else UNRELATED
    body = " ".join(rng.choice(templates).format(**fill) for _ in range(rng.randint(3, 6)))
    title = (rng.choice(TITLES) if about_subject else "{rival} news").format(**fill)
    published = datetime(2022, 1, 1) + timedelta(hours=3 * i)
    return title, body, published


def _predictions(n: int) -> list[Prediction]:
    base = [
        (
            "The first car will cost around RMB100,000.",
            Kind.PRICE,
            Expectation(quantity=Quantity(1e5, 1e5, "CNY", "RMB100,000", "money", "about")),
        ),
        (
            "It will take about 3 years before an Acme car can emerge.",
            Kind.TIMELINE,
            Expectation(window=DateWindow(date(2024, 1, 1), date(2024, 12, 31), "3 years")),
        ),
        (
            "Meaningful volumes will come in the second part of the decade.",
            Kind.QUANTITY,
            Expectation(window=DateWindow(date(2025, 1, 1), date(2029, 12, 31), "second part")),
        ),
        (
            "I would be surprised if Acme builds a greenfield factory instead of utilizing "
            "available capacity.",
            Kind.NEGATIVE_EVENT,
            Expectation(polarity=False),
        ),
        (
            "Expect Acme to start poaching personnel from established carmakers.",
            Kind.EVENT,
            Expectation(polarity=True),
        ),
        (
            "Acme has a R&D team of more than 10,000 people, and plans to add 5,000 more.",
            Kind.COMMITMENT,
            Expectation(),
        ),
        ("The prospects of success are slim.", Kind.QUALITATIVE, Expectation()),
        (
            "Acme is committed to investing $10 billion over the next 10 years.",
            Kind.COMMITMENT,
            Expectation(),
        ),
        ("Its fan base will buy them in a heartbeat.", Kind.EVENT, Expectation()),
        ("Roe will serve as the CEO of the car business.", Kind.COMMITMENT, Expectation()),
    ]
    out = []
    for i in range(n):
        text, kind, expectation = base[i % len(base)]
        out.append(
            Prediction(
                key=f"p{i}",
                text=f"{text} ({i})",
                span=(0, 1),
                subject="Acme",
                kind=kind,
                expectation=expectation,
            )
        )
    return out


def _rss(entries: list[tuple[str, str, datetime]]) -> str:
    items = "".join(
        f"<item><title>{escape(t)}</title><link>https://news.test/{i}</link>"
        f"<description>{escape(b)}</description>"
        f"<pubDate>{p.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for i, (t, b, p) in enumerate(entries)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )


SEED_TEXT = (
    "Acme, the phone maker, said it will build electric cars. Founder and CEO Jane Roe said the "
    "car business is her last venture, and Roe will lead the unit, “Acme Auto”. Acme expects "
    "its first car in 2024; analysts doubt Acme can sell many cars."
)


class CPU:
    """CPU seconds of this process and of every process it started, while a block runs.

    Worker processes (the parse pool, the judging pool) end with their stage, so their times
    are sampled every 20 ms while they live and the last sample counts; a pool's workers are
    started by multiprocessing's forkserver, a child of this process, so children are looked
    for recursively. `seconds` is set when the block ends.
    """

    def __init__(self) -> None:
        self.seconds = 0.0

    @contextmanager
    def measure(self) -> Iterator[CPU]:
        import psutil

        me = psutil.Process()
        before: dict[tuple[int, float], float] = {}
        last: dict[tuple[int, float], float] = {}

        def sample(into: dict[tuple[int, float], float]) -> None:
            for proc in me.children(recursive=True):
                try:
                    times = proc.cpu_times()
                    into[(proc.pid, proc.create_time())] = times.user + times.system
                except psutil.Error:
                    continue  # ended between listing and reading: its last sample stands

        sample(before)
        done = threading.Event()

        def sampler() -> None:
            while not done.wait(0.02):
                sample(last)

        thread = threading.Thread(target=sampler, daemon=True)
        start = time.process_time()
        thread.start()
        try:
            yield self
        finally:
            done.set()
            thread.join()
            sample(last)
            children = sum(t - before.get(key, 0.0) for key, t in last.items())
            self.seconds = time.process_time() - start + children


def _stage_vs_stage(
    entries: list[tuple[str, str, datetime]], predictions: list[Prediction], per_feed: int = 100
) -> tuple[float, float, int, float, float]:
    """Seconds of the real ingest stage and of the real assess stage over the same entries,
    entries stored, and each stage's CPU seconds (this process and its workers).

    The entries are served as RSS feeds of `per_feed` items from 127.0.0.1 and ingested with
    `hindsight.feeds.pipeline.ingest` into a fresh SQLite database holding the seed and the
    predictions; then `assess_pending` runs over what was stored. This is the comparison the
    issue asks for: the assess stage must keep up with ingestion of the same entries.
    """
    from hindsight.domain import SeedArticle
    from hindsight.feeds.pipeline import ingest
    from hindsight.pipeline.assess import assess_pending
    from storage.db import Database
    from storage.feeds import add_feed
    from storage.seeds import store_predictions, store_seed
    from tests.feed_server import FeedServer

    with (
        tempfile.TemporaryDirectory(prefix="hindsight-bench-") as tmp,
        FeedServer(lifetime=600) as server,
    ):
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        article = SeedArticle(text=SEED_TEXT, title="Acme enters EVs", published=date(2021, 3, 31))
        with db.session() as session:
            seed = store_seed(session, article, origin="bench", content_hash="bench")
            store_predictions(session, seed.seed_id, predictions)
            for n, start in enumerate(range(0, len(entries), per_feed)):
                chunk = entries[start : start + per_feed]
                xml = _rss(chunk).replace("https://news.test/", f"https://news.test/{n}/")
                add_feed(session, server.serve(f"/feed{n}.xml", xml.encode()))
        ingest_cpu, assess_cpu = CPU(), CPU()
        start = time.perf_counter()
        with ingest_cpu.measure():
            report = ingest(db)
        ingest_s = time.perf_counter() - start
        start = time.perf_counter()
        with assess_cpu.measure():
            assess_pending(db, today=date(2026, 12, 31))
        assess_s = time.perf_counter() - start
        db.dispose()
    return ingest_s, assess_s, report.new, ingest_cpu.seconds, assess_cpu.seconds


def _engine(
    entries: list[tuple[str, str, datetime]], predictions: list[Prediction]
) -> tuple[float, int, int]:
    """Seconds of alias learning + claim extraction + indexed judging in one process."""
    subjects = [SUBJECT]
    index = PredictionIndex(predictions, subjects)
    judge = make_judge("rules", subjects, predictions)
    n_claims = n_assessments = 0
    start = time.perf_counter()
    for i, (title, body, published) in enumerate(entries):
        item = NewsItem(url=f"https://news.test/{i}", title=title, text=body, published=published)
        learned = learn_aliases(subjects, item)
        if learned != subjects:
            subjects = learned
            judge.subjects = subjects
        claims = extract_claims(item, subjects)
        n_claims += len(claims)
        n_assessments += len(judge.assess_claims(claims, index))
    return time.perf_counter() - start, n_claims, n_assessments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--predictions", type=int, default=50)
    parser.add_argument(
        "--relevant",
        default="0.1,1.0",
        help="shares of entries about the tracked subject, comma-separated (0.1: a feed mix "
        "where one item in ten is about it; 1.0: the worst case, every item)",
    )
    parser.add_argument(
        "--stages",
        type=int,
        default=None,
        help="entries for the stage-vs-stage timing, ingest then assess (default: --entries; "
        "0: skip it)",
    )
    args = parser.parse_args()
    stages = args.entries if args.stages is None else args.stages
    predictions = _predictions(args.predictions)
    print(f"entries {args.entries}, predictions {len(predictions)}")
    for share in (float(x) for x in args.relevant.split(",")):
        rng = random.Random(7)
        entries = [_entry(rng, i, share) for i in range(args.entries)]
        start = time.perf_counter()
        parsed = feedparser.parse(_rss(entries))
        parse_s = time.perf_counter() - start
        assert len(parsed.entries) == len(entries)
        assess_s, n_claims, n_assessments = _engine(entries, predictions)
        n = len(entries)
        print(f"-- {share:.0%} of entries about the subject")
        print(f"feedparser parse    {parse_s:7.2f} s  {n / parse_s:9.0f} entries/s")
        print(
            f"claims + assess     {assess_s:7.2f} s  {n / assess_s:9.0f} entries/s  "
            f"{n_claims / assess_s:9.0f} claims/s  ({n_claims} claims, {n_assessments} "
            f"assessments; one process)"
        )
        print(f"ratio engine/parse  {assess_s / parse_s:7.2f}")
        if stages:
            ingest_s, stage_s, stored, ingest_cpu, stage_cpu = _stage_vs_stage(
                entries[:stages], predictions
            )
            print(
                f"ingest stage        {ingest_s:7.2f} s  {stored / ingest_s:9.0f} entries/s  "
                f"{ingest_cpu:6.2f} CPU s  ({stored} entries from {stages // 100} feeds served "
                f"on 127.0.0.1)"
            )
            print(
                f"assess stage        {stage_s:7.2f} s  {stored / stage_s:9.0f} entries/s  "
                f"{stage_cpu:6.2f} CPU s  (the same entries, as stored; worker processes)"
            )
            goal = "<= 1.0" if share < 1 else "<= 2.0 in the worst case, <= 1.0 for a mix"
            print(
                f"ratio assess/ingest {stage_s / ingest_s:7.2f}  CPU {stage_cpu / ingest_cpu:5.2f}"
                f"  (goal: {goal})"
            )


if __name__ == "__main__":
    main()
