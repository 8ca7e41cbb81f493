"""The `hindsight` command: a thin shell over `hindsight.pipeline`, `storage` and `flows`.

Commands that only read or edit the database import neither Prefect nor the analysis code, so
they answer in about a second; `run` and `serve` import Prefect when they need it.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
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

STARTED = time.perf_counter()  # the split `run --verbose` prints counts from here

app = typer.Typer(
    help="Hold published predictions to account.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
seed_app = typer.Typer(help="Seed articles whose predictions are tracked.", no_args_is_help=True)
feeds_app = typer.Typer(help="News feeds to ingest.", no_args_is_help=True)
predictions_app = typer.Typer(help="The predictions ledger.", no_args_is_help=True)
verdicts_app = typer.Typer(
    help="The analyst's last word on statuses and evidence.", no_args_is_help=True
)
app.add_typer(seed_app, name="seed")
app.add_typer(feeds_app, name="feeds")
app.add_typer(predictions_app, name="predictions")
app.add_typer(verdicts_app, name="verdicts")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class UserError(Exception):
    """Something the operator can fix; printed as one line, exit status 1."""


def fail(message: str) -> NoReturn:
    raise UserError(message)


def open_db(settings: Settings | None = None) -> Any:
    """The configured database, migrated to the newest schema."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, OperationalError

    from storage.db import Database, UnknownSchemaError

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
    except UnknownSchemaError as exc:
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
            add_feed(
                session,
                o.url,
                name=o.title,
                site_url=o.html_url,
                category=o.categories[0] if o.categories else None,
            )[1]
            for o in outlines
        )
    out.print(f"imported {added} new feeds from {path} ({len(outlines) - added} already there)")


@feeds_app.command("export")
def feeds_export() -> None:
    """Print the feeds as OPML 2.0."""
    from hindsight.feeds.opml import OpmlFeed, to_opml
    from storage.feeds import list_feeds

    with open_db().session() as session:
        feeds = [
            OpmlFeed(
                url=f.url,
                title=f.name or f.title,
                html_url=f.site_url,
                categories=(f.category,) if f.category else (),
            )
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


@verdicts_app.command("export")
def verdicts_export(
    seed: Annotated[int | None, typer.Option(help="Only this seed's predictions.")] = None,
) -> None:
    """Print statuses and evidence as YAML; set `status:`/`note:` or an item's `review:`."""
    from hindsight.reviews import dump_reviews
    from storage.reviews import verdict_reviews

    with open_db().session() as session:
        sys.stdout.write(dump_reviews(verdict_reviews(session, seed)))


@verdicts_app.command("import")
def verdicts_import(
    path: Annotated[Path, typer.Argument(help="A reviewed verdicts file.")],
) -> None:
    """Apply the analyst's statuses and evidence reviews: they win over the judge from now on."""
    from hindsight.pipeline.reviews import import_reviews
    from hindsight.reviews import ReviewError, load_reviews

    if not path.is_file():
        fail(f"no such file: {path}")
    try:
        reviews = load_reviews(path.read_text(encoding="utf-8"))
        counts = import_reviews(open_db(), reviews, today=date.today())
    except ReviewError as exc:
        fail(f"{path}: {exc}")
    out.print(
        f"reviews applied: {counts['statuses']} status(es), {counts['evidence']} evidence "
        f"item(s); {counts['status_changes']} status change(s)"
    )


# --- run, digest, status -----------------------------------------------------------------------


@app.command()
def run(
    offline: Annotated[
        bool, typer.Option("--offline", help="Skip http(s) feeds; use local ones only.")
    ] = False,
    stage: Annotated[
        list[str] | None,
        typer.Option(help="Run this stage only (repeatable): seed, ingest, assess or digest."),
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where digests go.")] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Mail the digest (and any still owed) over SMTP.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show where the time went (Prefect vs stages).")
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(
            help="Only this seed's group (seed, ingest, assess): other seeds' runs may go at once."
        ),
    ] = None,
) -> None:
    """Run the whole pipeline once (or one stage); a flow run on the Prefect server if there is one.

    With no Prefect server configured (PREFECT_API_URL, a Prefect profile, or a running
    `hindsight serve`), the stages run directly, without Prefect: the run is recorded in
    Hindsight's database (`hindsight status`) but not in any Prefect UI.
    """
    from hindsight.pipeline.run import (
        TRACK_STAGES,
        RunOptions,
        UnknownStage,
        chosen_stages,
        observed,
    )
    from hindsight.prefect_env import answers, configure_prefect, server_url

    try:
        stages = chosen_stages(stage or (list(TRACK_STAGES) if seed is not None else None))
    except UnknownStage as exc:
        fail(f"--stage: {exc}")
    if seed is not None and "digest" in stages:
        fail("the digest covers every seed: run it without --seed")
    settings = load_settings()
    db = open_db(settings)  # fail early, in one line, on a bad database
    if seed is not None:
        check_seed(db, seed)
    server = server_url(settings.home)
    if server and not answers(server.url):
        fail(
            f"the Prefect server at {server.url} (from {server.source}) does not answer; "
            "start it, or unset it to run without Prefect"
        )
    options = RunOptions(offline=offline, out_dir=out_dir, send=send, seed=seed)
    timing: dict[str, float] = {}
    flow_run_id = None
    # Held from here, so a second run is refused in a second, before any work; the stages
    # share it (same process), and a scheduled run elsewhere waits for it.
    with exclusive(db, seed=seed), observed(stage_progress(stages)):
        timing["ready"] = time.perf_counter()
        if server is None:
            from hindsight.pipeline.run import local_steps, run_stages

            summary = run_stages(db, local_steps(db, settings, options), stages, seed=seed)
        else:
            os.environ["PREFECT_API_URL"] = server.url
            configure_prefect(settings.home)
            from flows.common import summary_of
            from flows.track import track

            timing["imported"] = time.perf_counter()
            state = track(
                offline=offline,
                stages=stages,
                out_dir=str(out_dir) if out_dir else None,
                send=send,
                seed=seed,
                return_state=True,
            )
            flow_run_id = state.state_details.flow_run_id
            summary = summary_of(state)  # a failed mail still gives the summary, said below
        timing["done"] = time.perf_counter()
    print_run_summary(summary)
    if verbose:
        print_split(summary, timing, server, flow_run_id)
    send_error = (summary.get("digest") or {}).get("send_error")
    if send and send_error:  # as `digest --send`: cron and the operator see the failure
        fail(f"digest written but not mailed (owed, retried next run): {send_error}")


