"""Safe encoding detection of corpus files.

Encodings are detected in a fixed, safe order and never decoded with ``errors="ignore"``:

1. a byte-order mark (UTF-8, UTF-16);
2. strict UTF-8;
3. strict GB18030 — unless strict Big5 also decodes, in which case charset-normalizer decides
   between the two, because any Big5 byte string is also valid GB18030 (as mojibake);
4. charset-normalizer over all encodings, accepted only when the result is mostly Han text
   (any byte string decodes in some 8-bit code page).

The encoding used, and how it was chosen, is recorded per document. A refusal gives its reason:
Japanese in Shift-JIS (which GB18030 would read as mojibake), UTF-16 without a byte-order mark,
Western text with no Chinese characters.

Examples
--------
>>> detect_encoding("职工参保率达到98%".encode("gb18030")).encoding
'gb18030'
>>> detect_encoding("\\ufeff养老保险".encode("utf-8")).encoding
'utf-8-sig'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# A charset-normalizer guess is accepted only if this share of visible characters is Han.
MIN_HAN_SHARE_FOR_GUESS = 0.2
# Japanese kana are rare in Chinese text; read as Shift-JIS, a Japanese file is full of them.
MIN_KANA_SHARE_FOR_JAPANESE = 0.1
_KANA = re.compile(r"[\u3040-\u30ff]")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how its encoding was chosen."""

    text: str
    encoding: str
    method: str


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return None


def _normalizer_choice(data: bytes, candidates: list[str] | None) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates or None).best()
    if best is None:
        return None
    text = _strict(data, best.encoding)
    if text is None:
        return None
    scope = "/".join(candidates) if candidates else "all encodings"
    return Decoded(text, best.encoding, f"charset-normalizer among {scope}")


