"""One change to the theme's script bundle: no sitemap.xml is fetched beside each hreflang URL.

Material's language-selector code fetches a `sitemap.xml` beside every
`<link rel="alternate">` of a page, to rewrite the selector's links.  Our
hreflang URLs are absolute (search engines require it), so on any other address
(a preview, a mirror, a copy on disk) those are requests to another host, which
fail.  The selector's links are already relative links to the same page in the
other language (overrides/partials/alternate.html), so the build removes the
one call that starts that code, and names the bundle after its new content so
that a cached copy is never stale.  If the theme's bundle changes shape, the
build stops and says so (test_site.py checks the result).

The pages load the patched bundle by its name (ftz_bundle, in overrides/main.html's
scripts block); write() puts it in the built site in place of the theme's, and removes
the theme's lunr search workers, which the site's own search (search-worker.js) replaces.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

BUNDLE = re.compile(r"^bundle\.[0-9a-f]{8}\.min\.js$")
# The function that reads link[rel=alternate] and fetches sitemaps, and its one call.
FETCHER = re.compile(r'function (\w+)\(\{document\$:\w+\}\)\{let \w+=new Map;\w+\.pipe\(\w+\(\(\)=>\w+\("link\[rel=alternate\]"\)\)')


class ThemeChanged(RuntimeError):
    pass


def find_bundle(theme_dirs: list[str]) -> Path:
    """The theme's bundle in the first theme folder that has one."""
    for folder in theme_dirs:
        found = [p for p in (Path(folder) / "assets" / "javascripts").glob("bundle.*.min.js") if BUNDLE.match(p.name)]
        if found:
            return found[0]
    raise ThemeChanged("no assets/javascripts/bundle.<hash>.min.js in the theme")


def patch(code: str) -> str:
    """The bundle without the call that starts the sitemap fetcher (same length, so the source map stays right)."""
    match = FETCHER.search(code)
    if not match:
        raise ThemeChanged("the theme's language-selector code changed: update scripts/ftzsite/theme/bundle.py")
    call = f"{match.group(1)}({{document$:"
    calls = [m.start() for m in re.finditer(re.escape(call) + r"\w+\}\);", code)]
    if len(calls) != 1:
        raise ThemeChanged(f"expected one call of {match.group(1)}() in the theme's bundle, found {len(calls)}")
    end = code.index(");", calls[0]) + 2
    return code[:calls[0]] + " " * (end - calls[0]) + code[end:]


@dataclass(frozen=True)
class Bundle:
    theme_name: str  # the theme's bundle, e.g. bundle.a5f9d56c.min.js
    name: str        # the patched bundle, named after its content
    code: str

    def write(self, site_dir: Path) -> None:
        """Put the patched bundle in the built site in place of the theme's (its source map stays beside it)."""
        folder = site_dir / "assets" / "javascripts"
        (folder / self.name).write_text(self.code, encoding="utf-8")
        (folder / self.theme_name).unlink(missing_ok=True)
        for unused in ("lunr", "workers"):  # the theme's search worker and its 30 language packs
            shutil.rmtree(folder / unused, ignore_errors=True)


def patched_bundle(theme_dirs: list[str]) -> Bundle:
    """The theme's bundle, patched and named after its new content."""
    bundle = find_bundle(theme_dirs)
    code = patch(bundle.read_text(encoding="utf-8"))
    return Bundle(bundle.name, f"bundle.{hashlib.sha256(code.encode()).hexdigest()[:8]}.min.js", code)
