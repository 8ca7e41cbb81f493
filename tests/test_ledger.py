"""The review ledger: what an analyst does to the YAML file, and what Hindsight reads back."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from hindsight.domain import DateWindow, Expectation, Kind, Prediction, Quantity, Status
from hindsight.ledger import (
    Action,
    LedgerEdit,
    LedgerEntry,
    LedgerError,
    dump_ledger,
    entry_from_prediction,
    load_ledger,
)

ENTRIES = [
    LedgerEntry(
        id=1,
        key="a1b2c3",
        seed_id=7,
        text="I expect Valdane to deliver between 425,000 and 445,000 vehicles this year, "
        "below the bottom of its guidance.",
        subject="Valdane",
        kind=Kind.QUANTITY,
        deadline=date(2024, 12, 31),
        confidence=0.7,
        keywords=("Valdane", "deliveries"),
        resolution="Valdane's reported 2024 deliveries fall between 425,000 and 445,000.",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 12, 31),
        low=425000.0,
        high=445000.0,
        unit="vehicle",
        polarity=True,
        status=Status.OPEN,
    ),
    LedgerEntry(
        id=2,
        key="d4e5f6",
        seed_id=7,
        text="I would be surprised if the one-million target survives the next strategy update "
        "in its current form.",
        subject="Valdane",
        kind=Kind.NEGATIVE_EVENT,
        confidence=0.6,
        keywords=("Valdane", "one million", "target"),
        polarity=False,
        status=Status.SUPPORTED,
    ),
    LedgerEntry(
        id=3,
        key="0789ab",
        seed_id=7,
        text="The likeliest outcome is that it is restated as a range, or pushed out to 2032, "
        "by mid-decade.",
        subject="Valdane: the “million” target",
        kind=Kind.EVENT,
        deadline=date(2026, 6, 30),
    ),
]


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def by_id(edits: list[LedgerEdit], id_: int | None) -> LedgerEdit:
    return next(e for e in edits if e.entry.id == id_)


def test_round_trip_gives_the_same_entries_and_no_changes() -> None:
    edits = load_ledger(dump_ledger(ENTRIES), original=ENTRIES)
    assert [e.entry for e in edits] == ENTRIES
    assert {e.action for e in edits} == {Action.KEEP}
    assert all(not e.changed for e in edits)


def test_the_file_explains_how_to_edit_it_and_is_plain_yaml() -> None:
    text = dump_ledger(ENTRIES)
    head = text.split("version:")[0]
    for instruction in ("deadline", "kind", "keywords", "resolution", "drop: true", "merge_into"):
        assert instruction in head
    assert all(line.startswith("#") or not line for line in head.splitlines())
    data = yaml.safe_load(text)
    assert [item["id"] for item in data["predictions"]] == [1, 2, 3]
    assert "keywords: [Valdane, deliveries]" in text  # one readable line
    assert "null" not in text  # empty means none


def test_an_edited_deadline_is_an_update_of_that_field() -> None:
    text = edited(dump_ledger(ENTRIES), "deadline: 2026-06-30", "deadline: 2027-12-31")
    edits = load_ledger(text, original=ENTRIES)
    edit = by_id(edits, 3)
    assert edit.action is Action.UPDATE
    assert edit.changed == {"deadline"}
    assert edit.entry.deadline == date(2027, 12, 31)
    assert edit.needs_rejudging
    assert by_id(edits, 1).action is Action.KEEP


def test_added_keywords_and_a_new_resolution_are_updates() -> None:
    text = edited(
        dump_ledger(ENTRIES),
        "keywords: [Valdane, one million, target]",
        "keywords: [Valdane, one million, target, strategy update]",
    )
    text = edited(text, "  resolution:\n", "  resolution: Target restated\n")  # item 2
    edit = by_id(load_ledger(text, original=ENTRIES), 2)
    assert edit.action is Action.UPDATE
    assert edit.changed == {"keywords", "resolution"}
    assert edit.entry.keywords == ("Valdane", "one million", "target", "strategy update")
    assert not edit.needs_rejudging  # wording of the search, not of the prediction


def test_keywords_typed_without_brackets_are_a_list() -> None:
    text = edited(
        dump_ledger(ENTRIES), "keywords: [Valdane, deliveries]", "keywords: Valdane, sales"
    )
    assert by_id(load_ledger(text, original=ENTRIES), 1).entry.keywords == ("Valdane", "sales")


def test_drop_by_flag_and_by_deleting_the_item() -> None:
    text = edited(dump_ledger(ENTRIES), "- id: 2\n", "- id: 2\n  drop: true\n")
    assert by_id(load_ledger(text, original=ENTRIES), 2).action is Action.DROP

    text = dump_ledger(ENTRIES)
    start, end = text.index("- id: 3"), len(text)
    edits = load_ledger(text[:start] + text[end:], original=ENTRIES)
    dropped = by_id(edits, 3)
    assert dropped.action is Action.DROP and dropped.line is None
    assert dropped.entry == ENTRIES[2]


def test_a_field_written_twice_is_refused_not_overwritten() -> None:
    text = edited(dump_ledger(ENTRIES), "- id: 3\n", "- id: 3\n  resolution: Restated by 2026\n")
    with pytest.raises(LedgerError, match=r"`resolution` is written twice in one item"):
        load_ledger(text, original=ENTRIES)


def test_a_merge_names_its_target() -> None:
    text = edited(dump_ledger(ENTRIES), "- id: 3\n", "- id: 3\n  merge_into: 2\n")
    edit = by_id(load_ledger(text, original=ENTRIES), 3)
    assert (edit.action, edit.merge_into) == (Action.MERGE, 2)


def test_a_new_item_is_added_to_the_only_seed() -> None:
    text = dump_ledger(ENTRIES) + (
        "\n- text: Valdane will announce a platform deal with a Chinese partner within a year.\n"
        "  subject: Valdane\n"
        "  kind: event\n"
        "  deadline: 2025-02-08\n"
    )
    edits = load_ledger(text, original=ENTRIES)
    added = [e for e in edits if e.action is Action.ADD]
    assert len(added) == 1
    assert added[0].entry.seed_id == 7 and added[0].entry.kind is Kind.EVENT
    assert added[0].entry.deadline == date(2025, 2, 8) and added[0].entry.id is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "deadline: 2026-06-30",
            "deadline: next year",
            r"item 3: deadline 'next year' is not a date",
        ),
        (
            "kind: event",
            "kind: prophecy",
            r"item 3: kind 'prophecy' is not a kind \(kinds: timeline",
        ),
        ("confidence: 0.7", "confidence: 7", r"item 1: confidence 7 is not between 0.0 and 1.0"),
        ("- id: 3\n", "- id: 3\n  dedline: 2027-01-01\n", r"item 3: unknown field `dedline`"),
        ("- id: 3\n", "- id: 3\n  merge_into: 9\n", r"item 3: merge_into 9 is not an item"),
        (
            "- id: 3\n",
            "- id: 3\n  merge_into: 3\n",
            r"item 3: an item cannot be merged into itself",
        ),
        ("status: supported", "status: contradicted", r"item 2: `status` is kept by Hindsight"),
        ("low: 425000", "low: 500000", r"item 1: low 500000 is above high 445000"),
        ("- id: 3\n", "- id: 2\n", r"id 2 is listed twice"),
    ],
)
def test_validation_errors_name_the_line_and_item(old: str, new: str, message: str) -> None:
    text = edited(dump_ledger(ENTRIES), old, new)
    with pytest.raises(LedgerError, match=message) as info:
        load_ledger(text, original=ENTRIES)
    line = int(str(info.value).split(",")[0].removeprefix("line "))
    item_start = text.splitlines()[line - 1]
    assert item_start.startswith("- id:")


def test_merge_into_a_dropped_item_is_refused() -> None:
    text = edited(dump_ledger(ENTRIES), "- id: 3\n", "- id: 3\n  merge_into: 2\n")
    text = edited(text, "- id: 2\n", "- id: 2\n  drop: true\n")
    with pytest.raises(LedgerError, match="merge_into 2 is itself dropped"):
        load_ledger(text, original=ENTRIES)


def test_all_problems_are_reported_together() -> None:
    text = edited(dump_ledger(ENTRIES), "deadline: 2026-06-30", "deadline: soon")
    text = edited(text, "kind: quantity", "kind: guess")
    with pytest.raises(LedgerError) as info:
        load_ledger(text, original=ENTRIES)
    assert len(info.value.problems) == 2


def test_broken_yaml_names_the_line() -> None:
    text = dump_ledger(ENTRIES).replace("  subject: Valdane\n", "  subject: [Valdane\n", 1)
    with pytest.raises(LedgerError, match=r"^line \d+: .*not valid YAML"):
        load_ledger(text)


def test_a_new_item_needs_the_required_fields() -> None:
    text = dump_ledger(ENTRIES) + "\n- text: Something will happen.\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(text, original=ENTRIES)
    assert any("new item: `subject` is required" in p for p in info.value.problems)
    assert any("new item: `kind` is required" in p for p in info.value.problems)


def test_without_the_original_every_listed_field_counts_as_set() -> None:
    edits = load_ledger(dump_ledger(ENTRIES))
    assert [e.action for e in edits] == [Action.UPDATE] * 3
    assert "deadline" in edits[0].changed and "id" not in edits[0].changed


def test_entry_from_prediction_flattens_the_expectation() -> None:
    prediction = Prediction(
        key="k1",
        text="Volumes could pass 600,000 by 2027.",
        span=(0, 36),
        subject="Valdane",
        kind=Kind.QUANTITY,
        expectation=Expectation(
            window=DateWindow(date(2024, 2, 8), date(2027, 12, 31), "by 2027"),
            quantity=Quantity(600000, 600000, "vehicle", "600,000", bound="at-least"),
            polarity=True,
        ),
        deadline=date(2027, 12, 31),
        keywords=("Valdane", "volumes"),
    )
    entry = entry_from_prediction(prediction, id=4, seed_id=7)
    assert (entry.window_start, entry.window_end) == (date(2024, 2, 8), date(2027, 12, 31))
    assert (entry.low, entry.high, entry.unit, entry.polarity) == (600000, 600000, "vehicle", True)
    assert load_ledger(dump_ledger([entry]), original=[entry])[0].entry == entry
