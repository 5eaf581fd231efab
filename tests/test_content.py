"""Content files are checked at start-up, and a broken one is named with its line."""

from __future__ import annotations

import pytest

from tests.guide_pages import CONTENT
from webapp import create_app
from webapp.content import ContentError, load_library


def problems(root) -> list[tuple[str, int, str]]:
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return [(path.name, line, message) for path, line, message in caught.value.problems]


def replace_line(path, old: str, new: str) -> int:
    """Replace the line that is exactly ``old``; return its 1-based number."""
    lines = path.read_text().split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines))
    return number + 1


def test_the_shipped_content_loads():
    library = load_library(CONTENT)
    assert library.topics and library.checklists and library.pages
    assert [t.order for t in library.topics] == sorted(t.order for t in library.topics)


def test_bad_yaml_in_front_matter_is_reported_with_file_and_line(content_copy):
    path = content_copy / "topics" / "outlook.md"
    line = replace_line(path, "order: 2", "order: [2")
    found = problems(content_copy)
    assert len(found) == 1
    name, reported, message = found[0]
    assert name == "outlook.md" and "invalid YAML" in message
    assert line <= reported <= line + 1  # YAML notices an unclosed list where the next line starts


def test_bad_yaml_in_a_checklist_is_reported_with_file_and_line(content_copy):
    path = content_copy / "checklists" / "coping.yaml"
    text = path.read_text().split("\n")
    line = next(i for i, t in enumerate(text) if t.strip().startswith("- id:")) + 1
    text[line - 1] = text[line - 1].replace("- id:", "- id: : :")
    path.write_text("\n".join(text))
    [(name, reported, message)] = problems(content_copy)
    assert (name, reported) == ("coping.yaml", line) and "invalid YAML" in message


def test_a_missing_id_is_reported_with_file_and_line(content_copy):
    path = content_copy / "topics" / "coping.md"
    path.write_text(path.read_text().replace("id: coping\n", ""))
    assert ("coping.md", 2, "missing 'id'") in problems(content_copy)


def test_a_duplicate_id_is_reported_at_the_second_file(content_copy):
    path = content_copy / "topics" / "exercise.md"
    line = replace_line(path, "id: exercise", "id: coping")
    [(name, reported, message)] = problems(content_copy)
    assert (name, reported) == ("exercise.md", line)
    assert "duplicate id 'coping'" in message and "coping.md:2" in message


def test_a_duplicate_checklist_item_id_is_reported_with_its_line(content_copy):
    path = content_copy / "checklists" / "questions.yaml"
    text = path.read_text().split("\n")
    ids = [i for i, t in enumerate(text) if t.strip().startswith("- id:") and text[i + 1].strip().startswith("text:")]
    first, second = ids[0], ids[1]
    text[second] = text[second].split("- id:")[0] + "- id: " + text[first].split("- id:")[1].strip()
    path.write_text("\n".join(text))
    [(name, reported, message)] = problems(content_copy)
    assert (name, reported) == ("questions.yaml", second + 1) and "duplicate item id" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("updated: 2026-11-21", "updated: soon", "'updated' must be a date"),
        ("order: 8", "order: eight", "'order' must be a whole number"),
        ("order: 8", "ordr: 8", "unknown key 'ordr'"),
        ("  clinical: null", "  clinical: yes", "'review.clinical' must be null"),
    ],
)
def test_wrong_values_are_reported_with_their_line(content_copy, old, new, expected):
    line = replace_line(content_copy / "topics" / "coping.md", old, new)
    found = problems(content_copy)
    assert any(name == "coping.md" and reported == line and expected in message for name, reported, message in found), (
        found
    )


def test_a_second_level_one_heading_is_refused(content_copy):
    path = content_copy / "topics" / "coping.md"
    lines = path.read_text().split("\n")
    end = lines.index("---", 1)
    lines.insert(end + 2, "# Another title\n")
    path.write_text("\n".join(lines))
    found = problems(content_copy)
    assert ("coping.md", end + 3, "the title is the page's only level-1 heading: use '##' here") in found


def test_the_app_does_not_start_on_broken_content(content_copy):
    path = content_copy / "topics" / "outlook.md"
    path.write_text(path.read_text().replace("id: outlook\n", ""))
    with pytest.raises(ContentError, match=r"outlook\.md:2: missing 'id'"):
        create_app({"TESTING": True, "CONTENT_DIR": content_copy})


def test_every_article_names_a_source_and_ends_in_a_link_to_care():
    library = load_library(CONTENT)
    for article in library.topics:
        assert "care team" in article.body.lower(), f"{article.path}: point back to the care team"
