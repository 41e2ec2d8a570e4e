"""Segmentation engines: process pool, Dask, the rjieba backend and the per-paragraph cache."""

from __future__ import annotations

import pandas as pd
import pytest

from policystudy import keywords
from policystudy import text as segmentation
from policystudy.core.parallel import resolve_jobs
from policystudy.stats import keyness
from policystudy.text import PolicyTokenizer, dask_engine
from policystudy.text import engines as segment_module


@pytest.fixture(scope="module")
def texts(seed_tables):
    return seed_tables.paragraphs["text"].tolist()


@pytest.fixture(scope="module")
def groups(seed_tables):
    return seed_tables.paragraphs["region"].astype(str).tolist()


@pytest.fixture(scope="module")
def tok():
    return PolicyTokenizer()


@pytest.fixture(scope="module")
def serial(texts, tok):
    return segmentation.segment_serial(texts, tok)


@pytest.fixture(scope="module")
def dask_client():
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
        as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        yield client


# --- chunking and the process pool ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lengths", "n_chunks", "min_chars", "expected"),
    [
        ([4, 4, 4, 4, 4, 4], 3, 8, [(0, 2), (2, 4), (4, 6)]),
        ([4, 4, 4, 4, 4], 2, 8, [(0, 3), (3, 5)]),  # the remainder forms the last chunk
        ([100, 1, 1], 3, 2, [(0, 1), (1, 3)]),  # a long paragraph is a chunk of its own
        ([3], 4, 8, [(0, 1)]),
        ([], 4, 8, []),
    ],
)
def test_chunks_are_consecutive_and_cover_every_text(lengths, n_chunks, min_chars, expected):
    texts = ["民" * n for n in lengths]
    assert segmentation.chunk_by_chars(texts, n_chunks, min_chars=min_chars) == expected


@pytest.mark.parametrize(
    ("n_texts", "chars_each", "small"),
    [(5, 30_000, True), (199, 2_000, True), (300, 100, True), (300, 1_000, False)],
)
def test_small_inputs_stay_serial(n_texts, chars_each, small):
    assert segmentation.is_small(["养" * chars_each] * n_texts) is small


@pytest.mark.slow
def test_process_pool_gives_the_serial_tokens_in_order(texts, tok, serial):
    assert segmentation.segment_pool(texts, tok, n_jobs=2, progress=False) == serial


def test_engine_and_jobs_are_validated(tok):
    with pytest.raises(ValueError, match="engine"):
        segmentation.segment(["养老"], tok, engine="spark")
    with pytest.raises(ValueError, match="n_jobs"):
        resolve_jobs(-1)


def test_repeated_paragraphs_are_segmented_once(tok, monkeypatch):
    seen = []
    real = segmentation.segment

    def spy(texts, tokenizer, **kw):
        seen.append(list(texts))
        return real(texts, tokenizer, **kw)

    monkeypatch.setattr(segment_module, "segment", spy)
    boiler = "牵头单位:区民政局,配合单位:区财政局"
    out = segmentation.tokenize_paragraphs(
        [boiler, "健全社会救助体系", boiler], tok, use_cache=False
    )
    assert out[0] == out[2] and out[1] == "社会救助"
    assert seen == [[boiler, "健全社会救助体系"]]


# --- Dask ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_dask_segmentation_matches_local(dask_client, texts, tok, serial):
    assert dask_engine.segment(texts, tok, progress=False) == serial


@pytest.mark.slow
def test_dask_counts_and_keyness_match_local(dask_client, serial, groups, tok):
    analyzer = keywords.MeaningfulAnalyzer(tok.stopword_set)
    local, local_terms = dask_engine.count_matrix(serial, analyzer=analyzer)
    remote, remote_terms = dask_engine.count_matrix(serial, analyzer=analyzer, engine="dask")
    assert list(remote_terms) == list(local_terms)
    assert remote.shape == local.shape and remote.dtype == local.dtype
    assert (remote != local).nnz == 0
    # The counts are those of the notebooks' CountVectorizer.
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=analyzer, lowercase=False)
    assert (vec.fit_transform(serial) != local).nnz == 0
    assert list(vec.get_feature_names_out()) == list(local_terms)
    labels, ind = keywords.group_matrix(groups)
    pd.testing.assert_frame_equal(
        keyness.keyness_table(ind @ remote, labels, remote_terms),
        keyness.keyness_table(ind @ local, labels, local_terms),
    )


