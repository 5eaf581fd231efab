/* Checklists kept on the phone.
 *
 * The server sends a plain list that reads and prints without JavaScript. This
 * script adds ticks, notes and the patient's own items, and keeps them in this
 * browser's localStorage — never in a request, a URL or htmx's history cache.
 *
 * Storage: one key per list, NAMES.checklistKey + the list's id (webapp/browser_names.py), holding
 *   {version: 1, items: {<item id>: {done, note, text}}, own: [{id, text, done, note}]}
 * Items are keyed by the stable ids of content/checklists/*.yaml, so a reworded
 * item keeps its tick; `text` remembers what the patient saw, so an item removed
 * from the list can still be shown with her note.
 */
"use strict";

{
  const { NAMES, enhanceEach, format, keepStorage, say, shareOrCopy, storageIsFull } = common;
  const VERSION = 1;
  const MAX_NOTE = 2000;
  const MAX_TEXT = 300;

  const storageKey = (listId) => NAMES.checklistKey + listId;
  const emptyState = () => ({ version: VERSION, items: {}, own: [] });

  /* Accepts only what this script itself writes: anything else is damage. */
  const cleanState = (data) => {
    if (!data || typeof data !== "object" || data.version !== VERSION) return null;
    if (!data.items || typeof data.items !== "object" || Array.isArray(data.items)) return null;
    if (!Array.isArray(data.own)) return null;
    const state = emptyState();
    for (const [id, entry] of Object.entries(data.items)) {
      if (!/^[a-z0-9-]{1,80}$/.test(id) || !entry || typeof entry !== "object") return null;
      if (typeof entry.done !== "boolean" || typeof entry.note !== "string" || typeof entry.text !== "string") return null;
      state.items[id] = { done: entry.done, note: entry.note.slice(0, MAX_NOTE), text: entry.text.slice(0, 1000) };
    }
    for (const own of data.own) {
      if (!own || typeof own.id !== "string" || !/^own-[a-z0-9]{1,20}$/.test(own.id)) return null;
      if (typeof own.text !== "string" || typeof own.done !== "boolean" || typeof own.note !== "string") return null;
      state.own.push({ id: own.id, text: own.text.slice(0, MAX_TEXT), done: own.done, note: own.note.slice(0, MAX_NOTE) });
    }
    return state;
  };

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  };

  class Checklist {
    constructor(root) {
      this.root = root;
      this.id = root.dataset.checklist;
      this.t = root.dataset;
      this.undoState = null;
      this.rows = {};
      this.state = this.load();
      this.enhance();
      this.render();
    }

    load() {
      let raw;
      try {
        raw = localStorage.getItem(storageKey(this.id));
      } catch {
        this.alert(this.t.tBlocked);
        return emptyState();
      }
      if (raw === null) return emptyState();
      try {
        const parsed = JSON.parse(raw);
        if (parsed?.version > VERSION) {
          this.readOnly = true; /* never overwrite what a newer version wrote */
          this.alert(this.t.tNewer);
          return emptyState();
        }
        const state = cleanState(parsed);
        if (state) return state;
      } catch {
        /* fall through */
      }
      /* Damaged data is kept aside, not thrown away, and the list starts empty. */
      try {
        localStorage.setItem(storageKey(this.id) + NAMES.damagedSuffix, raw);
      } catch {
        /* nothing more we can do */
      }
      return emptyState();
    }

    save() {
      if (this.readOnly) return false;
      try {
        localStorage.setItem(storageKey(this.id), JSON.stringify(this.state));
      } catch (error) {
        this.alert(storageIsFull(error) ? this.t.tFull : this.t.tBlocked);
        return false;
      }
      this.alert("");
      if (!this.askedPersistence) {
        this.askedPersistence = true; /* once: that this list be kept */
        keepStorage();
      }
      return true;
    }

    alert(message) {
      const box = this.root.querySelector("[data-alert]");
      say(box, message);
      if (box) box.hidden = !message;
    }

    status(message, undoable) {
      say(this.root.querySelector("[data-status]"), message);
      this.root.querySelector("[data-action=undo]").hidden = !undoable;
    }

    /* A change the reader can take back: the state before it kept, then saved, shown, said. */
    undoable(change, message) {
      this.undoState = JSON.parse(JSON.stringify(this.state));
      change();
      this.save();
      this.render();
      this.status(message, true);
    }

    /* --- building the controls ------------------------------------------------ */

    enhance() {
      for (const node of this.root.querySelectorAll("[data-tools]")) {
        node.hidden = false;
        node.classList.remove("awaiting-script");
      }
      this.root.classList.add("is-interactive");
      for (const li of this.root.querySelectorAll("li[data-item]")) {
        const id = li.dataset.item;
        const text = li.querySelector(".item-text");
        const entry = () => this.state.items[id] || { done: false, note: "", text: "" };
        this.rows[id] = this.buildRow(li, `item-${id}`, text, {
          get: entry,
          set: (change) => {
            const changed = Object.assign(entry(), change, { text: text.textContent.trim() });
            if (!changed.done && !changed.note) delete this.state.items[id];
            else this.state.items[id] = changed;
          },
        });
      }
      this.root.querySelector("[data-add-form]").addEventListener("submit", (event) => {
        event.preventDefault();
        const input = event.target.elements.text;
        const value = input.value.trim().slice(0, MAX_TEXT);
        if (!value) return;
        const id = `own-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
        this.state.own.push({ id, text: value, done: false, note: "" });
        if (this.save()) input.value = "";
        this.render();
        input.focus();
      });
      const on = (action, type, handler) =>
        this.root.querySelector(`[data-action=${action}]`).addEventListener(type, handler);
      on("share", "click", () => this.share());
      on("download", "click", () => this.download());
      on("import", "change", (event) => {
        const file = event.target.files?.[0];
        if (file) this.importFile(file);
        event.target.value = "";
      });
      on("print", "click", () => window.print());
      on("reset", "click", () => this.undoable(() => (this.state = emptyState()), this.t.tCleared));
      on("undo", "click", () => {
        if (!this.undoState) return;
        this.state = this.undoState;
        this.undoState = null;
        this.save();
        this.render();
        this.status("", false);
      });
    }

    /* One row: a checkbox labelled by the item, a note under it. */
    buildRow(li, key, textNode, access) {
      const box = el("input", { type: "checkbox", id: `check-${key}` });
      const label = el("label", { for: `check-${key}` });
      label.append(textNode);
      const noteButton = el("button", {
        type: "button",
        class: "note-toggle",
        "aria-expanded": "false",
        "aria-controls": `note-${key}`,
      });
      const noteArea = el("div", { class: "item-note", id: `note-${key}`, hidden: "" });
      const noteLabel = el("label", { for: `note-input-${key}` }, this.t.tNote);
      const note = el("textarea", { id: `note-input-${key}`, rows: "3", maxlength: String(MAX_NOTE) });
      const closeNote = el("button", { type: "button", class: "note-close" }, this.t.tCloseNote);
      const printed = el("p", { class: "note-print" });
      noteArea.append(noteLabel, note, closeNote);
      const row = el("div", { class: "item-row" });
      row.append(box, label);
      const tools = el("div", { class: "item-tools" });
      tools.append(noteButton);
      li.replaceChildren(row, tools, noteArea, printed);

      box.addEventListener("change", () => {
        access.set({ done: box.checked });
        this.save();
        this.updateProgress();
      });
      note.addEventListener("input", () => {
        access.set({ note: note.value.slice(0, MAX_NOTE) });
        printed.textContent = note.value;
        this.save();
      });
      const toggle = (open) => {
        noteArea.hidden = !open;
        noteButton.setAttribute("aria-expanded", String(open));
        if (open) {
          note.focus();
        } else {
          noteButton.textContent = note.value ? this.t.tEditNote : this.t.tAddNote;
          noteButton.focus();
        }
      };
      noteButton.addEventListener("click", () => toggle(noteArea.hidden));
      closeNote.addEventListener("click", () => toggle(false));
      return {
        show: () => {
          const entry = access.get();
          box.checked = entry.done;
          if (document.activeElement !== note) note.value = entry.note;
          printed.textContent = entry.note;
          noteButton.textContent = entry.note ? this.t.tEditNote : this.t.tAddNote;
          li.classList.toggle("has-note", Boolean(entry.note));
        },
      };
    }

    ownRow(own) {
      const li = el("li", { "data-own": own.id });
      const text = el("span", { class: "item-text" }, own.text);
      const row = this.buildRow(li, own.id, text, { get: () => own, set: (change) => Object.assign(own, change) });
      const edit = el("button", { type: "button" }, this.t.tEdit);
      const remove = el("button", { type: "button" }, this.t.tDelete);
      li.querySelector(".item-tools").append(edit, remove);
      edit.addEventListener("click", () => this.editOwn(li, own));
      remove.addEventListener("click", () =>
        this.undoable(() => (this.state.own = this.state.own.filter((o) => o.id !== own.id)), this.t.tDeleted),
      );
      row.show();
      return li;
    }

    editOwn(li, own) {
      const form = el("form", { class: "edit-item", "data-hx-boost": "false" });
      const input = el("input", { value: own.text, maxlength: String(MAX_TEXT), "aria-label": this.t.tEdit, required: "" });
      const save = el("button", { type: "submit" }, this.t.tSave);
      const cancel = el("button", { type: "button" }, this.t.tCancel);
      form.append(input, save, cancel);
      li.replaceChildren(form);
      input.focus();
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const value = input.value.trim().slice(0, MAX_TEXT);
        if (value) {
          own.text = value;
          this.save();
        }
        this.render();
      });
      cancel.addEventListener("click", () => this.render());
    }

    removedRow(id, entry) {
      const li = el("li", { "data-removed-item": id });
      li.append(el("span", { class: "removed-mark" }, entry.done ? "✓ " : ""), el("span", { class: "item-text" }, entry.text));
      if (entry.note) li.append(el("p", { class: "removed-note" }, `${this.t.tNotePrefix} ${entry.note}`));
      const remove = el("button", { type: "button" }, this.t.tDelete);
      remove.addEventListener("click", () => this.undoable(() => delete this.state.items[id], this.t.tDeleted));
      li.append(remove);
      return li;
    }

    /* --- showing the state ------------------------------------------------------ */

    render() {
      for (const row of Object.values(this.rows)) row.show();
      this.root.querySelector("[data-own-list]").replaceChildren(...this.state.own.map((own) => this.ownRow(own)));
      const removed = Object.keys(this.state.items).filter((id) => !this.rows[id]);
      this.root
        .querySelector("[data-removed-list]")
        .replaceChildren(...removed.map((id) => this.removedRow(id, this.state.items[id])));
      this.root.querySelector("[data-removed]").hidden = removed.length === 0;
      this.updateProgress();
    }

    updateProgress() {
      const boxes = [
        ...this.root.querySelectorAll("li[data-item] input[type=checkbox], li[data-own] input[type=checkbox]"),
      ];
      const done = boxes.filter((box) => box.checked).length;
      this.root.querySelector("[data-progress]").textContent = format(this.t.tProgress, { done, total: boxes.length });
    }

    /* --- export and import ------------------------------------------------------- */

    asText() {
      const lines = [this.root.querySelector("h1").textContent.trim(), ""];
      const add = (done, text, note) => {
        lines.push(`${done ? "☑" : "☐"} ${text}`);
        if (note) lines.push(`    ${this.t.tNotePrefix} ${note.replace(/\s+/g, " ")}`);
      };
      for (const li of this.root.querySelectorAll("li[data-item]")) {
        const entry = this.state.items[li.dataset.item] || { done: false, note: "" };
        add(entry.done, li.querySelector(".item-text").textContent.trim(), entry.note);
      }
      if (this.state.own.length) {
        lines.push("", this.t.tOwnHeading);
        for (const own of this.state.own) add(own.done, own.text, own.note);
      }
      return lines.join("\n");
    }

    async share() {
      const text = this.asText();
      if (await shareOrCopy({ text }, () => this.copyArea(text))) this.status(this.t.tCopied, false);
    }

    /* Where the clipboard API is not allowed: the text in a box under the status line. */
    copyArea(text) {
      const area =
        this.root.querySelector("textarea.copy-area") ||
        el("textarea", { class: "copy-area", readonly: "", rows: "8", "aria-label": this.t.tNote });
      area.value = text;
      this.root.querySelector("[data-status]").after(area);
      return area;
    }

    download() {
      const saved = new Date().toISOString();
      const { items, own } = this.state;
      const data = { format: NAMES.checklistFile, version: VERSION, list: this.id, saved, items, own };
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const link = el("a", {
        href: URL.createObjectURL(blob),
        download: `checklist-${this.id}-${saved.slice(0, 10)}.json`,
      });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }

    async importFile(file) {
      if (file.size > 1000000) return this.status(this.t.tBadFile, false);
      let data = null;
      try {
        data = JSON.parse(await file.text());
      } catch {
        /* unreadable, or not JSON: not a saved copy */
      }
      if (data?.format !== NAMES.checklistFile) return this.status(this.t.tBadFile, false);
      if (data.list !== this.id) return this.status(this.t.tOtherList, false);
      const state = cleanState({ version: data.version, items: data.items, own: data.own });
      if (!state) return this.status(this.t.tBadFile, false);
      this.undoable(() => (this.state = state), this.t.tImported);
    }
  }

  enhanceEach("article.checklist[data-checklist]", (root) => new Checklist(root), { ownTask: true });
}
