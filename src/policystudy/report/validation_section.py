"""The "How well the domain coding works" and "Caveats" sections."""

from __future__ import annotations

import pandas as pd

from policystudy.core.markdown import md_text
from policystudy.domains.validation import DATASET_NAMES
from policystudy.report import shares as share_notes
from policystudy.report.fmt import capped as _capped
from policystudy.report.fmt import ci as _ci
from policystudy.report.fmt import n_of, pct
from policystudy.report.links import cite


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
    rows = summary[(summary["dataset"] == dataset) & (summary["model"] == "lexicon")]
    parts = []
    for subset, name in names.items():
        r = rows[rows["subset"] == subset]
        if r.empty:
            continue
        r = r.iloc[0]
        acc = cite(f"{pct(r['primary_accuracy'])} of {int(r['n'])}", "domain_validation_summary",
                   dataset=dataset, model="lexicon", subset=subset)  # fmt: skip
        parts.append(f"{name} {acc} {_ci(r['ci_low'], r['ci_high'])}".rstrip())
    return f" {lead}: " + "; ".join(parts) + "." if parts else ""


def validation_section(summary: pd.DataFrame) -> str:
    """The seed and the unseen figure, separately, with what each rests on and the command."""
    if summary is None or summary.empty:
        return "- The domain classifier was not validated in this run."
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
        text += (
            f"\n\nThe figure to quote is the unseen one: the lexicon codes {acc} of "
            f"{int(dev['n'])} sentences of CPC congress reports correctly (primary label), "
            "sentences from documents that no rule was written or tuned on, drawn at random "
            "(seeded) and from the livelihood chapters, mostly not livelihood text. It rests on "
            "one genre (national party-congress reports) and one labeller; expect a different "
            "figure on another corpus, and label a sample of your own to know it."
        )
        text += _label_strata(summary, "dev")
        strata = summary[(summary["dataset"] == "dev") & (summary["model"] == "lexicon")
                         & (summary["subset"] != "all")
                         & ~summary["subset"].astype(str).str.startswith("label ")]  # fmt: skip
        if len(strata):
            text += (
                " By stratum: "
                + "; ".join(
                    f"{r['subset']} "
                    + cite(
                        f"{pct(r['primary_accuracy'])} of {int(r['n'])}",
                        "domain_validation_summary",
                        dataset="dev",
                        model="lexicon",
                        subset=r["subset"],
                    )
                    for _, r in strata.iterrows()
                )
                + "."
            )
    if seed is not None:
        seed_acc = cite(pct(seed["primary_accuracy"]), "domain_validation_summary",
                        dataset="seed", model="lexicon", subset="all")  # fmt: skip
        text += (
            f" The seed figure ({seed_acc}, leave-one-document-out) is "
            "optimistic: lexicon and labels were written on the same five documents."
        )
    if _summary_row(summary, "gwr", "lexicon") is not None:
        text += _label_strata(
            summary, "gwr", "On the report half of the government work reports, by hand label"
        )
    text += share_notes.era_validation(summary)
    text += f"\n\nThe figures are recomputed by `{summary['command'].iloc[0]}`."
    return text


def caveat_lines(
    caveats: pd.DataFrame,
    targets_eval: pd.DataFrame | None = None,
    *,
    overview: pd.DataFrame | None = None,
    group_by: str = "region",
    validation: pd.DataFrame | None = None,
) -> str:
    """Caveats computed from the data: the priority caveats, quality flags, validation, targets."""
    # The statements are plain text that names groups and documents: escaped as a whole.
    lines = []
    kinds = caveats["caveat"] if "caveat" in caveats.columns else pd.Series("", index=caveats.index)
    for kind, sub in caveats.groupby(kinds, sort=False):
        stated = [f"- {md_text(s)}" for s in sub["statement"]]
        lines += _capped(stated, noun=f"{kind} caveat", table="priority_caveats")
    if overview is not None and "quality_flags" in overview.columns:
        n_flagged = int((overview["quality_flags"].fillna("").astype(str) != "").sum())
        if n_flagged:
            lines.append(
                f"- {cite(n_of(n_flagged, 'document'), 'document_flags')} "
                f"{'carries' if n_flagged == 1 else 'carry'} a quality flag (see “Corpus” for "
                "each flag and its evidence); the flagged documents' weight in each group's #1 "
                "is under “Priorities”."
            )
    if validation is not None and len(validation):
        dev = _summary_row(validation, "dev", "lexicon")
        if dev is not None:
            lines.append(
                f"- The domain coding is right for {pct(dev['primary_accuracy'])} of "
                f"{int(dev['n'])} sentences of unseen CPC congress reports; on a different genre "
                "expect a different figure, and a share that moves by a few sentences is within "
                "the coding's error."
            )
    if targets_eval is not None:
        m = dict(zip(targets_eval["metric"], targets_eval["value"], strict=True))
        if float(m.get("n_gold", 0) or 0) == 0:
            lines.append(
                "- Target extraction was not evaluated on this corpus: the hand-made gold list "
                "covers the packaged seed documents only."
            )
        else:
            lines.append(
                f"- Target extraction scores precision {float(m['precision']):.2f}, recall "
                f"{float(m['recall']):.2f}, kind accuracy {float(m['kind_accuracy']):.2f} on "
                f"{int(float(m['n_gold']))} hand-listed quantities of these same documents, on "
                "which the rules were developed: expect lower figures on new text."
            )
    return "\n".join(lines)
