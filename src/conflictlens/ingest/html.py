"""HTML page -> article text and page metadata.

``html_to_document(raw)`` turns a ``RawDocument`` carrying ``html`` into one
carrying ``text``:

1. metadata is read from the untouched page: title (og:title, trafilatura,
   <title>), publication date (article:published_time and similar meta tags,
   itemprop/JSON-LD ``datePublished``, <time datetime>, then trafilatura's),
   site name (og:site_name, JSON-LD publisher, trafilatura) and language
   (<html lang>).  Fields the raw record already has are kept.
2. page chrome is removed from a copy of the tree: scripts, styles, forms,
   navigation, and elements whose class or id names a share bar, search box,
   breadcrumb, tag list, keyword block, newsletter box or related-links box.
3. trafilatura extracts the main text (no comments, no tables, favouring
   precision); when it finds nothing, a plain lxml block-text extraction is used.
4. furniture that survived (translation disclaimers, share bars, "Helpful
   keywords" blocks ...) is dropped with the shared rules of
   ``data/furniture.txt`` (``clean.clean_text``), as is a line repeating the title.

No I/O except reading the bundled furniture rules once (in ``clean``).
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, replace

import lxml.etree
import lxml.html
import trafilatura

from ..errors import InputError
from ..models import RawDocument
from .clean import clean_text

DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
             "input", "select", "textarea", "nav", "object", "embed")
KEEP_TAGS = frozenset({"html", "body", "main", "article"})
_CHROME_TOKEN_RE = re.compile(
    r"^(?:[a-z0-9]+[-_])?(?:share|sharing|sharer|social|breadcrumbs?|search|searchbox|searchform|tags|taglist|"
    r"keywords|newsletter|related|cookies?|subscribe|advert|advertisement|ads)"
    r"(?:[-_](?:bar|box|buttons?|links?|list|form|block|wrap|wrapper|container|area|section|widget|icons?|"
    r"tools|posts?|articles?|stories|items?|banner|notice))*$",
    re.IGNORECASE,
)
_CHROME_ROLES = frozenset({"navigation", "search", "banner", "contentinfo", "complementary"})
DATE_META_NAMES = (
    "article:published_time", "og:published_time", "og:article:published_time", "article.published",
    "datepublished", "date_published", "publishdate", "publish-date", "publish_date", "pubdate",
    "publication_date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.date", "date",
)
BLOCK_TAGS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "blockquote", "pre", "tr", "td", "th", "table", "br", "header", "footer", "aside", "figure",
              "figcaption", "dd", "dt", "hr")
_WS_RE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    published: str | None = None
    site_name: str | None = None
    language: str | None = None


def html_to_document(raw: RawDocument) -> RawDocument:
    """Main text and metadata of an HTML page; raises ``InputError`` when the page cannot be parsed."""
    if raw.html is None:
        return raw
    tree = parse_html(raw.html, raw.origin)
    meta = page_metadata(tree)
    title_tag = _title_tag(tree)
    # trafilatura's own metadata pass (dates by htmldate) is slow: only when the page lacks some
    need_meta = not ((raw.title or meta.title) and (raw.published or meta.published)
                     and (raw.source or meta.site_name))
    extracted = _trafilatura(strip_chrome(tree), raw.url, with_metadata=need_meta)  # the tree is consumed
    text = extracted.text if extracted is not None else ""
    if not text or not text.strip():
        text = plain_text(parse_html(raw.html, raw.origin))
    title = raw.title or meta.title or (extracted.title if extracted is not None else None) or title_tag
    text = clean_text(text, _squash(title))
    published = raw.published or meta.published or (extracted.date if extracted is not None else None)
    site = raw.source or meta.site_name or (extracted.sitename if extracted is not None else None)
    return replace(raw, text=text, html=None, title=_squash(title), published=_squash(published),
                   source=_squash(site), language=raw.language or meta.language)


def parse_html(markup: str, origin: str = "<html>") -> lxml.html.HtmlElement:
    """Parse a page leniently (encoding declarations inside a str are tolerated)."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(origin, f"cannot parse HTML: {exc}") from exc
    return tree


def page_metadata(tree: lxml.html.HtmlElement) -> PageMetadata:
    """Title, publication date, site name and language declared by the page itself."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in metas:
            metas[key] = value
    ld = _json_ld(tree)
    published = next((metas[n] for n in DATE_META_NAMES if n in metas), None)
    if not published:
        published = ld.get("datePublished")
    if not published:
        for el in tree.xpath("//*[@itemprop='datePublished']"):
            published = el.get("datetime") or el.get("content") or (el.text_content() or "").strip() or None
            if published:
                break
    if not published:
        times = tree.xpath("//time[@datetime]")
        preferred = [t for t in times if t.get("pubdate") is not None
                     or re.search(r"publish|posted|date", t.get("class") or "", re.I)]
        for t in preferred or times:
            published = t.get("datetime").strip() or None
            if published:
                break
    site = metas.get("og:site_name") or ld.get("publisher") or metas.get("application-name")
    title = metas.get("og:title") or metas.get("twitter:title") or ld.get("headline")
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or metas.get("og:locale")
    if lang:
        lang = re.split(r"[-_]", lang.strip())[0].lower() or None
    return PageMetadata(title=_squash(title), published=_squash(published), site_name=_squash(site),
                        language=lang)


def strip_chrome(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Remove scripts, forms, navigation and share/search/tag/related boxes (in place; returns the tree)."""
    doomed = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in DROP_TAGS:
            doomed.append(el)
            continue
        if tag in KEEP_TAGS:
            continue
        role = (el.get("role") or "").lower()
        tokens = (el.get("class") or "").split() + ([el.get("id")] if el.get("id") else [])
        if role in _CHROME_ROLES or any(_CHROME_TOKEN_RE.match(t) for t in tokens):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return tree


def plain_text(tree: lxml.html.HtmlElement) -> str:
    """Fallback extraction: the visible text of the body, one block per line."""
    tree = strip_chrome(copy.deepcopy(tree))
    for el in tree.iter(*BLOCK_TAGS, "header", "footer"):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    body = tree.find("body")
    raw = (body if body is not None else tree).text_content()
    lines = (_WS_RE.sub(" ", line).strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura(tree: lxml.html.HtmlElement, url: str | None, with_metadata: bool = True):
    try:
        return trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=False, favor_precision=True,
            with_metadata=with_metadata, include_images=False, include_links=False,
        )
    except Exception:  # noqa: BLE001 - trafilatura can fail in many ways on odd markup; fall back
        return None


def _json_ld(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """datePublished, headline and publisher name from JSON-LD blocks (first found wins)."""
    found: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key in ("datePublished", "headline"):
                if isinstance(node.get(key), str) and key not in found:
                    found[key] = node[key]
            pub = node.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str) and "publisher" not in found:
                found["publisher"] = pub["name"]
            if "@graph" in node:
                walk(node["@graph"])

    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            walk(json.loads(script.text or ""))
        except (ValueError, RecursionError):
            continue
    return found


def _title_tag(tree: lxml.html.HtmlElement) -> str | None:
    el = tree.find(".//title")
    if el is None or not (el.text_content() or "").strip():
        return None
    title = _squash(el.text_content())
    parts = re.split(r"\s+[|\u2013\u2014-]\s+", title or "")
    return max(parts, key=len) if len(parts) > 1 else title


def _squash(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
