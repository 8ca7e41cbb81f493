"""The `hindsight` command: a thin shell over `hindsight.pipeline`, `storage` and `flows`.

Commands that only read or edit the database import neither Prefect nor the analysis code, so
they answer in about a second; `run` and `serve` import Prefect when they need it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from hindsight.settings import Settings, load_settings

app = typer.Typer(
    help="Hold published predictions to account.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
seed_app = typer.Typer(help="Seed articles whose predictions are tracked.", no_args_is_help=True)
feeds_app = typer.Typer(help="News feeds to ingest.", no_args_is_help=True)
predictions_app = typer.Typer(help="The predictions ledger.", no_args_is_help=True)
app.add_typer(seed_app, name="seed")
app.add_typer(feeds_app, name="feeds")
app.add_typer(predictions_app, name="predictions")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class UserError(Exception):
    """Something the operator can fix; printed as one line, exit status 1."""


def fail(message: str) -> NoReturn:
    raise UserError(message)


def open_db(settings: Settings | None = None) -> Any:
    """The configured database, migrated to the newest schema."""
    from alembic.util.exc import CommandError
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, OperationalError

    from storage.db import Database

    settings = settings or load_settings()
    try:
        shown = make_url(settings.database).render_as_string(hide_password=True)
    except ArgumentError:
        shown = "(unparseable)"
    try:
        db = Database(settings.database)
        db.migrate()
    except ArgumentError as exc:
        fail(f"bad database URL {shown!r}: {exc}")
    except CommandError as exc:
        fail(
            f"the database at {shown!r} has a schema this version of Hindsight "
            f"does not know ({exc}); was it created by a newer version?"
        )
    except OperationalError as exc:
        first_line = str(exc.orig).strip().splitlines()[0]
        fail(f"cannot open the database {shown!r}: {first_line}")
    return db


def compact_table(*columns: str) -> Table:
    """A borderless table whose fixed columns never wrap; the columns added after it wrap."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    for name in columns:
        table.add_column(name, no_wrap=True)
    return table


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} takes a date as YYYY-MM-DD, not {value!r}")


def parse_id(value: str, what: str) -> int:
    """An id typed on the command line, or a one-line error (not a usage box)."""
    if not value.strip().isdigit():
        fail(f"a {what} id is a number, not {value!r}")
    return int(value)


# --- init --------------------------------------------------------------------------------------


@app.command()
def init() -> None:
    """Create or upgrade the database, then load the configured seeds and feeds."""
    settings = load_settings()
    db = open_db(settings)
    for seed in settings.seeds:
        _add_seed(db, seed.path, seed.title, seed.author, seed.published, seed.url)
    if settings.feeds:
        from storage.feeds import add_feed

        with db.session() as session:
            for feed in settings.feeds:
                add_feed(
                    session,
                    normalise_feed_url(feed.url),
                    name=feed.name,
                    full_text=feed.full_text,
                    enabled=feed.enabled,
                )
    out.print(f"database ready: {db.url}")


# --- seeds -------------------------------------------------------------------------------------


def _add_seed(
    db: Any,
    source: str,
    title: str | None,
    author: str | None,
    published: date | None,
    url: str | None,
) -> None:
    from hindsight.pipeline.seeds import add_seed
    from hindsight.reading import SeedError

    try:
        outcome = add_seed(db, source, title=title, author=author, published=published, url=url)
    except SeedError as exc:
        fail(str(exc))
    changes = outcome.predictions
    if outcome.new_seed:
        what = "stored new seed"
    elif outcome.new_version:
        what = "stored a new version of seed"
    else:
        what = "already stored: seed"
    out.print(
        f"{what} {outcome.seed_id} ({outcome.title or source}): "
        f"{changes.added} predictions added, {changes.updated} updated, "
        f"{changes.unchanged} unchanged, {changes.retired} retired"
    )
    if changes.added + changes.updated + changes.unchanged == 0:
        out.print(
            "note: no predictions found in it; add them by hand with "
            "`hindsight predictions export/import` if the article has some"
        )


