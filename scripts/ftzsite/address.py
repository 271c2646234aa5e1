"""The site's public address: the placeholder used for local builds, and checks on a real one."""

from __future__ import annotations

from urllib.parse import urlsplit

# RFC 2606 reserves these names for examples: nobody can own them, so a link to them never misleads.
RESERVED = ("example.org", "example.com", "example.net")
RESERVED_SUFFIXES = (".example", ".test", ".invalid")


def is_placeholder(url: str) -> bool:
    """True for an address under a reserved example domain (a build not meant for publishing)."""
    host = (urlsplit(url).hostname or "").lower()
    return host in RESERVED or host.endswith(tuple("." + name for name in RESERVED) + RESERVED_SUFFIXES)


def placeholder_notice(url: str) -> str:
    return (f"Permanent links, citations, QR codes, canonical and hreflang URLs use the placeholder address {url}: "
            "to publish, set SITE_URL or run ftz-publish --site-url URL.")


def checked(url: str) -> str:
    """A publishable address with a trailing slash, or ValueError saying what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) address, e.g. https://owner.github.io/repo/")
    if parts.query or parts.fragment:
        raise ValueError(f"{url!r}: the site address cannot have a query or a fragment")
    if is_placeholder(url):
        raise ValueError(f"{url!r} is a reserved example address: give the address the site will be published at")
    return url if url.endswith("/") else url + "/"
