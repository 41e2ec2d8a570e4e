"""What cleaning keeps and what it records: kept lines and the audit of every touched line.

Kept lines plus removed lines give back the original lines exactly (:meth:`CleanResult.reconstruct`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """A kept line: its 1-based number, the raw text and the normalised text.

    ``joined_to`` is the number of the line this one continues (a sentence broken at a link).
    """

    number: int
    raw: str
    text: str
    joined_to: int | None = None


@dataclass(frozen=True)
class AuditRow:
    """One removed, repaired or joined line; ``detail`` says more (e.g. the documents that
    share a boilerplate line, or the line a fragment was joined to)."""

    line: int
    text: str
    reason: str
    action: str = "removed"
    detail: str = ""


@dataclass
class CleanResult:
    """Kept lines (blank ones included) and the audit of removed, repaired and joined lines."""

    kept: list[Line] = field(default_factory=list)
    audit: list[AuditRow] = field(default_factory=list)

    @property
    def removed(self) -> list[AuditRow]:
        return [row for row in self.audit if row.action == "removed"]

    def reconstruct(self) -> list[str]:
        """The original lines, from kept plus removed lines (the audit invariant)."""
        rows = [(k.number, k.raw) for k in self.kept] + [(r.line, r.text) for r in self.removed]
        return [text for _, text in sorted(rows)]

    def paragraph_lines(self) -> list[tuple[int, str]]:
        """``(line number, normalised text)`` of the kept lines, joined lines merged into the
        line they continue (numbered by that line).

        Examples
        --------
        >>> from policystudy.ingest.cleaning import clean_lines
        >>> r = clean_lines(["完善法律", "、", "法规。"])
        >>> r.paragraph_lines()
        [(1, '完善法律、法规。')]
        """
        out: list[tuple[int, str]] = []
        for k in self.kept:
            if not k.text:
                continue
            if k.joined_to is not None and out:
                out[-1] = (out[-1][0], out[-1][1] + k.text)
            else:
                out.append((k.number, k.text))
        return out
