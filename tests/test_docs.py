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


def test_every_path_in_the_readme_tree_exists():
    """Each name, under the folder it is indented beneath, is there."""
    tree = README.split("## The tree")[1].split("```")[1]
    folders: list[tuple[int, object]] = []  # (indent, path) of the folders above this line
    for line in tree.splitlines():
        if not line.strip() or line.startswith(" " * 20):  # a description's second line
            continue
        indent = len(line) - len(line.lstrip())
        name = line.split()[0]
        while folders and folders[-1][0] >= indent:
            folders.pop()
        path = (folders[-1][1] if folders else ROOT) / name.rstrip("/")
        if "*" not in name:
            assert path.exists(), name
        if name.endswith("/"):
            folders.append((indent, path))


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_nothing_built_or_third_party_is_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [f for f in tracked if f.endswith((".mo", ".pyc")) or "node_modules/" in f or "vendor/" in f]
    assert not [f for f in tracked if re.search(r"htmx(\.min)?\.js$", f)]
