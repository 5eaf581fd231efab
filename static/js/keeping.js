/* What the pages of what a patient keeps share (visits, medicines, my data): building
 * elements, dates in her language, the alert and undo lines, downloads, the reminder to
 * keep a copy. Loaded after store.js, before the page's own script. */
"use strict";

const keeping = (() => {
  const { format, say, shareOrCopy } = common;
  /* Her own facts: allergies, the unit of temperatures, the symptoms she added to the diary. */
  const PROFILE = "profile:me";
  /* The symptoms she added to the diary ({id, name, order}), in the order she added them. */
  const ownSymptoms = () => store.items(store.get(PROFILE), "symptom").filter((symptom) => symptom.name);

  /* el("p", {class: "x"}, "text", node, …): an element with attributes and children. */
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) if (value !== false && value != null) node.setAttribute(name, value);
    node.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
    return node;
  };

  const pad = (number) => String(number).padStart(2, "0");
  /* Today on this phone's calendar, as the date fields write it: "2026-12-02". */
  const today = () => {
    const now = new Date();
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  };
  const localDate = (day, time = "") => {
    const [y, m, d] = day.split("-").map(Number);
    const [hours, minutes] = time ? time.split(":").map(Number) : [0, 0];
    return new Date(y, m - 1, d, hours, minutes);
  };
  /* The day `n` days after `day` ("2026-12-02", -29 → "2026-11-03"), on the phone's calendar. */
  const addDays = (day, n) => {
    const date = localDate(day);
    date.setDate(date.getDate() + n);
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  };

  class Page {
    constructor(root) {
      this.root = root;
      this.t = root.dataset;
      this.locale = root.dataset.locale;
      this.undo = null;
      for (const node of root.querySelectorAll("[data-tools]")) node.hidden = false;
      root.classList.add("is-interactive");
      this.on("undo", () => {
        const undo = this.undo;
        this.status("");
        if (undo) undo();
        this.render();
      });
      store.onChange(() => this.root.isConnected && this.render()); /* not once htmx swapped it out */
    }

    on(action, handler, type = "click") {
      for (const node of this.root.querySelectorAll(`[data-action="${action}"]`)) node.addEventListener(type, handler);
    }

    /* Draw the page again from the store, the focused field keeping its focus. */
    render() {
      store.keepFocus(() => {
        this.saved(!store.problem);
        this.remind();
        this.draw();
      });
    }

    /* The alert says why the last change was not saved, or nothing. */
    saved(ok) {
      const box = this.root.querySelector("[data-alert]");
      const why = { full: this.t.tFull, blocked: this.t.tBlocked, newer: this.t.tNewer }[store.problem];
      say(box, ok ? "" : why);
      box.hidden = ok || !why;
      return ok;
    }

    /* Say what was done; with `undo`, offer to take it back. */
    status(message, undo = null) {
      this.undo = undo;
      say(this.root.querySelector("[data-status]"), message);
      const button = this.root.querySelector("[data-action=undo]");
      if (button) button.hidden = !undo;
    }

    remind() {
      const box = this.root.querySelector("[data-backup-reminder]");
      if (!box) return;
      const days = store.reminderDays();
      box.hidden = !days;
      const text = store.backedUp ? format(box.dataset.tSince, { date: this.date(store.backedUp) }) : box.dataset.tNever;
      say(box.querySelector("[data-reminder-text]"), `${text} `);
    }

    /* "Answer: yes", as her language writes it (French: "Réponse : oui"); no value, the
     * label alone ("My questions:"). */
    labelled(label, value = "") {
      return format(this.t.tLabelled, { label, value }).trim();
    }

    /* The same, as nodes: the label strong, the value as she wrote it (its own direction). */
    labelledNodes(label, value) {
      const [before, after = ""] = this.t.tLabelled.split("%(value)s");
      return [el("strong", {}, format(before, { label })), el("span", { dir: "auto" }, value), after];
    }

    /* Dates and numbers as the reader's language writes them. */
    date(value, options = { dateStyle: "long" }) {
      const date = typeof value === "string" ? localDate(value) : value;
      try {
        return this.formatter("DateTimeFormat", options).format(date);
      } catch {
        return date.toLocaleDateString();
      }
    }

    /* One Intl formatter per kind and options: making one costs more than using it. */
    formatter(kind, options) {
      const key = kind + JSON.stringify(options);
      this.formatters ??= new Map();
      if (!this.formatters.has(key)) this.formatters.set(key, new Intl[kind](this.locale, options));
      return this.formatters.get(key);
    }

    when(day, time) {
      return time
        ? this.date(localDate(day, time), { dateStyle: "full", timeStyle: "short" })
        : this.date(day, { dateStyle: "full" });
    }

    /* The unit she chose for temperatures (the diary's), and one temperature in it. */
    get unit() {
      return store.get(PROFILE)?.tempUnit === "F" ? "F" : "C";
    }

    temperature(celsius) {
      const value = this.unit === "F" ? toF(celsius) : celsius;
      return `${this.number(value, { maximumFractionDigits: 1 })} °${this.unit}`;
    }

    number(value, options = {}) {
      return this.formatter("NumberFormat", options).format(value);
    }

    /* The share sheet, else the clipboard, else a box under `line` with the text selected
     * to copy by hand. True once copied. */
    shareText(text, line, label) {
      return shareOrCopy({ text }, () => {
        const area =
          this.root.querySelector("textarea.copy-area") ||
          el("textarea", { class: "copy-area", readonly: "", rows: "8", "aria-label": label });
        area.value = text;
        line.after(area);
        return area;
      });
    }

    /* The page's form adds a record, or changes the one being edited: `this.editor` says
     * its fields, its two button labels and where focus goes back to ({fields, add, save,
     * heading(id)}). */
    edit(record) {
      this.editing = record.id;
      for (const name of this.editor.fields) this.form.elements[name].value = record[name] || "";
      this.form.querySelector("[data-submit]").textContent = this.editor.save;
      this.root.querySelector("[data-action=cancel-edit]").hidden = false;
      this.form.elements[this.editor.fields[0]].focus();
    }

    stopEditing(focus = true) {
      const id = this.editing;
      this.editing = null;
      this.form.reset();
      this.form.querySelector("[data-submit]").textContent = this.editor.add;
      this.root.querySelector("[data-action=cancel-edit]").hidden = true;
      if (focus && id) this.editor.heading(id)?.focus();
    }

    /* A file to the phone's downloads, made here: nothing goes through the network. */
    download(name, type, text) {
      const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }

    /* The values of a form's named fields, trimmed. */
    values(form) {
      return Object.fromEntries(
        [...form.elements].filter((field) => field.name).map((field) => [field.name, field.value.trim()]),
      );
    }
  }

  /* --- the diary's summary, on the diary page and on a visit's page for the care team -------- */

  const toF = (celsius) => Math.round(((celsius * 9) / 5 + 32) * 10) / 10;

  /* The symptoms, the scale and the warning rules, as the page sends them
   * (keeping/_macros.html diary_words, from webapp/keeping/symptoms.py). */
  const diaryWords = (root) => {
    const words = root.querySelector("template[data-diary-words]");
    const items = [...words.content.querySelectorAll("li")];
    return {
      symptoms: items.filter((li) => li.dataset.symptom).map((li) => ({ id: li.dataset.symptom, name: li.textContent, tier: li.dataset.tier || null })),
      ratings: items.filter((li) => li.dataset.rating).map((li) => li.textContent),
      warnFrom: Number(words.dataset.warnFrom),
      feverFrom: Number(words.dataset.feverFrom),
      lowBelow: Number(words.dataset.lowBelow),
      temperatureTier: words.dataset.temperatureTier,
    };
  };

  /* Each symptom rated from `from` to `to` (days, inclusive): its worst rating, the days it was
   * there (mild or worse) and the days it was rated; the notes and temperatures, by day. */
  const diarySummary = (words, from, to) => {
    const entries = store
      .list("diary")
      .map(({ id, values }) => ({ day: id.slice("diary:".length), ...values }))
      .filter(({ day }) => day >= from && day <= to)
      .sort((a, b) => (a.day < b.day ? -1 : 1));
    const rows = [...words.symptoms, ...ownSymptoms()]
      .map(({ id, name }) => {
        const rated = entries.map((entry) => entry[`s.${id}`]).filter((value) => value !== undefined);
        return { id, name, worst: Math.max(...rated), present: rated.filter((value) => value > 0).length, rated: rated.length };
      })
      .filter((row) => row.rated);
    return {
      days: entries.length,
      rows,
      notes: entries.filter((entry) => entry.note).map((entry) => [entry.day, entry.note]),
      temps: entries.filter((entry) => entry.temp !== undefined).map((entry) => [entry.day, entry.temp]),
    };
  };

  const diarySummaryNodes = (page, words, from, to, heading) => {
    const { t } = page;
    const summary = diarySummary(words, from, to);
    const period = `${page.date(from)} – ${page.date(to)}`;
    const nodes = [el("p", {}, ...page.labelledNodes(t.tPeriod, period)), el("p", {}, ...page.labelledNodes(t.tDaysEntered, page.number(summary.days)))];
    if (!summary.days) return nodes;
    const head = [t.tSymptom, t.tWorst, t.tDaysPresent, t.tDaysRated].map((text) => el("th", { scope: "col" }, text));
    const rows = summary.rows.map((row) =>
      el(
        "tr",
        { "data-symptom": row.id },
        el("th", { scope: "row", dir: "auto" }, row.name),
        el("td", {}, words.ratings[row.worst]),
        el("td", {}, page.number(row.present)),
        el("td", {}, page.number(row.rated)),
      ),
    );
    nodes.push(el("table", { class: "summary-table" }, el("thead", {}, el("tr", {}, ...head)), el("tbody", {}, ...rows)));
    if (summary.temps.length) {
      nodes.push(el(heading, {}, t.tTemperatures));
      nodes.push(el("ul", {}, ...summary.temps.map(([day, temp]) => el("li", {}, ...page.labelledNodes(page.date(day), page.temperature(temp))))));
    }
    if (summary.notes.length) {
      nodes.push(el(heading, {}, t.tNotes));
      nodes.push(el("ul", {}, ...summary.notes.map(([day, note]) => el("li", {}, ...page.labelledNodes(page.date(day), note)))));
    }
    return nodes;
  };

  const diarySummaryText = (page, words, from, to) => {
    const { t } = page;
    const summary = diarySummary(words, from, to);
    const lines = [page.labelled(t.tPeriod, `${page.date(from)} – ${page.date(to)}`), page.labelled(t.tDaysEntered, page.number(summary.days))];
    for (const row of summary.rows) {
      lines.push(`- ${page.labelled(row.name, words.ratings[row.worst])}`, `  ${page.labelled(t.tDaysPresent, page.number(row.present))}`);
    }
    if (summary.temps.length) lines.push("", page.labelled(t.tTemperatures), ...summary.temps.map(([day, temp]) => `- ${page.labelled(page.date(day), page.temperature(temp))}`));
    if (summary.notes.length) lines.push("", page.labelled(t.tNotes), ...summary.notes.map(([day, note]) => `- ${page.labelled(page.date(day), note)}`));
    return lines.join("\n");
  };

  return Object.freeze({ PROFILE, ownSymptoms, el, Page, today, localDate, addDays, toF, diaryWords, diarySummaryNodes, diarySummaryText });
})();
