/* Checklists kept on the phone.
 *
 * The server sends a plain list that reads and prints without JavaScript. This
 * script adds ticks, notes and the patient's own items, and keeps them in the store
 * (static/js/store.js) — never in a request, a URL or htmx's history cache.
 *
 * A list is the record "checklist:<list id>", with the fields item.<item id>.done|note|text
 * and own.<own id>.text|done|note|order. Items are keyed by the stable ids of
 * content/checklists/*.yaml, so a reworded item keeps its tick; `text` remembers what the
 * patient saw, so an item removed from the list can still be shown with her note. Each
 * change saves only the fields it changes: another tab's changes to the list are kept.
 */
"use strict";

{
  const { NAMES, enhanceEach, format, say, shareOrCopy } = common;
  const MAX_NOTE = 2000;
  const MAX_TEXT = 300;

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
      this.record = `checklist:${this.id}`;
      this.t = root.dataset;
      this.undoState = null;
      this.rows = {};
      this.enhance();
      this.render();
      store.onChange(() => this.root.isConnected && this.render()); /* not once htmx swapped it out */
    }

    /* The list as kept: {items: {<id>: {done, note, text}}, own: [{id, text, done, note}]}. */
    get state() {
      const values = store.get(this.record);
      const items = Object.fromEntries(store.items(values, "item").map(({ id, ...entry }) => [id, entry]));
      const own = store.items(values, "own").filter((entry) => entry.text !== undefined);
      return { items, own };
    }

    /* Save some fields; the alert says when that fails, and why. */
    change(fields) {
      return this.saved(store.set(this.record, fields));
    }

    saved(ok) {
      const why = { full: this.t.tFull, blocked: this.t.tBlocked, newer: this.t.tNewer }[store.problem];
      this.alert(ok ? "" : why);
      return ok;
    }

    /* Make the list `state` (an earlier one, a loaded copy, an empty one). */
    replace(state) {
      const fields = {};
      for (const [id, entry] of Object.entries(state.items)) {
        for (const name of ["done", "note", "text"]) fields[`item.${id}.${name}`] = entry[name];
      }
      state.own.forEach((own, order) => {
        for (const name of ["done", "note", "text"]) fields[`own.${own.id}.${name}`] = own[name];
        fields[`own.${own.id}.order`] = order;
      });
      return this.replaceFields(fields);
    }

    replaceFields(fields) {
      const gone = Object.fromEntries(Object.keys(store.get(this.record) || {}).map((name) => [name, null]));
      return this.change({ ...gone, ...fields });
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
      this.undoState = this.state;
      change();
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
        this.rows[id] = this.buildRow(li, `item-${id}`, text, {
          get: () => ({ done: false, note: "", ...this.state.items[id] }),
          set: (name, value) => this.change({ [`item.${id}.${name}`]: value, [`item.${id}.text`]: text.textContent.trim() }),
        });
      }
      this.root.querySelector("[data-add-form]").addEventListener("submit", (event) => {
        event.preventDefault();
        const input = event.target.elements.text;
        const value = input.value.trim().slice(0, MAX_TEXT);
        if (!value) return;
        const id = `own-${store.newId()}`;
        const fields = { text: value, done: false, note: "", order: Date.now() };
        if (this.change(Object.fromEntries(Object.entries(fields).map(([name, v]) => [`own.${id}.${name}`, v])))) {
          input.value = "";
        }
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
      on("reset", "click", () => this.undoable(() => this.replace({ items: {}, own: [] }), this.t.tCleared));
      on("undo", "click", () => {
        if (!this.undoState) return;
        this.replace(this.undoState);
        this.undoState = null;
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
        access.set("done", box.checked);
        this.updateProgress();
      });
      note.addEventListener("input", () => {
        access.set("note", note.value.slice(0, MAX_NOTE));
        printed.textContent = note.value;
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
      const row = this.buildRow(li, own.id, text, {
        get: () => own,
        set: (name, value) => this.change({ [`own.${own.id}.${name}`]: value }),
      });
      const edit = el("button", { type: "button" }, this.t.tEdit);
      const remove = el("button", { type: "button" }, this.t.tDelete);
      li.querySelector(".item-tools").append(edit, remove);
      edit.addEventListener("click", () => this.editOwn(li, own));
      remove.addEventListener("click", () =>
        this.undoable(() => this.replace({ ...this.state, own: this.state.own.filter((o) => o.id !== own.id) }), this.t.tDeleted),
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
        if (value) this.change({ [`own.${own.id}.text`]: value });
        this.render();
      });
      cancel.addEventListener("click", () => this.render());
    }

    removedRow(id, entry) {
      const li = el("li", { "data-removed-item": id });
      li.append(el("span", { class: "removed-mark" }, entry.done ? "✓ " : ""), el("span", { class: "item-text" }, entry.text));
      if (entry.note) li.append(el("p", { class: "removed-note" }, `${this.t.tNotePrefix} ${entry.note}`));
      const remove = el("button", { type: "button" }, this.t.tDelete);
      remove.addEventListener("click", () =>
        this.undoable(() => this.change({ [`item.${id}.done`]: null, [`item.${id}.note`]: null, [`item.${id}.text`]: null }), this.t.tDeleted),
      );
      li.append(remove);
      return li;
    }

    /* --- showing the state ------------------------------------------------------ */

    render() {
      store.keepFocus(() => this.draw());
    }

    draw() {
      this.saved(!store.problem);
      const state = this.state;
      for (const row of Object.values(this.rows)) row.show();
      this.root.querySelector("[data-own-list]").replaceChildren(...state.own.map((own) => this.ownRow(own)));
      const removed = Object.keys(state.items).filter((id) => !this.rows[id] && (state.items[id].done || state.items[id].note));
      this.root
        .querySelector("[data-removed-list]")
        .replaceChildren(...removed.map((id) => this.removedRow(id, state.items[id])));
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
      const state = this.state;
      const lines = [this.root.querySelector("h1").textContent.trim(), ""];
      const add = (done, text, note) => {
        lines.push(`${done ? "☑" : "☐"} ${text}`);
        if (note) lines.push(`    ${this.t.tNotePrefix} ${note.replace(/\s+/g, " ")}`);
      };
      for (const li of this.root.querySelectorAll("li[data-item]")) {
        const entry = state.items[li.dataset.item] || { done: false, note: "" };
        add(entry.done, li.querySelector(".item-text").textContent.trim(), entry.note);
      }
      if (state.own.length) {
        lines.push("", this.t.tOwnHeading);
        for (const own of state.own) add(own.done, own.text, own.note);
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
      const kept = Object.fromEntries(
        Object.entries(items).map(([id, { done = false, note = "", text = "" }]) => [id, { done, note, text }]),
      );
      const listed = own.map(({ id, text, done = false, note = "" }) => ({ id, text, done, note }));
      /* The copy's format is still version 1: copies made before the store load, and load here. */
      const data = { format: NAMES.checklistFile, version: 1, list: this.id, saved, items: kept, own: listed };
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
      const fields = store.checklistFields({ version: data.version, items: data.items, own: data.own });
      if (!fields) return this.status(this.t.tBadFile, false);
      this.undoable(() => this.replaceFields(fields), this.t.tImported);
    }
  }

  enhanceEach("article.checklist[data-checklist]", (root) => new Checklist(root), { ownTask: true });
}
