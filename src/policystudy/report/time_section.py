"""Report sections on time and on what the groups hold: "Over time" and "Like with like".

Every number is read from the run's tables (``priorities_over_time.csv``,
``priority_trends.csv``, ``group_composition.csv``, ``priorities_common_period.csv``) and links
to its rows. Trends are of a domain's share of *all analysed text*, with the document as the
unit; a p-value that no permutation reached is written as a bound, never as a value.

Examples
--------
>>> _points(0.0123)
'+1.2 points'
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from policystudy.core.markdown import md_cell, md_code, md_text
from policystudy.priorities.composition import common_period
from policystudy.report.columns import declared_numbers, flag
from policystudy.report.fmt import LIST_MAX, ci, n_of, p_text, pct
from policystudy.report.links import cite
from policystudy.report.templates import macros

_T = "time.md.j2"
_C = "composition.md.j2"
# Periods past this many are not tabulated in the report: the figure and the table carry them.
MAX_PERIOD_ROWS = 12
# Domains shown in the period table beside livelihood text as a whole.
PERIOD_DOMAINS = 4


def _numeric(df: pd.DataFrame | None, name: str) -> pd.DataFrame | None:
    """Table ``name`` with its declared numeric columns as numbers (a column with no value at
    all reads back as text); None stays None."""
    return None if df is None else declared_numbers(df, name)


def composition_numbers(comp: pd.DataFrame) -> pd.DataFrame:
    """``group_composition.csv`` as read back, with its numeric columns as numbers."""
    out = _numeric(comp, "group_composition")
    assert out is not None
    return out.assign(top_genre=out["top_genre"].fillna("").astype(str))


def _years(a, b) -> str:
    return f"{int(a)}" if int(a) == int(b) else f"{int(a)}–{int(b)}"


def _change_ci(low, high) -> str:
    """An interval of changes in points, signed: ``[−12.0, +43.3]``."""
    if pd.isna(low) or pd.isna(high):
        return "–"
    return f"[{100 * float(low):+.1f}, {100 * float(high):+.1f}]"


def _points(x: float) -> str:
    """A change in shares as signed percentage points."""
    return f"{100 * float(x):+.1f} points"


def _domain(labels: Mapping[str, str], code: str) -> str:
    return labels.get(code, "all livelihood domains" if code == "livelihood" else code)


def _trend_row(r, labels: Mapping[str, str], n_permutations: int) -> str:
    where = {"level": r["level"], "group": r["group"], "domain": r["domain"]}
    slope = cite(_points(r["slope_per_decade"]), "priority_trends", **where)
    interval = _change_ci(r["ci_low"], r["ci_high"])
    p = p_text(r["p_holm"], flag(r["p_is_bound"]), holm=True)
    return macros(_T).trend_row(
        md_cell(_domain(labels, r["domain"])), pct(r["mean_share"]), slope, interval, p,
        flag(r["firm"]),
    )  # fmt: skip


def over_time_section(
    over_time: pd.DataFrame | None,
    trends: pd.DataFrame | None,
    *,
    labels: Mapping[str, str],
    time_by: str,
    break_year: int | None,
    min_documents: int,
    n_documents: int,
    n_permutations: int,
) -> str:
    """The "Over time" section: what changed, how firm it is, and what it rests on."""
    over_time = _numeric(over_time, "priorities_over_time")
    trends = _numeric(trends, "priority_trends")
    say = macros(_T)
    if not time_by:
        return say.no_time_by()
    if over_time is None or over_time.empty:
        return say.no_dates(md_code(time_by))
    corpus = over_time[over_time["level"] == "corpus"]
    periods = corpus.drop_duplicates("period").sort_values("period_start")
    dated = int(periods["n_documents"].sum())
    first, last = int(periods["period_start"].min()), int(periods["period_end"].max())
    n_dated = cite(f"{dated} of {n_documents} documents", "priorities_over_time", level="corpus")
    lines = [say.dated(md_code(time_by), n_dated, first, last, n_of(len(periods), "period"))]
    if len(periods) < 2:
        lines.append(say.one_period())
        return "\n".join(lines)
    t = trends[trends["level"] == "corpus"] if trends is not None else pd.DataFrame()
    tested = t[t["p_value"].notna()] if len(t) else t
    if len(t) and tested.empty:
        lines.append(say.no_trend(min_documents))
    elif len(tested):
        firm = tested[tested["firm"].map(flag)]
        shown = pd.concat([tested[tested["domain"] == "livelihood"], firm]).drop_duplicates(
            "domain"
        )
        shown = pd.concat([shown, tested.sort_values("p_holm", kind="stable")]).drop_duplicates(
            "domain"
        )
        n_slopes = len(trends[trends["p_value"].notna()]) if trends is not None else 0
        lines += [
            "",
            say.trend_lead(f"{n_permutations:,}", n_slopes),
            "",
            "| domain | mean share | change | 95% interval | Holm p | |",
            "|---|---|---|---|---|---|",
            *[
                _trend_row(r, labels, n_permutations)
                for _, r in shown.head(max(LIST_MAX, 1)).iterrows()
            ],
        ]
        rest = len(tested) - min(len(shown), LIST_MAX)
        if rest > 0:
            lines += ["", say.more_domains(cite(n_of(rest, "more domain"), "priority_trends"))]
        lines += ["", say.firm_count(n_of(len(firm), "domain"), len(firm), len(tested))]
    lines += _break_lines(t, labels, break_year, min_documents)
    lines += _period_table(corpus, periods, labels)
    lines += _group_trend_lines(trends, labels)
    return "\n".join(lines)


def _break_lines(t: pd.DataFrame, labels, break_year, min_documents) -> list[str]:
    if not break_year or t.empty:
        return []
    liv = t[t["domain"] == "livelihood"]
    if liv.empty:
        return []
    r = liv.iloc[0]
    n_b, n_a = int(r["n_before"]), int(r["n_after"])
    say = macros(_T)
    if not n_b or not n_a:
        return [say.no_break(break_year)]
    where = {"level": "corpus", "group": "", "domain": "livelihood"}
    before = cite(pct(r["share_before"]), "priority_trends", **where)
    after = cite(pct(r["share_after"]), "priority_trends", **where)
    if pd.isna(r["break_p_value"]):
        test = say.break_untested(min_documents, n_b, n_a, break_year)
    else:
        test = p_text(r["break_p_holm"], flag(r["break_p_is_bound"]), holm=True)
    moved = t[(t["domain"] != "livelihood") & t["break_p_holm"].notna()]
    moved = moved[moved["break_p_holm"] < 0.05].copy()
    items = []
    if len(moved):
        moved["size"] = moved["break_difference"].abs()
        moved = moved.sort_values(["size", "domain"], ascending=[False, True])
        items = [
            f"{md_text(labels.get(m['domain'], m['domain']))} {_points(m['break_difference'])}"
            for _, m in moved.head(LIST_MAX).iterrows()
        ]
    line = say.break_line(
        break_year, before, n_of(n_b, "document"), after, n_of(n_a, "document"),
        _points(r["break_difference"]), test, items, max(0, len(moved) - LIST_MAX),
    )  # fmt: skip
    return ["", line]


def _period_table(corpus: pd.DataFrame, periods: pd.DataFrame, labels) -> list[str]:
    if len(periods) > MAX_PERIOD_ROWS:
        return ["", macros(_T).too_many_periods(len(periods))]
    means = corpus[corpus["domain"] != "livelihood"].groupby("domain")["share_all"].mean()
    means = means.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    cols = ["livelihood", *means.index[:PERIOD_DOMAINS]]
    head = "| period | documents | " + " | ".join(md_cell(_domain(labels, c)) for c in cols) + " |"
    rows = ["", head, "|---|---|" + "---|" * len(cols)]
    for _, p in periods.iterrows():
        sub = corpus[corpus["period"] == p["period"]].set_index("domain")
        cells = []
        for c in cols:
            r = sub.loc[c]
            band = ci(r["ci_low"], r["ci_high"])
            cells.append(
                cite(pct(r["share_all"]), "priorities_over_time", level="corpus",
                     period=p["period"], domain=c) + (f" {band}" if band else "")
            )  # fmt: skip
        rows.append(
            f"| {md_cell(p['period'])} | {int(p['n_documents'])} | " + " | ".join(cells) + " |"
        )
    return rows


def _group_trend_lines(trends: pd.DataFrame | None, labels) -> list[str]:
    if trends is None or trends.empty:
        return []
    g = trends[(trends["level"] == "group") & trends["p_value"].notna()]
    if g.empty:
        return []
    firm = g[g["firm"].map(flag)].sort_values(["p_holm", "group", "domain"], kind="stable")
    say = macros(_T)
    n_groups = g["group"].nunique()
    out = ["", say.group_trends(n_of(n_groups, "group"), n_of(len(firm), "firm trend"), len(firm))]
    for _, r in firm.head(LIST_MAX).iterrows():
        where = {"level": "group", "group": r["group"], "domain": r["domain"]}
        out.append(
            say.group_trend(
                md_text(r["group"]),
                md_text(_domain(labels, r["domain"])),
                cite(_points(r["slope_per_decade"]), "priority_trends", **where),
                _change_ci(r["ci_low"], r["ci_high"]),
                n_of(r["n_documents"], "document"),
            )
        )
    if len(firm) > LIST_MAX:
        more = cite(n_of(len(firm) - LIST_MAX, "more"), "priority_trends", firm="True")
        out.append(say.more_group_trends(more))
    return out


# --- like with like -----------------------------------------------------------------------------


def composition_section(
    comp: pd.DataFrame | None,
    warnings: list[dict],
    common: pd.DataFrame | None,
    profiles: pd.DataFrame,
    *,
    group_by: str,
    labels: Mapping[str, str],
) -> str:
    """The "Like with like" section: what each group holds, where groups differ in it, and
    each group's #1 on the years all groups share."""
    comp = _numeric(comp, "group_composition")
    common = _numeric(common, "priorities_common_period")
    say = macros(_C)
    if comp is None or comp.empty:
        return ""
    if len(comp) < 2:
        return say.one_group()
    lines = [
        say.lead(md_code(group_by)),
        "",
        "| group | documents | years | median length | genres | flagged |",
        "|---|---|---|---|---|---|",
    ]
    for _, r in comp.head(3 * LIST_MAX).iterrows():
        years = "" if pd.isna(r["first_year"]) else _years(r["first_year"], r["last_year"])
        med = "" if pd.isna(r["median_chars"]) else f"{r['median_chars']:,.0f}"
        lines.append(
            f"| {md_cell(r['group'])} | "
            + cite(str(int(r["n_documents"])), "group_composition", group=r["group"])
            + f" | {years} | {med} | {md_cell(r['genres']) or '–'} | {int(r['flagged'])} |"
        )
    if len(comp) > 3 * LIST_MAX:
        more = cite(n_of(len(comp) - 3 * LIST_MAX, "more group"), "group_composition")
        lines += ["", say.more_groups(more)]
    if not warnings:
        lines += ["", say.alike()]
    for w in warnings:
        pairs = n_of(w["n_pairs"], "pair")
        lines += ["", say.not_alike(pairs, w["what"], md_text(w["example"]), w["kind"])]
    dated = comp[(comp["n_documents"] > 0) & comp["first_year"].notna()]
    if len(dated) >= 2 and common_period(comp) is None:
        lines += ["", say.no_common_year()]
    else:
        lines += _common_lines(common, profiles, labels)
    return "\n".join(lines)


def _common_lines(common: pd.DataFrame | None, profiles: pd.DataFrame, labels) -> list[str]:
    # Empty: every dated document already lies in the years all groups share.
    if common is None or common.empty:
        return []
    window = str(common["window"].iloc[0])
    tops = common[common["rank"] == 1].sort_values("group", kind="stable")
    full = profiles[profiles["rank"] == 1].set_index("group")["domain"].astype(str)
    say = macros(_C)
    items = []
    for _, r in tops.drop_duplicates("group").head(LIST_MAX).iterrows():
        full_top = full.get(str(r["group"]))
        top = cite(
            f"{labels.get(r['domain'], r['domain'])} {pct(r['share'])}",
            "priorities_common_period",
            group=r["group"],
            domain=r["domain"],
        )
        same = None if full_top is None else full_top == r["domain"]
        items.append(
            say.common_top(md_text(r["group"]), top, n_of(r["n_documents"], "document"), same)
        )
    return ["", say.common_lead(window), "", *items]
