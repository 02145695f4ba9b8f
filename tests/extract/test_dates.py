from datetime import date

from conflictlens.extract.dates import estimate_anchor, find_dates, resolve


def _one(text, anchor):
    m = find_dates(text)[0]
    return resolve(m, anchor)


def test_explicit_dates_in_several_formats():
    assert _one("On 9 May 2020, fighting", None).value == date(2020, 5, 9)
    assert _one("on Jun. 20,2020, in town", None).value == date(2020, 6, 20)
    assert _one("on March 3, 2019 rebels", None).value == date(2019, 3, 3)
    assert _one("On 1st May 2020, police", None).value == date(2020, 5, 1)


def test_day_month_without_year_takes_the_anchor_year():
    assert _one("on 2 March gunmen", date(2021, 3, 10)).value == date(2021, 3, 2)
    # a date far after the anchor belongs to the year before
    assert _one("on 28 December gunmen", date(2021, 1, 3)).value == date(2020, 12, 28)


def test_weekday_is_the_most_recent_on_or_before_the_anchor():
    wednesday = date(2021, 3, 10)
    assert _one("on Tuesday evening", wednesday).value == date(2021, 3, 9)
    assert _one("on Wednesday", wednesday).value == wednesday
    assert _one("on Saturday night", wednesday).value == date(2021, 3, 6)


def test_relative_words():
    anchor = date(2021, 3, 10)
    assert _one("yesterday", anchor).value == date(2021, 3, 9)
    r = _one("last week", anchor)
    assert r.precision == "week" and r.value == date(2021, 3, 3)


def test_approximate_dates_have_week_precision():
    r = _one("Around 9 May 2020 (as reported), a body", None)
    assert r.value == date(2020, 5, 9) and r.precision == "week"


def test_anchor_without_publication_date_moves_to_a_later_report_weekday():
    text = ("Three fighters were killed on 20 June 2020 (a Saturday). "
            "On Tuesday the group announced that it had carried out the attack.")
    anchor, how = estimate_anchor(text, None)
    assert anchor == date(2020, 6, 23), how
    assert estimate_anchor("nothing dated here", None) == (None, "no date")
    assert estimate_anchor(text, date(2020, 7, 1))[0] == date(2020, 7, 1)
