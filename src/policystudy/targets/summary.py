"""The targets section of the findings report, as Markdown, from the pipeline's tables.

The report module calls :func:`targets_summary` with the tables of notebook 04 and its link
helper (``report.links.cite``), so every number links to the rows it was read from while this
module stays below the report layer.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"group": ["江苏", "江苏"], "kind": ["target", "status"],
...                   "sentence_id": ["a", "b"]})
>>> print(targets_summary({"targets": t}).split(chr(10) * 2)[1].splitlines()[2])
| 江苏 | 1 | 0 | 1 | 0 | 0 | 0 |
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from policystudy.core.markdown import md_cell, md_text

KIND_ORDER = ("target", "commitment", "status", "rule", "placeholder", "unknown")


def _plain(text: str, table: str, **where: object) -> str:
    return text


def _float(x) -> float | None:
    # Tables read back keep missing numbers as "" (strings) or NaN.
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(x) else x


def _num(x) -> str:
    x = _float(x)
    if x is None:
        return ""
    return f"{x:,.0f}" if x.is_integer() and abs(x) >= 1000 else f"{x:g}"


def _value_text(r) -> str:
    cmp = "" if str(r["comparator"]) in ("=", "") else str(r["comparator"])
    high = _num(r["value_high"])
    return f"{cmp}{_num(r['value'])}" + (f"–{high}" if high else "") + str(r["unit"])


def _scores(ev: pd.DataFrame | None) -> dict[str, float]:
    if ev is None or ev.empty:
        return {}
    out = {}
    for k, v in zip(ev["metric"], ev["value"], strict=True):
        # Tables read back keep an undefined score (no canonical gold) as "".
        try:
            out[str(k)] = float(v)
        except (TypeError, ValueError):
            continue
    return out


# Parts of the development list whose score is quoted, most trustworthy first.
HELD_OUT_SPLITS = ("report3", "report2", "report")


def _dev_basis(split: str, n_gold: int) -> str:
    """What a development part's score rests on, for the summary sentence."""
    if split != "report3":
        return (
            f"the {n_gold} quantities of the development part `{split}` of reports to CPC "
            "congresses (the rules were tuned on this part, so the figures describe fit more "
            "than accuracy on unseen text)"
        )
    from policystudy.targets.evaluation import read_dev

    gold = read_dev(split)[1]
    parts = ""
    if len(gold) == n_gold:  # describe the rows only when the table scored this list
        n_num = int(gold["value"].notna().sum())
        parts = f", {n_num} with a number and {n_gold - n_num} qualitative"
    return (
        f"the {n_gold} quantities{parts} hand-listed blind, by reading only, from the last "
        "unread paragraphs of the development reports to CPC congresses (part `report3`, "
        "labelled before the rules saw it, but checked after each later round of rule "
        "changes, so no longer blind; a small base, so these figures are rough)"
    )


def _unknown_note(t: pd.DataFrame) -> str:
    """Sentences counting the ``unknown`` rows and the rows of set-aside parts, or ``""``."""
    n = int((t["kind"].astype(str) == "unknown").sum()) if "kind" in t.columns else 0
    out = (
        f" {n} of the {len(t)} rows are `unknown`: read them before counting them either way."
        if n
        else ""
    )
    if "part" in t.columns:
        aside = t["part"].fillna("policy").astype(str)
        aside = aside[aside != "policy"]
        if len(aside):
            names = ", ".join(sorted(set(aside)))
            out += (
                f" {len(aside)} rows come from set-aside parts of their documents "
                f"(part {md_text(names)}, such as officials' commentary; column `part`): "
                "counted here, and marked in the table."
            )
    return out


