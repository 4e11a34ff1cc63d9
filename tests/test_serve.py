"""`fzgen serve` as a coordinator uses it: a real server process, real requests, a file edit."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


def request(url: str, path: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    """One GET of `path` exactly as written (nothing normalised, no redirect followed),
    to the server at `url`, with `host` as the Host header where given."""
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=5)
    try:
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def start_serve(
    folder: Path, temp: Path | None = None, host: str = "127.0.0.1"
) -> tuple[str, subprocess.Popen[str]]:
    """`fzgen serve` as a real process in `folder` on a free port (temporary files in `temp`)."""
    port = free_port()
    fzgen = Path(sys.executable).parent / "fzgen"
    process = subprocess.Popen(
        [str(fzgen), "serve", "--port", str(port), "--host", host],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **({"TMPDIR": str(temp)} if temp else {})},
    )
    return f"http://{host}:{port}/", process


@contextmanager
def serving(folder: Path, host: str = "127.0.0.1") -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """A running `fzgen serve` in `folder`, ready to answer; ended afterwards."""
    url, process = start_serve(folder, host=host)
    try:
        wait_for(url + "test/de/", lambda s, b: s == 200)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=10)


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
    offer.write_text(OFFER_YAML.replace("tuesday", "zwiebeltag"), encoding="utf-8")
    _, body = wait_for(url + "test/de/", lambda s, b: s == 500)
    assert "Die Website kann gerade nicht erstellt werden" in body
    assert "test/offers/elterncafe.yaml, Zeile 7, Spalte 13" in body
    assert "„zwiebeltag“ ist kein Wochentag." in body
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
        "%252e%252e/geheim.txt",
        "test/%252e%252e/%252e%252e/geheim.txt",
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


def test_serve_answers_very_long_paths_with_404_not_a_traceback(server):
    url, _, process = server
    wait_for(url + "test/de/", lambda s, b: s == 200)
    for path in [
        "a" * 5000,  # one name longer than a file system allows
        "a/" * 3000,  # a whole path longer than one
        "test/de/" + "x" * 300 + ".html",
        "test/de/%C3",  # no UTF-8
    ]:
        status, body = fetch(url + path)
        assert status == 404, path[:40]
        assert "Nicht gefunden." in body
    assert fetch(url + "test/de/")[0] == 200
    process.terminate()
    _, err = process.communicate(timeout=10)
    assert "Traceback" not in err


def test_serve_decodes_request_paths_exactly_once(tmp_path):
    files = {
        "files/100%41.txt": "wörtlich",  # a real „%“ in a file name
        "files/100A.txt": "zweimal entschlüsselt",
        "files/März.txt": "Umlaut",
    }
    write_tree(tmp_path, site_tree(dict(files)))
    with serving(tmp_path) as (url, _):
        assert fetch(url + "test/files/100%2541.txt") == (200, "wörtlich")
        assert fetch(url + "test/files/M%C3%A4rz.txt") == (200, "Umlaut")
        assert fetch(url + "test/de/%2561ngebote/")[0] == 404  # not „angebote“
        assert fetch(url + "test/de/angebote/")[0] == 200


def test_serve_redirects_folders_only_to_its_own_paths(server):
    url, _, _ = server
    wait_for(url + "test/de/", lambda s, b: s == 200)
    for path, location in [
        ("/test", "/test/"),
        ("//test", "/test/"),  # not „//test/“, which a browser reads as the host „test“
        ("///test//de", "/test/de/"),
        ("/%2F%2Ftest", "/test/"),
        ("/test/de/angebote/elterncafe", "/test/de/angebote/elterncafe/"),
    ]:
        status, headers, _ = request(url, path)
        assert (status, headers["Location"]) == (301, location), path
    for path in ["/%5Ctest", "/%5C%5Ctest", "/\\test"]:
        status, headers, _ = request(url, path)
        assert status == 404 and "Location" not in headers, path


@pytest.mark.parametrize(
    ("port", "language", "message"),
    [
        ("99999", "de", "Ein Port ist eine Zahl von 1 bis 65535, nicht „99999“."),
        ("65536", "de", "Ein Port ist eine Zahl von 1 bis 65535, nicht „65536“."),
        ("0", "en", "A port is a number from 1 to 65535, not “0”."),
    ],
)
def test_serve_refuses_a_port_outside_the_range(tmp_path, port, language, message):
    write_tree(tmp_path, site_tree())
    fzgen = Path(sys.executable).parent / "fzgen"
    process = subprocess.Popen(
        [str(fzgen), "serve", "--port", port, "--lang", language],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 2
    assert message in err
    assert out == ""  # nothing built, nothing announced


@pytest.mark.skipif(sys.platform != "linux", reason="127.0.0.2 is a loopback address on Linux")
def test_serve_answers_only_requests_addressed_to_itself(tmp_path):
    write_tree(tmp_path, site_tree())
    with serving(tmp_path, host="127.0.0.2") as (url, process):
        port = urllib.parse.urlsplit(url).port
        for host in [f"127.0.0.2:{port}", "127.0.0.2", f"localhost:{port}", "LOCALHOST"]:
            status, _, body = request(url, "/test/de/", host)
            assert status == 200 and "Elterncafé" in body, host
        for host in ["127.0.0.1", f"[::1]:{port}"]:
            assert request(url, "/test/de/", host)[0] == 200, host
        refusal = f"Diese Vorschau antwortet nur unter ihrer eigenen Adresse: {url}\n"
        for host in [
            f"evil.example:{port}",  # a foreign name pointed at this machine (DNS rebinding)
            "evil.example",
            f"127.0.0.2.evil.example:{port}",
            "localhost.evil.example",
            "a:b",
        ]:
            for path in ["/test/de/", "/test/style.css", "/livereload.js", "/gibtsnicht"]:
                status, headers, body = request(url, path, host)
                assert (status, body) == (403, refusal), (host, path)
                assert headers["Content-Type"] == "text/plain; charset=utf-8"
        process.terminate()
        out, err = process.communicate(timeout=10)
    assert f"Vorschau läuft: {url} – im Browser öffnen." in out
    assert "Traceback" not in err


def test_error_page_shows_file_names_with_invisible_characters_made_visible(tmp_path):
    from fzgen.commands.serve import Preview
    from fzgen.errors import Diagnostic
    from fzgen.project import find_project

    write_tree(tmp_path, site_tree())
    preview = Preview(find_project(tmp_path / "content", tmp_path / "output"), lambda _: None)
    try:
        name = "test/offers/eltern\u202ecafe.yaml"
        page = preview.render_errors([Diagnostic(name, "file_empty", 1, 1)]).decode()
    finally:
        preview.close()
    assert "\u202e" not in page
    assert "eltern\\u202ecafe.yaml" in page


def test_a_second_serve_on_a_busy_port_says_so_before_it_builds(tmp_path):
    """A wrong call (exit 2): the port is the caller's choice, and another one is named."""
    # Errors in the content: a build would list them; nothing is built, so none shows.
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": "title: [\n"}))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        fzgen = Path(sys.executable).parent / "fzgen"
        done = subprocess.run(
            [str(fzgen), "serve", "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"Port {port} ist schon belegt: vermutlich läuft bereits eine Vorschau, etwa in einem"
        " anderen Fenster (beenden Sie sie dort mit Strg+C), oder ein anderes Programm nutzt ihn."
        f" Wählen Sie sonst einen anderen Port mit --port, z. B. fzgen serve --port {port + 1}.\n"
    )


def _reload_handshake(url: str, origin: str) -> int:
    """The status of a WebSocket handshake with the reload socket from a page of `origin`."""
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=5)
    try:
        connection.request(
            "GET",
            "/livereload",
            headers={
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Origin": origin,
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_the_previews_own_pages_may_listen_for_reloads(tmp_path):
    # Another web page open in the same browser could learn which files are saved.
    write_tree(tmp_path, site_tree())
    with serving(tmp_path) as (url, _):
        assert _reload_handshake(url, url.rstrip("/")) == 101
        for origin in ["https://evil.example", "http://127.0.0.1.evil.example", "null"]:
            assert _reload_handshake(url, origin) == 403, origin
