"""The only code that writes into the output folder: a staging folder, then an atomic swap.

A manifest in the output folder lists what fzgen wrote. Everything else found
there (a CNAME file, a hand-made verification page) is someone else's and is
carried into every new output, unless the user asks for `--clean`.

One build at a time writes into an output folder: a lock file beside it is
held from before a killed build's leftovers are cleared until after the swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import sys
import time
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path, PurePosixPath

from fzgen.errors import FzgenError, UsageError
from fzgen.render.css import published_css
from fzgen.render.published import CopyOf, FileData, StylesheetOf

STAGING = ".fzgen-staging-"
RETIRED = ".fzgen-retired-"
LOCK = ".fzgen-lock"
MANIFEST = ".fzgen-manifest"
#: How long a build waits for another one's lock before it refuses: long enough
#: for the workers of a build killed a moment ago to die, or a build to finish
#: its swap; a build still rendering is not waited for.
LOCK_GRACE_SECONDS = 2.0


class UnsafeOutputPath(FzgenError):
    """A rendered path would land outside the output folder."""


class IncompleteOutput(FzgenError):
    """Files the manifest lists are missing from the new output; it was not swapped in."""


def check_relative(path: str) -> PurePosixPath:
    """A rendered file's path: relative, no `..`, no empty or `.` segments, no tricks."""
    _check(path)
    return PurePosixPath(path)


def _check(path: str) -> None:
    # On plain strings: this runs once for every file of a build.
    if not path or path[0] == "/" or "\\" in path or "\x00" in path or path == MANIFEST:
        raise UnsafeOutputPath(path)
    if any(part in _BAD_PARTS for part in path.split("/")):
        raise UnsafeOutputPath(path)


_BAD_PARTS = frozenset({"", ".", ".."})


def _siblings(output_dir: Path, marker: str) -> list[Path]:
    parent = output_dir.parent
    if not parent.is_dir():
        return []
    prefix = f".{output_dir.name}{marker}"
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefix))


def recover(output_dir: Path) -> None:
    """Undo what a killed build left behind: restore a retired output, drop staging folders.

    Called with the output's lock held (see `Staging`), so no other build is
    writing; a staging folder whose process still lives (a build that took no
    lock) is left alone all the same.
    """
    retired = _siblings(output_dir, RETIRED)
    if retired and not output_dir.exists():
        retired[-1].rename(output_dir)
        retired = retired[:-1]
    staging = [s for s in _siblings(output_dir, STAGING) if not _alive(s.name.rpartition("-")[2])]
    for leftover in retired + staging:
        shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: str) -> bool:
    """Whether another process with this id runs (a staging folder's name ends in its id)."""
    if not pid.isdigit() or int(pid) == os.getpid() or sys.platform == "win32":
        return False  # Windows has no signal 0: os.kill would end the process
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def read_manifest(output_dir: Path) -> set[str]:
    """The files the last build wrote (relative paths).

    The manifest is a JSON list, so that any name fits, a line break included.
    Older versions wrote one path per line; such a manifest is read as that
    once and replaced by the next build. One that cannot be read counts as
    empty: every file found is then kept as someone else's, nothing is deleted.
    """
    try:
        text = (output_dir / MANIFEST).read_bytes().decode("utf-8", "surrogateescape")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return set()
    if not text.startswith("["):
        return {line for line in text.split("\n") if line}
    try:
        paths = json.loads(text)
    except ValueError:
        return set()
    return {p for p in paths if isinstance(p, str) and p} if isinstance(paths, list) else set()


def _write_manifest(folder: Path, paths: Collection[str]) -> None:
    """The manifest: a JSON list, a path a line (escaped: no name can break a line)."""
    text = json.dumps(sorted(paths), separators=(",\n", ":"))
    (folder / MANIFEST).write_bytes(text.encode("ascii") + b"\n")


