"""`hindsight serve`, `trigger` and a tracked `run` against a real Prefect server.

One `prefect server start` (a temporary PREFECT_HOME, a free port on 127.0.0.1) is shared by the
tests of this module: starting it is most of their cost. Each test runs its own `hindsight serve`
against it (PREFECT_API_URL) in its own HINDSIGHT_HOME, as an operator would, in a subprocess.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hindsight.prefect_env import start_server, stop_process

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO / "seeds" / "xiaomi-news-archive.xml"

# Every test of this module on one xdist worker, so they share one server (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("prefect-server")


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("prefect-server")
    env = clean_env() | {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_TELEMETRY_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
    }
    process, url = start_server(0, home / "server.log", timeout=300, env=env)
    try:
        yield url
    finally:
        stop_process(process)


def operator_env(tmp_path: Path, api_url: str, config: str) -> dict[str, str]:
    (tmp_path / "hindsight.toml").write_text(
        f'{config}\n[[feeds]]\nurl = "{ARCHIVE.as_uri()}"\n', encoding="utf-8"
    )
    return clean_env() | {
        "HINDSIGHT_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(REPO),
        "PREFECT_API_URL": api_url,
    }


def hindsight(
    env: dict[str, str], cwd: Path, *args: str, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hindsight", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def api(url: str, path: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url + path, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read())


def wait_for(check: Callable[[], Any], what: str, timeout: float = 240) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


class Served:
    """A `hindsight serve` process, stopped by a signal as an operator would stop it."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.out = cwd / "serve.out"
        self.err = cwd / "serve.err"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "hindsight", "serve"],
                env=env,
                cwd=cwd,
                stdout=out,
                stderr=err,
            )

    def stop(self, sig: signal.Signals) -> tuple[int, str, str]:
        self.process.send_signal(sig)
        code = self.process.wait(timeout=90)
        return code, self.out.read_text(), self.err.read_text()


def test_served_deployment_triggered_runs_to_completion(tmp_path: Path, api_url: str) -> None:
    env = operator_env(tmp_path, api_url, 'track_schedule = ""\ndigest_schedule = ""')
    served = Served(env, tmp_path)
    try:
        wait_for(
            lambda: (
                {"track", "digest", "pipeline"}
                <= {d["name"] for d in api(api_url, "/deployments/filter", {})}
            ),
            "the served deployments",
        )

        triggered = hindsight(env, tmp_path, "trigger", "track")
        assert triggered.returncode == 0, triggered.stdout + triggered.stderr
        assert "Completed" in triggered.stdout
        assert "16 new predictions" in triggered.stdout and "39 new entries" in triggered.stdout

        # A hand-started run reports to the same server: a tracked flow run, its split shown.
        ran = hindsight(env, tmp_path, "run", "--stage", "digest", "--verbose")
        output = ran.stdout + ran.stderr
        assert ran.returncode == 0, output
        assert "Traceback" not in output and "ERROR" not in output, output
        assert f"on {api_url} (from PREFECT_API_URL)" in ran.stdout
        assert "flow and task runs" in ran.stdout
    finally:
        code, out, err = served.stop(signal.SIGTERM)
    assert code == 0 and out.rstrip().endswith("stopped"), out + err
    assert "Traceback" not in err, err

    status = json.loads(hindsight(env, tmp_path, "status", "--json").stdout)
    assert [r["stage"] for r in status["runs"] if r["state"] == "completed"][:2] == [
        "digest",
        "track",
    ]

    # Each flow run published its summary; the digest's names its files.
    def published(key: str) -> list[str]:
        found = api(api_url, "/artifacts/filter", {"artifacts": {"key": {"any_": [key]}}})
        return [a["data"] for a in found]

    ingest = [a for a in published("hindsight-ingest") if "| new | 39 |" in a]
    assert ingest and "Hindsight ingest: completed" in ingest[0]
    digest_html = status["runs"][0]["summary"]["html"]
    assert Path(digest_html).is_file()
    assert any(digest_html in a for a in published("hindsight-digest"))


def test_a_deployment_on_a_schedule_fires_and_writes_a_digest(tmp_path: Path, api_url: str) -> None:
    env = operator_env(
        tmp_path, api_url, 'track_schedule = ""\ndigest_schedule = "every 5 seconds"'
    )
    # Changes to report first, without Prefect (no PREFECT_API_URL: the stages run directly).
    direct = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    stages = ("--stage", "seed", "--stage", "ingest", "--stage", "assess")
    prepared = hindsight(direct, tmp_path, "run", *stages)
    assert prepared.returncode == 0 and "15 status changes" in prepared.stdout, prepared.stderr
    assert not list((tmp_path / "home").glob("reports/digest-*")), "a digest before the schedule"
    reports = tmp_path / "home" / "reports"
    served = Served(env, tmp_path)
    try:
        written = wait_for(lambda: list(reports.glob("digest-*.html")), "a scheduled digest")
    finally:
        code, out, err = served.stop(signal.SIGINT)  # Ctrl-C
    assert code == 0 and out.rstrip().endswith("stopped"), out + err
    assert "Traceback" not in err, err
    assert "Hindsight" in written[0].read_text(encoding="utf-8")
    status = json.loads(hindsight(env, tmp_path, "status", "--json").stdout)
    digests = [r for r in status["runs"] if r["stage"] == "digest"]
    assert digests and digests[-1]["state"] == "completed"
    assert status["next_digest"]["deployment"] == "digest"


def test_trigger_without_a_server_or_deployment_is_one_line(tmp_path: Path) -> None:
    env = clean_env() | {"HINDSIGHT_HOME": str(tmp_path / "home"), "PYTHONPATH": str(REPO)}
    for args, expected in [
        (("trigger", "track"), "no Prefect server"),
        (("trigger", "everything"), "unknown deployment"),
    ]:
        result = hindsight(env, tmp_path, *args, timeout=120)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        (line,) = [line for line in result.stderr.splitlines() if line.strip()]
        assert expected in line
