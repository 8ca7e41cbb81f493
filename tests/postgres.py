"""A throwaway PostgreSQL cluster for tests: initdb + pg_ctl in a temp folder, gone afterwards.

Uses `HINDSIGHT_TEST_POSTGRES_URL` when set (an existing server). Otherwise it looks for the
server binaries (Debian puts them in /usr/lib/postgresql/N/bin); as root, the cluster runs as the
`postgres` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin_dir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("pg_ctl")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def why_unavailable() -> str | None:
    """None when a cluster can be started here, else the one-line reason."""
    if os.environ.get("HINDSIGHT_TEST_POSTGRES_URL"):
        return None
    if _bin_dir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the cluster"
    return None


class Cluster:
    """A throwaway cluster the tests own: its URL, and `stop`/`start` (a database restart)."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin_dir, self.root, self.data = bin_dir, root, root / "data"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(root, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/hindsight"

    def _run(self, *args: str) -> None:
        subprocess.run(self.as_user + list(args), check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        initdb = str(self.bin_dir / "initdb")
        self._run(initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.start()
        createdb = str(self.bin_dir / "createdb")
        self._run(createdb, "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "hindsight")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg_ctl = str(self.bin_dir / "pg_ctl")
        log = str(self.root / "log")
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")


@contextmanager
def own_cluster() -> Iterator[Cluster]:
    """A cluster of this test's own (one it may stop and start); deleted afterwards."""
    bin_dir = _bin_dir()
    assert bin_dir is not None
    cluster = Cluster(bin_dir, Path(tempfile.mkdtemp(prefix="hindsight-pg-")))
    try:
        cluster.init()
        yield cluster
    finally:
        subprocess.run(
            [
                *cluster.as_user,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(cluster.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(cluster.root, ignore_errors=True)


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh database; stop and delete the cluster afterwards."""
    url = os.environ.get("HINDSIGHT_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    with own_cluster() as cluster:
        yield cluster.url
