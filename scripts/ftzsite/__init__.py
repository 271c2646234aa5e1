"""The Tianjin FTZ 2021 reform site, in four stages and one adapter.

    data/      data/*.yaml → a checked Dataset, its versions and fingerprints   (ftz-check)
    pages/     Dataset → every page and download, in both languages, as text (pure)
    theme/     what depends on MkDocs, Material and mkdocs-static-i18n internals
    finish/    the built site → its search index, sitemap, redirects, offline copy
    release/   a site for one address → a release folder, nginx, the server     (ftz-publish, ftz-serve)

languages.py decides the languages (the default, each one's root, their names);
scripts/mkdocs_hooks.py only translates MkDocs events into calls to these packages.

What each may import (tests/test_layout.py holds the code to it):
    languages  nothing of ftzsite
    data       languages
    pages      data, languages
    theme      pages, data, languages
    finish     theme, pages, data, languages
    release    finish, theme, pages, data, languages
A move to another theme or generator rewrites theme/, overrides/ and the hook; the rest stays.
"""
