/* What the pages of what a patient keeps share (visits, medicines, my data): building
 * elements, dates in her language, the alert and undo lines, downloads, the reminder to
 * keep a copy. Loaded after store.js, before the page's own script. */
"use strict";

const keeping = (() => {
  const { format, say } = common;

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
        return new Intl.DateTimeFormat(this.locale, options).format(date);
      } catch {
        return date.toLocaleDateString();
      }
    }

    when(day, time) {
      return time
        ? this.date(localDate(day, time), { dateStyle: "full", timeStyle: "short" })
        : this.date(day, { dateStyle: "full" });
    }

    number(value, options = {}) {
      return new Intl.NumberFormat(this.locale, options).format(value);
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

  return Object.freeze({ el, Page, today, localDate });
})();
