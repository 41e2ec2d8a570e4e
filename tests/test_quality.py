"""Quality flags recalibrated on real collections: template traces, short excerpts, dates."""

import pandas as pd
import pytest

from policystudy.ingest import quality
from policystudy.workflow import params

TERMS = quality.load_datable_terms()

# (text, removed lines, expected flags); texts are real lines or close to them.
TEMPLATE_CASES = [
    # data/raw/tianjin_bonded_zone.txt: placeholders and the ghost-writing advertisement
    ("(二)主要目标:到202x年,每年新增就业2.15万人以上。新建改建20xx张床位。",
     ["预览阅读已结束,若您需要全文或代笔。", "请点击👉 mooonya 👈联系老师"],
     {"placeholder", "ad_footer"}),
    # instructions to applicants in central notices: never template traces
    ("申请单位须登录系统填写申请表,并按要求填写和提交电子申请书。", [], set()),
    ("请各地认真填写《基本情况统计表》,于6月30日前报送。", [], set()),
    ("申报人应如实填写个人信息,对填写内容的真实性负责。", [], set()),
    # real template traces
    ("XX市人民政府办公室关于印发……的通知", [], {"placeholder", "template"}),
    ("某某单位:现将有关事项通知如下。", [], {"placeholder", "template"}),
    ("联系人:(此处填写联系人姓名)", [], {"template"}),
    ("【填写单位名称】关于开展民生实事项目的报告", [], {"template"}),
    ("单位名称:______", [], {"template"}),
    ("完善城乡低保制度,提高特困人员供养标准。", [], set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "removed", "flags"), TEMPLATE_CASES)
def test_template_flags_only_for_template_traces(text, removed, flags):
    found = {f for f, _ in quality.document_flags(text, removed=removed, min_chars=0)}
    assert found == flags


def test_very_short_is_judged_on_the_text_as_received_and_worded_neutrally():
    # Cleaning emptied it (body ""), but 5,000 characters were received: not short.
    assert quality.document_flags("", raw_chars=5000) == []
    found = quality.document_flags("提高低保标准。", raw_chars=300)
    assert found == [("very_short", "a short excerpt: 300 characters as received")]
    assert "0 characters" not in str(quality.document_flags("", raw_chars=12))


# (text, year, expected evidence)
DATE_CASES = [
    ("深入学习贯彻党的二十大精神,扎实推进共同富裕。", "2021", ["二十大 (2022 or later) in a text dated 2021"]),
    ("深入学习贯彻党的二十大精神,扎实推进共同富裕。", "2023", []),
    ("加快形成新质生产力,增强发展新动能。", "2022-12-01", ["新质生产力 (2023 or later) in a text dated 2022"]),
    ("加快形成新质生产力,增强发展新动能。", 2024, []),
    # data/raw/jiangsu_changzhou_xinbei.txt (2018) cites 十九大 (2017): fine
    ("深入贯彻党的十九大精神,不断满足人民日益增长的美好生活需要。", "2018", []),
    ("深入贯彻党的十九大精神。", "", []),  # no date: no check
    # cpc19.txt (the 19th congress report, 2017) names the next congress in advance: fine
    ("从十九大到二十大,是“两个一百年”奋斗目标的历史交汇期。", "2017", []),
    # gwr2022.txt (March 2022), before the congress met
    ("以实际行动迎接党的二十大胜利召开。", "2021", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "evidence"), DATE_CASES)
def test_date_check(text, year, evidence):
    found = quality.document_flags(text, year=year, terms=TERMS, min_chars=0)
    assert [e for f, e in found if f == "anachronism"] == evidence


def test_datable_terms_file_is_checked(tmp_path):
    bad = tmp_path / "terms.yaml"
    bad.write_text("terms:\n  - {term: 二十大, since: soon}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"terms\.yaml: entry 1"):
        quality.load_datable_terms(bad)


def test_flag_table_lists_every_flag_with_its_evidence():
    ov = pd.DataFrame({"doc_id": ["t", "s", "ok"], "raw_chars": [5185, 300, 5000],
                       "year": ["2018", "2021", "2021"]})  # fmt: skip
    para = pd.DataFrame({"doc_id": ["t", "s", "ok"],
                         "text": ["到202x年,新增就业2.15万人。", "学习二十大精神。", "提高低保标准。"]})  # fmt: skip
    aud = pd.DataFrame({"doc_id": ["t"], "text": ["预览阅读已结束,若您需要全文或代笔。"]})
    table = quality.flag_table(ov, para, aud)
    assert table[["doc_id", "flag", "evidence", "where"]].values.tolist() == [
        ["s", "very_short", "a short excerpt: 300 characters as received", "text as received"],
        ["s", "anachronism", "二十大 (2022 or later) in a text dated 2021", "text and date"],
        ["t", "placeholder", "202x", "body"],
        ["t", "ad_footer", "预览阅读已结束", "removed lines"],
        ["t", "ad_footer", "代笔", "removed lines"],
    ]
    assert table.loc[1, "note"] == "the 20th CPC National Congress, October 2022"
    flagged = quality.flag_documents(ov, para, aud, flags=table)
    assert flagged["quality_flags"].tolist() == [
        "placeholder|ad_footer",
        "very_short|anachronism",
        "",
    ]
    assert quality.excluded_documents(table, "anachronism") == ["s"]
    assert quality.excluded_documents(table, "all") == ["s", "t"]
    assert quality.excluded_documents(table, "") == []


def test_exclude_flagged_parameter_is_validated():
    assert params.validate({"exclude_flagged": "template, anachronism"})["exclude_flagged"]
    with pytest.raises(params.ParameterError, match=r"exclude_flagged.*unknown flag.*bogus"):
        params.validate({"exclude_flagged": "bogus"})


def test_seed_flags(seed_tables):
    table = quality.flag_table(seed_tables.overview, seed_tables.paragraphs, seed_tables.audit)
    # Only the Tianjin copy is flagged, for its placeholders and its ghost-writing footer.
    assert set(table["doc_id"]) == {"tianjin_bonded"}
    assert set(table["flag"]) == {"placeholder", "ad_footer"}
