"""The "How well the domain coding works" and "Caveats" sections."""

from __future__ import annotations

import pandas as pd

from policystudy.core import defaults
from policystudy.core.markdown import md_text
from policystudy.report import shares as share_notes
from policystudy.report.fmt import capped as _capped
from policystudy.report.fmt import ci as _ci
from policystudy.report.fmt import n_of, pct
from policystudy.report.links import cite
from policystudy.report.templates import macros

_T = "validation.md.j2"
#: How the report names each label set.
DATASET_NAMES = {
    "seed": "seed (5 documents)",
    "dev": "unseen (CPC reports)",
    "gwr": "unseen (work reports 1954-2025)",
}


def _summary_row(summary: pd.DataFrame, dataset: str, model: str, subset: str = "all"):
    r = summary[
        (summary["dataset"] == dataset)
        & (summary["model"] == model)
        & (summary["subset"] == subset)
    ]
    return r.iloc[0] if len(r) else None


def _label_strata(summary: pd.DataFrame, dataset: str, lead: str = "By hand label") -> str:
    """The lexicon's accuracy by the hand label's kind, each with n and its Wilson interval.

    Examples
    --------
    >>> s = pd.DataFrame({"dataset": "dev", "model": "lexicon", "subset": ["label livelihood"],
    ...     "n": [39], "primary_accuracy": [0.897], "ci_low": [0.764], "ci_high": [0.959]})
    >>> _label_strata(s, "dev")  # doctest: +ELLIPSIS
    ' By hand label: livelihood sentences [89.7% of 39](...) [76.4–95.9].'
    """
    names = {"label livelihood": "livelihood sentences", "label general": "general framing",
             "label non_livelihood": "non-livelihood sentences"}  # fmt: skip
    say = macros(_T)
    rows = summary[(summary["dataset"] == dataset) & (summary["model"] == "lexicon")]
    parts = []
    for subset, name in names.items():
        r = rows[rows["subset"] == subset]
        if r.empty:
            continue
        r = r.iloc[0]
        acc = cite(f"{pct(r['primary_accuracy'])} of {int(r['n'])}", "domain_validation_summary",
                   dataset=dataset, model="lexicon", subset=subset)  # fmt: skip
        parts.append(say.stratum(name, acc, _ci(r["ci_low"], r["ci_high"])))
    return say.strata(lead, parts) if parts else ""


def validation_section(summary: pd.DataFrame) -> str:
    """The seed and the unseen figure, separately, with what each rests on and the command."""
    say = macros(_T)
    if summary is None or summary.empty:
        return say.not_validated()
    lines = [
        "| label set | model | protocol | items | primary accuracy | non-livelihood kept out |",
        "|---|---|---|---|---|---|",
    ]
    for _, r in summary[summary["subset"] == "all"].sort_values(["dataset", "model"]).iterrows():
        where = {"dataset": r["dataset"], "model": r["model"], "subset": "all"}
        acc = cite(pct(r["primary_accuracy"]), "domain_validation_summary", **where)
        nl = (
            "–"
            if pd.isna(r["non_livelihood_kept_out"])
            else cite(pct(r["non_livelihood_kept_out"]), "domain_validation_summary", **where)
            + f" of {int(r['non_livelihood_n'])}"
        )
        name = DATASET_NAMES.get(str(r["dataset"]), md_text(r["dataset"]))
        lines.append(f"| {name} | {r['model']} | {r['protocol']} | {int(r['n'])} | {acc} | {nl} |")
    dev = _summary_row(summary, "dev", "lexicon")
    seed = _summary_row(summary, "seed", "lexicon")
    text = "\n".join(lines)
    if dev is not None:
        acc = cite(pct(dev["primary_accuracy"]), "domain_validation_summary", dataset="dev",
                   model="lexicon", subset="all")  # fmt: skip
        text += say.unseen(acc, int(dev["n"]))
        text += _label_strata(summary, "dev")
        strata = summary[(summary["dataset"] == "dev") & (summary["model"] == "lexicon")
                         & (summary["subset"] != "all")
                         & ~summary["subset"].astype(str).str.startswith("label ")]  # fmt: skip
        if len(strata):
            text += say.by_stratum(
                [
                    f"{r['subset']} "
                    + cite(
                        f"{pct(r['primary_accuracy'])} of {int(r['n'])}",
                        "domain_validation_summary",
                        dataset="dev",
                        model="lexicon",
                        subset=r["subset"],
                    )
                    for _, r in strata.iterrows()
                ]
            )
    if seed is not None:
        seed_acc = cite(pct(seed["primary_accuracy"]), "domain_validation_summary",
                        dataset="seed", model="lexicon", subset="all")  # fmt: skip
        text += say.seed(seed_acc)
    if _summary_row(summary, "gwr", "lexicon") is not None:
        text += _label_strata(
            summary, "gwr", "On the report half of the government work reports, by hand label"
        )
    text += share_notes.era_validation(summary)
    text += say.command(summary["command"].iloc[0])
    return text


def caveat_lines(
    caveats: pd.DataFrame,
    targets_eval: pd.DataFrame | None = None,
    *,
    overview: pd.DataFrame | None = None,
    group_by: str = defaults.GROUP_BY,
    validation: pd.DataFrame | None = None,
) -> str:
    """Caveats computed from the data: the priority caveats, quality flags, validation, targets."""
    say = macros(_T)
    # The statements are plain text that names groups and documents: escaped as a whole.
    lines = []
    kinds = caveats["caveat"] if "caveat" in caveats.columns else pd.Series("", index=caveats.index)
    for kind, sub in caveats.groupby(kinds, sort=False):
        stated = [f"- {md_text(s)}" for s in sub["statement"]]
        lines += _capped(stated, noun=f"{kind} caveat", table="priority_caveats")
    if overview is not None and "quality_flags" in overview.columns:
        n_flagged = int((overview["quality_flags"].fillna("").astype(str) != "").sum())
        if n_flagged:
            n = cite(n_of(n_flagged, "document"), "document_flags")
            lines.append(say.flagged(n, n_flagged == 1))
    if validation is not None and len(validation):
        dev = _summary_row(validation, "dev", "lexicon")
        if dev is not None:
            lines.append(say.coding_error(pct(dev["primary_accuracy"]), int(dev["n"])))
    if targets_eval is not None:
        m = dict(zip(targets_eval["metric"], targets_eval["value"], strict=True))
        if float(m.get("n_gold", 0) or 0) == 0:
            lines.append(say.targets_not_evaluated())
        else:
            lines.append(
                say.targets_scores(
                    f"{float(m['precision']):.2f}",
                    f"{float(m['recall']):.2f}",
                    f"{float(m['kind_accuracy']):.2f}",
                    int(float(m["n_gold"])),
                )
            )
    return "\n".join(lines)
