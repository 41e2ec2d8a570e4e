import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from policystudy import text as segmentation
from policystudy.text import PolicyTokenizer
from policystudy.workflow import paths


@pytest.fixture(scope="module")
def tok():
    return PolicyTokenizer()


# Multi-word policy terms of the user dictionary that jieba alone splits (sentences from the corpus).
WHOLE_TERMS = [
    ("加快推进社会救助体系建设", "社会救助"),
    ("以乡村振兴统揽新发展阶段“三农”各项工作", "乡村振兴"),
    ("深化医联体建设,推动优质医疗资源下沉", "医联体"),
    ("实施困难老年人家庭适老化改造", "适老化改造"),
    ("护理型床位占比达到70%以上", "护理型床位"),
    ("推进家庭医生签约服务", "家庭医生签约"),
    ("到2025年,全市至少累计新开办公办幼儿园50所", "公办幼儿园"),
    ("深化养老保险制度改革", "养老保险"),
    ("全面提升社会保障卡服务水平", "社会保障卡"),
    ("学前教育毛入园率达95%", "毛入园率"),
]


@pytest.mark.parametrize(("sentence", "term"), WHOLE_TERMS)
def test_user_dictionary_terms_stay_whole(tok, sentence, term):
    assert term in tok(sentence)


def test_jieba_alone_would_split_them():
    import jieba

    plain = jieba.Tokenizer()
    split = [t for s, t in WHOLE_TERMS if t not in plain.lcut(s)]
    assert len(split) >= 5  # the dictionary earns its place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加强推进完善健全实施养老服务", ["养老服务"]),  # filler verbs are stopwords
        ("的和与及养老机构", ["养老机构"]),
    ],
)
def test_stopwords_removed(tok, text, expected):
    assert tok(text) == expected


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        (True, ["新增就业", "2.15万人", "登记失业率", "控制", "3.5%"]),
        (False, ["新增就业", "登记失业率", "控制"]),
    ],
)
def test_numbers_with_units(keep, expected):
    tok = PolicyTokenizer(keep_numbers=keep)
    assert tok("每年新增就业2.15万人以上,登记失业率控制在3.5%以内") == expected


def test_tokenizer_is_picklable_and_deterministic(tok):
    text = (paths.RAW / "liaoning_dalian.txt").read_text(encoding="utf-8")
    clone = pickle.loads(pickle.dumps(tok))
    assert clone(text) == tok(text) == tok(text)


@pytest.mark.slow
def test_tokenizer_is_silent_and_caches_where_it_is_told(tmp_path):
    # A fresh cache folder, so the test fails if the dictionary cache goes anywhere else.
    cache = tmp_path / "cache"
    code = "from policystudy.text import PolicyTokenizer; print(PolicyTokenizer()('养老保险'))"
    env = {**os.environ, "POLICYSTUDY_CACHE": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert out.stdout.strip() == "['养老保险']"
    assert any((cache / "jieba").iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_the_test_session_caches_outside_the_checkout():
    cache = Path(os.environ["POLICYSTUDY_CACHE"])
    assert paths.CACHE == cache.resolve()
    assert not cache.resolve().is_relative_to(paths.ROOT)


def test_userdict_word_jieba_cannot_match_is_refused(tmp_path):
    bad = tmp_path / "dict.txt"
    bad.write_text("养老保险 100 n\n《民生》 100 n\n", encoding="utf-8")
    with pytest.raises(segmentation.DictionaryError, match=r"dict.txt:2"):
        PolicyTokenizer(userdict=bad)("养老")


def test_full_width_dictionary_words_are_normalised(tmp_path):
    custom = tmp_path / "dict.txt"
    custom.write_text("十四五规划２０２５ 5000 n\n", encoding="utf-8")
    assert segmentation.read_userdict(custom)[0][0] == "十四五规划2025"


def test_custom_stopwords_replace_the_packaged_list(tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("养老服务\n", encoding="utf-8")
    assert PolicyTokenizer(stopwords=stop)("推进养老服务") == ["推进"]


def test_segment_cache_skips_unchanged_corpus(tmp_path, tok):
    texts = ["推进老旧小区改造", "健全社会救助体系"]
    cache = segmentation.SegmentCache(tmp_path, tok)
    first = cache.tokenize(texts)
    second = cache.tokenize(texts)
    assert first == second == ["老旧小区改造", "社会救助"]
    assert (cache.misses_, cache.hits_) == (1, 1)
    cache.tokenize([*texts, "新增就业"])
    assert cache.misses_ == 2


def test_cache_key_depends_on_dictionary(tmp_path):
    custom = tmp_path / "dict.txt"
    custom.write_text("老旧小区 100 n\n", encoding="utf-8")
    a = segmentation.SegmentCache(tmp_path, PolicyTokenizer()).path
    b = segmentation.SegmentCache(tmp_path, PolicyTokenizer(userdict=custom)).path
    assert a != b


@pytest.mark.slow
def test_token_memo_follows_the_options_and_stays_out_of_pickles():
    # Judgements are memoised per distinct token; a changed option must not reuse them, and
    # a pickle shipped to pool workers must not carry the memo.
    tok = PolicyTokenizer()
    text = "到2025年,城乡低保覆盖2.15万人"
    assert "2.15万人" not in tok(text)
    assert tok._memo and not pickle.loads(pickle.dumps(tok))._memo
    tok.keep_numbers = True
    assert "2.15万人" in tok(text)
    assert tok(text) == PolicyTokenizer(keep_numbers=True)(text)
