"""Vietnamese text helpers: normalisation, search keys, name ordering, formats.

Pure Python (standard library only, no Django) so that models, forms, views,
reports and management commands can all share one definition of how a name is
searched, sorted and printed.

Vietnamese text reaches us both precomposed (NFC, what most keyboards produce)
and decomposed (NFD, what macOS file names and some copy-pastes produce).  Every
function here therefore gives the same answer for both forms.

Name ordering (``name_sort_key``) follows Vietnamese practice: people are
listed by given name, then middle name(s), then family name; letters follow the
Vietnamese alphabet (``a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x
y``) and the tone only decides between otherwise identical words.  The key is a
string of ASCII digits only, because it is stored in a database column and
ordered by the database: a digit-only string orders the same under SQLite's
binary comparison and under any PostgreSQL collation (``en_US.UTF-8`` ignores
spaces and punctuation, which would break any key containing them).
"""

from __future__ import annotations

import datetime
import re
import unicodedata

__all__ = [
    "date_line",
    "full_name",
    "name_sort_key",
    "nfc",
    "search_key",
    "slugify_vi",
    "split_full_name",
    "two_digits",
]

# The Vietnamese alphabet, with the four Latin letters that only occur in
# foreign names (f, j, w, z) slotted in at their Latin positions so that such
# names still sort where a reader expects them.
_ALPHABET: tuple[str, ...] = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k",
    "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w",
    "x", "y", "z",
)  # fmt: skip

# Two-digit codes starting at "01": "00" is reserved as the terminator of a
# word and of a name part, so it must never be a letter code.
_LETTER_CODES: dict[str, str] = {letter: f"{index:02d}" for index, letter in enumerate(_ALPHABET, start=1)}

# ASCII digits (e.g. "Nguyễn Văn A 2") sort after every letter, in numeric
# order.  Codes 80-89 leave room below for the alphabet.
_DIGIT_CODES: dict[str, str] = {str(d): str(80 + d) for d in range(10)}

# Any other letter (ø, ß-derived forms are already "ss", Cyrillic, Han, ...)
# is written as "99" followed by its code point on 7 digits (the largest code
# point, U+10FFFF, has 7 decimal digits).  No two-digit code is "99", so the
# token boundaries stay unambiguous and such letters order by code point.
_OTHER_PREFIX = "99"
_CODE_POINT_WIDTH = 7

# Tone marks in NFD, numbered in the traditional dictionary order
# ngang (none) < huyền < hỏi < ngã < sắc < nặng.
_TONE_MARKS: dict[str, int] = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}

# Tones are only Vietnamese tones on vowels; a tilde on a consonant (the ñ of a
# Spanish name) is not a ngã and must not change the order.
_VOWELS = frozenset("aeiouy")

