"""The Content-Security-Policy of a built site, with the hashes of its inline scripts.

The theme writes a few small inline scripts into every page; one of them
varies with the page's depth (`__md_scope=new URL("../..",location)`).  Rather
than copy hashes by hand, they are read from the built HTML: every inline
script that runs (JSON data blocks do not) is allowed by its SHA-256, and
nothing else inline is.  Styles need no 'unsafe-inline': the pages have no
style attributes or elements, and the theme sets styles through the CSSOM.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
DATA_TYPE = re.compile(r"""\stype=["']?application/(ld\+)?json""", re.I)


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts that a browser runs (no src, not a JSON data block)."""
    return [m["body"] for m in SCRIPT.finditer(html)
            if not re.search(r"\ssrc=", m["attrs"], re.I) and not DATA_TYPE.search(m["attrs"])]


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def script_hashes(site_dir: Path, skip: set[str] = frozenset()) -> list[str]:
    """Sorted hashes of every inline script of the site's pages (`skip`: site paths, e.g. redirect pages)."""
    hashes = set()
    for page in site_dir.rglob("*.html"):
        path = page.relative_to(site_dir).as_posix()
        if path.removesuffix("index.html") not in skip:
            hashes.update(script_hash(body) for body in inline_scripts(page.read_text(encoding="utf-8")))
    return sorted(hashes)


def policy(hashes: list[str]) -> str:
    """Same-origin everything, the listed inline scripts, no plugins, no framing, no <base>."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # the theme's icons are SVG data URLs in its CSS
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


# Directives a <meta http-equiv> cannot carry (CSP Level 3): browsers ignore them there.
_HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def meta_policy(hashes: list[str]) -> str:
    """The policy for a <meta http-equiv="Content-Security-Policy">, for hosts that send no headers.

    It lacks frame-ancestors: only a header can forbid framing (README, Publish)."""
    return "; ".join(d for d in policy(hashes).split("; ") if not d.startswith(_HEADER_ONLY))
