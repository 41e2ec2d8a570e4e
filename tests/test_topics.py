"""TF-IDF similarity, NMF topics, the n_topics rule and topic prevalence."""

from __future__ import annotations

import pickle

import matplotlib
import numpy as np
import pandas as pd
import pytest

from policystudy.ingest import corpus, preprocess
from policystudy.text import PolicyTokenizer, tokenize_paragraphs
from policystudy.topics import (
    TfidfSpace,
    background_topic,
    choose_n_topics,
    cosine_similarity_matrix,
    describe_choice,
    describe_intervals,
    fit_topics,
    similarity_table,
    topic_coherence,
    topic_prevalence,
    topic_table,
)
from policystudy.workflow import paths

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def real():
    paragraphs = preprocess.prepare(corpus.load_corpus(paths.DEFAULT_MANIFEST)).paragraphs
    tokenizer = PolicyTokenizer()
    tokens = tokenize_paragraphs(paragraphs["text"].tolist(), tokenizer)
    space = TfidfSpace(stopwords=tokenizer.stopword_set).fit(tokens)
    return {
        "tokens": tokens,
        "groups": paragraphs["region"].tolist(),
        "docs": paragraphs["doc_id"].tolist(),
        "space": space,
        "x": space.transform(tokens),
    }


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([[1.0, 0.0], [1.0, 1.0]], [[1.0, 0.707107], [0.707107, 1.0]]),  # cos 45°
        ([[3.0, 4.0], [6.0, 8.0]], [[1.0, 1.0], [1.0, 1.0]]),  # same direction
        ([[1.0, 0.0], [0.0, 2.0]], [[1.0, 0.0], [0.0, 1.0]]),  # no shared term
        ([[1.0, 0.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]),  # empty row: unit diagonal kept
    ],
)
def test_cosine_similarity_matrix(rows, expected):
    np.testing.assert_allclose(cosine_similarity_matrix(np.array(rows)), expected, atol=1e-6)


def test_space_pickles_and_groups_pool_paragraphs():
    space = TfidfSpace(stopwords=["推进"]).fit(["推进 社保卡 申领", "公办园 学位", "网格 治理"])
    again = pickle.loads(pickle.dumps(space))
    names, rows = again.transform_groups(
        ["社保卡 申领", "公办园", "网格"], ["辽宁", "辽宁", "江苏"]
    )
    assert names.tolist() == ["江苏", "辽宁"]
    assert rows.shape == (2, 6)


def test_similarity_is_symmetric_with_unit_diagonal(real):
    table = similarity_table(real["tokens"], groups=real["groups"], documents=real["docs"],
                             space=real["space"])  # fmt: skip
    assert list(table.columns) == ["level", "item_a", "item_b", "cosine"]
    for level, n in (("group", 4), ("document", 5)):
        square = table[table["level"] == level].pivot(
            index="item_a", columns="item_b", values="cosine"
        )
        assert square.shape == (n, n)
        np.testing.assert_array_equal(square.to_numpy(), square.to_numpy().T)
        np.testing.assert_array_equal(np.diag(square.to_numpy()), np.ones(n))
        off = square.to_numpy()[~np.eye(n, dtype=bool)]
        assert ((off > 0) & (off < 1)).all()


def test_topic_coherence_by_hand():
    # Paragraph × term presence for 养老, 机构, 网格 (rows are 4 paragraphs).
    x = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1]])
    # 养老-机构: P(a) = 2/4, P(b) = 3/4, P(ab) = 2/4:
    #   NPMI = ln(0.5 / (0.5 × 0.75)) / -ln(0.5) = 0.287682 / 0.693147 = 0.415037
    # 养老-网格 never co-occur: -1.
    np.testing.assert_allclose(topic_coherence(x, np.array([[0, 1], [0, 2]])), [0.415037, -1.0],
                               atol=1e-6)  # fmt: skip


def test_nmf_is_deterministic_and_validates_n_topics(real):
    a = fit_topics(real["x"], 4, random_state=42)
    b = fit_topics(real["x"], 4, random_state=42)
    np.testing.assert_array_equal(a.components_, b.components_)
    for bad in (1, real["x"].shape[0] + 1):
        with pytest.raises(ValueError, match="n_topics must be an integer between 2 and"):
            fit_topics(real["x"], bad)


