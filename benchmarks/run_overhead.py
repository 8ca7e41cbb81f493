"""What a hand-started run costs beyond its work: `hindsight run` as a user runs it.

Times, in one run of this script, on a fresh HINDSIGHT_HOME with the bundled seed and archive:
- `hindsight run --offline` with nothing new to do (after a first run), and the stages' own work
  in it (`--verbose`): the goal is at most 2 s beyond the work;
- `hindsight run --stage digest` against `hindsight digest`, which does the same work.

No Prefect server is configured (the default path). `--code DIR` times another checkout's code
(e.g. the main branch before this change) with this interpreter, for a before/after in one run.

    python benchmarks/run_overhead.py [--repeat 3] [--code DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )
    took = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"hindsight {' '.join(args)} failed: {result.stderr.strip()[-500:]}")
    return took, result.stdout


def stage_seconds(stdout: str) -> float | None:
    """The stages' own work from `--verbose` ("stages 1.16 s"), when the code prints it."""
    found = re.search(r"stages (\d+\.\d+) s", stdout)
    return float(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose code to time")
    options = parser.parse_args()
    code = options.code.resolve()
    helped = subprocess.run(  # from elsewhere: `-m` puts the working folder first on the path
        [sys.executable, "-m", "hindsight", "run", "--help"],
        env=os.environ | {"PYTHONPATH": str(code)},
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
    )
    verbose = ["--verbose"] if "--verbose" in helped.stdout else []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
        env |= {"HINDSIGHT_HOME": str(work / "home"), "PYTHONPATH": str(code)}
        first, _ = timed(["run", "--offline"], env, work)
        print(f"code: {code}\nfirst run (everything new): {first:.2f} s")
        rows: dict[str, list[float]] = {"run": [], "run work": [], "digest stage": [], "digest": []}
        for _ in range(options.repeat):
            took, out = timed(["run", "--offline", *verbose], env, work)
            rows["run"].append(took)
            if (work_seconds := stage_seconds(out)) is not None:
                rows["run work"].append(work_seconds)
            rows["digest stage"].append(timed(["run", "--stage", "digest"], env, work)[0])
            rows["digest"].append(timed(["digest"], env, work)[0])
    median = {name: statistics.median(values) for name, values in rows.items() if values}
    print(f"hindsight run, nothing new:  {median['run']:.2f} s (median of {options.repeat})")
    if "run work" in median:
        over = median["run"] - median["run work"]
        print(f"  of which the stages' work: {median['run work']:.2f} s; beyond it: {over:.2f} s")
    print(f"hindsight run --stage digest: {median['digest stage']:.2f} s")
    print(f"hindsight digest:             {median['digest']:.2f} s")
    print(f"ratio run --stage digest / digest: {median['digest stage'] / median['digest']:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
