"""Regenerate params.yaml from the schema in policystudy.workflow.params (developer tool).

The test suite checks that params.yaml, the schema and the notebooks agree; run this after
adding a parameter, then edit values by hand if you want other defaults.
"""

from __future__ import annotations

import json

from policystudy.workflow import params, paths


def render() -> str:
    lines = [
        "# Parameters of `policystudy run`. Every parameter is documented here; values below are",
        "# the defaults. Override with `--params FILE` (same format) or `-p NAME VALUE`.",
        "# Types and allowed values are enforced before any notebook runs (policystudy/params.py).",
        "",
    ]
    for spec in params.SCHEMA.values():
        rule = [f"type {spec.type.__name__}"]
        if spec.choices:
            rule.append("one of " + ", ".join(map(str, spec.choices)))
        if spec.minimum is not None:
            rule.append(f">= {spec.minimum:g}")
        if spec.maximum is not None:
            rule.append(f"<= {spec.maximum:g}")
        lines.append(f"# {spec.doc}")
        lines.append(f"# ({'; '.join(rule)}; used by {', '.join(spec.notebooks)})")
        lines.append(f"{spec.name}: {json.dumps(spec.default, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    paths.PARAMS_FILE.write_text(render(), encoding="utf-8")
