"""MkDocs hook: generate the pages from data/ before the build; finish the site after it.

Thin on purpose: the work lives in ftzsite, independent of MkDocs internals.
mkdocs-static-i18n runs the build once per language; the fingerprint makes the
second generation a no-op.  Invalid data stops the build with a clear message
before site/ is touched.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).parent))  # ftzsite, also when not pip-installed

from ftzsite import offline, redirects, theme  # noqa: E402
from ftzsite.address import checked_for_build, is_placeholder, placeholder_notice  # noqa: E402
from ftzsite.build import generate, inputs_fingerprint  # noqa: E402
from ftzsite.load import DATA_DIR, DataError, load_dataset  # noqa: E402
from ftzsite.pages import labels  # noqa: E402
from ftzsite.search import write_indexes  # noqa: E402
from ftzsite.sitemaps import write_sitemap  # noqa: E402

log = get_plugin_logger("ftzsite")
# What the pages were last generated from: "key", the inputs' fingerprint and the site URL, and
# "data", the dataset, which the search index is built from after the site.
_generated: dict = {}
_bundle: dict[str, str] = {}  # the theme's bundle name → the patched bundle's name and code
_noticed: set[str] = set()


def on_config(config):
    if not config.site_url:
        raise PluginError("SITE_URL is set but empty: unset it (a placeholder address is used) or give the site's address")
    try:  # the address goes into every permanent link and into attributes the theme writes unescaped
        checked_for_build(os.environ.get("SITE_URL", config.site_url))  # as given: MkDocs tidies some of it
    except ValueError as error:
        raise PluginError(f"SITE_URL {error}") from None
    if is_placeholder(config.site_url) and config.site_url not in _noticed:  # once, though i18n configures twice
        _noticed.add(config.site_url)
        log.info(placeholder_notice(config.site_url))
    try:
        old, new, code = theme.patched_bundle(config.theme.dirs)
    except theme.ThemeChanged as error:
        raise PluginError(str(error)) from None
    _bundle.update(old=old, new=new, code=code)
    if offline.building():
        try:
            offline.configure(config)
        except offline.MissingShim as error:
            raise PluginError(str(error)) from None
    return config


def _data_dir() -> Path:
    return Path(os.environ.get("FTZ_DATA_DIR", DATA_DIR))  # tests point it at broken copies


def on_pre_build(config) -> None:
    data_dir = _data_dir()
    key = inputs_fingerprint(data_dir) + config.site_url
    if _generated.get("key") == key:
        return  # each language's build, and mkdocs serve's rebuilds: the pages are up to date
    try:
        data = load_dataset(data_dir)
    except DataError as error:
        raise PluginError("\n" + error.report()) from None
    changed = generate(Path(config.docs_dir), config.site_url, data)
    _generated.update(key=key, data=data)
    if changed:
        log.info(f"generated {len(changed)} page(s) from {data_dir}")


def _site_path(config) -> str:
    return urlsplit(config.site_url).path or "/"


def on_env(env, config, files):
    site_path = _site_path(config)
    # A language-selector link (the site path + route, or a page's route) as a route below the site root.
    env.filters["site_route"] = lambda link: link[len(site_path):] if link.startswith(site_path) else link.lstrip("/")
    env.globals["ftz_labels"] = labels()
    return env


def _languages(config) -> tuple[list[str], str]:
    languages = config.plugins["i18n"].config.languages
    return [language.locale for language in languages], next(language.locale for language in languages if language.default)


def on_pre_template(template, template_name, config):
    if template_name == "404.html":  # its language selector leads to the language homes
        _, default = _languages(config)
        site_path = _site_path(config)
        homes = [{**alt, "link": site_path + ("" if alt["lang"] == default else f"{alt['lang']}/")} for alt in config.extra["alternate"]]
        # The i18n plugin sets the attribute for each page, which templates read before the item.
        config.extra["alternate"] = config.extra.alternate = homes
    return template


def on_post_template(output, template_name, config):
    """One 404 page per language: the other languages' builds write theirs in their folder."""
    _, default = _languages(config)
    language = config.plugins["i18n"].current_language
    if template_name != "404.html" or language == default:
        return output.replace(_bundle["old"], _bundle["new"])
    target = Path(config.site_dir) / language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output.replace(_bundle["old"], _bundle["new"]), encoding="utf-8")
    return ""  # MkDocs skips an empty template instead of overwriting /404.html


def on_post_page(output, page, config):
    return output.replace(_bundle["old"], _bundle["new"])


@event_priority(-200)  # after mkdocs-static-i18n (-100), which builds the other languages and the combined search index
def on_post_build(config) -> None:
    if config.plugins["i18n"].building:
        return  # one language's build inside the i18n plugin's loop: wait for the whole site
    site_dir = Path(config.site_dir)
    locales, default = _languages(config)
    redirects.place_pages(site_dir, config.plugins["redirects"].config["redirect_maps"], default)
    write_sitemap(site_dir, config.site_url, locales, default, skip=set(redirects.redirect_pages(site_dir)))
    write_indexes(site_dir, _generated["data"], locales, default)
    _remove_theme_search_worker(site_dir)
    _write_bundle(site_dir)
    if offline.building():
        offline.finish(site_dir, locales, default)


def _remove_theme_search_worker(site_dir: Path) -> None:
    # Search runs in docs/assets/javascripts/search-worker.js and search-engine.js (see overrides/main.html);
    # the theme's lunr worker and its 30 language packs are never loaded.
    for folder in ("lunr", "workers"):
        shutil.rmtree(site_dir / "assets" / "javascripts" / folder, ignore_errors=True)


def _write_bundle(site_dir: Path) -> None:
    # The theme's bundle without its sitemap fetcher (ftzsite/theme.py); its source map stays beside it.
    folder = site_dir / "assets" / "javascripts"
    (folder / _bundle["new"]).write_text(_bundle["code"], encoding="utf-8")
    (folder / _bundle["old"]).unlink(missing_ok=True)
