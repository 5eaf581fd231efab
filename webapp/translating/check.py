"""``flask translations check``: every problem of a catalog, with its file and line.

What a translation must keep is :mod:`webapp.i18n.rules`, the rule the app applies
when it loads catalogs; GNU msgfmt, the compiler every gettext tool trusts, has the
last word on the file's syntax.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from ..i18n.catalogs import entry_problems, is_translated
from ..i18n.rules import NO_EMERGENCY, Emergency


def check_catalog(po: Path, domain: str, emergency: Emergency = NO_EMERGENCY) -> list[tuple[Path, int, str]]:
    """Every problem of one .po file, as (file, line, message).

    ``emergency``: the language's rule for emergency numbers (webapp.guide.emergency).
    """
    try:
        with po.open("rb") as f:
            catalog = read_po(f, abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", 0)
        return [(po, line, f"cannot be read: {error}")]
    problems: list[tuple[Path, int, str]] = []
    for message in catalog:
        if is_translated(message):
            problems += [
                (po, message.lineno, problem)
                for problem in entry_problems(message, domain, catalog.num_plurals, emergency)
            ]
    problems += _msgfmt_problems(po)
    return problems


def _msgfmt_problems(po: Path) -> list[tuple[Path, int, str]]:
    """What GNU msgfmt (the compiler every gettext tool trusts) rejects."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [(po, 0, "msgfmt is missing: install GNU gettext to check catalogs")]
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = re.match(rf"^{re.escape(str(po))}:(\d+): (.*)$", line)
        if "warning:" in line:
            continue
        if match:
            problems.append((po, int(match.group(1)), f"msgfmt: {match.group(2)}"))
        elif line.strip() and "fatal error" not in line and "found " not in line:
            problems.append((po, 0, f"msgfmt: {line.strip()}"))
    return problems or [(po, 0, f"msgfmt rejects the file: {result.stderr.strip()}")]
