"""Stage 1: bytes or str in, normalised str out.

Bytes are decoded in this order, first answer wins:
  1. gzip magic: decompress first (scraped dumps are often stored .gz);
  2. a byte-order mark (UTF-8, UTF-16, UTF-32);
  3. strict UTF-8, when the bytes are valid UTF-8 (most of the web, and the fastest check).
     This comes before the declaration because pages saved or converted to UTF-8 keep their
     old `<meta charset=euc-kr>`, while Korean text in EUC-KR/CP949 is never valid UTF-8 (its
     lead bytes 0xB0-0xC8 cannot start a UTF-8 sequence);
  4. a charset declared near the start of an HTML page (<meta charset>, http-equiv, or an XML
     declaration), "euc-kr" read as its superset CP949 as browsers do; a declared page with a
     few broken bytes is still read in its declared charset;
  5. CP949 when the bytes are valid CP949 and read as Korean there: nearly every non-ASCII
     character a Hangul syllable, most of them KS X 1001's 2,350 common ones (KOREAN_SHARE);
  6. charset-normalizer's best guess (other undeclared pages);
  7. UTF-8 with replacement characters, so decoding itself never fails.

Step 5 exists because a statistical detector needs more text than a short input has:
charset-normalizer read "삼성" in EUC-KR (4 bytes) as GB2312, "鳴撩". Korean comes first here,
and the test is sharp for it: in EUC-KR/CP949 those syllables are exactly the byte pairs
B0-C8 x A1-FE, and the other legacy encodings rarely land only there: Shift_JIS kana and most
kanji fall in CP949's extension syllables or Hanja rows, EUC-JP kana in its jamo and symbol
rows, Latin-1 letters mostly are not followed by a second high byte at all. Chinese GB2312
shares those rows with Hangul (about two hanzi in three of level 1 land in them), so a Chinese
text of a word or two can still be read as Hangul: the price of Korean first, paid only by
input too short for any detector to tell; a longer Chinese text always has hanzi outside them.

Then the text is normalised so that later stages see one spelling of each thing:
NFC (macOS hands out NFD Hangul, which looks the same and matches nothing), one kind of line
break, no control characters, no invisible zero-width characters inside words, and the exotic
spaces (NBSP, ideographic space ...) as plain spaces. Each of these only removes characters or
changes whitespace, which keeps the project's promise that nothing is invented.

>>> normalize("삼성\\u200b전자\\r\\n")
'삼성전자\\n'
>>> import unicodedata; normalize(unicodedata.normalize("NFD", "한국")) == "한국"
True
"""
from __future__ import annotations

import codecs
import os
import unicodedata
import zlib
from functools import lru_cache
from typing import Optional, Union

import regex

from cleaner.patterns import LazyPattern

# How far into a page a charset declaration may be and still count (HTML5 says 1024 bytes;
# real Korean pages put long scripts and styles first: blog skins reach 11 KB).
DECLARATION_WINDOW = 16384

# A page decoded in its declared charset may have this share of undecodable characters (a cut
# last character, a stray byte pasted in: each costs one to three) before the declaration is doubted.
MAX_DECLARED_ERROR_SHARE = 0.01

# Undeclared bytes that are valid CP949 are read as Korean when at least this share of their
# non-ASCII characters (punctuation and symbols aside) are Hangul syllables (module docstring,
# step 5). Korean prose has Hanja and other signs too; text in other encodings read as CP949 is
# far below (Chinese GB2312 text about two thirds, Japanese less).
KOREAN_SHARE = 0.9
# ... and at least this share of those syllables are KS X 1001's common ones, not CP949's
# extension syllables (a name like "똠양꿍" has one; Shift_JIS kana read as CP949 are all such).
COMMON_SYLLABLE_SHARE = 0.5

# A gzip member starts with these two bytes.
GZIP_MAGIC = b"\x1f\x8b"

# Decompressing is capped so a tiny gzip bomb cannot eat the machine.
MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024

# Input is binary (an image, an archive, an executable), not text in some encoding, when more
# than this share of its first BINARY_SAMPLE_BYTES, decoded, is control characters or
# undecodable bytes. Text with stray NUL bytes or a broken byte here and there stays far below
# it; compressed and machine data measure 0.5 and more (Perl's -B file test uses 30% too).
BINARY_SHARE = 0.3
BINARY_SAMPLE_BYTES = 64 * 1024
# UTF-16 without a BOM is text though many of its bytes are NUL: the high byte of every ASCII
# character (spaces, digits, punctuation; in Korean text a fifth of the characters or more),
# always on the same side of the byte pair. Binary data has NULs on both sides.
UTF16_MIN_NUL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_DECLARED_CHARSET = LazyPattern(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    regex.IGNORECASE,
)
# A declaration of a Unicode encoding is only ever true of bytes that are valid UTF-8 (tried
# first) or carry a BOM; a page declaring UTF-16 without a BOM is read as browsers read it.
_UNICODE_CODECS = frozenset(("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"))

