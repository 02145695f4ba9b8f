"""Stage 1: sentences and named entities (spaCy ``en_core_web_sm`` 3.8).

The model loads once, lazily, with only the components needed: the sentence
recogniser for the whole text, the entity recogniser only for sentences that may
report an event (those with a trigger word) -- most of an article is context and
never needs entities, which keeps the pipeline fast.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ..errors import ExtractionError
from ..models import Article, Mention

ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "DATE"})
_PARA_RE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its sentences and the entities of its candidate sentences."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Mention, ...]
    syntax: tuple = ()  # SentenceSyntax of the candidate event sentences (extract/syntax.py), by sentence index

    def syntax_of(self, index: int):
        return next((s for s in self.syntax if s.index == index), None)

    def entities_in(self, start: int, end: int, labels: frozenset[str] | None = None) -> list[Mention]:
        return [e for e in self.entities if e.start >= start and e.end <= end and (labels is None or e.label in labels)]


class NlpModel:
    """The spaCy model, loaded on first use (thread-safe), with two light pipelines."""

    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self._nlp = None
        self._splitter = None

    def _load(self):
        with self._lock:
            if self._nlp is None:
                try:
                    import spacy
                    nlp = spacy.load(self.name, exclude=["parser", "lemmatizer", "tagger", "attribute_ruler"])
                except (OSError, ImportError) as exc:
                    raise ExtractionError(f"cannot load the spaCy model {self.name!r}: {exc}") from exc
                if "senter" in nlp.disabled:
                    nlp.enable_pipe("senter")
                self._nlp = nlp
        return self._nlp

    @property
    def nlp(self):
        return self._nlp or self._load()

    def sentences(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Sentence spans with spaCy's rule-based sentencizer (the statistical one costs as much as NER)."""
        if self._splitter is None:
            import spacy

            splitter = spacy.blank("en")
            splitter.add_pipe("sentencizer")
            self._splitter = splitter
        docs = self._splitter.pipe(texts, batch_size=64)
        return [[(s.start_char, s.end_char) for s in doc.sents] for doc in docs]

    def entities(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        nlp = self.nlp
        with nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names]):
            docs = nlp.pipe(texts, batch_size=64)
            return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split spaCy sentences further at paragraph breaks (headlines, lists)."""
    out, pos = [], start
    for m in _PARA_RE.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


# Ranks and titles that precede a name: a full stop after them ends no sentence ("Col. Muhammad
# al-Ali was shot", "Lt. Gen. Saleh said").  Words that may end a sentence (etc., Jr., U.S.) are not here.
_TITLE_END = re.compile(
    r"(?:^|[\s(\[\"'\u201c-])(?:Col|Lt|Gen|Maj|Brig|Capt|Cpt|Cpl|Sgt|Pvt|Pte|Adm|Cmdr|Cdr|Comdr|Cmdt|Lieut|Insp|Supt|"
    r"Dr|Mr|Mrs|Ms|Messrs|Prof|Sen|Rep|Gov|Rev|Fr|Hon|Pres|Amb|Sheikh?|Mt|St|Gp|Wg|Sqn|Flt|Lt\.?-Col|Brig\.?-Gen|Maj\.?-Gen|Lt\.?-Gen)\.$")
_NUMBER_LABEL_END = re.compile(r"(?:^|\s)(?:No|Nos|Art|Vol|Fig)\.$")


def _join_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue back sentences the sentencizer cut after a rank or title ("Col.", "Lt.", "Dr."), or after
    "No." before a number, when the next words follow on the same line."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            prev, gap = text[ps:pe].rstrip(), text[pe:s]
            nxt = text[s:s + 1]
            if "\n" not in text[ps + len(prev):s] and not gap.strip() and (
                    (_TITLE_END.search(prev[-12:]) and nxt[:1].isupper())
                    or (_NUMBER_LABEL_END.search(prev[-6:]) and nxt[:1].isdigit())):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _sentences(text: str, spans: list[tuple[int, int]]) -> tuple[Sentence, ...]:
    spans = _join_titles(text, spans)
    para_starts = [0] + [m.end() for m in _PARA_RE.finditer(text)]
    out: list[Sentence] = []
    p = 0
    for s, e in spans:
        for a, b in _split_long(text, s, e):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b <= a:
                continue
            while p + 1 < len(para_starts) and para_starts[p + 1] <= a:
                p += 1
            out.append(Sentence(len(out), a, b, text[a:b], p))
    return tuple(out)


def parse_many(articles: Sequence[Article], model: NlpModel,
               wanted: Callable[[str], bool]) -> list[ParsedArticle]:
    """Sentences for every article; entities for the sentences where ``wanted(text)``."""
    texts = [a.text for a in articles]
    all_spans = model.sentences(texts)
    sentence_sets = [_sentences(t, spans) for t, spans in zip(texts, all_spans)]
    jobs: list[tuple[int, Sentence]] = []
    for ai, sents in enumerate(sentence_sets):
        for s in sents:
            if wanted(s.text):
                jobs.append((ai, s))
    ents: list[list[Mention]] = [[] for _ in articles]
    if jobs:
        results = model.entities([s.text for _, s in jobs])
        for (ai, s), found in zip(jobs, results):
            for a, b, label in found:
                if label in ENTITY_LABELS:
                    ents[ai].append(Mention(texts[ai][s.start + a:s.start + b], s.start + a, s.start + b, label))
    return [ParsedArticle(a, sents, tuple(e)) for a, sents, e in zip(articles, sentence_sets, ents)]


def parse_article(article: Article, model: NlpModel, wanted: Callable[[str], bool]) -> ParsedArticle:
    return parse_many([article], model, wanted)[0]


def iter_batches(items: Iterable, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
