"""The only code that writes into the output folder: a staging folder, then an atomic swap.

A manifest in the output folder lists what fzgen wrote. Everything else found
there (a CNAME file, a hand-made verification page) is someone else's and is
carried into every new output, unless the user asks for `--clean`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path, PurePosixPath

from fzgen.errors import FzgenError
from fzgen.published import CopyOf, FileData

STAGING = ".fzgen-staging-"
RETIRED = ".fzgen-retired-"
MANIFEST = ".fzgen-manifest"


class UnsafeOutputPath(FzgenError):
    """A rendered path would land outside the output folder."""


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
    """Undo what a killed build left behind: restore a retired output, drop staging folders."""
    retired = _siblings(output_dir, RETIRED)
    if retired and not output_dir.exists():
        retired[-1].rename(output_dir)
        retired = retired[:-1]
    for leftover in retired + _siblings(output_dir, STAGING):
        shutil.rmtree(leftover, ignore_errors=True)


def read_manifest(output_dir: Path) -> set[str]:
    """The files the last build wrote (relative paths)."""
    path = output_dir / MANIFEST
    if not path.is_file():
        return set()
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line}


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
        if isinstance(data, CopyOf):
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


class Staging:
    """The next output folder, written beside the current one and swapped in whole.

    Forked render workers may each write their own files into it; only the
    process that made it commits.
    """

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        recover(output_dir)
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        self.folder = output_dir.parent / f".{output_dir.name}{STAGING}{os.getpid()}"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
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
        (self.folder / MANIFEST).write_text(
            "".join(f"{p}\n" for p in sorted(manifest)), encoding="utf-8"
        )
        _swap(self.folder, self.output_dir)

    def discard(self) -> None:
        """Drop the staging folder: the current output stays as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)


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
        (output_dir / MANIFEST).write_text(
            "".join(f"{p}\n" for p in sorted(manifest)), encoding="utf-8"
        )


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