def test_choose_n_topics_takes_the_most_coherent_within_the_cap(real):
    best, scan = choose_n_topics(real["x"], random_state=42)
    n_rows = real["x"].shape[0]
    assert scan["n_topics"].max() <= n_rows // 10
    assert best == scan.loc[scan["coherence"].idxmax(), "n_topics"]
    assert scan["chosen"].sum() == 1
    # More topics always fit the paragraphs better.
    assert (np.diff(scan["reconstruction_error"]) < 0).all()


def test_choose_n_topics_is_the_same_in_threads_and_matches_the_final_fit(real):
    # Candidates fit side by side in threads on one BLAS thread each: the table must not
    # depend on n_jobs, and the chosen candidate must be the model fit_topics then gives.
    x = real["x"]
    best, one = choose_n_topics(x, random_state=42, n_jobs=1)
    _, two = choose_n_topics(x, random_state=42, n_jobs=2)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    final = fit_topics(x, best, random_state=42)
    chosen = one.loc[one["chosen"]].iloc[0]
    assert final.reconstruction_err_ == chosen["reconstruction_error"]


def test_topic_table_and_labels(real):
    model = fit_topics(real["x"], 6, random_state=42)
    table = topic_table(model, real["space"].terms_, top_n=8)
    assert list(table.columns) == ["topic", "label", "rank", "term", "weight"]
    for _, d in table.groupby("topic"):
        assert (np.diff(d["weight"]) <= 0).all()
    # With λ = 1 relevance is the weight: the label is the first three terms.
    by_weight = topic_table(model, real["space"].terms_, top_n=8, label_lambda=1.0)
    first = by_weight[by_weight["rank"] <= 3].groupby("topic")["term"].apply("·".join)
    assert (by_weight.drop_duplicates("topic").set_index("topic")["label"] == first).all()


def test_topic_labels_are_distinctive_not_common_terms():
    # 经济 carries weight in both topics: by weight it would name both; by relevance neither.
    comp = np.array([[4.5, 4.0, 3.5, 0.1, 0.0], [4.5, 0.0, 0.1, 4.0, 3.5]])
    model = type("M", (), {"components_": comp})()
    terms = ["经济", "养老", "护理", "网格", "治理"]
    labels = topic_table(model, terms, top_n=5).drop_duplicates("topic")["label"].tolist()
    assert labels == ["养老·护理·经济", "网格·治理·经济"]
    assert [lab.split("·")[0] for lab in labels] != ["经济", "经济"]


def test_background_topic_is_the_one_every_document_carries():
    rng = np.random.default_rng(0)
    docs = np.repeat(["a", "b", "c"], 20)
    w = rng.uniform(0, 0.1, size=(60, 4))
    w[:, 0] += 0.5  # everywhere
    w[:20, 1] += 1.0  # only in a
    w[20:40, 2] += 1.0
    w[40:, 3] += 1.0
    best, table = background_topic(w, docs)
    assert best == 1 and table["background"].tolist() == [True, False, False, False]
    # Two topics, or one document: no background.
    assert background_topic(w[:, :2], docs)[0] is None
    assert background_topic(w, ["a"] * 60)[0] is None


def test_n_topics_choice_works_on_a_tiny_corpus():
    toks = ["养老 护理 机构", "网格 治理 社区", "养老 床位 护理", "网格 社区 平安"] * 3
    space = TfidfSpace()
    x = space.weigh(space.fit_counts(toks))
    best, scan = choose_n_topics(x, random_state=42)
    assert best == 2 and len(scan) == 1
    assert describe_choice(scan, x.shape[0]).startswith("With 12 paragraphs only 2 topics")


