"""The emergency phone numbers the guide names, each with the page that gives it.

``content/emergency-numbers.yaml`` lists them: a country, the number, the service it
reaches, the languages whose readers it serves and its source (written like a page's
source). In a sentence whose English names one of these numbers (the emergency box of
the symptoms page, "Get help now"), a translation names the numbers of the countries its
own readers live in (119 in Taiwan, 192 in Brazil) instead of 911 or 999: the catalog
rule (:mod:`webapp.i18n.rules`) allows it as long as every number it names there is
listed for its language, and the page cites the source of each number it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..i18n import LANGUAGES
from .content import Problems, Source, _load_yaml, _Reader, _sources

#: The file, in the content folder.
FILE = "emergency-numbers.yaml"
KEYS = {"country", "number", "service", "languages", "source"}


@dataclass(frozen=True)
class EmergencyNumber:
    country: str
    number: str  # digits, as dialled
    service: str
    languages: tuple[str, ...]  # whose emergency sentences name it
    source: Source


@dataclass(frozen=True)
class EmergencyNumbers:
    numbers: tuple[EmergencyNumber, ...] = ()

    @property
    def digits(self) -> frozenset[str]:
        """Every listed number: a sentence that names one is an emergency sentence."""
        return frozenset(n.number for n in self.numbers)

    def digits_for(self, lang: str) -> frozenset[str]:
        """The numbers ``lang``'s emergency sentences may name."""
        return frozenset(n.number for n in self.numbers if lang in n.languages)

    def sources_of(self, digits, lang: str) -> tuple[Source, ...]:
        """The sources of ``lang``'s numbers among ``digits``, each once, in the file's order."""
        found = {}
        for number in self.numbers:
            if number.number in digits and lang in number.languages:
                found.setdefault(number.source.url, number.source)
        return tuple(found.values())


def load_emergency_numbers(root: Path, problems: Problems) -> EmergencyNumbers:
    """Read ``root/emergency-numbers.yaml``; record each problem with its line."""
    path = root / FILE
    if not path.exists():
        return EmergencyNumbers()
    data, node = _load_yaml(path.read_text(encoding="utf-8"), path, 1, problems)
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode) or not data:
        problems.add(path, 1, "the file is a list of numbers, each with country, number, service and source")
        return EmergencyNumbers()
    numbers = []
    for entry, item in zip(data, node.value, strict=True):
        line = 1 + item.start_mark.line
        if not isinstance(entry, dict) or set(entry) != KEYS:
            problems.add(path, line, f"each number has exactly: {', '.join(sorted(KEYS))}")
            continue
        number = entry["number"]
        if not (isinstance(number, str) and number.isdigit()):
            problems.add(path, line, f'number {number!r} must be digits in quotes, like "112"')
            continue
        languages = entry["languages"]
        if not (isinstance(languages, list) and languages and set(languages) <= set(LANGUAGES)):
            problems.add(
                path,
                line,
                f"number {number}: 'languages' must list language codes of the guide ({', '.join(LANGUAGES)})",
            )
            continue
        reader = _Reader(path, {"sources": [entry["source"]]}, {"sources": line}, line, problems)
        sources = _sources(reader)
        if len(sources) == 1 and sources[0].url and sources[0].name:
            country, service = str(entry["country"]), str(entry["service"])
            numbers.append(EmergencyNumber(country, number, service, tuple(languages), sources[0]))
    return EmergencyNumbers(tuple(numbers))
