"""Ingest benchmark: N feeds served from 127.0.0.1, Hindsight vs feedparser alone vs reader.

    python benchmarks/ingest.py --feeds 1000 [--parser feedparser|fast|both] [--no-reader]

The shared corpus (../shared/corpora/feeds) is replicated under distinct URLs to N feeds and served
by a small asyncio HTTP server in its own process (with ETag/Last-Modified, so re-runs get 304s).
Every contender runs in its own process so peak memory is its own. Printed figures:

- cold ingest time, entries/s, and its ratio to feedparser (default options) parsing the same
  bytes in one process (goal <= 0.6; <= 0.15 with the fast parser);
- entries stored vs entries feedparser finds (goal 100 %, a feed's repeated entries aside);
- ratio to lemon24/reader `update_feeds(workers=8)` on the same feeds (goal: Hindsight >= 2x
  faster; `pip install reader` first, it is not a Hindsight dependency);
- warm re-run (all 304) as a share of cold (goal <= 5 %); peak memory (goal < 400 MB);
- the command a user runs, `hindsight run --stage ingest`, cold and warm, as a subprocess with
  no Prefect server configured (the default path): cold goal <= 0.6x feedparser and >= 2x faster
  than reader, warm <= 15 % of its cold run; then the same with a running Prefect server
  (`prefect server start`, PREFECT_API_URL) unless `--no-server`. Its wall time includes Python's
  start-up and imports; its CPU time (all its processes) is what machine load cannot distort.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (a worktree may sit one level deeper).
CORPUS = next(
    (
        p / "shared" / "corpora" / "feeds"
        for p in REPO.parents
        if (p / "shared" / "corpora").is_dir()
    ),
    REPO.parent / "shared" / "corpora" / "feeds",
)
sys.path.insert(0, str(REPO))


def corpus() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md")


HOSTS = [f"127.0.0.{i}" for i in range(1, 17)]  # loopback addresses: 16 "sites", as real lists span


def serve(port_pipe: Connection, lifetime: float) -> None:
    """Serve /f/<i>/<corpus path> on 16 loopback addresses, with validators; stop by itself.

    A small asyncio HTTP/1.1 server with keep-alive: http.server costs more CPU per request than
    the clients being measured, on a machine whose cores they share.
    """
    files = {p.relative_to(CORPUS).as_posix(): p.read_bytes() for p in corpus()}
    tags = {k: '"' + hashlib.sha1(v).hexdigest() + '"' for k, v in files.items()}

    def respond(head: bytes) -> bytes:
        lines = head.decode("latin-1").split("\r\n")
        path = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else "/"
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        name = path.split("/", 3)[-1] if path.startswith("/f/") else ""
        body = files.get(name)
        if body is None:
            return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        etag = tags[name]
        if headers.get("if-none-match") == etag:
            return (
                f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nContent-Length: 0\r\n\r\n".encode()
            )
        return (
            "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
            f"ETag: {etag}\r\nLast-Modified: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                writer.write(respond(head))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(handle, host, 0, backlog=512) for host in HOSTS]
        port_pipe.send([s.sockets[0].getsockname()[:2] for s in servers])
        await asyncio.sleep(lifetime)

    asyncio.run(main())


def feed_urls(addresses: list[tuple[str, int]], n: int) -> list[str]:
    names = [p.relative_to(CORPUS).as_posix() for p in corpus()]
    return [
        "http://{}:{}/f/{}/{}".format(*addresses[i % len(addresses)], i, names[i % len(names)])
        for i in range(n)
    ]


def feedparser_baseline(n: int) -> dict[str, float]:
    """feedparser, default options, over the same N bodies in this one process."""
    import feedparser

    files = corpus()
    seconds, found = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            data = path.read_bytes()
            started = time.process_time()
            parsed = feedparser.parse(data, response_headers={"content-type": "application/xml"})
            seconds.append(time.process_time() - started)
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


class TreeMemory:
    """Peak resident memory, and CPU time, of this process and its descendants (parse workers).

    CPU time is what a loaded shared machine cannot distort: wall-clock figures can be.
    """

    def __init__(self, root: int | None = None) -> None:
        self.root = root or os.getpid()
        self.peak = 0
        self.cpu: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self._total())

    def _total(self) -> int:
        """RSS of this process and its descendants, found through /proc/<pid>/task/*/children.

        Only this process tree is read, not all of /proc: the sampler must cost next to nothing
        in the process whose CPU time is being measured.
        """
        total = 0
        todo = [self.root]
        while todo:
            pid = todo.pop()
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo.extend(int(c) for c in (task / "children").read_text().split())
            except (OSError, IndexError, ValueError):
                continue
            total += int(fields[21]) * resource.getpagesize()
            if pid != os.getpid():  # the root too when it is another process
                self.cpu[pid] = max(self.cpu.get(pid, 0), int(fields[11]) + int(fields[12]))
        return total

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 1024 / 1024

    def children_cpu(self) -> float:
        return sum(self.cpu.values()) / os.sysconf("SC_CLK_TCK")


def child_hindsight(args: argparse.Namespace) -> None:
    from sqlalchemy import func, select

    from hindsight.feeds.fetch import FetchSettings
    from hindsight.feeds.pipeline import ingest
    from storage import feeds as repo
    from storage.db import Database
    from storage.models import Base, FeedEntry

    db = Database(f"sqlite:///{args.db}")
    Base.metadata.create_all(db.engine)
    urls = feed_urls(json.loads(args.port), args.feeds)
    with db.session() as session:
        for url in urls:
            repo.add_feed(session, url)
    settings = FetchSettings(parser=args.parser, retries=0)
    sampler = TreeMemory()
    started, cpu = time.perf_counter(), time.process_time()
    cold = ingest(db, settings=settings)
    cold_s, cold_cpu = time.perf_counter() - started, time.process_time() - cpu
    workers_cpu = sampler.children_cpu()
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
                "rss_tree_mb": sampler.stop(),
                "cold_cpu": cold_cpu + workers_cpu,
                "cold_cpu_main": cold_cpu,
            }
        )
    )


def command_env(folder: Path, database: Path, api_url: str | None) -> dict[str, str]:
    """An operator's environment: its own data folder, no Prefect server unless `api_url`.

    Every feed is due on each run (check interval 0), so the warm run re-polls them all with
    conditional GETs, as the stage's warm figure does, instead of skipping them as not due.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env |= {
        "HINDSIGHT_HOME": str(folder / "home"),
        "HINDSIGHT_DATABASE_URL": f"sqlite:///{database}",
        "HINDSIGHT_CONFIG": str(folder / "none.toml"),
        "HINDSIGHT_FETCH__CHECK_INTERVAL": "0",
        "PREFECT_HOME": str(folder / "prefect"),
        "PYTHONPATH": str(REPO),
    }
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def time_command(env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run: the command and every process under it.

    CPU is sampled through /proc over the command's process tree (its parse workers are the
    forkserver's children, which the command's own rusage never counts).
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "hindsight", "run", "--stage", "ingest"],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = TreeMemory(process.pid)
    _, stderr = process.communicate(timeout=1800)
    wall = time.perf_counter() - started
    sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"hindsight run failed:\n{stderr[-3000:]}")
    return wall, sampler.children_cpu()


def command_contender(
    args: argparse.Namespace, port: object, folder: Path, api_url: str | None
) -> dict[str, float]:
    """`hindsight run --stage ingest` over the served feeds: cold, then warm, in a new database."""
    from sqlalchemy import func, select

    from storage import feeds as repo
    from storage.db import Database
    from storage.models import FeedEntry

    name = "server" if api_url else "no-server"
    database = folder / f"command-{name}.db"
    db = Database(f"sqlite:///{database}")
    db.migrate()  # as `hindsight init` would; the feeds are registered beforehand, untimed
    with db.session() as session:
        for url in feed_urls(port, args.feeds):  # type: ignore[arg-type]
            repo.add_feed(session, url)
    env = command_env(folder / name, database, api_url)
    cold, cold_cpu = time_command(env, folder)
    warm, warm_cpu = time_command(env, folder)
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(FeedEntry)) or 0
    db.dispose()
    return {
        "cold": cold,
        "cold_cpu": cold_cpu,
        "warm": warm,
        "warm_cpu": warm_cpu,
        "stored": stored,
    }


@contextmanager
def prefect_server(folder: Path) -> Iterator[str]:
    """A real `prefect server start` on a free 127.0.0.1 port for the block; its API URL."""
    from hindsight.prefect_env import start_server, stop_process

    os.environ["PREFECT_HOME"] = str(folder / "prefect-server")
    started = time.perf_counter()
    process, api_url = start_server(0, folder / "prefect-server.log")
    print(f"(prefect server answered after {time.perf_counter() - started:.1f} s)")
    try:
        yield api_url
    finally:
        stop_process(process)


def child_reader(args: argparse.Namespace) -> None:
    import logging

    from reader import make_reader

    logging.disable(logging.CRITICAL)
    r = make_reader(str(args.db))
    for url in feed_urls(json.loads(args.port), args.feeds):
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


def run_child(
    kind: str, args: argparse.Namespace, port: object, folder: str, parser: str = "feedparser"
) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--port",
        json.dumps(port),
        "--feeds",
        str(args.feeds),
        "--parser",
        parser,
        "--db",
        str(Path(folder) / f"{kind}-{parser}.db"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--parser", choices=("feedparser", "fast", "both"), default="both")
    parser.add_argument("--no-reader", action="store_true", help="skip lemon24/reader")
    parser.add_argument(
        "--no-command", action="store_true", help="skip timing `hindsight run --stage ingest`"
    )
    parser.add_argument(
        "--no-server", action="store_true", help="time the command without a Prefect server only"
    )
    parser.add_argument("--child", choices=("hindsight", "reader"), help=argparse.SUPPRESS)
    parser.add_argument("--port", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "hindsight":
        return child_hindsight(args)
    if args.child == "reader":
        return child_reader(args)
    if not CORPUS.is_dir():
        raise SystemExit(f"corpus not found: {CORPUS}")
    parsers = ["feedparser", "fast"] if args.parser == "both" else [args.parser]

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.get_context("spawn").Process(
        target=serve, args=(send, 3600), daemon=True
    )
    server.start()
    port = receive.recv()
    load_before = os.getloadavg()[0]
    ours: dict[str, dict[str, float]] = {}
    try:
        base = feedparser_baseline(args.feeds)
        with tempfile.TemporaryDirectory() as folder:
            for name in parsers:
                ours[name] = run_child("hindsight", args, port, folder, name)
            commands: dict[str, dict[str, float]] = {}
            if not args.no_command:
                commands["no server"] = command_contender(args, port, Path(folder), None)
                if not args.no_server:
                    with prefect_server(Path(folder)) as api_url:
                        commands["running server"] = command_contender(
                            args, port, Path(folder), api_url
                        )
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
    print(f"feeds served: {n} (corpus of {len(corpus())} replicated)")
    print(
        f"machine load average: {load_before:.2f} before, {os.getloadavg()[0]:.2f} at the end, "
        f"on {os.cpu_count()} cores (wall-clock ratios are only fair on an idle machine)"
    )
    print(
        f"feedparser alone, default options, one process: {base['seconds']:.2f} s CPU, "
        f"{entries:.0f} entries, {entries / base['seconds']:.0f} entries/s"
    )
    for name, figures in ours.items():
        print_hindsight(name, figures, base)
    for name, figures in commands.items():
        print_command(name, figures, base, theirs)
    if theirs:
        print(
            f"reader update_feeds(workers=8) cold: {theirs['cold']:.2f} s, "
            f"stored {theirs['stored']}, warm {theirs['warm']:.2f} s, "
            f"peak {theirs['rss_self_mb']:.0f} MB"
        )
        for name, figures in ours.items():
            print(
                f"  hindsight ({name}) speed-up over reader: "
                f"cold {theirs['cold'] / figures['cold']:.2f}x, "
                f"warm {theirs['warm'] / figures['warm']:.2f}x (goal >= 2x)"
            )


def print_hindsight(parser: str, ours: dict[str, float], base: dict[str, float]) -> None:
    """One contender's figures against feedparser's, with the goal next to each."""
    entries = base["entries"]
    goal = 0.15 if parser == "fast" else 0.6
    print(
        f"hindsight, parser={parser}, cold ingest: {ours['cold']:.2f} s, "
        f"{ours['stored'] / ours['cold']:.0f} entries/s, {ours['failed']} feeds failed (not feeds)"
    )
    print(f"  ratio to feedparser alone: {ours['cold'] / base['seconds']:.2f} (goal <= {goal})")
    print(
        f"  CPU seconds, all processes: {ours['cold_cpu']:.2f} "
        f"(main {ours['cold_cpu_main']:.2f}) = {ours['cold_cpu'] / base['seconds']:.2f} x "
        "feedparser's (what machine load cannot distort)"
    )
    print(
        f"  entries stored vs feedparser finds: {ours['stored']} / {entries:.0f} = "
        f"{100 * ours['stored'] / entries:.1f} % (goal 100 %)"
    )
    print(
        f"  warm re-run: {ours['warm']:.2f} s, {ours['not_modified']} x 304, "
        f"{ours['warm_new']} new = {100 * ours['warm'] / ours['cold']:.1f} % of cold (goal <= 5 %)"
    )
    print(
        f"  peak memory: main process {ours['rss_self_mb']:.0f} MB, "
        f"all its processes together {ours['rss_tree_mb']:.0f} MB (goal < 400 MB)"
    )


def print_command(
    name: str, ours: dict[str, float], base: dict[str, float], theirs: dict[str, float] | None
) -> None:
    """The user's command against feedparser and reader, goals beside (the default path's)."""
    default = name == "no server"
    print(
        f"`hindsight run --stage ingest`, {name}: cold {ours['cold']:.2f} s "
        f"(CPU {ours['cold_cpu']:.2f} s, all its processes), stored {ours['stored']:.0f}"
    )
    print(
        f"  ratio to feedparser alone: {ours['cold'] / base['seconds']:.2f}"
        + (" (goal <= 0.6)" if default else "")
    )
    if theirs:
        print(
            f"  speed-up over reader cold: {theirs['cold'] / ours['cold']:.2f}x"
            + (" (goal >= 2x)" if default else "")
        )
    print(
        f"  warm re-run: {ours['warm']:.2f} s (CPU {ours['warm_cpu']:.2f} s) = "
        f"{100 * ours['warm'] / ours['cold']:.1f} % of cold"
        + (" (goal <= 15 %)" if default else "")
    )


if __name__ == "__main__":
    main()