PREVALENCE_CASES = [
    # (paragraph × topic weights, groups, expected prevalence of group "苏")
    ([[0.9, 0.1], [0.8, 0.0], [0.1, 0.7], [0.0, 0.6]], ["苏", "苏", "津", "津"],
     [1.7 / 1.8, 0.1 / 1.8]),
    ([[1.0, 1.0], [0.0, 2.0], [3.0, 0.0]], ["苏", "苏", "津"], [0.25, 0.75]),
]  # fmt: skip


@pytest.mark.parametrize(("weights", "groups", "expected"), PREVALENCE_CASES)
def test_topic_prevalence_shares(weights, groups, expected):
    p = topic_prevalence(np.array(weights), groups, n_bootstrap=200, random_state=1)
    su = p[p["group"] == "苏"]
    np.testing.assert_allclose(su["prevalence"], expected)
    assert (p["ci_low"] <= p["prevalence"] + 1e-12).all()
    assert (p["prevalence"] <= p["ci_high"] + 1e-12).all()


def test_topic_prevalence_on_the_corpus(real):
    model = fit_topics(real["x"], 6, random_state=42)
    w = model.transform(real["x"])
    first = topic_prevalence(w, real["groups"], n_bootstrap=300, random_state=42)
    second = topic_prevalence(w, real["groups"], n_bootstrap=300, random_state=42)
    pd.testing.assert_frame_equal(first, second)
    sums = first.groupby("group")["prevalence"].sum()
    np.testing.assert_allclose(sums, 1.0)
    assert (first["ci_high"] - first["ci_low"] > 0).all()


def _document_bootstrap_by_hand(weights, groups, documents, n_bootstrap, seed):
    """Reference: draw each group's documents (sorted ids) with the draws of
    stratified_bootstrap over the documents, collect the drawn documents' paragraphs one by
    one and recompute the share; percentile interval per group."""
    from policystudy.stats.resampling import stratified_bootstrap

    frame = pd.DataFrame({"group": groups, "doc": documents})
    units = frame.drop_duplicates().sort_values(["group", "doc"]).reset_index(drop=True)
    draws = stratified_bootstrap(units["group"].tolist(), n_bootstrap, seed)
    out = {}
    for g, sub in units.groupby("group"):
        reps = []
        mine = frame["group"].to_numpy() == g
        for row in draws[:, sub.index]:
            drawn = [d for d, k in zip(sub["doc"], row, strict=True) for _ in range(int(k))]
            paras = [i for d in drawn for i in np.flatnonzero(mine & (frame["doc"] == d))]
            total = np.asarray(weights)[paras].sum(axis=0)
            reps.append(total / total.sum() if total.sum() > 0 else np.full(len(total), np.nan))
        out[g] = np.nanpercentile(np.array(reps), [2.5, 97.5], axis=0)
    return out


def _corpus(doc_sizes: list[tuple[str, str, int]], seed: int = 0):
    """Paragraph × topic weights for documents [(doc, group, paragraphs)], documents unlike
    each other (each leans to its own topic), so document and paragraph draws differ."""
    rng = np.random.default_rng(seed)
    groups, docs, rows = [], [], []
    for k, (doc, group, n) in enumerate(doc_sizes):
        lean = np.eye(3)[k % 3] * 2.0
        for _ in range(n):
            groups.append(group)
            docs.append(doc)
            rows.append(rng.gamma(1.0, 0.3, 3) + lean * rng.random())
    return np.array(rows), groups, docs


DOCUMENT_BOOTSTRAP_CASES = [
    # ([(doc, group, paragraphs)], min_documents, {group: resampled})
    ([("a2", "甲", 5), ("a1", "甲", 3), ("a3", "甲", 2), ("b1", "乙", 4), ("b2", "乙", 6)],
     3, {"甲": "documents", "乙": ""}),
    ([("a1", "甲", 3), ("b1", "乙", 4), ("a2", "甲", 5), ("b2", "乙", 6), ("b3", "乙", 1)],
     2, {"甲": "documents", "乙": "documents"}),
    ([("a1", "甲", 8), ("b1", "乙", 4), ("b2", "乙", 6)], 5, {"甲": "", "乙": ""}),
    # Eight documents, listed out of order: the percentiles fall on mixed resamples, so a
    # draw given to the wrong document shows.
    ([(f"c{k}", "丙", 2 + k % 4) for k in (5, 2, 7, 0, 3, 6, 1, 4)] + [("d1", "丁", 3)],
     5, {"丙": "documents", "丁": ""}),
    # A document id found in two groups is one unit in each.
    ([("x", "甲", 3), ("y", "甲", 4), ("x", "乙", 2), ("z", "乙", 5), ("w", "乙", 3)],
     2, {"甲": "documents", "乙": "documents"}),
]  # fmt: skip


