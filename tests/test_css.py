"""Theme stylesheets are published without comments: fewer bytes on a family's first visit,
every rule and string as the theme wrote it."""

from __future__ import annotations

import re

from fzgen.project import BUILTIN_ROOT
from fzgen.render.css import without_comments

THEME = """\
/* The theme: a comment for its authors. */
:root { --accent: #a3123a; }

a::after {
  content: "/* not a comment */";  /* but this is */
  content: 'it\\'s /* kept */' / "";
}
/* unclosed at the end
"""


def test_comments_go_strings_and_rules_stay():
    assert without_comments(THEME) == (
        ":root { --accent: #a3123a; }\n"
        "a::after {\n"
        'content: "/* not a comment */";\n'
        "content: 'it\\'s /* kept */' / \"\";\n"
        "}\n"
    )


def test_the_default_theme_keeps_every_rule():
    source = (BUILTIN_ROOT / "themes/default/static/style.css").read_text(encoding="utf-8")
    published = without_comments(source)
    # The default theme has no "/*" inside a string: a plain pattern finds its comments.
    rules = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    assert published.count("{") == rules.count("{") and published.count(";") == rules.count(";")
    assert "/*" not in published
    assert len(published.encode()) < 0.9 * len(source.encode())


def test_every_icon_position_shows_one_whole_cell_of_the_icon_file():
    """style.css and easy.css move a cell of icons/icons.svg into view; a position between
    cells, or a cell count that no longer matches the file, would draw halves of two icons."""
    static = BUILTIN_ROOT / "themes/default/static"
    sprite = (static / "icons/icons.svg").read_text(encoding="utf-8")
    cells = re.findall(r'<g id="([a-z]+)"(?: transform="translate\((\d+)\)")?>', sprite)
    assert [int(x or 0) for _, x in cells] == [24 * n for n in range(len(cells))]
    assert f'viewBox="0 0 {24 * len(cells)} 24"' in sprite
    wanted = {
        f"{100 * n / (len(cells) - 1):.3f}".rstrip("0").rstrip(".") + "%" for n in range(len(cells))
    }
    for name in ("style.css", "easy.css"):
        css = (static / name).read_text(encoding="utf-8")
        masks = re.findall(r"mask: url\(icons/icons\.svg\) (\S+) 0 / (\d+)% 100% no-repeat", css)
        positions = re.findall(r"--icon: ([^;]+);", css)
        assert masks, name
        for position, size in masks:
            assert int(size) == 100 * len(cells), (name, size)
            assert position == "var(--icon)" or position in wanted, (name, position)
        assert all(value in wanted for value in positions), (name, positions, wanted)
    used = re.findall(r"--icon: ([^;]+);", (static / "style.css").read_text(encoding="utf-8"))
    assert len(set(used)) == len(cells)  # no cell the pages never show