# Korean sites declare "euc-kr" but use CP949's extra syllables; decoding as CP949 is a strict
# superset, so the declaration is honoured without losing those syllables.
_CHARSET_ALIASES = {"euc-kr": "cp949", "euckr": "cp949", "ks_c_5601-1987": "cp949", "x-windows-949": "cp949"}

# Characters that carry no text: zero-width space, word joiner, BOM used as ZWNBSP, soft hyphen,
# and the replacement character (a byte that could not be decoded: "정부가\ufffd" would put in
# the output a character nobody wrote).
_INVISIBLE = LazyPattern(r"[\u200b\u2060\ufeff\u00ad\ufffd]")
# ZWJ/ZWNJ are meaningful in emoji sequences and in Arabic or Indic scripts, but next to Hangul
# they only split a word in two for every search; drop them there only.
_JOINER_NEXT_TO_HANGUL = LazyPattern(r"(?<=\p{Hangul})[\u200c\u200d]+|[\u200c\u200d]+(?=\p{Hangul})")
# What binary data decodes to: C0 controls other than the text ones (tab, line breaks, form
# feed, and ESC for terminal colours), DEL and C1 controls, and replacement characters.
_BINARY_JUNK = LazyPattern(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")
# Control characters except tab and newline, and lone surrogates (they cannot be written out).
_CONTROL = LazyPattern(r"[\p{Cc}--[\t\n]]|\p{Cs}", regex.V1)
_LINE_BREAKS = LazyPattern(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Every horizontal space that is not a plain space or tab.
_EXOTIC_SPACE = LazyPattern(r"[\p{Zs}--[ ]]", regex.V1)


class DecodeError(ValueError):
    """The input could not be read as text at all (raised only for unusable compressed data)."""


def decode(data: Union[bytes, bytearray, memoryview, str]) -> str:
    """Bytes (any encoding, maybe gzip) or str -> normalised str. Never raises on str input."""
    return normalize(to_text(data))


def to_text(data: Union[bytes, bytearray, memoryview, str]) -> str:
    """Bytes (any encoding, maybe gzip) or str -> str, not normalised.

    The HTML path uses it: a page's markup and scripts are most of its characters, and only
    the text it extracts needs normalising (cleaner.html normalises every block).
    """
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray, memoryview)):
        # bytes(123) would be 123 NUL bytes and bytes(None) a message about bytes: say what
        # a document may be. A path is not read (a str is always text): pass the file's bytes.
        hint = "; to clean a file, pass its bytes: Path(...).read_bytes()" if isinstance(data, os.PathLike) else ""
        raise TypeError(f"a document is str, bytes, bytearray or memoryview, not "
                        f"{type(data).__name__}{hint}")
    return decode_bytes(bytes(data))


