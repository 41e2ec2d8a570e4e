import sys

sys.path.insert(0, "tools")
import nbformat
from nbtools import build

cells = [
    (
        "md",
        """
# 00 · Corpus: load, normalise, clean, structure

Loads the manifest and every document (encoding detected and recorded), normalises width, script
and whitespace, removes scraped-page noise into an audit table, splits paragraphs with their section
headings, and warms the segmentation cache.

Outputs (under `out_dir`): `data/processed/corpus_overview.csv`, `paragraphs.csv`, `cleaning_audit.csv`,
`headings.csv`, `sentences.csv` and `figures/corpus_lengths.{png,svg}`.
""",
    ),
    (
        "code",
        """
# Parameters (papermill overrides this cell; see params.yaml for the documentation of each).
manifest = ""  # empty: data/corpus.csv
out_dir = ""  # empty: build/interactive
group_by = "region"
userdict = ""
stopwords = ""
keep_numbers = False
backend = "jieba"
to_simplified = True
""",
    ),
    (
        "code",
        """
from policystudy.ingest import corpus
from policystudy.workflow import pipeline
from policystudy.ingest import preprocess
from policystudy import text as segmentation
from policystudy.report.plots import corpus as corpus_plots

ctx = pipeline.start(
    "00_corpus",
    dict(
        manifest=manifest,
        out_dir=out_dir,
        group_by=group_by,
        userdict=userdict,
        stopwords=stopwords,
        keep_numbers=keep_numbers,
        backend=backend,
        to_simplified=to_simplified,
    ),
)
docs = corpus.load_corpus(ctx.manifest)
tables = preprocess.prepare(docs, to_simplified=ctx.params["to_simplified"])
""",
    ),
    ("md", "## Segmentation (cached by content hash)"),
    (
        "code",
        """
tokens = segmentation.tokenize_paragraphs(tables.paragraphs["text"].tolist(), ctx.tokenizer())
tables.overview["tokens"] = (
    tables.paragraphs.assign(n=[len(t.split()) for t in tokens]).groupby("doc_id")["n"].sum()
    .reindex(tables.overview["doc_id"]).fillna(0).astype(int).to_numpy()
)
""",
    ),
    ("md", "## Tables"),
    (
        "code",
        """
ctx.write_table(tables.overview, "corpus_overview")
ctx.write_table(tables.paragraphs, "paragraphs")
ctx.write_table(tables.audit, "cleaning_audit")
ctx.write_table(tables.headings, "headings")
ctx.write_table(preprocess.sentences(tables.paragraphs), "sentences")
tables.overview[["doc_id", ctx.params["group_by"], "encoding", "converted_to_simplified", "chars",
                 "paragraphs", "removed_lines", "tokens"]]
""",
    ),
    ("md", "## What cleaning removed (every line is in the audit)"),
    (
        "code",
        """
tables.audit[["doc_id", "line", "reason", "action", "text"]]
""",
    ),
    ("md", "## Document length and composition"),
    (
        "code",
        """
overview = corpus_plots.composition(tables.overview, tables.paragraphs, tables.audit, tables.headings)
fig = corpus_plots.length_figure(overview, group_by=ctx.params["group_by"])
ctx.save_figure(
    fig,
    "corpus_lengths",
    function="policystudy.report.plots.corpus.length_figure",
    caption="Characters of body text, headings and removed noise per document, by region.",
);
""",
    ),
]
nb = build(cells, parameters_index=1, stem="corpus")
nbformat.write(nb, "notebooks/00_corpus.ipynb")