@pytest.mark.parametrize(("doc_sizes", "min_documents", "expected"), DOCUMENT_BOOTSTRAP_CASES)
def test_topic_prevalence_resamples_documents(doc_sizes, min_documents, expected):
    w, groups, docs = _corpus(doc_sizes)
    n_boot, seed = 300, 7
    p = topic_prevalence(w, groups, documents=docs, min_documents=min_documents,
                         n_bootstrap=n_boot, random_state=seed)  # fmt: skip
    reference = _document_bootstrap_by_hand(w, groups, docs, n_boot, seed)
    old = topic_prevalence(w, groups, n_bootstrap=n_boot, random_state=seed)
    for g, kind in expected.items():
        sub = p[p["group"] == g]
        n_docs = len({d for d, gg, _ in doc_sizes if gg == g})
        assert sub["resampled"].eq(kind).all() and sub["n_documents"].eq(n_docs).all()
        # Point estimates: unchanged, and the ratio of summed weights.
        total = w[np.array(groups) == g].sum(axis=0)
        np.testing.assert_allclose(sub["prevalence"], total / total.sum())
        np.testing.assert_array_equal(sub["prevalence"], old.loc[old["group"] == g, "prevalence"])
        if kind == "documents":
            np.testing.assert_allclose(sub["ci_low"], reference[g][0], rtol=1e-10)
            np.testing.assert_allclose(sub["ci_high"], reference[g][1], rtol=1e-10)
            # Not the paragraph bootstrap: documents that differ give other intervals.
            assert not np.allclose(sub["ci_low"], old.loc[old["group"] == g, "ci_low"])
        else:
            assert sub[["ci_low", "ci_high"]].isna().all(axis=None)


def test_topic_prevalence_without_documents_is_the_paragraph_bootstrap():
    from policystudy.stats.resampling import group_shares

    w, groups, _ = _corpus([("a", "甲", 6), ("b", "乙", 7)])
    p = topic_prevalence(w, groups, n_bootstrap=200, random_state=3)
    _, _, low, high = group_shares(w, groups, n_bootstrap=200, random_state=3)
    assert p["resampled"].eq("paragraphs").all() and p["n_documents"].isna().all()
    np.testing.assert_array_equal(p["ci_low"], low.ravel())
    np.testing.assert_array_equal(p["ci_high"], high.ravel())


def test_seed_corpus_groups_get_no_prevalence_intervals(real):
    w = fit_topics(real["x"], 4, random_state=42).transform(real["x"])
    p = topic_prevalence(w, real["groups"], documents=real["docs"], min_documents=5,
                         n_bootstrap=100, random_state=42)  # fmt: skip
    per_group = p.drop_duplicates("group").set_index("group")["n_documents"]
    assert per_group.between(1, 2).all(), per_group  # the seeds: one or two texts per region
    assert p[["ci_low", "ci_high"]].isna().all(axis=None)
    assert p["resampled"].eq("").all()
    old = topic_prevalence(w, real["groups"], n_bootstrap=100, random_state=42)
    pd.testing.assert_series_equal(p["prevalence"], old["prevalence"])
    assert describe_intervals(p, min_documents=5).startswith(
        "no intervals: no group has at least 5 documents"
    )


DESCRIBE_CASES = [
    # (n_documents, resampled, expected clause)
    ([6, 5], ["documents", "documents"],
     "95% intervals from a bootstrap that resamples documents for the 2 groups with at least 5 "
     "documents (A, B)"),
    ([6, 4], ["documents", ""],
     "95% intervals from a bootstrap that resamples documents for the group with at least 5 "
     "documents (A); none for B (4 documents), too few to resample"),
    ([1, 2], ["", ""], "no intervals: no group has at least 5 documents to resample (A 1, B 2), "
     "and the paragraphs of one text are not a sample"),
    ([6, 1], ["", ""], "no intervals (no bootstrap resamples drawn)"),  # n_bootstrap = 0
]  # fmt: skip


