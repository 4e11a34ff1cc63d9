"""Contact details and addresses as coordinators type them: e-mail, phone, postal code, web
addresses, references to the site's files."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote, urlsplit

from email_validator import EmailNotValidError, validate_email

from fzgen.content.fields import fail


@cache
def check_email(value: str) -> str:
    """An e-mail address that could be delivered to (syntax only, no DNS)."""
    try:
        validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise fail("email", value=value) from None
    return value.strip()


_PHONE_CHARS = re.compile(r"[0-9 +\-/().]+")


def check_phone(value: str) -> str:
    """Any human phone format with at least five digits."""
    if not _PHONE_CHARS.fullmatch(value.strip()) or sum(c.isdigit() for c in value) < 5:
        raise fail("phone", value=value)
    return value.strip()


def check_postal_code(value: str) -> str:
    """A German postal code: five digits, leading zeros kept."""
    if not re.fullmatch(r"[0-9]{5}", value.strip()):
        raise fail("postal_code", value=value)
    return value.strip()


#: What an address may hold (RFC 3986, less the quote `'`): no blank, control
#: character, quote, angle bracket or backslash can reach a page or a file from it.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
_HOST = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def check_url(value: str) -> str:
    """An absolute http(s) address of plain characters; umlauts in the host are written
    as xn-- (IDNA), in the rest percent-encoded."""
    url = _ascii_url(value.strip())
    if url is None or not _URL_CHARACTERS.fullmatch(url):
        raise fail("url_characters", value=value)
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or not _HOST.fullmatch(parts.hostname)
        or parts.username is not None
        or port == -1
        or port == 0
    ):
        raise fail("url", value=value)
    return url


def _ascii_url(url: str) -> str | None:
    """The address with non-ASCII letters encoded as a browser would; None if it holds a
    character no address may (blank, control character, quote, angle bracket, backslash)."""
    if url.isascii():
        return url
    if any(not c.isprintable() or c.isspace() for c in url):
        return None
    parts = urlsplit(url)
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        return None
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    safe = "/:@!$&()*+,;=%-._~?#[]"
    rest = quote(parts.path, safe=safe)
    query = f"?{quote(parts.query, safe=safe)}" if parts.query else ""
    fragment = f"#{quote(parts.fragment, safe=safe)}" if parts.fragment else ""
    return f"{parts.scheme}://{netloc}{rest}{query}{fragment}"


def check_base_url(value: str) -> str:
    """The address of the finished site: an http(s) address without `?query` or `#part`."""
    url = check_url(value)
    parts = urlsplit(url)
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise fail("base_url_query", value=value)
    return url


def check_file_reference(value: str) -> str:
    """A path below the site's `files/` folder, written with forward slashes."""
    path = value.strip()
    segments = path.split("/")
    if segments[0] != "files" or len(segments) < 2 or any(s in {"", ".", ".."} for s in segments):
        raise fail("file_reference", value=value)
    return path


#: What a browser shows as an image in the header, at any size or in a fixed one.
LOGO_SUFFIXES = (".svg", ".png", ".webp", ".jpg", ".jpeg")


def check_logo(value: str) -> str:
    """A reference to an image under `files/` that a browser shows as the site's logo."""
    path = check_file_reference(value)
    if not path.lower().endswith(LOGO_SUFFIXES):
        raise fail("logo_kind", value=value)
    return path


#: What fzgen makes sizes of for the home page: photos and pictures, no drawings (SVG).
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def check_photo(value: str) -> str:
    """A reference to a JPEG, PNG or WebP picture under `files/` (the site's photo)."""
    path = check_file_reference(value)
    if not path.lower().endswith(PHOTO_SUFFIXES):
        raise fail("photo_kind", value=value)
    return path
