"""The generated pages and downloads, handed to MkDocs in memory: nothing is written into docs/.

They are added as if they were files of docs/, and get their content only after
mkdocs-static-i18n (on_files, priority -100) has rebuilt the file list for the language
being built.  MkDocs' own in-memory files (File.generated) do not survive that plugin
(1.3.1): its on_files (reconfigure.py, reconfigure_files) tests
`is_relative_to(file.abs_src_path, docs_dir)`, which raises a TypeError for a file with
content and no path, and treats a file outside docs/ as a theme file ("Unhandled file
case" for a page, an unlocalised path for the rest); for the files in docs/ it makes new
File objects from their paths (folder.py, create_i18n_file), without their content.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files, file_sort_key


def shadowed(pages: dict[str, str], docs_dir: str) -> list[str]:
    """Generated paths that a file of docs/ would stand for (left there by a build before pages stayed in memory)."""
    return sorted(path for path in pages if (Path(docs_dir) / path).exists())


def add_standins(files: Files, pages: dict[str, str], config) -> Files:
    """The files of docs/ and a stand-in for each generated one, in the order of a walk of docs/
    (the theme's search index lists the pages in this order)."""
    standins = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in pages]
    return Files(sorted([*files, *standins], key=file_sort_key))


def fill(files: Files, pages: dict[str, str]) -> None:
    """Give the i18n plugin's copies of the stand-ins their content, before any file is read."""
    for file in files:
        if file.src_uri in pages:
            # Bytes, as a file of docs/ would hold them; in memory: the setter drops its abs_src_path.
            file.content_bytes = pages[file.src_uri].encode("utf-8")