@seed_app.command("add")
def seed_add(
    path_or_url: Annotated[str, typer.Argument(help="A text, Markdown or HTML file, or a URL.")],
    title: Annotated[str | None, typer.Option(help="Title, when the article lacks one.")] = None,
    author: Annotated[str | None, typer.Option(help="Author, when the article lacks one.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    url: Annotated[str | None, typer.Option(help="The article's original address.")] = None,
) -> None:
    """Store a seed article and extract its predictions (the same article twice is stored once)."""
    day = parse_day(published, "--published")
    _add_seed(open_db(), path_or_url, title, author, day, url)


@seed_app.command("list")
def seed_list(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List stored seeds."""
    from storage.reports import seed_rows

    with open_db().session() as session:
        rows = seed_rows(session)
    if json_:
        print_json(rows)
        return
    table = compact_table("id", "author", "published", "versions", "predictions")
    table.add_column("title", ratio=1, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["author"] or "",
            row["published"] or "",
            str(row["versions"]),
            str(row["predictions"]),
            Text(row["title"] or row["origin"] or ""),  # Text: a title's brackets are not markup
        )
    out.print(table)


@seed_app.command("show")
def seed_show(
    seed_id: Annotated[str, typer.Argument(metavar="ID", help="The seed's id.")],
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A seed article, its predictions by status and its author's scorecard."""
    from hindsight.cli_views import seed_json, seed_page
    from storage.views import seed_story

    with open_db().session() as session:
        story = seed_story(session, parse_id(seed_id, "seed"))
    if story is None:
        fail(f"no such seed: {seed_id}")
    if json_:
        print_json(seed_json(story))
        return
    out.print(seed_page(story), soft_wrap=False)


# --- feeds -------------------------------------------------------------------------------------


def normalise_feed_url(value: str) -> str:
    """The stored form of a feed address, or a one-line error."""
    from hindsight.feeds.address import FeedAddressError, feed_address

    try:
        return feed_address(value)
    except FeedAddressError as exc:
        fail(str(exc))


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="http(s):// or file:// URL, or a local path.")],
    name: Annotated[str | None, typer.Option(help="A name to show for it.")] = None,
    full_text: Annotated[
        bool, typer.Option("--full-text/--no-full-text", help="Fetch article pages of teasers.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Fetch it once to check it is a feed.")
    ] = True,
    enabled: Annotated[
        bool, typer.Option("--enabled/--disabled", help="Poll it in runs (default) or not.")
    ] = True,
) -> None:
    """Add a feed (adding one that exists updates its options)."""
    from storage.feeds import add_feed

    feed_url = normalise_feed_url(url)
    if check and enabled:
        from hindsight.feeds.probe import probe_feed

        probe = probe_feed(feed_url)
        if probe.problem:
            fail(f"cannot use feed {feed_url}: {probe.problem} (--no-check adds it anyway)")
        name = name or probe.title
    with open_db().session() as session:
        source, created = add_feed(
            session, feed_url, name=name, full_text=full_text, enabled=enabled
        )
        if not created:
            source.name = name or source.name
            source.full_text = full_text
            source.enabled = enabled
    out.print(f"feed {'added' if created else 'updated'}: {feed_url}")


