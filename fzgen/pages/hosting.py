"""Recommended security headers for static hosts, with a strict Content-Security-Policy.

The generated pages need nothing but their own stylesheet and images: no script
runs (JSON-LD is data, not script), nothing comes from another host.
"""

from __future__ import annotations

from urllib.parse import quote

from fzgen.messages import file_text

# connect-src 'self': no script runs (script-src falls back to 'none'), but Lighthouse
# and PageSpeed Insights fetch robots.txt from inside the page and, refused, score SEO 92.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000",
}


def headers_file() -> bytes:
    """`_headers` for Netlify, Cloudflare Pages and hosts that read the same format."""
    lines = [file_text("hosting_header"), "/*"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    lines += ["", "/*.ics", "  Content-Type: text/calendar; charset=utf-8"]
    lines += ["", "/*.atom", "  Content-Type: application/atom+xml; charset=utf-8", ""]
    return "\n".join(lines).encode()


def htaccess(error_page: str | None) -> bytes:
    """`.htaccess` for Apache (mod_headers), with the calendar type and the 404 page."""
    lines = [file_text("hosting_header"), "<IfModule mod_headers.c>"]
    lines += [f'  Header always set {name} "{value}"' for name, value in HEADERS.items()]
    lines += ["</IfModule>", "AddType text/calendar .ics", "AddType application/atom+xml .atom"]
    lines += ["AddDefaultCharset utf-8"]
    if error_page:
        # A local path (starting with /), its characters percent-encoded where they
        # are not plain: Apache would take a leading quote for a message text.
        lines.append(f"ErrorDocument 404 /{quote(error_page.lstrip('/'), safe='/-._~%')}")
    return ("\n".join(lines) + "\n").encode()
