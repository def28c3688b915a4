"""Site templates: lines that recur across many pages of one site are template, whatever they say.

Two passes over a corpus, as docs/architecture.md describes:

1. `learn` (the `cleaner learn` command) reads pages, finds each page's site (the host of its URL,
   or a field named by the caller), splits the page into the same blocks the pipeline classifies,
   and counts on how many pages of each site every *normalised block hash* occurs. Blocks that
   occur on at least `min_pages` pages and at least `min_share` of a site's pages go into a small
   profile file (JSON: per site, its page count and the sorted 64-bit hashes).
2. `--profile FILE` (Config.profile_path) applies it: the classifier drops a block whose hash the
   profile lists for the page's site, before its context pass, with the reason
   "template:<profile file name>", so it breaks prose runs like any page furniture and cannot
   come back as a headline or subheading.

Memory in `learn` is bounded whatever the corpus size: only 64-bit hashes are kept (never text);
a fixed-size bitmap remembers what was seen once (a page's own sentences never get a counter);
each site keeps at most `max_lines` counters and at most `max_sites` sites are tracked, both as
Misra-Gries summaries (a block on more than 1/(max_lines+1) of a site's repeated-block
occurrences survives, its count short by at most that much; the same for sites and pages). On a
cluster the two passes are map/reduce steps: partition pages by site, learn per partition, and
merge the profiles (`merge_profiles`, sites are disjoint).

>>> news = ["봄비가 내렸다.", "물가가 올랐다.", "선거가 끝났다.", "다리가 열렸다.", "학교가 섰다.", "눈이 왔다."]
>>> profile = learn([("a.com", f"메뉴\\n{body}\\n구독하기") for body in news], name="demo.json")
>>> profile.sites["a.com"].pages, len(profile.sites["a.com"].hashes)
(6, 2)
>>> template = profile.for_site("a.com")
>>> template("메뉴"), template("물가가 올랐다.")
('template:demo.json', None)
"""
from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterable, Iterator, Mapping, Optional, Set, Tuple
from urllib.parse import urlsplit


from cleaner.config import Config
from cleaner.decode import to_text
from cleaner.patterns import LazyPattern
from cleaner.segment import segment

# --- thresholds (documented defaults of `learn` and the `cleaner learn` options) --------------
# A block is template when it occurs on at least this many pages of a site: below it a repeat
# is as likely a quoted sentence or a sequel's recap as page furniture.
MIN_TEMPLATE_PAGES = 5
# ... and on at least this share of the site's pages. Navigation and footers sit on nearly every
# page, section menus on a tenth or more; an article paragraph reprinted on a tenth of a site's
# pages is furniture too.
MIN_TEMPLATE_SHARE = 0.1
# Counters kept per site (Misra-Gries capacity). A page has a few dozen blocks; with 1,024
# counters a block on 10% of the pages is undercounted by at most ~4% of them.
MAX_LINES_PER_SITE = 1024
# Sites tracked at once (Misra-Gries over page counts). Sites with fewer than MIN_TEMPLATE_PAGES
# pages cannot yield anything and are the first to go. 512 x 1,024 counters stay under ~60 MB.
MAX_SITES = 512

PROFILE_FORMAT = "cleaner-site-profile"
PROFILE_VERSION = 1
# The site key used when a page has no URL and no site field (e.g. learning on plain files):
# such a profile applies to every page whose site is unknown.
DEFAULT_SITE = ""

_WHITESPACE = LazyPattern(r"\s+")
_DIGITS = LazyPattern(r"\p{Nd}+")


def normalize_line(text: str) -> str:
    """The form in which a block is counted and looked up.

    Case-folded, whitespace removed (page text spaces labels every which way) and every run of
    digits read as one "0", so a dated footer or a ticker line is the same line on every page.

    >>> normalize_line(" Copyright 2024  Example News. ")
    'copyright0examplenews.'
    >>> normalize_line("많이 본 뉴스") == normalize_line("많이본뉴스")
    True
    """
    text = unicodedata.normalize("NFC", text)
    return _DIGITS.sub("0", _WHITESPACE.sub("", text.casefold()))


