"""Tables read as labelled lines: each cell with the labels that say what it is.

A table in an article is often where its forecasts stand: a release schedule ("Quill 1.31 |
2024-07-09 | 2024-08-13" under "Release | Feature freeze | Release date"), a season's picks
(a row "AL" under "East | Central | West"), awards ("Most Valuable Player | Mike Trout" under
"Award | My Pick"). Read cell by cell, the words lose what made them a statement; read as
"AL East: Yankees" or "Quill 1.31 Release date: 2024-08-13", each cell is a labelled line of
the kind lists already hold, and the extractor reads it as one.

Markdown pipe tables come from the Markdown parser's tokens; HTML tables written inside
Markdown (a common way to put logos or styled cells in a post) are parsed with lxml, an
image standing for its `alt` text. Pure logic: no I/O.
"""

from __future__ import annotations

import re

import lxml.html

__all__ = ["Cell", "html_tables", "table_lines"]

# A cell's text and whether it is a header cell (`th`).
Cell = tuple[str, bool]
_SPACE = re.compile(r"\s+")


def table_lines(rows: list[list[Cell]]) -> list[str]:
    """The table's cells as labelled lines, row by row.

    The first row is the header when it is made of header cells and rows follow it; a row's
    first cell is its label. A cell
    under a header, in a row with a label, reads "<label> <header>: <cell>"; with one of the
    two, "<label or header>: <cell>";
    with neither, as written. Empty cells say nothing and are left out.
    """
    rows = [[(_clean(text), head) for text, head in row] for row in rows if row]
    if not rows:
        return []
    header: list[str] = []
    if len(rows) > 1 and all(head for _, head in rows[0]):
        header = [text for text, _ in rows[0]]
        rows = rows[1:]
    bounds = _bound_columns(header)
    lines: list[str] = []
    for row in rows:
        if len(row) == 1:
            if row[0][0]:
                lines.append(row[0][0])
            continue
        label = row[0][0]
        ranged = _range_line(label, row, header, bounds) if bounds else None
        if ranged is not None:
            # "Conservatives: 234 to 321 seats, 280 central" under "Party | Lo | Seats | Hi":
            # the row is one forecast of a range; its other columns ("Swing") stay cells
            line, used = ranged
            lines.append(line)
            row = [cell if i not in used else ("", False) for i, cell in enumerate(row)]
        # A row shorter than the header lost cells to a cell spanning rows above: its cells
        # are the header's first ones.
        for position, (text, _) in enumerate(row[1:], start=1):
            if not any(c.isalnum() for c in text):
                continue  # an empty cell, or "..." for rows left out
            column = header[position] if position < len(header) and len(header) > 2 else ""
            name = " ".join(part for part in (label, column) if part)
            lines.append(f"{name}: {text}" if name else text)
    return lines


# Column headers naming a range's low and high ends (data: extend here).
_LOW_HEADERS = frozenset({"lo", "low", "min", "minimum", "lower", "floor", "bottom"})
_HIGH_HEADERS = frozenset({"hi", "high", "max", "maximum", "upper", "ceiling", "top"})
# A central column's header that names no unit ("Forecast", "Mean"): the figure is bare.
_CENTRAL_HEADERS = frozenset({"forecast", "estimate", "mean", "median", "central", "mid", "base"})
_FIGURE = re.compile(r"[$€£¥]?-?\d[\d,]*(?:\.\d+)?%?")


def _bound_columns(header: list[str]) -> tuple[int, int] | None:
    """The positions of a header's low and high columns ("Lo", "Hi"), or None."""
    words = [h.strip().lower().rstrip(".") for h in header]
    low = next((i for i, w in enumerate(words) if w in _LOW_HEADERS), None)
    high = next((i for i, w in enumerate(words) if w in _HIGH_HEADERS), None)
    if low is None or high is None or low == 0 or high == 0 or low == high:
        return None
    return low, high


def _range_line(
    label: str, row: list[Cell], header: list[str], bounds: tuple[int, int]
) -> tuple[str, set[int]] | None:
    """A row of figures between a low and a high column read as one range, with the central
    column between them when there is one: "<label>: <low> to <high> <unit>, <central>
    central". Why: an election model's table ("Party | Lo | Seats | Hi") or an analyst's
    ("Low | Mean | High") states one forecast per row, its range and its likeliest value; read
    cell by cell, "Lo: 234" and "Hi: 321" are two figures nobody forecast."""
    low, high = bounds
    if max(low, high) >= len(row):
        return None
    lo_text, hi_text = row[low][0], row[high][0]
    if not (_FIGURE.fullmatch(lo_text) and _FIGURE.fullmatch(hi_text)):
        return None
    between = [i for i in range(min(low, high) + 1, max(low, high)) if i < len(row)]
    central = next((i for i in between if _FIGURE.fullmatch(row[i][0])), None)
    unit = ""
    if central is not None and central < len(header):
        name = header[central].strip()
        unit = "" if name.lower() in _CENTRAL_HEADERS else f" {name.lower()}"
    line = f"{label}: {lo_text} to {hi_text}{unit}"
    if central is not None:
        line += f", {row[central][0]} central"
    return line, {low, high} | ({central} if central is not None else set())


def html_tables(html: str) -> list[list[list[Cell]]]:
    """The rows of every table in an HTML fragment; a cell's text is its words, or the `alt`
    text of its images when it has no words (a team's logo)."""
    try:
        fragments = lxml.html.fragments_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    tables = []
    for fragment in fragments:
        if not isinstance(fragment, lxml.html.HtmlElement):
            continue
        found = [fragment] if fragment.tag == "table" else fragment.findall(".//table")
        for table in found:
            tables.append(_rows(table))
    return tables


def _rows(table: lxml.html.HtmlElement) -> list[list[Cell]]:
    """A table's rows, a cell spanning rows (`rowspan`) repeated in each row it spans, so
    every cell stays under its column's header."""
    rows: list[list[Cell]] = []
    spanning: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows it still spans)
    for tr in table.iter("tr"):
        cells: list[Cell] = []
        for element in tr:
            if element.tag not in ("td", "th"):
                continue
            _spanned(cells, spanning)
            text = _clean(element.text_content())
            if not text:
                text = " ".join(img.get("alt", "") for img in element.iter("img")).strip()
            cell = (text, element.tag == "th")
            span = element.get("rowspan", "1")
            if span.isdigit() and int(span) > 1:
                spanning[len(cells)] = (cell, min(int(span), 100) - 1)
            cells.append(cell)
        _spanned(cells, spanning)
        rows.append(cells)
    return rows


def _spanned(cells: list[Cell], spanning: dict[int, tuple[Cell, int]]) -> None:
    """Add to a row the cells spanning down into it from rows above, where it has them."""
    while len(cells) in spanning:
        column = len(cells)
        cell, left = spanning.pop(column)
        cells.append(cell)
        if left > 1:
            spanning[column] = (cell, left - 1)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
