"""Issue 13, class 2: no traceback for a user's mistake.  Every option of every command (found by
walking the argparse parser, so options added later are covered) gets malformed values: exit
status 2 and one line on stderr.  Dates accept what people type when it is unambiguous."""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from conflictlens.cli import common
from conflictlens.cli.main import build_parser, main
from conflictlens.errors import ConfigError

# malformed values by argument type; a type not listed here gets GENERIC
BAD = {
    common.parse_day: ["soon", "2020-13-45", "01/02/2020", "20-6-1", "31 Foo 2020", "2020-02-30"],
    common.parse_near: ["36.5,37", "36.5,37,x", "100,37,5", "36,37,0", ""],
    common.parse_count: ["ten", "-3", "1.5"],
    common.parse_positive: ["0", "-1", "x"],
    common.parse_port: ["0", "70000", "http"],
    int: ["ten", "1.5"],
    float: ["fast", "1,5"],
}
GENERIC = ["not-a-value"]
FREE_TEXT = {None, str, Path}  # any string is a valid value


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, its parser) for every command and sub-command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def _positionals(parser: argparse.ArgumentParser) -> list[str]:
    """Placeholder values for the required positional arguments (so the option is what fails)."""
    out = []
    for action in parser._actions:
        if action.option_strings or isinstance(action, argparse._SubParsersAction):
            continue
        if action.nargs in (None, 1, "+"):
            out.append(action.choices[0] if action.choices else "x")
    return out


def _cases():
    cases = []
    for path, sub in _commands(build_parser()):
        if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
            continue  # a group: its commands are listed themselves
        for action in sub._actions:
            if not action.option_strings or action.nargs == 0 or action.help == argparse.SUPPRESS:
                continue
            if action.choices:
                values = ["no-such-choice"]
            elif action.type in FREE_TEXT:
                continue
            else:
                values = BAD.get(action.type, GENERIC)
            for value in values:
                cases.append(pytest.param(path, _positionals(sub), action.option_strings[-1], value,
                                          id=f"{' '.join(path)} {action.option_strings[-1]}={value}"))
    return cases


CASES = _cases()


def test_the_walk_finds_the_options_the_issue_names():
    ids = {(" ".join(c.values[0]), c.values[2]) for c in CASES}
    assert {("events", "--since"), ("events", "--near"), ("export", "--since"), ("search", "--since"),
            ("incidents", "--limit"), ("export", "--format"), ("serve", "--port")} <= ids
    assert len({c.values[0] for c in CASES}) >= 12  # most commands have a typed option


@pytest.mark.parametrize("path, positionals, option, value", CASES)
def test_malformed_option_is_one_line_and_status_2(tmp_path, capsys, path, positionals, option, value):
    code = main(["--db", str(tmp_path / "none.db"), *path, *positionals, f"{option}={value}"])
    out, err = capsys.readouterr()
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert option in lines[0] or "error" in lines[0]
    assert not (tmp_path / "none.db").exists()


TODAY = date(2024, 3, 10)


@pytest.mark.parametrize("typed, day", [
    ("2020-06-01", date(2020, 6, 1)), ("2020-6-1", date(2020, 6, 1)), ("2020/6/1", date(2020, 6, 1)),
    ("1 June 2020", date(2020, 6, 1)), ("1st June 2020", date(2020, 6, 1)), ("June 1, 2020", date(2020, 6, 1)),
    ("Jun 1 2020", date(2020, 6, 1)), ("  1  JUNE 2020 ", date(2020, 6, 1)), ("Sept 3, 2021", date(2021, 9, 3)),
    ("13/6/2020", date(2020, 6, 13)), ("6/13/2020", date(2020, 6, 13)), ("5/5/2020", date(2020, 5, 5)),
    ("today", TODAY), ("yesterday", date(2024, 3, 9)), ("Yesterday", date(2024, 3, 9)),
    ("3 days ago", date(2024, 3, 7)), ("1 week ago", date(2024, 3, 3)),
])
def test_dates_as_people_type_them(typed, day):
    assert common.read_day(typed, today=TODAY) == day


@pytest.mark.parametrize("typed, reason", [
    ("01/02/2020", "ambiguous"), ("2/1/2020", "ambiguous"), ("1/2/20", "year in full"),
    ("32 June 2020", "not a date"), ("1 Juin 2020", "month name"), ("next week", "not a date"), ("", "not a date"),
])
def test_ambiguous_or_wrong_dates_say_why(typed, reason):
    with pytest.raises(ConfigError, match=reason):
        common.read_day(typed, today=TODAY)


def _db_with_an_article(tmp_path, capsys) -> str:
    db = str(tmp_path / "ok.db")
    src = tmp_path / "a.txt"
    src.write_text("Gunmen attacked a checkpoint outside the town on Monday; two guards were wounded.")
    assert main(["--db", db, "--no-progress", "ingest", "--no-extract", str(src)]) == 0
    capsys.readouterr()
    return db


def test_dates_people_type_work_end_to_end(tmp_path, capsys):
    db = _db_with_an_article(tmp_path, capsys)
    for argv in (["events", "--since", "yesterday"], ["events", "--since", "2020-6-1"],
                 ["export", "--since", "1 June 2020"], ["search", "checkpoint", "--until", "today"],
                 ["events", "--near", "36.5,37,25"]):
        code = main(["--db", db, *argv])
        out, err = capsys.readouterr()
        assert code == 0 and "Traceback" not in err, (argv, err)


def test_values_wrong_together_or_unwritable_are_one_line(tmp_path, capsys):
    db = _db_with_an_article(tmp_path, capsys)
    for argv, status in ((["events", "--since", "2020-02-01", "--until", "2020-01-01"], 2),
                         (["search", "x", "--since", "2020-02-01", "--until", "2020-01-01"], 2),
                         (["trend", "--since", "2021-01-01", "--until", "2020-01-01"], 2),
                         (["export", "-o", str(tmp_path / "no" / "such" / "dir.csv")], 1)):
        code = main(["--db", db, *argv])
        err = capsys.readouterr().err
        assert code == status and len(err.strip().splitlines()) == 1 and "Traceback" not in err, (argv, err)
