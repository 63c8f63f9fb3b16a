"""Writing so that a reader never sees half of anything: one file through a temporary file beside it and
a rename; several files renamed together, put back if one cannot be; a whole folder through a staging
folder beside it and an atomic swap.
"""

import ctypes
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError, path_error

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # renameat2(2): swap the two paths atomically

#: Where to say what to do about an output that cannot be written.
_OUTPUT_FIX = "make it writable, or build into another folder with --out"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename.

    Either the old file or the complete new one is there at any moment; the temporary file is removed
    if anything goes wrong. Raises :class:`OutputError` if the file cannot be written there.
    """
    temporary = None
    try:
        temporary = write_temporary(path, data)
        os.replace(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise path_error(path, f"cannot be written ({error.strerror})", "write it to a writable path", OutputError) from None
    except BaseException:
        _remove(temporary)
        raise


def write_temporary(path: Path, data: bytes, mode: int = 0o644) -> str:
    """Write ``data`` to a new temporary file beside ``path`` (its folder made if missing), flushed to disk
    with ``mode``, and return its name, for a rename over ``path``; the caller removes it on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _remove(temporary: str | None) -> None:
    """Remove a temporary file, if one was made."""
    if temporary is not None:
        Path(temporary).unlink(missing_ok=True)


@contextmanager
def replacing_folder(folder: Path, names: Collection[str]) -> Iterator[Callable[[dict[str, bytes]], None]]:
    """Hold ``folder`` for one build, and yield a function that replaces it, as a whole, with files by name.

    On entering, before the build's work: a lock file beside the folder (``.<name>.lock``, ``flock``)
    keeps a second build out, which fails at once with :class:`OutputError`; the staging folders that
    a killed build left beside it are removed (holding the lock proves they are no running build's);
    and the folder is checked: it must be a writable folder holding only files named in ``names``,
    since it is replaced whole. The yielded function writes the files into a staging folder
    ``.<name>.build-*`` beside the folder and swaps the two in one step, so that a reader, or a kill at
    any moment, finds the old folder whole or the new one whole; the old one is then removed.
    """
    folder = Path(os.path.realpath(folder))
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise path_error(folder.parent, f"the folder for --out cannot be created ({error.strerror})", _OUTPUT_FIX, OutputError) from None
    with _lock(folder):
        _remove_leftovers(folder)
        _check_replaceable(folder, names)
        yield lambda files: _publish(folder, files, names)


@contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``folder``; fail at once if another build holds it. The lock file is
    removed on leaving, still held, so that nothing stays beside the folder."""
    lock_path = folder.parent / f".{folder.name}.lock"
    while True:
        try:
            descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise path_error(folder.parent, f"cannot create the lock file {lock_path.name} here ({error.strerror})",
                             _OUTPUT_FIX, OutputError) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(descriptor)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise path_error(folder, f"another build is writing into this folder now (it holds {lock_path})",
                                 "wait for that build to finish, or build into another folder with --out", OutputError) from None
            raise path_error(lock_path, f"cannot be locked ({error.strerror})", _OUTPUT_FIX, OutputError) from None
        if _is_file_at(descriptor, lock_path):
            break
        os.close(descriptor)  # the build that held it removed it as it finished: lock the new one
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        os.close(descriptor)


def _is_file_at(descriptor: int, path: Path) -> bool:
    """True when the open ``descriptor`` is the file now at ``path``."""
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except FileNotFoundError:
        return False


def _remove_leftovers(folder: Path) -> None:
    """Remove the staging folders a killed build left beside ``folder`` (only called holding the lock)."""
    prefix = f".{folder.name}.build-"
    try:
        for entry in os.scandir(folder.parent):
            if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
    except OSError as error:
        raise path_error(folder.parent, f"cannot remove what an interrupted build left here ({error.strerror})",
                         f"remove the {prefix}* folders by hand", OutputError) from None


def _check_replaceable(folder: Path, names: Collection[str]) -> None:
    """Refuse to replace anything but a writable folder holding only files named in ``names`` (or nothing)."""
    try:
        if not folder.exists():
            return
        if not folder.is_dir():
            raise path_error(folder, "is a file, not a folder", "pass a folder to --out (it is created if missing)", OutputError)
        if not os.access(folder, os.W_OK):
            raise path_error(folder, "the folder is read-only", _OUTPUT_FIX, OutputError)
        foreign = sorted(
            entry.name + ("/" if entry.is_dir(follow_symlinks=False) else "")
            for entry in os.scandir(folder)
            if entry.name not in names or not entry.is_file(follow_symlinks=False)
        )
    except OSError as error:
        raise path_error(folder, f"the folder cannot be read ({error.strerror})", _OUTPUT_FIX, OutputError) from None
    if foreign:
        raise path_error(
            folder, f"holds what a build does not write ({', '.join(foreign)}), and a build replaces the folder whole",
            f"move {'it' if len(foreign) == 1 else 'them'} out of the folder, or build into another folder with --out", OutputError,
        )


def _publish(folder: Path, files: dict[str, bytes], names: Collection[str]) -> None:
    """Write ``files`` into a staging folder beside ``folder``, then put it in the folder's place in one step."""
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.build-", dir=folder.parent))
        for name, data in files.items():
            descriptor = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                os.fsync(stream.fileno())
        _check_replaceable(folder, names)  # again: something may have been put there during the build
        os.chmod(staging, stat.S_IMODE(folder.stat().st_mode) if folder.exists() else 0o777 & ~_umask())
        fsync_folder(staging)
        if folder.exists():
            old = _swap(staging, folder)
        else:
            os.rename(staging, folder)
            old = None
    except OSError as error:
        _discard(staging)
        raise path_error(folder, f"the folder cannot be written ({error.strerror}); it is left as it was",
                         _OUTPUT_FIX, OutputError) from None
    except BaseException:
        _discard(staging)
        raise
    fsync_folder(folder.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)  # if this fails, the next build removes it


