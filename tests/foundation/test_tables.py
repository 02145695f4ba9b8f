"""Issue 13, class 7: tables that fit -- columns chosen by the terminal's width, long values
wrapped (never cut), and every value in full, tab-separated, when the output is piped."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest

from conflictlens.cli.render import event_columns, events_tsv, print_events
from conflictlens.models import Event, Place

LONG_ACTOR = "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"
EVENTS = [
    Event(event_date=date(2020, 6, 14), date_precision="day", event_type="Explosions/Remote violence",
          sub_event_type="Remote explosive/landmine/IED", actor1=LONG_ACTOR, actor2="Civilians (Nigeria)",
          fatalities=4, id=12, place=Place(name="Konduga", latitude=11.65, longitude=13.42, country="Nigeria")),
    Event(event_date=None, date_precision="none", event_type="Protests", sub_event_type="Peaceful protest",
          actor1="Protesters (Libya)", id=7),
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_a_terminal_table_fits_and_cuts_nothing(width):
    out = Terminal()
    print_events(EVENTS, out, width=width)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())  # styles aside
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "2020-06-14" in text and "…" not in text  # whole dates, nothing elided
    cells = re.sub(r"[│┃|\s]+", " ", text)
    for word in LONG_ACTOR.split():  # the long actor is wrapped over lines, every word kept
        assert word in cells or any(word.startswith(part) for part in cells.split()), word
    assert lines[-1] == "2 events"


def test_columns_by_width():
    assert event_columns(60) == ["date", "type", "actor1", "actor2", "location", "fat."]
    assert "id" in event_columns(100) and "country" not in event_columns(100)
    assert event_columns(200) == ["id", "date", "type", "actor1", "actor2", "location", "country", "fat."]


def test_piped_output_is_tab_separated_and_complete(capsys):
    out = io.StringIO()
    print_events(EVENTS, out)
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    assert rows[0] == ["id", "date", "type", "actor1", "actor2", "location", "country", "fat."]
    assert rows[1] == ["12", "2020-06-14", "Remote explosive/landmine/IED", LONG_ACTOR, "Civilians (Nigeria)",
                       "Konduga", "Nigeria", "4"]
    assert rows[2][1] == "?" and len(rows) == 3
    assert capsys.readouterr().err.strip() == "2 events"  # the count is not a data row
    assert events_tsv([]) == "\t".join(rows[0]) + "\n"
