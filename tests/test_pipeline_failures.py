"""A failing notebook publishes nothing: neither its half-written files nor its branch's.

Apart from tests/test_pipeline.py (whose seed run is one worker's longest stretch), so that
pytest-xdist can run these two short runs on the other worker.
"""

import json
import shutil

import nbformat
import pytest

from policystudy.workflow import paths, pipeline


def _broken(error: str) -> nbformat.NotebookNode:
    """A notebook that writes a figure and a table into its output folder, then raises.

    Notebook 00's parameters cell (a run refuses a notebook without one), not its analysis:
    a copy of the whole of 00 cost a kernel's worth of imports and the corpus's segmentation
    to prove only that a failure publishes nothing. Its half-written outputs must not be
    published either.
    """
    nb = nbformat.read(paths.NOTEBOOKS / "00_corpus.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(nb.cells) == 1
    code = (
        "from pathlib import Path\n"
        "for rel in ('figures/half_written.png', 'data/processed/half_written.csv'):\n"
        "    (Path(out_dir) / rel).parent.mkdir(parents=True, exist_ok=True)\n"
        "    (Path(out_dir) / rel).write_text('half written', encoding='utf-8')\n"
        f"raise {error}"
    )
    nb.cells.append(nbformat.v4.new_code_cell(code))
    nb.cells[-1]["id"] = "broken"
    return nb


@pytest.mark.pipeline
@pytest.mark.slow
def test_failing_notebook_names_cell_and_publishes_nothing(tmp_path):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    shutil.copy(paths.NOTEBOOKS / "00_corpus.ipynb", nbdir)
    nbformat.write(_broken("RuntimeError('deliberately broken')"), nbdir / "01_broken.ipynb")
    # Independent of 01 (NEEDS: only 00), so it would run next; after a failure it must not.
    shutil.copy(paths.NOTEBOOKS / "00_corpus.ipynb", nbdir / "02_topics.ipynb")
    out = tmp_path / "out"
    last_good = out / "data" / "processed" / "paragraphs.csv"
    last_good.parent.mkdir(parents=True)
    last_good.write_text("last good output\n", encoding="utf-8")
    # A published run: its provenance lists what it wrote (else the file would be foreign).
    record = {"outputs": {"data/processed/paragraphs.csv": "sha256 of the last good output"}}
    (out / "reports").mkdir()
    (out / pipeline.PROVENANCE).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(pipeline.PipelineError) as err:
        pipeline.run(out_dir=out, notebooks=sorted(nbdir.glob("*.ipynb")), progress=False)
    message = str(err.value)
    assert "notebook 01_broken.ipynb failed in cell" in message
    assert "RuntimeError: deliberately broken" in message
    assert last_good.read_text(encoding="utf-8") == "last good output\n"
    assert json.loads((out / pipeline.PROVENANCE).read_text(encoding="utf-8")) == record
    assert not (out / "figures").exists()
    assert not (out / "data" / "processed" / "half_written.csv").exists()
    # --resume skips the notebook that already succeeded
    state = (out / "build" / "staging" / ".state.json").read_text()
    assert "00_corpus.ipynb" in state and "01_broken" not in state
    assert not (out / "build" / "notebooks" / "02_topics.ipynb").exists()


@pytest.mark.pipeline
@pytest.mark.slow
def test_a_failure_in_one_branch_publishes_nothing(tmp_path):
    """03 fails while 01 and 02 run beside it: the run fails and publishes nothing."""
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    for name in ("00_corpus", "01_keywords", "02_topics"):
        shutil.copy(paths.NOTEBOOKS / f"{name}.ipynb", nbdir)
    nbformat.write(_broken("ValueError('branch broken')"), nbdir / "03_priorities.ipynb")
    out = tmp_path / "out"
    with pytest.raises(pipeline.PipelineError, match=r"03_priorities\.ipynb failed in cell"):
        pipeline.run(
            out_dir=out, notebooks=sorted(nbdir.glob("*.ipynb")), progress=False, jobs=2,
            overrides={"n_bootstrap": "20"},
        )  # fmt: skip
    assert not (out / "data").exists() and not (out / "figures").exists()
