"""Hostile or broken seed articles fetched over real HTTP by `hindsight seed add URL`.

The files case (empty, binary, not English, over 5 MB) is covered for paths in tests/test_cli.py;
here the same bodies come from a real HTTP server on 127.0.0.1, and redirects try to leave the web
(file://, ftp:, gopher:) or to step from a public address to a private one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hindsight.addresses import Resolver
from hindsight.reading import SeedError
from hindsight.reading.fetching import fetch
from tests.feed_server import FeedServer, redirect
from tests.test_cli import BAD_SEEDS, cli, env, one_line_error

__all__ = ["env"]  # the fixture, re-used

ARTICLE = (
    b"<html><head><title>Acme outlook</title></head><body><article><p>"
    + b"Acme Motors will double its deliveries by 2030, the chief executive said. " * 8
    + b"</p></article></body></html>"
)
PASSWD = Path("/etc/passwd")
PUBLIC = "93.184.216.34"  # a global address for the stub resolver; never contacted


def stored_seeds(env: dict[str, str]) -> list[object]:
    result = cli(env, "seed", "list", "--json")
    assert result.returncode == 0, result.stderr
    seeds: list[object] = json.loads(result.stdout)
    return seeds


@pytest.mark.parametrize("name", sorted(BAD_SEEDS))
def test_broken_seed_pages_are_refused_in_one_line_and_store_nothing(
    env: dict[str, str], name: str
) -> None:
    ctype = "application/octet-stream" if name == "binary.txt" else "text/plain; charset=utf-8"
    with FeedServer() as server:
        url = server.serve("/" + name, BAD_SEEDS[name], ctype)
        line = one_line_error(cli(env, "seed", "add", url, "--published", "2024-03-02"))
    assert url in line or "seed" in line.lower(), line
    assert stored_seeds(env) == []


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/article.html", "gopher://127.0.0.1/1"]
)
def test_a_redirect_out_of_the_web_is_refused(env: dict[str, str], target: str) -> None:
    with FeedServer() as server:
        server.routes["/article"] = redirect(target)
        result = cli(env, "seed", "add", server.url("/article"), "--published", "2024-03-02")
    line = one_line_error(result)
    assert "refused a redirect" in line, line
    if PASSWD.exists():
        assert PASSWD.read_text().splitlines()[0] not in result.stdout + result.stderr
    assert stored_seeds(env) == []


def test_a_seed_page_that_is_fine_is_stored(env: dict[str, str]) -> None:
    """The control for the refusals above: the same server and command do store a real page."""
    with FeedServer() as server:
        server.serve("/ok", ARTICLE, "text/html; charset=utf-8")
        server.routes["/moved"] = redirect(server.url("/ok"))
        result = cli(env, "seed", "add", server.url("/moved"), "--published", "2024-03-02")
    assert result.returncode == 0, result.stderr
    assert len(stored_seeds(env)) == 1


def resolver(public: set[str]) -> Resolver:
    """A resolver in which the hosts in `public` have a public address and others loopback.

    A stub is right here alone: no public address exists on this machine, so only a resolver can
    make the test server look public. The HTTP requests themselves are real.
    """

    def resolve(host: str) -> list[str]:
        return [PUBLIC] if host in public else ["127.0.0.1"]

    return resolve


def test_a_redirect_from_a_public_address_to_a_private_one_is_refused() -> None:
    with FeedServer() as server:
        server.serve("/secret", ARTICLE, "text/html")
        server.routes["/article"] = redirect(f"http://localhost:{server.port}/secret")
        start = server.url("/article")  # http://127.0.0.1:port, which plays the public site
        with pytest.raises(SeedError, match="public address to a private one"):
            fetch(start, resolve=resolver({"127.0.0.1"}))
        assert server.hits.get("/secret", 0) == 0  # refused before the request was sent
        # The control: with a private origin the same redirect is followed (a local page may
        # point to another local page), so the refusal above is the policy, not a broken fetch.
        fetched = fetch(start, resolve=resolver(set()))
    assert fetched.body == ARTICLE
    assert server.hits["/secret"] == 1


def rebinding(public: set[str]) -> tuple[Resolver, list[str]]:
    """A resolver in which 127.0.0.1 (the test server) plays the public site, and the names in
    `public` answer a public address once, then loopback: DNS rebinding, where the check sees
    the first answer and the HTTP client's own lookup would see the next."""
    asked: list[str] = []

    def resolve(host: str) -> list[str]:
        asked.append(host)
        first = host in public and asked.count(host) == 1
        return [PUBLIC] if first or host == "127.0.0.1" else ["127.0.0.1"]

    return resolve, asked


def test_a_name_that_turns_private_between_check_and_connection_is_refused() -> None:
    """The redirect's name passes the check as public; the connection reaches loopback."""
    with FeedServer() as server:
        server.serve("/secret", ARTICLE, "text/html")
        server.routes["/article"] = redirect(f"http://localhost:{server.port}/secret")
        resolve, asked = rebinding({"localhost"})
        with pytest.raises(SeedError, match=r"public address to a private one.*127\.0\.0\.1"):
            fetch(server.url("/article"), resolve=resolve)
        assert asked.count("localhost") == 1  # the check passed: it saw the public answer
        assert server.hits["/article"] == 1
        assert server.hits.get("/secret", 0) == 0  # refused before the request was sent
