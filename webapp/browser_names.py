"""The names the app keeps things under in a reader's browser, in one place.

Python reads them (the language cookie, at ``/``) and renders them into the
service worker (templates/offline/sw.js) and into the module the page scripts
share (templates/static/js/common.js, published as ``/static/js/common.<hash>.js``),
where scripts read them as ``NAMES``. No script spells one out itself
(tests/test_scripts.py).

Never change a value that holds what a reader saved: her checklists are stored
under ``checklistKey`` + the list's id, her downloaded copies say
``checklistFile``, the languages she saved are recorded under ``savedLanguages``
in the ``metaCache``. A new value would lose them all.
"""

from __future__ import annotations

BROWSER_NAMES: dict[str, str] = {
    # localStorage: a checklist's ticks, notes and own items, under this + the list's id…
    "checklistKey": "mbc-companion:checklist:",
    # …and what could not be read there, kept aside under that key + this.
    "damagedSuffix": ":damaged",
    # The "format" of a checklist's downloaded copy (a file on the reader's phone).
    "checklistFile": "mbc-companion-checklist",
    # The Cache API. Every cache of the app starts so (the worker deletes old builds' ones)…
    "cachePrefix": "mbc-",
    # …the pages and the static files of one build are kept in these + the build id…
    "pagesCache": "mbc-pages-",
    "staticCache": "mbc-static-",
    # …and the languages the reader saved, kept across builds, in this cache under this key.
    "metaCache": "mbc-meta",
    "savedLanguages": "/__saved-languages",
    # What the page tells a waiting service worker when the reader accepts the update.
    "skipWaiting": "SKIP_WAITING",
    # The one cookie: the language the reader chose, read at "/" (by the server or languages.js).
    "langCookie": "lang",
}