_WORD_END = "00"
_PART_END = "00"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (precomposed) form."""
    return unicodedata.normalize("NFC", text)


def _caseless_nfd(text: str) -> str:
    # Unicode's "canonical caseless" form: NFD before casefold so that NFC and
    # NFD input fold identically, and NFD again because casefold may produce
    # characters that decompose further.
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())


def _is_mark(char: str) -> bool:
    # Category M* covers every combining mark (tones, breve, circumflex, horn,
    # diaeresis, ...), including marks whose combining class is 0.
    return unicodedata.category(char).startswith("M")


def search_key(text: str) -> str:
    """Return an accent-free, case-folded key for substring search.

    ``search_key("Nguyễn Thị Tú Uyên") == "nguyen thi tu uyen"``, so a user
    typing "tu uyen" or "DANG" (for "Đặng") finds the person.  NFC and NFD
    input give the same key, and the function is idempotent, so keys can be
    compared with ``search_key(query)`` safely.
    """
    stripped = "".join(ch for ch in _caseless_nfd(text) if not _is_mark(ch))
    # đ is a letter of its own, not d + mark, so NFD leaves it intact; users
    # searching without accents type a plain d.
    stripped = stripped.replace("đ", "d")
    return " ".join(stripped.split())


def _letter_code(base: str, modifier: str | None) -> str:
    if modifier is not None:
        letter = unicodedata.normalize("NFC", base + modifier)
        if letter in _LETTER_CODES:
            return _LETTER_CODES[letter]
    if base in _LETTER_CODES:
        return _LETTER_CODES[base]
    if base in _DIGIT_CODES:
        return _DIGIT_CODES[base]
    return f"{_OTHER_PREFIX}{ord(base):0{_CODE_POINT_WIDTH}d}"


def _word_keys(part: str) -> list[str]:
    """Encode each word of a name part as letter codes + "00" + tone digit."""
    words: list[str] = []
    codes: list[str] = []
    tone = 0
    base: str | None = None
    modifier: str | None = None

    for char in _caseless_nfd(part):
        if _is_mark(char):
            if base is None:
                # A mark with nothing to attach to (after a separator) carries
                # no information about the name.
                continue
            if char in _TONE_MARKS:
                # A syllable has one tone; if the input has several, the first
                # one wins so the key stays deterministic.
                if tone == 0 and base in _VOWELS:
                    tone = _TONE_MARKS[char]
            elif modifier is None and (unicodedata.normalize("NFC", base + char) in _LETTER_CODES):
                # Breve, circumflex and horn turn a, e, o, u into distinct
                # letters (ă â ê ô ơ ư); other marks (ü, ç) are ignored.
                modifier = char
            continue
        if base is not None:
            codes.append(_letter_code(base, modifier))
            base, modifier = None, None
        if char.isalnum():
            base = char
        else:
            # Spaces, hyphens, apostrophes (H'Hen) and other punctuation all
            # separate words; they must not appear in the key themselves.
            if codes:
                words.append("".join(codes) + _WORD_END + str(tone))
            codes, tone = [], 0
    if base is not None:
        codes.append(_letter_code(base, modifier))
    if codes:
        words.append("".join(codes) + _WORD_END + str(tone))
    return words


def _part_key(part: str) -> str:
    return "".join(_word_keys(part)) + _PART_END


def name_sort_key(family: str, middle: str, given: str) -> str:
    """Return a digit-only key ordering people the Vietnamese way.

    Order: given name, then middle name(s), then family name; within a part
    word by word; within a word first the letters in Vietnamese alphabet order,
    then the tone (ngang < huyền < hỏi < ngã < sắc < nặng).  Case-insensitive;
    NFC and NFD input give the same key.

    Encoding (compare keys as plain strings; byte order == any collation,
    because the key holds ASCII digits only):

    * letter: two digits, ``01`` (a) ... ``33`` (z) in the order
      a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z;
      ASCII digits ``80``-``89``; any other character ``99`` + its code point
      on 7 digits;
    * word: its letter codes, then ``00``, then one tone digit 0-5;
    * name part: its words, then ``00``;
    * key: given part + middle part + family part.

    No letter code starts with ``00``, so a word (or part) that ends earlier
    sorts first: "An" < "Anh", "Thị" < "Thị Tú", an empty middle name before
    any middle name.  Punctuation and hyphens only separate words.
    """
    return _part_key(given) + _part_key(middle) + _part_key(family)


def two_digits(n: int) -> str:
    """Write a count with at least two digits, as the Union's documents do ("05 đồng chí"); none is "0", not "00".

    Documents only: the interface writes counts as plain numbers ("Ban Chấp hành 4 đồng chí").
    """
    if n < 0:
        raise ValueError(f"count must not be negative: {n}")
    return f"{n:02d}" if n else "0"


NBSP = "\u00a0"


def bind_last_words(line: str) -> str:
    """A header line with its last two words bound by a non-breaking space ("… XÃ\u00a0HỘI").

    A document's upper-level and issuing-body lines are centred in a narrow column: bound,
    a line that wraps never leaves one word alone on the last line ("… XÃ / HỘI").
    """
    head, space, last = line.rstrip().rpartition(" ")
    return f"{head}{NBSP}{last}" if space and head.strip() else line


def date_line(d: datetime.date) -> str:
    """Return the administrative date line, e.g. "ngày 05 tháng 02 năm 2024".

    Nghị định 30/2020/NĐ-CP: days 1-9 and months 1-2 take a leading zero
    (so "tháng 02" cannot be misread as "tháng 12"); months 3-12 do not.
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def full_name(family: str, middle: str, given: str) -> str:
    """Join the non-empty name parts with single spaces, in NFC."""
    return " ".join(nfc(f"{family} {middle} {given}").split())


def split_full_name(name: str) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given), NFC.

    "Nguyễn Thị Tú Uyên" -> ("Nguyễn", "Thị Tú", "Uyên"); a single word is a
    given name; two words are family and given name.
    """
    words = nfc(name).split()
    if not words:
        return ("", "", "")
    if len(words) == 1:
        return ("", "", words[0])
    return (words[0], " ".join(words[1:-1]), words[-1])


def slugify_vi(text: str) -> str:
    """Return an ASCII slug of ``[a-z0-9-]``.

    "Sở Lao động – Thương binh" -> "so-lao-dong-thuong-binh".
    """
    return _NON_SLUG.sub("-", search_key(text)).strip("-")
