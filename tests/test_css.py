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
