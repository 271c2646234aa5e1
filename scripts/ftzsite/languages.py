"""The site's languages: which there are, which is the default, where each lives, what each is called.

The one place that decides it.  The default language lives at the site root and every other
under its code (/en/); mkdocs.yml's i18n plugin must list the same languages, and
theme/i18n.py stops the build when it does not.  The interface's words are in pages/labels.yaml.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")  # in the order pages list them
DEFAULT = "zh"            # the language of the original text, at the site root
NAMES = {"zh": "中文", "en": "English"}  # each language in its own words (the language selector)


def folder(lang: str) -> str:
    """A language's folder below the site root: '' for the default, 'en/' for English."""
    return "" if lang == DEFAULT else f"{lang}/"


def root_path(lang: str) -> str:
    """A language's home as a path: '/' or '/en/'."""
    return "/" + folder(lang)


def split_path(path: str) -> tuple[str, str]:
    """A path below the site root ('en/reforms/' or 'reforms/') as (language, path below its root)."""
    head, _, rest = path.partition("/")
    if head in LANGUAGES and head != DEFAULT:
        return head, rest
    return DEFAULT, path
