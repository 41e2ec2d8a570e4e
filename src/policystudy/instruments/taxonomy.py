"""The instrument typology: schema, validation and the one loader of ``instruments.yaml``.

A typology has instrument types (supply, environment, demand) and instruments under them, each
with cue terms and regular-expression patterns. The packaged Rothwell-Zegveld file is the
default; ``"regulatory"`` names the packaged regulatory / economic / informational file, and any
other value is a path to a user file of the same schema.

Examples
--------
>>> t = load_instruments()
>>> t.types, t.codes[:2]
(['supply', 'environment', 'demand'], ['supply.funding', 'supply.talent'])
>>> t.instrument("demand.pilot").head, load_instruments("regulatory").types
(True, ['regulatory', 'economic', 'informational'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from policystudy.core import resources
from policystudy.domains import TaxonomyError

#: The unit of text with no instrument cue.
NONE = "none"
#: Packaged typologies by name (the ``instrument_taxonomy`` parameter).
PACKAGED = {
    "": resources.PACKAGE_DATA / "instruments.yaml",
    "rothwell": resources.PACKAGE_DATA / "instruments.yaml",
    "regulatory": resources.PACKAGE_DATA / "instruments_regulatory.yaml",
}
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
# Output separators (`;`, `|`, `:`) and whitespace cannot occur in a cue term.
_BAD_TERM = re.compile(r"[\s|:;]")


class InstrumentError(TaxonomyError):
    """The instrument file does not follow the documented schema."""


@dataclass(frozen=True)
class Instrument:
    """One instrument: ``type.name`` code, labels, cue terms and patterns."""

    code: str
    type: str
    zh: str
    en: str
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    head: bool = False

    @property
    def label(self) -> str:
        """Bilingual label, e.g. ``'资金投入 Funding'``."""
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class InstrumentTaxonomy:
    """Ordered types, their instruments and the shadow phrases and patterns."""

    name: str
    type_items: tuple[tuple[str, str, str], ...]
    instruments: tuple[Instrument, ...]
    shadow: tuple[str, ...] = ()
    source: str = ""
    shadow_patterns: tuple[str, ...] = ()

    @property
    def types(self) -> list[str]:
        """Type codes in file order (``order``, then code)."""
        return [code for code, _, _ in self.type_items]

    @property
    def codes(self) -> list[str]:
        """Instrument codes ``type.name``, grouped by type in type order."""
        return [i.code for i in self.instruments]

    def instrument(self, code: str) -> Instrument:
        """The :class:`Instrument` with ``code``."""
        for i in self.instruments:
            if i.code == code:
                return i
        raise KeyError(code)

    def type_labels(self, *, lang: str = "both") -> dict[str, str]:
        """Type code -> label (``zh``, ``en`` or ``both``); ``none`` included."""
        pick = {"zh": 1, "en": 2}.get(lang)
        out = {
            c: (f"{zh} {en}" if pick is None else (zh, en)[pick - 1])
            for c, zh, en in self.type_items
        }
        return {**out, NONE: "无 None" if pick is None else ("无", "None")[pick - 1]}


def _strings(value, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(f"{where} must be a list")
        return ()
    return tuple(str(v) for v in value)


def _parse(raw, source: str) -> InstrumentTaxonomy:
    problems: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
        raise InstrumentError(f"{source}: top-level key 'types' (a mapping) is required")
    if not isinstance(raw.get("instruments"), dict):
        raise InstrumentError(f"{source}: top-level key 'instruments' (a mapping) is required")
    types = []
    for code, spec in raw["types"].items():
        spec = spec or {}
        if not _CODE.match(str(code)) or str(code) == NONE:
            problems.append(f"type code {code!r} is not snake_case or is {NONE!r}")
        types.append(
            (
                float(spec.get("order", 1e9)),
                str(code),
                str(spec.get("zh", code)),
                str(spec.get("en", code)),
            )
        )
    types.sort()
    type_codes = [c for _, c, _, _ in types]
    seen: dict[str, str] = {}
    instruments = []
    for name, spec in raw["instruments"].items():
        spec = spec or {}
        kind = str(spec.get("type", ""))
        code = f"{kind}.{name}"
        if not _CODE.match(str(name)):
            problems.append(f"instrument name {name!r} is not snake_case")
        if kind not in type_codes:
            problems.append(f"instrument {name!r} has type {kind!r}, not one of {type_codes}")
        terms = _strings(spec.get("terms"), f"terms of {name!r}", problems)
        patterns = _strings(spec.get("patterns"), f"patterns of {name!r}", problems)
        if not terms and not patterns:
            problems.append(f"instrument {name!r} has no terms and no patterns")
        for term in terms:
            if not term or _BAD_TERM.search(term):
                problems.append(f"term {term!r} of {name!r} is empty or holds a separator")
            if term in seen:
                problems.append(f"term {term!r} is in both {seen[term]!r} and {name!r}")
            seen[term] = str(name)
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as err:
                problems.append(f"pattern {pattern!r} of {name!r}: {err}")
        instruments.append(
            Instrument(
                code=code,
                type=kind,
                zh=str(spec.get("zh", name)),
                en=str(spec.get("en", name)),
                terms=terms,
                patterns=patterns,
                head=bool(spec.get("head", False)),
            )
        )
    shadow = _strings(raw.get("shadow"), "shadow", problems)
    shadow_patterns = _strings(raw.get("shadow_patterns"), "shadow_patterns", problems)
    for pattern in shadow_patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            problems.append(f"shadow pattern {pattern!r}: {err}")
    if problems:
        raise InstrumentError(f"{source}: " + "; ".join(problems))
    rank = {c: i for i, c in enumerate(type_codes)}
    instruments.sort(key=lambda i: rank[i.type])  # stable: file order within a type
    return InstrumentTaxonomy(
        name=str(raw.get("name", Path(source).stem)),
        type_items=tuple((c, zh, en) for _, c, zh, en in types),
        instruments=tuple(instruments),
        shadow=shadow,
        source=source,
        shadow_patterns=shadow_patterns,
    )


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> InstrumentTaxonomy:
    with open(path, encoding="utf-8") as fh:
        return _parse(yaml.safe_load(fh), path)


def load_instruments(path: Path | str | None = None) -> InstrumentTaxonomy:
    """Read and validate an instrument typology.

    Parameters
    ----------
    path : path-like, name or None
        ``None``, ``""`` or ``"rothwell"``: the packaged Rothwell-Zegveld file;
        ``"regulatory"``: the packaged regulatory / economic / informational file; otherwise a
        YAML file of the same schema.

    Raises
    ------
    InstrumentError
        Listing every schema problem (unknown type, duplicate term, bad pattern ...).

    Examples
    --------
    >>> load_instruments().instrument("supply.funding").label
    '资金投入 Funding'
    """
    key = "" if path is None else str(path)
    p = PACKAGED[key] if key in PACKAGED else Path(key)
    p = p.resolve()
    if not p.is_file():
        raise FileNotFoundError(f"instrument taxonomy {p} not found")
    return _load_cached(str(p), p.stat().st_mtime)


def as_instruments(taxonomy: InstrumentTaxonomy | Path | str | None) -> InstrumentTaxonomy:
    """An :class:`InstrumentTaxonomy` from an object, a name, a path or ``None``."""
    return taxonomy if isinstance(taxonomy, InstrumentTaxonomy) else load_instruments(taxonomy)