def _discard(staging: Path | None) -> None:
    """Remove a staging folder, if one was made."""
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, folder: Path) -> Path:
    """Put the folder ``new`` in place of ``folder`` in one step; return where the old folder now is."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if hasattr(libc, "renameat2"):
            libc.renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
            if libc.renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(folder), _RENAME_EXCHANGE) == 0:
                return new
            code = ctypes.get_errno()
            if code not in (errno.EINVAL, errno.ENOSYS):  # EINVAL: a file system that cannot exchange
                raise OSError(code, os.strerror(code), str(folder))
    # Elsewhere (or on a file system without RENAME_EXCHANGE), two renames: between them there is for a
    # moment no folder at all (never a mix of old and new files); a build killed there leaves both
    # beside it under staging names, which the next build removes.
    old = new.with_name(new.name + "-old")
    os.rename(folder, old)
    os.rename(new, folder)
    return old


def write_files(files: dict[Path, bytes]) -> dict[Path, bytes | None]:
    """Write every file at once: each to a temporary file beside it, then all renamed over their targets.

    Returns what each path held before (None where there was no file), for :func:`restore_files`. If a
    write or a rename fails, the files already renamed are put back and the temporary files removed: the
    files are all new or all as they were. Raises :class:`OutputError` for a path that cannot be written.
    """
    originals: dict[Path, bytes | None] = {}
    for path in files:
        if path.exists() and not path.is_file():
            raise path_error(path, "is not a regular file", "move it out of the way", OutputError)
        originals[path] = path.read_bytes() if path.exists() else None
    temporaries: dict[Path, str] = {}
    renamed: list[Path] = []
    try:
        for path, data in files.items():
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            temporaries[path] = write_temporary(path, data, mode)
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
            renamed.append(path)
        for folder in {path.parent for path in files}:
            fsync_folder(folder)
    except BaseException as error:
        for temporary in temporaries.values():
            _remove(temporary)
        restore_files({path: originals[path] for path in renamed})
        if isinstance(error, OSError):
            raise path_error(Path(error.filename or "the tree"), f"cannot be written ({error.strerror}); the tree is left as it was",
                             "make the tree writable", OutputError) from None
        raise
    return originals


def restore_files(originals: dict[Path, bytes | None]) -> None:
    """Put each file back as it was: rewritten atomically, or removed where there was none."""
    for path, data in originals.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, data)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so that a rename in it survives a crash."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _umask() -> int:
    """The process's file mode creation mask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
