"""Loading and validating the guide's content from ``content/``.

Every file is checked when the app starts. A broken file stops the start with a
:class:`ContentError` that names each problem's file and line, so that an author
who broke a file hears about it at once, not from a reader.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

from . import glossary, markdown

if TYPE_CHECKING:
    from .emergency import EmergencyNumbers

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Paths under /<lang>/ that belong to the app, not to a page of content.
RESERVED_SLUGS = {"checklists", "offline"}


class ContentError(Exception):
    """One or more content files are broken; ``problems`` holds (path, line, message)."""

    def __init__(self, problems: list[tuple[Path, int, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{path}:{line}: {message}" for path, line, message in problems))


@dataclass(frozen=True)
class Source:
    """Where a page's facts come from: every source has an address and a date."""

    name: str
    url: str
    published: datetime.date | None = None  # the date the source itself gives (published or updated)
    checked: datetime.date | None = None  # when we last read it against our text


@dataclass(frozen=True)
class Page:
    """What topics, pages and checklists have in common."""

    #: The file's format, and so how the page is rendered and where it lives (webapp.kinds).
    format: ClassVar[str] = ""
    kind: str  # its place in the guide: "topic", "page" or "checklist"
    id: str
    slug: str
    title: str
    summary: str
    order: int
    updated: datetime.date
    sources: tuple[Source, ...]
    redirect_from: tuple[str, ...]
    path: Path
    #: 1-based file line of each front-matter key, for messages about it.
    lines: dict[str, int] = field(repr=False, compare=False)

    @property
    def context(self) -> str:
        """The gettext message context of this page's text: its stable id."""
        return f"{self.format}/{self.id}"


@dataclass(frozen=True)
class Article(Page):
    format: ClassVar[str] = "article"
    body: str = ""
    body_line: int = 1  # file line on which the Markdown body starts
    #: 3–6 plain sentences: what a handout says about the page.
    key_points: tuple[tuple[str, int], ...] = ()  # (text, file line)
    #: Anchor of the page's first section when it must come before "On this page"
    #: (the emergency signs): a reader on a small screen sees it first.
    show_first: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to tick. Its id never changes: a reader's tick is kept under it."""

    id: str
    text: str
    line: int


@dataclass(frozen=True)
class ChecklistGroup:
    """A heading of a checklist and the items under it."""

    id: str
    title: str
    items: tuple[ChecklistItem, ...]
    line: int


@dataclass(frozen=True)
class Checklist(Page):
    format: ClassVar[str] = "checklist"
    intro: str = ""
    intro_line: int = 1
    groups: tuple[ChecklistGroup, ...] = ()

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for group in self.groups for item in group.items)


@dataclass(frozen=True)
class Library:
    """All the guide's content, in order."""

    topics: tuple[Article, ...]
    pages: tuple[Article, ...]
    checklists: tuple[Checklist, ...]
    #: The emergency numbers the guide may name (content/emergency-numbers.yaml).
    emergency: EmergencyNumbers | None = None

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.topics + self.pages

    def all(self) -> tuple[Page, ...]:
        return self.topics + self.pages + self.checklists

    def of(self, format: str) -> tuple[Page, ...]:
        """The pages of one format (``Page.format``), in order."""
        return tuple(page for page in self.all() if page.format == format)

    def find(self, page_id: str) -> Page | None:
        """The page with this id or context (``outlook`` or ``article/outlook``)."""
        return next((p for p in self.all() if page_id in (p.context, p.id)), None)

    def renamed(self, format: str, old_slug: str) -> Page | None:
        """The page of this format that used to live at ``old_slug``, if it was renamed."""
        return next((p for p in self.of(format) if old_slug in p.redirect_from), None)

    def neighbours(self, topic: Article) -> tuple[Article | None, Article | None]:
        """The topics before and after ``topic`` in reading order."""
        if topic not in self.topics:
            return None, None
        i = self.topics.index(topic)
        return (self.topics[i - 1] if i else None), (self.topics[i + 1] if i + 1 < len(self.topics) else None)


# --- YAML with line numbers ------------------------------------------------------


class Problems:
    """What is wrong with the files being loaded, as (path, line, message)."""

    def __init__(self):
        self.list: list[tuple[Path, int, str]] = []

    def add(self, path: Path, line: int, message: str) -> None:
        self.list.append((path, line, message))


