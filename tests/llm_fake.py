"""A scripted Chat Completions endpoint on 127.0.0.1 for the faults a real model server cannot
produce on demand: a 500, a 429 with Retry-After, an answer slower than the timeout, a garbage
answer, an answer quoting a sentence that is not in the news. Everything else is tested against
the real llama.cpp server (tests/test_llm_server.py)."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # a dict is sent as JSON, a str as it is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def completion(content: str, finish: str = "stop") -> Reply:
    """A well-formed Chat Completions response carrying `content`."""
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "scripted",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish,
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }
    )


def judgement(stance: str, sentence: str, reason: str = "as forecast") -> Reply:
    return completion(
        json.dumps(
            {
                "stance": stance,
                "confidence": "high",
                "reason": reason,
                "decisive_sentence": sentence,
            }
        )
    )


@dataclass
class Scripted:
    base_url: str
    replies: deque[Reply]
    requests: list[dict[str, Any]]
    headers: list[dict[str, str]]


@contextmanager
def scripted_endpoint(*replies: Reply) -> Iterator[Scripted]:
    """Serve `replies` in order (then 503s) at http://127.0.0.1:<free port>/v1."""
    queue: deque[Reply] = deque(replies)
    requests: list[dict[str, Any]] = []
    headers: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            requests.append(json.loads(self.rfile.read(length) or b"{}"))
            headers.append(dict(self.headers))
            reply = queue.popleft() if queue else Reply(503, {"error": {"message": "no more"}})
            if reply.delay:
                time.sleep(reply.delay)
            body = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
            try:
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(body.encode())))
                self.end_headers()
                self.wfile.write(body.encode())
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Scripted(f"http://127.0.0.1:{server.server_port}/v1", queue, requests, headers)
    finally:
        server.shutdown()
        server.server_close()
