"""The only code that writes into the output folder: a staging folder, then a swap."""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath

from fzgen.errors import FzgenError

STAGING = ".fzgen-staging-"
RETIRED = ".fzgen-retired-"


class UnsafeOutputPath(FzgenError):
    """A rendered path would land outside the output folder."""


def check_relative(path: str) -> PurePosixPath:
    """A rendered file's path: relative, no `..`, no empty or hidden-dot segments."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(p in {"", ".", ".."} for p in pure.parts):
        raise UnsafeOutputPath(path)
    if "\\" in path or "\x00" in path:
        raise UnsafeOutputPath(path)
    return pure


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


def write_output(files: Mapping[str, bytes], output_dir: Path, keep: Collection[str] = ()) -> int:
    """Write `files` as the new output folder; top-level entries in `keep` carry over.

    Everything goes into a staging folder beside the output first, so a build
    that dies half way leaves the previous output as it was.
    """
    recover(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = output_dir.parent / f".{output_dir.name}{STAGING}{os.getpid()}"
    staging.mkdir()
    try:
        for name in sorted(keep):
            old = output_dir / name
            if old.is_dir() and not old.is_symlink():
                shutil.copytree(old, staging / name, copy_function=_link_or_copy)
            elif old.is_file() and not old.is_symlink():
                _link_or_copy(str(old), str(staging / name))
        for path, data in sorted(files.items()):
            target = staging.joinpath(*check_relative(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(files)


def _link_or_copy(source: str, target: str) -> None:
    # Kept files are never written to again, so a hard link is as good as a copy.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _swap(staging: Path, output_dir: Path) -> None:
    if not output_dir.exists():
        staging.rename(output_dir)
        return
    retired = output_dir.parent / f".{output_dir.name}{RETIRED}{os.getpid()}"
    output_dir.rename(retired)
    staging.rename(output_dir)
    shutil.rmtree(retired, ignore_errors=True)
