"""The site's public address: the placeholder used for local builds, and checks on a real one.

The address goes into every permanent link, citation, QR code, canonical and
hreflang URL and the sitemap, and into HTML attributes (some written by the
theme, unescaped). So a publishable address is exactly `https://HOST/PATH/`:
a public DNS name, a path of plain URL characters ending in `/`, and nothing
else — no credentials, port, query or fragment (even an empty `?` or `#`
would cut every URL built from it), no whitespace or quotes.

A build for a preview on this machine (`ftz-publish --preview`, the tests, a
plain `mkdocs build` with SITE_URL) may instead use http(s) on a loopback host
with a port; nothing else is accepted there either.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# RFC 2606 reserves these names for examples: nobody can own them, so a link to them never misleads.
RESERVED = ("example.org", "example.com", "example.net")
RESERVED_SUFFIXES = (".example", ".test", ".invalid")
# Names that never lead to a public site: this machine, the local network (RFC 6761, 6762, 8375, 9476).
LOCAL_NAMES = ("localhost",)
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan", ".alt", ".onion")

# A DNS name of letters, digits and hyphens (an internationalised name in its xn-- form), two labels at least.
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})+$")
# A path of unreserved characters and percent-escapes, ending in a slash: nothing that needs escaping in HTML.
_PATH = re.compile(r"^/(?:(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+/)*$")
EXAMPLE = "e.g. https://owner.github.io/repo/"


def is_placeholder(url: str) -> bool:
    """True for an address under a reserved example domain (a build not meant for publishing)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host in RESERVED or host.endswith(tuple("." + name for name in RESERVED) + RESERVED_SUFFIXES)


def placeholder_notice(url: str) -> str:
    return (f"Permanent links, citations, QR codes, canonical and hreflang URLs use the placeholder address {url}: "
            "to publish, set SITE_URL or run ftz-publish --site-url URL.")


def _quoted(url: str) -> str:
    # The address as the message shows it: quoted and cut, since it may hold anything.
    return repr(url if len(url) <= 80 else url[:77] + "...")


def _ip(host: str):
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def checked(url: str, preview: bool = False, placeholder: bool = False) -> str:
    """A publishable address with a trailing slash, or ValueError saying what is wrong.

    preview: accept only an http(s) address on this machine (loopback, any port) instead;
    placeholder: accept a reserved example address too (a build not meant for publishing)."""
    shown = _quoted(url)
    if not url.isascii() or not url.isprintable() or any(c in url for c in " \"'<>\\`{}|^"):
        raise ValueError(f"{shown}: the address must be plain URL characters (no spaces, quotes or other characters "
                         f"that need escaping; an internationalised name in its xn-- form), {EXAMPLE}")
    if "?" in url or "#" in url:
        raise ValueError(f"{shown}: the site address cannot have a query or a fragment (not even an empty ? or #)")
    parts = urlsplit(url)
    if parts.scheme.lower() not in (("http", "https") if preview else ("https",)) or not parts.netloc:
        raise ValueError(f"{shown} is not an https:// address, {EXAMPLE}")
    if "@" in parts.netloc:
        raise ValueError(f"{shown}: the address cannot carry a user name or password")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    if not _PATH.match(path):
        raise ValueError(f"{shown}: the path must be folders of letters, digits, '.', '_', '~', '-' or %-escapes")
    try:
        host, port = (parts.hostname or ""), parts.port
    except ValueError:
        raise ValueError(f"{shown}: the port is not a number") from None
    if preview:
        ip = _ip(host)
        if not (host == "localhost" or (ip and ip.is_loopback)):
            raise ValueError(f"{shown}: a preview address must be on this machine, e.g. http://127.0.0.1:8000/")
        netloc = f"[{host}]" if ":" in host else host
        return f"{parts.scheme.lower()}://{netloc}{f':{port}' if port else ''}{path}"
    if port is not None:
        raise ValueError(f"{shown}: the address cannot name a port")
    if host.endswith("."):
        raise ValueError(f"{shown}: write the host without its trailing dot")
    ip = _ip(host)
    if ip is not None:
        if not ip.is_global:
            raise ValueError(f"{shown}: {_quoted(host)} is a loopback, private or reserved address, not a public one")
    elif host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES):
        raise ValueError(f"{shown}: {_quoted(host)} names this machine or a local network, not a public site")
    elif not _HOST.match(host):
        raise ValueError(f"{shown}: {_quoted(host)} is not a public DNS name (letters, digits and hyphens, with a dot)")
    if is_placeholder(url) and not placeholder:
        raise ValueError(f"{shown} is a reserved example address: give the address the site will be published at")
    return f"https://{host}{path}"


def checked_for_build(url: str) -> str:
    """SITE_URL of a plain build: a publishable address, a reserved placeholder or a preview one."""
    try:
        return checked(url, placeholder=True)
    except ValueError as error:
        try:
            return checked(url, preview=True)
        except ValueError:
            raise error from None