def detect_encoding(data: bytes) -> Decoded:
    """Decode ``data`` with the first encoding of the safe order that fits.

    Raises
    ------
    UnicodeDecodeError
        When no encoding decodes the bytes strictly.

    Examples
    --------
    >>> detect_encoding("養老保險制度改革，推進全國統籌。".encode("big5")).encoding
    'big5'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is not None:
                return Decoded(text.lstrip("\ufeff"), encoding, "byte-order mark")
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "strict utf-8")
    # A file whose lines were saved in two encodings (a UTF-8 title pasted above a GBK body)
    # decodes whole as GB18030, the UTF-8 lines as mojibake (民生保障工作 -> 姘戠敓淇濋殰宸ヤ綔).
    mixed = _mixed_lines(data)
    if mixed is not None:
        return mixed
    return _detect_legacy(data)


def _detect_legacy(data: bytes) -> Decoded:
    # The safe order after UTF-8: GB18030, Big5, Shift-JIS refused, charset-normalizer.
    gb = _strict(data, "gb18030")
    big5 = _strict(data, "big5")
    japanese = _japanese_share(data)
    if japanese is not None:
        raise UnicodeDecodeError(
            "shift_jis", data[:1], 0, 1,
            f"looks like Japanese in Shift-JIS ({japanese:.0%} kana when read so), which "
            "GB18030 would read as mojibake: not a Chinese text",
        )  # fmt: skip
    if gb is not None and big5 is None:
        return Decoded(gb, "gb18030", "strict gb18030 (big5 does not decode)")
    if gb is not None and big5 is not None:
        choice = _normalizer_choice(data, ["gb18030", "big5"])
        if choice is not None:
            return choice
        return Decoded(gb, "gb18030", "strict gb18030 (charset-normalizer undecided)")
    choice = _normalizer_choice(data, None)
    # Any byte string "decodes" in some 8-bit code page; for a Chinese corpus a guess with
    # hardly any Han characters is mojibake, not text.
    if choice is not None and _han_share(choice.text) >= MIN_HAN_SHARE_FOR_GUESS:
        return choice
    if choice is not None:
        raise UnicodeDecodeError(
            choice.encoding, data[:1], 0, 1,
            f"undecodable as Chinese: not UTF-8, GB18030 or Big5, and read as "
            f"{choice.encoding} it has {_han_share(choice.text):.0%} Chinese characters (a "
            "Western-European or other non-Chinese file?)",
        )  # fmt: skip
    raise UnicodeDecodeError(
        "unknown", data[:1], 0, 1,
        "undecodable: not UTF-8, GB18030, Big5 or any encoding charset-normalizer knows",
    )  # fmt: skip


def _utf8_line(line: bytes) -> bool:
    # A line written in UTF-8: it decodes strictly and holds Chinese. A short GBK line may
    # happen to be valid UTF-8 too, but then it reads as Latin or Cyrillic letters, not Han.
    if line.isascii():
        return False
    text = _strict(line, "utf-8")
    return text is not None and _han_share(text) >= MIN_HAN_SHARE_FOR_GUESS


def _mixed_lines(data: bytes) -> Decoded | None:
    """Decode line by line a file that mixes UTF-8 lines with lines in a legacy encoding.

    ``None`` when no line is UTF-8 (the file is in one legacy encoding). The legacy lines are
    decoded together in the safe order (so that GB18030 and Big5 are told apart on all of
    them), then line by line with the encoding chosen.

    Raises
    ------
    UnicodeDecodeError
        Naming the first line that neither UTF-8 nor the encoding of the other lines decodes.

    Examples
    --------
    >>> data = "民生保障工作\\n".encode() + "城镇新增就业1万人。\\n".encode("gbk")
    >>> decoded = detect_encoding(data)
    >>> decoded.text, decoded.encoding
    ('民生保障工作\\n城镇新增就业1万人。\\n', 'utf-8+gb18030')
    """
    lines = data.splitlines(keepends=True)
    utf8 = [i for i, line in enumerate(lines) if _utf8_line(line)]
    if not utf8:
        return None
    is_utf8 = set(utf8)
    rest = [i for i, line in enumerate(lines) if i not in is_utf8 and not line.isascii()]
    if not rest:
        return None
    try:
        legacy = _detect_legacy(b"".join(lines[i] for i in rest))
    except UnicodeDecodeError:
        bad = [i for i in rest if not any(_strict(lines[i], e) for e in ("gb18030", "big5"))]
        if not bad:
            raise
        raise UnicodeDecodeError(
            "gb18030", lines[bad[0]], 0, len(lines[bad[0]]),
            f"mixes encodings: line {utf8[0] + 1} is UTF-8, line {bad[0] + 1} is neither "
            "UTF-8, GB18030 nor Big5: save the file in one encoding",
        ) from None  # fmt: skip
    out = []
    for i, line in enumerate(lines):
        text = _strict(line, "utf-8" if i in is_utf8 or line.isascii() else legacy.encoding)
        if text is None:
            raise UnicodeDecodeError(
                legacy.encoding, line, 0, len(line),
                f"mixes encodings: line {utf8[0] + 1} is UTF-8, line {i + 1} is neither "
                f"UTF-8 nor {legacy.encoding} like the other lines: save the file in one encoding",
            )  # fmt: skip
        out.append(text)
    shown = ", ".join(str(i + 1) for i in utf8[:5]) + (", …" if len(utf8) > 5 else "")
    return Decoded(
        "".join(out),
        f"utf-8+{legacy.encoding}",
        f"line by line: {len(utf8)} line(s) in utf-8 (line {shown}), {len(rest)} in "
        f"{legacy.encoding} ({legacy.method})",
    )


def _japanese_share(data: bytes) -> float | None:
    """Kana share of ``data`` read as Shift-JIS, when it is high enough to be Japanese."""
    text = _strict(data, "shift_jis")
    if text is None:
        return None
    visible = [ch for ch in text if not ch.isspace()]
    share = sum(1 for ch in visible if _KANA.match(ch)) / max(len(visible), 1)
    return share if share >= MIN_KANA_SHARE_FOR_JAPANESE else None


def utf16_without_bom(data: bytes) -> str | None:
    """``"little-endian"``/``"big-endian"`` when NUL bytes are UTF-16 text with no BOM."""
    if len(data) % 2:
        return None
    for encoding, name in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        text = _strict(data, encoding)
        # isspace, not only isprintable: U+3000 (the ideographic space that indents Chinese
        # paragraphs) and NBSP are not printable, yet they are text.
        if text is not None and all(ch.isprintable() or ch.isspace() for ch in text):
            return name
    return None


def _han_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(1 for ch in visible if "\u4e00" <= ch <= "\u9fff") / len(visible)


def looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in text of the 8-bit CJK encodings; UTF-16 is caught by its BOM first.
    return b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
