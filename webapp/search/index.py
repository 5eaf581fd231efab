"""The search index of one language, and the short definitions of the glossary's words.

Both are built with the site from the rendered guide and published as content-hashed
static files (``search/<lang>.json``, ``glossary/<lang>.json``): a phone fetches its
language's files once, keeps them with the saved guide, and static/js/search.js searches
there, so the words she looks for never leave the phone.

The index says, for each word of the language, which pages use it: in their title,
summary, key points, text, checklist groups and items (the glossary is a page too). Words
are kept as :func:`fold` makes them: lower case, no accents or Arabic vowel marks, Arabic
letter forms joined, light prefixes and suffixes taken off, cut to :data:`KEEP` letters;
Chinese character by character, Korean syllable by syllable. A query is folded the same way in the browser, each word
finds the indexed words that begin with it, and the pages that have every word are then
searched in their own text (from the saved copy on the phone) for the sections and
sentences to show.

Why our own code and not a library such as MiniSearch: measured on this guide (7.2.0,
one document per section, 2026-12-02), MiniSearch's serialized index is 29.7 KB brotli in
English and 42.3 KB in Arabic, more than the text it indexes (26–34 KB), before its own
code; this index is 5.0 KB and 9.5 KB, and static/js/search.js about 2.4 KB. The price is
that the index names pages, not sections: the sections and sentences come from the pages
saved on the phone.
"""

from __future__ import annotations

import json
import re
import unicodedata

from ..guide import markdown
from ..guide.content import Article, Checklist, Page
from ..guide.glossary import GLOSSARY, entries
from ..guide.rendering import Guide, parts
from ..kinds import KINDS

#: The version of the files' format (a new one gets a new hashed name, like any change).
VERSION = 1
#: Letters folded after case and accents are taken off (Arabic letter forms, Vietnamese đ).
#: Urdu's own letter forms meet their Arabic ones, so a reader typing on either keyboard
#: finds the word (ی ک ہ ھ ے are Urdu's yeh, kaf and heh forms).
FOLD = {
    "ة": "ه",
    "ى": "ي",
    "ٱ": "ا",
    "ـ": "",
    "đ": "d",
    "ß": "ss",
    "ı": "i",
    "ی": "ي",
    "ے": "ي",
    "ک": "ك",
    "ہ": "ه",
    "ۃ": "ه",
    "ھ": "ه",
}
#: Han characters are indexed one by one (Chinese has no spaces between words), and so are
#: Hangul syllables (a Korean word carries its particles: 유방암은, 유방암이 both hold 유방암).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3"
#: Per language: the ``prefixes`` and ``suffixes`` taken off every word, in the index and in
#: a query (one of each at most, the first that fits), so "treatments" finds "treatment" and
#: السرطان finds سرطان. A word keeps at least ``MIN_STEM`` letters.
RULES: dict[str, dict[str, list[str]]] = {
    "en": {"suffixes": ["ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "y", "e"]},
    "es": {
        "suffixes": ["aciones", "acion", "mientos", "miento", "mente", "iones", "ion", "es", "as", "os", "a", "o", "s"]
    },
    "fr": {"suffixes": ["ations", "ation", "ements", "ement", "euses", "euse", "eux", "es", "s", "e"]},
    "ar": {
        "prefixes": ["وبال", "وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف"],
        "suffixes": ["تها", "تك", "ات", "ون", "ين", "ان", "ها", "هم", "كم", "نا", "يه", "ك", "ه", "ي"],
    },
    "tl": {"suffixes": []},
    "vi": {"suffixes": []},
    "zh-Hans": {"suffixes": []},
    "zh-Hant": {"suffixes": []},
    "ko": {"suffixes": []},  # syllable by syllable, as Chinese (HAN)
    "ru": {
        "suffixes": [
            "ями",
            "ами",
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ой",
            "ей",
            "ая",
            "яя",
            "ые",
            "ие",
            "ов",
            "ев",
            "ом",
            "ем",
            "ах",
            "ях",
            "ы",
            "и",
            "а",
            "я",
            "у",
            "ю",
            "е",
            "о",
        ]
    },
    "pt": {"suffixes": ["acoes", "acao", "mentos", "mento", "mente", "oes", "es", "as", "os", "a", "o", "s"]},
    "ht": {"suffixes": []},
    #: After FOLD: یاں → يان, وں → ون, یں → ين, ے and ی → ي.
    "ur": {"suffixes": ["يان", "ون", "ين", "ات", "ي"]},
}
MIN_STEM = 3
#: Letters kept of a word: enough to tell words apart, few enough that forms of a word
#: meet (the pages' own text then decides what is shown).
KEEP = 5
#: A word on more than this share of the pages tells no page apart: it is listed as common,
#: without its pages, and a query word that is common leaves every page in the running.
COMMON_SHARE = 0.4

_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(f"[{HAN}]")


class _FoldTable(dict):
    """A str.translate table: combining marks dropped, FOLD's letters folded."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = "" if unicodedata.category(char).startswith("M") else FOLD.get(char, char)
        return value


_FOLD_TABLE = _FoldTable()


def fold(text: str, lang: str) -> list[str]:
    """The words of ``text`` as the index keeps them: what search.js's ``fold`` gives."""
    # NFKD takes accents apart (and Hangul syllables into letters); NFC puts the syllables
    # back once the accents are gone.
    plain = unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text.lower()).translate(_FOLD_TABLE))
    rules = RULES[lang]
    words = []
    for word in _WORD.findall(plain):
        if _HAN.search(word):
            words += [c for c in re.split(f"([{HAN}])", word) if c]
            continue
        word = _strip(word, rules.get("prefixes", []), str.startswith)
        word = _strip(word, rules.get("suffixes", []), str.endswith)
        words.append(word[:KEEP])
    return words