def line_hash(text: str) -> int:
    """A stable 64-bit hash of the normalised block (the same in every process and release).

    >>> line_hash("메뉴") == line_hash(" 메 뉴 ")
    True
    """
    digest = hashlib.blake2b(normalize_line(text).encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def site_of(url: Optional[str]) -> str:
    """The site a URL belongs to: its host, lower-cased, without a leading "www.".

    >>> site_of("https://WWW.Example.co.kr/news/1?x=2")
    'example.co.kr'
    >>> site_of("news.example.com/a/b"), site_of(None), site_of("not a url")
    ('news.example.com', '', '')
    """
    if not url or not isinstance(url, str):
        return DEFAULT_SITE
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # e.g. an invalid IPv6 literal
        return DEFAULT_SITE
    if " " in host or "." not in host and host != "localhost":
        return DEFAULT_SITE
    return host[4:] if host.startswith("www.") else host


# --- the profile ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteEntry:
    """What a profile knows about one site: how many pages were seen, which blocks are template."""

    pages: int
    hashes: FrozenSet[int]


@dataclass(frozen=True)
class SiteTemplate:
    """The template of one site: call it with a block's text to get the removal reason or None.

    Immutable and picklable, so the pipeline can hold it and ship it to worker processes.
    """

    reason: str
    hashes: FrozenSet[int] = frozenset()

    def __call__(self, text: str) -> Optional[str]:
        if self.hashes and line_hash(text) in self.hashes:
            return self.reason
        return None

    def __bool__(self) -> bool:
        return bool(self.hashes)


@dataclass(frozen=True)
class Profile:
    """A learned site-template profile: per site, its page count and its template block hashes.

    `name` is what removal reasons cite ("template:<name>"; the profile file's base name).
    `digest` is a stable digest of the content, used to fingerprint a Cleaner that holds it.
    """

    name: str
    sites: Mapping[str, SiteEntry] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return f"template:{self.name}"

    def for_site(self, site: Optional[str]) -> SiteTemplate:
        """The template of one site (empty when the profile does not know the site)."""
        entry = self.sites.get(site or DEFAULT_SITE)
        return SiteTemplate(self.reason, entry.hashes if entry else frozenset())

    def for_url(self, url: Optional[str]) -> SiteTemplate:
        return self.for_site(site_of(url))

    @property
    def digest(self) -> str:
        return hashlib.blake2b(self.dumps().encode("utf-8"), digest_size=16).hexdigest()

    def to_dict(self) -> Dict[str, Any]:
        return {
            "format": PROFILE_FORMAT,
            "version": PROFILE_VERSION,
            "hash": "blake2b-64 of normalize_line(block): casefold, no whitespace, digit runs as 0",
            "settings": dict(self.settings),
            "sites": {
                site: {"pages": entry.pages, "lines": [f"{h:016x}" for h in sorted(entry.hashes)]}
                for site, entry in sorted(self.sites.items())
            },
        }

    def dumps(self) -> str:
        """The profile file's text: sorted, so the same counts give the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    def save(self, path: str) -> None:
        tmp = f"{path}.tmp{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(self.dumps())
        os.replace(tmp, path)  # a reader never sees half a profile

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickle as the sorted file text: the same profile gives the same bytes in every process
        # (set iteration order is not part of a frozenset's value), which fingerprinting needs.
        return (_profile_from_text, (self.dumps(), self.name))


def _profile_from_text(text: str, name: str) -> Profile:
    return parse_profile(text, name)


class ProfileError(ValueError):
    """A profile file that cannot be read as one."""


def parse_profile(text: str, name: str) -> Profile:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ProfileError(f"{name}: not a cleaner profile (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != PROFILE_FORMAT:
        raise ProfileError(f"{name}: not a cleaner profile (write one with `cleaner learn`)")
    if data.get("version") != PROFILE_VERSION:
        raise ProfileError(f"{name}: profile version {data.get('version')!r} is not {PROFILE_VERSION}")
    sites: Dict[str, SiteEntry] = {}
    try:
        for site, entry in data["sites"].items():
            hashes = frozenset(int(h, 16) for h in entry["lines"])
            sites[str(site)] = SiteEntry(pages=int(entry["pages"]), hashes=hashes)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ProfileError(f"{name}: malformed profile ({type(exc).__name__}: {exc})") from None
    return Profile(name=name, sites=sites, settings=dict(data.get("settings") or {}))


def load_profile(path: str) -> Profile:
    """Read a profile file (ProfileError if it is not one, OSError if it cannot be read)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return parse_profile(text, os.path.basename(path))


@lru_cache(maxsize=8)
def _cached_profile(path: str, mtime_ns: int, size: int) -> Profile:
    return load_profile(path)


def cached_profile(path: str) -> Profile:
    """load_profile, read once per process (and again only when the file changes)."""
    stat = os.stat(path)
    return _cached_profile(path, stat.st_mtime_ns, stat.st_size)


def template_for(profile_path: str, url: Optional[str] = None, site: Optional[str] = None) -> SiteTemplate:
    """The site template a page gets from the profile file at `profile_path`."""
    profile = cached_profile(profile_path)
    return profile.for_site(site) if site is not None else profile.for_url(url)


def merge_profiles(profiles: Iterable[Profile], name: str) -> Profile:
    """One profile from several learned on disjoint partitions (the reduce step on a cluster).

    A site found in more than one keeps the union of its lines and the sum of its pages.
    """
    sites: Dict[str, SiteEntry] = {}
    settings: Dict[str, Any] = {}
    for profile in profiles:
        settings = settings or dict(profile.settings)
        for site, entry in profile.sites.items():
            old = sites.get(site)
            sites[site] = entry if old is None else SiteEntry(old.pages + entry.pages, old.hashes | entry.hashes)
    return Profile(name=name, sites=sites, settings=settings)


# --- learning ---------------------------------------------------------------------------------


class _SiteCounter:
    """Misra-Gries counts of block hashes over one site's pages (each page counts a block once)."""

    __slots__ = ("pages", "counts", "capacity")

    def __init__(self, capacity: int) -> None:
        self.pages = 0
        self.counts: Dict[int, int] = {}
        self.capacity = capacity

    def add(self, h: int, count: int) -> None:
        counts = self.counts
        if h in counts:
            counts[h] += 1
        elif len(counts) < self.capacity:
            counts[h] = count
        else:
            # Full: this hash and one count of every counter cancel out. Amortised O(1): a
            # sweep costs `capacity` and removes at least `capacity` counts.
            self.counts = {k: c - 1 for k, c in counts.items() if c > 1}


class _SeenOnce:
    """A fixed-size bitmap of keys seen once (a one-hash Bloom filter), cleared when half full.

    A page's own sentences occur once in a corpus; only a key seen a second time is worth a
    counter. Without this gate every unique line would pass through the Misra-Gries table,
    whose sweeps then cost each real template line a count per sweep.
    """

    __slots__ = ("bits", "size", "set_bits")

    def __init__(self, size_bits: int) -> None:
        self.size = size_bits
        self.bits = bytearray(size_bits // 8)
        self.set_bits = 0

    def check_and_set(self, key: int) -> bool:
        """Whether `key` was (probably) seen before; marks it seen."""
        index = key % self.size
        byte, bit = index >> 3, 1 << (index & 7)
        if self.bits[byte] & bit:
            return True
        self.bits[byte] |= bit
        self.set_bits += 1
        if self.set_bits * 2 > self.size:  # half full: false positives would grow; start over
            self.bits = bytearray(self.size // 8)
            self.set_bits = 0
        return False


# Size of the seen-once bitmap (bits). 2**26 bits are 8 MB and hold tens of millions of keys
# before a reset; a reset only means a line must be seen once more before it is counted.
SEEN_ONCE_BITS = 1 << 26


class Learner:
    """The first pass: feed it pages, then ask for the profile. Memory is bounded by the caps.

    A site is tracked from its second page and a line counted from its second sighting (a
    fixed-size seen-once bitmap gates both), then by Misra-Gries counters: at most `max_lines`
    per site and `max_sites` sites. A line that occurs on more than 1/(max_lines+1) of a site's
    repeated-line occurrences survives the caps, short by at most that many counts.
    """

    def __init__(self, *, min_pages: int = MIN_TEMPLATE_PAGES, min_share: float = MIN_TEMPLATE_SHARE,
                 max_lines: int = MAX_LINES_PER_SITE, max_sites: int = MAX_SITES,
                 config: Any = None, seen_bits: int = SEEN_ONCE_BITS) -> None:
        if min_pages < 1 or not 0.0 <= min_share <= 1.0 or max_lines < 1 or max_sites < 1:
            raise ValueError("min_pages, max_lines and max_sites must be >= 1 and min_share in [0, 1]")
        self.min_pages, self.min_share = min_pages, min_share
        self.max_lines, self.max_sites = max_lines, max_sites
        self.config = config
        self.sites: Dict[str, _SiteCounter] = {}
        self.seen = _SeenOnce(max(8, seen_bits - seen_bits % 8))
        self.pages = 0

    def add(self, site: Optional[str], text: Any) -> None:
        """Count one page (str or bytes, text or HTML) of `site`."""
        self.add_hashes(site, page_hashes(text, self.config))

    def add_hashes(self, site: Optional[str], hashes: Iterable[int]) -> None:
        """Count one page given as the distinct hashes of its blocks (see `line_hash`)."""
        self.pages += 1
        site = site or DEFAULT_SITE
        site_key = line_hash("site:" + site)
        counter = self.sites.get(site)
        if counter is None:
            if not self.seen.check_and_set(site_key):
                return  # a site's first page: one page alone says nothing about templates
            if len(self.sites) >= self.max_sites:
                # Misra-Gries over sites: every tracked site loses a page and the emptied ones
                # go; small sites (which could not reach min_pages anyway) are the ones that do.
                for key in list(self.sites):
                    entry = self.sites[key]
                    entry.pages -= 1
                    if entry.pages <= 0:
                        del self.sites[key]
                return
            counter = self.sites[site] = _SiteCounter(self.max_lines)
            counter.pages = 1  # its first page, whose lines the bitmap remembers
        counter.pages += 1
        seen = self.seen.check_and_set
        for h in hashes:
            key = h ^ site_key
            if key in counter.counts or seen(key):
                # Counted from its second sighting; that sighting's page and the first one both
                # count (the first is what the bitmap remembered).
                counter.add(key, 2)
            # else: first sighting, remembered in the bitmap only

    def profile(self, name: str) -> Profile:
        sites: Dict[str, SiteEntry] = {}
        for site, counter in self.sites.items():
            site_key = line_hash("site:" + site)
            needed = max(self.min_pages, self.min_share * counter.pages)
            hashes = frozenset(key ^ site_key for key, c in counter.counts.items() if c >= needed)
            if hashes:
                sites[site] = SiteEntry(pages=counter.pages, hashes=hashes)
        settings = {"min_pages": self.min_pages, "min_share": self.min_share,
                    "max_lines": self.max_lines, "max_sites": self.max_sites, "pages_seen": self.pages}
        return Profile(name=name, sites=sites, settings=settings)


def learn(pages: Iterable[Tuple[Optional[str], str]], name: str = "profile", **options: Any) -> Profile:
    """Learn a profile from (site, text) pairs; options as for `Learner`."""
    learner = Learner(**options)
    for site, text in pages:
        learner.add(site, text)
    return learner.profile(name)


def page_hashes(data: Any, config: Optional[Config] = None) -> Set[int]:
    """The distinct hashes (`line_hash`) of a page's blocks: what `Learner` counts of it."""
    return {line_hash(b) for b in page_blocks(data, config)}


def page_blocks(data: Any, config: Optional[Config] = None) -> Iterator[str]:
    """The block texts the pipeline would classify for this page (what a template line is):
    stage 2 (cleaner.segment) itself, fallbacks included."""
    config = config if config is not None else Config()
    return (b.text for b in segment(to_text(data), config).blocks if b.text)
