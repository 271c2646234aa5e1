"""MkDocs hook: MkDocs' events translated into calls to ftzsite, and nothing else.

Before the build: check the address and the languages, patch the theme's bundle, load and
check the data, generate the pages (in memory: nothing is written into docs/).  After it:
finish the site (ftzsite/finish).  Invalid data stops the build with a clear message before
site/ is touched.  mkdocs-static-i18n runs
the build once per language; what one event leaves for a later one is in `_build`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).parent))  # ftzsite, also when not pip-installed

from ftzsite import finish, languages  # noqa: E402
from ftzsite.data.load import DATA_DIR, DataError, Dataset, load_dataset  # noqa: E402
from ftzsite.finish import offline  # noqa: E402
from ftzsite.pages.build import generate, inputs_fingerprint  # noqa: E402
from ftzsite.pages.labels import labels  # noqa: E402
from ftzsite.release.address import checked_for_build, is_placeholder, placeholder_notice  # noqa: E402
from ftzsite.theme import bundle, generated, i18n, worker_shim  # noqa: E402

log = get_plugin_logger("ftzsite")


@dataclass
class _Build:
    """What one event leaves for a later one, for a build or a `mkdocs serve` session."""
    key: str = ""                  # the inputs' fingerprint and the site URL the pages were generated from
    data: Dataset | None = None    # the dataset, which the search index is built from after the site
    pages: dict[str, str] = field(default_factory=dict)  # the generated files: path below docs/ → content
    bundle: bundle.Bundle | None = None
    noticed: set[str] = field(default_factory=set)  # addresses already announced as placeholders


_build = _Build()


def on_config(config):
    if not config.site_url:
        raise PluginError("SITE_URL is set but empty: unset it (a placeholder address is used) or give the site's address")
    try:  # the address goes into every permanent link and into attributes the theme writes unescaped
        checked_for_build(os.environ.get("SITE_URL", config.site_url))  # as given: MkDocs tidies some of it
    except ValueError as error:
        raise PluginError(f"SITE_URL {error}") from None
    try:
        i18n.check_languages(config)
        _build.bundle = bundle.patched_bundle(config.theme.dirs)
        if offline.building():
            worker_shim.add(config)
    except (i18n.LanguagesDiffer, bundle.ThemeChanged, worker_shim.MissingShim) as error:
        raise PluginError(str(error)) from None
    if is_placeholder(config.site_url) and config.site_url not in _build.noticed:  # once, though i18n configures twice
        _build.noticed.add(config.site_url)
        log.info(placeholder_notice(config.site_url))
    return config


def on_pre_build(config) -> None:
    data_dir = Path(os.environ.get("FTZ_DATA_DIR", DATA_DIR))  # tests point it at broken copies
    key = inputs_fingerprint(data_dir) + config.site_url
    if _build.key == key:
        return  # each language's build, and mkdocs serve's rebuilds: the pages are up to date
    try:
        data = load_dataset(data_dir)
    except DataError as error:
        raise PluginError("\n" + error.report()) from None
    pages = generate(config.site_url, data)
    shadowed = generated.shadowed(pages, config.docs_dir)
    if shadowed:
        raise PluginError(f"docs/ holds {len(shadowed)} file(s) generated from the data, e.g. docs/{shadowed[0]}, left by an older "
                          "build: delete them (`git status --ignored docs` lists the files not in the repository)")
    _build.key, _build.data, _build.pages = key, data, pages
    log.info(f"generated {len(pages)} page(s) from {data_dir}")


@event_priority(50)  # before every plugin's on_files: mkdocs-redirects lists the pages a redirect may lead to there
def on_files(files, config):
    return generated.add_standins(files, _build.pages, config)


@event_priority(-110)  # the first event after mkdocs-static-i18n's on_files (-100) that has its files, before any is read
def on_nav(nav, config, files):
    generated.fill(files, _build.pages)
    return nav


def _site_path(config) -> str:
    return urlsplit(config.site_url).path or "/"


def on_env(env, config, files):
    site_path = _site_path(config)
    # A language-selector link (the site path + route, or a page's route) as a route below the site root.
    env.filters["site_route"] = lambda link: link[len(site_path):] if link.startswith(site_path) else link.lstrip("/")
    env.globals.update(ftz_labels=labels(), ftz_bundle=_build.bundle.name,
                       ftz_language_folder=languages.folder, ftz_default_language=languages.DEFAULT)
    return env


def on_pre_template(template, template_name, config):
    if template_name == "404.html":  # its language selector leads to the language homes
        i18n.homes_for_404(config, _site_path(config))
    return template


def on_post_template(output, template_name, config):
    return i18n.place_404(output, config) if template_name == "404.html" else output


@event_priority(-200)  # after mkdocs-static-i18n (-100), which builds the other languages and the combined search index
def on_post_build(config) -> None:
    if i18n.building_one_language(config):
        return  # wait for the whole site
    site_dir = Path(config.site_dir)
    _build.bundle.write(site_dir)
    finish.run(site_dir, config.site_url, _build.data, config.plugins["redirects"].config["redirect_maps"])