def stage_progress(stages: list[str]) -> Any:
    """A rich progress bar per stage on a terminal; plain lines (on stderr) otherwise."""
    from hindsight.pipeline.run import Summary

    if not err.is_terminal:

        class Lines:
            def started(self, stage: str) -> None:
                err.print(f"{stage}: started", markup=False, highlight=False)

            def finished(self, stage: str, summary: Summary, seconds: float) -> None:
                err.print(f"{stage}: done in {seconds:.1f} s", markup=False, highlight=False)

        return Lines()

    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(finished_text="[green]✓[/green]"),
        TextColumn("{task.description:<8}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
    )
    tasks = {name: progress.add_task(name, total=1, start=False) for name in stages}

    class Bars:
        def started(self, stage: str) -> None:
            if not progress.live.is_started:
                progress.start()
            progress.start_task(tasks[stage])

        def finished(self, stage: str, summary: Summary, seconds: float) -> None:
            progress.update(tasks[stage], completed=1)
            progress.stop_task(tasks[stage])
            if all(progress.tasks[i].finished for i in tasks.values()):
                progress.stop()

    return Bars()


def print_split(
    summary: dict[str, Any], timing: dict[str, float], server: Any, flow_run_id: Any
) -> None:
    """Where a run's time went: start-up, each stage's own work, and Prefect's share."""
    from hindsight.pipeline.run import stage_seconds

    work = stage_seconds(summary)
    stages_total = sum(work.values())
    startup = timing["ready"] - STARTED
    run_time = timing["done"] - timing["ready"]
    prefect = run_time - stages_total if server else 0.0
    parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in work.items())
    out.print(
        f"time:     {time.perf_counter() - STARTED:.2f} s in all: start-up {startup:.2f} s "
        f"(imports, settings, database), stages {stages_total:.2f} s ({parts}), "
        f"Prefect {prefect:.2f} s",
        markup=False,
        highlight=False,
    )
    if server is None:
        out.print(
            "prefect:  not used: no Prefect server is configured (PREFECT_API_URL, a Prefect "
            "profile or a running `hindsight serve`), so the stages ran directly; this run is "
            "recorded in Hindsight's database (`hindsight status`), not in a Prefect UI",
            markup=False,
            highlight=False,
        )
        return
    imported = timing["imported"] - timing["ready"]
    out.print(
        f"prefect:  flow run {flow_run_id} on {server.url} (from {server.source}): "
        f"import {imported:.2f} s, flow and task runs {prefect - imported:.2f} s",
        markup=False,
        highlight=False,
    )


