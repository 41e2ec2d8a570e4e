"""Word features of the instrument model (``policystudy.instruments.features``), table-driven
from sentences of the coding guide and the development text."""

from __future__ import annotations

import pytest

from policystudy.domains.matcher import normalize
from policystudy.instruments.features import NUMBER, clause_heads, word_tokens

# (sentence, its jieba words): the policy verbs the stopword list drops stay (加大, 加强),
# punctuation goes, a number (with its unit) is one token
WORDS = [
    ("加大保障性住房建设力度。", ["加大", "保障性住房", "建设", "力度"]),
    ("加强全民国防教育", ["加强", "全民", "国防教育"]),
    ("在320个县开展新型农村社会养老保险试点",
     ["在", NUMBER, "县", "开展", "新型农村", "社会", "养老保险", "试点"]),
    ("高校毕业生初次就业率77.8%。", ["高校", "毕业生", "初次", "就业率", NUMBER]),
    ("多渠道筹集社会保障基金;教育是基石",
     ["多渠道", "筹集", "社会保障", "基金", "教育", "是", "基石"]),
    ("社會保障", ["社会保障"]),  # normalised first: Traditional script folds
]  # fmt: skip

# (sentence, its clause heads): per clause the first verb (not a verbal noun), the last word
# (the head of the object) and the pair; a clause without a verb gives its last word alone
HEADS = [
    ("加大保障性住房建设力度。", ["V=加大", "E=力度", "VE=加大|力度"]),
    ("培养造就一大批新型农民", ["V=培养", "E=农民", "VE=培养|农民"]),
    ("在全国推行城乡居民大病保险", ["V=推行", "E=大病保险", "VE=推行|大病保险"]),
    ("完善城乡居民基本医疗保险制度和大病保险制度。", ["V=完善", "E=制度", "VE=完善|制度"]),
    ("多渠道筹集社会保障基金;教育是基石",
     ["V=筹集", "E=基金", "VE=筹集|基金", "V=是", "E=基石", "VE=是|基石"]),
    ("高校毕业生初次就业率77.8%。", ["E=就业率"]),  # a statistic: no verb, the number dropped
    ("加强社会公德教育,大力表彰具有时代精神的模范人物。",
     ["V=加强", "E=教育", "VE=加强|教育", "V=表彰", "E=模范人物", "VE=表彰|模范人物"]),
    ("。", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_word_tokens(text, expected):
    assert word_tokens(normalize(text)) == expected


@pytest.mark.parametrize(("text", "expected"), HEADS)
def test_clause_heads(text, expected):
    assert clause_heads(normalize(text)) == expected


def test_cached_results_are_copies():
    # the functions are cached: a caller that changes the list must not change the cache
    words = word_tokens("加强全民国防教育")
    words.append("x")
    assert word_tokens("加强全民国防教育") == ["加强", "全民", "国防教育"]
