"""The parameter type of the schema: coercion of command-line values and checks of bounds.

:class:`Param` turns a value (often a string from ``-p NAME VALUE``) into its declared type and
checks choices, bounds, files and a further validator; every refusal is a
:class:`ParameterError` that names the parameter. The declarations themselves are in
:mod:`policystudy.workflow.params_schema`; :mod:`policystudy.workflow.params` is the public face.

Examples
--------
>>> Param("top_k", int, 20, "Keywords.", minimum=1).check("7")
7
>>> Param("keep_numbers", bool, False, "Numbers.").coerce("yes")
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ParameterError(ValueError):
    """An invalid parameter; the message names the parameter."""


@dataclass(frozen=True)
class Param:
    """One parameter: type, default, constraints and documentation."""

    name: str
    type: type
    default: Any
    doc: str
    choices: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None
    path: bool = False
    notebooks: tuple[str, ...] = field(default_factory=tuple)
    # A further check of the coerced value; raises ValueError with the reason.
    validator: Callable[[Any], Any] | None = None

    def coerce(self, value: Any) -> Any:
        """Convert ``value`` (possibly a command-line string) to this parameter's type."""
        if self.type is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
            raise ParameterError(f"parameter {self.name!r}: expected true/false, got {value!r}")
        if self.type is int:
            if isinstance(value, bool):
                raise ParameterError(f"parameter {self.name!r}: expected an integer, got {value!r}")
            if isinstance(value, float) and value.is_integer():
                return int(value)
            try:
                return int(str(value).strip())
            except ValueError:
                raise ParameterError(
                    f"parameter {self.name!r}: expected an integer, got {value!r}"
                ) from None
        if self.type is float:
            if isinstance(value, bool):
                raise ParameterError(f"parameter {self.name!r}: expected a number, got {value!r}")
            try:
                number = float(str(value).strip())
            except ValueError:
                raise ParameterError(
                    f"parameter {self.name!r}: expected a number, got {value!r}"
                ) from None
            # NaN passes every comparison with a bound and is not JSON (provenance).
            if not math.isfinite(number):
                raise ParameterError(
                    f"parameter {self.name!r}: expected a finite number, got {value!r}"
                )
            return number
        if value is None:
            return ""
        # Strings keep their exact spelling: "000123" stays "000123".
        return str(value)

    def check(self, value: Any) -> Any:
        value = self.coerce(value)
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise ParameterError(
                f"parameter {self.name!r}: must be one of {allowed}, got {value!r}"
            )
        if self.minimum is not None and value < self.minimum:
            raise ParameterError(
                f"parameter {self.name!r}: must be >= {self.minimum:g}, got {value!r}"
            )
        if self.maximum is not None and value > self.maximum:
            raise ParameterError(
                f"parameter {self.name!r}: must be <= {self.maximum:g}, got {value!r}"
            )
        if self.path and value and not Path(value).expanduser().exists():
            raise ParameterError(f"parameter {self.name!r}: file not found: {value}")
        if self.validator is not None:
            try:
                self.validator(value)
            except ValueError as err:
                raise ParameterError(f"parameter {self.name!r}: {err}") from None
        return value


def require(condition: bool, name: str, message: str) -> None:
    """Raise :class:`ParameterError` naming ``name`` unless ``condition`` holds.

    Examples
    --------
    >>> require(5 <= 3, "n_topics", "must be <= the number of paragraphs (3)")
    Traceback (most recent call last):
    ...
    policystudy.workflow.params_types.ParameterError: parameter 'n_topics': must be <= the number of paragraphs (3)
    """
    if not condition:
        raise ParameterError(f"parameter {name!r}: {message}")
