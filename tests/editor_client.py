"""A running `fzgen edit` for tests: started in a folder, spoken to over plain HTTP."""

from __future__ import annotations

import html
import http.client
import os
import re
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from test_serve import free_port

FZGEN = str(Path(sys.executable).parent / "fzgen")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Editor:
    """One editor process, its address with the token, and the cookie the token gave."""

    root: Path
    process: subprocess.Popen[str]
    url: str
    port: int
    cookie: str = field(default="")

    def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: str | None = None,
        cookie: bool = True,
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(headers or {})
        if cookie and self.cookie:
            sent.setdefault("Cookie", self.cookie)
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        answer = Answer(response.status, dict(response.getheaders()), response.read().decode())
        connection.close()
        return answer

    def get(self, path: str, **options: object) -> Answer:
        return self.request("GET", path, **options)  # type: ignore[arg-type]

    def post(self, path: str, fields: list[tuple[str, str]], origin: str | None = "own") -> Answer:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin == "own":
            origin = f"http://127.0.0.1:{self.port}"
        if origin is not None:
            headers["Origin"] = origin
        return self.request("POST", path, headers, urllib.parse.urlencode(fields))

    def submit(self, path: str, changes: dict[str, str], action: str = "save") -> Answer:
        """Fill the form at `path` as a browser would, change `changes`, press a button;
        follow the redirect after a save."""
        page = self.get(path)
        assert page.status == 200, page.body
        fields = [(name, changes.pop(name, value)) for name, value in form_fields(page.body)]
        fields += [*changes.items(), ("_action", action)]
        answer = self.post(path, fields)
        if answer.status == 302:
            answer = self.get(answer.headers["Location"])
        return answer

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def start_editor(root: Path) -> Editor:
    """`fzgen edit` in `root`, with its token's cookie taken."""
    port = free_port()
    process = subprocess.Popen(
        [FZGEN, "edit", "--port", str(port)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline and "http://" not in line:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise AssertionError(process.stderr.read() if process.stderr else "")
    match = re.search(r"http://\S+", line)
    assert match, line
    editor = Editor(root, process, match.group(0), port)
    address = urllib.parse.urlsplit(editor.url)
    answer = editor.get(f"{address.path}?{address.query}", cookie=False)
    assert answer.status == 302, answer
    editor.cookie = answer.headers["Set-Cookie"].split(";")[0]
    return editor


def form_fields(page: str) -> list[tuple[str, str]]:
    """The values a browser sends for the first editing form of `page` (no buttons)."""
    form = page[page.index('class="editor"') :]
    form = form[: form.index("</form>")]
    fields: list[tuple[str, str]] = []
    for match in re.finditer(r"<input ([^>]*)>", form):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        if attributes.get("type") == "checkbox" and " checked" not in match.group(1):
            continue
        if "name" in attributes:
            fields.append((attributes["name"], html.unescape(attributes.get("value", ""))))
    for match in re.finditer(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        # As a browser reads it: one line break right after the tag is not part of the text.
        text = match.group(2).removeprefix("\n")
        fields.append((match.group(1), html.unescape(text)))
    for match in re.finditer(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', match.group(2))
        fields.append((match.group(1), html.unescape(chosen.group(1)) if chosen else ""))
    return fields


def multipart(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]
) -> tuple[str, bytes]:
    """A multipart/form-data body as a browser sends it: its content type and bytes."""
    boundary = "fzgen-test-boundary"
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, filename, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)