def _load_yaml(text: str, path: Path, first_line: int, problems: Problems):
    """Parse YAML; return (data, node) or (None, None) after recording the error."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(error, "problem", None) or str(error)
        problems.add(path, line, f"invalid YAML: {reason}")
        return None, None
    return data, node


def _key_lines(node, first_line: int, prefix: str = "") -> dict[str, int]:
    """Line of each key of a YAML mapping node; nested keys as ``parent.child``."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[prefix + str(key.value)] = first_line + key.start_mark.line
            lines.update(_key_lines(value, first_line, f"{prefix}{key.value}."))
    return lines


def _child(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


# --- validation --------------------------------------------------------------------

_PAGE_KEYS = {"id", "title", "summary", "order", "updated", "sources", "redirect_from"}
_ARTICLE_KEYS = _PAGE_KEYS | {"key_points", "show_first"}
_CHECKLIST_KEYS = _PAGE_KEYS | {"intro", "groups"}
_SOURCE_KEYS = {"name", "url", "published", "checked"}
KEY_POINTS = (3, 6)  # how many key points an article's handout carries, at least and at most


class _Reader:
    """Validates one file's mapping, recording problems against its lines."""

    def __init__(self, path: Path, data: dict, lines: dict[str, int], start: int, problems, node=None, first_line=1):
        self.path, self.data, self.lines, self.start, self.problems = path, data, lines, start, problems
        #: The YAML node of each top-level key's value, and the file line of the node's text line 0.
        self.nodes = {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}
        self.first_line = first_line

    def line(self, key: str) -> int:
        return self.lines.get(key, self.start)

    def item_node(self, key: str, index: int):
        """The YAML node of item ``index`` of the list under ``key``, if there is one."""
        node = self.nodes.get(key)
        return node.value[index] if isinstance(node, yaml.SequenceNode) and index < len(node.value) else None

    def item_line(self, key: str, index: int) -> int:
        node = self.item_node(key, index)
        return self.first_line + node.start_mark.line if node is not None else self.line(key)

    def fail(self, key: str, message: str) -> None:
        self.problems.add(self.path, self.line(key), message)

    def text(self, key: str, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, f"missing '{key}'")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"'{key}' must be non-empty text")
            return ""
        return value.strip()

    def slug(self, key: str) -> str:
        value = self.text(key)
        if value and not SLUG.match(value):
            self.fail(key, f"'{key}' must be lowercase words joined by hyphens, not {value!r}")
        return value


def _common(kind: str, reader: _Reader, slug: str, needs_order: bool) -> dict[str, Any]:
    data = reader.data
    order = data.get("order")
    if needs_order and not isinstance(order, int):
        reader.fail("order", "missing 'order' (a whole number)" if order is None else "'order' must be a whole number")
    if not needs_order and order is not None:
        reader.fail("order", "pages outside the topic list take no 'order'")
    updated = data.get("updated")
    if not isinstance(updated, datetime.date):
        reader.fail("updated", "'updated' must be a date like 2026-11-21")
        updated = datetime.date.min
    sources = _sources(reader)
    if "review" in data:
        reader.fail(
            "review",
            "clinical reviews are not written here: a reviewer records one with "
            "'flask content review PAGE --reviewer \"Name, role\"' (content/reviews.yaml)",
        )
    redirects = data.get("redirect_from") or []
    if not isinstance(redirects, list) or not all(isinstance(r, str) and SLUG.match(r) for r in redirects):
        reader.fail("redirect_from", "'redirect_from' must be a list of old slugs")
        redirects = []
    return dict(
        kind=kind,
        id=reader.slug("id"),
        slug=slug,
        title=reader.text("title"),
        summary=reader.text("summary"),
        order=order if isinstance(order, int) else 0,
        updated=updated,
        sources=sources,
        redirect_from=tuple(redirects),
        path=reader.path,
        lines=reader.lines,
    )


