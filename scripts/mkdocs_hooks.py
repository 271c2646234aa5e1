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

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).parent))  # ftzsite, also when not pip-installed

from ftzsite.build import generate, inputs_fingerprint  # noqa: E402
from ftzsite.load import DATA_DIR, DataError, load_dataset  # noqa: E402
from ftzsite.search import write_indexes  # noqa: E402
from ftzsite.sitemaps import write_sitemaps  # noqa: E402

log = get_plugin_logger("ftzsite")
_done: set[str] = set()


def _data_dir() -> Path:
    return Path(os.environ.get("FTZ_DATA_DIR", DATA_DIR))  # tests point it at broken copies


def on_pre_build(config) -> None:
    data_dir = _data_dir()
    key = inputs_fingerprint(data_dir) + config.site_url
    if key in _done:
        return
    try:
        changed = generate(Path(config.docs_dir), config.site_url, data_dir)
    except DataError as error:
        raise PluginError("\n" + error.report()) from None
    _done.add(key)
    if changed:
        log.info(f"generated {len(changed)} page(s) from {data_dir}")


@event_priority(-200)  # after mkdocs-static-i18n (-100), which builds the other languages and the combined search index
def on_post_build(config) -> None:
    if config.plugins["i18n"].building:
        return  # one language's build inside the i18n plugin's loop: wait for the whole site
    site_dir = Path(config.site_dir)
    languages = config.plugins["i18n"].config.languages
    locales = [language.locale for language in languages]
    default = next(language.locale for language in languages if language.default)
    write_sitemaps(site_dir, config.site_url, locales, default)
    write_indexes(site_dir, load_dataset(_data_dir()), locales, default)
    _remove_theme_search_worker(site_dir)


def _remove_theme_search_worker(site_dir: Path) -> None:
    # Search runs in docs/assets/javascripts/search-worker.js (see overrides/main.html);
    # the theme's lunr worker and its 30 language packs are never loaded.
    for folder in ("lunr", "workers"):
        shutil.rmtree(site_dir / "assets" / "javascripts" / folder, ignore_errors=True)
