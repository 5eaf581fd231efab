/* One store for everything a patient keeps on this phone: checklists, visits, medicines,
 * her diary.
 *
 * localStorage, one key per record: NAMES.recordKey + the record's id ("visit:k3x9a",
 * "checklist:questions"), holding {v: VERSION, f: {<field>: [value, time]}}. A field
 * names one value ("date", "q.k3x9.answer", "item.scan-results.done"); null means "not
 * there". Each field keeps the time of its last change, so two tabs, or a backup loaded
 * over newer changes, merge field by field: the latest change of each wins and nothing
 * else is lost. A record whose "deleted" is true drops every field older than that.
 *
 * Why localStorage: a record is read and written in one step, every other tab is told
 * of a change (the storage event), and a year of diary entries is far below its 5 MB.
 * Tabs run this same merge: one that sees a write missing a change it made writes the
 * merge back, so two tabs saving at the same moment still end with both changes.
 *
 * Versions: 1 was checklist.js before this store (NAMES.checklistKey + the list's id,
 * {version: 1, items, own}); those lists move here the first time a page opens the store.
 * A record, or the store, written by a newer version is read but never overwritten. What
 * cannot be read is kept aside, under its key + NAMES.damagedSuffix, not thrown away.
 */
"use strict";

const store = (() => {
  const { NAMES, keepStorage, storageIsFull } = common;
  const VERSION = 2;
  const DAY = 86400000;
  const REMIND_AFTER_DAYS = 14;

  /* What each kind of record may hold: field name (a pattern) → check of its value. */
  const ID = "[a-z0-9-]{1,80}";
  const text = (max) => (value) => typeof value === "string" && value.length <= max;
  const flag = (value) => typeof value === "boolean";
  const day = (value) => typeof value === "string" && /^(\d{4}-\d{2}-\d{2})?$/.test(value);
  const clock = (value) => typeof value === "string" && /^(\d{2}:\d{2})?$/.test(value);
  const number = (value) => Number.isFinite(value);
  const rating = (value) => Number.isInteger(value) && value >= 0 && value <= 4;
  const item = (prefix, fields) => Object.entries(fields).map(([name, check]) => [`${prefix}\\.${ID}\\.${name}`, check]);
  const KINDS = {
    checklist: [
      ...item("item", { done: flag, note: text(2000), text: text(1000) }),
      ...item("own", { done: flag, note: text(2000), text: text(300), order: number }),
    ],
    visit: [
      ["date", day],
      ["time", clock],
      ["who", text(200)],
      ["note", text(2000)],
      ["said", text(4000)],
      ...item("q", { text: text(1000), asked: flag, answer: text(2000), from: text(200), order: number }),
    ],
    medicine: [
      ["name", text(200)],
      ["dose", text(200)],
      ["times", text(200)],
      ["reason", text(200)],
      ["started", day],
      ["stopped", day],
      ["note", text(1000)],
    ],
    diary: [
      [`s\\.${ID}`, rating],
      ["temp", (value) => Number.isFinite(value) && value >= 30 && value <= 44],
      ["note", text(2000)],
    ],
    profile: [
      ["allergies", text(1000)],
      ["tempUnit", (value) => value === "C" || value === "F"],
      ...item("symptom", { name: text(100), order: number }),
    ],
  };
  const checks = Object.fromEntries(
    Object.entries(KINDS).map(([kind, fields]) => [
      kind,
      [["deleted", flag], ...fields].map(([name, check]) => [new RegExp(`^${name}$`), check]),
    ]),
  );
  const kindOf = (id) => /^([a-z]+):[a-z0-9-]{1,80}$/.exec(id)?.[1];

  /* Is this a record of ours, of this version or older, for this id? */
  const valid = (id, record) => {
    const fields = checks[kindOf(id)];
    if (!fields || !record || typeof record !== "object" || !Number.isInteger(record.v) || record.v > VERSION) return false;
    if (!record.f || typeof record.f !== "object" || Array.isArray(record.f)) return false;
    return Object.entries(record.f).every(
      ([name, entry]) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        Number.isFinite(entry[1]) &&
        entry[1] >= 0 &&
        fields.some(([pattern, check]) => pattern.test(name) && (entry[0] === null || check(entry[0]))),
    );
  };

  /* --- merging: the latest change of each field wins ---------------------------------- */

  const EMPTY = Object.freeze({ v: VERSION, f: {} });
  const later = (a, b) => (a[1] !== b[1] ? a[1] > b[1] : JSON.stringify(a[0]) > JSON.stringify(b[0]));
  const merge = (a, b) => {
    const f = { ...a.f };
    for (const [name, entry] of Object.entries(b.f)) if (!f[name] || later(entry, f[name])) f[name] = entry;
    const deletedAt = f.deleted?.[0] === true ? f.deleted[1] : -1;
    for (const [name, entry] of Object.entries(f)) if (entry[1] < deletedAt) delete f[name];
    return { v: Math.max(a.v, b.v), f };
  };
  const same = (a, b) => {
    const names = Object.keys(a.f);
    return (
      names.length === Object.keys(b.f).length &&
      names.every((name) => b.f[name] && a.f[name][1] === b.f[name][1] && a.f[name][0] === b.f[name][0])
    );
  };

  /* --- the records, as this tab knows them ---------------------------------------------- */

  const records = new Map(); /* id → {v, f} (or {newer: true, …} when a newer version wrote it) */
  const listeners = new Set();
  let meta = {};
  let problem = ""; /* "", or why the last change was not saved: "full", "blocked", "newer" */
  let lastTime = 0;
  let askedToKeep = false;
  const now = () => (lastTime = Math.max(Date.now(), lastTime + 1));
  const saw = (record) => {
    for (const entry of Object.values(record.f)) lastTime = Math.max(lastTime, entry[1]);
  };
  const key = (id) => NAMES.recordKey + id;
  const ourKeys = () => {
    const found = [];
    for (let i = 0; i < localStorage.length; i++) found.push(localStorage.key(i));
    return found.filter(
      (name) => name?.startsWith(NAMES.recordKey) || name?.startsWith(NAMES.checklistKey) || name === NAMES.storeKey,
    );
  };
  const notify = (ids) => {
    for (const listener of listeners) listener(ids);
  };

  const putAside = (name, raw) => {
    try {
      localStorage.setItem(name + NAMES.damagedSuffix, raw);
    } catch {
      /* nothing more can be done */
    }
  };

  /* What is stored under `id` now: a checked record, {newer} or null. */
  const parse = (id, raw) => {
    if (raw === null) return null;
    try {
      const record = JSON.parse(raw);
      if (record?.v > VERSION) return { ...record, newer: true };
      if (valid(id, record)) {
        saw(record);
        return record;
      }
    } catch {
      /* not JSON: damaged */
    }
    putAside(key(id), raw);
    return null;
  };

  const fail = (why) => {
    problem = why;
    notify([]);
    return false;
  };

  const write = (id, record) => {
    records.set(id, record); /* shown even if it cannot be saved: the page says so */
    try {
      localStorage.setItem(key(id), JSON.stringify(record));
      if (!meta.since) writeMeta({ since: new Date().toISOString() });
    } catch (error) {
      return fail(storageIsFull(error) ? "full" : "blocked");
    }
    if (problem) {
      problem = "";
      notify([]);
    }
    if (!askedToKeep) {
      askedToKeep = true; /* once: that what she keeps is not evicted */
      keepStorage();
    }
    return true;
  };

  const writeMeta = (changes) => {
    meta = { ...meta, ...changes, v: VERSION };
    localStorage.setItem(NAMES.storeKey, JSON.stringify(meta));
  };

  /* Merge `record` into what this tab and the storage hold for `id`, and save it. */
  const mergeIn = (id, record) => {
    if (problem === "newer") return fail("newer");
    let stored;
    try {
      stored = parse(id, localStorage.getItem(key(id)));
    } catch {
      return fail("blocked");
    }
    if (stored?.newer || records.get(id)?.newer) {
      if (stored) records.set(id, stored);
      return fail("newer");
    }
    return write(id, merge(merge(records.get(id) || EMPTY, stored || EMPTY), record));
  };

  /* --- version 1: the checklists kept before the store ------------------------------- */

  /* A checklist as checklist.js version 1 kept it (and as its downloaded copy holds it),
   * as the fields of a record; null if it is not one. */
  const checklistFields = (data) => {
    if (!data || typeof data !== "object" || data.version !== 1) return null;
    if (!data.items || typeof data.items !== "object" || Array.isArray(data.items) || !Array.isArray(data.own)) return null;
    const fields = {};
    for (const [id, entry] of Object.entries(data.items)) {
      if (!/^[a-z0-9-]{1,80}$/.test(id) || !entry || typeof entry !== "object") return null;
      if (typeof entry.done !== "boolean" || typeof entry.note !== "string" || typeof entry.text !== "string") return null;
      Object.assign(fields, {
        [`item.${id}.done`]: entry.done,
        [`item.${id}.note`]: entry.note.slice(0, 2000),
        [`item.${id}.text`]: entry.text.slice(0, 1000),
      });
    }
    for (const [order, own] of data.own.entries()) {
      if (!own || typeof own.id !== "string" || !/^own-[a-z0-9]{1,20}$/.test(own.id)) return null;
      if (typeof own.text !== "string" || typeof own.done !== "boolean" || typeof own.note !== "string") return null;
      Object.assign(fields, {
        [`own.${own.id}.text`]: own.text.slice(0, 300),
        [`own.${own.id}.done`]: own.done,
        [`own.${own.id}.note`]: own.note.slice(0, 2000),
        [`own.${own.id}.order`]: order,
      });
    }
    return fields;
  };

  const at = (fields, time) => ({
    v: VERSION,
    f: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, [value ?? null, time]])),
  });

  const moveVersion1 = () => {
    for (const name of ourKeys()) {
      if (!name.startsWith(NAMES.checklistKey) || name.endsWith(NAMES.damagedSuffix)) continue;
      const raw = localStorage.getItem(name);
      const listId = name.slice(NAMES.checklistKey.length);
      let data = null;
      try {
        data = JSON.parse(raw);
      } catch {
        /* damaged */
      }
      if (data?.version > 1) continue; /* a format this version does not know: left as it is */
      const fields = /^[a-z0-9-]{1,80}$/.test(listId) ? checklistFields(data) : null;
      /* Older than any change made since (time 1): merged in, it never undoes one. */
      if (fields && !mergeIn(`checklist:${listId}`, at(fields, 1))) continue; /* kept until it moves */
      if (!fields) putAside(name, raw);
      localStorage.removeItem(name);
    }
  };

  const open = () => {
    try {
      try {
        meta = JSON.parse(localStorage.getItem(NAMES.storeKey)) || {};
      } catch {
        meta = {};
      }
      if (meta.v > VERSION) problem = "newer";
      for (const name of ourKeys()) {
        if (!name.startsWith(NAMES.recordKey) || name.endsWith(NAMES.damagedSuffix)) continue;
        const id = name.slice(NAMES.recordKey.length);
        const record = parse(id, localStorage.getItem(name));
        if (record) records.set(id, record);
      }
      if (problem !== "newer") moveVersion1();
    } catch {
      problem = "blocked"; /* storage refused (a private window, a setting): nothing is kept */
    }
  };

  /* Another tab changed the storage. */
  addEventListener("storage", (event) => {
    if (event.storageArea !== localStorage) return;
    if (event.key === null) {
      records.clear(); /* cleared by hand, in the browser's settings */
      meta = {};
      return notify([]);
    }
    if (event.key === NAMES.storeKey) {
      try {
        meta = JSON.parse(event.newValue) || {};
      } catch {
        meta = {};
      }
      if (meta.v > VERSION) problem = "newer";
      return notify([]);
    }
    if (!event.key.startsWith(NAMES.recordKey) || event.key.endsWith(NAMES.damagedSuffix)) return;
    const id = event.key.slice(NAMES.recordKey.length);
    if (event.newValue === null) {
      records.delete(id); /* erased there: erased here */
      return notify([id]);
    }
    const incoming = parse(id, event.newValue);
    if (!incoming) return;
    const mine = records.get(id);
    if (incoming.newer || !mine || mine.newer) {
      records.set(id, incoming);
    } else {
      const merged = merge(incoming, mine);
      if (same(merged, incoming)) records.set(id, merged);
      else write(id, merged); /* it lacks a change made here: both are kept */
    }
    notify([id]);
  });

  open();

  /* --- what pages use -------------------------------------------------------------------- */

  const valuesOf = (record) => {
    if (!record || record.newer || record.f.deleted?.[0] === true) return null;
    const values = {};
    for (const [name, [value]] of Object.entries(record.f)) if (value !== null && name !== "deleted") values[name] = value;
    return values;
  };

  /* {"q.a.text": "…", "q.a.asked": true, "q.b.text": "…"} → [{id: "a", text, asked}, {id: "b", text}],
   * by their `order`, then id. */
  const items = (values, prefix) => {
    const found = {};
    for (const [name, value] of Object.entries(values || {})) {
      const parts = name.split(".");
      if (parts.length === 3 && parts[0] === prefix) (found[parts[1]] ??= { id: parts[1] })[parts[2]] = value;
    }
    return Object.values(found).sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : 1));
  };

  const newId = () => Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);

  const backup = () => ({
    format: NAMES.backupFile,
    version: VERSION,
    saved: new Date().toISOString(),
    records: Object.fromEntries([...records].map(([id, { newer, ...record }]) => [id, record])),
  });

  /* What loading `data` would change, or {error: "damaged" | "newer"}; nothing is changed. */
  const plan = (data) => {
    if (!data || data.format !== NAMES.backupFile || !Number.isInteger(data.version)) return { error: "damaged" };
    if (data.version > VERSION) return { error: "newer" };
    if (!data.records || typeof data.records !== "object" || Array.isArray(data.records)) return { error: "damaged" };
    const entries = Object.entries(data.records);
    if (entries.some(([, record]) => record?.v > VERSION)) return { error: "newer" };
    if (!entries.every(([id, record]) => valid(id, record))) return { error: "damaged" };
    const added = {};
    const changed = {};
    const merged = [];
    for (const [id, record] of entries) {
      const current = records.get(id);
      if (current?.newer) continue;
      const result = merge(current || EMPTY, record);
      if (same(result, current || EMPTY)) continue;
      merged.push([id, record]);
      /* Counted as she sees them: a deletion of something not here changes nothing she sees. */
      const [before, after] = [valuesOf(current), valuesOf(result)];
      const count = !before ? (after ? added : null) : changed;
      if (count) count[kindOf(id)] = (count[kindOf(id)] || 0) + 1;
    }
    return { added, changed, records: merged };
  };

  return Object.freeze({
    VERSION,
    get problem() {
      return problem;
    },
    /* The values of a record ({field: value}), or null if it is not kept (or deleted). */
    get: (id) => valuesOf(records.get(id)),
    /* Every record of a kind that is kept: [{id, values}]. */
    list: (kind) =>
      [...records]
        .filter(([id]) => kindOf(id) === kind)
        .map(([id, record]) => ({ id, values: valuesOf(record) }))
        .filter((found) => found.values),
    items,
    newId,
    /* Change some fields of a record (null takes one away). False if it was not saved:
     * `problem` says why. */
    set: (id, changes) => {
      const change = at(changes, now());
      if (!valid(id, change)) throw new Error(`store: ${Object.keys(changes)} is not a field of ${id}`);
      return mergeIn(id, change);
    },
    remove: (id) => mergeIn(id, at({ deleted: true }, now())),
    /* After a change made in another tab, a loaded backup or an erase: listener(ids). */
    onChange: (listener) => listeners.add(listener),
    checklistFields,
    backup,
    plan,
    /* Apply a plan(): each record merged in, field by field. */
    load: (planned) => {
      let saved = true;
      for (const [id, record] of planned.records) {
        saw(record);
        saved = mergeIn(id, record) && saved;
      }
      notify(planned.records.map(([id]) => id));
      return saved;
    },
    downloaded: () => {
      try {
        writeMeta({ backedUp: new Date().toISOString() });
      } catch {
        /* the date is only a reminder */
      }
      notify([]);
    },
    get backedUp() {
      return meta.backedUp ? new Date(meta.backedUp) : null;
    },
    /* Days since everything was last downloaded (or first kept), when that is long enough
     * to remind her; else 0. */
    reminderDays: () => {
      const kept = [...records.values()].some((record) => valuesOf(record) && Object.keys(valuesOf(record)).length);
      const since = Date.parse(meta.backedUp || meta.since || "");
      const days = Math.floor((Date.now() - since) / DAY);
      return kept && days >= REMIND_AFTER_DAYS ? days : 0;
    },
    /* Bytes of "Download everything". */
    size: () => new Blob([JSON.stringify(backup())]).size,
    /* Everything this guide keeps on this phone, gone (in every tab). */
    erase: () => {
      try {
        for (const name of ourKeys()) localStorage.removeItem(name); /* damaged copies too */
      } catch {
        return fail("blocked");
      }
      records.clear();
      meta = {};
      problem = "";
      notify([]);
      return true;
    },
    /* Run `render`, then give focus (and the caret) back to the field that had it. */
    keepFocus: (render) => {
      const active = document.activeElement;
      const id = active?.id;
      const caret = active && "selectionStart" in active ? [active.selectionStart, active.selectionEnd] : null;
      render();
      const again = id && document.getElementById(id);
      if (again && again !== document.activeElement) {
        again.focus();
        if (caret && again.setSelectionRange) {
          try {
            again.setSelectionRange(...caret);
          } catch {
            /* not a text field */
          }
        }
      }
    },
  });
})();
