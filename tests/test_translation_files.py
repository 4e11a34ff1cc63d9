"""`translations import` writes the translations and leaves every other byte as it was:
comments above their fields, blank lines, indentation, quotes, BOM and line ends.
A second import of the same PO file changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import PAGE_MD, SITE_YAML, write_tree

BOM = "\ufeff"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def translated(
    tmp_path: Path, fzgen, site: str, fill: dict[str, str] | None = None, language: str = "tr"
) -> Path:
    """The site's PO file for `language`, with `fill` (key → translation) written into it,
    or with every empty entry translated as `TR <source>` (`EN …`) when `fill` is None."""
    po = tmp_path / f"{site}.{language}.po"
    result = fzgen(
        tmp_path, "translations", "export", "--site", site, "--lang", language, "--output", str(po)
    )
    assert result.code == 0, result.err
    catalog = read_po(po.open("rb"))
    for message in catalog:
        if not message.id:
            continue
        if fill is None and not message.string:
            message.string = f"{language.upper()} {message.id}"
        elif fill is not None and message.context in fill:
            message.string = fill[message.context]
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)
    return po


def imported(tmp_path: Path, fzgen, po: Path) -> str:
    result = fzgen(tmp_path, "translations", "import", str(po))
    assert result.code == 0, result.err
    return result.out


# --- the commented template of `fzgen new` ------------------------------------------


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def block_end(lines: list[str], start: int, indent: int) -> int:
    """The last line of the value that begins at `start`: the lines indented deeper than
    `indent` after it (blank lines between them included, blank lines after them not)."""
    last = start
    for index in range(start + 1, len(lines)):
        if not lines[index].strip():
            continue
        if indent_of(lines[index]) <= indent:
            break
        last = index
    return last


def before_import(text: str, source: str, language: str) -> str:
    """`text` as it was before a first import into `language`: each `language:` line
    (with its block) removed, and each `key:` + `  source: value` folded back into
    `key: value`. Independent of the import's code, so that comparing its result with
    the original file checks every byte the import should have left alone."""
    lines = text.split("\n")
    kept = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip(" ").startswith(f"{language}: "):
            index = block_end(lines, index, indent_of(line)) + 1
            continue
        kept.append(line)
        index += 1
    folded: list[str] = []
    index = 0
    while index < len(kept):
        line = kept[index]
        following = kept[index + 1] if index + 1 < len(kept) else ""
        inner = indent_of(line) + 2
        end = block_end(kept, index + 1, inner) if index + 1 < len(kept) else index
        after = kept[end + 1] if end + 1 < len(kept) else ""
        if (
            line.endswith(":")
            and indent_of(following) == inner
            and following.lstrip(" ").startswith(f"{source}: ")
            and (not after.strip() or indent_of(after) < inner)
        ):
            folded.append(line + " " + following.lstrip(" ")[len(source) + 2 :])
            folded += [k[2:] if k.strip() else k for k in kept[index + 2 : end + 1]]
            index = end + 1
            continue
        folded.append(line)
        index += 1
    return "\n".join(folded)


def test_template_keeps_every_comment_above_its_field(tmp_path, fzgen):
    assert fzgen(tmp_path, "new", "lindenhof").code == 0
    site_dir = tmp_path / "content/lindenhof"
    originals = {
        name: (site_dir / name).read_text(encoding="utf-8")
        for name in ("site.yaml", "offers/elterncafe.yaml")
    }
    po = translated(tmp_path, fzgen, "lindenhof")
    imported(tmp_path, fzgen, po)

    site = (site_dir / "site.yaml").read_text(encoding="utf-8")
    assert "\n  tr: TR " in site  # the texts were translated …
    for name, original in originals.items():
        after = (site_dir / name).read_text(encoding="utf-8")
        assert after != original
        # … and without the translations, each file is what it was, byte for byte:
        # every comment above its field, every blank line, quote and indentation.
        assert before_import(after, "de", "tr") == original, name
    offer = (site_dir / "offers/elterncafe.yaml").read_text(encoding="utf-8")
    # A text that had translations gets the new one after them, in the site's order.
    assert "title:\n  de: Elterncafé\n  en: Parents' café\n  tr: TR Elterncafé\n" in offer

    # The next language goes in beside it, and nothing else moves.
    imported(tmp_path, fzgen, translated(tmp_path, fzgen, "lindenhof", language="uk"))
    site = (site_dir / "site.yaml").read_text(encoding="utf-8")
    assert "\n  tr: TR Lindenhof\n  uk: UK Lindenhof\n" in site
    for name, original in originals.items():
        after = (site_dir / name).read_text(encoding="utf-8")
        assert before_import(before_import(after, "de", "uk"), "de", "tr") == original, name


def test_second_import_of_the_same_po_file_changes_no_byte(tmp_path, fzgen):
    assert fzgen(tmp_path, "new", "lindenhof").code == 0
    po = translated(tmp_path, fzgen, "lindenhof")
    imported(tmp_path, fzgen, po)
    first = snapshot(tmp_path / "content")
    out = imported(tmp_path, fzgen, po)
    assert snapshot(tmp_path / "content") == first
    assert out.startswith("0 ")  # nothing written


def test_import_without_new_translations_changes_no_byte(tmp_path, fzgen):
    assert fzgen(tmp_path, "new", "lindenhof").code == 0
    before = snapshot(tmp_path / "content")
    imported(tmp_path, fzgen, translated(tmp_path, fzgen, "lindenhof", {}))
    after = snapshot(tmp_path / "content")
    assert after == before


# --- BOM and Windows line ends --------------------------------------------------------

OFFER_CRLF = (
    BOM
    + "# Elterncafé – gepflegt von Erika\r\n"
    + "\r\n"
    + "# Der Name, kurz.\r\n"
    + "title: Elterncafé   # der Name bleibt kurz\r\n"
    + "\r\n"
    + "# Ein Satz für die Übersicht.\r\n"
    + 'summary: "Offener Treff: für Eltern"\r\n'
    + "# Ausführlich, mit Markdown.\r\n"
    + "description: |\r\n"
    + "  Bei Kaffee und Tee lernen Sie andere Eltern kennen.\r\n"
    + "\r\n"
    + "  - Spielecke für die Kinder\r\n"
    + "\r\n"
    + "# Themen\r\n"
    + "categories: [meeting]\r\n"
    + "schedule:\r\n"
    + "- weekly: tuesday\r\n"
    + "  time: 09:30-11:00   # vormittags\r\n"
    + "location: kita-sonne\r\n"
    + "registration:\r\n"
    + "    required: ja\r\n"
    + "    note: Bitte bis Montag   # per Telefon\r\n"
    + "room: {de: Raum 4, en: Room 4}\r\n"
)

OFFER_CRLF_TRANSLATED = (
    BOM
    + "# Elterncafé – gepflegt von Erika\r\n"
    + "\r\n"
    + "# Der Name, kurz.\r\n"
    + "title:\r\n"
    + "  de: Elterncafé   # der Name bleibt kurz\r\n"
    + "  tr: Ebeveyn Kafesi\r\n"
    + "\r\n"
    + "# Ein Satz für die Übersicht.\r\n"
    + "summary:\r\n"
    + '  de: "Offener Treff: für Eltern"\r\n'
    + '  tr: "Ebeveynler için: açık buluşma"\r\n'
    + "# Ausführlich, mit Markdown.\r\n"
    + "description:\r\n"
    + "  de: |\r\n"
    + "    Bei Kaffee und Tee lernen Sie andere Eltern kennen.\r\n"
    + "\r\n"
    + "    - Spielecke für die Kinder\r\n"
    + "  tr: |\r\n"
    + "    Çay ve kahve eşliğinde diğer ebeveynlerle tanışın.\r\n"
    + "\r\n"
    + "    - Çocuklar için oyun köşesi\r\n"
    + "\r\n"
    + "# Themen\r\n"
    + "categories: [meeting]\r\n"
    + "schedule:\r\n"
    + "- weekly: tuesday\r\n"
    + "  time: 09:30-11:00   # vormittags\r\n"
    + "location: kita-sonne\r\n"
    + "registration:\r\n"
    + "    required: ja\r\n"
    + "    note:\r\n"
    + "      de: Bitte bis Montag   # per Telefon\r\n"
    + "      tr: Lütfen pazartesiye kadar\r\n"
    + 'room: {de: Raum 4, en: Room 4, tr: "Oda 4"}\r\n'
)

TURKISH = {
    "offers/elterncafe.yaml#title": "Ebeveyn Kafesi",
    "offers/elterncafe.yaml#summary": "Ebeveynler için: açık buluşma",
    "offers/elterncafe.yaml#description": (
        "Çay ve kahve eşliğinde diğer ebeveynlerle tanışın.\n\n- Çocuklar için oyun köşesi\n"
    ),
    "offers/elterncafe.yaml#registration.note": "Lütfen pazartesiye kadar",
    "offers/elterncafe.yaml#room": "Oda 4",
}


def crlf_tree(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        {
            "content/test/site.yaml": SITE_YAML,
            "content/test/offers/elterncafe.yaml": OFFER_CRLF.encode("utf-8"),
            "content/test/pages/ueber-uns.md": PAGE_MD,
        },
    )
    return tmp_path / "content/test/offers/elterncafe.yaml"


def test_crlf_file_with_bom_gets_its_translations_and_keeps_every_other_byte(tmp_path, fzgen):
    offer = crlf_tree(tmp_path)
    po = translated(tmp_path, fzgen, "test", TURKISH)
    out = imported(tmp_path, fzgen, po)
    assert out.startswith("5 ")
    assert offer.read_bytes() == OFFER_CRLF_TRANSLATED.encode("utf-8")
    assert fzgen(tmp_path, "check").code == 0
    imported(tmp_path, fzgen, po)
    assert offer.read_bytes() == OFFER_CRLF_TRANSLATED.encode("utf-8")


def test_a_changed_translation_replaces_only_its_own_text(tmp_path, fzgen):
    offer = crlf_tree(tmp_path)
    imported(tmp_path, fzgen, translated(tmp_path, fzgen, "test", TURKISH))
    changed = {
        "offers/elterncafe.yaml#title": "Ebeveyn Kahvesi",
        "offers/elterncafe.yaml#description": "Tek satır.",
        "offers/elterncafe.yaml#registration.note": "Lütfen arayın\nveya yazın",
    }
    imported(tmp_path, fzgen, translated(tmp_path, fzgen, "test", changed))
    expected = (
        OFFER_CRLF_TRANSLATED.replace("tr: Ebeveyn Kafesi", "tr: Ebeveyn Kahvesi")
        .replace(
            "  tr: |\r\n    Çay ve kahve eşliğinde diğer ebeveynlerle tanışın.\r\n\r\n"
            "    - Çocuklar için oyun köşesi\r\n",
            "  tr: Tek satır.\r\n",
        )
        .replace(
            "      tr: Lütfen pazartesiye kadar\r\n",
            "      tr: |\r\n        Lütfen arayın\r\n        veya yazın\r\n",
        )
    )
    assert offer.read_bytes() == expected.encode("utf-8")
    assert fzgen(tmp_path, "check").code == 0


PAGE_TR_CRLF = BOM + "---\r\ntitle: Hakkımızda   # kısa\r\nmenu: 10\r\n---\r\nEski metin.\r\n"


def test_translated_page_keeps_its_front_matter_bom_and_line_ends(tmp_path, fzgen):
    crlf_tree(tmp_path)
    page = tmp_path / "content/test/pages/ueber-uns.tr.md"
    page.write_bytes(PAGE_TR_CRLF.encode("utf-8"))
    po = translated(
        tmp_path,
        fzgen,
        "test",
        {
            "pages/ueber-uns.md#title": "Biz kimiz",
            "pages/ueber-uns.md#body": "**Aileler** için buradayız.\n\nHer gün.",
        },
    )
    imported(tmp_path, fzgen, po)
    assert page.read_bytes() == (
        BOM + "---\r\ntitle: Biz kimiz   # kısa\r\nmenu: 10\r\n---\r\n"
        "**Aileler** için buradayız.\r\n\r\nHer gün.\r\n"
    ).encode("utf-8")


def test_new_page_takes_the_front_matter_of_its_source(tmp_path, fzgen):
    crlf_tree(tmp_path)
    (tmp_path / "content/test/pages/ueber-uns.md").write_text(
        "---\n# Menüplatz: kleinere Zahlen zuerst\nmenu: 10\ntitle: Über uns\n---\nWir sind da.\n",
        encoding="utf-8",
    )
    po = translated(
        tmp_path,
        fzgen,
        "test",
        {"pages/ueber-uns.md#title": "Hakkımızda", "pages/ueber-uns.md#body": "Buradayız."},
    )
    imported(tmp_path, fzgen, po)
    page = tmp_path / "content/test/pages/ueber-uns.tr.md"
    assert page.read_text(encoding="utf-8") == (
        "---\n# Menüplatz: kleinere Zahlen zuerst\nmenu: 10\ntitle: Hakkımızda\n---\nBuradayız.\n"
    )


# --- files typed the way coordinators type them ---------------------------------------

OFFER_START = (
    "categories: [meeting]\n"
    "schedule:\n"
    "  - weekly: tuesday\n"
    "    time: 09:30-11:00\n"
    "location: kita-sonne\n"
    "summary: Offener Treff\n"
)
#: (end of the offer as typed, the translation of its title, the end after the import)
TYPED = {
    "tab after the colon": (
        "title:\tElterncafé\n",
        "Ebeveyn Kafesi",
        "title:\n  de: Elterncafé\n  tr: Ebeveyn Kafesi\n",
    ),
    "value on the next line, comment on the key's": (
        "title:   # der Name\n  Elterncafé\n",
        "Ebeveyn Kafesi",
        "title:   # der Name\n  de: Elterncafé\n  tr: Ebeveyn Kafesi\n",
    ),
    "four spaces, no line end at the end of the file": (
        "title:\n    de: Elterncafé\n    en: Parents' café",
        "Ebeveyn Kafesi",
        "title:\n    de: Elterncafé\n    en: Parents' café\n    tr: Ebeveyn Kafesi",
    ),
    "text that needs quotes": (
        "title: 'Eltern''café'\n",
        "„Kafe“: #1",
        "title:\n  de: 'Eltern''café'\n  tr: \"„Kafe“: #1\"\n",
    ),
    "flow mapping": (
        "title: {de: Elterncafé, en: Café}\n",
        "Kafe, çay",
        'title: {de: Elterncafé, en: Café, tr: "Kafe, çay"}\n',
    ),
}


@pytest.mark.parametrize("case", TYPED, ids=list(TYPED))
def test_translation_goes_into_a_file_as_typed(tmp_path, fzgen, case):
    typed, translation, expected = TYPED[case]
    write_tree(
        tmp_path,
        {
            "content/test/site.yaml": SITE_YAML,
            "content/test/offers/elterncafe.yaml": OFFER_START + typed,
        },
    )
    offer = tmp_path / "content/test/offers/elterncafe.yaml"
    po = translated(tmp_path, fzgen, "test", {"offers/elterncafe.yaml#title": translation})
    assert imported(tmp_path, fzgen, po).startswith("1 ")
    assert offer.read_text(encoding="utf-8") == OFFER_START + expected
    assert fzgen(tmp_path, "check").code == 0
    imported(tmp_path, fzgen, po)
    assert offer.read_text(encoding="utf-8") == OFFER_START + expected
