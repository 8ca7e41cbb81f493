"""Tables read as labelled lines (blind-6: a season preview's picks stood in HTML tables of logos,
a release cadence's dates in a pipe table): each cell with its row's label and its column's
header, as a list would write it. Tables, headings and names written for these tests."""

from __future__ import annotations

from datetime import date

from hindsight.analysis.horizons import title_year
from hindsight.analysis.names import NameReader, prose
from hindsight.analysis.predictions import extract_predictions
from hindsight.reading import read_seed_text
from hindsight.reading.markdown_text import plain_inline, read_markdown
from hindsight.reading.tables import html_tables, table_lines

PIPE = """# Quill release schedule

Quill ships a minor release every four months.

| Release | Feature freeze | Release date |
|---|---|---|
| Quill 1.31 | 2030-07-09 | **2030-08-13** |
| ... | ... | ... |
"""

HTML = """# Season picks

Here are the teams I think will win their divisions:

<table>
  <tr><th> </th><th>East</th><th>West</th></tr>
  <tr><th>NL</th><td><img src="/logos/owls.png" alt="Owls"></td>
      <td><img src="x.png" alt="Larks"></td></tr>
</table>

<table>
  <tr><th>Award</th><th>My Pick</th></tr>
  <tr><td>Most Valuable Player</td><td>Ada Quill (<em>OF, Owls</em>)</td></tr>
</table>
"""


def test_a_pipe_tables_cells_read_with_their_row_and_column() -> None:
    text = read_markdown(PIPE).text
    assert "Quill 1.31 Feature freeze: 2030-07-09" in text
    assert "Quill 1.31 Release date: 2030-08-13" in text
    # Before, each cell was a paragraph of its own: "2030-08-13" said nothing of what it dates.
    assert "\n\n2030-08-13\n\n" not in text
    assert "...: ..." not in text  # a row left out says nothing


def test_an_html_table_reads_its_images_as_their_alt_text() -> None:
    text = read_markdown(HTML).text
    assert "NL East: Owls" in text
    assert "NL West: Larks" in text
    # Two columns: the row's label and its value; "My Pick" heads the value, labels nothing.
    assert "Most Valuable Player: Ada Quill (OF, Owls)" in text
    assert html_tables("<p>no table here</p>") == []
    assert table_lines([[("A note", False)]]) == ["A note"]  # one cell: its words


def test_a_gold_quote_of_a_logo_reads_as_its_alt_text() -> None:
    assert plain_inline('<img src="/logos/owls.png" alt="Owls" width="85%">') == "Owls"
    assert plain_inline("Ada Quill (<em>OF, Owls</em>)") == "Ada Quill (OF, Owls)"


def test_capitals_of_a_heading_are_no_sign_of_a_name() -> None:
    text = "First to Market\n\nThe market cap could grow. Quillcoin was first."
    assert prose(text).startswith(" " * len("First to Market"))
    reader = NameReader(text)
    assert not reader.is_name_word("Market")  # written "market" in the prose
    assert reader.is_name_word("Quillcoin")


def test_a_forecast_under_a_title_case_heading_keeps_the_articles_subject() -> None:
    seed = read_seed_text(
        "# My statement on Quillcoin\n\nQuillcoin is the first of its kind and its market cap"
        " keeps growing.\n\n# First to Market\n\nQuillcoin was first to market, and the market"
        " will notice.\n\nI predict:\n\n- $20,000 by January 1st 2031\n- $50,000 by end of Q2"
        " 2031\n",
        fmt="markdown",
        published=date(2030, 12, 18),
    )
    found = [p for p in extract_predictions(seed) if p.text.startswith("$")]
    assert [p.subject for p in found] == ["Quillcoin", "Quillcoin"]


def test_a_title_naming_the_year_ends_the_deadline_of_undated_forecasts() -> None:
    published = date(2030, 3, 28)
    assert title_year("Predicting the 2030 Season", published) == 2030
    assert title_year("Rust 2031 roadmap", published) == 2031
    assert title_year("What happened in 2030", published) is None  # no forecasts announced
    assert title_year("Predictions for 2030 and 2031", published) is None  # which year?
    seed = read_seed_text(
        "# Predicting the 2030 Season\n\nOpening day is tomorrow, and as every spring it is time"
        " for the annual fun of guessing how the long season will go for every club in the"
        " league. I think the Owls will win the division. The Larks will finish 2031 on top.\n",
        fmt="markdown",
        published=published,
    )
    deadlines = {p.text: p.deadline for p in extract_predictions(seed)}
    assert deadlines["I think the Owls will win the division."] == date(2030, 12, 31)
    # A forecast with its own time keeps it.
    assert deadlines["The Larks will finish 2031 on top."] == date(2031, 12, 31)


def test_a_headerless_table_and_cells_spanning_rows() -> None:
    # Found by a review of the first version: a first row of data was read as the header, and a
    # cell spanning two rows shifted the second row's cells under the wrong headers.
    plain = (
        "<table><tr><td>AL</td><td>Ada Quill</td></tr><tr><td>NL</td><td>Cy Wren</td></tr></table>"
    )
    assert [table_lines(t) for t in html_tables(plain)] == [["AL: Ada Quill", "NL: Cy Wren"]]
    spanning = (
        "<table><tr><th>League</th><th>Award</th><th>Pick</th></tr>"
        '<tr><td rowspan="2">AL</td><td>MVP</td><td>Ada Quill</td></tr>'
        "<tr><td>Cy Young</td><td>Bo Lark</td></tr></table>"
    )
    (lines,) = [table_lines(t) for t in html_tables(spanning)]
    assert "AL Pick: Bo Lark" in lines and "AL Award: Cy Young" in lines


def test_a_title_looking_past_its_year_or_a_forecast_looking_past_it() -> None:
    published = date(2030, 1, 5)
    assert title_year("My 2030 Predictions: The Decade Ahead", published) is None
    seed = read_seed_text(
        "# Predictions for 2030\n\nA new year is here, and as every January it is time for the"
        " annual list of what the year will bring for the companies this blog follows most.\n\n"
        "Quill will open a store in Paris. Quill will eventually build a colony on Mars.\n",
        fmt="markdown",
        published=published,
    )
    deadlines = {p.text: p.deadline for p in extract_predictions(seed)}
    assert deadlines["Quill will open a store in Paris."] == date(2030, 12, 31)
    assert deadlines["Quill will eventually build a colony on Mars."] > date(2031, 1, 1)