def targets_summary(
    tables: Mapping[str, pd.DataFrame],
    *,
    cite: Callable[..., str] | None = None,
    group_by: str = "group",
    list_max: int = 10,
) -> str:
    """Markdown: kinds per group, comparable shared commitments, and how far to trust them.

    Parameters
    ----------
    tables : mapping of name -> DataFrame
        ``targets`` (required); optional ``targets_shared`` (from
        :func:`~policystudy.targets.shared_indicators`; computed from ``targets`` when
        missing) and ``targets_evaluation`` (``metric, value``: the seed list's scores, and
        the development list's as ``dev_tune_*`` / ``dev_report_*`` / ``dev_report2_*`` /
        ``dev_report3_*``). The held-out figure quoted is ``dev_report3_*`` (labelled blind,
        scored once, never tuned on) when present, else ``dev_report2_*``, else
        ``dev_report_*``; those two were tuned on in round 4 and are quoted as such.
    cite : callable, keyword-only
        ``cite(text, table, **where)`` making a number a link to its rows; ``None``: plain text.
    group_by : str, keyword-only
        Name of the grouping column for the table header.
    list_max : int, keyword-only
        Most indicators named in the paragraph on targets over time.

    The paragraph on targets over time reads ``targets_over_time`` (from
    :func:`~policystudy.targets.timeline.targets_over_time`), computed from ``targets`` and the
    documents' years in ``corpus_overview`` when missing; without either it is left out.
    """
    cite = cite or _plain
    t = tables["targets"]
    lines = [
        f"| {md_cell(group_by)} | " + " | ".join(KIND_ORDER) + " |",
        "|---|" + "---|" * len(KIND_ORDER),
    ]
    counts = t.groupby(["group", "kind"]).size()
    for group in sorted(t["group"].astype(str).unique()):
        cells = []
        for kind in KIND_ORDER:
            n = int(counts.get((group, kind), 0))
            cells.append(cite(str(n), "targets", group=group, kind=kind) if n else "0")
        lines.append(f"| {md_cell(group)} | " + " | ".join(cells) + " |")
    out = [
        "Every quantity the documents state, by kind: `target` (a number to reach), "
        "`commitment` (a complete goal with no number: 全覆盖, 动态清零), `status` (a reported "
        "fact), `rule` (a standing formula), `placeholder` (a number left unfilled), "
        "`unknown` (the text gives no evidence either way: no goal or past cue in its "
        "sentence, no review or goal section; never counted as a target). Repeats within a "
        "document are counted once." + _unknown_note(t),
        "\n".join(lines),
    ]
    shared = tables.get("targets_shared")
    if shared is None and "canonical_indicator" in t.columns:
        from policystudy.targets.tables import shared_indicators

        shared = shared_indicators(t)
    if shared is not None and shared.empty:
        out.append(
            "No canonical indicator has commitments from two or more different groups "
            "(indicators are named in `indicators.yaml`)."
        )
    if shared is not None and not shared.empty:
        rows = []
        for name, sub in shared.groupby("canonical_indicator", sort=True):
            ok = sub[sub["compared"].astype(str).isin(["True", "true", "1"])]
            if ok["group"].nunique() < 2:
                continue
            first = ok.iloc[0]
            facets = ", ".join(
                md_text(x) for x in (first["unit_base"], first["scope"], first["period_class"],
                                 first["value_type"]) if str(x) not in ("", "nan")
            )  # fmt: skip
            vals = "; ".join(
                f"{md_text(r['group'])}: "
                + cite(
                    _value_text(r),
                    "targets_shared",
                    canonical_indicator=name,
                    sentence_id=r["sentence_id"],
                )
                + f" ({md_text(r['kind'])}"
                + (f", by {int(_float(r['year_to']))}" if _float(r["year_to"]) is not None else "")
                + ")"
                for _, r in ok.iterrows()
            )
            left = sub[~sub.index.isin(ok.index)]
            note = ""
            if len(left):
                reasons = sorted(set(left["reason"].astype(str)))
                note = f" — {cite(str(len(left)), 'targets_shared', canonical_indicator=name, compared=False)} not compared ({'; '.join(md_text(x) for x in reasons)})"
            rows.append(f"- **{md_text(name)}** ({facets}): {vals}{note}")
        out.append(
            "Targets to the same indicator by two or more different groups, compared only "
            "with the same kind, scope, period (and its last year) and value type; reported "
            "results, `unknown` rows and placeholder periods (到202x年) are never compared:"
        )
        out.append(
            "\n".join(rows) if rows else "- (no indicator has comparable targets in two groups)"
        )
    seed = _scores(tables.get("targets_evaluation"))
    out.append(_over_time(tables, cite=cite, list_max=list_max, seed=seed))
    notes = []
    if seed and seed.get("n_gold", 0):
        notes.append(
            f"on the {int(seed['n_gold'])} hand-listed quantities of the seed documents (on which "
            f"the rules were written) precision {seed['precision']:.2f}, recall "
            f"{seed['recall']:.2f}, kind accuracy {seed['kind_accuracy']:.2f}"
        )
    # The held-out part is report3 (the last unread dev paragraphs, labelled blind, scored
    # once); the rules were tuned on report2 and report in round 4 (dev/TARGETS_DEV.md).
    split = next((s for s in HELD_OUT_SPLITS if f"dev_{s}_n_gold" in seed), None)
    head = f"dev_{split}_"
    m = {k.removeprefix(head): v for k, v in seed.items() if k.startswith(head)}
    if split is not None and m.get("n_gold"):
        notes.append(
            f"on {_dev_basis(split, int(m['n_gold']))} precision {m['precision']:.2f}, recall "
            f"{m['recall']:.2f}, kind accuracy {m['kind_accuracy']:.2f}"
        )
    # The work-report list's blind part is `coda` (drawn and labelled while the rules were
    # tuned on `reserve`, the earlier blind part, and scored once after): dev/TARGETS_DEV.md.
    gwr = {k.removeprefix(GWR_BLIND): v for k, v in seed.items() if k.startswith(GWR_BLIND)}
    if gwr.get("recall_n"):
        notes.append(_gwr_note(gwr))
    if notes:
        out.append("How far to trust the extraction: " + "; ".join(notes) + ".")
    return "\n\n".join(x for x in out if x)


