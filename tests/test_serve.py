"""`fzgen serve` as a coordinator uses it: a real server process, real requests, a file edit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import OFFER_YAML, site_tree, write_tree


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url: str, predicate, timeout: float = 20) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Poll `url` until `predicate(status, body)` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(*last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} did not reach the expected state; last answer {last[0]}: {last[1][:300]}")


def start_serve(folder: Path, temp: Path | None = None) -> tuple[str, subprocess.Popen[str]]:
    """`fzgen serve` as a real process in `folder` on a free port (temporary files in `temp`)."""
    port = free_port()
    fzgen = Path(sys.executable).parent / "fzgen"
    process = subprocess.Popen(
        [str(fzgen), "serve", "--port", str(port)],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **({"TMPDIR": str(temp)} if temp else {})},
    )
    return f"http://127.0.0.1:{port}/", process


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    write_tree(tmp_path, site_tree())
    url, process = start_serve(tmp_path)
    try:
        yield url, tmp_path, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_rebuilds_shows_errors_and_recovers(server):
    url, folder, process = server
    _, body = wait_for(url + "test/de/", lambda s, b: s == 200)
    assert "Elterncafé" in body
    assert "livereload" in body  # the browser reloads itself on changes

    offer = folder / "content/test/offers/elterncafe.yaml"
    offer.write_text(OFFER_YAML.replace("tuesday", "dienstags"), encoding="utf-8")
    _, body = wait_for(url + "test/de/", lambda s, b: s == 500)
    assert "Die Website kann gerade nicht erstellt werden" in body
    assert "test/offers/elterncafe.yaml, Zeile 7, Spalte 13" in body
    assert "„dienstags“ ist kein Wochentag." in body
    assert fetch(url + "test/de/angebote/")[0] == 500  # every page shows it

    offer.write_text(OFFER_YAML.replace("Elterncafé", "Familiencafé"), encoding="utf-8")
    _, body = wait_for(url + "test/de/angebote/", lambda s, b: s == 200 and "Familiencafé" in b)

    process.terminate()
    out, err = process.communicate(timeout=10)
    assert "Vorschau läuft: http://127.0.0.1:" in out
    assert "Fehler: test/offers/elterncafe.yaml, Zeile 7" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])  # `kill`, a closed terminal window
def test_stopped_serve_leaves_no_preview_folder_behind(tmp_path, stop):
    project, temp = tmp_path / "project", tmp_path / "temp"
    temp.mkdir()
    write_tree(project, site_tree())
    url, process = start_serve(project, temp)
    try:
        wait_for(url + "test/de/", lambda s, b: s == 200)
        (preview,) = temp.iterdir()
        assert preview.name.startswith("fzgen-preview-")
    finally:
        process.send_signal(getattr(signal, stop))
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
    assert list(temp.iterdir()) == []


def test_serve_refuses_paths_outside_the_build(server):
    url, folder, _ = server
    wait_for(url + "test/de/", lambda s, b: s == 200)
    (folder / "geheim.txt").write_text("geheim")
    for path in [
        "../geheim.txt",
        "%2e%2e/geheim.txt",
        "test/..%2f..%2fgeheim.txt",
        "..%5cgeheim.txt",
    ]:
        status, body = fetch(url + path)
        assert status == 404, path
        assert "geheim" not in body


def test_serve_stays_responsive_under_load_and_many_changes(server):
    from concurrent.futures import ThreadPoolExecutor

    url, folder, process = server
    wait_for(url + "test/de/", lambda s, b: s == 200)
    pages = [
        "test/de/",
        "test/tr/angebote/",
        "test/style.css",
        "test/de/angebote/elterncafe/kalender.ics",
    ]
    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(lambda i: fetch(url + pages[i % len(pages)])[0], range(200)))
    assert answers.count(200) == 200

    offer = folder / "content/test/offers/elterncafe.yaml"
    for number in range(1000):
        offer.write_text(OFFER_YAML.replace("Elterncafé", f"Elterncafé {number}"), encoding="utf-8")
    wait_for(url + "test/de/angebote/", lambda s, b: s == 200 and "Elterncafé 999" in b, timeout=60)
    assert fetch(url + "test/de/")[0] == 200
    assert process.poll() is None


def test_serve_without_content_folder_is_a_usage_error(tmp_path, fzgen):
    result = fzgen(tmp_path, "serve", "--port", str(free_port()))
    assert result.code == 2
    assert "existiert nicht" in result.err


def test_serve_rebuilds_only_the_site_that_changed(tmp_path):
    write_tree(tmp_path, site_tree())
    write_tree(
        tmp_path, {k.replace("content/test/", "content/zweite/"): v for k, v in site_tree().items()}
    )
    url, process = start_serve(tmp_path)
    try:
        wait_for(url + "zweite/de/", lambda s, b: s == 200)
        offer = tmp_path / "content/test/offers/elterncafe.yaml"
        offer.write_text(OFFER_YAML.replace("Elterncafé", "Familiencafé"), encoding="utf-8")
        wait_for(url + "test/de/angebote/", lambda s, b: s == 200 and "Familiencafé" in b)
        assert "Elterncafé" in fetch(url + "zweite/de/angebote/")[1]
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    counts = [
        int(line.split("(")[1].split()[0])
        for line in out.splitlines()
        if line.startswith("Vorschau aktualisiert")
    ]
    assert len(counts) >= 2
    assert counts[-1] < counts[0] / 1.5  # one site of two (and the portal), not both
