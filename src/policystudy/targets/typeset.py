"""Numbers as typeset in print and repaired before reading: spaced digits, middle-dot decimals.

Scanned reports set digits apart (「全国人口的7 2 %」, 「再扫除3 5 0 万青壮年文盲」) and print
the decimal point as a middle dot (「实际增长4·3%」). Read as they are, they give 2 % and 0 万,
or 3 % and 8 %. The repair is applied by the targets normaliser to the sentences and to the
gold fragments alike, so both sides of an evaluation see the same text.
"""

from __future__ import annotations

import re

# A run of single digits, each set apart by one space (7 2, 3 5 0), and the space before the
# unit that follows it. A number of two digits or more next to a single one (共10 2项) is no
# such run: every member must be one digit.
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d)+(?![\d.])(?: (?=[%‰万亿]))?")
# The middle dot between digits is a decimal point (4·3%); between words it separates names.
_MIDDLE_DOT = re.compile(r"(?<=\d)[·・•‧](?=\d)")


def repair_typesetting(text: str) -> str:
    """The text with spaced digits joined and middle-dot decimals read as points.

    Examples
    --------
    >>> repair_typesetting("基本普及九年义务教育的地区要增加到全国人口的7 2 %,再扫除3 5 0 万青壮年文盲")
    '基本普及九年义务教育的地区要增加到全国人口的72%,再扫除350万青壮年文盲'
    >>> repair_typesetting("比上年实际增长4·3%"), repair_typesetting("马克思·韦伯, 2018 年")
    ('比上年实际增长4.3%', '马克思·韦伯, 2018 年')
    """
    if " " in text:
        text = _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)
    return _MIDDLE_DOT.sub(".", text)
