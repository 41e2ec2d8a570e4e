"""The pipeline graph from the table registry, and the per-notebook code key."""

from __future__ import annotations

import re
import shutil

from policystudy.core import tables
from policystudy.workflow import code_key, graph, paths, pipeline

READ = re.compile(r'read_table\(\\?"([a-z_]+)\\?"')


def _read_by(stem: str) -> set[str]:
    """The tables a notebook reads: its own calls and the helpers it calls that read."""
    source = (paths.NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8")
    read = set(READ.findall(source))
    helpers = {
        "term_inputs_args(": paths.PACKAGE_DIR / "workflow" / "context.py",
        "report_tables(": paths.PACKAGE_DIR / "workflow" / "validate_cli.py",
    }
    for call, module in helpers.items():
        if call in source:
            read |= set(READ.findall(module.read_text(encoding="utf-8")))
    if "graph.FINDINGS_INPUTS" in source:
        read |= set(graph.FINDINGS_INPUTS)
    return read


def test_declared_inputs_are_what_each_notebook_reads():
    for nb in pipeline.notebook_files():
        assert _read_by(nb.stem) == set(graph.NOTEBOOK_INPUTS[nb.stem]), nb.name
    assert set(graph.NOTEBOOK_INPUTS) == {nb.stem for nb in pipeline.notebook_files()}


def test_needs_and_producers_come_from_the_registry():
    assert set(graph.PRODUCERS) == set(tables.TABLES)
    needs = pipeline.notebook_needs(pipeline.notebook_files())
    for stem, read in graph.NOTEBOOK_INPUTS.items():
        producers = {tables.table(t).notebook for t in read} - {stem}
        assert producers <= set(needs[stem]), stem
    assert graph.NEEDS["04_targets"] == ("00_corpus", "03_priorities")
    assert graph.NEEDS["01_keywords"] == graph.NEEDS["02_topics"] == ("00_corpus",)


def test_a_notebook_key_changes_only_with_the_code_it_imports(tmp_path, monkeypatch):
    copy = tmp_path / "policystudy"
    shutil.copytree(paths.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    monkeypatch.setattr(code_key, "PACKAGE_DIR", copy)
    topics_nb, targets_nb = (
        copy / "notebooks" / "02_topics.ipynb",
        copy / "notebooks" / "04_targets.ipynb",
    )
    assert "policystudy.topics.nmf" in code_key.notebook_modules(topics_nb)
    assert "policystudy.topics.nmf" not in code_key.notebook_modules(targets_nb)
    before = code_key.code_digest(topics_nb), code_key.code_digest(targets_nb)
    whole = code_key.code_digest()
    model = copy / "topics" / "nmf.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    after = code_key.code_digest(topics_nb), code_key.code_digest(targets_nb)
    assert after[0] != before[0] and after[1] == before[1]
    assert code_key.code_digest() != whole
    # Packaged data counts for every notebook: modules read it by path.
    (copy / "data").mkdir()
    (copy / "data" / "taxonomy.yaml").write_text("domains: []\n", encoding="utf-8")
    assert code_key.code_digest(targets_nb) != after[1]


def test_the_lazy_api_and_type_checking_imports():
    import ast

    tree = ast.parse("import policystudy\nif TYPE_CHECKING:\n    import policystudy.targets\n")
    known = code_key.module_files()
    assert code_key._imports(tree, "x", False, known) == {"policystudy"}
    assert "policystudy.targets" in code_key._lazy_api()