@pytest.mark.parametrize(("n_documents", "resampled", "expected"), DESCRIBE_CASES)
def test_describe_intervals(n_documents, resampled, expected):
    p = pd.DataFrame({"group": ["A", "B"], "n_documents": n_documents, "resampled": resampled})
    assert describe_intervals(p, min_documents=5) == expected


def test_prevalence_heatmap_draws_intervals_only_where_they_exist():
    from policystudy.report.plots.topics import prevalence_heatmap

    p = pd.DataFrame({"group": ["甲", "乙"], "topic": [1, 1], "label": ["养老·机构"] * 2,
                      "prevalence": [0.6, 0.4], "ci_low": [0.5, np.nan],
                      "ci_high": [0.7, np.nan], "resampled": ["documents", ""]})  # fmt: skip
    fig = prevalence_heatmap(p)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert texts == {"60%\n[50, 70]", "40%"}
    assert "document-bootstrap CI" in fig.axes[0].get_title()
    none = prevalence_heatmap(p.assign(ci_low=np.nan, ci_high=np.nan, resampled=""))
    assert {t.get_text() for t in none.axes[0].texts} == {"60%", "40%"}
    assert "no intervals" in none.axes[0].get_title()


def test_figures_render_without_missing_glyphs(real, tmp_path):
    from policystudy.report.plots.keywords import similarity_heatmap
    from policystudy.report.plots.topics import n_topics_scan, prevalence_heatmap

    table = similarity_table(real["tokens"], groups=real["groups"], documents=real["docs"],
                             space=real["space"])  # fmt: skip
    model = fit_topics(real["x"], 3, random_state=42)
    labels = topic_table(model, real["space"].terms_).drop_duplicates("topic")["label"].tolist()
    prev = topic_prevalence(model.transform(real["x"]), real["groups"], labels=labels,
                            n_bootstrap=50)  # fmt: skip
    _, scan = choose_n_topics(real["x"], candidates=[2, 3])
    figs = [similarity_heatmap(table, level="document"), prevalence_heatmap(prev),
            n_topics_scan(scan)]  # fmt: skip
    for i, fig in enumerate(figs):
        fig.savefig(tmp_path / f"f{i}.png")  # pyproject turns "Glyph … missing" into an error
    # Each figure shows what it rests on: every document, every topic label, each candidate.
    drawn = [
        {t.get_text() for ax in fig.axes for t in ax.findobj(matplotlib.text.Text)} for fig in figs
    ]
    assert set(real["docs"]) <= drawn[0]
    assert all(any(label in text for text in drawn[1]) for label in labels), drawn[1]
    assert figs[2].axes[0].lines[0].get_xdata().tolist() == [2, 3]
    sizes = [(tmp_path / f"f{i}.png").stat().st_size for i in range(3)]
    assert min(sizes) > 10_000 and len(set(sizes)) == 3


def test_space_counts_then_weighs_exactly_like_a_tfidf_vectorizer(real):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from policystudy.keywords import MeaningfulAnalyzer

    stop = real["space"].stopwords
    reference = TfidfVectorizer(analyzer=MeaningfulAnalyzer(stop), lowercase=False)
    # transform, not fit_transform: scikit-learn's own two differ in the last bit.
    expected = reference.fit(real["tokens"]).transform(real["tokens"])
    space = TfidfSpace(stopwords=stop)
    counts = space.fit_counts(real["tokens"])
    assert (space.terms_ == reference.get_feature_names_out()).all()
    assert (space.weigh(counts) != expected).nnz == 0  # bit for bit, not approximately
    # Pooled rows from summed counts = the vectoriser on the joined tokens of each region.
    names, rows = space.transform_groups(None, real["groups"], counts=counts)
    joined = [
        " ".join(t for t, g in zip(real["tokens"], real["groups"], strict=True) if g == name)
        for name in names
    ]
    assert abs(rows - reference.transform(joined)).max() < 1e-15


