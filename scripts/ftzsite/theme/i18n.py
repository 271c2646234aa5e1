"""What the site needs from mkdocs-static-i18n 1.3: its languages, the one being built, the 404 per language.

The plugin builds the site once per language, in a loop inside the first build's events;
`building` is true inside that loop.  Its language list must be languages.py's: the
build stops if mkdocs.yml says otherwise, so the two cannot drift.
"""

from __future__ import annotations

from pathlib import Path

from ..languages import DEFAULT, LANGUAGES, NAMES, folder


class LanguagesDiffer(ValueError):
    pass


def _plugin(config):
    return config.plugins["i18n"]


def check_languages(config) -> None:
    """Stop the build if mkdocs.yml's i18n languages (codes, order, default, names) are not languages.py's."""
    declared = _plugin(config).config.languages
    names = {language.locale: language.name for language in declared}
    default = next((language.locale for language in declared if language.default), None)
    if tuple(names) != LANGUAGES or default != DEFAULT or names != NAMES:
        raise LanguagesDiffer(f"mkdocs.yml's i18n languages {names} (default {default}) are not those of "
                              f"scripts/ftzsite/languages.py {NAMES} (default {DEFAULT}): make them the same")


def building_one_language(config) -> bool:
    """True inside the plugin's loop over the languages: the whole site is not built yet."""
    return _plugin(config).building


def current_language(config) -> str:
    return _plugin(config).current_language


def homes_for_404(config, site_path: str) -> None:
    """Point the 404 page's language selector at the language homes (it has no page to switch to).

    The plugin sets config.extra.alternate for each page; templates read the attribute before the item.
    """
    homes = [{**alt, "link": site_path + folder(alt["lang"])} for alt in config.extra["alternate"]]
    config.extra["alternate"] = config.extra.alternate = homes


def place_404(output: str, config) -> str:
    """Each language's 404 page in its folder: the default one is MkDocs' /404.html, another is written
    to /<lang>/404.html here, and MkDocs is handed "" for it (it skips an empty template's output)."""
    language = current_language(config)
    if language == DEFAULT:
        return output
    target = Path(config.site_dir) / folder(language) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""
