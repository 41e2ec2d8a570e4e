"""The grouping column is whatever ``group_by`` names: ``region`` is not required.

Fast unit tests of manifest validation (no pipeline run, no subprocess).
"""

import pytest
from click.testing import CliRunner

from policystudy.ingest import corpus, manifest
from policystudy.workflow.cli import main

TEXT = "第一条 健全社会救助体系，完善最低生活保障制度。\n"


def _corpus(tmp_path, header: str, rows: list[str]):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "manifest.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_manifest_without_region_groups_by_another_column(tmp_path):
    path = _corpus(tmp_path, "doc_id,file,province", ["a,a.txt,辽寧", "b,b.txt,吉林"])
    meta = manifest.read_manifest(path, group_by="province")
    assert meta["province"].tolist() == ["辽宁", "吉林"]  # normalised like any value
    loaded = corpus.load_corpus(path, group_by="province")
    assert [d.metadata["province"] for d in loaded.documents] == ["辽宁", "吉林"]
    assert [d.region for d in loaded.documents] == ["", ""]
    # Without a grouping column named, doc_id and file are all a manifest needs.
    assert list(manifest.read_manifest(path).columns) == ["doc_id", "file", "province"]


@pytest.mark.parametrize("group_by", ["region", "city"])
def test_a_missing_grouping_column_names_the_manifest_and_the_column(tmp_path, group_by):
    path = _corpus(tmp_path, "doc_id,file,province", ["a,a.txt,辽宁", "b,b.txt,吉林"])
    with pytest.raises(corpus.CorpusError) as err:
        corpus.load_corpus(path, group_by=group_by)
    assert err.value.problems == [
        f"manifest manifest.csv has no column {group_by!r} to group by (parameter group_by); "
        "its columns: doc_id, file, province"
    ]
    assert str(path) in str(err.value)


def test_the_audit_labels_blanks_of_any_grouping_column(tmp_path):
    path = _corpus(tmp_path, "doc_id,file,province", ["a,a.txt,辽宁", "b,b.txt,"])
    audit = manifest.manifest_audit(path, group_by="province")
    assert audit[["doc_id", "column", "value"]].values.tolist() == [["b", "province", "(blank)"]]


def test_info_groups_by_the_column_given(tmp_path):
    path = _corpus(tmp_path, "doc_id,file,province", ["a,a.txt,辽宁", "b,b.txt,吉林"])
    result = CliRunner().invoke(main, ["info", "--manifest", str(path), "--group-by", "province"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("2 documents in 2 groups by province")
    refused = CliRunner().invoke(main, ["info", "--manifest", str(path)])
    assert refused.exit_code == 2
    assert "has no column 'region' to group by" in refused.output


def test_a_notebook_starts_on_a_manifest_grouped_by_province(tmp_path):
    from policystudy.workflow import params, pipeline

    path = _corpus(tmp_path, "doc_id,file,province", ["a,a.txt,辽宁", "b,b.txt,吉林"])
    values = {"manifest": str(path), "out_dir": str(tmp_path / "out")}
    ctx = pipeline.start("00_corpus", {**values, "group_by": "province"})
    assert ctx.metadata["province"].tolist() == ["辽宁", "吉林"]
    with pytest.raises(params.ParameterError) as err:
        pipeline.start("00_corpus", {**values, "group_by": "region"})
    assert str(err.value) == (
        "parameter 'group_by': 'region' is not a manifest column; choose one of: province "
        f"(manifest {path})"
    )
