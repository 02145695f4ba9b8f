"""`conflictlens gazetteer download`: GeoNames country files and admin2Codes.txt over HTTP, imported at once.

``download_countries`` fetches ``CC.zip`` for each requested country and, once, ``admin2Codes.txt``
(of which only the requested countries' rows are imported) with conditional requests
(If-None-Match / If-Modified-Since from the last download), so a second download transfers
nothing; a file whose content was imported before adds nothing either (``importers.import_file``).
Downloads go to a temporary folder beside the kept copy and replace it only once imported; the
kept copies (``downloads_dir``: next to the gazetteer) let a rebuild for new packaged data import
them again without the network.  A country that fails is reported and the others go on.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import FetchError, GazetteerError
from .gazetteer import Gazetteer
from .importers import ImportReport, Progress, import_file

GEONAMES_URL = "https://download.geonames.org/export/dump/"
ADMIN2_FILE = "admin2Codes.txt"

@dataclass(frozen=True)
class DownloadReport:
    """One requested country: what was fetched from where, and what the import did (or the error)."""

    country: str
    url: str
    imported: ImportReport | None = None
    not_modified: bool = False  # the server said the file had not changed (nothing transferred)
    error: str | None = None
    admin2: ImportReport | None = None
    admin2_error: str | None = None  # a warning: the places came in, their admin-2 names did not

    @property
    def failed(self) -> bool:
        return bool(self.error)

    def describe(self) -> str:
        if self.error:
            return f"{self.country}: failed: {self.error}"
        a2 = ""
        if self.admin2_error:
            a2 = f"; admin-2 names not imported: {self.admin2_error} (--no-admin2 skips them)"
        elif self.admin2 is not None and not self.admin2.unchanged:
            a2 = f"; {self.admin2.rows} admin-2 names"
        if self.not_modified:
            return f"{self.country}: {self.url} not modified since the last download; nothing added{a2}"
        assert self.imported is not None
        if self.imported.unchanged:
            return f"{self.country}: {self.url} unchanged ({self.imported.rows} places); nothing added{a2}"
        more = f", replacing {self.imported.replaced} of the older file" if self.imported.replaced else ""
        return f"{self.country}: imported {self.imported.rows} places from {self.url}{more}{a2}"


def downloads_dir(gazetteer: Gazetteer) -> Path:
    """Where downloads are kept by default: next to the gazetteer, so a rebuild can import them again."""
    return gazetteer.path.parent / "geonames"


@dataclass(frozen=True)
class _Fetched:
    not_modified: bool
    size: int = 0
    etag: str | None = None
    last_modified: str | None = None


def _fetch(client, url: str, target: str, limit: int, validators: tuple[str | None, str | None],
           progress: Progress | None) -> _Fetched:
    """GET ``url`` into ``target``; with the last download's validators, a 304 transfers nothing."""
    import httpx

    etag, modified = validators
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    task = f"download {url.rsplit('/', 1)[-1]}"
    try:
        with client.stream("GET", url, headers=headers) as resp:
            if resp.status_code == 304 and headers:
                return _Fetched(True, 0, etag, modified)
            if resp.status_code != 200:
                raise FetchError(url, f"HTTP {resp.status_code}")
            total = int(resp.headers.get("Content-Length") or 0) or None
            if total and total > limit:
                raise FetchError(url, f"larger than {limit} bytes ({total})")
            size = 0
            with open(target, "wb") as out:
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(url, f"larger than {limit} bytes")
                    out.write(chunk)
                    if progress:
                        progress(task, "B", size, total)
            if total and size < total:
                raise FetchError(url, f"truncated: {size} of {total} bytes")
            return _Fetched(False, size, resp.headers.get("ETag"), resp.headers.get("Last-Modified"))
    except httpx.HTTPError as exc:
        raise FetchError(url, str(exc) or type(exc).__name__) from exc
    except OSError as exc:
        raise GazetteerError(f"{target}: cannot write ({exc})") from exc


