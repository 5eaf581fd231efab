"""The guide is written in its own words: no run of 8 words is shared with the seed articles.

The two source articles the project started from (``../shared/seeds/*.txt``, beside
the repository, never committed) give facts and figures, not sentences. A run of
eight or more words in common, after lower-casing and dropping punctuation, is a
copied phrase: this test names the content file and the words.

Run it on its own to see every shared run: ``python -m tests.test_own_words``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CONTENT = ROOT / "content"
RUN = 8  # words


def words(text: str) -> list[str]:
    """Lower-cased words with punctuation dropped (an apostrophe joins, a dash splits)."""
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^\w]+|_", " ", text).split()


def runs(text: str, n: int = RUN) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}


def shared_runs(seeds: Path = SEEDS, content: Path = CONTENT, n: int = RUN) -> dict[Path, list[str]]:
    """For each content file, the runs of ``n`` words it shares with any seed article."""
    seed_runs: set[str] = set()
    for seed in sorted(seeds.glob("*.txt")):
        seed_runs |= runs(seed.read_text(encoding="utf-8", errors="ignore"), n)
    found = {}
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        w = words(path.read_text(encoding="utf-8"))
        hits = [" ".join(w[i : i + n]) for i in range(len(w) - n + 1) if " ".join(w[i : i + n]) in seed_runs]
        if hits:
            found[path] = list(dict.fromkeys(hits))
    return found


def _seeds_or_skip() -> None:
    if not any(SEEDS.glob("*.txt")):
        pytest.skip(f"the seed articles are not beside the repository ({SEEDS}): nothing to compare with")


def test_no_run_of_eight_words_is_shared_with_a_seed_article():
    _seeds_or_skip()
    found = shared_runs()
    report = [f"{path.relative_to(ROOT)}: “{run}”" for path, hits in found.items() for run in hits]
    assert not report, "write these in the guide's own words:\n" + "\n".join(report)


def test_the_check_finds_a_copied_phrase(tmp_path):
    """The comparison itself works: a sentence of a seed, with other punctuation, is found."""
    _seeds_or_skip()
    seed = next(iter(sorted(SEEDS.glob("*.txt")))).read_text(encoding="utf-8")
    phrase = " ".join(words(seed)[40:52])
    (tmp_path / "page.md").write_text(f"Some words. {phrase.upper()}! More.", encoding="utf-8")
    (tmp_path / "clean.md").write_text("Nothing here comes from the articles at all.", encoding="utf-8")
    found = shared_runs(content=tmp_path)
    assert list(found) == [tmp_path / "page.md"]
    assert phrase.split()[0] in found[tmp_path / "page.md"][0]


if __name__ == "__main__":
    hits = shared_runs()
    for path, found in hits.items():
        for run in found:
            print(f"{path.relative_to(ROOT)}: {run}")
    print(f"{sum(map(len, hits.values()))} shared runs of {RUN} words in {len(hits)} files")
    sys.exit(1 if hits else 0)
