"""The package's layout holds: each stage imports only the stages before it (ftzsite/__init__.py),
and only theme/ and the hook know MkDocs, Material and mkdocs-static-i18n."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "ftzsite"
# What each part of ftzsite may import (ftzsite/__init__.py says why).
ALLOWED = {
    "languages": set(),
    "data": {"languages"},
    "pages": {"data", "languages"},
    "theme": {"pages", "data", "languages"},
    "finish": {"theme", "pages", "data", "languages"},
    "release": {"finish", "theme", "pages", "data", "languages"},
}
GENERATOR = ("mkdocs", "material", "mkdocs_static_i18n")  # only theme/ (and the hook) may know these


def part_of(module: str) -> str:
    """'ftzsite.data.load' → 'data'."""
    return module.split(".")[1]


def imports(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = ["ftzsite", *path.relative_to(PACKAGE).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found |= {module} if node.module else {f"{module}.{alias.name}" for alias in node.names}
    return found


def modules() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py")) if path.parent != PACKAGE or path.name != "__init__.py"]


def violations() -> list[str]:
    found = []
    for path in modules():
        here = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for name in sorted(imports(path)):
            if name.startswith("ftzsite.") and part_of(name) not in ALLOWED[here] | {here}:
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if name.split(".")[0] in GENERATOR and here != "theme":
                found.append(f"{path.relative_to(PACKAGE)} imports {name}, which only theme/ may know")
    return found


def test_every_part_is_in_the_table():
    parts = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in modules()}
    assert parts == set(ALLOWED)


def test_each_stage_imports_only_the_stages_before_it():
    assert violations() == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """Control: a data module that imports pages is caught."""
    fake = tmp_path / "ftzsite"
    (fake / "data").mkdir(parents=True)
    (fake / "data" / "load.py").write_text("from ..pages.render import labels\nimport mkdocs\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert violations() == ["data/load.py imports ftzsite.pages.render", "data/load.py imports mkdocs, which only theme/ may know"]