def decode_bytes(data: bytes) -> str:
    """Turn raw bytes into text following the order in the module docstring."""
    if data[:2] == GZIP_MAGIC:
        data = gunzip(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared and declared not in _UNICODE_CODECS:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            text = data.decode(declared, errors="replace")
            if text.count("\ufffd") <= MAX_DECLARED_ERROR_SHARE * len(text):
                return text  # a few broken bytes in a page that is what it says it is
    korean = _as_korean(data)
    if korean is not None:
        return korean
    guessed = _guess_encoding(data)
    if guessed:
        return data.decode(guessed, errors="replace")
    return data.decode("utf-8", errors="replace")


def gunzip(data: bytes) -> bytes:
    """Decompress gzip data, refusing to grow beyond MAX_DECOMPRESSED_BYTES.

    A file cut short (a download or copy that stopped) is an error, not the part that arrived:
    a page without its end would be cleaned as if it were whole. Concatenated members (what
    `cat a.gz b.gz` and some crawlers write) are read one after another, as gzip(1) does.

    >>> import gzip
    >>> gunzip(gzip.compress(b"a") + gzip.compress(b"b"))
    b'ab'
    >>> gunzip(gzip.compress("정부가 새 정책을 발표했다.".encode() * 20)[:-9])
    Traceback (most recent call last):
    ...
    cleaner.decode.DecodeError: gzip data cut short (the file ends before the compressed stream does)
    """
    parts = []
    budget = MAX_DECOMPRESSED_BYTES
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = inflater.decompress(data, budget)
        except zlib.error as exc:
            raise DecodeError(f"corrupt gzip data ({exc})") from exc
        if inflater.unconsumed_tail:
            raise DecodeError(f"gzip data expands beyond {MAX_DECOMPRESSED_BYTES} bytes")
        if not inflater.eof:
            raise DecodeError("gzip data cut short (the file ends before the compressed stream does)")
        parts.append(out)
        budget -= len(out)
        # What follows a member is another member, or else padding or trailing bytes, which
        # are ignored as Python's gzip module and gzip(1) ignore them.
        data = inflater.unused_data
        if data[:2] != GZIP_MAGIC:
            return b"".join(parts)
        if budget <= 0:  # (a max_length of 0 would mean no limit at all)
            raise DecodeError(f"gzip data expands beyond {MAX_DECOMPRESSED_BYTES} bytes")


def looks_binary(data: bytes) -> bool:
    """Whether raw input is binary data (an image, an archive ...) rather than text.

    Only the first BINARY_SAMPLE_BYTES are looked at (of the decompressed data for gzip), so a
    large file costs no more than a small one. The CLI refuses binary files; the Python API
    cleans whatever it is given.

    >>> looks_binary("정부가 새 정책을 발표했다. 시행은 내년부터다.".encode("utf-16-le"))
    False
    >>> looks_binary("정부가\\x00 새 정책을 발표했다.".encode("utf-8"))
    False
    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(range(256)) * 8)
    True
    """
    sample = data[:BINARY_SAMPLE_BYTES]
    if sample[:2] == GZIP_MAGIC:
        try:
            sample = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, BINARY_SAMPLE_BYTES)
        except zlib.error:
            return False  # decoding says what is wrong with it (DecodeError)
    if not sample or any(sample.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(sample):
        return False
    if len(sample) == BINARY_SAMPLE_BYTES:  # cut: end at a line break, not inside a character
        sample = sample[:sample.rfind(b"\n") + 1] or sample
    try:
        text = decode_bytes(sample)
    except DecodeError:  # a gzip inside the gzip
        return False
    return len(_BINARY_JUNK.findall(text)) > BINARY_SHARE * len(text)


def _utf16_without_bom(sample: bytes) -> bool:
    pairs = len(sample) // 2
    even, odd = sample[0:pairs * 2:2].count(0), sample[1:pairs * 2:2].count(0)
    high, low = max(even, odd), min(even, odd)
    if pairs == 0 or high < UTF16_MIN_NUL_SHARE * pairs or low > 0.01 * pairs:
        return False
    text = sample[:pairs * 2].decode("utf-16-be" if even > odd else "utf-16-le", errors="replace")
    return text.count("\ufffd") <= 1  # a surrogate pair cut at the end of the sample


def declared_charset(data: bytes) -> Optional[str]:
    """The charset an HTML page declares near its start, as a Python codec name, or None.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">')
    'cp949'
    >>> declared_charset(b"plain text") is None
    True
    >>> declared_charset(b'<?xml version="1.0" encoding="EUC-KR"?><html>')
    'cp949'
    """
    match = _DECLARED_CHARSET.search(data[:DECLARATION_WINDOW])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", errors="ignore").strip().lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _as_korean(data: bytes) -> Optional[str]:
    """The bytes decoded as CP949 when they read as Korean there (step 5), else None.

    >>> _as_korean("삼성".encode("euc-kr")), _as_korean("Tokyo 東京".encode("shift_jis"))
    ('삼성', None)
    """
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    common, neutral = _ksx1001_hangul(), _ksx1001_punctuation()
    # Punctuation and symbols ("3°C", “ ”) sit in the same rows of EUC-KR, EUC-JP and GB2312:
    # they say nothing about the language, so only the other characters are weighed.
    wide = [c for c in text if c > "\x7f" and c not in neutral]
    if not wide:
        return None
    syllables = sum(1 for c in wide if "\uac00" <= c <= "\ud7a3")
    usual = sum(1 for c in wide if c in common)
    # CP949's other 8,822 syllables ("똠") are Korean too, but rare: most of a Korean text's
    # syllables are common ones, while kana in Shift_JIS land only on the rare ones.
    if syllables >= KOREAN_SHARE * len(wide) and usual >= COMMON_SYLLABLE_SHARE * syllables:
        return text
    return None


@lru_cache(maxsize=1)
def _ksx1001_hangul() -> frozenset:
    """KS X 1001's 2,350 Hangul syllables: the EUC-KR byte pairs B0-C8 x A1-FE."""
    return frozenset(bytes((lead, trail)).decode("cp949") for lead in range(0xB0, 0xC9)
                     for trail in range(0xA1, 0xFF))


@lru_cache(maxsize=1)
def _ksx1001_punctuation() -> frozenset:
    """KS X 1001's punctuation, symbols and full-width forms: the byte pairs A1-A3 x A1-FE."""
    found = set()
    for lead in range(0xA1, 0xA4):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(bytes((lead, trail)).decode("cp949"))
            except UnicodeDecodeError:  # unassigned cells
                pass
    return frozenset(found)


def _guess_encoding(data: bytes) -> Optional[str]:
    from charset_normalizer import from_bytes  # imported here: only undeclared non-UTF-8 needs it

    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = best.encoding
    return _CHARSET_ALIASES.get(encoding.replace("_", "-"), encoding)


def normalize(text: str) -> str:
    """NFC, '\\n' line breaks, no control or zero-width characters, plain spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _JOINER_NEXT_TO_HANGUL.sub("", text)
    text = _EXOTIC_SPACE.sub(" ", text)
    return unicodedata.normalize("NFC", text)
