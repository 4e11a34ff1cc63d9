"""Real `fzgen build` processes: two at once into one output, killed, stopped, interrupted.

Each test runs the command on a large tree with two forked workers and checks
what a user would find: the exit code and message, the output folder, and no
process of the build still writing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import OFFER_YAML, site_tree, write_tree
from sitebuild import EPOCH, snapshot

from fzgen.output.write import Staging, read_manifest, write_output

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

FZGEN = str(Path(sys.executable).parent / "fzgen")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "FZGEN_WORKERS": "2"}
INTERRUPTED = "Abgebrochen: es wurde nichts geschrieben; die bisherige Ausgabe ist unverändert."


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three sites of 80 offers each (about 1,500 files), and their output built once."""
    root = tmp_path_factory.mktemp("large")
    for name in ("anna", "berta", "carla"):
        offers = {
            f"offers/angebot-{number:03d}.yaml": OFFER_YAML.replace(
                "Elterncafé", f"Elterncafé {number}"
            )
            for number in range(80)
        }
        tree = site_tree(offers)
        write_tree(
            root, {k.replace("content/test/", f"content/{name}/"): v for k, v in tree.items()}
        )
    subprocess.run(
        [FZGEN, "build", "--output", "reference"],
        cwd=root,
        env=ENV,
        check=True,
        capture_output=True,
    )
    return root


