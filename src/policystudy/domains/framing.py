"""Units that are about the document, not about a policy field (issue 27): coded ``general``
whatever their terms or heading, so they stay out of every domain's share.

Examples
--------
>>> framing_units(["牵头单位:人社局", "提高低保标准。"])[0].tolist()
[True, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from policystudy.domains.taxonomy import QIYOU

# - a list of the agencies responsible for a section (牵头单位:人社局,配合单位:…) is metadata;
_AGENCY_LIST = re.compile(
    r"^\W*(?:[(（]?[一二三四五六七八九十\d]+[)）.、]\s*)?"
    r"(?:牵头|责任|配合|主责|协办|参与)(?:单位|部门)\s*[:：]"
)
# - a sentence whose subject is the plan period (“十四五”时期是…的窗口期) frames the plan; it is
#   general when its terms make it livelihood text, whatever field it names.
_PERIOD_FRAMING = re.compile(r"^\W*[^,，。;；]{0,20}?(?:时期|阶段)(?:是|为)")
#   So is a unit that lists two or more of the 七有 (学有所教、劳有所得、病有所医…): the list
#   frames livelihood policy as a whole, whatever else the sentence names.
_QIYOU_LIST = re.compile("|".join(QIYOU))


def framing_units(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Which units are agency lists (always ``general``) and framing (plan period, 七有 list).

    Examples
    --------
    >>> framing_units(["牵头单位:人社局,配合单位:财政局", "“十四五”时期是民政事业的窗口期。",
    ...                "在学有所教、劳有所得上取得新进展", "提高低保标准。"])
    (array([ True, False, False, False]), array([False,  True,  True, False]))
    """
    agency = np.array([bool(_AGENCY_LIST.match(t)) for t in texts], dtype=bool)
    period = np.array(
        [bool(_PERIOD_FRAMING.match(t)) or len(set(_QIYOU_LIST.findall(t))) >= 2 for t in texts],
        dtype=bool,
    )
    return agency, period
