"""BENCHMARKS.md is written by two commands, each owning one section of it."""

from __future__ import annotations

import sys

from webapp import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from loadtest import replace_section  # noqa: E402

HEAD = "# Benchmarks\n\nIntro.\n\n"


def test_a_new_section_is_added_after_the_others(tmp_path):
    bench = tmp_path / "BENCHMARKS.md"
    bench.write_text(HEAD + "## Load test\n\nold load\n")
    replace_section("## Bench", "## Bench\n\nnew bench\n", bench)
    assert bench.read_text() == HEAD + "## Load test\n\nold load\n\n## Bench\n\nnew bench\n"


def test_a_section_is_replaced_in_place_and_keeps_the_blank_line_before_the_next(tmp_path):
    bench = tmp_path / "BENCHMARKS.md"
    bench.write_text(HEAD + "## Load test\n\nold load\n\n## Bench\n\nold bench\n")
    replace_section("## Load test", "## Load test\n\nnew load\n| a | b |", bench)
    replace_section("## Bench", "## Bench\n\nnew bench\n\n\n", bench)
    assert bench.read_text() == HEAD + "## Load test\n\nnew load\n| a | b |\n\n## Bench\n\nnew bench\n"


def test_the_file_is_started_when_missing(tmp_path):
    bench = tmp_path / "BENCHMARKS.md"
    replace_section("## Bench", "## Bench\n\nfirst\n", bench)
    assert bench.read_text().startswith("# Benchmarks\n")
    assert bench.read_text().endswith("\n\n## Bench\n\nfirst\n")


def test_a_section_after_one_without_its_blank_line_gets_one(tmp_path):
    bench = tmp_path / "BENCHMARKS.md"
    bench.write_text(HEAD + "## Load test\n\nold load\n## Bench\n\nold bench\n")
    replace_section("## Bench", "## Bench\n\nnew bench\n", bench)
    assert bench.read_text() == HEAD + "## Load test\n\nold load\n\n## Bench\n\nnew bench\n"
