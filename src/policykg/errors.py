"""The errors policykg reports to its users, each with the exit code the command line returns."""

from dataclasses import dataclass
from pathlib import Path

from .text import display_width, printable, shorten

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_STORE = 4

#: The most characters of an offending line a message shows: a window around the column at fault.
EXCERPT_CHARACTERS = 80
#: The most characters a message's one-line statement of the problem takes.
PROBLEM_CHARACTERS = 300


class PolicyKGError(Exception):
    """A problem a user can fix; ``str()`` is the whole message, ready to print."""

    exit_code = EXIT_DATA


class DataError(PolicyKGError):
    """The curated data (or a file given as input) has a problem: exit code 1."""

    exit_code = EXIT_DATA


class UsageError(PolicyKGError):
    """The command was called wrongly (a missing folder, an unknown name): exit code 2."""

    exit_code = EXIT_USAGE


class OutputError(PolicyKGError):
    """The output cannot be written where asked (read-only, in use by another build, not ours to replace): exit code 2."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column, shown as ``path:line:column``."""

    path: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def located_error(location: Location, problem: str, excerpt: str, fix: str) -> DataError:
    """Build a :class:`DataError` that names the place, the problem, the offending text and the fix.

    A long line is shown as a window of :data:`EXCERPT_CHARACTERS` around the column, with the caret
    under the column's character (wide CJK characters counted as two columns).
    """
    lines = [f"{location}: {shorten(printable(problem), PROBLEM_CHARACTERS)}"]
    if excerpt:
        shown, caret = _window(excerpt, location.column)
        lines.append(f"    {shown}")
        lines.append("    " + " " * caret + "^")
    lines.append(f"  fix: {fix}")
    return DataError("\n".join(lines))


def path_error(path: Path, problem: str, fix: str, kind: type[PolicyKGError] = DataError) -> PolicyKGError:
    """Build an error of class ``kind`` about a whole file or folder: its path, what is wrong and the fix."""
    return kind(f"{path}: {shorten(printable(problem), PROBLEM_CHARACTERS)}\n  fix: {fix}")


def problems_error(problems: list[str], where: str) -> DataError:
    """Build the :class:`DataError` that stops the build over ``problems`` (messages) found in ``where``."""
    count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
    return DataError(f"the build stopped: {count} in {where}\n\n" + "\n\n".join(problems))


def _window(line: str, column: int) -> tuple[str, int]:
    """The part of ``line`` shown around ``column`` (1-based), marked ``…`` where it is cut, and the
    terminal column of the caret under it."""
    at = min(max(column - 1, 0), len(line))
    start = max(0, min(at - EXCERPT_CHARACTERS // 2, len(line) - EXCERPT_CHARACTERS))
    end = start + EXCERPT_CHARACTERS
    before = ("…" if start else "") + printable(line[start:at])
    after = printable(line[at:end]) + ("…" if end < len(line) else "")
    return before + after, display_width(before)
