"""How fast the read-only commands answer on the bundled default, against `hindsight --help`.

The goal is "about a second": a read-only command should cost little more than starting the
command at all (Python, Typer, rich) plus opening the database. Each command runs in a fresh
process, best of N, and is printed with its ratio to `hindsight --help` measured the same way.

Run: `python benchmarks/cli_read.py [--home DIR] [--repeat N]`. Without `--home`, it first runs
`hindsight run --offline` on the bundled default in a temporary folder (about a minute).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = [
    ["status"],
    ["seed", "list"],
    ["seed", "show", "1"],
    ["feeds", "list"],
    ["feeds", "show", "1"],
    ["predictions", "list"],
    ["predictions", "list", "--status", "supported", "--changed-since", "2000-01-01"],
    ["predictions", "show", "10"],
    ["predictions", "show", "10", "--json"],
    ["predictions", "export"],
]


def hindsight(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="a HINDSIGHT_HOME after `hindsight run`")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory() as scratch:
        home = options.home or Path(scratch) / "home"
        env["HINDSIGHT_HOME"] = str(home)
        if options.home is None:
            print("running the pipeline on the bundled default first ...", flush=True)
            hindsight(["run", "--offline"], env)
        baseline = min(hindsight(["--help"], env) for _ in range(options.repeat))
        for args in COMMANDS:
            best = min(hindsight(args, env) for _ in range(options.repeat))
            print(f"{best:6.2f} s  {best / baseline:4.1f}x --help  hindsight {' '.join(args)}")


if __name__ == "__main__":
    main()