@contextmanager
def exclusive(db: Any, seed: int | None = None) -> Iterator[None]:
    """Hold the run lock (`storage.locks`) of the database, or of seed `seed`'s group only.

    A colliding run fails in one line; so does one that waited too long, later in the run, for
    another seed's run to finish the shared work.
    """
    from storage.locks import RunInProgress, pipeline_lock

    try:
        with pipeline_lock(db, seed=seed):
            yield
    except RunInProgress as exc:
        fail(str(exc))


def check_seed(db: Any, seed: int) -> None:
    """`--seed` names a stored seed, or the command stops here in one line."""
    from storage.reports import seed_rows

    with db.session() as session:
        if seed not in {row["id"] for row in seed_rows(session)}:
            fail(f"no seed with id {seed} (see `hindsight seed list`)")


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
            f"{assess.get('status_changes', 0)} status changes, "
            f"{assess.get('related', 0)} related items kept"
        )
        if assess.get("model_note"):  # the model judge: calls, cache hits, tokens, waiting
            out.print(f"          {assess['model_note']}", markup=False, highlight=False)
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
    """Latest runs and their outcome, failing feeds, predictions by status, the next digest."""
    from hindsight.prefect_env import server_url
    from hindsight.schedules import ScheduleError, next_digest
    from storage.reports import status_summary

    settings = load_settings()
    with open_db(settings).session() as session:
        summary = status_summary(session)
    try:
        due = next_digest(settings)
    except ScheduleError as exc:
        fail(f"hindsight.toml: {exc}")
    server = server_url(settings.home)
    summary["next_digest"] = (
        {"at": due[0].isoformat(), "deployment": due[1]} if due is not None else None
    )
    summary["prefect_server"] = (
        {"url": server.url, "source": server.source} if server is not None else None
    )
    if json_:
        print_json(summary)
        return
    show = functools.partial(out.print, markup=False, highlight=False)
    show(
        f"seeds {summary['seeds']}, documents {summary['documents']}, claims {summary['claims']}, "
        f"assessments {summary['assessments']}, related {summary.get('related', 0)}"
    )
    show(
        "predictions: "
        + (", ".join(f"{k} {v}" for k, v in summary["predictions"].items()) or "none")
    )
    failing = [f for f in summary["feeds"] if f["last_error"]]
    show(f"feeds: {len(summary['feeds'])} ({len(failing)} failing)")
    for feed in failing:
        show(
            f"  failing {feed['url']}: {feed['last_error']} "
            f"({feed['consecutive_failures']} in a row)"
        )
    delivery = summary.get("last_delivery")
    if delivery:
        late = f"; not yet to {', '.join(delivery['not_yet'])}" if delivery["not_yet"] else ""
        show(f"last mailed {delivery['at']} to {', '.join(delivery['to'])}{late}")
    else:
        show("no digest mailed yet")
    if due is not None:
        show(f"next digest: {due[0]:%a %Y-%m-%d %H:%M %Z} ({due[1]}, when `hindsight serve` runs)")
    else:
        show("next digest: none scheduled (run `hindsight digest` or `hindsight run`)")
    show(
        f"prefect: {server.url} (from {server.source})"
        if server
        else "prefect: no server; runs are recorded here only"
    )
    for run_ in summary["runs"][:5]:
        show(f"run {run_['id']} {run_['stage']}: {run_['state']} {run_duration(run_)}")
        if run_.get("error"):
            show(f"  {run_['error'].splitlines()[0][:200]}")


def run_duration(run_: dict[str, Any]) -> str:
    """When a run started and how long it took, for `status`."""
    from datetime import datetime

    started = datetime.fromisoformat(run_["started"]) if run_["started"] else None
    finished = datetime.fromisoformat(run_["finished"]) if run_["finished"] else None
    if started is None:
        return ""
    took = f" in {(finished - started).total_seconds():.1f} s" if finished else " (still running)"
    return f"(started {started:%Y-%m-%d %H:%M:%S %Z}{took})"