@feeds_app.command("list")
def feeds_list(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List feeds with their health."""
    from storage.reports import status_summary

    with open_db().session() as session:
        feeds = status_summary(session)["feeds"]
    if json_:
        print_json(feeds)
        return
    table = compact_table("id", "entries", "status", "failures")
    table.add_column("feed", ratio=2, overflow="fold")
    table.add_column("last error", ratio=1, overflow="fold")
    for feed in feeds:
        table.add_row(
            str(feed["id"]),
            str(feed["entries"]),
            str(feed["last_status"] or ""),
            str(feed["consecutive_failures"]),
            Text(feed["name"] or feed["url"]),
            Text(feed["last_error"] or ""),
        )
    out.print(table)


@feeds_app.command("show")
def feeds_show(
    feed: Annotated[str, typer.Argument(metavar="URL|ID", help="The feed's URL or id.")],
    entries: Annotated[int, typer.Option(help="How many of its newest entries to list.")] = 10,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A feed's health, last error, entries and next check."""
    from hindsight.cli_views import feed_json, feed_page
    from storage.views import feed_story

    with open_db().session() as session:
        story = feed_story(session, feed, latest=max(entries, 0))
        if story is None and not feed.strip().isdigit():
            from hindsight.feeds.address import FeedAddressError, feed_address

            try:  # a path or address written another way than it is stored
                story = feed_story(session, feed_address(feed), latest=max(entries, 0))
            except FeedAddressError:
                story = None
    if story is None:
        fail(f"no such feed: {feed}")
    if json_:
        print_json(feed_json(story))
        return
    out.print(feed_page(story), soft_wrap=False)


@feeds_app.command("remove")
def feeds_remove(url: Annotated[str, typer.Argument(help="The feed's URL or id.")]) -> None:
    """Remove a feed (its stored documents stay, as evidence may cite them)."""
    from storage.feeds import remove_feed

    with open_db().session() as session:
        if not remove_feed(session, url):
            fail(f"no such feed: {url}")
    out.print(f"feed removed: {url}")


@feeds_app.command("import")
def feeds_import(path: Annotated[Path, typer.Argument(help="An OPML file.")]) -> None:
    """Import the feeds of an OPML file."""
    from hindsight.feeds.opml import OpmlError, parse_opml
    from storage.feeds import add_feed

    if not path.is_file():
        fail(f"no such file: {path}")
    try:
        outlines = parse_opml(path.read_bytes())
    except OpmlError as exc:
        fail(f"{path}: {exc}")
    with open_db().session() as session:
        added = sum(
            add_feed(session, o.url, name=o.title, site_url=o.html_url)[1] for o in outlines
        )
    out.print(f"imported {added} new feeds from {path} ({len(outlines) - added} already there)")


@feeds_app.command("export")
def feeds_export() -> None:
    """Print the feeds as OPML 2.0."""
    from hindsight.feeds.opml import OpmlFeed, to_opml
    from storage.feeds import list_feeds

    with open_db().session() as session:
        feeds = [
            OpmlFeed(url=f.url, title=f.name or f.title, html_url=f.site_url)
            for f in list_feeds(session)
        ]
    sys.stdout.write(to_opml(feeds))


# --- predictions -------------------------------------------------------------------------------


STATUSES = ("open", "supported", "contradicted", "mixed", "expired")


@predictions_app.command("list")
def predictions_list(
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    seed: Annotated[int | None, typer.Option(help="Only this seed's predictions.")] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(help="Only this status (open, supported, ...); repeat for several."),
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="Only predictions whose owner's name contains this.")
    ] = None,
    changed_since: Annotated[
        str | None, typer.Option(help="Only those whose status moved on or after YYYY-MM-DD.")
    ] = None,
) -> None:
    """List predictions with their status and evidence; the text wraps at any width."""
    from hindsight.cli_views import jsonable, prediction_list
    from storage.views import ViewError
    from storage.views import prediction_list as query

    statuses = [s.strip().lower() for s in status or ()]
    for value in statuses:
        if value not in STATUSES:
            fail(f"--status takes one of {', '.join(STATUSES)}, not {value!r}")
    since = parse_day(changed_since, "--changed-since")
    with open_db().session() as session:
        try:
            rows = query(session, seed_id=seed, statuses=statuses, owner=owner, changed_since=since)
        except ViewError as exc:
            fail(str(exc))
    if json_:
        print_json(jsonable(rows))
        return
    out.print(prediction_list(rows, out.width), soft_wrap=False)


