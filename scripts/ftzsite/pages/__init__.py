"""Stage 2: the dataset rendered into pages and downloads for both languages (pure functions).

Also what search and the list filter match (search_fields.py, search_text.py), because the
pages carry it.  No MkDocs: build.render() returns {path: text}, and the hook hands it over.
"""