@app.command("eval")
def eval_(
    news: Annotated[
        Path, typer.Option(help="News items, JSON lines (Xiaomi dev or real-seeds format).")
    ],
    predictions: Annotated[Path, typer.Option(help="Gold predictions, JSON lines.")],
    seed: Annotated[
        Path | None,
        typer.Option(
            help="The seed (default: article.md beside the predictions, else the bundled one)."
        ),
    ] = None,
    published: Annotated[str | None, typer.Option(help="The seed's date, YYYY-MM-DD.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss.")] = False,
    judge: Annotated[
        str | None,
        typer.Option(help="rules or llm (the [llm] endpoint); default: [judge] backend."),
    ] = None,
    runs: Annotated[
        int, typer.Option(min=1, help="Feed the news in this many chronological runs.")
    ] = 1,
) -> None:
    """Run the real pipeline on labelled news in a temporary database and print the scores.

    With `--judge llm` the model's answers are cached in HINDSIGHT_HOME/llm-eval-cache.db, so
    a second evaluation with the same model and prompts makes no call.
    """
    from hindsight.evaluation.stored import evaluate_stored

    for path in (news, predictions):
        if not path.is_file():
            fail(f"no such file: {path}")
    settings = load_settings()
    backend = judge or settings.judge.backend
    if backend not in ("rules", "llm"):
        fail(f"--judge must be rules or llm, not {backend!r}")
    cache = None
    if backend == "llm":
        if not settings.llm.configured:
            fail(
                "--judge llm needs [llm] base_url and model (HINDSIGHT_LLM__BASE_URL, "
                "HINDSIGHT_LLM__MODEL) or [llm] gguf"
            )
        from storage.db import Database
        from storage.llm_cache import StoredAnswers

        cache_db = Database(f"sqlite:///{(settings.home / 'llm-eval-cache.db').resolve()}")
        cache_db.migrate()
        cache = StoredAnswers(cache_db)
    from hindsight.reading import SeedError

    try:
        report = evaluate_stored(
            news,
            predictions,
            seed=seed,
            published=parse_day(published, "--published"),
            runs=runs,
            backend=backend,
            llm=settings.llm,
            cache=cache,
        )
    except SeedError as exc:
        fail(str(exc))  # the seed cannot be read: say why in one line, as `seed add` does
    out.print(report.format(verbose=verbose), markup=False, highlight=False)


@app.command()
def serve(
    port: Annotated[
        int | None,
        typer.Option(help="Port of the Prefect server it starts (0: any free port).", min=0),
    ] = None,
    limit: Annotated[int, typer.Option(help="Most flow runs at once.", min=1)] = 1,
) -> None:
    """Serve the deployments on their schedules until Ctrl-C or SIGTERM.

    Starts a Prefect server on 127.0.0.1 (its state under HINDSIGHT_HOME/prefect) unless
    PREFECT_API_URL names one; `hindsight run` and `hindsight trigger` then use it too.
    """
    import signal
    import subprocess

    from hindsight.prefect_env import (
        ServerError,
        answers,
        configure_prefect,
        prefect_home,
        record_served,
        served_state,
        server_url,
        start_server,
        stop_process,
    )
    from hindsight.schedules import ScheduleError, deployment_plans

    settings = load_settings()
    open_db(settings)
    try:
        plans = deployment_plans(settings)
    except ScheduleError as exc:
        fail(f"hindsight.toml: {exc}")
    configure_prefect(settings.home, quiet=False)
    # Scheduled and triggered runs start within this many seconds (Prefect's default: 10).
    os.environ.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", "2")
    server = server_url(settings.home)
    if server and server.source == "hindsight serve":
        fail(
            f"`hindsight serve` is already running (process "
            f"{(served_state(settings.home) or {}).get('pid')}); its server is at {server.url}"
        )
    stopping: list[int] = []

    def stop(signum: int, frame: Any) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    process = runner = None
    state_file = None
    code = None
    try:
        if server is not None:
            if not answers(server.url):
                fail(f"the Prefect server at {server.url} (from {server.source}) does not answer")
            api_url = server.url
        else:
            log = prefect_home(settings.home) / "server.log"
            try:
                process, api_url = start_server(
                    settings.prefect_port if port is None else port, log
                )
            except ServerError as exc:
                fail(str(exc))
            state_file = record_served(settings.home, api_url)
            out.print(f"Prefect server started at {api_url} (log: {log})", markup=False)
        os.environ["PREFECT_API_URL"] = api_url
        for plan in plans:
            when = plan.schedule.describe() if plan.schedule else "on demand"
            flow_name = f"{plan.flow}/{plan.name}"
            out.print(f"serving {plan.name:<9} {when:<34} ({flow_name})", markup=False)
        out.print(
            "trigger one with `hindsight trigger NAME`; Ctrl-C or SIGTERM stops", markup=False
        )
        # The runner (Prefect's `serve`) is a child: its shutdown is bounded here, whatever
        # state its API calls are in, and the server stops after it.
        runner = subprocess.Popen(
            [sys.executable, "-m", "flows.serve", str(limit)], start_new_session=True
        )
        while not stopping and runner.poll() is None:
            time.sleep(0.2)
    finally:
        if runner is not None:
            code = stop_process(runner)
        if state_file is not None:
            state_file.unlink(missing_ok=True)
        if process is not None:
            stop_process(process)
    if not stopping:
        fail(f"the Prefect runner stopped on its own (status {code}); see the lines above")
    out.print("stopped", markup=False)


