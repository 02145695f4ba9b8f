"""Issue 10, class 10: the event's day is the one the text gives for the event -- not the
publication day, not the day a statement or photo was posted, not a photo caption's date."""
from __future__ import annotations

from datetime import date

from conflictlens.extract.dates import caption_spans, estimate_anchor, find_dates


def test_a_weekday_with_its_date_gives_that_day_not_the_publication_day(extractor, make_article):
    text = "Militants attacked an army post in Gao late on Wednesday, October 31, killing four soldiers."
    [ev] = extractor.extract(make_article(text, published=date(2018, 11, 2)))
    assert ev.event_date == date(2018, 10, 31) and ev.date_precision == "day"


def test_the_day_of_the_attack_not_the_day_its_photograph_was_posted(extractor, make_article):
    text = ("The group today posted a photograph of the attack it carried out on Monday on a police station "
            "in Mosul, which killed three policemen.")
    [ev] = extractor.extract(make_article(text, published=date(2021, 3, 10)))
    assert ev.event_date == date(2021, 3, 8)


def test_today_is_the_publication_day_when_the_event_is_today(extractor, make_article):
    """Negative: with no other day given, "today" is the report's day."""
    [ev] = extractor.extract(make_article("Gunmen killed two soldiers in Gao today, the army said.", published=date(2021, 3, 10)))
    assert ev.event_date == date(2021, 3, 10)


def test_a_photo_captions_date_is_no_anchor():
    text = ("Gunmen killed two soldiers in Gao on Tuesday, the army said.\n"
            "Soldiers patrol in Gao on 5 January 2019. Photo: Wire agency\n")
    assert caption_spans(text) and caption_spans(text)[0][0] == text.index("Soldiers patrol")
    assert estimate_anchor(text, None, find_dates(text)) == (None, "no date")


def test_an_undated_report_with_a_file_photo_keeps_its_own_dates(extractor, make_article):
    text = ("On 9 March 2021, gunmen killed two soldiers in Gao. On Tuesday a bomb killed a man in Mosul.\n"
            "Soldiers patrol in Gao, 5 April 2021 (File photo: Wire agency)")
    events = {ev.location: ev for ev in extractor.extract(make_article(text, published=None))}
    assert events["Gao"].event_date == date(2021, 3, 9)
    assert events["Mosul"].event_date == date(2021, 3, 9)  # the Tuesday on or before 9 March, not April's


def test_a_dated_line_that_is_no_caption_still_anchors():
    """Negative: an ordinary sentence with a date is no caption."""
    text = "On 5 January 2021, gunmen killed two soldiers in Gao. The photo editor was away."
    assert caption_spans(text) == []
    assert estimate_anchor(text, None, find_dates(text))[0] == date(2021, 1, 5)


def test_an_incidents_type_reads_its_own_sentence_only(extractor, make_article):
    """Words of the next sentence ("killed a man") do not make soldiers civilians."""
    text = "On 9 March 2021, gunmen killed two soldiers in Gao. On Tuesday gunmen killed a man in Mosul."
    events = {ev.location: ev for ev in extractor.extract(make_article(text, published=None))}
    assert events["Gao"].sub_event_type == "Armed clash"
    assert events["Mosul"].sub_event_type == "Attack"


def test_years_and_months_ago_are_dates_long_past():
    from conflictlens.extract.dates import resolve

    anchor = date(2021, 3, 10)
    for text, back in (("two years ago", 730), ("a year ago", 365), ("six months ago", 180)):
        [m] = [m for m in find_dates(f"It happened {text}.") if m.kind == "relative"]
        r = resolve(m, anchor)
        assert r.value == anchor - __import__("datetime").timedelta(days=back) and r.precision == "month"
    [m] = [m for m in find_dates("It happened two days ago.") if m.kind == "relative"]
    assert resolve(m, anchor).value == date(2021, 3, 8)  # negative: days stay days
