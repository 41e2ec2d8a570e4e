"""House style for every figure, and the one way figures are saved.

Chinese labels need a real CJK font: matplotlib otherwise draws empty boxes and warns
"Glyph … missing from font". We register the Noto Sans CJK SC file that the ``mplfonts`` package
ships, so a fresh machine with no system fonts renders correctly (``mplfonts init`` is never run:
it rewrites the user's matplotlib configuration).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt, tempfile
>>> setup()
'Noto Sans CJK SC'
>>> fig, ax = plt.subplots()
>>> _ = ax.set_title("民生优先")
>>> sorted(p.suffix for p in save_figure(fig, tempfile.mkdtemp(), "demo", notebook="00_corpus",
...        function="policystudy.report.plots.corpus.length_figure", caption="示例"))
['.json', '.png', '.svg']
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import matplotlib
from matplotlib import font_manager

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_FAMILY = "Noto Sans CJK SC"
DPI = 150
# A fixed salt makes SVG element ids identical between runs.
SVG_HASH_SALT = "policystudy"

PALETTE = [
    "#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182",
    "#8d6a9f", "#2e4057", "#c97c5d", "#7a9e9f", "#a0a0a0", "#5b5f97",
]  # fmt: skip


def group_palette(groups) -> dict[str, str]:
    """One colour per group, the same in every panel and every figure of a run.

    Groups are sorted (as every table sorts them) and take the house palette in turn, so a
    group keeps its colour whatever subset of groups a panel shows.

    Examples
    --------
    >>> group_palette(["辽宁", "吉林", "辽宁"])
    {'吉林': '#1b6ca8', '辽宁': '#d1495b'}
    """
    ordered = sorted({str(g) for g in groups})
    return {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(ordered)}


# How figures name the grouping column: the corpus's own word, never "region" by default.
GROUP_NOUNS = {"region": "region", "province": "province", "period": "period", "year": "year"}


def group_noun(group_by: str) -> str:
    """The word figures use for the grouping column ``group_by`` (titles, legends, captions).

    Examples
    --------
    >>> group_noun("region"), group_noun("bloc"), group_noun("policy_area")
    ('region', 'bloc', 'policy area')
    """
    return GROUP_NOUNS.get(group_by, group_by.replace("_", " "))


def cjk_font_path() -> Path:
    """Path of the Noto Sans CJK SC font file shipped by ``mplfonts``.

    Examples
    --------
    >>> cjk_font_path().name
    'NotoSansCJKsc-Regular.otf'
    """
    path = Path(str(resources.files("mplfonts") / "fonts" / FONT_FILE))
    if not path.is_file():
        raise FileNotFoundError(
            f"CJK font {FONT_FILE} not found in the mplfonts package at {path}; "
            "reinstall with `pip install mplfonts`"
        )
    return path


def setup() -> str:
    """Register the CJK font and set the house style; idempotent.

    Returns
    -------
    str
        The font family name now used for all text.
    """
    path = cjk_font_path()
    registered = {f.fname for f in font_manager.fontManager.ttflist}
    if str(path) not in registered:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.hashsalt": SVG_HASH_SALT,
            "svg.fonttype": "path",
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 12,
            "axes.labelsize": 10,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 9,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        }
    )
    return FONT_FAMILY


def save_figure(
    fig,
    out_dir: Path | str,
    name: str,
    *,
    notebook: str,
    function: str,
    caption: str,
) -> list[Path]:
    """Save ``fig`` as PNG and SVG under ``<out_dir>/figures`` plus a JSON sidecar.

    No timestamps are written (PNG ``Software`` and SVG ``Date`` metadata are dropped) and the SVG
    hash salt is fixed, so reruns are byte-identical. The sidecar records which notebook and
    function made the figure, for provenance.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    out_dir : path
        Output root (the figure goes to ``<out_dir>/figures/<name>.png``).
    name : str
        File stem, e.g. ``"corpus_lengths"``.
    notebook, function, caption : str, keyword-only
        Provenance and a one-sentence caption.

    Returns
    -------
    list of Path
        The PNG, SVG and JSON files written.
    """
    setup()
    folder = Path(out_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    png, svg, meta = (folder / f"{name}{ext}" for ext in (".png", ".svg", ".json"))
    fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight")
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        fig.savefig(
            svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight"
        )
    sidecar = {
        "figure": name,
        "caption": caption,
        "notebook": notebook,
        "function": function,
        "files": [png.name, svg.name],
    }
    meta.write_text(
        json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return [png, svg, meta]
