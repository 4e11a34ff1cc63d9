"""The news of a site as an Atom 1.0 feed (RFC 4287), one per language: `de/neuigkeiten.atom`.

The XML is built with xml.etree, which escapes every text and attribute; the
items' text is the same sanitised HTML the news page shows, as `type="html"`.
Dates are the items' days at midnight in Berlin; the feed is as old as its
newest item (the build's day when none is current), so equal content gives
equal bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ElementTree
from zoneinfo import ZoneInfo

from fzgen.pages.markup import ROOT_MARKER
from fzgen.pages.news import NEWS, NEWS_FEED, NewsItemView, news_views
from fzgen.pages.views import SiteViews, language_href

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Characters XML 1.0 does not allow in a document, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BERLIN = ZoneInfo("Europe/Berlin")


def _timestamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(0), _BERLIN).isoformat()


def _add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> None:
    element = ElementTree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = _NOT_XML.sub("", text)


def news_feed(
    views: SiteViews, today: dt.date, base_url: str | None, site_name: str, site_slug: str
) -> bytes:
    """The feed of the current news in the views' language, newest first."""
    language = views.language
    feed_href = language_href(language, NEWS_FEED)
    page_href = language_href(language, f"{NEWS}/")
    # Addresses in the feed: full where the site's address is known, else from the feed.
    base = base_url or "../"
    identity = f"{base_url or 'fzgen:' + site_slug + '/'}{page_href}"
    items = news_views(views, today)
    root = ElementTree.Element("feed", {"xmlns": ATOM, XML_LANG: language})
    _add(root, "id", uuid.uuid5(uuid.NAMESPACE_URL, identity).urn)
    _add(root, "title", f"{views.cat('news.title')} – {site_name}")
    _add(root, "updated", _timestamp(dt.date.fromisoformat(items[0].iso_date) if items else today))
    _add(root, "link", rel="self", type="application/atom+xml", href=base + feed_href)
    _add(root, "link", rel="alternate", type="text/html", href=base + page_href)
    author = ElementTree.SubElement(root, "author")
    _add(author, "name", site_name)
    for item in items:
        _entry(root, item, base, identity)
    ElementTree.indent(root)
    return bytes(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _entry(root: ElementTree.Element, item: NewsItemView, base: str, identity: str) -> None:
    entry = ElementTree.SubElement(root, "entry")
    _add(entry, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"{identity}#{item.slug}").urn)
    _add(entry, "title", item.title_text)
    stamp = _timestamp(dt.date.fromisoformat(item.iso_date))
    _add(entry, "published", stamp)
    _add(entry, "updated", stamp)
    _add(entry, "link", rel="alternate", type="text/html", href=base + item.href)
    content = str(item.body).replace(ROOT_MARKER, base)
    _add(entry, "content", content, type="html")
