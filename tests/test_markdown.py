"""One segmentation for translators and for the page."""

from __future__ import annotations

from webapp.guide import markdown

SOURCE = """Intro with *emphasis* and a [link](outlook).

## What it is

- First item
- Second **item**

| Test | Why |
|------|-----|
| CT scan | To see inside |

## What it is
"""


def test_segments_are_the_blocks_a_reader_sees():
    found = [(s.kind, s.text, s.line) for s in markdown.segments(SOURCE)]
    assert found == [
        ("paragraph", "Intro with *emphasis* and a [link](outlook).", 1),
        ("heading", "What it is", 3),
        ("list item", "First item", 5),
        ("list item", "Second **item**", 6),
        ("table header cell", "Test", 8),
        ("table header cell", "Why", 8),
        ("table cell", "CT scan", 10),
        ("table cell", "To see inside", 10),
        ("heading", "What it is", 12),
    ]


def test_headings_get_stable_unique_anchors():
    anchors = [s.anchor for s in markdown.segments(SOURCE) if s.kind == "heading"]
    assert anchors == ["what-it-is", "what-it-is-2"]
    html = markdown.render(SOURCE).html
    assert '<h2 id="what-it-is">' in html and '<h2 id="what-it-is-2">' in html


def test_a_translated_heading_keeps_the_source_anchor():
    rendered = markdown.render(SOURCE, lambda s: "Qué es" if s.text == "What it is" else s.text)
    assert '<h2 id="what-it-is">Qué es</h2>' in rendered.html


def test_untranslated_blocks_are_marked_as_source_language():
    rendered = markdown.render(SOURCE, lambda s: None if s.kind == "list item" else s.text)
    assert '<li lang="en" dir="ltr">First item</li>' in rendered.html
    assert rendered.html.count('lang="en" dir="ltr"') == 2


def test_raw_html_and_script_links_are_never_markup():
    html = markdown.render('<img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))').html
    assert "<img" not in html and "&lt;img" in html
    assert 'href="javascript' not in html


def test_plain_text_ends_every_block_as_a_sentence():
    assert markdown.plain_text("## A heading\n\n- an item\n- another one?") == "A heading.\nan item.\nanother one?"
