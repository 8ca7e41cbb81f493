"""The review ledger: a YAML file in which an analyst corrects the predictions Hindsight extracted.

Extraction is good but not perfect, so the analyst gets every prediction as a readable YAML item,
edits the file, and gives it back. `dump_ledger` writes the file; `load_ledger` reads it back into
explicit edits. Applying the edits to the database is the storage side's job; this module only
decides what the analyst asked for ("decide, then store").

The file is a mapping with `version: 1` and `predictions:`, a list of items, one per prediction,
whose keys are the fields of `LedgerEntry` (an empty value means "none").

Edit semantics — what each change to the file means:

- **Change a field** (deadline, kind, subject, keywords, resolution, confidence, text, the
  expectation fields window_start, window_end, low, high, unit, polarity): the prediction keeps its
  id, key and all its evidence; the new value replaces the old one, and the storage side re-judges
  the prediction against its evidence if a checkable field changed. Edit = `UPDATE` with `changed`
  naming the fields that differ from the original.
- **Drop an item**: delete it from the file, or set `drop: true` on it. The prediction is no longer
  tracked; its evidence is kept (so undoing a drop loses nothing) but it leaves digests and
  statuses. Edit = `DROP`.
- **Merge two items**: set `merge_into: <id>` on the item that should disappear. Its evidence moves
  to the target, then it is dropped. The target must be another listed item that is itself neither
  dropped nor merged. Edit = `MERGE` with `merge_into`.
- **Add an item**: write a new item without `id` (and without `key`): at least `text`, `subject`
  and `kind`; `seed_id` may be left out when every other item belongs to the same seed.
  Edit = `ADD`.
- Untouched items give `KEEP` edits, so the result lists every item of the file.
- `id`, `key`, `seed_id` and `status` are Hindsight's bookkeeping: `status` is decided by evidence,
  not by hand. Changing them on an existing item is an error, not a silent no-op.

Deleted items and `changed` can only be known against the ledger as it was written, so pass the
original entries to `load_ledger(text, original=...)`. Without them, every item with an id is an
`UPDATE` listing all its editable fields as changed, and deletions cannot be seen.

Problems are collected and raised together as one `LedgerError`, each naming the line and the item
("line 14, item 7: deadline 'next year' is not a date (YYYY-MM-DD)").
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import yaml

from hindsight.domain import Kind, Prediction, Status

LEDGER_VERSION = 1


@dataclass(frozen=True)
class LedgerEntry:
    """One prediction as the analyst sees it: its words, its reading, and its checkable core.

    The expectation (`Expectation` in the domain) is flattened into window_start/window_end,
    low/high/unit and polarity so each can be edited on its own line.
    """

    id: int | None
    key: str | None
    seed_id: int | None
    text: str
    subject: str
    kind: Kind
    owner: str = "author"  # whose forecast: "author" or the party the seed relays
    deadline: date | None = None
    confidence: float = 0.5
    keywords: tuple[str, ...] = ()
    resolution: str | None = None
    window_start: date | None = None
    window_end: date | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    polarity: bool | None = None
    status: Status = Status.OPEN


FIELD_NAMES = tuple(f.name for f in fields(LedgerEntry))
# Hindsight's bookkeeping: shown so the analyst knows what they are looking at, never edited.
READ_ONLY = frozenset({"id", "key", "seed_id", "status"})
EDITABLE = tuple(name for name in FIELD_NAMES if name not in READ_ONLY)
# Checkable fields: changing one means the prediction's evidence must be judged again.
CHECKABLE = frozenset(
    {"kind", "deadline", "window_start", "window_end", "low", "high", "unit", "polarity", "text"}
)
_INSTRUCTIONS = frozenset({"drop", "merge_into"})


class Action(StrEnum):
    """What the analyst asked for one item."""

    KEEP = "keep"
    UPDATE = "update"
    DROP = "drop"
    MERGE = "merge"
    ADD = "add"


@dataclass(frozen=True)
class LedgerEdit:
    """One item of a loaded ledger and what to do with it.

    `entry` is the item as it stands in the file (for an item deleted from the file: the original).
    `changed` names the fields whose value differs from the original (UPDATE only).
    `line` is the 1-based line where the item starts (None for a deleted item).
    """

    action: Action
    entry: LedgerEntry
    changed: frozenset[str] = frozenset()
    merge_into: int | None = None
    line: int | None = None

    @property
    def needs_rejudging(self) -> bool:
        """True when a checkable field changed, so stored assessments may no longer hold."""
        return self.action is Action.UPDATE and bool(self.changed & CHECKABLE)


class LedgerError(ValueError):
    """The ledger file cannot be applied; `problems` lists each one with its line and item."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def entry_from_prediction(
    prediction: Prediction, *, id: int | None, seed_id: int | None, status: Status = Status.OPEN
) -> LedgerEntry:
    """The ledger view of a stored prediction."""
    exp = prediction.expectation
    return LedgerEntry(
        id=id,
        key=prediction.key,
        seed_id=seed_id,
        text=prediction.text,
        subject=prediction.subject,
        kind=prediction.kind,
        owner=prediction.owner,
        deadline=prediction.deadline,
        confidence=prediction.confidence,
        keywords=prediction.keywords,
        resolution=prediction.resolution,
        window_start=exp.window.start if exp.window else None,
        window_end=exp.window.end if exp.window else None,
        low=exp.quantity.low if exp.quantity else None,
        high=exp.quantity.high if exp.quantity else None,
        unit=exp.quantity.unit if exp.quantity else None,
        polarity=exp.polarity,
        status=status,
    )


