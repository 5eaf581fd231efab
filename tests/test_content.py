"""Content files are checked at start-up, and a broken one is named with its line."""

from __future__ import annotations

import datetime

import pytest

from tests.guide_pages import CONTENT, LIBRARY
from webapp import create_app
from webapp.guide.check import main
from webapp.guide.content import ContentError, load_library


def problems(root) -> list[tuple[str, int, str]]:
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return [(path.name, line, message) for path, line, message in caught.value.problems]


def replace_line(path, old: str, new: str) -> int:
    """Replace the first line that starts with ``old``; return its 1-based number."""
    lines = path.read_text().split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[number] = new
    path.write_text("\n".join(lines))
    return number + 1


def test_the_shipped_content_loads():
    library = load_library(CONTENT)
    assert library.topics and library.checklists and library.pages
    assert [t.order for t in library.topics] == sorted(t.order for t in library.topics)


def test_bad_yaml_in_front_matter_is_reported_with_file_and_line(content_copy):
    path = content_copy / "topics" / "outlook.md"
    line = replace_line(path, "order:", "order: [2")
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
        ("updated:", "updated: soon", "'updated' must be a date"),
        ("order:", "order: eight", "'order' must be a whole number"),
        ("order:", "ordr: 8", "unknown key 'ordr'"),
        ("redirect_from:", "review: {clinical: {reviewer: Me, date: 2026-12-01}}", "flask content review PAGE"),
        ("    url:", "    url: http://example.org/plain", "needs a 'url' that starts with https://"),
        ("    url:", "    link: https://example.org/", "unknown source key(s) link"),
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


def test_every_topic_points_back_to_the_care_team():
    library = load_library(CONTENT)
    for article in library.topics:
        assert "care team" in article.body.lower(), f"{article.path}: point back to the care team"


def source_lines(path) -> tuple[int, list[str]]:
    """The 1-based line of the first source's ``- name:`` and the file's lines."""
    lines = path.read_text().split("\n")
    return next(i for i, line in enumerate(lines) if line.startswith("  - name:")) + 1, lines


def test_a_source_without_a_date_is_reported_at_its_line(content_copy):
    path = content_copy / "topics" / "coping.md"
    first, lines = source_lines(path)
    end = next(i for i in range(first, len(lines)) if not lines[i].startswith("    "))
    lines[first:end] = [line for line in lines[first:end] if not line.startswith(("    published:", "    checked:"))]
    path.write_text("\n".join(lines))
    found = problems(content_copy)
    assert any(n == "coping.md" and line == first and "needs a date" in m for n, line, m in found), found


def test_a_source_without_an_address_is_reported_at_its_line(content_copy):
    path = content_copy / "checklists" / "questions.yaml"
    first, lines = source_lines(path)
    del lines[next(i for i in range(first, len(lines)) if lines[i].startswith("    url:"))]
    path.write_text("\n".join(lines))
    found = problems(content_copy)
    assert any(n == "questions.yaml" and line == first and "needs a 'url'" in m for n, line, m in found), found


def test_no_source_is_dated_in_the_future():
    for page in load_library(CONTENT).all():
        for source in page.sources:
            assert all(d <= datetime.date.today() for d in (source.published, source.checked) if d), (page.path, source)


def test_show_first_must_name_the_first_section(content_copy):
    path = content_copy / "topics" / "symptoms.md"
    line = replace_line(path, "show_first:", "show_first: bones")
    found = problems(content_copy)
    assert any(
        n == "symptoms.md" and reported == line and "'show_first' names the anchor" in m for n, reported, m in found
    )


def test_every_key_point_is_a_whole_sentence():
    for article in load_library(CONTENT).articles:
        for point, _ in article.key_points:
            assert point[-1] in ".?!", f"{article.path}: a key point is a whole sentence: {point!r}"


def test_a_handout_needs_three_to_six_key_points(content_copy):
    path = content_copy / "topics" / "coping.md"
    lines = path.read_text().split("\n")
    start = lines.index("key_points:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  - "))
    path.write_text("\n".join(lines[: start + 2] + lines[end:]))  # one point left
    expected = ("coping.md", start + 1, "'key_points' must list 3 to 6 plain sentences for the page's handout")
    assert expected in problems(content_copy)


def test_make_content_check_reads_the_content_folder_by_default(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert f"{len(LIBRARY.topics)} topics" in out and "checklists: ok" in out
    assert all(article.path.name in out for article in LIBRARY.articles)


def test_make_content_check_names_the_file_and_line_of_a_broken_file(content_copy, capsys):
    topic = next((content_copy / "topics").glob("*.md"))
    topic.write_text(topic.read_text().replace("title:", "titel:", 1))
    assert main([str(content_copy)]) == 1
    assert f"{topic}:" in capsys.readouterr().err
