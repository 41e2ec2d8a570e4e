"""A generated collection of policy documents: many documents, groups, genres and years.

Sentences are built from templates of real policy phrasing, with places and figures that vary,
so that no two documents share a passage long enough to count as reuse. Each group leans to
its own domains, and elderly care grows with the year in every group: a planted trend the time
analysis must find.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

PROVINCES = ["江苏", "浙江", "山东", "四川", "吉林"]
CITIES = [
    "南京",
    "苏州",
    "杭州",
    "宁波",
    "济南",
    "青岛",
    "成都",
    "绵阳",
    "长春",
    "吉林",
    "无锡",
    "温州",
]
GENRES = ["implementation plan", "work report", "news feature"]
PHRASES = {
    "education": ["推进学前教育普惠发展", "推动义务教育优质均衡发展", "新建改扩建中小学校",
                  "加强中小学教师队伍建设", "办好人民满意的教育", "增加公办幼儿园学位"],
    "health": ["提升基层医疗卫生服务能力", "推进紧密型县域医共体建设", "完善公共卫生服务体系",
               "建设区域医疗中心", "加强家庭医生签约服务", "推进健康乡村建设"],
    "employment": ["实施就业优先政策", "加强高校毕业生就业服务", "开展职业技能培训",
                   "支持创业带动就业", "城镇新增就业", "稳定重点群体就业"],
    "elderly_care": ["发展居家社区养老服务", "建设社区嵌入式养老服务设施", "推进医养结合",
                     "提高养老机构护理型床位占比", "发展普惠型养老服务", "完善老年助餐服务"],
    "housing": ["推进城镇老旧小区改造", "筹集保障性租赁住房", "实施棚户区改造",
                "完善住房保障体系", "加快发展保障性住房", "改善农村住房条件"],
    "social_assistance": ["完善最低生活保障制度", "加强困难群众基本生活保障", "做好特困人员救助供养",
                          "健全分层分类社会救助体系", "落实临时救助制度", "加强残疾人关爱服务"],
    "non_livelihood": ["推动产业转型升级", "优化营商环境", "扩大有效投资", "建设现代化产业体系",
                       "推进科技创新平台建设", "发展数字经济"],
}  # fmt: skip
# Each province's leaning: extra weight on these domains.
LEANING = {
    "江苏": "education",
    "浙江": "health",
    "山东": "employment",
    "四川": "housing",
    "吉林": "social_assistance",
}
ENDINGS = ["，到{y}年完成{n}个项目。", "，年内投入资金{n}亿元。", "，惠及群众{n}万人。",
           "，覆盖率达到{p}%。", "，新增{n}处服务点位。"]  # fmt: skip


def _sentence(rng: random.Random, domain: str, year: int) -> str:
    city = rng.choice(CITIES)
    phrase = rng.choice(PHRASES[domain])
    end = rng.choice(ENDINGS).format(y=year + rng.randint(1, 5), n=rng.randint(2, 980),
                                     p=rng.randint(50, 99))  # fmt: skip
    return f"{city}{rng.choice(['要', '将', '持续', '着力', '加快'])}{phrase}{end}"


def write_collection(folder: Path, *, n_documents: int = 500, seed: int = 7) -> Path:
    """Write ``n_documents`` texts and their manifest (``doc_id,file,region,year,genre``)
    into ``folder``; returns the manifest's path."""
    rng = random.Random(seed)
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n_documents):
        province = PROVINCES[i % len(PROVINCES)]
        year = 2005 + rng.randint(0, 19)
        genre = rng.choice(GENRES)
        weights = {d: 1.0 for d in PHRASES}
        weights[LEANING[province]] += 1.5
        # The planted trend: elderly care gains weight with the year.
        weights["elderly_care"] = 0.2 + 0.25 * (year - 2005)
        domains, w = zip(*sorted(weights.items()), strict=True)
        paragraphs = []
        for _ in range(rng.randint(2, 4)):
            picks = rng.choices(domains, weights=w, k=rng.randint(3, 5))
            paragraphs.append("".join(_sentence(rng, d, year) for d in picks))
        doc_id = f"doc{i:03d}"
        title = f"{province}{rng.choice(CITIES)}{year}年民生实事工作方案"
        (folder / "texts" / f"{doc_id}.txt").write_text(
            title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
        rows.append({"doc_id": doc_id, "file": f"texts/{doc_id}.txt", "region": province,
                     "year": str(year), "genre": genre})  # fmt: skip
    manifest = folder / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["doc_id", "file", "region", "year", "genre"])
        writer.writeheader()
        writer.writerows(rows)
    return manifest