# --- writing -------------------------------------------------------------------------------

_HEADER = f"""\
# Hindsight review ledger. Edit this file, then load it back with Hindsight.
#
# One item per prediction. To correct a prediction, change its values:
#   deadline / window_start / window_end   a date, YYYY-MM-DD (empty: none)
#   kind        one of: {", ".join(k.value for k in list(Kind)[:5])},
#               {", ".join(k.value for k in list(Kind)[5:])}
#   subject     who or what the prediction is about
#   owner       whose forecast it is: author (the article's own voice) or the party it relays
#   keywords    words news must mention to be checked against it: [word, word]
#   resolution  one line: what would confirm or refute it
#   confidence  0.0 - 1.0, how sure the author sounded
#   low / high / unit   the expected quantity or range (unit: ISO currency or a singular noun)
#   polarity    true: expected to happen; false: expected NOT to happen
# To drop a prediction: delete its item, or add the line `drop: true`.
# To merge a duplicate into another item: add `merge_into: <id of the item to keep>`.
# To add a prediction: write a new item without `id` and `key`; give text, subject and kind.
# Do not change id, key, seed_id or status: Hindsight keeps those (status follows the evidence).
# Evidence already collected stays attached to every item you keep, edit or merge.
"""


class _LedgerDumper(yaml.SafeDumper):
    """Blank for None, flow style for keyword lists, text that wraps at a readable width."""


def _represent_none(dumper: yaml.SafeDumper, _value: None) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


