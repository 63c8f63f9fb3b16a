"""The errors policykg reports to its users, each with the exit code the command line returns."""

from dataclasses import dataclass
from pathlib import Path

from .text import display_width

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class PolicyKGError(Exception):
    """A problem a user can fix; ``str()`` is the whole message, ready to print."""

    exit_code = EXIT_DATA


class DataError(PolicyKGError):
    """The curated data (or a file given as input) has a problem: exit code 1."""

    exit_code = EXIT_DATA


class UsageError(PolicyKGError):
    """The command was called wrongly (a missing folder, an unknown name): exit code 2."""

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
    """Build a :class:`DataError` that names the place, the problem, the offending text and the fix."""
    lines = [f"{location}: {problem}"]
    if excerpt:
        lines.append(f"    {excerpt}")
        lines.append("    " + " " * (display_width(excerpt[: location.column - 1])) + "^")
    lines.append(f"  fix: {fix}")
    return DataError("\n".join(lines))
