"""Prefect for Hindsight: its defaults, and which Prefect server (if any) a command should use.

Nothing here imports Prefect: `hindsight run` decides from these whether to import it at all.

- `configure_prefect` sets Prefect's defaults before it is first imported: its state under
  `HINDSIGHT_HOME/prefect` (unless PREFECT_HOME is set), telemetry and the UI's analytics off.
- `server_url` finds the server a run reports to: PREFECT_API_URL from the environment or the
  active Prefect profile, else the server a running `hindsight serve` started (it leaves its
  address in `HINDSIGHT_HOME/prefect/serve.json`). None means no server: `hindsight run` then runs
  the stages without Prefect, because Prefect's temporary server costs 15-25 s a run here.
- `start_server` starts `prefect server start` on 127.0.0.1 for `hindsight serve`.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "serve.json"


def prefect_home(home: Path) -> Path:
    return Path(os.environ.get("PREFECT_HOME") or (home / "prefect")).expanduser().resolve()


def configure_prefect(home: Path, *, quiet: bool = True) -> None:
    prefect_dir = prefect_home(home)
    os.environ.setdefault("PREFECT_HOME", str(prefect_dir))
    # Prefect creates its home without parents; with the database elsewhere (PostgreSQL),
    # nothing else creates HINDSIGHT_HOME, and a local server cannot open its database.
    prefect_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    # A server's telemetry heartbeat writes to its SQLite database while a flow's API calls do,
    # and SQLite answers one of them `database is locked`.
    os.environ.setdefault("PREFECT_SERVER_TELEMETRY_ENABLED", "false")
    # A server migrates its database on first start; on a busy two-core machine that can pass
    # Prefect's 20 s default.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    if quiet:
        # The CLI prints its own summary; Prefect's INFO lines would bury it.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@dataclass(frozen=True)
class ServerChoice:
    url: str
    source: str  # where it was configured: "PREFECT_API_URL", "profile ...", "hindsight serve"


def _profile_api_url(prefect_dir: Path) -> tuple[str, str] | None:
    """PREFECT_API_URL of the active profile in Prefect's profiles file, read without Prefect."""
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or prefect_dir / "profiles.toml")
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    url = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return (str(url), f"Prefect profile {active!r}") if url else None


def answers(api_url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect server answers its health check at `api_url`."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as reply:
            return bool(reply.status == 200)
    except (OSError, urllib.error.URLError, ValueError):
        return False


def served_state(home: Path) -> dict[str, object] | None:
    """What a running `hindsight serve` recorded: its server's address and its process id."""
    try:
        state = json.loads((prefect_home(home) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("api_url") else None


def server_url(home: Path) -> ServerChoice | None:
    """The Prefect server this installation reports runs to, or None when there is none."""
    if os.environ.get("PREFECT_API_URL"):
        return ServerChoice(os.environ["PREFECT_API_URL"], "PREFECT_API_URL")
    profile = _profile_api_url(prefect_home(home))
    if profile:
        return ServerChoice(*profile)
    state = served_state(home)
    if state and _alive(state.get("pid")) and answers(str(state["api_url"]), timeout=1.0):
        return ServerChoice(str(state["api_url"]), "hindsight serve")
    return None


def _alive(pid: object) -> bool:
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ServerError(RuntimeError):
    """The Prefect server could not be started."""


def start_server(
    port: int, log: Path, timeout: float = 180.0, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `prefect server start` on 127.0.0.1:`port` (0: any free port); wait until it answers.

    Its output goes to `log`; `env` replaces this process's environment for it. Returns the
    process and its API URL.
    """
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    if answers(api_url, timeout=1.0):
        raise ServerError(
            f"port {port} already has a Prefect server; set PREFECT_API_URL={api_url}"
        )
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prefect",
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={k: v for k, v in (env or os.environ).items() if k != "PREFECT_API_URL"},
            start_new_session=True,  # stopped by `stop_process`, not by the terminal's Ctrl-C
        )
    deadline = time.monotonic() + timeout
    while not answers(api_url, timeout=1.0):
        if process.poll() is not None:
            raise ServerError(
                f"the Prefect server exited with status {process.returncode}; see {log}"
            )
        if time.monotonic() > deadline:
            stop_process(process)
            raise ServerError(
                f"the Prefect server did not answer within {timeout:.0f} s; see {log}"
            )
        time.sleep(0.25)
    return process, api_url


def record_served(home: Path, api_url: str) -> Path:
    path = prefect_home(home) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"api_url": api_url, "pid": os.getpid()}), encoding="utf-8")
    return path


def stop_process(process: subprocess.Popen[bytes], grace: float = 30.0) -> int | None:
    """SIGTERM a child started in its own session and all it started; SIGKILL after `grace`."""
    if process.poll() is not None:
        return process.returncode
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            return process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
    return process.poll()
