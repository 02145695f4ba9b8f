"""The API keeps incidents and saved questions in step with ingest and delete."""
from datetime import date

from conflictlens.analysis import list_incidents
from conflictlens.analysis.watch import add_question
from conflictlens.api import Conflictlens
from conflictlens.models import Event, EventFilter, Evidence, Place, RawDocument, Span


class FixedExtractor:
    """Codes every article as one ISIS attack in Azaz on the article's date."""

    def extract_many(self, articles):
        out = []
        for a in articles:
            quote = a.text[:40]
            out.append([Event(event_date=a.published, date_precision="day", event_type="Battles",
                              sub_event_type="Armed clash", actor1="Islamic State", actor2="Syrian National Army",
                              place=Place("Azaz", 36.586, 37.046, country="Syria", admin1="Aleppo", precision=1),
                              fatalities=1, evidence=(Evidence("event", Span(0, len(quote), quote)),),
                              event_key="only")])
        return out


def doc(i, day, text):
    return RawDocument(origin=f"t{i}", url=f"https://example.org/{i}", title=f"Report {i}", published=day,
                       source=f"Wire {i}", text=text)


def test_incidents_follow_ingest_and_delete(options):
    cl = Conflictlens(options.replace(extract=True), extractor=FixedExtractor())
    cl.ingest_documents([doc(1, "2020-06-20", "Gunmen of the Islamic State attacked fighters in Azaz on Saturday."),
                         doc(2, "2020-06-20", "An ISIS cell killed a fighter in the town of Azaz on Saturday night.")])
    incidents = list_incidents(cl.store, EventFilter())
    assert len(incidents) == 1 and len(incidents[0].sources) == 2
    cl.delete("https://example.org/1")
    incidents = list_incidents(cl.store, EventFilter())
    assert len(incidents) == 1 and len(incidents[0].sources) == 1


def test_saved_questions_rerun_after_ingest(options):
    cl = Conflictlens(options.replace(extract=True), extractor=FixedExtractor())
    add_question(cl.store, "Has ISIS returned to Azaz?")
    cl.ingest_documents([doc(1, "2020-06-20", "Gunmen of the Islamic State attacked fighters in Azaz on Saturday.")])
    first = cl.watch(today=date(2020, 6, 25))
    assert len(first) == 1 and first[0].answer is not None
    again = cl.watch(today=date(2020, 6, 25))
    assert not again[0].changed
    cl.ingest_documents([doc(3, "2020-06-23", "Islamic State militants attacked a checkpoint in Azaz on Tuesday.")])
    later = cl.watch(today=date(2020, 6, 25))
    assert later[0].changed and later[0].answer.recent_count == 2