def test_choose_n_topics_fits_a_seeded_sample_of_a_large_corpus(real):
    x = real["x"]
    _, scan = choose_n_topics(x, candidates=[2, 3], random_state=42, max_rows=60,
                              min_paragraphs_per_topic=2)  # fmt: skip
    assert scan["paragraphs"].tolist() == [60, 60]
    again = choose_n_topics(x, candidates=[2, 3], random_state=42, max_rows=60,
                            min_paragraphs_per_topic=2)  # fmt: skip
    pd.testing.assert_frame_equal(scan, again[1])
    full = choose_n_topics(x, candidates=[2, 3], random_state=42, min_paragraphs_per_topic=2)[1]
    assert full["paragraphs"].tolist() == [x.shape[0]] * 2
    assert not np.allclose(full["reconstruction_error"], scan["reconstruction_error"])


def test_many_documents_get_nearest_neighbours_instead_of_the_square(real):
    # Split each seed document into pseudo-documents of ~5 paragraphs: 25 "documents".
    docs = [f"{d}-{i // 5:02d}" for i, d in enumerate(real["docs"])]
    square = similarity_table(real["tokens"], groups=real["groups"], documents=docs,
                              space=real["space"])  # fmt: skip
    near = similarity_table(real["tokens"], groups=real["groups"], documents=docs,
                            space=real["space"], max_documents=10, neighbours=3)  # fmt: skip
    assert set(near["level"]) == {"group", "neighbour"}
    pd.testing.assert_frame_equal(
        near[near.level == "group"].reset_index(drop=True),
        square[square.level == "group"].reset_index(drop=True),
    )
    nb = near[near.level == "neighbour"]
    n_docs = len(set(docs))
    assert len(nb) == 3 * n_docs and (nb["item_a"] != nb["item_b"]).all()
    # The neighbours are the three largest off-diagonal cosines of the square, in order.
    full = square[(square.level == "document") & (square.item_a != square.item_b)]
    for doc, rows in nb.groupby("item_a"):
        expected = full[full.item_a == doc].sort_values(["cosine", "item_b"],
                                                        ascending=[False, True]).head(3)  # fmt: skip
        assert rows["item_b"].tolist() == expected["item_b"].tolist()
        np.testing.assert_allclose(rows["cosine"], expected["cosine"], atol=1e-12)


def test_neighbour_histogram_draws_chinese_without_missing_glyphs(real):
    import warnings

    from policystudy.report.plots.keywords import neighbour_histogram
    from policystudy.topics import nearest_in_same_group

    docs = [f"{d}-{i // 5:02d}" for i, d in enumerate(real["docs"])]
    near = similarity_table(real["tokens"], groups=real["groups"], documents=docs,
                            space=real["space"], max_documents=10)  # fmt: skip
    doc_groups = dict(zip(docs, real["groups"], strict=True))
    first = near[near.level == "neighbour"].drop_duplicates("item_a")
    same = [doc_groups[a] == doc_groups[b] for a, b in zip(first.item_a, first.item_b, strict=True)]
    assert nearest_in_same_group(near, doc_groups) == pytest.approx(np.mean(same))
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        fig = neighbour_histogram(near, groups=doc_groups)
        fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[0].startswith("同组 same group")


def test_topics_of_a_large_corpus_are_learned_on_a_seeded_sample(real):
    x = real["x"]
    sampled = fit_topics(x, 4, random_state=42, max_rows=60)
    again = fit_topics(x, 4, random_state=42, max_rows=60)
    np.testing.assert_array_equal(sampled.components_, again.components_)
    full = fit_topics(x, 4, random_state=42, max_rows=None)
    assert not np.allclose(sampled.components_, full.components_)
    # Below the cap the sample is the whole matrix.
    np.testing.assert_array_equal(fit_topics(x, 4, random_state=42).components_, full.components_)
    assert sampled.transform(x).shape == (x.shape[0], 4)  # every paragraph gets weights