def _over_time(
    tables: Mapping[str, pd.DataFrame],
    *,
    cite: Callable[..., str],
    list_max: int,
    seed: Mapping[str, float],
) -> str:
    """The paragraph on own-year targets over time, or ``""`` without the tables it needs."""
    from policystudy.targets.timeline import over_time_lines, targets_over_time

    docs = tables.get("corpus_overview")
    over = tables.get("targets_over_time")
    if docs is None:
        return ""
    if over is None and "canonical_indicator" in tables["targets"].columns:
        over = targets_over_time(tables["targets"], docs)
    has_years = (
        "year" in docs.columns and pd.to_numeric(docs["year"], errors="coerce").notna().any()
    )
    return over_time_lines(
        over,
        has_years=bool(has_years),
        cite=cite,
        list_max=list_max,
        kind_accuracy=seed.get(GWR_BLIND + "kind_accuracy"),
    )


#: The metric prefix of the work-report list's blind part in ``targets_evaluation``.
GWR_BLIND = "gwr_coda_"


def _gwr_note(m: Mapping[str, float]) -> str:
    """The held-out figures of the work-report list, with their Wilson intervals.

    Each figure has three decimals, so that one just under a goal (0.946 against 0.95) does not
    read as meeting it.
    """

    def fig(name: str) -> str:
        return (
            f"{m[name]:.3f} ({int(m[name + '_k'])}/{int(m[name + '_n'])}, "
            f"{m[name + '_lo']:.2f}–{m[name + '_hi']:.2f})"
        )

    text = (
        f"on {int(m['recall_n'])} numeric quantities hand-listed blind from national government "
        "work reports (the last part labelled blind, by reading only, never tuned on, scored "
        "once; 95 % Wilson intervals) recall "
        f"{fig('recall')}, precision {fig('precision')}, kind accuracy {fig('kind_accuracy')}"
    )
    if m.get("commitment_recall_n"):
        text += f", and commitments without a number found {fig('commitment_recall')}"
    return text
