"""What every content-file reader shares: the line map and the limits on what is read.

Both the reading front (:mod:`tailor._source`) and the YAML reader (:mod:`tailor._yaml`,
a module of its own so that PyYAML loads with the first file read, not with ``import
tailor``) use these, so neither imports the other's names.
"""

from __future__ import annotations

import re

from .errors import ErrorDetail, Loc

__all__ = ["LONG_NUMBER", "MAX_DEPTH", "MAX_DIGITS", "LineMap", "NodeProblemError"]

#: Deepest nesting accepted; the deepest real structure (an article) needs about six.
MAX_DEPTH = 40

LineMap = dict[Loc, int]


#: Longest run of digits read as a number. Real numbers in content (years, orders, grades)
#: have a few; Python refuses to convert past 4,300 digits, with a ValueError, not a line.
MAX_DIGITS = 30
LONG_NUMBER = re.compile(rf"[-+]?[0-9_]{{{MAX_DIGITS + 1},}}")


class NodeProblemError(Exception):
    """A problem found in the composed document, with its field path and line."""

    def __init__(self, type_: str, loc: Loc, msg: str, line: int) -> None:
        super().__init__(msg)
        self.detail = ErrorDetail(type_, loc, msg, line=line)
