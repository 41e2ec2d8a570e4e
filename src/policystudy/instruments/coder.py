"""Code text into policy instruments, with the cues that decided.

Cue terms and patterns of every instrument compete leftmost-longest and non-overlapping (as the
domain matcher's terms do); shadow phrases hide the cues inside them. The primary type is the
type of the first cue, unless a ``head`` instrument (a pilot) follows it in the same clause;
cues of a leading frame clause ("结合…," "为了…,") only decide when no cue follows it.

Examples
--------
>>> code_text("加大保障性住房建设力度,完善住房保障制度。")
{'primary': 'supply', 'types': 'supply;environment', 'instruments': 'supply.infrastructure;environment.institution', 'evidence': 'supply.infrastructure:保障性住房建设|environment.institution:制度'}
>>> code_text("推进城镇医疗保险制度改革的试点")["primary"]
'demand'
>>> code_text("教育是国家发展的基石。")["primary"]
'none'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from policystudy.domains.matcher import normalize
from policystudy.instruments.taxonomy import NONE, InstrumentTaxonomy, as_instruments

# --- regexes and constants --------------------------------------------------------------------
# A clause ends at these marks: a head cue (试点) overrides earlier cues of its own clause only.
_CLAUSE_END = re.compile(r"[,;。!?，；！？:：]")
# A leading clause that frames the sentence ("结合…,", "按照…,", "为了…,") names the setting of
# the measure, not the measure: its cues do not decide the primary type when cues follow it.
_FRAME = re.compile(r"^[^,;。]{0,6}?(?:结合|按照|根据|依照|围绕|为了|随着)[^,;。]*[,;]")
#: The columns a coded unit gets (:func:`code_texts`).
INSTRUMENT_COLUMNS = [
    "instrument_primary",
    "instrument_types",
    "instruments",
    "instrument_evidence",
]


class Cue(NamedTuple):
    """One matched cue: span, instrument code (``None`` for a shadow phrase) and text."""

    start: int
    end: int
    code: str | None
    text: str


@lru_cache(maxsize=8)
def _matchers(tax: InstrumentTaxonomy) -> tuple[tuple[re.Pattern, str | None], ...]:
    out: list[tuple[re.Pattern, str | None]] = []
    for inst in tax.instruments:
        if inst.terms:
            terms = sorted(inst.terms, key=lambda t: (-len(t), t))
            out.append((re.compile("|".join(map(re.escape, terms))), inst.code))
        out.extend((re.compile(p), inst.code) for p in inst.patterns)
    if tax.shadow:
        shadow = sorted(tax.shadow, key=lambda t: (-len(t), t))
        out.append((re.compile("|".join(map(re.escape, shadow))), None))
    out.extend((re.compile(p), None) for p in tax.shadow_patterns)
    return tuple(out)


def cues(
    text: str, *, taxonomy: InstrumentTaxonomy | Path | str | None = None, normalized: bool = False
) -> list[Cue]:
    """The cues of ``text`` in reading order, leftmost-longest and non-overlapping.

    Shadow phrases take part in the competition (code ``None``) and are dropped afterwards.

    Examples
    --------
    >>> [(c.code, c.text) for c in cues("深化改革开放,完善社会保障制度")]
    [('environment.institution', '制度')]
    """
    tax = as_instruments(taxonomy)
    s = text if normalized else normalize(text)
    found = [
        Cue(m.start(), m.end(), code, m.group())
        for pattern, code in _matchers(tax)
        for m in pattern.finditer(s)
        if m.end() > m.start()
    ]
    found.sort(key=lambda c: (c.start, -(c.end - c.start), c.code or ""))
    kept: list[Cue] = []
    end = 0
    for c in found:
        if c.start >= end:
            kept.append(c)
            end = c.end
    return [c for c in kept if c.code is not None]


def _primary(text: str, found: Sequence[Cue], tax: InstrumentTaxonomy) -> str:
    if not found:
        return NONE
    frame = _FRAME.match(text)
    if frame and found[-1].start >= frame.end():
        found = [c for c in found if c.start >= frame.end()]
    first = found[0]
    heads = {i.code for i in tax.instruments if i.head}
    for c in found[1:]:
        if c.code in heads and not _CLAUSE_END.search(text, first.end, c.start):
            return tax.instrument(c.code).type  # "X改革的试点": a pilot of X
    return tax.instrument(first.code).type  # type: ignore[arg-type]


def code_text(
    text: str, *, taxonomy: InstrumentTaxonomy | Path | str | None = None
) -> dict[str, str]:
    """Primary type, types, instruments and evidence (``code:cue`` pairs) of one unit.

    Types and instruments follow the typology's order, joined by ``;``; evidence is in reading
    order, joined by ``|``, each distinct pair once. A unit with no cue is ``none`` throughout
    (evidence empty).

    Examples
    --------
    >>> code_text("继续提高退休人员基本养老金标准。")["evidence"]
    'demand.user_subsidy:养老金标准'
    """
    tax = as_instruments(taxonomy)
    s = normalize(str(text))
    found = cues(s, taxonomy=tax, normalized=True)
    codes = {c.code for c in found}
    insts = [c for c in tax.codes if c in codes]
    types = [t for t in tax.types if any(tax.instrument(c).type == t for c in insts)]
    evidence = list(dict.fromkeys(f"{c.code}:{c.text}" for c in found))
    return {
        "primary": _primary(s, found, tax),
        "types": ";".join(types) or NONE,
        "instruments": ";".join(insts) or NONE,
        "evidence": "|".join(evidence),
    }


def code_texts(
    texts: Sequence[str], *, taxonomy: InstrumentTaxonomy | Path | str | None = None
) -> pd.DataFrame:
    """:func:`code_text` of every text, as the :data:`INSTRUMENT_COLUMNS` of a frame.

    Examples
    --------
    >>> code_texts(["开展试点", "坚持育人为本"])["instrument_primary"].tolist()
    ['demand', 'none']
    """
    tax = as_instruments(taxonomy)
    rows = [code_text(t, taxonomy=tax) for t in texts]
    frame = pd.DataFrame(rows, columns=["primary", "types", "instruments", "evidence"])
    frame.columns = INSTRUMENT_COLUMNS
    return frame
