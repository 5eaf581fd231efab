"""The build: requirements.lock pins every Python package with its hashes, a fresh setup installs from
it alone, and `make test` lints."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

from packaging.requirements import Requirement

from webapp import ROOT

PYPROJECT = (ROOT / "pyproject.toml").read_text()
LOCK = (ROOT / "requirements.lock").read_text()
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def make_dry_run(*arguments: str) -> list[str]:
    """The commands `make` would run, whatever make (if any) runs these tests."""
    environment = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(
        ["make", "--dry-run", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    ).stdout.splitlines()


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(lock: str) -> dict[str, tuple[str, list[str]]]:
    """Each package of a pip-compile lock: name → (version, hashes). Anything but `name==version --hash…` fails."""
    logical_lines = re.sub(r"\\\n", " ", re.sub(r"#.*", "", lock)).splitlines()
    entries = {}
    for line in filter(None, map(str.strip, logical_lines)):
        pin, *options = line.split()
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", pin)
        assert match, f"not an exact pin: {line!r}"
        assert all(HASH.fullmatch(option) for option in options), f"not only hashes: {line!r}"
        entries[normalized(match[1])] = (match[2], options)
    return entries


def direct_pins(pyproject: str) -> dict[str, str]:
    """pyproject.toml's dependencies and dev extra: name → the exact version it pins."""
    project = tomllib.loads(pyproject)["project"]
    pins = {}
    for line in project["dependencies"] + project["optional-dependencies"]["dev"]:
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"not an exact pin: {line!r}"
        pins[normalized(requirement.name)] = specifier.version
    return pins


def disagreements(pyproject: str, lock: str) -> list[str]:
    locked = lock_entries(lock)
    return [
        f"{name}=={version} is locked at {locked[name][0] if name in locked else 'nothing'} (run make lock)"
        for name, version in direct_pins(pyproject).items()
        if locked.get(name, (None,))[0] != version
    ]


def unhashed(lock: str) -> list[str]:
    return [name for name, (_version, hashes) in lock_entries(lock).items() if not hashes]


def test_every_direct_dependency_is_locked_at_its_pin():
    assert disagreements(PYPROJECT, LOCK) == []


def test_every_locked_package_has_a_hash():
    assert unhashed(LOCK) == []


def test_the_checks_catch_a_changed_pin_a_missing_package_and_a_missing_hash():
    first = tomllib.loads(PYPROJECT)["project"]["dependencies"][0]  # e.g. flask==3.1.3
    locked_version = first.split("==")[1]
    bumped = PYPROJECT.replace(f'"{first}"', f'"{first}.post1"')
    added = PYPROJECT.replace(f'"{first}",', f'"{first}",\n    "not-a-locked-package==1.0",')
    assert disagreements(bumped, LOCK) == [f"{first}.post1 is locked at {locked_version} (run make lock)"]
    assert disagreements(added, LOCK) == ["not-a-locked-package==1.0 is locked at nothing (run make lock)"]
    first_locked = next(iter(lock_entries(LOCK)))
    without_its_hashes = re.sub(r"^(\S+==\S+)( \\\n\s+--hash=\S+)+", r"\1", LOCK, count=1, flags=re.MULTILINE)
    assert unhashed(without_its_hashes) == [first_locked]


def test_the_lock_holds_what_installs_and_builds_the_app():
    """The Makefile installs the app with no build isolation and updates the lock with pip-compile."""
    locked = lock_entries(LOCK)
    assert {"pip", "setuptools", "pip-tools"} <= locked.keys()
    for line in tomllib.loads(PYPROJECT)["build-system"]["requires"]:
        requirement = Requirement(line)
        assert requirement.specifier.contains(locked[normalized(requirement.name)][0]), line


def test_a_fresh_setup_installs_only_from_the_lock(tmp_path):
    """Every pip install that `make setup` runs in a new venv takes the lock, hashes required, or
    installs the app alone (no dependencies, built with the locked setuptools)."""
    commands = make_dry_run(f"VENV={tmp_path / 'venv'}", "setup")
    installs = [command.split("pip install", 1)[1].split() for command in commands if "pip install" in command]
    assert len(installs) == 2, installs
    lock_install, app_install = installs
    assert "--require-hashes" in lock_install and lock_install[-2:] == ["-r", "requirements.lock"]
    assert {"--no-deps", "--no-build-isolation"} <= set(app_install) and app_install[-2:] == ["-e", "."]


def test_make_test_and_test_fast_lint_before_the_tests():
    for target in ("test", "test-fast"):
        commands = make_dry_run(target)
        lint = [i for i, command in enumerate(commands) if re.search(r"ruff (check|format --check) \.$", command)]
        tests = [i for i, command in enumerate(commands) if " -m pytest" in command]
        assert len(lint) == 2 and len(tests) == 1 and max(lint) < tests[0], (target, commands)