def _sources(reader: _Reader) -> tuple[Source, ...]:
    """Every source needs a name, an https address and a date (published, checked or both)."""
    raw = reader.data.get("sources")
    if not isinstance(raw, list) or not raw:
        reader.fail("sources", "'sources' must list at least one source")
        return ()
    sources = []
    for index, entry in enumerate(raw):
        line = reader.item_line("sources", index)
        item_node = reader.item_node("sources", index)
        at = _key_lines(item_node, reader.first_line) if item_node is not None else {}

        def fail(message: str, line: int = line) -> None:
            reader.problems.add(reader.path, line, message)

        if not isinstance(entry, dict):
            fail(f"each source is a mapping of name, url and published or checked, not {entry!r}")
            continue
        unknown = set(entry) - _SOURCE_KEYS
        if unknown:
            known = ", ".join(sorted(_SOURCE_KEYS))
            fail(f"unknown source key(s) {', '.join(sorted(unknown))} (known: {known})", at.get(min(unknown), line))
        name, url = entry.get("name"), entry.get("url")
        if not isinstance(name, str) or not name.strip():
            fail("a source needs a 'name'")
            name = ""
        if not (isinstance(url, str) and url.startswith("https://") and len(url) > len("https://")):
            fail(f"source {name!r} needs a 'url' that starts with https://", at.get("url", line))
            url = ""
        dates = {key: entry.get(key) for key in ("published", "checked") if entry.get(key) is not None}
        if not dates:
            fail(f"source {name!r} needs a date: 'published' (the date it gives) or 'checked' (when we read it)")
        for key, value in dates.items():
            if not isinstance(value, datetime.date):
                fail(f"source {name!r}: '{key}' must be a date like 2026-11-21, not {value!r}", at.get(key, line))
                dates[key] = None
        sources.append(Source(name.strip(), url, dates.get("published"), dates.get("checked")))
    return tuple(sources)


def _key_points(reader: _Reader) -> tuple[tuple[str, int], ...]:
    raw = reader.data.get("key_points")
    low, high = KEY_POINTS
    if not isinstance(raw, list) or not low <= len(raw) <= high:
        reader.fail("key_points", f"'key_points' must list {low} to {high} plain sentences for the page's handout")
        return ()
    points = []
    for index, point in enumerate(raw):
        line = reader.item_line("key_points", index)
        if not isinstance(point, str) or not point.strip():
            reader.problems.add(reader.path, line, "each key point must be non-empty text")
            continue
        points.append((point.strip(), line))
    return tuple(points)


def _unknown_keys(reader: _Reader, allowed: set[str]) -> None:
    for key in reader.data:
        if key not in allowed:
            reader.fail(key, f"unknown key '{key}' (known: {', '.join(sorted(allowed))})")


def load_article(path: Path, kind: str, problems: Problems) -> Article | None:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.add(path, 1, "the file must start with YAML front matter between '---' lines")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.add(path, 1, "the front matter is not closed by a '---' line")
        return None
    data, node = _load_yaml("\n".join(lines[1:end]), path, 2, problems)
    if node is None and problems.list and problems.list[-1][0] == path:
        return None  # the YAML error is already recorded
    if not isinstance(data, dict):
        problems.add(path, 2, "the front matter must be a mapping of keys to values")
        return None
    reader = _Reader(path, data, _key_lines(node, 2), 2, problems, node, first_line=2)
    _unknown_keys(reader, _ARTICLE_KEYS)
    common = _common(kind, reader, path.stem, needs_order=kind == "topic")
    key_points = _key_points(reader)
    if path.stem in RESERVED_SLUGS or not SLUG.match(path.stem):
        problems.add(
            path, 1, f"the file name is the page's address: {path.stem!r} is taken or not lowercase-with-hyphens"
        )
    body = "\n".join(lines[end + 1 :])
    body_line = end + 2
    for segment in markdown.segments(body):
        if segment.kind == "heading" and segment.text and body.split("\n")[segment.line - 1].startswith("# "):
            problems.add(
                path,
                body_line + segment.line - 1,
                "the title is the page's only level-1 heading: use '##' here",
            )
    if not body.strip():
        problems.add(path, body_line, "the page has no text")
    show_first = data.get("show_first")
    if show_first is not None:
        sections = [s.anchor for s in markdown.segments(body) if s.anchor and s.level == 2]
        if not sections or show_first != sections[0]:
            reader.fail(
                "show_first",
                f"'show_first' names the anchor of the page's first '##' section"
                f" ({sections[0] if sections else 'none'!r} here), not {show_first!r}",
            )
            show_first = None
    return Article(**common, body=body, body_line=body_line, key_points=key_points, show_first=show_first)