def _validators(gazetteer: Gazetteer, dataset: str, url: str) -> tuple[str | None, str | None]:
    with gazetteer.lock:
        row = gazetteer.conn.execute("SELECT etag, last_modified FROM import_files WHERE dataset = ? AND url = ?",
                                     (dataset, url)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def country_codes(countries: Iterable[str]) -> list[str]:
    """Upper-cased two-letter codes, in order, once each; a malformed one is an error before any download."""
    out = []
    for cc in countries:
        code = cc.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise GazetteerError(f"{cc!r} is not a two-letter country code (e.g. SY, IQ)")
        if code not in out:
            out.append(code)
    return out


def download_countries(gazetteer: Gazetteer, countries: Iterable[str], base_url: str, options, *,
                       keep: str | None = None, say: Callable[[str], None] = print, progress: Progress | None = None,
                       admin2: bool = True, transport=None) -> Iterator[DownloadReport]:
    """Fetch GeoNames country files (``CC.zip``) and ``admin2Codes.txt`` from ``base_url`` and import
    them (admin-2 names of the requested countries only); says what it fetches.  A file the server
    reports unchanged, or whose content was imported before, adds nothing.  A country that fails
    (HTTP error, corrupt file) is reported and the others go on."""
    import httpx

    codes = country_codes(countries)
    limit = max(int(getattr(options, "max_bytes", 0) or 0), 500_000_000)
    base = base_url.rstrip("/")
    folder = Path(keep) if keep else downloads_dir(gazetteer)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GazetteerError(f"{folder}: cannot create the downloads folder ({exc})") from exc
    with httpx.Client(timeout=options.fetch_timeout, headers={"User-Agent": options.user_agent},
                      follow_redirects=True, transport=transport,
                      trust_env=getattr(options, "fetch_trust_env", True)) as client:
        names2 = _download_admin2(gazetteer, client, codes, base, folder, limit, say, progress) if admin2 else {}
        for cc in codes:
            report = _download_country(gazetteer, client, cc, base, folder, limit, say, progress)
            a2 = names2.get(cc)
            yield replace(report, admin2=a2 if isinstance(a2, ImportReport) else None,
                          admin2_error=a2 if isinstance(a2, str) else None)


def _incoming(folder: Path, name: str) -> tuple[str, str]:
    """A download goes to a fresh temporary folder beside the kept file and replaces it only once
    imported, so the kept copy is always the one the gazetteer holds."""
    return os.path.join(tempfile.mkdtemp(prefix=".incoming-", dir=folder), name), str(folder / name)


def _settle(part: str, kept: str, imported: bool) -> None:
    if imported:
        os.replace(part, kept)
    elif os.path.exists(part):
        os.unlink(part)
    os.rmdir(os.path.dirname(part))


def _download_country(gazetteer, client, cc, base, folder, limit, say, progress) -> DownloadReport:
    url = f"{base}/{cc}.zip"
    part, kept = _incoming(folder, f"{cc}.zip")
    validators = _validators(gazetteer, f"geonames:{cc}", url)
    say(f"downloading {url} -> {kept}" + (" (if changed since the last download)" if any(validators) else ""))
    imported = False
    try:
        got = _fetch(client, url, part, limit, validators, progress)
        if got.not_modified:
            return DownloadReport(cc, url, not_modified=True)
        say(f"downloaded {got.size} bytes; importing")
        done = import_file(gazetteer, part, kind="geonames", progress=progress, url=url,
                           validators=(got.etag, got.last_modified), recorded_path=kept)
        imported = True
        return DownloadReport(cc, url, done)
    except (FetchError, GazetteerError) as exc:
        return DownloadReport(cc, url, error=str(exc))
    finally:
        _settle(part, kept, imported)


def _download_admin2(gazetteer, client, codes, base, folder, limit, say, progress) -> dict:
    """Admin-2 names for each requested country: an ImportReport, or the error as a string."""
    url = f"{base}/{ADMIN2_FILE}"
    part, kept = _incoming(folder, ADMIN2_FILE)
    have = [_validators(gazetteer, f"admin2:{cc}", url) for cc in codes]
    validators = have[0] if all(v == have[0] and any(v) for v in have) else (None, None)
    say(f"downloading {url} -> {kept} (admin-2 names; rows of {', '.join(codes)} are imported)")
    out: dict = {}
    try:
        got = _fetch(client, url, part, limit, validators, progress)
    except (FetchError, GazetteerError) as exc:
        _settle(part, kept, False)
        return {cc: str(exc) for cc in codes}
    if got.not_modified:  # every requested country's rows came from this very file
        _settle(part, kept, False)
        return out
    try:
        for cc in codes:
            try:
                out[cc] = import_file(gazetteer, part, kind="admin2", countries=[cc], progress=progress, url=url,
                                      validators=(got.etag, got.last_modified), recorded_path=kept)
            except GazetteerError as exc:
                out[cc] = str(exc)
    finally:  # the file is kept when its rows of some country came in
        _settle(part, kept, any(isinstance(r, ImportReport) for r in out.values()))
    return out
