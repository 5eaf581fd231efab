/* Checklists kept on the phone.
 *
 * The server sends a plain list that reads and prints without JavaScript. This
 * script adds ticks, notes and the patient's own items, and keeps them in this
 * browser's localStorage — never in a request, a URL or htmx's history cache.
 *
 * Storage: one key per list, "mbc-companion:checklist:<list id>", holding
 *   {version: 1, items: {<item id>: {done, note, text}}, own: [{id, text, done, note}]}
 * Items are keyed by the stable ids of content/checklists/*.yaml, so a reworded
 * item keeps its tick; `text` remembers what the patient saw, so an item removed
 * from the list can still be shown with her note.
 */
(function () {
  "use strict";

  var VERSION = 1;
  var FILE_FORMAT = "mbc-companion-checklist";
  var MAX_NOTE = 2000;
  var MAX_TEXT = 300;

  function storageKey(listId) {
    return "mbc-companion:checklist:" + listId;
  }

  function emptyState() {
    return { version: VERSION, items: {}, own: [] };
  }

  /* Accepts only what this script itself writes: anything else is damage. */
  function cleanState(data) {
    if (!data || typeof data !== "object" || data.version !== VERSION) return null;
    if (!data.items || typeof data.items !== "object" || Array.isArray(data.items)) return null;
    if (!Array.isArray(data.own)) return null;
    var state = emptyState();
    var ids = Object.keys(data.items);
    for (var i = 0; i < ids.length; i++) {
      var entry = data.items[ids[i]];
      if (!/^[a-z0-9-]{1,80}$/.test(ids[i]) || !entry || typeof entry !== "object") return null;
      if (typeof entry.done !== "boolean" || typeof entry.note !== "string" || typeof entry.text !== "string") return null;
      state.items[ids[i]] = { done: entry.done, note: entry.note.slice(0, MAX_NOTE), text: entry.text.slice(0, 1000) };
    }
    for (var j = 0; j < data.own.length; j++) {
      var own = data.own[j];
      if (!own || typeof own.id !== "string" || !/^own-[a-z0-9]{1,20}$/.test(own.id)) return null;
      if (typeof own.text !== "string" || typeof own.done !== "boolean" || typeof own.note !== "string") return null;
      state.own.push({ id: own.id, text: own.text.slice(0, MAX_TEXT), done: own.done, note: own.note.slice(0, MAX_NOTE) });
    }
    return state;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, name) {
      return String(values[name]);
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function Checklist(root) {
    this.root = root;
    this.id = root.dataset.checklist;
    this.t = root.dataset;
    this.undoState = null;
    this.rows = {};
    this.state = this.load();
    this.enhance();
    this.render();
  }

  Checklist.prototype.load = function () {
    var raw;
    try {
      raw = window.localStorage.getItem(storageKey(this.id));
    } catch (error) {
      this.storageBroken = true;
      this.alert(this.t.tBlocked);
      return emptyState();
    }
    if (raw === null) return emptyState();
    try {
      var parsed = JSON.parse(raw);
      if (parsed && parsed.version > VERSION) {
        this.readOnly = true; /* never overwrite what a newer version wrote */
        this.alert(this.t.tNewer);
        return emptyState();
      }
      var state = cleanState(parsed);
      if (state) return state;
    } catch (error) {
      /* fall through */
    }
    /* Damaged data is kept aside, not thrown away, and the list starts empty. */
    try {
      window.localStorage.setItem(storageKey(this.id) + ":damaged", raw);
    } catch (error) {
      /* nothing more we can do */
    }
    return emptyState();
  };

  Checklist.prototype.save = function () {
    if (this.readOnly) return false;
    try {
      window.localStorage.setItem(storageKey(this.id), JSON.stringify(this.state));
    } catch (error) {
      var full = error && (error.name === "QuotaExceededError" || error.code === 22);
      this.alert(full ? this.t.tFull : this.t.tBlocked);
      return false;
    }
    this.alert("");
    if (!this.askedPersistence && navigator.storage && navigator.storage.persist) {
      /* Browsers may evict site data; ask once that this list be kept. */
      this.askedPersistence = true;
      navigator.storage.persist().catch(function () {});
    }
    return true;
  };

  Checklist.prototype.alert = function (message) {
    var box = this.root.querySelector("[data-alert]");
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
  };

  Checklist.prototype.status = function (message, undoable) {
    this.root.querySelector("[data-status]").textContent = message || "";
    this.root.querySelector("[data-action=undo]").hidden = !undoable;
  };

  Checklist.prototype.remember = function () {
    this.undoState = JSON.parse(JSON.stringify(this.state));
  };

  /* --- building the controls ------------------------------------------------ */

  Checklist.prototype.enhance = function () {
    var self = this;
    this.root.querySelectorAll("[data-tools]").forEach(function (node) {
      node.hidden = false;
      node.classList.remove("awaiting-script");
    });
    this.root.classList.add("is-interactive");
    this.root.querySelectorAll("li[data-item]").forEach(function (li) {
      var id = li.dataset.item;
      var text = li.querySelector(".item-text");
      self.rows[id] = self.buildRow(li, "item-" + id, text, {
        get: function () { return self.state.items[id] || { done: false, note: "", text: "" }; },
        set: function (change) {
          var entry = self.state.items[id] || { done: false, note: "", text: "" };
          Object.keys(change).forEach(function (k) { entry[k] = change[k]; });
          entry.text = text.textContent.trim();
          if (!entry.done && !entry.note) delete self.state.items[id];
          else self.state.items[id] = entry;
        },
      });
    });
    this.root.querySelector("[data-add-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var input = event.target.elements.text;
      var value = input.value.trim().slice(0, MAX_TEXT);
      if (!value) return;
      self.state.own.push({ id: "own-" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36), text: value, done: false, note: "" });
      if (self.save()) input.value = "";
      self.render();
      input.focus();
    });
    this.root.querySelector("[data-action=share]").addEventListener("click", function () { self.share(); });
    this.root.querySelector("[data-action=download]").addEventListener("click", function () { self.download(); });
    this.root.querySelector("[data-action=import]").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      if (file) self.importFile(file);
      event.target.value = "";
    });
    this.root.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
    this.root.querySelector("[data-action=reset]").addEventListener("click", function () {
      self.remember();
      self.state = emptyState();
      self.save();
      self.render();
      self.status(self.t.tCleared, true);
    });
    this.root.querySelector("[data-action=undo]").addEventListener("click", function () {
      if (!self.undoState) return;
      self.state = self.undoState;
      self.undoState = null;
      self.save();
      self.render();
      self.status("", false);
    });
  };

  /* One row: a checkbox labelled by the item, a note under it. */
  Checklist.prototype.buildRow = function (li, key, textNode, access) {
    var self = this;
    var box = el("input", { type: "checkbox", id: "check-" + key });
    var label = el("label", { for: "check-" + key });
    label.appendChild(textNode);
    var noteButton = el("button", { type: "button", class: "note-toggle", "aria-expanded": "false", "aria-controls": "note-" + key });
    var noteArea = el("div", { class: "item-note", id: "note-" + key, hidden: "" });
    var noteLabel = el("label", { for: "note-input-" + key }, this.t.tNote);
    var note = el("textarea", { id: "note-input-" + key, rows: "3", maxlength: String(MAX_NOTE) });
    var closeNote = el("button", { type: "button", class: "note-close" }, this.t.tCloseNote);
    var printed = el("p", { class: "note-print" });
    noteArea.append(noteLabel, note, closeNote);
    var row = el("div", { class: "item-row" });
    row.append(box, label);
    var tools = el("div", { class: "item-tools" });
    tools.append(noteButton);
    li.replaceChildren(row, tools, noteArea, printed);

    box.addEventListener("change", function () {
      access.set({ done: box.checked });
      self.save();
      self.updateProgress();
    });
    note.addEventListener("input", function () {
      access.set({ note: note.value.slice(0, MAX_NOTE) });
      printed.textContent = note.value;
      self.save();
    });
    function toggle(open) {
      noteArea.hidden = !open;
      noteButton.setAttribute("aria-expanded", String(open));
      if (open) note.focus();
      else {
        noteButton.textContent = note.value ? self.t.tEditNote : self.t.tAddNote;
        noteButton.focus();
      }
    }
    noteButton.addEventListener("click", function () { toggle(noteArea.hidden); });
    closeNote.addEventListener("click", function () { toggle(false); });
    return {
      show: function () {
        var entry = access.get();
        box.checked = entry.done;
        if (document.activeElement !== note) note.value = entry.note;
        printed.textContent = entry.note;
        noteButton.textContent = entry.note ? self.t.tEditNote : self.t.tAddNote;
        li.classList.toggle("has-note", Boolean(entry.note));
      },
    };
  };

  Checklist.prototype.ownRow = function (own) {
    var self = this;
    var li = el("li", { "data-own": own.id });
    var text = el("span", { class: "item-text" }, own.text);
    var row = this.buildRow(li, own.id, text, {
      get: function () { return own; },
      set: function (change) {
        Object.keys(change).forEach(function (k) { own[k] = change[k]; });
      },
    });
    var edit = el("button", { type: "button" }, this.t.tEdit);
    var remove = el("button", { type: "button" }, this.t.tDelete);
    li.querySelector(".item-tools").append(edit, remove);
    edit.addEventListener("click", function () { self.editOwn(li, own); });
    remove.addEventListener("click", function () {
      self.remember();
      self.state.own = self.state.own.filter(function (o) { return o.id !== own.id; });
      self.save();
      self.render();
      self.status(self.t.tDeleted, true);
    });
    row.show();
    return li;
  };

  Checklist.prototype.editOwn = function (li, own) {
    var self = this;
    var form = el("form", { class: "edit-item", "data-hx-boost": "false" });
    var input = el("input", { value: own.text, maxlength: String(MAX_TEXT), "aria-label": this.t.tEdit, required: "" });
    var save = el("button", { type: "submit" }, this.t.tSave);
    var cancel = el("button", { type: "button" }, this.t.tCancel);
    form.append(input, save, cancel);
    li.replaceChildren(form);
    input.focus();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = input.value.trim().slice(0, MAX_TEXT);
      if (value) {
        own.text = value;
        self.save();
      }
      self.render();
    });
    cancel.addEventListener("click", function () { self.render(); });
  };

  Checklist.prototype.removedRow = function (id, entry) {
    var self = this;
    var li = el("li", { "data-removed-item": id });
    li.append(el("span", { class: "removed-mark" }, entry.done ? "✓ " : ""), el("span", { class: "item-text" }, entry.text));
    if (entry.note) li.append(el("p", { class: "removed-note" }, this.t.tNotePrefix + " " + entry.note));
    var remove = el("button", { type: "button" }, this.t.tDelete);
    remove.addEventListener("click", function () {
      self.remember();
      delete self.state.items[id];
      self.save();
      self.render();
      self.status(self.t.tDeleted, true);
    });
    li.append(remove);
    return li;
  };

  /* --- showing the state ------------------------------------------------------ */

  Checklist.prototype.render = function () {
    var self = this;
    Object.keys(this.rows).forEach(function (id) { self.rows[id].show(); });
    var ownList = this.root.querySelector("[data-own-list]");
    ownList.replaceChildren.apply(ownList, this.state.own.map(function (own) { return self.ownRow(own); }));
    var removed = Object.keys(this.state.items).filter(function (id) { return !self.rows[id]; });
    var removedList = this.root.querySelector("[data-removed-list]");
    removedList.replaceChildren.apply(removedList, removed.map(function (id) { return self.removedRow(id, self.state.items[id]); }));
    this.root.querySelector("[data-removed]").hidden = removed.length === 0;
    this.updateProgress();
  };

  Checklist.prototype.updateProgress = function () {
    var boxes = this.root.querySelectorAll("li[data-item] input[type=checkbox], li[data-own] input[type=checkbox]");
    var done = 0;
    boxes.forEach(function (box) { if (box.checked) done += 1; });
    this.root.querySelector("[data-progress]").textContent = format(this.t.tProgress, { done: done, total: boxes.length });
  };

  /* --- export and import ------------------------------------------------------- */

  Checklist.prototype.asText = function () {
    var self = this;
    var lines = [this.root.querySelector("h1").textContent.trim(), ""];
    function add(done, text, note) {
      lines.push((done ? "☑ " : "☐ ") + text);
      if (note) lines.push("    " + self.t.tNotePrefix + " " + note.replace(/\s+/g, " "));
    }
    this.root.querySelectorAll("li[data-item]").forEach(function (li) {
      var entry = self.state.items[li.dataset.item] || { done: false, note: "" };
      add(entry.done, li.querySelector(".item-text").textContent.trim(), entry.note);
    });
    if (this.state.own.length) {
      lines.push("", this.t.tOwnHeading);
      this.state.own.forEach(function (own) { add(own.done, own.text, own.note); });
    }
    return lines.join("\n");
  };

  Checklist.prototype.share = function () {
    var self = this;
    var text = this.asText();
    if (navigator.share) {
      navigator.share({ text: text }).catch(function () {});
      return;
    }
    var copied = function () { self.status(self.t.tCopied, false); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(copied, function () { self.copyByHand(text); });
    } else {
      this.copyByHand(text);
    }
  };

  /* Where the clipboard API is not allowed: select the text for the person to copy. */
  Checklist.prototype.copyByHand = function (text) {
    var area = this.root.querySelector("textarea.copy-area") || el("textarea", { class: "copy-area", readonly: "", rows: "8", "aria-label": this.t.tNote });
    area.value = text;
    this.root.querySelector("[data-status]").after(area);
    area.focus();
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    if (ok) this.status(this.t.tCopied, false);
  };

  Checklist.prototype.download = function () {
    var data = { format: FILE_FORMAT, version: VERSION, list: this.id, saved: new Date().toISOString(), items: this.state.items, own: this.state.own };
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "checklist-" + this.id + "-" + new Date().toISOString().slice(0, 10) + ".json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  };

  Checklist.prototype.importFile = function (file) {
    var self = this;
    if (file.size > 1000000) {
      this.status(this.t.tBadFile, false);
      return;
    }
    file.text().then(function (content) {
      var data;
      try { data = JSON.parse(content); } catch (error) { data = null; }
      if (!data || data.format !== FILE_FORMAT) return self.status(self.t.tBadFile, false);
      if (data.list !== self.id) return self.status(self.t.tOtherList, false);
      var state = cleanState({ version: data.version, items: data.items, own: data.own });
      if (!state) return self.status(self.t.tBadFile, false);
      self.remember();
      self.state = state;
      self.save();
      self.render();
      self.status(self.t.tImported, true);
    }, function () { self.status(self.t.tBadFile, false); });
  };

  function start(scope) {
    var roots = Array.prototype.slice.call(scope.querySelectorAll("article.checklist[data-checklist]"));
    if (scope.matches && scope.matches("article.checklist[data-checklist]")) roots.push(scope);
    roots.forEach(function (root) {
      if (root.dataset.ready) return;
      root.dataset.ready = "1";
      new Checklist(root);
    });
  }

  /* Boosted navigation swaps the body in without a page load. */
  document.addEventListener("htmx:load", function (event) { start(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  } else {
    /* A task of its own, apart from compiling this script: a slow phone gets to
     * paint and answer taps in between. The list's room is already kept. */
    setTimeout(function () { start(document); }, 0);
  }
})();
