"""An in-process llama.cpp server for a local GGUF file (`[llm] gguf = "model.gguf"`).

`xllamacpp` ships llama.cpp's HTTP server as a Python extension: it listens on 127.0.0.1 on a free
port and speaks the same Chat Completions API (JSON-schema output included) as any other
endpoint, so the rest of the backend does not know the difference. The server lives as long as
the object; `stop()` (or leaving the `with` block) ends it.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["LocalServer", "free_port"]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LocalServer:
    """llama.cpp serving `gguf` on 127.0.0.1; `base_url` is its OpenAI-compatible address."""

    gguf: Path
    context: int = 8192
    # Half the cores (at most 4): llama.cpp's threads wait on each other at every step, so on
    # a busy machine one thread per spare core decodes faster than one per core.
    threads: int = field(default_factory=lambda: max(1, min(4, (os.cpu_count() or 2) // 2)))
    api_key: str | None = None  # when set, the server refuses requests without it
    port: int = 0
    _server: Any = field(default=None, repr=False)

    def start(self) -> LocalServer:
        if self._server is not None:
            return self
        if not self.gguf.is_file():
            raise FileNotFoundError(f"no GGUF model file at {self.gguf}")
        try:
            import xllamacpp
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(
                "a local GGUF model needs llama.cpp: pip install 'hindsight[llm-local]'"
            ) from exc
        params = xllamacpp.CommonParams()
        params.model.path = str(self.gguf)
        params.hostnames = ["127.0.0.1"]
        self.port = self.port or free_port()
        params.port = self.port
        params.n_ctx = self.context
        params.n_parallel = 1  # one slot: the whole context for each question
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        # No busy-waiting between steps: on a shared machine spinning threads starve the rest.
        params.cpuparams.poll = 0
        params.cpuparams_batch.poll = 0
        params.warmup = False
        if self.api_key:
            params.api_keys = [self.api_key]
        self._server = xllamacpp.Server(params)
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def model(self) -> str:
        """The name the server answers to (it serves one model, whatever a request names)."""
        return self.gguf.name

    def stop(self) -> None:
        server, self._server = self._server, None
        del server  # the extension stops its threads when the object goes

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
