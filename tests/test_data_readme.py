import re

from policystudy.core import io
from policystudy.workflow import paths


def test_data_readme_documents_every_raw_file_with_its_sha256():
    text = (paths.DATA / "README.md").read_text(encoding="utf-8")
    raw = sorted(paths.RAW.glob("*.txt"))
    assert len(raw) == 5
    for path in raw:
        row = next(line for line in text.splitlines() if f"`raw/{path.name}`" in line)
        digests = re.findall(r"`([0-9a-f]{64})`", row)
        assert digests == [io.sha256_file(path)], path.name