# Exit statuses of `trigger`, by the flow run's final state.
TRIGGER_EXIT = {"COMPLETED": 0, "FAILED": 1, "CRASHED": 2, "CANCELLED": 3}
TRIGGER_TIMEOUT_EXIT = 4


@app.command()
def trigger(
    deployment: Annotated[str, typer.Argument(help="track, digest, pipeline, or FLOW/DEPLOYMENT.")],
    timeout: Annotated[
        float | None, typer.Option(help="Stop following after this many seconds (exit 4).")
    ] = None,
    follow: Annotated[
        bool, typer.Option("--follow/--no-follow", help="Follow the run to its end.")
    ] = True,
) -> None:
    """Start a run of a served deployment through the Prefect API and follow it to its end.

    Exit status: 0 completed, 1 failed, 2 crashed, 3 cancelled, 4 still running at --timeout.
    """
    import asyncio

    from hindsight.prefect_env import answers, configure_prefect, server_url
    from hindsight.schedules import deployment_plans

    settings = load_settings()
    known = {plan.name: f"{plan.flow}/{plan.name}" for plan in deployment_plans(settings)}
    if "/" not in deployment and deployment not in known:
        fail(f"unknown deployment {deployment!r}: choose from {', '.join(known)} or FLOW/NAME")
    name = known.get(deployment, deployment)
    server = server_url(settings.home)
    if server is None:
        fail("no Prefect server: start `hindsight serve` (or set PREFECT_API_URL) first")
    if not answers(server.url):
        fail(f"the Prefect server at {server.url} (from {server.source}) does not answer")
    os.environ["PREFECT_API_URL"] = server.url
    configure_prefect(settings.home)
    final = asyncio.run(_follow_deployment_run(name, server.url, timeout, follow))
    if final is None:
        raise typer.Exit(0 if not follow else TRIGGER_TIMEOUT_EXIT)
    state, flow_run_id = final
    from storage.runs import runs_of_flow_run

    with open_db(settings).session() as session:
        recorded = runs_of_flow_run(session, flow_run_id)
    for stage, summary in recorded:
        print_run_summary(summary if stage == "track" else {stage: summary})
    raise typer.Exit(TRIGGER_EXIT.get(state, 1))


async def _follow_deployment_run(
    name: str, api_url: str, timeout: float | None, follow: bool
) -> tuple[str, str] | None:
    """Create a flow run of deployment `name`; print its states until final (None: timed out)."""
    import asyncio

    from prefect import get_client
    from prefect.exceptions import ObjectNotFound

    async with get_client() as client:
        try:
            deployment = await client.read_deployment_by_name(name)
        except ObjectNotFound:
            fail(f"no deployment {name!r} on {api_url}: is `hindsight serve` running?")
        flow_run = await client.create_flow_run_from_deployment(deployment.id)
        out.print(f"started {flow_run.name} ({flow_run.id}) of {name}", markup=False)
        if not follow:
            return None
        deadline = None if timeout is None else time.monotonic() + timeout
        shown = None
        while True:
            current = await client.read_flow_run(flow_run.id)
            state = current.state
            if state is not None and state.name != shown:
                shown = state.name
                out.print(f"  {state.name}", markup=False)
                if state.name == "Late":
                    out.print(
                        "  (not picked up yet: is `hindsight serve` or a worker running?)",
                        markup=False,
                    )
            if state is not None and state.is_final():
                return state.type.value, str(flow_run.id)
            if deadline is not None and time.monotonic() > deadline:
                out.print(f"  still {shown} after {timeout:.0f} s; stopped following", markup=False)
                return None
            await asyncio.sleep(0.5)


def main() -> None:
    """Entry point: user errors are one line on stderr and exit status 1, never a traceback."""
    try:
        app()
    except UserError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise SystemExit(1) from None
    except Exception as exc:
        # The database went away mid-command (a server restarted, a disk filled): one line.
        if "storage.db" not in sys.modules:
            raise
        from storage.db import connection_failure

        message = connection_failure(exc)
        if message is None:
            raise
        err.print(f"error: {message}", markup=False, highlight=False)
        raise SystemExit(1) from None
