"""Stage: where an article's places are -- country and first-level region from the text itself.

Event notes and news reports put a place in its district, region and country:
"in Kasumbalesa (Sakania, Haut-Katanga)", "near Orikhove, Luhansk", "in Cuauhtemoc
municipality, Chihuahua", "in Abyan governorate".  ``region_index()`` knows the world's
first-level regions (ISO 3166-2 names from pycountry, plus ``data/coding/regions.toml`` for
the names news use instead); ``admin_chain`` reads the chain of containers that follows a
place name; ``article_regions`` votes for the article's country from the regions and
country names it mentions.  ``checked_place`` then refuses a geocoded point that contradicts
what the text says (a namesake abroad or in another region): a candidate that fits wins,
else the name is kept without coordinates.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..models import Place

DATA = Path(__file__).resolve().parent.parent / "data" / "coding" / "regions.toml"
_KIND = r"(?:(?:town|city)\s+cent(?:er|re)|district|state|province|department|region|governorate|oblast|county|prefecture|municipality|LGA|" \
        r"division|subdivision|commune|zone|township|territory|mandal|tehsil|sub-?district|city|town|village|area)"
_SUFFIX = re.compile(r"\s+(?:" + _KIND + r"|oblast'?|\[city\])\s*$", re.I)
_NAME = r"[A-Z\u00C0-\u024F][\w'\u2019&.\-]*(?:\s+(?:(?:de|del|da|do|la|el|al|of|and|y)\s+)?[A-Z\u00C0-\u024F][\w'\u2019&.\-]*){0,3}"
_PAREN = re.compile(r"\(([^()]{2,90})\)")
_COMMA_CHAIN = re.compile(r"(?P<head>" + _NAME + r")(?P<chain>(?:\s*,\s*" + _NAME + r"(?:\s+" + _KIND + r")?){1,3})"
                          r"(?=\s*(?:[,.;:)\]]|$|\s+(?:on|in|at|and|where|when|after|before|as|with|against|to|from)\b|\s*\())")
_IN_REGION = re.compile(r"\b(?:in|of|across)\s+(?:the\s+)?(?P<name>" + _NAME + r")\s+(?:" + _KIND + r")\b")


def fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[\u2018\u2019\u02bb\u02bc'`\u00b4]", "", s).lower()
    s = re.sub(r"[\s\-_]+", " ", s).strip(" .,")
    return s


@dataclass(frozen=True)
class Region:
    country: str  # ISO2
    name: str  # the canonical name (pycountry / GeoNames form)


@dataclass(frozen=True)
class RegionIndex:
    regions: dict  # folded name -> tuple[Region, ...]
    countries: dict  # folded country name / demonym-free alias -> ISO2
    names_of: dict  # Region -> frozenset of folded names
    ignore: frozenset


@lru_cache(maxsize=1)
def region_index() -> RegionIndex:
    import pycountry

    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    regions: dict[str, set] = {}
    names_of: dict[Region, set] = {}

    def add(key: str, region: Region):
        key = fold(key)
        if len(key) < 2:
            return
        regions.setdefault(key, set()).add(region)
        names_of.setdefault(region, set()).add(key)

    for sub in pycountry.subdivisions:
        name = sub.name
        region = Region(sub.country_code, fold(_SUFFIX.sub("", name)))
        add(name, region)
        add(_SUFFIX.sub("", name), region)
        add(re.sub(r"\s*\[[^\]]*\]", "", name), region)
    by_code = {s.code: s for s in pycountry.subdivisions}
    for sub in pycountry.subdivisions:  # a province is checked against the first-level region it lies in
        parent = by_code.get(getattr(sub, "parent_code", None) or "")
        while parent is not None and by_code.get(getattr(parent, "parent_code", None) or "") is not None:
            parent = by_code[parent.parent_code]
        if parent is not None:
            region = Region(sub.country_code, fold(_SUFFIX.sub("", sub.name)))
            names_of.setdefault(region, set()).update(
                k for k in (fold(parent.name), fold(_SUFFIX.sub("", parent.name))) if len(k) >= 2)
    for key, parents in data.get("parents", {}).items():
        cc, _, name = key.partition(":")
        region = Region(cc, fold(_SUFFIX.sub("", name)))
        names_of.setdefault(region, set()).update(fold(p) for p in parents)
    for alias, (cc, canonical) in data.get("alias", {}).items():
        region = Region(cc, fold(_SUFFIX.sub("", canonical)))
        add(alias, region)
        add(canonical, region)
    countries: dict[str, str] = {}
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
            if n:
                countries[fold(n)] = c.alpha_2
                if "," in n:
                    countries[fold(n.split(",")[0])] = c.alpha_2
    for extra, cc in (("drc", "CD"), ("dr congo", "CD"), ("democratic republic of congo", "CD"), ("ivory coast", "CI"),
                      ("cote d ivoire", "CI"), ("burma", "MM"), ("palestine", "PS"), ("gaza", "PS"), ("west bank", "PS"),
                      ("palestinian territory", "PS"), ("palestinian territories", "PS"), ("bonaire saint eustatius and saba", "BQ"),
                      ("russia", "RU"), ("iran", "IR"), ("syria", "SY"), ("south korea", "KR"), ("north korea", "KP"),
                      ("bolivia", "BO"), ("venezuela", "VE"), ("tanzania", "TZ"), ("laos", "LA"), ("vietnam", "VN"),
                      ("moldova", "MD"), ("kosovo", "XK"), ("eswatini", "SZ"), ("swaziland", "SZ"), ("turkey", "TR"),
                      ("czech republic", "CZ"), ("macedonia", "MK"), ("north macedonia", "MK"), ("uk", "GB"),
                      ("united kingdom", "GB"), ("usa", "US"), ("united states", "US"), ("the gambia", "GM"),
                      ("republic of congo", "CG"), ("congo brazzaville", "CG"), ("east timor", "TL"),
                      ("democratic republic of the congo", "CD"),
                      ("the netherlands", "NL"), ("brunei", "BN"), ("vatican", "VA"), ("falkland islands", "FK"),
                      ("cocos islands", "CC"), ("saint martin", "MF"), ("sint maarten", "SX"),
                      ("u.s. virgin islands", "VI"), ("us virgin islands", "VI")):
        countries[extra] = cc
    ignore = frozenset(fold(w) for w in data.get("ignore", []))
    return RegionIndex({k: tuple(sorted(v, key=lambda r: (r.country, r.name))) for k, v in regions.items()},
                       countries, {r: frozenset(v) for r, v in names_of.items()}, ignore)


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Administrative words one country alone uses ("barangay" -> PH), from regions.toml."""
    return dict(tomllib.loads(DATA.read_text(encoding="utf-8")).get("country_words", {}))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Adjective -> ISO2 from the actor table's countries.csv ("Ukrainian" -> UA); ambiguous ones left out."""
    import csv

    path = Path(__file__).resolve().parent.parent / "data" / "actors" / "countries.csv"
    index = region_index()
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(rows):
        cc = index.countries.get(fold(row.get("country") or ""))
        for adj in (row.get("adjectives") or "").split("|"):
            adj = adj.strip()
            if adj and cc:
                seen[adj] = seen.get(adj, 0) + 1
                out[adj] = cc
    return {a: c for a, c in out.items() if seen[a] == 1}


