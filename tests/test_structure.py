import pytest

from policystudy.ingest import structure

# (normalised line from the seed corpus, expected heading level or None for body text)
HEADING_CASES = [
    ("一、总体要求", 1),  # tianjin
    ("(一)实施就业优先战略", 2),  # tianjin
    ("(三)巩固拓展脱贫攻坚成果同乡村振兴有效衔接", 2),  # changbaishan
    ("专栏12 “十四五”时期社会保障能力提升工程", 2),  # changbaishan
    ("1. 加强学前教育", 3),
    ("第七章 聚焦关注民生保障,推动社会事业同步发展", 1),  # changbaishan title line
    ("用心办好人民满意的教育", 1),  # lianyungang bare title
    ("推进更充分更有质量就业,为民生“筑基”", 1),  # dalian bare title
    ("创业就业更加增效", 1),  # changzhou bare title
    # numbered lines that go on into sentences are body text
    (
        "(一)指导思想:深入学习贯彻党的十九大精神,坚持以习近平新时代中国特色社会主义思想为指导。",
        None,
    ),
    ("2. 强化就业服务体系建设,提升公共就业服务水平。建立健全覆盖城乡的公共就业服务体系。", None),
    ("(一)统筹住房保障体系建立工程。重点建设池北区老旧小区改造配套基础设施。", None),
    # short lines that are not titles
    ("牵头单位:人社局,配合单位:组织部、农业局、各镇(街道)", None),
    ("坚持发展为民。", None),
    ("", None),
]


@pytest.mark.parametrize(("line", "level"), HEADING_CASES)
def test_heading_level(line, level):
    assert structure.heading_level(line) == level


SENTENCE_CASES = [
    (
        "今年一季度,全市城镇新增就业31150人,城镇登记失业率3.36%,主要就业指标位居全省首位。"
        "作为“十四五”开局之年,全市今年就业工作重点抓好五个方面:一是加紧推动。",
        [
            "今年一季度,全市城镇新增就业31150人,城镇登记失业率3.36%,主要就业指标位居全省首位。",
            "作为“十四五”开局之年,全市今年就业工作重点抓好五个方面:一是加紧推动。",
        ],
    ),
    # semicolons chain targets under one deadline and do not split
    (
        "到202x年,每年新增就业2.15万人以上,登记失业率控制在3.5%以内;职工参保率达到98%。",
        ["到202x年,每年新增就业2.15万人以上,登记失业率控制在3.5%以内;职工参保率达到98%。"],
    ),
    (
        "鲜明的民生底色,是一座幸福之城的最好注解。“胜日寻芳泗水滨”!",
        ["鲜明的民生底色,是一座幸福之城的最好注解。", "“胜日寻芳泗水滨”!"],
    ),
    ("健康是1,其他是0。", ["健康是1,其他是0。"]),
    ("没有句号的尾句", ["没有句号的尾句"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_split_sentences(text, expected):
    assert structure.split_sentences(text) == expected


def test_paragraphs_carry_their_section(seed_tables):
    paras = seed_tables.paragraphs.set_index("paragraph_id")
    # The Tianjin target paragraph sits under 一、总体要求 (its "(二)主要目标:" lead is body text).
    row = paras.loc["tianjin_bonded-p003"]
    assert row["section"] == "一、总体要求"
    assert row["text"].startswith("(二)主要目标:到202x年")
    # The Changbai box paragraphs sit under their 专栏 heading, inside section (三).
    box = paras[paras["section"].str.startswith("专栏12")]
    assert len(box) == 4
    assert box["section_path"].str.startswith("第七章").all()
    # Lianyungang's education paragraphs sit under the bare title line.
    edu = paras[(paras["doc_id"] == "lianyungang") & (paras["section"] == "用心办好人民满意的教育")]
    assert len(edu) == 3


def test_headings_are_not_paragraphs(seed_tables):
    texts = set(seed_tables.paragraphs["text"])
    assert not texts & set(seed_tables.headings["heading"])
    assert seed_tables.paragraphs.groupby("doc_id").size().to_dict() == {
        "changbaishan": 23, "changzhou_xinbei": 26, "dalian": 11, "lianyungang": 20,
        "tianjin_bonded": 36,
    }  # fmt: skip