def _missing(folder: Path, paths: Collection[str]) -> list[str]:
    """The paths that are not below `folder` (as a file or a link).

    One lstat a file (2 to 4 µs): quicker than listing the folders, as most
    pages have a folder of their own.
    """
    base = os.fspath(folder)
    return sorted(path for path in paths if not os.path.lexists(f"{base}/{path}"))


def _existing(output_dir: Path) -> Iterator[str]:
    """Every file and link below the output folder, as relative paths; links are not followed."""
    if not output_dir.is_dir():
        return
    for folder, directories, names in os.walk(output_dir):
        base = Path(folder)
        for name in names + [d for d in directories if (base / d).is_symlink()]:
            yield (base / name).relative_to(output_dir).as_posix()


def write_files(
    root: Path,
    files: Mapping[str, FileData],
    folders: set[str] | None = None,
    in_place: bool = False,
) -> None:
    """Write rendered files below `root`, creating folders once each (`folders` remembers them).

    Plain os calls: creating a file is the slowest step of a large build, and
    Python's buffered open() adds three system calls per file (fstat, ioctl, lseek).
    `in_place` overwrites existing files and then cuts them to length: truncating
    first frees their blocks and costs ten times more on a file system mounted
    with discard.
    """
    folders = set() if folders is None else folders
    base = os.fspath(root)
    flags = os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC | (0 if in_place else os.O_TRUNC)
    for path, data in sorted(files.items()):
        _check(path)
        target = f"{base}/{path}"
        parent = target.rpartition("/")[0]
        if parent not in folders:
            _make_folder(parent, folders)
        if isinstance(data, StylesheetOf):
            data = published_css(data.source)
        elif isinstance(data, CopyOf):
            # In chunks, in the kernel where it can (copy_file_range / sendfile).
            shutil.copyfile(data.source, target, follow_symlinks=False)
            continue
        handle = os.open(target, flags, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            if in_place:
                os.ftruncate(handle, len(data))
        finally:
            os.close(handle)


def _make_folder(folder: str, known: set[str]) -> None:
    """Create `folder` (and what is missing above it); `known` holds folders that exist.

    Files come in sorted order, so the folder above is nearly always known: one
    mkdir, where os.makedirs would first stat every level.
    """
    if folder.rpartition("/")[0] in known:
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder)
        known.add(folder)
        return
    os.makedirs(folder, exist_ok=True)
    while folder and folder not in known:
        known.add(folder)
        folder = folder.rpartition("/")[0]


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: int) -> None:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLOCK):
                raise BlockingIOError(*error.args) from None
            raise

else:
    import fcntl

    def _try_lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _lock_output(output_dir: Path) -> int:
    """Take the output's lock (a file beside it); refuse when another build holds it.

    Forked workers inherit the lock with the open file, so it stays held while
    any of them may still write into the staging folder.
    """
    path = os.fspath(output_dir.parent / f".{output_dir.name}{LOCK}")
    deadline = time.monotonic() + LOCK_GRACE_SECONDS
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            _try_lock(handle)
        except BlockingIOError:
            os.close(handle)
            if time.monotonic() > deadline:
                raise UsageError("output_busy", path=str(output_dir)) from None
            time.sleep(0.05)
            continue
        except OSError as error:
            if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                return handle  # a file system without locks: build as before
            os.close(handle)
            raise
        # The build before may have removed the file as it let go (see
        # `_unlock_output`): only a lock on the file still there counts.
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        held = os.fstat(handle)
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            return handle
        os.close(handle)


def _unlock_output(output_dir: Path, handle: int) -> None:
    """Remove the lock file, then let go of it: no lock file stays beside the output."""
    path = output_dir.parent / f".{output_dir.name}{LOCK}"
    try:
        path.unlink(missing_ok=True)
    except OSError:  # Windows removes no file that is open
        os.close(handle)
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return
    os.close(handle)


