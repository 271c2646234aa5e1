"""The nginx configuration that depends on a release: CSP and redirects (deploy/nginx/ has the rest).

`write_generated(site_dir, folder)` writes the two includes that
deploy/nginx/site.conf expects in ftz/generated/: ftz-publish writes them
beside the release (DIR/nginx/), ftz-serve into its own temporary folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import csp

from ..finish import redirects

DEPLOY = Path(__file__).resolve().parents[3] / "deploy" / "nginx"


def csp_conf(site_dir: Path, redirect_pages: dict[str, str]) -> str:
    hashes = csp.script_hashes(site_dir, skip=set(redirect_pages))
    return ("# Generated from the built site (ftzsite.csp): the hashes are those of the theme's inline scripts.\n"
            f'add_header Content-Security-Policy "{csp.policy(hashes)}" always;\n')


def _literal(url: str) -> str:
    """A URL as an nginx string holds it literally: no variable ($), no end of string (\", \\), no space."""
    return re.sub(r'[$"\\\s{};]', lambda m: "%{:02X}".format(ord(m.group())), url)


def _keep_query(target: str) -> str:
    # The reader's query goes with them (an old filtered list keeps its filter), before any fragment.
    path, hash_, fragment = _literal(target).partition("#")
    return f"{path}$is_args$args{hash_}{fragment}"


def redirects_conf(redirect_pages: dict[str, str]) -> str:
    lines = ["# Generated from the built site's redirect pages (`redirects` in mkdocs.yml): a real 301 for each, keeping the query.\n"]
    for path, target in redirect_pages.items():
        for old in (f"/{path}", f"/{path}index.html"):
            lines.append(f'location = "{_literal(old)}" {{ return 301 "{_keep_query(target)}"; }}\n')
    return "".join(lines)


def write_generated(site_dir: Path, folder: Path) -> None:
    pages = redirects.redirect_pages(site_dir)  # the redirect pages are not the site's: no CSP hashes for them
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "csp.conf").write_text(csp_conf(site_dir, pages), encoding="utf-8")
    (folder / "redirects.conf").write_text(redirects_conf(pages), encoding="utf-8")