def _strip(word: str, affixes: list[str], has) -> str:
    for affix in affixes:
        if has(word, affix) and len(word) - len(affix) >= MIN_STEM:
            return word[len(affix) :] if has is str.startswith else word[: -len(affix)]
    return word


def _plain(text: str) -> str:
    return " ".join(markdown.strip_markup(text).split())


class _Builder:
    def __init__(self, guide: Guide, lang: str):
        self.guide, self.lang = guide, lang
        self.pages: list[list[str]] = []  # [path, title]
        self.words: list[set[str]] = []  # of each page

    def text(self, page: Page, source: str) -> str:
        if self.lang == "en":
            return source
        return self.guide.catalogs.lookup(self.lang, "content", page.context, source) or source

    def page(self, page: Page, texts) -> None:
        shown = [_plain(self.text(page, text)) for text in (page.title, page.summary, *texts)]
        path = KINDS[page.format].rule.replace("<lang>", self.lang).replace("<slug>", page.slug)
        self.pages.append([path, shown[0]])
        # Words with a letter: numbers are found in the pages' text, not through the index.
        self.words.append({w for text in shown for w in fold(text, self.lang) if not w.isdigit()})

    def article(self, article: Article) -> None:
        blocks = [segment.text for part in parts(article) for segment in markdown.segments(part)]
        self.page(article, [*(point for point, _ in article.key_points), *blocks])

    def checklist(self, checklist: Checklist) -> None:
        intro = [segment.text for segment in markdown.segments(checklist.intro or "")]
        items = [text for group in checklist.groups for text in (group.title, *(i.text for i in group.items))]
        self.page(checklist, [*intro, *items])

    def data(self) -> dict:
        postings: dict[str, list[int]] = {}
        for number, words in enumerate(self.words):
            for word in words:
                postings.setdefault(word, []).append(number)
        common = {w for w, found in postings.items() if len(found) > COMMON_SHARE * len(self.pages)}
        terms = sorted(w for w in postings if w not in common)
        return {
            "v": VERSION,
            "lang": self.lang,
            "rules": {**RULES[self.lang], "fold": FOLD, "han": HAN, "minStem": MIN_STEM, "keep": KEEP},
            "pages": self.pages,
            "common": " ".join(sorted(common)),
            "terms": " ".join(terms),
            # Per word, its pages as gaps from the one before, in base 36.
            "postings": " ".join(_gaps(postings[word]) for word in terms),
        }


def _gaps(numbers: list[int]) -> str:
    previous, out = 0, []
    for n in numbers:
        out.append(_base36(n - previous))
        previous = n
    return ",".join(out)


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def search_index(guide: Guide, lang: str) -> dict:
    """The index of ``lang``."""
    builder = _Builder(guide, lang)
    for article in guide.library.articles:
        builder.article(article)
    for checklist in guide.library.checklists:
        builder.checklist(checklist)
    return builder.data()


def definitions(guide: Guide, lang: str) -> dict:
    """The glossary's short definitions in ``lang``: anchor → [term, definition, lang of an
    untranslated one or ""] (plain text: the script shows them as text, never as markup)."""
    glossary = guide.library.find(GLOSSARY)
    out = {}
    for entry in entries(glossary).values():
        term = guide.catalogs.lookup(lang, "content", glossary.context, entry.term) if lang != "en" else entry.term
        text = (
            guide.catalogs.lookup(lang, "content", glossary.context, entry.definition)
            if lang != "en"
            else entry.definition
        )
        out[entry.anchor] = [_plain(term or entry.term), _plain(text or entry.definition), "" if text else "en"]
    return {"v": VERSION, "lang": lang, "terms": out}


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
