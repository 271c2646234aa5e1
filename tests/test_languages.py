"""languages.py decides the languages; mkdocs.yml's i18n plugin must say the same, or the build stops."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.config import load_config

from conftest import ROOT
from ftzsite.theme import i18n


def config_with(languages: list[tuple[str, str, bool]]):
    """A stand-in for MkDocs' config holding the i18n plugin's languages: (locale, name, default)."""
    declared = [SimpleNamespace(locale=locale, name=name, default=default) for locale, name, default in languages]
    return SimpleNamespace(plugins={"i18n": SimpleNamespace(config=SimpleNamespace(languages=declared))})


def test_mkdocs_yml_says_what_languages_py_says():
    i18n.check_languages(load_config(str(ROOT / "mkdocs.yml")))


@pytest.mark.parametrize("languages", [
    [("zh", "中文", False), ("en", "English", True)],                           # another default
    [("en", "English", False), ("zh", "中文", True)],                           # another order
    [("zh", "中文", True)],                                                     # a language missing
    [("zh", "中文", True), ("en", "英文", False)],                              # another name
])
def test_a_mkdocs_yml_that_differs_is_refused(languages):
    with pytest.raises(i18n.LanguagesDiffer, match="make them the same"):
        i18n.check_languages(config_with(languages))
