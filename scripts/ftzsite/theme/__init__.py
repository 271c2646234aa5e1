"""Everything that depends on the internals of MkDocs, Material for MkDocs and mkdocs-static-i18n.

A move to another theme or generator (ProperDocs, Zensical) rewrites this package, overrides/
and scripts/mkdocs_hooks.py; nothing else in ftzsite imports these tools.  In here:
    bundle.py        Material's bundle without its sitemap fetcher, named by its content hash
    search_docs.py   the shape of Material's search_index.json
    i18n.py          the i18n plugin's languages (checked against languages.py) and the 404 per language
    generated.py     the generated pages handed to MkDocs in memory, past the i18n plugin
    worker_shim.py   the offline copy's search worker shim, in Material's polyfills
Elsewhere, and tied to the same versions (each says so where it is):
    overrides/                          partials forked from Material 9.8 (header, search, alternate)
    docs/assets/javascripts/search-worker.js   Material's worker message protocol (types 0–3)
    deploy/nginx/http.conf              the theme's hashed asset names (immutable caching)
    release/csp.py                      the theme's inline scripts, hashed into the CSP
    finish/offline.py                   search/search_index.js, which the theme loads on file:
    tests/test_site.py                  DORMANT_THEME_URLS, the theme's URLs the site leaves unused
    tests/search_runner.py              the theme's search box and result list
"""