# peoples, sects and language groups news name as adjectives ("Shiite-majority", "Kurdish-held",
# "Fulani settlers"): words of who lives or acts somewhere, never the name of the place itself
_PEOPLE_WORDS = frozenset("""
arab arabs kurd kurds kurdish shia shiite shiites sunni sunnis alawite alawites druze yazidi yazidis christian
christians muslim muslims jewish jews assyrian assyrians armenian turkmen turkoman circassian bedouin baloch
balochi baluch pashtun pashtuns tajik hazara hazaras uzbek fulani fula peul hausa kanuri tuareg touareg
dogon bambara igbo yoruba tiv amhara oromo tigrayan somali dinka nuer rohingya rakhine kachin karen shan
hutu tutsi lendu hema banyamulenge maasai kikuyu luo kalenjin hindu hindus sikh sikhs buddhist buddhists
catholic catholics protestant coptic copts maronite ismaili salafi wahhabi houthi zaidi sahrawi
""".split())


@lru_cache(maxsize=1)
def adjective_words() -> frozenset[str]:
    """Folded adjectives and demonyms of every country in the actor table (ambiguous ones too:
    "Congolese"), with the peoples and sects of ``_PEOPLE_WORDS``: words that say whose a
    place or force is ("Syrian", "Turkish", "Shiite"), not where an event happened."""
    import csv

    path = Path(__file__).resolve().parent.parent / "data" / "actors" / "countries.csv"
    out = set(_PEOPLE_WORDS)
    with open(path, encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(rows):
        out.update(fold(a) for a in (row.get("adjectives") or "").split("|") if a.strip())
    return frozenset(w for w in out if w)


def _lookup(name: str, index: RegionIndex, ignore: bool = True) -> tuple[Region, ...]:
    """``ignore=False``: also a region the index ignores as too often something else ("Niger")."""
    key = fold(name)
    if ignore and key in index.ignore:
        return ()
    found = index.regions.get(key)
    if not found:
        bare = fold(_SUFFIX.sub("", name))
        if ignore and bare in index.ignore:
            return ()
        found = index.regions.get(bare, ())
    return found


def region_lookup(name: str) -> tuple[Region, ...]:
    """The first-level regions a container name may be ("Centre": several countries')."""
    return _lookup(name, region_index())


def _country(name: str, index: RegionIndex) -> str | None:
    return index.countries.get(fold(_SUFFIX.sub("", name)))


def admin_chain(text: str, end: int) -> list[str]:
    """The containers the text gives right after a place name ending at ``end``:
    "X (A, B)", "X, A, B", "X district, A province", "X village in A district (B)"."""
    after = text[end:end + 160]
    out: list[str] = []
    m = re.match(r"\s*(?:" + _KIND + r"s?\s*)?(?:\[[^\]]{0,40}\]\s*)?\(([^()]{2,90})\)", after, re.I)
    if m:
        out += [p.strip() for p in re.split(r"[,;/]", m.group(1)) if p.strip()]
        after = after[m.end():]
    kind = r"(?i:" + _KIND + r")"  # names stay capitalised: ", in Gbear subdivision" is no name
    m = re.match(r"(?:\s+" + kind + r")?((?:\s*,\s*(?:(?i:the)\s+)?" + _NAME + r"(?:\s+" + kind + r")?){1,3})", after)
    if m:
        out += [p.strip() for p in m.group(1).split(",") if p.strip()]
        after = after[m.end():]
        m = re.match(r"\s*\(([^()]{2,90})\)", after)  # "X village, Y (Z)"
        if m:
            out += [p.strip() for p in re.split(r"[,;/]", m.group(1)) if p.strip()]
            after = after[m.end():]
    m = re.match(r"(?:\s+" + _KIND + r")?,?\s+(?:in|of|under|near)\s+(?:the\s+)?"
                 r"(?:(?:north|south|east|west|central)(?:ern)?(?:-?(?:east|west)(?:ern)?)?\s+)?(" + _NAME + r")(?:\s+" + _KIND + r")?"
                 r"(?:\s*\(([^()]{2,60})\)|((?:\s*,\s*" + _NAME + r"){1,2}))?", after)
    if m:
        out.append(m.group(1))
        tail = m.group(2) or m.group(3) or ""
        out += [p.strip() for p in re.split(r"[,;/]", tail) if p.strip()]
    cleaned = []
    for p in out:
        p = re.sub(r"^(?:the|and)\s+", "", p.strip(), flags=re.I)
        p = re.sub(r"(?<=\w{4})\.\s.*$", "", p).rstrip(".")  # "Laguna. Police said": the sentence ends there
        if p and p[0].isupper():
            cleaned.append(p)
    return cleaned


@dataclass(frozen=True)
class ArticleRegions:
    countries: tuple[str, ...]  # ISO2, most supported first
    regions: tuple[Region, ...]  # regions named in the text
    names: tuple[str, ...]  # the region names as written
    weak: frozenset[str] = frozenset()  # countries only a people's name points to ("Syrian mercenaries")


_BELOW_REGION = re.compile(r"\s(?:municipality|LGA|commune|township|tehsil|mandal|sub-?district)$", re.I)


def regions_of(names: list[str]) -> tuple[list[Region], Counter]:
    """The regions and country votes of a list of container names."""
    index = region_index()
    found: list[Region] = []
    votes: Counter = Counter()
    for n in names:
        cc = _country(n, index)
        if cc:
            elsewhere = [r for r in _lookup(n, index, ignore=False) if r.country != cc]
            if not elsewhere:
                votes[cc] += 2
                continue
            # "Niger", "Georgia", "Mexico": a country, or a region of another country ("Rafi LGA, Niger")
            votes[cc] += 1
            for r in elsewhere:
                votes[r.country] += 1 / len(elsewhere)
            if len(elsewhere) == 1:
                found.append(elsewhere[0])
            continue
        if _BELOW_REGION.search(n):
            continue  # "Sucre municipality", "Bassa LGA": a unit below the region named alike
        regs = _lookup(n, index)
        for r in regs:
            votes[r.country] += 1.5 / len(regs)
        if len(regs) == 1:
            found.append(regs[0])
    return found, votes


def article_regions(text: str) -> ArticleRegions:
    """Country and region votes from the parentheses, comma chains and "in X province" of a text."""
    index = region_index()
    names: list[str] = []
    for m in _PAREN.finditer(text):
        names += [p.strip() for p in re.split(r"[,;/]", m.group(1)) if p.strip() and p.strip()[0].isupper()]
    for m in _COMMA_CHAIN.finditer(text):
        names += [p.strip() for p in m.group("chain").split(",") if p.strip()]
    for m in _IN_REGION.finditer(text):
        names.append(m.group("name"))
    regions, votes = regions_of(names)
    for m in re.finditer(r"\b[A-Z][\w\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w\-]*){0,4}", text):
        cc = _country(m.group(0), index)
        if cc:
            votes[cc] += 1
    for word, cc in _country_words().items():
        if re.search(r"\b" + re.escape(word) + r"\b", text, 0 if word.isupper() else re.I):
            votes[cc] += 1
    demonyms = _demonyms()
    named = set(votes)
    for m in re.finditer(r"\b([A-Z][a-z]+(?:ese|ian|ean|ish|an|i|ic))s?\b(?!-(?:led|backed|based|funded|allied))", text):
        cc = demonyms.get(m.group(1))  # "Saudi-led coalition" says who acts, not where; "Palestinians" is a people
        if cc:
            votes[cc] += 0.5
    return ArticleRegions(tuple(c for c, _ in votes.most_common()), tuple(dict.fromkeys(regions)),
                          tuple(dict.fromkeys(n for n in names if _lookup(n, index))),
                          frozenset(c for c in votes if c not in named))


_DIRECTIONS = re.compile(r"\b(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower|middle|"
                         r"north-?east|north-?west|south-?east|south-?west|northeast|northwest|southeast|southwest)\b")


def _same_region(admin1: str | None, region: Region) -> bool:
    if not admin1:
        return False
    from ..geo.translit import name_key, skeleton_key

    key = fold(_SUFFIX.sub("", admin1))
    key = re.sub(r"^(?:al|as|ash|ad|an|ar|at|az|el)\s+", "", key)
    spelled = name_key(key)
    skeleton = skeleton_key(spelled)
    for n in region_index().names_of.get(region, ()):
        n = re.sub(r"^(?:al|as|ash|ad|an|ar|at|az|el)\s+", "", n)
        if n == key:
            return True
        # loose comparisons only between names with the same directions: "North Kordofan" is not
        # "South Kordofan" nor "Kordofan", "Eastern Cape" not "Eastern Visayas"
        if _DIRECTIONS.findall(n) == _DIRECTIONS.findall(key):
            if len(n) >= 5 and len(key) >= 5 and n[:5] == key[:5] and not _DIRECTIONS.match(n):
                return True
            if len(key) >= 8 and len(n) >= 8 and (key in n or n in key):  # "Muslim Mindanao (ARMM)"
                return True
        other = name_key(n)  # "Lowgar" / "Logar", "Ghowr" / "Ghor": one region in two spellings
        if other == spelled or (len(skeleton) >= 3 and skeleton_key(other) == skeleton):
            return True
    return False


def country_level(place: Place) -> bool:
    """A place coded to a whole country's centre (a fallback that places nothing)."""
    return (place.precision or 0) >= 3 and not place.admin1 and \
        (fold(place.matched_name or "") in region_index().countries or "feature=PCLI" in (place.reason or ""))


def iso2(country: str | None) -> str | None:
    """ISO2 code of a country name (or of an ISO2 code)."""
    return _iso2(country)


def _country_name(cc: str) -> str:
    """"PH" -> "Philippines" (the short name the events carry)."""
    import pycountry

    found = pycountry.countries.get(alpha_2=cc) if len(cc) == 2 else None
    return (getattr(found, "common_name", None) or found.name) if found else cc


def _iso2(country: str | None) -> str | None:
    if not country:
        return None
    if len(country) == 2 and country.isupper():
        return country
    return region_index().countries.get(fold(country))


def checked_place(place: Place | None, country: str | None, regions: tuple[Region, ...]) -> Place | None:
    """A geocoded place that contradicts the text's country or region is replaced by a candidate
    that fits, else kept as a name without coordinates."""
    if place is None or place.latitude is None or not (country or regions):
        return place
    pc = _iso2(place.country)
    wanted = [r for r in regions if not country or r.country == country]
    country = country or (wanted[0].country if wanted else None)
    if pc and country and pc != country:
        why = f"namesake in {place.country}, the text puts it in {country}"
    elif pc and wanted and place.admin1 and not any(_same_region(place.admin1, r) for r in wanted) \
            and (place.precision or 1) < 3:
        why = f"namesake in {place.admin1}, the text puts it in {', '.join(r.name for r in wanted)}"
    else:
        return place
    from ..geo.translit import name_key

    spelled = name_key(place.matched_name or place.name)
    for c in place.candidates:
        if c.feature not in ("P", "S", "") or (country and c.country != country):
            continue
        if pc == c.country and name_key(c.name) != spelled:
            continue  # another name's village in the region ("Orikhivka" for "Orikhove"): not the place
        if wanted and not any(_same_region(c.admin1, r) for r in wanted if r.country == c.country):
            continue
        return replace(place, latitude=c.latitude, longitude=c.longitude, country=place.country if pc == c.country
                       else _country_name(c.country), admin1=c.admin1, geonameid=c.geonameid, matched_name=c.name,
                       reason=f"{place.reason}; {why}: candidate {c.name} ({c.admin1}) fits")
    return replace(place, latitude=None, longitude=None, reason=f"{place.reason}; {why}: coordinates dropped")


@dataclass(frozen=True)
class OperatingArea:
    country: str  # ISO2
    regions: tuple[Region, ...]


@lru_cache(maxsize=1)
def _operating_areas() -> tuple[tuple[re.Pattern, re.Pattern | None, OperatingArea], ...]:
    """(cues, strong cues, area): ``cues`` count in a text set in the area's country; only the
    distinctive ``strong_cues`` count in a text that names no country ("NAF" is also Nigeria's
    air force; "OSCE SMM" is only Ukraine's monitors)."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8")).get("operating_areas", {})

    def words(cues) -> re.Pattern | None:
        cues = sorted(cues, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w-])") if cues else None

    out = []
    for cc, area in data.items():
        regions = tuple(dict.fromkeys(r for n in area.get("regions", []) for r in region_lookup(n) if r.country == cc))
        strong = area.get("strong_cues", [])
        if regions and (area.get("cues") or strong):
            out.append((words(list(area.get("cues", [])) + list(strong)), words(strong), OperatingArea(cc, regions)))
    return tuple(out)


def operating_area(text: str, country: str | None) -> OperatingArea | None:
    """The regions where the forces or missions a text names operate ("OSCE SMM" -> Donetsk and
    Luhansk), from ``regions.toml``; None when the text names none or is set in another country."""
    for every, strong, area in _operating_areas():
        rx = every if country == area.country else strong if country is None else None
        if rx is not None and rx.search(text):
            return area
    return None


def town_of_region(place: Place, regions) -> Place:
    """"Veracruz, Veracruz": a place coded to a region's centre whose text puts it in the region of
    the same name is the region's town of that name, when the gazetteer has one in the region."""
    if place.latitude is None or (place.precision or 0) < 3:
        return place
    key = fold(_SUFFIX.sub("", place.name))
    own = [r for r in regions if key in region_index().names_of.get(r, ())]
    for c in place.candidates if own else ():
        if c.feature == "P" and fold(c.name) == key and any(c.country == r.country and _same_region(c.admin1, r)
                                                             for r in own):
            return replace(place, latitude=c.latitude, longitude=c.longitude, admin1=c.admin1, geonameid=c.geonameid,
                           matched_name=c.name, precision=1,
                           reason=f"{place.reason}; the text puts it in the region of its name: its town {c.name}")
    return place
