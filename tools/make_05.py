"""Write notebooks/05_findings.ipynb (developer tool; the notebook is committed)."""

import sys

sys.path.insert(0, "tools")
import nbformat
from nbtools import build

cells = [
    (
        "md",
        """
# 05 · Findings report

Reads the tables the earlier notebooks wrote and assembles `reports/findings.md` with
`policystudy.report.findings.build_report`: every number in the report comes from those tables.
""",
    ),
    (
        "code",
        """
# Parameters (papermill overrides this cell; see params.yaml for the documentation of each).
manifest = ""  # empty: data/corpus.csv
out_dir = ""  # empty: build/interactive
group_by = "region"
""",
    ),
    (
        "code",
        """
from IPython.display import Markdown

from policystudy.report import findings
from policystudy.core import io
from policystudy.workflow import pipeline

ctx = pipeline.start("05_findings", dict(manifest=manifest, out_dir=out_dir, group_by=group_by))
names = [
    "corpus_overview", "priority_ranking", "priority_tests", "priority_caveats", "keyness",
    "topic_prevalence", "similarity", "targets", "domain_validation_folds", "targets_evaluation",
]
tables = {name: ctx.read_table(name) for name in names}
""",
    ),
    (
        "code",
        """
report = findings.build_report(tables, group_by=ctx.params["group_by"], params=ctx.params)
io.write_text(ctx.reports / "findings.md", report)
Markdown(report.replace("../figures/", str(ctx.figures) + "/"))
""",
    ),
]
nbformat.write(build(cells, parameters_index=1, stem="findings"), "notebooks/05_findings.ipynb")
