"""Writing what the CLI produces: never over an input, whole or not at all, readable by others.

Every file is written to a temporary name beside its target and renamed over it, so a
reader (or a crash) never sees half a file. The temporary file is created with mode 0666
and the process umask applied, as ``open()`` would, and an existing file keeps its mode:
a web server running as another user can still read a re-rendered page (``mkstemp``
made every file 0600). A folder of renderings is built whole in a staging folder beside
its target and swapped in at the end (:class:`StagedFolder`), so a failure or a ``kill -9``
leaves the previous folder as it was. Every operating-system failure (a read-only folder,
a full disk, a path too long, a file where a folder is needed) becomes one
:class:`~tailor.errors.OutputError` naming the path.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError

__all__ = [
    "MARKER",
    "StagedFolder",
    "check_collisions",
    "refuse_inputs",
    "shown_path",
    "write_file",
]

#: The file that marks a folder as written by ``tailor render DIR -o OUT``: only such a
#: folder (or an empty one) is replaced by a later run, never a folder of other files.
MARKER = ".tailor-render"
_SHOWN_CHARS = 120


def shown_path(path: str | Path) -> str:
    """A path as an error message quotes it: a 5,000-character path is cut in the middle."""
    text = str(path)
    if len(text) <= _SHOWN_CHARS:
        return text
    half = _SHOWN_CHARS // 2
    return f"{text[:half]}...{text[-half:]} ({len(text):,} characters)"


def _failure(action: str, path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    if exc.errno == errno.ENOTDIR or (
        exc.errno == errno.EEXIST and _exists(path) and not _is_dir(path)
    ):
        reason = "a file is in the way where a folder is needed"
    return OutputError(f"cannot {action}: {reason}", path=shown_path(path))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a loop of links: not a folder we can use
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.absolute() == b.absolute()


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
    except (ValueError, OSError):
        return False
    return True


def refuse_inputs(target: Path, inputs: Iterable[Path], *, folder: bool = False) -> None:
    """Refuse a target that is an input, or (for a folder) holds or lies inside one.

    ``tailor render a.yaml -o a.yaml`` would replace the article with its rendering; a
    folder target swapped in whole would delete every input inside it.
    """
    for source in inputs:
        if _same_file(target, source):
            raise OutputError(
                f"is also an input ({shown_path(source)}); tailor never writes over its input",
                path=shown_path(target),
            )
        if folder and (_inside(source, target) or (_inside(target, source) and _is_dir(source))):
            raise OutputError(
                f"overlaps the input {shown_path(source)}; write into a folder outside it",
                path=shown_path(target),
            )


def check_collisions(targets: Iterable[tuple[Path, str]]) -> None:
    """Refuse two outputs with one path (case-insensitively) and a file where another
    output needs a folder. ``targets`` pairs each output path with what it renders, for
    the message ("a.yaml ... and a.json ... would both be written here")."""
    seen: dict[str, tuple[Path, str]] = {}
    for path, what in targets:
        key = os.path.normcase(str(path)).casefold()
        if key in seen:
            raise OutputError(
                f"{seen[key][1]} and {what} would both be written here; rename one of them",
                path=shown_path(path),
            )
        seen[key] = (path, what)
    folders = {
        os.path.normcase(str(p)).casefold() for path, _ in seen.values() for p in path.parents
    }
    for key, (path, what) in seen.items():
        if key in folders:
            raise OutputError(
                f"{what} would be written here, where another output needs a folder",
                path=shown_path(path),
            )


def _make_dirs(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise _failure("create the folder", folder, exc) from None
    except OSError as exc:
        raise _failure("create the folder", folder, exc) from None


def write_file(path: Path, content: str, *, inputs: Iterable[Path] = ()) -> None:
    """Write ``content`` (with a final newline) to ``path``, whole or not at all.

    A new file gets the umask's permissions; an existing one keeps its mode. ``inputs``
    are files the target must not be.
    """
    refuse_inputs(path, inputs)
    if _is_dir(path):
        raise OutputError("is a folder, not a file", path=shown_path(path))
    _make_dirs(path.parent)
    data = content if content.endswith("\n") else content + "\n"
    tmp = path.parent / f".{path.name[:80]}.{secrets.token_hex(4)}.tmp"
    try:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise _failure("write", path, exc) from None
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            raise _failure("write", path, exc) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                if mode is not None:
                    os.fchmod(handle.fileno(), mode)
                handle.write(data)
            tmp.replace(path)
        except OSError as exc:
            raise _failure("write", path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False if the
    platform cannot, so the caller falls back to two renames."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(
        at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), ctypes.c_uint(rename_exchange)
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


class StagedFolder:
    """A folder written whole or not at all: files go to a staging folder beside ``out``,
    which replaces ``out`` only when :meth:`commit` is called.

    ``out`` may be missing, empty, or a folder an earlier run wrote (it holds
    :data:`MARKER`); anything else is refused, since replacing it would delete files
    tailor did not write. The staging folder is named ``.<out>.tailor-partial-<random>``:
    a run killed before committing leaves ``out`` untouched and that folder as the sign.
    """

    def __init__(self, out: Path, *, inputs: Iterable[Path] = ()) -> None:
        self.out = out
        refuse_inputs(out, inputs, folder=True)
        if out.is_symlink() or (_exists(out) and not _is_dir(out)):
            raise OutputError(
                "is a file, not a folder; name a new or earlier output folder",
                path=shown_path(out),
            )
        if _is_dir(out):
            try:
                entries = [e.name for e in os.scandir(out)]
            except OSError as exc:
                raise _failure("read the folder", out, exc) from None
            if entries and MARKER not in entries:
                raise OutputError(
                    "is a folder tailor did not write (it has files and no "
                    f"{MARKER}); tailor replaces only its own output, so name a new folder",
                    path=shown_path(out),
                )
        parent = out.parent
        _make_dirs(parent)
        self.stage = parent / f".{out.name[:80]}.tailor-partial-{secrets.token_hex(4)}"
        try:
            self.stage.mkdir(mode=0o777)  # the umask applies, as for any new folder
            if _is_dir(out):
                self.stage.chmod(stat.S_IMODE(out.stat().st_mode))
        except OSError as exc:
            raise _failure("create a staging folder beside", out, exc) from None
        self._done = False

    def path(self, relative: Path) -> Path:
        """Where the file ``relative`` (to ``out``) is staged."""
        return self.stage / relative

    def write(self, relative: Path, content: str) -> None:
        """Stage ``relative``; a failure names the file in ``out``, not the staging name."""
        try:
            write_file(self.stage / relative, content)
        except OutputError as exc:
            raise OutputError(exc.message, path=shown_path(self.out / relative)) from None

    def commit(self) -> None:
        """Swap the staged folder in for ``out``; the previous ``out`` is removed."""
        write_file(self.stage / MARKER, "Written by tailor render; replaced whole by the next run.")
        try:
            if not _exists(self.out):
                self.stage.rename(self.out)
                self._done = True
                return
            if _exchange(self.stage, self.out):
                self._done = True  # the old folder is now at self.stage
                shutil.rmtree(self.stage, ignore_errors=True)
                return
            old = self.out.parent / f".{self.out.name[:80]}.tailor-old-{secrets.token_hex(4)}"
            self.out.rename(old)
            self.stage.rename(self.out)
            self._done = True
            shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            raise _failure("replace the folder", self.out, exc) from None

    def discard(self) -> None:
        if not self._done:
            shutil.rmtree(self.stage, ignore_errors=True)

    def __enter__(self) -> StagedFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()
