"""Text normalisation: Unicode width, Traditional to Simplified script, whitespace.

The seed corpus already writes ASCII punctuation inside Chinese text, while users' files use
full-width forms; NFKC folds both to one form so that later regexes and the user dictionary see
a single spelling (jieba never matches a dictionary word containing full-width digits).

Examples
--------
>>> normalize_text("職工參保率達到９８％")
'职工参保率达到98%'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# --- regexes ---------------------------------------------------------------------------------
# Zero-width characters survive NFKC and split words invisibly.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# NFKC already maps NBSP and U+3000 to a space; tabs and other blanks are folded here.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Romanisation garble from scraped pages, e.g. "會(huì)議": a Han character followed by its
# pinyin with a tone mark in parentheses.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"
)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese script to Simplified with OpenCC (``t2s``).

    Examples
    --------
    >>> to_simplified("養老保險")
    '养老保险'
    """
    return _t2s().convert(text)


def normalize_width(text: str) -> str:
    """Apply NFKC so full-width digits, letters and punctuation become their ASCII forms.

    Examples
    --------
    >>> normalize_width("２０２５年，达到９５％")
    '2025年,达到95%'
    """
    return unicodedata.normalize("NFKC", text)


def normalize_whitespace(text: str) -> str:
    """Fold every run of blanks (incl. non-breaking spaces) to one space and strip the ends.

    Examples
    --------
    >>> normalize_whitespace("\\u00a0\\u00a0健全社会保障体系\\u3000 ")
    '健全社会保障体系'
    """
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text)).strip()


def repair_pinyin_glosses(text: str) -> str:
    """Remove romanisation glosses that scrapers leave after a character.

    Examples
    --------
    >>> repair_pinyin_glosses("召开会(huì)议")
    '召开会议'
    """
    return _PINYIN_GLOSS.sub("", text)


def count_pinyin_glosses(text: str) -> int:
    """Number of romanisation glosses in ``text`` (for the audit).

    Examples
    --------
    >>> count_pinyin_glosses("會(huì)議和會(huì)商")
    2
    """
    return len(_PINYIN_GLOSS.findall(text))


def normalize_text(text: str, *, to_simplified_script: bool = True) -> str:
    """Normalise one line or paragraph: width, script, romanisation garble, whitespace.

    Parameters
    ----------
    text : str
        Raw decoded text.
    to_simplified_script : bool, keyword-only
        Convert Traditional characters to Simplified (default ``True``).

    Returns
    -------
    str
        The normalised text. Line breaks are not preserved; normalise line by line.

    Examples
    --------
    >>> normalize_text("\\u3000健全覆蓋全民的社會保障體系（二）")
    '健全覆盖全民的社会保障体系(二)'
    """
    out = normalize_width(text)
    if to_simplified_script:
        out = to_simplified(out)
    out = repair_pinyin_glosses(out)
    return normalize_whitespace(out)


@dataclass(frozen=True)
class ScriptReport:
    """How many characters the Traditional-to-Simplified conversion changed."""

    changed_chars: int
    han_chars: int

    @property
    def converted(self) -> bool:
        return self.changed_chars > 0


def script_report(text: str) -> ScriptReport:
    """Count the Han characters that OpenCC ``t2s`` changes, to record conversion per document.

    Examples
    --------
    >>> script_report("相關文章").changed_chars
    1
    """
    width = normalize_width(text)
    simplified = to_simplified(width)
    # Counted on UTF-32 code point arrays: this runs on every document of the corpus.
    a = np.frombuffer(width.encode("utf-32-le"), dtype="<u4")
    han = int(((a >= 0x4E00) & (a <= 0x9FFF)).sum())
    if simplified == width:
        return ScriptReport(changed_chars=0, han_chars=han)
    if len(simplified) != len(width):
        # OpenCC may map a phrase to one of another length; count the whole difference.
        return ScriptReport(changed_chars=abs(len(simplified) - len(width)) or 1, han_chars=han)
    b = np.frombuffer(simplified.encode("utf-32-le"), dtype="<u4")
    return ScriptReport(changed_chars=int((a != b).sum()), han_chars=han)
