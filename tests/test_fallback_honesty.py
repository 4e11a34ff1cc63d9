"""Honest fallback (issue 20, item 4): a page says "partly in German" only when a title,
summary, description or body is German; names are no fallback; German passages stand
in a box marked with their language, the note in the reader's language before them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, site_tree, write_tree
from sitebuild import build_tree, soup

SITE = SITE_YAML.replace("languages: [de, en, tr]", "languages: [de, en, ar]")

#: Everything translated but the partner's name (and the site's name, a proper name).
TRANSLATED = """\
title: {de: Elterncafé, en: Parents' café, ar: مقهى الآباء}
summary: {de: Offener Treff für Eltern, en: An open meeting for parents, ar: لقاء مفتوح للآباء}
description:
  de: Kaffee und Gespräche.
  en: Coffee and talks.
  ar: قهوة وأحاديث.
categories: [meeting]
schedule:
  - weekly: tuesday
    time: 09:30-11:00
location: kita-sonne
"""

#: Title and summary translated; the description and the room only in German.
GERMAN_DESCRIPTION = """\
title: {de: Babymassage, en: Baby massage, ar: تدليك الرضع}
summary: {de: Sanfte Berührung, en: Gentle touch, ar: لمسة لطيفة}
description: Wir massieren die Babys mit warmem Öl.
categories: [meeting]
schedule:
  - weekly: monday
    time: 10:00-11:00
location: kita-sonne
"""

#: Everything of weight translated; only the room (a fragment in a sentence) German.
GERMAN_ROOM = TRANSLATED.replace(
    "location: kita-sonne\n", "location: kita-sonne\nroom: Turnhalle\n"
)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("honest")
    tree = site_tree(
        {
            "site.yaml": SITE,
            "offers/elterncafe.yaml": TRANSLATED,
            "offers/babymassage.yaml": GERMAN_DESCRIPTION,
            "offers/turnen.yaml": GERMAN_ROOM,
            "pages/ueber-uns.md": None,
        }
    )
    write_tree(root, tree)
    return build_tree(root / "content", root / "output") / "test"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_page_whose_only_german_is_a_name_has_no_notice(output, language):
    page = soup(output / f"{language}/angebote/elterncafe/index.html")
    assert page.select_one(".fallback-page") is None
    assert page.select(".fallback") == []
    # The partner's name is German and says so to a screen reader, unmarked otherwise.
    names = [b for b in page.select("main bdi[lang='de']") if b.get_text() == "Kita Sonne"]
    assert names and all(b.get("class") is None for b in names)
    assert names[0]["dir"] == "ltr"
    # The site's name in the header is a name too: no fallback class there either.
    assert page.select_one(".site-name [lang='de']") is not None
    assert page.select("header .site-name .fallback") == []


def test_a_german_description_makes_the_notice_and_stands_in_a_marked_box(output):
    page = soup(output / "ar/angebote/babymassage/index.html")
    notice = page.select_one("main .fallback-page")
    assert notice is not None and "العربية" in notice.get_text()
    box = page.select_one("main .fallback-box")
    note, passage = box.find_all(recursive=False)
    # First the note, in the reader's language and direction; then the German text.
    assert note.name == "p" and "fallback-note" in note["class"]
    assert note.find_parent(attrs={"lang": "de"}) is None
    assert "الألمانية" in note.get_text()
    assert passage["class"] == ["fallback"]
    assert passage["lang"] == "de" and passage["dir"] == "ltr"
    assert passage.get_text(strip=True) == "Wir massieren die Babys mit warmem Öl."
    # Title and summary are Arabic: nothing German around them.
    assert page.select("h1 [lang='de']") == []


def test_a_german_fragment_is_marked_where_it_stands_without_a_page_notice(output):
    page = soup(output / "ar/angebote/turnen/index.html")
    assert page.select_one(".fallback-page") is None
    room = [b for b in page.select("main bdi.fallback") if b.get_text() == "Turnhalle"]
    assert room, "the German room is marked"
    assert room[0]["class"] == ["fallback", "fragment"]
    assert room[0]["lang"] == "de" and room[0]["dir"] == "ltr"


def test_a_german_title_on_a_list_makes_the_notice(output):
    # The offers list shows only titles and summaries: all translated, no notice...
    arabic = soup(output / "ar/angebote/index.html")
    assert arabic.select_one(".fallback-page") is None
    # ...while the English pages of an offer without an English title are partly German.
    tree = soup(output / "en/angebote/babymassage/index.html")
    assert tree.select_one(".fallback-page") is not None


def test_the_german_page_marks_nothing(output):
    page = soup(output / "de/angebote/babymassage/index.html")
    assert page.select("main [lang='de']") == []
    assert page.select(".fallback, .fallback-box, .fallback-page") == []
