"""A real HTTP server on 127.0.0.1 for feed tests: static files with validators, plus fault routes.

Runs `http.server` in a daemon thread; it stops when its `with` block ends and, whatever happens,
after `lifetime` seconds, so a failing test can never leave it running.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from storage.db import Database
from storage.models import Base

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpora" / "feeds"
LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"

Handler = Callable[[BaseHTTPRequestHandler], None]


def corpus_files() -> list[Path]:
    """Every feed file of the shared corpus, in a stable order."""
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md")


def rss(items: list[tuple[str, str, str]], title: str = "Test feed") -> bytes:
    """A small RSS 2.0 document from (guid, link, text) triples."""
    body = "".join(
        f"<item><guid>{g}</guid><link>{link}</link><title>Item {g}</title>"
        f"<description>{text}</description></item>"
        for g, link, text in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>{body}</channel></rss>"
    ).encode()


class FeedServer:
    """Serves `files` (URL path -> bytes), `routes` (URL path -> handler) and `mounts` (dirs)."""

    def __init__(self, *, lifetime: float = 120.0, port: int = 0) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        self.routes: dict[str, Handler] = {}
        self.mounts: dict[str, Path] = {}
        self.hits: dict[str, int] = {}
        self.validators = True
        self.lifetime = lifetime
        self._lock = threading.Lock()
        # `port`: 0 picks a free one; a stopped server's port brings "its" feed back up.
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> str:
        self.files[path] = (body, content_type)
        return self.url(path)

    def __enter__(self) -> FeedServer:
        thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        thread.daemon = True
        thread.start()
        self._timer = threading.Timer(self.lifetime, self._httpd.shutdown)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _count(self, path: str) -> int:
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]

    def _lookup(self, path: str) -> tuple[bytes, str] | None:
        if path in self.files:
            return self.files[path]
        for prefix, folder in self.mounts.items():
            if path.startswith(prefix):
                target = (folder / path[len(prefix) :]).resolve()
                if target.is_file() and folder.resolve() in target.parents:
                    return target.read_bytes(), "application/xml"
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                server._count(path)
                if path in server.routes:
                    server.routes[path](self)
                    return
                found = server._lookup(path)
                if found is None:
                    send(self, 404, b"not found", "text/plain")
                    return
                body, content_type = found
                headers = {}
                if server.validators:
                    etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                    headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
                    if self.headers.get("If-None-Match") == etag:
                        send(self, 304, b"", None, headers)
                        return
                send(self, 200, body, content_type, headers)

        return Handler


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str | None,
    headers: dict[str, str] | None = None,
) -> None:
    """Write one complete response."""
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if body:
        handler.wfile.write(body)


def make_db(folder: Path) -> Database:
    """A fresh SQLite database with the current schema."""
    db = Database(f"sqlite:///{folder / 'hindsight.db'}")
    Base.metadata.create_all(db.engine)
    return db


def redirect(to: str, status: int = 302) -> Handler:
    def handle(handler: BaseHTTPRequestHandler) -> None:
        send(handler, status, b"", None, {"Location": to})

    return handle


def slow(seconds: float, body: bytes) -> Handler:
    """Answer only after `seconds` (bounded: the server thread sleeps, then gives up quietly)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):
            send(handler, 200, body, "application/rss+xml")

    return handle


def huge(megabytes: int, *, declare_length: bool = True) -> Handler:
    """Stream `megabytes` MB of feed-like bytes, stopping as soon as the client hangs up."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        chunk = b"<item><title>x</title></item>" * 2000
        total = megabytes * 1024 * 1024
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        if declare_length:
            handler.send_header("Content-Length", str(total))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        sent = 0
        try:
            while sent < total:
                piece = chunk[: total - sent]
                handler.wfile.write(piece)
                sent += len(piece)
        except OSError:
            pass
        handler.close_connection = True

    return handle


def sequence(*steps: tuple[int, bytes, dict[str, str]]) -> Handler:
    """Answer with each (status, body, headers) in turn, repeating the last one."""
    state = {"n": 0}
    lock = threading.Lock()

    def handle(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            step = steps[min(state["n"], len(steps) - 1)]
            state["n"] += 1
        status, body, headers = step
        send(handler, status, body, "application/rss+xml" if body else None, headers)

    return handle
