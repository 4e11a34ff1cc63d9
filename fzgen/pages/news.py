"""The news of a site prepared for one language: newest first, expired ones gone.

An item is shown from its day on until its `until` (both counted against the
day the site is built for, `SOURCE_DATE_EPOCH` when set); drafts never. The
news page and the feed exist once a site has a published news item, whether or
not one is current: their addresses stay valid for bookmarks and feed readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from fzgen.content.easy import html_lang
from fzgen.content.loaded import NewsFile, SiteContent
from fzgen.pages.markup import FALLBACK_CLASS, render_markdown
from fzgen.pages.views import SiteViews

#: The news page's folder in each language, and the feed's name in the language folder.
NEWS, NEWS_FEED = "neuigkeiten", "neuigkeiten.atom"
#: The graph node of the site's news: the pages that show news use it.
NEWS_KEY = "news"
#: How many news items the home page shows.
HOME_NEWS = 3


@dataclass(frozen=True)
class NewsItemView:
    """One news item, prepared for one language."""

    #: The item's file name without language and `.md`: its anchor on the news page.
    slug: str
    #: The item on the news page, from the site folder (`de/neuigkeiten/#2027-01-10-…`).
    href: str
    #: The title, marked where it falls back to the source language.
    title: Markup
    #: The title as plain text.
    title_text: str
    #: The item's day in words, in the page's language.
    date: str
    #: The item's day as `2027-01-10` (for `<time datetime>`).
    iso_date: str
    #: The text (HTML from Markdown), with a note where it is in another language.
    body: Markup
    #: The language the title and text are written in (the source's where untranslated).
    lang: str


def has_news(site: SiteContent) -> bool:
    """Whether the site has a news page and feed: a published news item, current or not."""
    return any(not item.draft for item in site.news)


def current_news(site: SiteContent, language: str, today: dt.date) -> list[NewsFile]:
    """The items shown on `today` in `language` (the source's where untranslated), newest first."""
    source = site.languages[0]
    versions = {(item.slug, item.language): item for item in site.news}
    shown = [
        versions.get((item.slug, language), item)
        for item in site.news
        if item.language == source and item.shown_on(today)
    ]
    return sorted(shown, key=lambda item: (item.date, item.slug), reverse=True)


def news_views(views: SiteViews, today: dt.date) -> tuple[NewsItemView, ...]:
    """The current news of the views' site in their language, newest first."""
    return tuple(_view(views, item) for item in current_news(views.site, views.language, today))


def _view(views: SiteViews, item: NewsFile) -> NewsItemView:
    translated = item.language == views.language
    direction = views.cat.direction if translated else views.loc.source.direction
    if translated:
        title = Markup(f"<bdi>{escape(item.title)}</bdi>")
        body = views.loc.markdown_in(item.body, item.language, direction)
    else:
        marked = f'class="{FALLBACK_CLASS}" lang="{item.language}" dir="{direction}"'
        title = Markup(f"<bdi {marked}>{escape(item.title)}</bdi>")
        # One item of several is untranslated: the notice speaks of this text, not the page.
        body = views.loc.fallback_box(
            "fallback.block", render_markdown(item.body), item.language, direction
        )
    return NewsItemView(
        slug=item.slug,
        href=views.href(f"{NEWS}/#{item.slug}"),
        title=title,
        title_text=item.title,
        date=views.cat.date(item.date),
        iso_date=item.date.isoformat(),
        body=body,
        lang=html_lang(item.language),
    )
