"""The scale-out path, run for real on this machine, with every command printed as it runs.

    python benchmarks/scale_out.py [--feeds 300] [--rounds 2]

Starts, all on 127.0.0.1 and free ports, all stopped at the end:
- a throwaway PostgreSQL cluster (as tests/postgres.py does) as Hindsight's database;
- the feed corpus of ../shared/corpora served over HTTP (benchmarks/ingest.py's server), N feeds;
- a Prefect server (`prefect server start`), a process work pool and two workers
  (`prefect worker start --pool hindsight --limit 1`, twice), the `track` deployment from
  prefect.yaml (`prefect deploy --name track`; its schedule cleared so only these runs happen);
- a local Dask cluster (`dask scheduler` + `dask worker --nworkers 2 --nthreads 1`) that the
  workers' assess stage judges on (`HINDSIGHT_DASK__ADDRESS`).
Then two `track` runs for two different seeds (`prefect deployment run track/track -p seed=N`)
at once, for `--rounds` rounds (the first ingests and judges everything, later ones find little
new), and prints each flow run's start, end and duration, how much they overlapped, each stage's
time from Hindsight's `runs` table, and how many judging chunks the Dask workers ran.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.ingest import CORPUS, feed_urls, serve  # noqa: E402
from hindsight.settings import BUNDLED_ARCHIVE  # noqa: E402
from tests.postgres import throwaway_cluster, why_unavailable  # noqa: E402

BIN = Path(sys.executable).parent
SECOND_SEED = REPO / "tests" / "seeds" / "carmaker-volumes.md"


def shown(command: list[str]) -> str:
    return " ".join(
        Path(part).name if part.startswith(str(BIN)) else part for part in command
    ).replace(sys.executable, "python")


def run(command: list[str], env: dict[str, str], cwd: Path = REPO) -> str:
    """Run a command to its end, printed first; its stdout (fails loudly, with its stderr)."""
    print(f"$ {shown(command)}", flush=True)
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {done.stdout[-2000:]}{done.stderr[-3000:]}")
    return done.stdout


@contextmanager
def background(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A long-running process for the block (printed first), its output in `log`; then stopped."""
    print(f"$ {shown(command)} &   # log: {log.name}", flush=True)
    with log.open("ab") as sink:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=REPO,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        from hindsight.prefect_env import stop_process

        stop_process(process)


def bundled_seed_command() -> list[str]:
    import yaml

    from hindsight.settings import BUNDLED_SEED, BUNDLED_SEED_META

    meta = yaml.safe_load(BUNDLED_SEED_META.read_text(encoding="utf-8"))
    return [
        "seed",
        "add",
        str(BUNDLED_SEED),
        "--title",
        meta["title"],
        "--author",
        meta["author"],
        "--published",
        str(meta["published"]),
        "--url",
        meta["url"],
    ]


def write_opml(path: Path, urls: list[str]) -> None:
    outlines = "\n".join(
        f'    <outline type="rss" text={quoteattr(f"feed {i}")} xmlUrl={quoteattr(url)}/>'
        for i, url in enumerate(urls)
    )
    path.write_text(
        f'<?xml version="1.0"?>\n<opml version="2.0"><head><title>bench</title></head>\n'
        f"  <body>\n{outlines}\n  </body>\n</opml>\n",
        encoding="utf-8",
    )


async def follow(api_url: str, ids: list[str], timeout: float) -> list[Any]:
    """Wait for the flow runs to end; their final records."""
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    async with get_client() as client:
        while True:
            runs = [await client.read_flow_run(i) for i in ids]
            if all(r.state and r.state.is_final() for r in runs):
                return runs
            if time.monotonic() > deadline:
                raise SystemExit(f"flow runs still going after {timeout:.0f} s")
            await asyncio.sleep(1.0)


async def workers_online(pool: str, count: int, timeout: float = 300) -> None:
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    async with get_client() as client:
        while time.monotonic() < deadline:
            workers = await client.read_workers_for_work_pool(pool)
            if sum(1 for w in workers if str(w.status).upper().endswith("ONLINE")) >= count:
                return
            await asyncio.sleep(1.0)
    raise SystemExit(f"{count} workers did not come online in {timeout:.0f} s")