class Staging:
    """The next output folder, written beside the current one and swapped in whole.

    Forked render workers may each write their own files into it; only the
    process that made it commits. From its making until the swap or `discard`,
    it holds the output's lock: a second build into the same folder is refused
    (UsageError "output_busy") instead of clearing this one's staging folder.
    """

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        self._lock: int | None = _lock_output(output_dir)
        self.folder = output_dir.parent / f".{output_dir.name}{STAGING}{os.getpid()}"
        try:
            recover(output_dir)
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir()
        except BaseException:
            self.discard()
            raise
        self._folders: set[str] = {os.fspath(self.folder)}

    def write(self, files: Mapping[str, FileData]) -> list[str]:
        """Write rendered files into the staging folder; their paths, for the manifest."""
        write_files(self.folder, files, self._folders)
        return list(files)

    def commit(self, written: Collection[str], keep: Collection[str], clean: bool) -> None:
        """Carry over what must stay, write the manifest, swap the folder in."""
        ours = read_manifest(self.output_dir)
        manifest = set(written)
        for path in _existing(self.output_dir):
            if path == MANIFEST or path in manifest:
                continue
            mine = path in ours
            if (mine and path.split("/", 1)[0] in keep) or (not mine and not clean):
                _carry(self.output_dir / path, self.folder / path)
                if mine:
                    manifest.add(path)
        _write_manifest(self.folder, manifest)
        # Once per build, before the swap: an output that lacks a file of its
        # manifest is never swapped in or reported as built.
        missing = _missing(self.folder, manifest)
        if missing:
            raise IncompleteOutput(
                f"{len(missing)} of {len(manifest)} files are missing in the new output "
                f"(first: {missing[0]!r}); it was not swapped in"
            )
        _swap(self.folder, self.output_dir)
        self._unlock()

    def discard(self) -> None:
        """Drop the staging folder: the current output stays as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            _unlock_output(self.output_dir, self._lock)
            self._lock = None


def write_output(
    files: Mapping[str, FileData],
    output_dir: Path,
    keep: Collection[str] = (),
    clean: bool = False,
) -> int:
    """Write `files` as the new output folder and swap it in.

    Files fzgen wrote before under a top-level folder in `keep` (the sites not
    rebuilt with --site) carry over, and so does everything fzgen did not write,
    unless `clean`. A build that dies half way leaves the previous output as it was.
    """
    staging = Staging(output_dir)
    try:
        staging.commit(staging.write(files), keep, clean)
    except BaseException:
        staging.discard()
        raise
    return len(files)


def update_output(
    output_dir: Path, files: Mapping[str, FileData], removed: Collection[str]
) -> None:
    """Replace some files of a built folder in place (the preview's incremental rebuild).

    Files are overwritten where they are: the preview answers requests on the
    thread that rebuilds, so no request sees a file half written, and a rename
    per file would cost more than the rendering. Removed files go, and so do
    folders they leave empty; the manifest follows.
    """
    write_files(output_dir, files, in_place=True)
    for path in sorted(removed):
        target = output_dir.joinpath(*check_relative(path).parts)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != output_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    before = read_manifest(output_dir)
    manifest = (before | set(files)) - set(removed)
    if manifest != before:
        _write_manifest(output_dir, manifest)


def _carry(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return
    # Carried files are never written to again, so a hard link is as good as a copy.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)


def _swap(staging: Path, output_dir: Path) -> None:
    if not output_dir.exists():
        staging.rename(output_dir)
        return
    if _exchange(staging, output_dir):
        # The staging path now holds the previous output.
        shutil.rmtree(staging, ignore_errors=True)
        return
    # Without an atomic exchange, a killed build may leave the output retired
    # for a moment; recover() at the start of the next build puts it back.
    retired = output_dir.parent / f".{output_dir.name}{RETIRED}{os.getpid()}"
    output_dir.rename(retired)
    staging.rename(output_dir)
    shutil.rmtree(retired, ignore_errors=True)
