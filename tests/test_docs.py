"""The docs say what the project does."""

from __future__ import annotations

import re
import subprocess

from webapp import ROOT

README = (ROOT / "README.md").read_text()


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))


def test_every_make_command_in_the_docs_exists():
    docs = README + (ROOT / "content" / "README.md").read_text()
    shown = set(re.findall(r"\bmake ([a-z][a-z-]*)", docs))
    assert {"run", "test"} <= shown
    assert shown <= make_targets(), shown - make_targets()


def readme_tree() -> set:
    """Every path the README's tree names, each under the folder it is indented beneath."""
    tree = README.split("## The tree")[1].split("```")[1]
    named = set()
    folders: list[tuple[int, object]] = []  # (indent, path) of the folders above this line
    for line in tree.splitlines():
        if not line.strip() or line.startswith(" " * 20):  # a description's second line
            continue
        indent = len(line) - len(line.lstrip())
        name = line.split()[0]
        while folders and folders[-1][0] >= indent:
            folders.pop()
        path = (folders[-1][1] if folders else ROOT) / name.rstrip("/")
        named.add(path)
        named.update(parent for parent in path.parents if ROOT in parent.parents)
        if name.endswith("/"):
            folders.append((indent, path))
    return named


def test_every_path_in_the_readme_tree_exists():
    missing = [str(path.relative_to(ROOT)) for path in readme_tree() if "*" not in path.name and not path.exists()]
    assert not missing, f"the README's tree names what is not there: {missing}"


def test_the_readme_tree_shows_every_part_of_the_app_and_every_top_level_folder():
    """A contributor tells from the tree where a change belongs: every file and folder at
    the top of the repository, and every module and package of the app and its rooms, is in it."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    top_folders = {ROOT / f.split("/")[0] for f in tracked if "/" in f and not f.startswith(".")}
    top_files = {ROOT / f for f in tracked if "/" not in f and not f.startswith(".")}
    app_parts = {
        ROOT / "/".join(f.split("/")[:3])
        for f in tracked
        if f.startswith("webapp/") and f.endswith(".py") and f.count("/") <= 2 and not f.endswith("/__init__.py")
    } | {ROOT / "/".join(f.split("/")[:2]) for f in tracked if f.startswith("webapp/") and f.count("/") >= 2}
    named = readme_tree()
    unnamed = sorted(str(path.relative_to(ROOT)) for path in top_folders | top_files | app_parts if path not in named)
    assert not unnamed, f"add these to the README's tree: {unnamed}"


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_nothing_built_or_third_party_is_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [f for f in tracked if f.endswith((".mo", ".pyc")) or "node_modules/" in f or "vendor/" in f]
    assert not [f for f in tracked if re.search(r"htmx(\.min)?\.js$", f)]
