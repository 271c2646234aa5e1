"""Stage 1: the data files, read strictly and checked, and every published version of their text.

No Jinja, no MkDocs: load.load_dataset() is the one way in, and a DataError lists every problem.
"""