def fresh(project: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder with the content and a small previous output; that output's snapshot."""
    os.symlink(project / "content", tmp_path / "content")
    write_output(
        {"index.html": b"<p>vorher</p>", "anna/de/index.html": b"alt"}, tmp_path / "output"
    )
    (tmp_path / "output/CNAME").write_text("fz.example.org\n")
    return tmp_path, snapshot(tmp_path / "output")


def start(cwd: Path) -> subprocess.Popen[str]:
    """`fzgen build` in a process group of its own, with Ctrl+C at its default."""
    return subprocess.Popen(
        [FZGEN, "build"],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # A test runner started in the background may ignore SIGINT; exec keeps that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def writing_started(cwd: Path, process: subprocess.Popen[str]) -> Path:
    """The build's staging folder, once files land in it."""
    staging = cwd / f".output.fzgen-staging-{process.pid}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if staging.is_dir() and os.listdir(staging):
            return staging
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)
    raise AssertionError("the build wrote nothing within 30 s")


def group_alive(group: int) -> list[int]:
    """Processes of this process group that still run (zombies do not)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def all_gone(group: int, seconds: float = 2.0) -> list[int]:
    """Wait up to `seconds` for the group to end; what still runs then."""
    deadline = time.monotonic() + seconds
    while group_alive(group) and time.monotonic() < deadline:
        time.sleep(0.02)
    return group_alive(group)


def sizes(folder: Path) -> dict[str, int]:
    return {str(p): p.lstat().st_size for p in folder.rglob("*")} if folder.exists() else {}


def watch_output(output: Path, stop: threading.Event, seen: list[tuple[int, int]]) -> None:
    """Until `stop`: for each folder swapped in as `output`, how many files of its manifest
    it holds and lacks. A folder swapped out during the count is not counted (its removal
    would look like missing files); the next one is."""
    counted: set[int] = set()
    while not stop.is_set():
        time.sleep(0.02)
        try:
            handle = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            continue
        try:
            folder = os.fstat(handle).st_ino
            if folder in counted:
                continue
            listed = read_manifest(Path(f"/proc/self/fd/{handle}"))
            missing = 0
            for path in listed:
                try:
                    os.lstat(path, dir_fd=handle)
                except FileNotFoundError:
                    missing += 1
            with contextlib.suppress(FileNotFoundError):
                if os.stat(output).st_ino == folder:
                    counted.add(folder)
                    seen.append((len(listed), missing))
        finally:
            os.close(handle)


def leftovers(cwd: Path) -> list[str]:
    return sorted(p.name for p in cwd.iterdir() if p.name.startswith(".output."))


@pytest.fixture
def killer() -> Iterator[list[int]]:
    """Process groups to kill if a test fails half way."""
    groups: list[int] = []
    yield groups
    for group in groups:
        for pid in group_alive(group):
            os.kill(pid, signal.SIGKILL)


def race(cwd: Path, second_starts: str, killer: list[int]) -> list[tuple[str, str, int]]:
    """Two `fzgen build` into one output; what each printed, and its exit code."""
    first = start(cwd)
    killer.append(first.pid)
    if second_starts != "at once":
        writing_started(cwd, first)
    second = start(cwd)
    killer.append(second.pid)
    return [(*p.communicate(timeout=60), p.returncode) for p in (first, second)]


@pytest.mark.parametrize("second_starts", ["at once", "while the first writes"])
def test_two_builds_into_one_output(project, tmp_path, killer, second_starts):
    """Both succeed, or the second is refused with the German message (exit 2); the
    output then holds every file of its manifest and is the same as a single build."""
    cwd = tmp_path
    os.symlink(project / "content", cwd / "content")
    stop, seen = threading.Event(), []
    watcher = threading.Thread(target=watch_output, args=(cwd / "output", stop, seen))
    watcher.start()
    try:
        results = race(cwd, second_starts, killer)
    finally:
        stop.set()
        watcher.join()
    codes = sorted(code for _, _, code in results)
    assert codes in ([0, 0], [0, 2]), results
    for _, err, code in results:
        assert "Traceback" not in err
        if code == 2:
            assert "schreibt gerade ein anderer fzgen-Build" in err
            assert "Dieser Build schreibt nichts" in err
    assert seen, "no output was swapped in"
    assert all(missing == 0 for _, missing in seen), f"(files, missing) of each output: {seen}"
    output = cwd / "output"
    listed = read_manifest(output)
    assert len(listed) > 1000
    assert all((output / path).is_file() for path in listed)
    assert snapshot(output) == snapshot(project / "reference")
    assert leftovers(cwd) == []


def test_killed_build_leaves_no_worker_writing(project, tmp_path, killer):
    """SIGKILL of `fzgen build` while it writes: its workers die with it at once."""
    cwd, before = fresh(project, tmp_path)
    process = start(cwd)
    killer.append(process.pid)
    staging = writing_started(cwd, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=5)
    assert all_gone(process.pid) == []
    written = sizes(staging)
    time.sleep(0.3)
    assert sizes(staging) == written, "something still writes into the staging folder"
    assert snapshot(cwd / "output") == before
    Staging(cwd / "output").discard()  # what the next build does first
    assert leftovers(cwd) == []


def test_stopped_build_cleans_up(project, tmp_path, killer):
    """SIGTERM: the build ends its workers, removes its staging folder, ends by SIGTERM;
    the previous output is untouched."""
    cwd, before = fresh(project, tmp_path)
    process = start(cwd)
    killer.append(process.pid)
    staging = writing_started(cwd, process)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=5) == -signal.SIGTERM
    assert all_gone(process.pid) == []
    assert not staging.exists()
    assert leftovers(cwd) == []
    assert snapshot(cwd / "output") == before
    assert "Traceback" not in process.communicate()[1]


def test_ctrl_c_prints_one_line(project, tmp_path, killer):
    """Ctrl+C (SIGINT to the whole process group, as a terminal sends it): one German
    line, exit 130, no traceback from any worker, nothing left behind."""
    cwd, before = fresh(project, tmp_path)
    process = start(cwd)
    killer.append(process.pid)
    staging = writing_started(cwd, process)
    os.killpg(process.pid, signal.SIGINT)
    code = process.wait(timeout=10)
    _, err = process.communicate()
    assert code == 130, err
    assert err.strip() == INTERRUPTED
    assert "Traceback" not in err
    assert all_gone(process.pid) == []
    assert not staging.exists()
    assert leftovers(cwd) == []
    assert snapshot(cwd / "output") == before