@predictions_app.command("show")
def predictions_show(
    prediction_id: Annotated[str, typer.Argument(metavar="ID", help="The prediction's id.")],
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One prediction's whole story: source, expectation, status history with its evidence."""
    from hindsight.cli_views import prediction_json, prediction_page
    from storage.views import prediction_story

    with open_db().session() as session:
        story = prediction_story(session, parse_id(prediction_id, "prediction"))
    if story is None:
        fail(f"no such prediction: {prediction_id}")
    if json_:
        print_json(prediction_json(story))
        return
    out.print(prediction_page(story), soft_wrap=False)


@predictions_app.command("export")
def predictions_export(
    seed: Annotated[int | None, typer.Option(help="Only this seed's predictions.")] = None,
) -> None:
    """Print the ledger as YAML for review; edit it and `predictions import` it back."""
    from hindsight.ledger import dump_ledger
    from storage.ledger import ledger_entries

    with open_db().session() as session:
        sys.stdout.write(dump_ledger(ledger_entries(session, seed)))


@predictions_app.command("import")
def predictions_import(path: Annotated[Path, typer.Argument(help="A reviewed ledger.")]) -> None:
    """Apply a reviewed ledger: edits win over extraction; evidence stays attached."""
    from hindsight.ledger import LedgerError, load_ledger
    from storage.ledger import apply_ledger, ledger_entries, seeds_of

    if not path.is_file():
        fail(f"no such file: {path}")
    text = path.read_text(encoding="utf-8")
    with open_db().session() as session:
        try:
            # Deleted items are known only against the ledger as it was: the file's seeds.
            seeds = seeds_of(load_ledger(text))
            original = [e for e in ledger_entries(session) if e.seed_id in seeds]
            edits = load_ledger(text, original=original)
            result = apply_ledger(session, edits)
        except (LedgerError, ValueError) as exc:
            fail(f"{path}: {exc}")
    applied = ", ".join(f"{n} {action}" for action, n in sorted(result.items())) or "no changes"
    out.print(f"ledger applied: {applied}")


# --- run, digest, status -----------------------------------------------------------------------


@app.command()
def run(
    offline: Annotated[
        bool, typer.Option("--offline", help="Skip http(s) feeds; use local ones only.")
    ] = False,
    stage: Annotated[
        str | None, typer.Option(help="Run one stage: seed, ingest, assess or digest.")
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where digests go.")] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Mail the digest (and any still owed) over SMTP.")
    ] = False,
) -> None:
    """Run the whole pipeline once (or one stage) as a Prefect flow run."""
    stages = ("seed", "ingest", "assess", "digest")
    if stage is not None and stage not in stages:
        fail(f"--stage takes one of {', '.join(stages)}, not {stage!r}")
    settings = load_settings()
    db = open_db(settings)  # fail early, in one line, on a bad database
    from hindsight.prefect_env import configure_prefect

    # Held from here, so a second run is refused in a second, not after Prefect has started;
    # the flow's stages share it (same process), and a scheduled run elsewhere is refused.
    with exclusive(db):
        configure_prefect(settings.home)
        from flows.track import track

        summary = track(
            offline=offline,
            stages=[stage] if stage else None,
            out_dir=str(out_dir) if out_dir else None,
            send=send,
        )
    print_run_summary(summary)


@contextmanager
def exclusive(db: Any) -> Iterator[None]:
    """Hold the database's pipeline lock (`storage.locks`); a second run fails in one line."""
    from storage.locks import RunInProgress, pipeline_lock

    try:
        with pipeline_lock(db):
            yield
    except RunInProgress as exc:
        fail(str(exc))


def print_run_summary(summary: dict[str, Any]) -> None:
    seed = summary.get("seed")
    if seed:
        out.print(f"seeds:    {seed['seeds']} read, {seed['predictions_added']} new predictions")
        for error in seed.get("errors", []):
            out.print(f"  [red]failed[/red] {error}")
    ingest = summary.get("ingest")
    if ingest:
        out.print(
            f"feeds:    {ingest.get('feeds', 0)} fetched, {ingest.get('new', 0)} new entries, "
            f"{ingest.get('updated', 0)} updated, {len(ingest.get('failures', []))} failed"
        )
        for failure in ingest.get("failures", []):
            out.print(f"  [red]failed[/red] {failure}")
    assess = summary.get("assess")
    if assess:
        out.print(
            f"assess:   {assess.get('documents', 0)} documents, {assess.get('claims', 0)} claims, "
            f"{assess.get('assessments', 0)} assessments, "
            f"{assess.get('status_changes', 0)} status changes"
        )
    digest = summary.get("digest")
    if digest:
        print_digest_summary(digest, "digest:   ")


def print_digest_summary(digest: dict[str, Any], head: str = "digest: ") -> None:
    """What the digest stage wrote (or why nothing), and to whom it was mailed."""
    written = digest.get("written") or ([digest["html"]] if digest.get("html") else [])
    for path in written:
        out.print(f"{head}{digest['changes']} changes -> {path}", markup=False)
    for why in digest.get("skipped", []):
        out.print(f"{head}no digest written: {why}", markup=False)
    if digest.get("sent_to"):
        out.print(f"  mailed to {', '.join(digest['sent_to'])}", markup=False)
    for who, why in (digest.get("refused") or {}).items():
        out.print(f"  refused by the server for {who}: {why} (retried next time)", markup=False)
    if digest.get("send_error"):
        out.print(f"  not mailed (retried next time): {digest['send_error']}", markup=False)