def stage_times(db_url: str, since_id: int) -> list[dict[str, Any]]:
    from sqlalchemy import text

    from storage.db import Database

    db = Database(db_url)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, stage, state, started, finished, summary FROM runs "
                "WHERE id > :since ORDER BY id"
            ),
            {"since": since_id},
        ).all()
    db.dispose()
    return [
        {
            "id": row.id,
            "stage": row.stage,
            "state": row.state,
            "seed": (row.summary or {}).get("seed_id"),
            "seconds": (row.finished - row.started).total_seconds() if row.finished else None,
            "summary": row.summary or {},
            "started": row.started,
        }
        for row in rows
    ]


def last_run_id(db_url: str) -> int:
    from sqlalchemy import text

    from storage.db import Database

    db = Database(db_url)
    with db.engine.connect() as conn:
        value = conn.execute(text("SELECT coalesce(max(id), 0) FROM runs")).scalar()
    db.dispose()
    return int(value or 0)


def report_round(
    number: int, wall: float, flow_runs: list[Any], stages: list[dict[str, Any]]
) -> None:
    print(f"\n== round {number}: two track runs (seeds {', '.join(str(s) for s in SEEDS)}) ==")
    print(f"trigger to both finished: {wall:.1f} s")
    spans = []
    for flow_run in flow_runs:
        start, end = flow_run.start_time, flow_run.end_time
        spans.append((start, end))
        print(
            f"  flow run {flow_run.name} seed={flow_run.parameters.get('seed')}: "
            f"{flow_run.state.type.value}, {start:%H:%M:%S.%f}"[:-3]
            + f" -> {end:%H:%M:%S.%f}"[:-3]
            + f", {(end - start).total_seconds():.1f} s"
        )
    overlap = (min(e for _, e in spans) - max(s for s, _ in spans)).total_seconds()
    print(f"  overlap of the two flow runs: {max(0.0, overlap):.1f} s")
    for row in stages:
        summary = row["summary"]
        extra = ""
        if row["stage"] == "ingest":
            extra = f" feeds {summary.get('feeds')}, new entries {summary.get('new')}"
        if row["stage"] == "assess":
            extra = (
                f" documents {summary.get('documents')}, assessments {summary.get('assessments')}"
                f", dask workers {summary.get('dask_workers')}"
            )
        seconds = f"{row['seconds']:.1f} s" if row["seconds"] is not None else "-"
        print(
            f"  {row['started']:%H:%M:%S} run {row['id']} {row['stage']:<7} seed={row['seed']} "
            f"{row['state']} in {seconds}{extra}"
        )


