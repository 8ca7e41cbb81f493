"""Ingest benchmark: N feeds served from 127.0.0.1, Hindsight vs feedparser alone vs reader.

    python benchmarks/ingest.py --feeds 1000 [--parser fast] [--no-reader]

The shared corpus (../shared/corpora/feeds) is replicated under distinct URLs to N feeds and served
by a threaded HTTP server in its own process (with ETag/Last-Modified, so re-runs can get 304s).
Every contender runs in its own process so peak memory is its own. Printed figures:

- cold ingest time, entries/s, and its ratio to feedparser (default options) parsing the same
  bytes in one process (goal <= 0.6; <= 0.15 with the fast parser);
- entries stored vs entries feedparser finds (goal 100 %, a feed's repeated entries aside);
- ratio to lemon24/reader `update_feeds(workers=8)` on the same feeds (goal: Hindsight >= 2x
  faster; `pip install reader` first, it is not a Hindsight dependency);
- warm re-run (all 304) as a share of cold (goal <= 5 %); peak memory (goal < 400 MB).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "feeds"
sys.path.insert(0, str(REPO))


def corpus() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md")


def serve(port_pipe: multiprocessing.connection.Connection, lifetime: float) -> None:
    """Serve /f/<i>/<corpus path> for any i, with validators; stop after `lifetime` seconds."""
    files = {p.relative_to(CORPUS).as_posix(): p.read_bytes() for p in corpus()}
    tags = {k: '"' + hashlib.sha1(v).hexdigest() + '"' for k, v in files.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            name = self.path.split("/", 3)[-1] if self.path.startswith("/f/") else ""
            body = files.get(name)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = tags[name]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    port_pipe.send(server.server_address[1])
    import threading

    threading.Timer(lifetime, server.shutdown).start()
    server.serve_forever(poll_interval=0.2)


def feed_urls(port: int, n: int) -> list[str]:
    names = [p.relative_to(CORPUS).as_posix() for p in corpus()]
    return [f"http://127.0.0.1:{port}/f/{i}/{names[i % len(names)]}" for i in range(n)]


def feedparser_baseline(n: int) -> dict[str, float]:
    """feedparser, default options, over the same N bodies in this one process."""
    import feedparser

    files = corpus()
    seconds, found = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            data = path.read_bytes()
            started = time.perf_counter()
            parsed = feedparser.parse(data, response_headers={"content-type": "application/xml"})
            seconds.append(time.perf_counter() - started)
            keys = set()
            for e in parsed.entries:
                when = e.get("published") or e.get("updated")
                dated = (e.get("title"), when) if e.get("title") and when else None
                keys.add(e.get("id") or e.get("link") or dated or e.get("summary", ""))
            found.append(len(keys))
    m = len(files)
    return {
        "seconds": sum(seconds[i % m] for i in range(n)),
        "entries": sum(found[i % m] for i in range(n)),
    }


def child_hindsight(args: argparse.Namespace) -> None:
    from sqlalchemy import func, select

    from hindsight.feeds.fetch import FetchSettings
    from hindsight.feeds.pipeline import ingest
    from storage import feeds as repo
    from storage.db import Database
    from storage.models import Base, FeedEntry

    db = Database(f"sqlite:///{args.db}")
    Base.metadata.create_all(db.engine)
    urls = feed_urls(args.port, args.feeds)
    with db.session() as session:
        for url in urls:
            repo.add_feed(session, url)
    settings = FetchSettings(parser=args.parser, retries=0)
    started = time.perf_counter()
    cold = ingest(db, settings=settings)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    warm = ingest(db, feeds=urls, settings=settings)
    warm_s = time.perf_counter() - started
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(FeedEntry))
    print(
        json.dumps(
            {
                "cold": cold_s,
                "warm": warm_s,
                "stored": stored,
                "failed": len(cold.failures),
                "not_modified": warm.not_modified,
                "warm_new": warm.new,
                "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )


def child_reader(args: argparse.Namespace) -> None:
    import logging

    from reader import make_reader

    logging.disable(logging.CRITICAL)
    r = make_reader(str(args.db))
    for url in feed_urls(args.port, args.feeds):
        r.add_feed(url)
    started = time.perf_counter()
    r.update_feeds(workers=8)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    r.update_feeds(workers=8, scheduled=False)
    warm_s = time.perf_counter() - started
    stored = r.get_entry_counts().total
    print(
        json.dumps(
            {
                "cold": cold_s,
                "warm": warm_s,
                "stored": stored,
                "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def run_child(kind: str, args: argparse.Namespace, port: int, folder: str) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--port",
        str(port),
        "--feeds",
        str(args.feeds),
        "--parser",
        args.parser,
        "--db",
        str(Path(folder) / f"{kind}.db"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--parser", choices=("feedparser", "fast"), default="feedparser")
    parser.add_argument("--no-reader", action="store_true", help="skip lemon24/reader")
    parser.add_argument("--child", choices=("hindsight", "reader"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "hindsight":
        return child_hindsight(args)
    if args.child == "reader":
        return child_reader(args)
    if not CORPUS.is_dir():
        raise SystemExit(f"corpus not found: {CORPUS}")

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(send, 3600), daemon=True)
    server.start()
    port = receive.recv()
    try:
        base = feedparser_baseline(args.feeds)
        with tempfile.TemporaryDirectory() as folder:
            ours = run_child("hindsight", args, port, folder)
            theirs = None
            if not args.no_reader:
                try:
                    import reader  # noqa: F401

                    theirs = run_child("reader", args, port, folder)
                except ImportError:
                    print("reader not installed: pip install reader (benchmark only)")
    finally:
        server.terminate()
        server.join(5)

    n, entries = args.feeds, base["entries"]
    goal = 0.15 if args.parser == "fast" else 0.6
    print(f"feeds served: {n} (corpus of {len(corpus())} replicated), parser={args.parser}")
    print(f"feedparser alone, default options, one process: {base['seconds']:.2f} s, {entries:.0f} entries, "
          f"{entries / base['seconds']:.0f} entries/s")
    print(f"hindsight cold ingest: {ours['cold']:.2f} s, {ours['stored'] / ours['cold']:.0f} entries/s, "
          f"{ours['failed']} feeds failed (not feeds)")
    print(f"  ratio to feedparser alone: {ours['cold'] / base['seconds']:.2f} (goal <= {goal})")
    print(f"  entries stored vs feedparser finds: {ours['stored']} / {entries:.0f} = "
          f"{100 * ours['stored'] / entries:.1f} % (goal 100 %)")
    print(f"hindsight warm re-run: {ours['warm']:.2f} s, {ours['not_modified']} x 304, "
          f"{ours['warm_new']} new = {100 * ours['warm'] / ours['cold']:.1f} % of cold (goal <= 5 %)")
    print(f"hindsight peak memory: main {ours['rss_self_mb']:.0f} MB, "
          f"largest parse worker {ours['rss_children_mb']:.0f} MB (goal < 400 MB)")
    if theirs:
        print(f"reader update_feeds(workers=8) cold: {theirs['cold']:.2f} s, stored {theirs['stored']}, "
              f"warm {theirs['warm']:.2f} s, peak {theirs['rss_self_mb']:.0f} MB")
        print(f"  hindsight speed-up over reader: cold {theirs['cold'] / ours['cold']:.2f}x, "
              f"warm {theirs['warm'] / ours['warm']:.2f}x (goal >= 2x)")


if __name__ == "__main__":
    main()