def _represent_keywords(dumper: yaml.SafeDumper, value: tuple[str, ...]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    # 425000 reads better than 425000.0; loading turns it back into the same float.
    if value.is_integer() and abs(value) < 1e15:
        return dumper.represent_int(int(value))
    return dumper.represent_float(value)


_LedgerDumper.add_representer(type(None), _represent_none)
_LedgerDumper.add_representer(float, _represent_float)
_LedgerDumper.add_representer(tuple, _represent_keywords)


def dump_ledger(entries: list[LedgerEntry]) -> str:
    """The ledger file for `entries`: instructions as comments on top, then one item each."""
    items = [_entry_to_item(entry) for entry in entries]
    body = yaml.dump(
        {"version": LEDGER_VERSION, "predictions": items},
        Dumper=_LedgerDumper,
        sort_keys=False,
        allow_unicode=True,
        width=96,
        default_flow_style=False,
    )
    # A blank line between items makes the file easy to scan and to cut items out of.
    body = body.replace("\n- id:", "\n\n- id:")
    return _HEADER + "\n" + body


def _entry_to_item(entry: LedgerEntry) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for name in FIELD_NAMES:
        value = getattr(entry, name)
        if isinstance(value, StrEnum):
            value = value.value
        item[name] = value
    return item


# --- reading -------------------------------------------------------------------------------


def load_ledger(text: str, original: list[LedgerEntry] | None = None) -> list[LedgerEdit]:
    """Parse an edited ledger into edits, in file order, then DROP edits for deleted items.

    Raises `LedgerError` listing every problem found, each with its line and item.
    """
    problems: list[str] = []
    items = _parse_items(text)
    before = {e.id: e for e in (original or []) if e.id is not None}
    seed_ids = {
        v for _, data in items if isinstance(data, dict) and (v := data.get("seed_id")) is not None
    }
    parsed: list[tuple[int, LedgerEntry, dict[str, Any]]] = []
    for line, data in items:
        where = _where(line, data)
        if not isinstance(data, dict):
            problems.append(f"{where}: an item must be a set of `field: value` lines")
            continue
        entry = _entry_from_item(data, where, seed_ids, problems)
        if entry is not None:
            parsed.append((line, entry, data))

    edits: list[LedgerEdit] = []
    seen: dict[int, int] = {}
    for line, entry, data in parsed:
        where = _where(line, data)
        if entry.id is not None:
            if entry.id in seen:
                problems.append(
                    f"{where}: id {entry.id} is listed twice (also at line {seen[entry.id]})"
                )
            seen[entry.id] = line
        edits.append(_decide(entry, data, line, where, before, original is not None, problems))

    _check_merges(edits, problems)
    if problems:
        raise LedgerError(problems)
    listed = {e.entry.id for e in edits}
    for old in original or []:
        if old.id is not None and old.id not in listed:
            edits.append(LedgerEdit(Action.DROP, old))
    return edits


def _parse_items(text: str) -> list[tuple[int, Any]]:
    """Each item of `predictions:` with the 1-based line where it starts."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "the file"
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise LedgerError([f"{where}: {problem} (the ledger is not valid YAML)"]) from exc
    if root is None:
        raise LedgerError(["the ledger is empty"])
    if not isinstance(root, yaml.MappingNode):
        raise LedgerError(["line 1: the ledger must start with `version:` and `predictions:`"])
    loader = yaml.SafeLoader("")
    top: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        top[str(key_node.value)] = value_node
    version = top.get("version")
    if version is not None and version.value != str(LEDGER_VERSION):
        raise LedgerError(
            [f"line {version.start_mark.line + 1}: ledger version {version.value} is not supported"]
        )
    seq = top.get("predictions")
    if seq is None:
        raise LedgerError(["the ledger has no `predictions:` list"])
    if isinstance(seq, yaml.ScalarNode) and seq.value in ("", "null", "~"):
        return []
    if not isinstance(seq, yaml.SequenceNode):
        raise LedgerError(
            [f"line {seq.start_mark.line + 1}: `predictions:` must be a list of items"]
        )
    items: list[tuple[int, Any]] = []
    for node in seq.value:
        _refuse_repeated_fields(node)
        try:
            items.append((node.start_mark.line + 1, loader.construct_object(node, deep=True)))
        except yaml.YAMLError as exc:
            raise LedgerError([f"line {node.start_mark.line + 1}: {exc}"]) from exc
    return items


def _refuse_repeated_fields(node: yaml.Node) -> None:
    """YAML lets a later `field:` silently win over an earlier one; in a hand-edited file that
    loses the analyst's edit, so a field written twice in one item is an error."""
    if not isinstance(node, yaml.MappingNode):
        return
    first: dict[str, int] = {}
    for key_node, _ in node.value:
        name, line = str(key_node.value), key_node.start_mark.line + 1
        if name in first:
            raise LedgerError(
                [f"line {line}: `{name}` is written twice in one item (also at line {first[name]})"]
            )
        first[name] = line


def _where(line: int, data: Any) -> str:
    if isinstance(data, dict) and data.get("id") is not None:
        return f"line {line}, item {data['id']}"
    return f"line {line}, new item"


def _entry_from_item(
    data: dict[str, Any], where: str, seed_ids: set[Any], problems: list[str]
) -> LedgerEntry | None:
    """Validate one item's values and build its entry; record problems and return None if any."""
    start = len(problems)
    unknown = sorted(set(data) - set(FIELD_NAMES) - _INSTRUCTIONS)
    for name in unknown:
        problems.append(f"{where}: unknown field `{name}` (fields: {', '.join(FIELD_NAMES)})")
    values: dict[str, Any] = {}
    for name in FIELD_NAMES:
        raw = data.get(name)
        try:
            values[name] = _CONVERTERS.get(name, _optional_text)(raw)
        except ValueError as exc:
            problems.append(f"{where}: {name} {exc}")
    for name in ("text", "subject", "kind"):
        if data.get(name) in (None, "", []):
            problems.append(f"{where}: `{name}` is required")
    if data.get("id") is None and values.get("seed_id") is None:
        if len(seed_ids) == 1:
            values["seed_id"] = _optional_int(next(iter(seed_ids)))
        else:
            problems.append(f"{where}: a new item needs `seed_id` (the seed it comes from)")
    if len(problems) > start:
        return None
    if values["low"] is not None and values["high"] is not None and values["low"] > values["high"]:
        problems.append(f"{where}: low {values['low']:g} is above high {values['high']:g}")
    ws, we = values["window_start"], values["window_end"]
    if ws is not None and we is not None and ws > we:
        problems.append(f"{where}: window_start {ws} is after window_end {we}")
    if values["status"] is None:
        values["status"] = Status.OPEN
    if values["confidence"] is None:
        values["confidence"] = 0.5
    return None if len(problems) > start else LedgerEntry(**values)


def _decide(
    entry: LedgerEntry,
    data: dict[str, Any],
    line: int,
    where: str,
    before: dict[int, LedgerEntry],
    have_original: bool,
    problems: list[str],
) -> LedgerEdit:
    """Turn one valid item into the edit it stands for."""
    drop = data.get("drop")
    if drop not in (None, True, False):
        problems.append(f"{where}: drop must be true or false, not {drop!r}")
    merge_raw = data.get("merge_into")
    merge_into: int | None = None
    if merge_raw is not None:
        try:
            merge_into = _optional_int(merge_raw)
        except ValueError:
            problems.append(
                f"{where}: merge_into must be the id of another item, not {merge_raw!r}"
            )
    if drop is True and merge_into is not None:
        problems.append(f"{where}: use either `drop: true` or `merge_into`, not both")

    if entry.id is None:
        if entry.key is not None:
            problems.append(f"{where}: a new item has no `key` (Hindsight assigns it)")
        if merge_into is not None or drop is True:
            problems.append(f"{where}: a new item cannot be dropped or merged; delete it instead")
        return LedgerEdit(Action.ADD, entry, line=line)

    old = before.get(entry.id)
    if have_original and old is None:
        problems.append(f"{where}: there is no prediction {entry.id} (to add one, leave out `id`)")
    if old is not None:
        for name in sorted(READ_ONLY - {"id"}):
            if getattr(entry, name) != getattr(old, name) and data.get(name) is not None:
                problems.append(f"{where}: `{name}` is kept by Hindsight and cannot be changed")
        # A read-only field left empty by the analyst keeps its stored value.
        entry = replace(entry, key=old.key, seed_id=old.seed_id, status=old.status)
    if drop is True:
        return LedgerEdit(Action.DROP, entry, line=line)
    if merge_into is not None:
        return LedgerEdit(Action.MERGE, entry, merge_into=merge_into, line=line)
    if old is None:
        return LedgerEdit(
            Action.UPDATE, entry, frozenset(n for n in EDITABLE if n in data), line=line
        )
    changed = frozenset(n for n in EDITABLE if getattr(entry, n) != getattr(old, n))
    return LedgerEdit(Action.UPDATE if changed else Action.KEEP, entry, changed, line=line)


def _check_merges(edits: list[LedgerEdit], problems: list[str]) -> None:
    """Every merge targets another listed item that stays (not dropped, not merged itself)."""
    by_id = {e.entry.id: e for e in edits if e.entry.id is not None}
    for edit in edits:
        if edit.action is not Action.MERGE:
            continue
        where = f"line {edit.line}, item {edit.entry.id}"
        target = by_id.get(edit.merge_into) if edit.merge_into is not None else None
        if edit.merge_into == edit.entry.id:
            problems.append(f"{where}: an item cannot be merged into itself")
        elif target is None:
            problems.append(f"{where}: merge_into {edit.merge_into} is not an item of this ledger")
        elif target.action in (Action.DROP, Action.MERGE):
            problems.append(
                f"{where}: merge_into {edit.merge_into} is itself {target.action.value}ped"
                if target.action is Action.DROP
                else f"{where}: merge_into {edit.merge_into} is itself merged into another item"
            )


# --- value converters: each raises ValueError with the end of a message ------------------------


def _optional_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        raise ValueError("must be plain text")
    return str(value).strip() or None


def _owner(value: Any) -> str:
    """Whose forecast; blank (or a ledger written before owners existed) is the author's."""
    return _optional_text(value) or "author"


def _required_text(value: Any) -> str:
    return _optional_text(value) or ""


def _optional_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{value!r} is not a whole number")
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None


def _optional_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _optional_number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    try:
        return (
            float(str(value).replace(",", "").replace("_", ""))
            if isinstance(value, str)
            else float(value)
        )
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number") from None


def _confidence(value: Any) -> float | None:
    number = _optional_number(value)
    if number is not None and not 0.0 <= number <= 1.0:
        raise ValueError(f"{number:g} is not between 0.0 and 1.0")
    return number


def _optional_bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    raise ValueError(f"{value!r} must be true, false or empty")


def _kind(value: Any) -> Kind:
    try:
        return Kind(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in Kind)
        raise ValueError(f"{value!r} is not a kind (kinds: {choices})") from None


def _status(value: Any) -> Status | None:
    if value is None or value == "":
        return None
    try:
        return Status(str(value).strip().lower())
    except ValueError:
        raise ValueError(f"{value!r} is not a status") from None


def _keywords(value: Any) -> tuple[str, ...]:
    """A YAML list, or a comma-separated line (what people type when they forget the brackets)."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise ValueError("must be a list such as [word, other word]")
    words = [str(v).strip() for v in value if v is not None and str(v).strip()]
    return tuple(dict.fromkeys(words))


def _kind_or_blank(value: Any) -> Kind | None:
    return None if value in (None, "") else _kind(value)


_CONVERTERS: dict[str, Any] = {
    "id": _optional_int,
    "seed_id": _optional_int,
    "key": _optional_text,
    "text": _required_text,
    "subject": _required_text,
    "owner": _owner,
    "kind": _kind_or_blank,
    "deadline": _optional_date,
    "confidence": _confidence,
    "keywords": _keywords,
    "resolution": _optional_text,
    "window_start": _optional_date,
    "window_end": _optional_date,
    "low": _optional_number,
    "high": _optional_number,
    "unit": _optional_text,
    "polarity": _optional_bool,
    "status": _status,
}
