import json

import nbformat
import pytest
import yaml

from policystudy.workflow import params, paths, pipeline


def test_params_yaml_is_generated_from_the_schema():
    # Regenerate with `python tools/sync_params.py`.
    assert paths.PARAMS_FILE.read_text(encoding="utf-8") == params.render_params_yaml()


@pytest.mark.parametrize("nb", pipeline.notebook_files(), ids=lambda p: p.stem)
def test_parameters_cell_is_generated_from_the_schema(nb):
    # Regenerate with `python tools/sync_params.py`; the cell assigns exactly the names that
    # pipeline.start(notebook, globals()) takes from the schema.
    book = nbformat.read(nb, as_version=4)
    cells = [c for c in book.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, nb.name
    assert cells[0].source == params.render_parameters_cell(nb.stem)
    assert list(pipeline.notebook_parameters(nb)) == params.notebook_params(nb.stem)


@pytest.mark.parametrize("nb", pipeline.notebook_files(), ids=lambda p: p.stem)
def test_notebook_starts_with_its_namespace(nb):
    book = nbformat.read(nb, as_version=4)
    calls = [c.source for c in book.cells if "pipeline.start(" in c.source]
    assert len(calls) == 1 and f'pipeline.start("{nb.stem}", globals())' in calls[0], nb.name


def test_start_takes_the_schema_names_from_a_namespace():
    namespace = {"__name__": "__main__", "top_k": "7", "n_bootstrap": 50, "other": object()}
    ctx = pipeline.start("01_keywords", namespace)
    assert ctx.params["top_k"] == 7 and ctx.params["n_bootstrap"] == 50
    assert ctx.params["backend"] == params.SCHEMA["backend"].default  # missing: the default
    assert set(ctx.params) == set(params.notebook_params("01_keywords"))
    with pytest.raises(params.ParameterError, match="parameter 'top_k'"):
        pipeline.start("01_keywords", {**namespace, "top_k": 0})


@pytest.mark.slow
def test_sync_tool_reports_nothing_stale():
    import subprocess
    import sys

    tool = paths.ROOT / "tools" / "sync_params.py"
    out = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_params_yaml_documents_every_parameter_with_schema_defaults():
    data = yaml.safe_load(paths.PARAMS_FILE.read_text(encoding="utf-8"))
    assert set(data) == set(params.SCHEMA)
    text = paths.PARAMS_FILE.read_text(encoding="utf-8")
    for name, spec in params.SCHEMA.items():
        assert data[name] == spec.default, name
        assert f"# {spec.doc}" in text, name


@pytest.mark.parametrize("nb", pipeline.notebook_files(), ids=lambda p: p.stem)
def test_notebook_parameters_match_the_schema(nb):
    declared = pipeline.notebook_parameters(nb)
    assert declared, f"{nb.name} has no tagged parameters cell"
    for name, default in declared.items():
        assert name in params.SCHEMA, f"{nb.name}: unknown parameter {name}"
        spec = params.SCHEMA[name]
        assert nb.stem in spec.notebooks, f"{nb.name}: {name} not declared for this notebook"
        assert json.loads(json.dumps(spec.default)) == _literal(default), (nb.name, name)


def _literal(source: str):
    import ast

    return ast.literal_eval(source)


@pytest.mark.parametrize("nb", pipeline.notebook_files(), ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs(nb):
    book = nbformat.read(nb, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, nb.name


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"top_k": -5}, "parameter 'top_k': must be >= 1, got -5"),
        ({"top_k": "many"}, "parameter 'top_k': expected an integer"),
        ({"weight": "words"}, "parameter 'weight': must be one of 'chars', 'sentences'"),
        ({"topk": 5}, "unknown parameter 'topk'"),
        ({"n_bootstrap": 3}, "parameter 'n_bootstrap': must be >= 20"),
        ({"keep_numbers": "perhaps"}, "parameter 'keep_numbers': expected true/false"),
        ({"taxonomy": "/no/such.yaml"}, "parameter 'taxonomy': file not found"),
    ],
)
def test_invalid_parameters_are_refused_by_name(values, message):
    with pytest.raises(
        params.ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        params.validate(values)


def test_strings_keep_their_spelling():
    # papermill -p would turn "000123" into 123; our schema keeps strings as written.
    assert params.validate({"group_by": "000123"})["group_by"] == "000123"


def test_parameter_not_used_by_notebook_is_refused():
    with pytest.raises(params.ParameterError, match="not used by notebook 00_corpus"):
        params.validate({"top_k": 5}, notebook="00_corpus")


def test_unknown_group_by_column_is_refused():
    with pytest.raises(params.ParameterError, match="parameter 'group_by'"):
        pipeline.start("00_corpus", {"group_by": "province"})


@pytest.mark.parametrize("nb", pipeline.notebook_files(), ids=lambda p: p.stem)
def test_papermill_parses_every_parameter(nb):
    # papermill silently skips a line it cannot parse (e.g. '=' inside a comment), which would
    # make a parameter impossible to override.
    import ast

    book = nbformat.read(nb, as_version=4)
    cell = next(c for c in book.cells if "parameters" in c.metadata.get("tags", []))
    assigned = [n.targets[0].id for n in ast.parse(cell.source).body if isinstance(n, ast.Assign)]
    assert list(pipeline.notebook_parameters(nb)) == assigned


def test_docs_parameter_tables_show_the_schema_defaults():
    # Regenerate with `python tools/sync_params.py` (the default column of docs/*.md tables).
    for path in [paths.ROOT / "README.md", *sorted((paths.ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert params.render_doc_defaults(text) == text, path.name


def test_the_schema_is_split_by_job_and_keeps_its_names():
    from policystudy.workflow import params_render, params_schema, params_types

    assert params.SCHEMA is params_schema.SCHEMA
    assert params.ParameterError is params_types.ParameterError
    assert params.render_params_yaml is params_render.render_params_yaml
