"""The one error of the filter language: where in the expression it went wrong."""

from __future__ import annotations


class QueryError(ValueError):
    """A filter expression that cannot be parsed; ``position`` is the 0-based offset of ``term``."""

    def __init__(self, message: str, position: int = 0, term: str = "", expression: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.term = term
        self.expression = expression

    def __str__(self) -> str:
        return self.message

    def caret(self) -> str:
        """The expression with ``^`` marks under the bad term, for a terminal or a status line."""
        expr = self.expression.replace("\n", " ").replace("\t", " ")
        marks = "^" * max(1, len(self.term.splitlines()[0]) if self.term else 1)
        return f"{expr}\n{' ' * self.position}{marks}"