@pytest.mark.slow
def test_tokenize_paragraphs_with_the_dask_engine(dask_client, tmp_path, texts, tok, serial):
    # Small inputs are segmented in-process whatever the engine; the cache works the same.
    got = segmentation.tokenize_paragraphs(texts, tok, cache_dir=tmp_path, engine="dask")
    assert got == serial


# --- rjieba -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rtok():
    return PolicyTokenizer(backend="rjieba")


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("加快推进社会救助体系建设", "社会救助"),
        ("深化医联体建设,推动优质医疗资源下沉", "医联体"),
        ("实施困难老年人家庭适老化改造", "适老化改造"),
        ("护理型床位占比达到70%以上", "护理型床位"),
        ("推进家庭医生签约服务", "家庭医生签约"),
        ("学前教育毛入园率达95%", "毛入园率"),
    ],
)
def test_rjieba_applies_the_user_dictionary(rtok, sentence, term):
    assert term in rtok(sentence)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加强推进完善健全实施养老服务", ["养老服务"]),
        ("的和与及养老机构", ["养老机构"]),
    ],
)
def test_rjieba_removes_stopwords(rtok, text, expected):
    assert rtok(text) == expected


@pytest.mark.slow
def test_rjieba_loads_a_custom_dictionary_and_stopwords(tmp_path):
    # 十五分钟生活圈 is not in jieba's dictionary nor in the packaged one.
    text = "打造十五分钟生活圈"
    plain = PolicyTokenizer(backend="rjieba")(text)
    assert "十五分钟生活圈" not in plain
    custom = tmp_path / "dict.txt"
    custom.write_text("十五分钟生活圈 5000 n\n", encoding="utf-8")
    stop = tmp_path / "stop.txt"
    stop.write_text("打造\n", encoding="utf-8")
    for backend in ("jieba", "rjieba"):
        assert PolicyTokenizer(userdict=custom, stopwords=stop, backend=backend)(text) == [
            "十五分钟生活圈"
        ]


@pytest.mark.parametrize(
    ("reference", "candidate", "f1"),
    [
        (["PET", "-", "CT"], ["PET-CT"], 0.0),
        (["社会救助", "体系"], ["社会救助", "体系"], 1.0),
        (["社会救助", "体系"], ["社会", "救助", "体系"], 0.4),
        ([], [], 1.0),
    ],
)
def test_span_f1(reference, candidate, f1):
    assert segmentation.span_f1(reference, candidate) == pytest.approx(f1)


@pytest.mark.slow
def test_backend_agreement_on_the_corpus(texts):
    same = segmentation.backend_agreement(texts[:20], backends=("jieba", "jieba"))
    assert same["identical_segmentation"] == same["span_f1"] == same["content_f1"] == 1.0
    both = segmentation.backend_agreement(texts)
    assert both["paragraphs"] == len(texts)
    assert both["span_f1"] >= 0.99
    assert 0.95 <= both["identical_segmentation"] < 1.0  # PET-CT: rjieba keeps it whole


# --- cache ------------------------------------------------------------------------------------


def test_warm_call_skips_segmentation(tmp_path, texts, tok, serial, monkeypatch):
    cache = segmentation.SegmentCache(tmp_path, tok)
    assert cache.tokenize(texts) == serial
    assert cache.segmented_ == len(set(texts))

    def refuse(*args, **kwargs):
        raise AssertionError("a warm call segmented again")

    monkeypatch.setattr(segmentation, "segment", refuse)
    assert segmentation.tokenize_paragraphs(texts, tok, cache_dir=tmp_path) == serial
    monkeypatch.undo()
    # One edited paragraph: only it is segmented again.
    edited = [*texts[:-1], texts[-1] + "推进老旧小区改造。"]
    cache2 = segmentation.SegmentCache(tmp_path, tok)
    assert cache2.tokenize(edited)[:-1] == serial[:-1]
    assert cache2.segmented_ == 1


@pytest.mark.slow
def test_cache_is_per_tokenizer(tmp_path, tok):
    text = ["每年新增就业2.15万人以上"]
    assert segmentation.tokenize_paragraphs(text, tok, cache_dir=tmp_path) == ["新增就业"]
    numbers = PolicyTokenizer(keep_numbers=True)
    assert segmentation.tokenize_paragraphs(text, numbers, cache_dir=tmp_path) == [
        "新增就业 2.15万人"
    ]
    assert len(list(tmp_path.glob("*.sqlite"))) == 2
