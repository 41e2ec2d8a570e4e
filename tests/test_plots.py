import warnings

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager, ft2font

from policystudy.report import plots
from policystudy.report.plots import corpus as corpus_plots


def test_missing_glyph_warning_is_an_error_in_this_suite():
    # Without the CJK font DejaVu Sans cannot draw Chinese. No filter is installed here: the
    # suite's own configuration (pyproject's filterwarnings) must turn the warning into an error.
    import matplotlib

    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots()
        ax.set_title("民生")
        try:
            with pytest.raises(UserWarning, match="missing from font"):
                fig.canvas.draw()
        finally:
            plt.close(fig)


def test_corpus_figure_renders_chinese_without_missing_glyphs(tmp_path, seed_tables):
    t = seed_tables
    overview = corpus_plots.composition(t.overview, t.paragraphs, t.audit, t.headings)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing from font")
        fig = corpus_plots.length_figure(overview)
        files = plots.save_figure(
            fig,
            tmp_path,
            "corpus_lengths",
            notebook="00_corpus",
            function="policystudy.report.plots.corpus.length_figure",
            caption="x",
        )
    plt.close(fig)
    assert [f.suffix for f in files] == [".png", ".svg", ".json"]
    # The Chinese title is drawn as glyph outlines of the Noto CJK font (svg.fonttype "path":
    # each glyph a <path id="<PostScript name>-<glyph index, hex>">), not as boxes.
    svg = files[1].read_text(encoding="utf-8")
    path = font_manager.findfont(font_manager.FontProperties(family=plt.rcParams["font.family"]))
    font = ft2font.FT2Font(path)
    assert font.postscript_name.startswith("NotoSansCJK")
    glyphs = font.get_charmap()
    for ch in "各文档长度与构成":
        assert f'<path id="{font.postscript_name}-{glyphs[ord(ch)]:x}"' in svg, ch


def test_figures_are_byte_identical_between_saves(tmp_path, seed_tables):
    t = seed_tables
    overview = corpus_plots.composition(t.overview, t.paragraphs, t.audit, t.headings)
    out = []
    for name in ("a", "b"):
        fig = corpus_plots.length_figure(overview)
        out.append(
            plots.save_figure(fig, tmp_path / name, "f", notebook="n", function="f", caption="c")
        )
        plt.close(fig)
    for first, second in zip(out[0], out[1], strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name
    svg = out[0][1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_font_comes_from_mplfonts():
    assert plots.cjk_font_path().is_file()
    assert plots.setup() == "Noto Sans CJK SC"


def test_corpus_figure_aggregates_large_corpora_by_group():
    import pandas as pd

    n = 500
    overview = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "region": [["Jilin", "Tianjin"][i % 2] for i in range(n)],
            "chars": [1000] * n,
            "heading_chars": [10] * n,
            "removed_chars": [5] * n,
        }
    )
    fig = corpus_plots.length_figure(overview)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
    assert labels == ["Jilin (250 docs)", "Tianjin (250 docs)"]
    assert fig.get_size_inches()[1] < 5


def test_document_figure_draws_distributions_past_max_rows(tmp_path):
    """780 documents would make a 430-inch heatmap: past MAX_DOCUMENT_ROWS the figure draws
    each domain's distribution of document shares per group, at a fixed size, and its caption
    says so; at or under the limit every document keeps its row."""
    import numpy as np
    import pandas as pd

    from policystudy.report.plots import priorities as priority_plots

    rng = np.random.default_rng(0)
    codes = ["employment", "education", "health"]

    def frame(n_docs):
        rows = []
        for d in range(n_docs):
            share = rng.dirichlet(np.ones(len(codes)))
            for c, s in zip(codes, share, strict=True):
                rows.append({"doc_id": f"d{d:04d}", "group": "东部" if d % 2 else "西部",
                             "domain": c, "share_livelihood": s, "rank": 1, "chars": 100})  # fmt: skip
        return pd.DataFrame(rows)

    limit = priority_plots.MAX_DOCUMENT_ROWS
    small = priority_plots.document_heatmap(frame(limit))
    assert len(small.axes[0].get_yticklabels()) == limit
    assert "rank" in priority_plots.document_caption(frame(limit))
    big_docs = frame(780)
    big = priority_plots.document_heatmap(big_docs)
    assert big.get_size_inches()[1] < 10
    assert not big.axes[0].get_yticklabels() or "d0001" not in str(big.axes[0].get_yticklabels())
    assert "780 documents" in priority_plots.document_caption(big_docs)
    plots.save_figure(big, tmp_path, "priority_documents", notebook="t", function="f", caption="c")
    plt.close("all")