@app.command()
def digest(
    since: Annotated[
        str | None,
        typer.Option(help="Rebuild the digest of changes from this day on (YYYY-MM-DD); not sent."),
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where to write it.")] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Mail it (and any digest still owed) over SMTP.")
    ] = False,
) -> None:
    """Write the digest of the period since the last one; with --send, mail it over SMTP."""
    from hindsight.pipeline.digest import DigestOptions, make_digest

    settings = load_settings()
    day = parse_day(since, "--since")
    if day is not None and send:
        fail("--since rebuilds a past period for reading and never mails it; drop --send")
    if send and not settings.mail.host:
        fail("--send needs an SMTP server: set [mail] host and recipients in hindsight.toml")
    db = open_db(settings)
    with exclusive(db):  # a run's digest stage at the same moment would mail the same changes
        outcome = make_digest(
            db,
            out_dir or settings.reports_dir,
            DigestOptions.from_settings(settings),
            since=day,
            send=send,
        )
    summary = outcome.summary()
    print_digest_summary(summary)
    for written in outcome.digests:
        if written.files:
            out.print(f"  {written.files.txt}\n  {written.files.eml}", markup=False)
    if outcome.send_error:
        fail(f"digest written but not mailed: {outcome.send_error}")


@app.command()
def status(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts, prediction statuses, feed health and the latest runs."""
    from storage.reports import status_summary

    with open_db().session() as session:
        summary = status_summary(session)
    if json_:
        print_json(summary)
        return
    out.print(
        f"seeds {summary['seeds']}, documents {summary['documents']}, claims {summary['claims']}, "
        f"assessments {summary['assessments']}"
    )
    out.print("predictions: " + ", ".join(f"{k} {v}" for k, v in summary["predictions"].items()))
    failing = [f for f in summary["feeds"] if f["last_error"]]
    out.print(f"feeds: {len(summary['feeds'])} ({len(failing)} failing)")
    delivery = summary.get("last_delivery")
    if delivery:
        late = f"; not yet to {', '.join(delivery['not_yet'])}" if delivery["not_yet"] else ""
        out.print(f"last mailed {delivery['at']} to {', '.join(delivery['to'])}{late}")
    else:
        out.print("no digest mailed yet")
    for run_ in summary["runs"][:5]:
        out.print(f"run {run_['id']} {run_['stage']}: {run_['state']} ({run_['started']})")


@app.command("eval")
def eval_(
    news: Annotated[Path, typer.Option(help="News items, JSON lines (dev-set format).")],
    predictions: Annotated[Path, typer.Option(help="Gold predictions, JSON lines.")],
    seed: Annotated[Path | None, typer.Option(help="The seed article the gold list is of.")] = None,
    published: Annotated[str | None, typer.Option(help="The seed's date, YYYY-MM-DD.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss.")] = False,
) -> None:
    """Run the real pipeline on labelled news in a temporary database and print the scores."""
    from hindsight.evaluation.stored import evaluate_stored

    for path in (news, predictions):
        if not path.is_file():
            fail(f"no such file: {path}")
    report = evaluate_stored(
        news, predictions, seed=seed, published=parse_day(published, "--published")
    )
    out.print(report.format(verbose=verbose), markup=False, highlight=False)


@app.command()
def serve() -> None:
    """Serve the pipeline on the configured cron schedule until interrupted."""
    settings = load_settings()
    open_db(settings)
    from hindsight.prefect_env import configure_prefect

    configure_prefect(settings.home, quiet=False)
    if not os.environ.get("PREFECT_API_URL"):
        out.print(
            "note: schedules fire only with a Prefect server: run `prefect server start` "
            "elsewhere and set PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    from flows.serve import serve as serve_flows

    serve_flows()


def main() -> None:
    """Entry point: user errors are one line on stderr and exit status 1, never a traceback."""
    try:
        app()
    except UserError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise SystemExit(1) from None
