"""The livelihood taxonomy: schema, validation and the one loader of ``taxonomy.yaml``.

Every part of the package that needs domain codes, labels, terms, the 七有 / 2021 standard
mapping or the classifier's evidence settings reads them through :func:`load_taxonomy`.

Examples
--------
>>> t = load_taxonomy()
>>> t.domain("housing").zh, t.domain("housing").standard_areas
('住房保障', ('住有所居',))
>>> t.livelihood[:2], t.settings["min_evidence"]
(['employment', 'social_insurance'], 3.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from policystudy.core import resources

# --- regexes and constants --------------------------------------------------------------------
# Domain codes are snake_case so they can be used as column names and in `code:score` pairs.
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
# A term must be plain text: the `|`, `:` and whitespace separators of the output must not occur.
_BAD_TERM_CHARS = re.compile(r"[\s|:,]")

GENERAL = "general"
NON_LIVELIHOOD = "non_livelihood"
#: The 七有 phrases and the nine areas of the 2021 national basic public service standard.
QIYOU = ("幼有所育", "学有所教", "劳有所得", "病有所医", "老有所养", "住有所居", "弱有所扶")
STANDARD_AREAS = (*QIYOU, "优军服务保障", "文体服务保障")
#: How a livelihood domain stands to the 2021 standard (``relation`` in the file): it lies
#: within its areas, covers part of them and text beyond, or has no area at all.
RELATIONS = ("maps", "partial", "outside the standard")
#: Defaults of the ``settings`` block (a version-1 file has none).
DEFAULT_SETTINGS = {
    "threshold": 0.25,
    "min_evidence": 3.0,
    "min_label_score": 1.0,
    "non_livelihood_margin": 1.0,
    "heading_weight": 1.0,
    "parent_heading_factor": 0.5,
    "clause_min_chars": 80.0,
    "short_unit_chars": 30.0,
    "short_min_evidence": 2.0,
}


class TaxonomyError(ValueError):
    """The taxonomy file does not follow the documented schema."""


@dataclass(frozen=True)
class Domain:
    """One domain: code, labels, 七有 phrases, standard areas, sub-domains and weighted terms."""

    code: str
    zh: str
    en: str
    order: float
    qiyou: tuple[str, ...] = ()
    terms: tuple[tuple[str, float], ...] = ()
    standard_areas: tuple[str, ...] = ()
    subdomains: tuple[tuple[str, tuple[str, ...]], ...] = ()
    livelihood: bool = True
    relation: str = ""
    relation_note: str = ""

    @property
    def label(self) -> str:
        """Bilingual label for tables and figures, e.g. ``'就业 Employment'``."""
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Taxonomy:
    """Ordered domains and the term -> domain map.

    ``codes`` holds every code; ``livelihood`` the domains that can be priorities (not
    ``general``, not ``non_livelihood``).
    """

    domains: tuple[Domain, ...]
    source: str = ""
    settings_items: tuple[tuple[str, float], ...] = ()
    _term_domain: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def settings(self) -> dict[str, float]:
        """The classifier settings of the file, defaults filled in."""
        return {**DEFAULT_SETTINGS, **dict(self.settings_items)}

    @property
    def codes(self) -> list[str]:
        """All codes in taxonomy order, ``general`` and ``non_livelihood`` included."""
        return [d.code for d in self.domains]

    @property
    def livelihood(self) -> list[str]:
        """Codes of the livelihood domains, the ones that can be priorities."""
        return [d.code for d in self.domains if d.livelihood and d.code != GENERAL]

    @property
    def substantive(self) -> list[str]:
        """Alias of :attr:`livelihood` (the name used before version 2)."""
        return self.livelihood

    @property
    def has_non_livelihood(self) -> bool:
        """Whether the file defines the ``non_livelihood`` domain."""
        return NON_LIVELIHOOD in self.codes

    @property
    def terms(self) -> list[str]:
        """Every term, weight-0 ``general`` terms included, in taxonomy order.

        The column order of :func:`policystudy.domains.matcher.term_counts`.

        Examples
        --------
        >>> t = load_taxonomy()
        >>> "低保" in t.terms and "健康发展" in t.terms
        True
        """
        return [term for d in self.domains for term, _ in d.terms]

    def weight_matrix(self, vocabulary: Sequence[str] | None = None) -> np.ndarray:
        """Terms x codes matrix of weights (rows follow ``vocabulary``, columns :attr:`codes`).

        ``term_counts(texts) @ weight_matrix()`` gives every text's raw score per domain. A
        vocabulary term that is not in this taxonomy (e.g. one removed by
        :meth:`without_terms`) gets a row of zeros.

        Examples
        --------
        >>> t = load_taxonomy()
        >>> w = t.weight_matrix(["低保", "健康发展"])
        >>> float(w[0, t.codes.index("social_assistance")]), float(w[1].sum())
        (3.0, 0.0)
        """
        vocab = self.terms if vocabulary is None else list(vocabulary)
        column = {c: i for i, c in enumerate(self.codes)}
        mat = np.zeros((len(vocab), len(column)))
        for row, term in enumerate(vocab):
            code, weight = self._term_domain.get(term, (GENERAL, 0.0))
            mat[row, column[code]] = weight
        return mat

    def domain(self, code: str) -> Domain:
        """The :class:`Domain` with ``code``."""
        for d in self.domains:
            if d.code == code:
                return d
        raise KeyError(code)

    def labels(self, *, lang: str = "both") -> dict[str, str]:
        """Code -> display label (``zh``, ``en`` or ``both``)."""
        pick = {"zh": lambda d: d.zh, "en": lambda d: d.en, "both": lambda d: d.label}[lang]
        return {d.code: pick(d) for d in self.domains}

    def mapping(self):
        """One row per livelihood domain: its 七有 phrases, 2021 standard areas and relation.

        ``relation`` is ``maps`` (the domain lies within its areas), ``partial`` (it covers
        part of them and text beyond) or ``outside the standard`` (no area: no mapping is
        claimed); ``relation_note`` says which items of the standard it covers.

        Examples
        --------
        >>> m = load_taxonomy().mapping().set_index("domain")
        >>> m.loc["veterans", ["standard_areas", "relation"]].tolist()
        ['优军服务保障', 'maps']
        >>> m.loc["safety_governance", ["standard_areas", "relation"]].tolist()
        ['', 'outside the standard']
        """
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "domain": d.code,
                    "label_zh": d.zh,
                    "label_en": d.en,
                    "qiyou": "|".join(d.qiyou),
                    "standard_areas": "|".join(d.standard_areas),
                    "relation": d.relation,
                    "relation_note": d.relation_note,
                    "subdomains": "|".join(name for name, _ in d.subdomains),
                }
                for d in self.domains
                if d.code in self.livelihood
            ]
        )

    def strongest_terms(self, counts: dict[str, int] | None = None) -> dict[str, str]:
        """Each livelihood domain's strongest term (the sensitivity analysis drops it).

        With ``counts`` (term -> occurrences in the corpus), the term contributing most weight;
        without, the highest-weight term. Ties: higher weight, then longer, then code point.

        Examples
        --------
        >>> load_taxonomy().strongest_terms({"低保": 2, "救助": 1})["social_assistance"]
        '低保'
        """
        out = {}
        for d in self.domains:
            if d.code not in self.livelihood or not d.terms:
                continue
            key = (
                (lambda tw: (-tw[1] * counts.get(tw[0], 0), -tw[1], -len(tw[0]), tw[0]))
                if counts is not None
                else (lambda tw: (-tw[1], -len(tw[0]), tw[0]))
            )
            out[d.code] = sorted(d.terms, key=key)[0][0]
        return out

    def without_terms(self, terms: Iterable[str]) -> Taxonomy:
        """A copy with ``terms`` removed from every domain.

        Examples
        --------
        >>> t = load_taxonomy().without_terms(["低保"])
        >>> "低保" in dict(t.domain("social_assistance").terms)
        False
        """
        drop = set(terms)
        domains = tuple(
            Domain(
                d.code,
                d.zh,
                d.en,
                d.order,
                d.qiyou,
                tuple(t for t in d.terms if t[0] not in drop),
                d.standard_areas,
                tuple((n, tuple(x for x in ts if x not in drop)) for n, ts in d.subdomains),
                d.livelihood,
                d.relation,
                d.relation_note,
            )
            for d in self.domains
        )
        return _build(domains, self.settings_items, source=f"{self.source} without {sorted(drop)}")


def _build(domains, settings_items, *, source: str) -> Taxonomy:
    term_domain: dict[str, tuple[str, float]] = {}
    for d in domains:
        for term, weight in d.terms:
            term_domain[term] = (d.code, weight)
    return Taxonomy(
        domains=tuple(domains),
        source=source,
        settings_items=tuple(settings_items),
        _term_domain=term_domain,
    )


def _parse_settings(raw, problems: list[str]) -> tuple[tuple[str, float], ...]:
    out = []
    for key, value in (raw or {}).items():
        if key not in DEFAULT_SETTINGS:
            problems.append(f"unknown setting {key!r} (known: {', '.join(DEFAULT_SETTINGS)})")
        elif not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            problems.append(f"setting {key!r} must be a number >= 0")
        else:
            out.append((str(key), float(value)))
    return tuple(sorted(out))


def _parse(raw: dict, source: str) -> Taxonomy:
    problems: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("domains"), dict):
        raise TaxonomyError(f"{source}: top-level key 'domains' (a mapping) is required")
    settings_items = _parse_settings(raw.get("settings"), problems)
    seen: dict[str, str] = {}
    domains = []
    for code, spec in raw["domains"].items():
        code = str(code)
        if not _CODE.match(code):
            problems.append(f"domain code {code!r} is not snake_case")
        spec = spec or {}
        for key in ("zh", "en", "terms"):
            if key not in spec:
                problems.append(f"domain {code!r} lacks {key!r}")
        livelihood = bool(spec.get("livelihood", True))
        if (code == NON_LIVELIHOOD) == livelihood:
            problems.append(f"only {NON_LIVELIHOOD!r} has 'livelihood: false' ({code!r})")
        terms = []
        for term, weight in (spec.get("terms") or {}).items():
            term = str(term)
            if _BAD_TERM_CHARS.search(term) or not term:
                problems.append(f"term {term!r} of {code!r} contains a separator or is empty")
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight < 0:
                problems.append(f"weight of {term!r} in {code!r} must be a number >= 0")
                continue
            if code != GENERAL and weight == 0:
                problems.append(f"weight-0 term {term!r} belongs under 'general'")
            if term in seen:
                problems.append(f"term {term!r} is in both {seen[term]!r} and {code!r}")
            seen[term] = code
            terms.append((term, float(weight)))
        areas = tuple(str(a) for a in (spec.get("standard_areas") or []))
        qiyou = tuple(str(q) for q in (spec.get("qiyou") or []))
        for value, allowed, what in ((qiyou, QIYOU, "qiyou"), (areas, STANDARD_AREAS, "area")):
            for v in value:
                if v not in allowed:
                    problems.append(f"{what} {v!r} of {code!r} is not one of {', '.join(allowed)}")
        # Not given (a user's or a version-1 file): derived from the areas it names.
        relation = str(spec.get("relation") or ("maps" if areas else "outside the standard"))
        if livelihood and code != GENERAL:
            if relation not in RELATIONS or (relation == RELATIONS[2]) != (not areas):
                problems.append(
                    f"relation {relation!r} of {code!r} must be one of {', '.join(RELATIONS)}, "
                    "and 'outside the standard' exactly when it has no standard_areas"
                )
        own = {t for t, _ in terms}
        subdomains = []
        for name, members in sorted((spec.get("subdomains") or {}).items()):
            members = tuple(str(m) for m in members or [])
            for m in members:
                if m not in own:
                    problems.append(f"sub-domain {name!r} of {code!r} lists {m!r}, not its term")
            subdomains.append((str(name), members))
        domains.append(
            Domain(
                code=code,
                zh=str(spec.get("zh", code)),
                en=str(spec.get("en", code)),
                order=float(spec.get("order", 1e9)),
                qiyou=qiyou,
                terms=tuple(sorted(terms, key=lambda tw: tw[0])),
                standard_areas=areas,
                subdomains=tuple(subdomains),
                livelihood=livelihood,
                relation=relation,
                relation_note=str(spec.get("relation_note") or ""),
            )
        )
    if GENERAL not in {d.code for d in domains}:
        problems.append("the 'general' domain is required")
    if problems:
        raise TaxonomyError(f"{source}: " + "; ".join(problems))
    domains.sort(key=lambda d: (d.order, d.code))
    return _build(tuple(domains), settings_items, source=source)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Taxonomy:
    with open(path, encoding="utf-8") as fh:
        return _parse(yaml.safe_load(fh), path)


def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """Read and validate a taxonomy YAML file (default: the packaged ``taxonomy.yaml``).

    Parameters
    ----------
    path : path-like or None
        A user taxonomy following the packaged file's schema; ``None`` or ``""`` for the
        packaged file.

    Raises
    ------
    TaxonomyError
        Listing every schema problem (bad codes, missing labels, duplicate terms ...).

    Examples
    --------
    >>> t = load_taxonomy()
    >>> t.codes[0], t.codes[-2:], t.domain("elderly_care").zh
    ('employment', ['general', 'non_livelihood'], '养老服务')
    """
    p = Path(path) if path not in (None, "") else resources.TAXONOMY
    p = p.resolve()
    return _load_cached(str(p), p.stat().st_mtime)


def as_taxonomy(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    """A :class:`Taxonomy` from an object, a path or ``None`` (the packaged file)."""
    return taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
