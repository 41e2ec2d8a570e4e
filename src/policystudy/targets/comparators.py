"""The comparator of a quantity (≥, ≤, ≈, =) from the words before it in its clause.

Kept apart from :mod:`~policystudy.targets.quantities`, which reads the number and the words
after it (以上, 以内, 左右: ``Hit.comparator_hint``); this module reads the words before it.

Examples
--------
>>> from policystudy.targets.quantities import find_quantities
>>> s = "城镇登记失业率控制在4.5%"
>>> comparator(s, find_quantities(s)[0])
'≤'
"""

from __future__ import annotations

import re

from policystudy.targets.quantities import Hit, clause_start

# The last cue before the number decides; negated forms are listed before their stems.
_COMPARATOR_BEFORE = re.compile(
    r"(?P<le>不超过|不高于|不多于|控制在|低于|最多|以内)"
    r"|(?P<ge>超过|不低于|不少于|至少|高于|突破|逾|多于|上百)"
    r"|(?P<approx>将近|接近|近乎|大约|大体上|约(?:为|有)?(?=\s*$)|近(?=\s*$))"
)


def comparator(sentence: str, hit: Hit) -> str:
    """``≥``, ``≤``, ``≈`` or ``=`` from the words around the quantity."""
    if hit.comparator_hint:
        return hit.comparator_hint
    left = sentence[clause_start(sentence, hit.start) : hit.start]
    found = list(_COMPARATOR_BEFORE.finditer(left))
    if not found:
        return "="
    last = found[-1]
    return {"le": "≤", "ge": "≥", "approx": "≈"}[str(last.lastgroup)]