SEEDS: list[int] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--dask-workers", type=int, default=2)
    args = parser.parse_args()
    reason = why_unavailable()
    if reason:
        raise SystemExit(f"cannot start PostgreSQL here: {reason}")
    if not CORPUS.is_dir():
        raise SystemExit(f"corpus not found: {CORPUS}")
    prefect = [str(BIN / "prefect")]
    hindsight = [sys.executable, "-m", "hindsight"]
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hindsight-scale-")))
        print(f"# working folder {root}")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
        env |= {
            "PYTHONPATH": str(REPO),
            "PREFECT_HOME": str(root / "prefect"),
            "HINDSIGHT_HOME": str(root / "home"),
            "HINDSIGHT_CONFIG": str(root / "hindsight.toml"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
        }
        (root / "hindsight.toml").write_text("# settings come from the environment here\n")
        os.environ.update({k: env[k] for k in ("PREFECT_HOME",)})

        timings: dict[str, float] = {}
        started = time.perf_counter()
        db_url = stack.enter_context(throwaway_cluster())
        env["HINDSIGHT_DATABASE_URL"] = db_url
        timings["postgresql"] = time.perf_counter() - started
        print(f"# PostgreSQL (throwaway cluster, tests/postgres.py): {db_url}")

        receive, send = multiprocessing.Pipe(duplex=False)
        server = multiprocessing.get_context("spawn").Process(
            target=serve, args=(send, 7200), daemon=True
        )
        server.start()
        stack.callback(server.terminate)
        addresses = receive.recv()
        opml = root / "feeds.opml"
        write_opml(opml, feed_urls(addresses, args.feeds))
        print(f"# {args.feeds} feeds served on 127.0.0.x (benchmarks/ingest.py's server)")

        from hindsight.prefect_env import start_server, stop_process

        started = time.perf_counter()
        print("$ prefect server start --host 127.0.0.1 --port <free> &")
        process, api_url = start_server(0, root / "prefect-server.log")
        stack.callback(stop_process, process)
        timings["prefect server"] = time.perf_counter() - started
        env["PREFECT_API_URL"] = os.environ["PREFECT_API_URL"] = api_url
        print(f"# Prefect server answered in {timings['prefect server']:.1f} s: {api_url}")

        started = time.perf_counter()
        scheduler_file = root / "dask-scheduler.json"
        stack.enter_context(
            background(
                [
                    str(BIN / "dask"),
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--no-dashboard",
                    "--scheduler-file",
                    str(scheduler_file),
                ],
                env,
                root / "dask-scheduler.log",
            )
        )
        while not scheduler_file.exists():
            time.sleep(0.2)
        time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        stack.enter_context(
            background(
                [
                    str(BIN / "dask"),
                    "worker",
                    "--scheduler-file",
                    str(scheduler_file),
                    "--nworkers",
                    str(args.dask_workers),
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                ],
                env,
                root / "dask-workers.log",
            )
        )
        import distributed

        dask = stack.enter_context(distributed.Client(address))
        dask.wait_for_workers(args.dask_workers, timeout=300)
        timings["dask cluster"] = time.perf_counter() - started
        print(
            f"# Dask cluster at {address}: {args.dask_workers} workers in "
            f"{timings['dask cluster']:.1f} s"
        )

        started = time.perf_counter()
        run([*hindsight, "init"], env)
        run([*hindsight, *bundled_seed_command()], env)
        run([*hindsight, "seed", "add", str(SECOND_SEED)], env)
        run([*hindsight, "feeds", "import", str(opml)], env)
        # News that names the first seed's subject, so the judging has pairs to weigh.
        run([*hindsight, "feeds", "add", str(BUNDLED_ARCHIVE), "--no-check"], env)
        SEEDS.extend(
            row["id"] for row in json.loads(run([*hindsight, "seed", "list", "--json"], env))
        )
        timings["hindsight database"] = time.perf_counter() - started

        started = time.perf_counter()
        run([*prefect, "work-pool", "create", "hindsight", "--type", "process"], env)
        run([*prefect, "--no-prompt", "deploy", "--name", "track"], env)
        run([*prefect, "deployment", "schedule", "clear", "track/track", "-y"], env)
        timings["deploy"] = time.perf_counter() - started

        worker_env = env | {"HINDSIGHT_DASK__ADDRESS": address}
        started = time.perf_counter()
        for n in (1, 2):
            stack.enter_context(
                background(
                    [
                        *prefect,
                        "worker",
                        "start",
                        "--pool",
                        "hindsight",
                        "--limit",
                        "1",
                        "--name",
                        f"worker-{n}",
                    ],
                    worker_env,
                    root / f"worker-{n}.log",
                )
            )
        print(f"# (workers have HINDSIGHT_DASK__ADDRESS={address})")
        asyncio.run(workers_online("hindsight", 2))
        timings["workers online"] = time.perf_counter() - started

        for number in range(1, args.rounds + 1):
            since = last_run_id(db_url)
            stream = distributed.get_task_stream(dask)
            stream.__enter__()
            started = time.perf_counter()
            # Both started at once, as two operators (or two schedules) would.
            commands = [
                [*prefect, "deployment", "run", "track/track", "-p", f"seed={seed}"]
                for seed in SEEDS
            ]
            for command in commands:
                print(f"$ {shown(command)} &", flush=True)
            started_runs = [
                subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True)
                for command in commands
            ]
            ids = []
            for process in started_runs:
                output, _ = process.communicate(timeout=600)
                found = re.search(r"UUID:\s*([0-9a-f-]{36})", output)
                if process.returncode or not found:
                    raise SystemExit(f"could not start a flow run: {output[-2000:]}")
                ids.append(found.group(1))
            flow_runs = asyncio.run(follow(api_url, ids, 1800))
            wall = time.perf_counter() - started
            report_round(number, wall, flow_runs, stage_times(db_url, since))
            stream.__exit__(None, None, None)
            chunks = [t for t in stream.data if "judge_chunk" in str(t["key"])]
            print(
                f"  judging chunks run on the Dask cluster: {len(chunks)}, "
                f"by {len({t['worker'] for t in chunks})} of its workers"
            )
            failed = [r for r in flow_runs if not r.state.is_completed()]
            if failed:
                for name in ("worker-1.log", "worker-2.log"):
                    print((root / name).read_text()[-3000:])
                raise SystemExit("a flow run did not complete")

        print("\n== set-up times ==")
        for name, seconds in timings.items():
            print(f"  {name}: {seconds:.1f} s")
        print(run([*hindsight, "status"], env))


if __name__ == "__main__":
    main()
