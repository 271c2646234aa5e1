"""MkDocs hook: generate the pages from data/ before each build.

Thin on purpose: the work lives in ftzsite, independent of MkDocs internals.
mkdocs-static-i18n runs the build once per language; the fingerprint makes the
second run a no-op.  Invalid data stops the build with a clear message before
site/ is touched.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).parent))  # ftzsite, also when not pip-installed

from ftzsite.build import generate, inputs_fingerprint  # noqa: E402
from ftzsite.load import DATA_DIR, DataError  # noqa: E402
from ftzsite.sitemaps import write_sitemaps  # noqa: E402

log = get_plugin_logger("ftzsite")
_done: set[str] = set()


def on_pre_build(config) -> None:
    data_dir = Path(os.environ.get("FTZ_DATA_DIR", DATA_DIR))
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


def on_post_build(config) -> None:
    _add_sitemaps(config)
    _remove_unused_search_languages(config)


def _remove_unused_search_languages(config) -> None:
    # The theme ships lunr language packs for 30 languages; search here runs on
    # lunr's default (English) pipeline over text segmented by jieba at build
    # time, so the packs are never loaded.  Dropping them keeps the site small
    # and free of code that points at third-party sites.
    if config.plugins["material/search"].config.lang == ["en"]:
        shutil.rmtree(Path(config.site_dir) / "assets" / "javascripts" / "lunr", ignore_errors=True)


def _add_sitemaps(config) -> None:
    languages = config.plugins["i18n"].config.languages
    default = next(language.locale for language in languages if language.default)
    write_sitemaps(Path(config.site_dir), config.site_url, [language.locale for language in languages], default)