def load_checklist(path: Path, problems: Problems) -> Checklist | None:
    data, node = _load_yaml(path.read_text(encoding="utf-8"), path, 1, problems)
    if node is None:
        if data is None and not (problems.list and problems.list[-1][0] == path):
            problems.add(path, 1, "the checklist is empty")
        return None
    if not isinstance(data, dict):
        problems.add(path, 1, "a checklist must be a mapping of keys to values")
        return None
    reader = _Reader(path, data, _key_lines(node, 1), 1, problems, node, first_line=1)
    _unknown_keys(reader, _CHECKLIST_KEYS)
    common = _common("checklist", reader, path.stem, needs_order=True)
    intro = reader.text("intro", required=False)
    intro_node = _child(node, "intro")
    groups = []
    seen_groups: dict[str, int] = {}
    seen_items: dict[str, int] = {}
    groups_node = _child(node, "groups")
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        reader.fail("groups", "'groups' must list at least one group of items")
        raw_groups = []
    for g_data, g_node in zip(raw_groups, groups_node.value if groups_node is not None else [], strict=True):
        g_line = 1 + g_node.start_mark.line
        g_lines = _key_lines(g_node, 1)
        g = _Reader(path, g_data if isinstance(g_data, dict) else {}, g_lines, g_line, problems)
        _unknown_keys(g, {"id", "title", "items"})
        gid, title = g.slug("id"), g.text("title")
        if gid in seen_groups:
            g.fail("id", f"duplicate group id '{gid}' (first on line {seen_groups[gid]})")
        seen_groups.setdefault(gid, g.line("id"))
        items = []
        items_node = _child(g_node, "items")
        raw_items = g.data.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            g.fail("items", "'items' must list at least one item")
            raw_items = []
        for i_data, i_node in zip(raw_items, items_node.value if items_node is not None else [], strict=True):
            i_line = 1 + i_node.start_mark.line
            item = _Reader(path, i_data if isinstance(i_data, dict) else {}, _key_lines(i_node, 1), i_line, problems)
            _unknown_keys(item, {"id", "text"})
            iid, text = item.slug("id"), item.text("text")
            if iid in seen_items:
                item.fail("id", f"duplicate item id '{iid}' (first on line {seen_items[iid]})")
            seen_items.setdefault(iid, item.line("id"))
            items.append(ChecklistItem(iid, text, item.line("text")))
        groups.append(ChecklistGroup(gid, title, tuple(items), g.line("title")))
    intro_line = 1
    if intro_node is not None:
        # A block scalar (``intro: |``) starts on the line after its key.
        intro_line = 1 + intro_node.start_mark.line + (intro_node.style in ("|", ">"))
    return Checklist(**common, intro=intro, intro_line=intro_line, groups=tuple(groups))


def load_library(root: Path) -> Library:
    """Read and check every file under ``root``; raise ContentError if any is broken."""
    problems = Problems()
    topics = [load_article(p, "topic", problems) for p in sorted((root / "topics").glob("*.md"))]
    pages = [load_article(p, "page", problems) for p in sorted((root / "pages").glob("*.md"))]
    checklists = [load_checklist(p, problems) for p in sorted((root / "checklists").glob("*.yaml"))]
    topics_ = [t for t in topics if t]
    pages_ = [p for p in pages if p]
    checklists_ = [c for c in checklists if c]
    # Ids are translation contexts and slugs are URLs: both must be unique.
    for group in (topics_ + pages_, checklists_):
        seen_ids: dict[str, Page] = {}
        seen_slugs: dict[str, Page] = {}
        for page in group:
            if page.id in seen_ids:
                first = seen_ids[page.id]
                problems.add(
                    page.path,
                    page.lines.get("id", 1),
                    f"duplicate id '{page.id}' (also in {first.path}:{first.lines.get('id', 1)})",
                )
            seen_ids.setdefault(page.id, page)
            for old in page.redirect_from:
                if old in seen_slugs or any(p.slug == old for p in group):
                    problems.add(
                        page.path,
                        page.lines.get("redirect_from", 1),
                        f"redirect_from '{old}' is the slug of another page",
                    )
                seen_slugs.setdefault(old, page)
    glossary.check(topics_ + pages_, problems)
    from .emergency import load_emergency_numbers  # it reads files the way this module does

    emergency = load_emergency_numbers(root, problems)
    if not topics_ and not problems.list:
        problems.add(root / "topics", 0, "no topics found")
    if problems.list:
        raise ContentError(problems.list)
    return Library(
        topics=tuple(sorted(topics_, key=lambda t: (t.order, t.slug))),
        pages=tuple(pages_),
        checklists=tuple(sorted(checklists_, key=lambda c: (c.order, c.slug))),
        emergency=emergency,
    )
