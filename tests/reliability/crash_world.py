"""The small world the crash and fault tests run the real CLI in, and what they compare.

A world is a working folder with a `hindsight.toml` (the bundled seed; three file:// feeds: the
bundled archive, a second feed carrying some of the same stories, and a file that is not a feed;
small assess batches; SMTP to a local aiosmtpd with two recipients), a home folder, and a
database URL. `dump` reads back what a user would compare between two runs — documents, entries,
claims, assessments, statuses, evidence, subjects, digests and deliveries — without row ids or
timestamps, so a resumed run and a clean one compare equal exactly when they stored the same.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from storage.db import Database

REPO = Path(__file__).resolve().parents[2]
ARCHIVE = REPO / "seeds" / "xiaomi-news-archive.xml"
HINDSIGHT = [sys.executable, "-m", "hindsight"]
RECIPIENTS = ("ana@example.com", "bo@example.org")
USER, PASSWORD = "bot", "s3cret-Passw0rd-never-shown"


@dataclass
class World:
    """A working folder, its settings and environment; `run` starts the real CLI in it."""

    root: Path
    db_url: str
    smtp_port: int
    env: dict[str, str] = field(default_factory=dict)

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    def run(
        self, *args: str, fault: str | None = None, timeout: float = 300, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """`hindsight run --offline --send` (or `args`), killed at `fault` when given.

        Output goes to files, not pipes: a process killed with -9 may leave a child holding a
        pipe open, and reading it would wait for that child.
        """
        environment = dict(self.env, **env)
        if fault:
            environment["HINDSIGHT_FAULT"] = fault
        out, err = self.root / "stdout.txt", self.root / "stderr.txt"
        with out.open("w") as stdout, err.open("w") as stderr:
            process = subprocess.Popen(
                [*HINDSIGHT, *(args or ("run", "--offline", "--send"))],
                env=environment,
                cwd=self.root,
                stdout=stdout,
                stderr=stderr,
                text=True,
            )
            code = process.wait(timeout=timeout)
        return subprocess.CompletedProcess(
            process.args, code, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
        )

    def popen(self, *args: str, **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [*HINDSIGHT, *args],
            env=dict(self.env, **env),
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def make_world(
    root: Path,
    db_url: str,
    smtp_port: int,
    *,
    username: str | None = None,
    password: str | None = None,
    batch_size: int = 10,
) -> World:
    """Write the feeds and `hindsight.toml` under `root`; the password goes in the environment."""
    root.mkdir(parents=True, exist_ok=True)
    feeds = root / "feeds"
    feeds.mkdir(exist_ok=True)
    archive = ARCHIVE.read_text(encoding="utf-8")
    items = re.findall(r"<item>.*?</item>", archive, flags=re.DOTALL)
    head = archive[: archive.index("<item>")]
    # A second feed carrying every third story of the first: one document per story however
    # many feeds carry it.
    (feeds / "echo.xml").write_text(
        head.replace("<title>", "<title>Echo of ", 1)
        + "\n".join(items[::3])
        + "\n  </channel>\n</rss>\n",
        encoding="utf-8",
    )
    (feeds / "broken.xml").write_text("this is not a feed\n", encoding="utf-8")
    urls = [ARCHIVE.as_uri(), (feeds / "echo.xml").as_uri(), (feeds / "broken.xml").as_uri()]
    lines = ["lock_wait = 5", ""]
    for url in urls:
        lines += ["[[feeds]]", f'url = "{url}"', ""]
    lines += [
        "[judge]",
        f"batch_size = {batch_size}",
        "",
        "[mail]",
        'host = "127.0.0.1"',
        f"port = {smtp_port}",
        "timeout = 10",
        'sender = "Hindsight <digest@hindsight.example>"',
        "recipients = [" + ", ".join(f'"{r}"' for r in RECIPIENTS) + "]",
    ]
    if username:
        lines.append(f'username = "{username}"')
    (root / "hindsight.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env["HINDSIGHT_HOME"] = str(root / "home")
    env["HINDSIGHT_DATABASE_URL"] = db_url
    env["PYTHONPATH"] = str(REPO)
    if password is not None:
        env["HINDSIGHT_MAIL__PASSWORD"] = password
    return World(root, db_url, smtp_port, env)


# --- what two runs are compared on -------------------------------------------------------------

QUERIES = {
    "sources": "SELECT url, last_error_kind, title FROM sources",
    "documents": "SELECT kind, url, title, content_hash, analysed_hash FROM documents",
    "entries": """SELECT s.url, e.entry_key, e.content_hash
        FROM feed_entries e JOIN sources s ON s.id = e.source_id""",
    "seeds": "SELECT title, author, published, url FROM seeds",
    "predictions": """SELECT text, kind, subject, owner, status, status_reason, active
        FROM predictions""",
    "claims": """SELECT d.url, c.text, c.span_start, c.current, c.polarity, c.modality
        FROM claims c JOIN documents d ON d.id = c.document_id""",
    "assessments": """SELECT d.url, c.text, p.text, a.stance,
        ROUND(CAST(a.confidence AS NUMERIC), 6), a.reason, a.judge
        FROM assessments a JOIN claims c ON c.id = a.claim_id
        JOIN documents d ON d.id = c.document_id JOIN predictions p ON p.id = a.prediction_id""",
    "status_changes": """SELECT p.text, sc.old_status, sc.new_status, sc.reason, c.text
        FROM status_changes sc JOIN predictions p ON p.id = sc.prediction_id
        LEFT JOIN assessments a ON a.id = sc.assessment_id
        LEFT JOIN claims c ON c.id = a.claim_id""",
    "subjects": "SELECT name, aliases, products, sector_terms FROM subjects",
    "digests": "SELECT scope, changes, subject FROM digests",
    "deliveries": """SELECT d.scope, v.recipient, v.state
        FROM deliveries v JOIN digests d ON d.id = v.digest_id""",
}


def _plain(value: Any, root: str) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_plain(v, root) for v in value)
    if value is not None and type(value).__name__ == "Decimal":
        return float(value)
    if isinstance(value, str):
        value = value.replace(root, "<world>")  # the feeds' file:// addresses
        if value.startswith("[") and value.endswith("]"):
            return _plain(json.loads(value), root)  # SQLite's JSON text, PostgreSQL's lists
    return value if isinstance(value, int | float | str | bool | type(None)) else str(value)


def dump(world: World) -> dict[str, list[tuple[Any, ...]]]:
    """Every table a user cares about, as sorted rows without ids, timestamps or the folder."""
    db = Database(world.db_url)
    root = str(world.root)
    try:
        with db.engine.connect() as connection:
            found: dict[str, list[tuple[Any, ...]]] = {}
            for name, query in QUERIES.items():
                rows = connection.execute(text(query))
                plain = (tuple(_plain(v, root) for v in row) for row in rows)
                found[name] = sorted(plain, key=repr)
            return found
    finally:
        db.dispose()


def message_ids(url: str) -> dict[str, str]:
    """The Message-ID each recipient's delivery of the one digest carries."""
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT recipient, message_id FROM deliveries"))
            return {recipient: message_id for recipient, message_id in rows}
    finally:
        db.dispose()


def run_states(url: str) -> list[str]:
    """Each recorded run's state, and the reason where it failed."""
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT state, error FROM runs ORDER BY id"))
            return [error if state == "failed" else state for state, error in rows]
    finally:
        db.dispose()


def stopped(pid: int, timeout: float = 120) -> bool:
    """Wait until process `pid` is stopped (SIGSTOP); False if it ended or the time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        if state in ("T", "t"):
            return True
        if state == "Z":
            return False
        time.sleep(0.05)
    return False


def resume(pid: int) -> None:
    os.kill(pid, signal.SIGCONT)


def leftovers(root: Path, timeout: float = 15) -> list[str]:
    """The processes still running from `root` (a killed run's parse or judge workers, and the
    fork server they hold open, carry the folder in their command line), once they have had
    `timeout` seconds to notice the run is gone. Linux's /proc; elsewhere nothing is found."""
    mark = str(root).encode()
    found: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                args = cmdline.read_bytes()
            except OSError:
                continue  # ended meanwhile
            if mark in args:
                found.append(args.replace(b"\0", b" ").decode(errors="replace")[:200])
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)
