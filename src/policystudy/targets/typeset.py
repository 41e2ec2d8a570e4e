"""Numbers as typeset in print and repaired before reading: spaced digits, middle-dot decimals.

Scanned reports and PDF text layers set digits apart (「全国人口的7 2 %」, 「达到5 1 6 0 元」,
「增长1 0 .3 %」, 「1 9 9 7 年」) and print the decimal point as a middle dot (「实际增长4·3%」).
Read as they are, they give 2 % and 0 万, no unit at all, or 3 % and 8 %. The repair is applied
by the targets normaliser to the sentences and to the gold fragments alike, so both sides of an
evaluation see the same text.

Spaced digits are a repair of PDF text, and the cleaning layer makes it, with an audit row, for
documents that go through the pipeline
(:func:`policystudy.ingest.pdftext.close_spaced_digits`). The targets functions also take text
that was never cleaned (a sentence handed to :func:`~policystudy.targets.extract_targets`, the
hand lists, which keep the source as it is), so the normaliser applies the same grammar, not a
copy of it: a lone digit is closed up with a digit, a decimal point, a percent or per-mille
sign or a Han character after one blank; digits of longer numbers (「2021 2022」, 「10 15:30」,
「共10 2项」) and numbers apart (「1、2、3」) are left as they are. The cleaning layer closes up only
in a document with several spaced runs; here a text is read on its own (a fragment such as
「年均实际增长6 %」 holds one lone digit only), and a lone digit before a blank is the spaced
form wherever it stands in the kinds of text this package reads.
"""

from __future__ import annotations

import re

from policystudy.ingest.pdftext import close_spaced_digits

# The middle dot between digits is a decimal point (4·3%); between words it separates names.
_MIDDLE_DOT = re.compile(r"(?<=\d)[·・•‧](?=\d)")


def repair_typesetting(text: str) -> str:
    """The text with spaced digits joined and middle-dot decimals read as points.

    Examples
    --------
    >>> repair_typesetting("基本普及九年义务教育的地区要增加到全国人口的7 2 %,再扫除3 5 0 万青壮年文盲")
    '基本普及九年义务教育的地区要增加到全国人口的72%,再扫除350万青壮年文盲'
    >>> repair_typesetting("城镇居民人均可支配收入达到5 1 6 0 元,年均实际增长5 .4 %")
    '城镇居民人均可支配收入达到5160元,年均实际增长5.4%'
    >>> repair_typesetting("比上年实际增长4·3%"), repair_typesetting("马克思·韦伯, 2018 年")
    ('比上年实际增长4.3%', '马克思·韦伯, 2018 年')
    """
    if " " in text:
        text = close_spaced_digits(text)
    return _MIDDLE_DOT.sub(".", text)
