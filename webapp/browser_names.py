"""The names the app keeps things under in a reader's browser, in one place.

Python reads them (the language cookie, at ``/``) and renders them into the
service worker (templates/offline/sw.js) and into the module the page scripts
share (templates/static/js/common.js, published as ``/static/js/common.<hash>.js``),
where scripts read them as ``NAMES``. No script spells one out itself
(tests/test_scripts.py).

Never change a value that holds what a reader saved: what she keeps is stored
under ``recordKey`` + a record's id (before the store, checklists were under
``checklistKey`` + the list's id, moved on first use), her downloaded copies say
``checklistFile`` or ``backupFile``, the languages she saved are recorded under ``savedLanguages``
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
    # The store (static/js/store.js) that holds everything she keeps since version 2:
    # one key per record, this + the record's id ("visit:…", "checklist:questions")…
    "recordKey": "mbc-companion:record:",
    # …the store's own facts (its version, when everything was last downloaded)…
    "storeKey": "mbc-companion:store",
    # …and the "format" of "Download everything" (a backup file on her phone).
    "backupFile": "mbc-companion-backup",
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
