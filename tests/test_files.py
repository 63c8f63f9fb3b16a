"""policykg.files.write_files: several files written together, all new or all as they were."""

import os
from pathlib import Path

import pytest

from policykg.errors import OutputError
from policykg.files import restore_files, write_files


def test_files_are_written_together_and_put_back(tmp_path: Path):
    old, new = tmp_path / "claims.ttl", tmp_path / "sub" / "new.ttl"
    new.parent.mkdir()
    old.write_bytes(b"before\n")
    originals = write_files({old: b"after\n", new: b"made\n"})
    assert (old.read_bytes(), new.read_bytes()) == (b"after\n", b"made\n")
    assert originals == {old: b"before\n", new: None}
    restore_files(originals)
    assert old.read_bytes() == b"before\n" and not new.exists()


def test_a_folder_in_the_way_is_refused_before_anything_is_written(tmp_path: Path):
    first, blocked = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_bytes(b"kept\n")
    blocked.mkdir()
    with pytest.raises(OutputError, match="is not a regular file"):
        write_files({first: b"changed\n", blocked: b"x"})
    assert first.read_bytes() == b"kept\n"


def test_a_rename_that_fails_puts_back_the_files_already_renamed(tmp_path: Path, monkeypatch):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_bytes(b"a before\n")
    second.write_bytes(b"b before\n")
    real_replace = os.replace

    def replace(source, target):
        if Path(target) == second:
            raise OSError(28, "No space left on device", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match="No space left on device"):
        write_files({first: b"a after\n", second: b"b after\n"})
    monkeypatch.undo()
    assert (first.read_bytes(), second.read_bytes()) == (b"a before\n", b"b before\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]  # no temporary file left
