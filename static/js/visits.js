/* My visits: appointments with the questions pinned to them, the answers, what the team
 * said, a page for the care team and a calendar file. Kept in the store
 * (static/js/store.js), never sent: the forms are never submitted.
 *
 * A visit is the record "visit:<id>": date, time, who, note, said, and its questions
 * q.<id>.text|asked|answer|from|order (`from`: the item of the questions checklist it was
 * pinned from, so it is pinned once).
 */
"use strict";

{
  const { enhanceEach, format } = common;
  const { el, Page, today, addDays } = keeping;
  const MAX_QUESTION = 1000;

  const keyOf = (id) => id.slice("visit:".length);
  const fieldsOf = (prefix, values) => Object.fromEntries(Object.entries(values).map(([name, v]) => [`${prefix}.${name}`, v]));

  /* --- the calendar file (RFC 5545) --------------------------------------------------- */

  const icsText = (value) => value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  /* Lines of at most 75 octets, continued on lines that start with a space. */
  const fold = (line) => {
    const encoder = new TextEncoder();
    const parts = [];
    let part = "";
    for (const character of line) {
      const limit = parts.length ? 74 : 75;
      if (encoder.encode(part + character).length > limit) {
        parts.push(part);
        part = "";
      }
      part += character;
    }
    parts.push(part);
    return parts.join("\r\n ");
  };
  const nextDay = (day) => {
    const [y, m, d] = day.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10).replace(/-/g, "");
  };
  const calendar = (visit, summary, description) => {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const day = visit.date.replace(/-/g, "");
    /* A visit is at the clinic's time: a floating local time, as on the appointment card. */
    const when = visit.time
      ? [`DTSTART:${day}T${visit.time.replace(":", "")}00`, "DURATION:PT1H"]
      : [`DTSTART;VALUE=DATE:${day}`, `DTEND;VALUE=DATE:${nextDay(visit.date)}`];
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//MBC Companion//My visits//EN",
      "CALSCALE:GREGORIAN",
      "BEGIN:VEVENT",
      `UID:${keyOf(visit.id)}@visits.mbc.companion`,
      `DTSTAMP:${stamp}`,
      ...when,
      `SUMMARY:${icsText(summary)}`,
      ...(visit.who ? [`LOCATION:${icsText(visit.who)}`] : []),
      ...(description ? [`DESCRIPTION:${icsText(description)}`] : []),
      "END:VEVENT",
      "END:VCALENDAR",
    ];
    return lines.map(fold).join("\r\n") + "\r\n";
  };

  class Visits extends Page {
    constructor(root) {
      super(root);
      this.form = root.querySelector("[data-visit-form]");
      this.editor = {
        fields: ["date", "time", "who", "note"],
        add: this.t.tAddVisit,
        save: this.t.tSaveVisit,
        heading: (id) => root.querySelector(`#visit-title-${keyOf(id)}`),
      };
      this.opened = new Set();
      this.editing = null;
      this.caring = null;
      this.words = keeping.diaryWords(root);
      this.choices = [...root.querySelector("template[data-question-choices]").content.querySelectorAll("li")].map(
        (li) => ({ from: `${root.querySelector("[data-question-choices]").dataset.checklist}/${li.dataset.from}`, text: li.textContent.trim() }),
      );
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submit();
      });
      this.on("cancel-edit", () => this.stopEditing());
      this.on("print", () => window.print());
      this.on("share", () => this.shareCare());
      this.on("close-care", () => this.showCare(null));
      this.render();
    }

    /* --- what is kept ----------------------------------------------------------------- */

    get visits() {
      return store
        .list("visit")
        .map(({ id, values }) => ({
          id,
          ...values,
          questions: store.items(values, "q").filter((question) => question.text !== undefined),
        }))
        .filter((visit) => visit.date);
    }

    visit(id) {
      return this.visits.find((visit) => visit.id === id);
    }

    change(id, fields) {
      return this.saved(store.set(id, fields));
    }

    /* Her own items of the questions checklist, to pin too. */
    get ownChoices() {
      const list = this.root.querySelector("[data-question-choices]").dataset.checklist;
      return store
        .items(store.get(`checklist:${list}`), "own")
        .filter((own) => own.text)
        .map((own) => ({ from: `${list}/${own.id}`, text: own.text }));
    }

    /* --- the form: add a visit, or change one --------------------------------------------- */

    submit() {
      const { date, time, who, note } = this.values(this.form);
      if (!date) return;
      const id = this.editing || `visit:${store.newId()}`;
      if (!this.change(id, { date, time, who, note })) return;
      const message = this.editing ? this.t.tChanged : this.t.tAdded;
      this.stopEditing(false);
      this.opened.add(id);
      this.render();
      this.status(message);
      this.root.querySelector(`#visit-title-${keyOf(id)}`)?.focus();
    }

    /* --- drawing ------------------------------------------------------------------------ */

    draw() {
      const now = today();
      const visits = this.visits;
      const order = (a, b) => (a.date + (a.time || "")).localeCompare(b.date + (b.time || ""));
      const upcoming = visits.filter((visit) => visit.date >= now).sort(order);
      const past = visits.filter((visit) => visit.date < now).sort((a, b) => order(b, a));
      this.root.querySelector("[data-list=upcoming]").replaceChildren(...upcoming.map((visit) => this.card(visit)));
      this.root.querySelector("[data-list=past]").replaceChildren(...past.map((visit) => this.card(visit)));
      this.root.querySelector("[data-empty=upcoming]").hidden = upcoming.length > 0;
      this.root.querySelector("[data-past]").hidden = past.length === 0;
      if (this.caring) this.showCare(this.visit(this.caring) ? this.caring : null, false);
    }

    card(visit) {
      const key = keyOf(visit.id);
      const open = this.opened.has(visit.id);
      const asked = visit.questions.filter((question) => question.asked).length;
      const toggle = el(
        "button",
        {
          type: "button",
          class: "visit-toggle",
          id: `visit-toggle-${key}`,
          "aria-expanded": String(open),
          "aria-controls": `visit-detail-${key}`,
          "aria-labelledby": `visit-toggle-${key} visit-title-${key}`,
        },
        open ? this.t.tClose : this.t.tOpen,
      );
      toggle.addEventListener("click", () => {
        if (this.opened.has(visit.id)) this.opened.delete(visit.id);
        else this.opened.add(visit.id);
        this.render();
      });
      const li = el(
        "li",
        { class: "visit", id: `visit-${key}` },
        el("h3", { id: `visit-title-${key}`, tabindex: "-1" }, this.when(visit.date, visit.time)),
        visit.who ? el("p", { class: "visit-who", dir: "auto" }, visit.who) : null,
        visit.note ? el("p", { class: "visit-note", dir: "auto" }, visit.note) : null,
        visit.questions.length
          ? el("p", { class: "visit-progress" }, format(this.t.tProgress, { asked, total: visit.questions.length }))
          : null,
        toggle,
      );
      if (open) li.append(this.detail(visit, key));
      return li;
    }

    detail(visit, key) {
      const detail = el("div", { class: "visit-detail", id: `visit-detail-${key}` });
      const list = el("ol", { class: "question-list" }, ...visit.questions.map((q) => this.question(visit, key, q)));
      detail.append(
        el("h4", {}, this.t.tQuestions),
        visit.questions.length ? el("p", { id: `asked-hint-${key}`, class: "field-hint" }, this.t.tAskedHint) : null,
        visit.questions.length ? list : el("p", {}, this.t.tNoQuestions),
        this.addQuestion(visit, key),
        this.picker(visit, key),
      );
      const said = el("textarea", { id: `said-${key}`, rows: "3", maxlength: "4000", dir: "auto" });
      said.value = visit.said || "";
      said.addEventListener("input", () => this.change(visit.id, { said: said.value }));
      detail.append(el("label", { for: `said-${key}`, class: "field-label" }, this.t.tSaid), said);
      const actions = el("div", { class: "button-row" });
      const button = (text, handler, attrs = {}) => {
        const node = el("button", { type: "button", ...attrs }, text);
        node.addEventListener("click", handler);
        actions.append(node);
      };
      button(this.t.tCare, () => this.showCare(visit.id), { id: `care-${key}` });
      button(this.t.tCalendar, () => this.addToCalendar(visit));
      button(this.t.tEdit, () => this.edit(visit));
      button(this.t.tDelete, () => this.remove(visit));
      detail.append(actions);
      return detail;
    }

    question(visit, key, q) {
      const id = `${key}-${q.id}`;
      const box = el("input", { type: "checkbox", id: `asked-${id}`, "aria-describedby": `asked-hint-${key}` });
      box.checked = Boolean(q.asked);
      box.addEventListener("change", () => {
        this.change(visit.id, { [`q.${q.id}.asked`]: box.checked });
        this.render();
      });
      const answer = el("textarea", { id: `answer-${id}`, rows: "2", maxlength: "2000", dir: "auto" });
      answer.value = q.answer || "";
      answer.addEventListener("input", () => this.change(visit.id, { [`q.${q.id}.answer`]: answer.value }));
      const remove = el("button", { type: "button", "aria-describedby": `question-${id}` }, this.t.tRemove);
      remove.addEventListener("click", () => {
        const before = fieldsOf(`q.${q.id}`, { text: q.text, asked: q.asked, answer: q.answer, from: q.from, order: q.order });
        const gone = Object.fromEntries(Object.keys(before).map((name) => [name, null]));
        this.change(visit.id, gone);
        this.render();
        this.status(this.t.tQuestionRemoved, () => this.change(visit.id, before));
        this.root.querySelector(`#visit-title-${key}`)?.focus();
      });
      return el(
        "li",
        { class: "question" },
        el("div", { class: "item-row" }, box, el("label", { for: `asked-${id}`, id: `question-${id}`, dir: "auto" }, q.text)),
        el("label", { for: `answer-${id}`, class: "field-label" }, this.t.tAnswer),
        answer,
        remove,
      );
    }

    pin(visit, fields) {
      const qid = store.newId();
      const order = Math.max(0, ...visit.questions.map((q) => q.order || 0)) + 1;
      return this.change(visit.id, fieldsOf(`q.${qid}`, { text: fields.text.slice(0, MAX_QUESTION), asked: false, order, ...fields }));
    }

    addQuestion(visit, key) {
      const form = el("form", { class: "add-item", "data-hx-boost": "false" });
      const input = el("input", { id: `new-question-${key}`, maxlength: String(MAX_QUESTION), autocomplete: "off", required: "", dir: "auto" });
      form.append(
        el("label", { for: `new-question-${key}` }, this.t.tAddQuestion),
        el("div", { class: "field-row" }, input, el("button", { type: "submit" }, this.t.tAdd)),
      );
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (text && this.pin(visit, { text })) input.value = "";
        this.render();
      });
      return form;
    }

    /* The questions list's items (and her own), each a checkbox: ticked = pinned here. */
    picker(visit, key) {
      const pinned = new Map(visit.questions.filter((q) => q.from).map((q) => [q.from, q]));
      const choice = ({ from, text }) => {
        const id = `pin-${key}-${from.replace(/[^a-z0-9-]/g, "-")}`;
        const box = el("input", { type: "checkbox", id });
        box.checked = pinned.has(from);
        box.addEventListener("change", () => {
          const q = pinned.get(from);
          if (box.checked && !q) this.pin(visit, { text, from });
          else if (!box.checked && q) {
            const gone = ["text", "asked", "answer", "from", "order"].map((name) => [`q.${q.id}.${name}`, null]);
            this.change(visit.id, Object.fromEntries(gone));
          }
          this.render();
        });
        return el("li", { class: "item-row" }, box, el("label", { for: id, dir: "auto" }, text));
      };
      const own = this.ownChoices;
      const details = el(
        "details",
        { class: "pick-questions", id: `pick-${key}` },
        el("summary", {}, this.t.tPin),
        el("ul", { class: "choice-list" }, ...this.choices.map(choice)),
        own.length ? el("p", { class: "field-label" }, this.t.tPinOwn) : null,
        own.length ? el("ul", { class: "choice-list" }, ...own.map(choice)) : null,
      );
      details.open = this.pickerOpen === visit.id;
      details.addEventListener("toggle", () => {
        if (details.open) this.pickerOpen = visit.id;
        else if (this.pickerOpen === visit.id) this.pickerOpen = null;
      });
      return details;
    }

    remove(visit) {
      const { id, questions, ...values } = visit;
      const before = { ...values };
      for (const q of questions) {
        for (const name of ["text", "asked", "answer", "from", "order"]) if (q[name] !== undefined) before[`q.${q.id}.${name}`] = q[name];
      }
      if (!this.saved(store.remove(id))) return;
      this.opened.delete(id);
      this.render();
      this.status(this.t.tDeleted, () => this.change(id, { ...before, deleted: false }));
      this.root.querySelector("#add-visit").focus();
    }

    /* --- for the care team ---------------------------------------------------------------- */

    get medicines() {
      return store
        .list("medicine")
        .map(({ values }) => values)
        .filter((medicine) => medicine.name && !medicine.stopped)
        .sort((a, b) => a.name.localeCompare(b.name, this.locale));
    }

    /* The page as parts: [heading, lines] pairs, drawn as HTML or as text from the same. */
    careParts(visit) {
      const allergies = store.get(keeping.PROFILE)?.allergies;
      return {
        title: [this.when(visit.date, visit.time), visit.who].filter(Boolean).join(" · "),
        note: visit.note,
        questions: visit.questions,
        said: visit.said,
        medicines: this.medicines,
        allergies,
        written: format(this.t.tWritten, { date: this.date(new Date()) }),
      };
    }

    showCare(id, focus = true) {
      const page = this.root.querySelector("[data-care-page]");
      const visit = id && this.visit(id);
      const was = this.caring;
      this.caring = visit ? id : null;
      this.root.classList.toggle("is-care", Boolean(visit));
      page.hidden = !visit;
      if (!visit) {
        if (focus && was) this.root.querySelector(`#care-${keyOf(was)}`)?.focus();
        return;
      }
      const parts = this.careParts(visit);
      const body = this.root.querySelector("[data-care-body]");
      const rows = parts.medicines.map((m) =>
        el("tr", {}, ...["name", "dose", "times", "reason"].map((name) => el("td", { dir: "auto" }, m[name] || ""))),
      );
      const table = el(
        "table",
        { class: "care-medicines" },
        el("thead", {}, el("tr", {}, ...[this.t.tMedicine, this.t.tDose, this.t.tTimes, this.t.tReason].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, ...rows),
      );
      const shown = [
        el("p", { class: "care-visit" }, ...this.labelledNodes(this.t.tVisit, parts.title)),
        parts.note ? el("p", { class: "care-text", dir: "auto" }, parts.note) : null,
        el("h3", {}, this.t.tQuestions),
        parts.questions.length
          ? el(
              "ol",
              { class: "care-questions" },
              ...parts.questions.map((q) =>
                el(
                  "li",
                  {},
                  el("p", { class: "care-question", dir: "auto" }, q.text),
                  q.answer
                    ? el("p", { class: "care-text" }, ...this.labelledNodes(this.t.tAnswer, q.answer))
                    : el("p", { class: "care-muted" }, q.asked ? this.t.tAsked : this.t.tNotAsked),
                ),
              ),
            )
          : el("p", {}, this.t.tNoQuestions),
        parts.said ? el("h3", {}, this.t.tSaid) : null,
        parts.said ? el("p", { class: "care-text", dir: "auto" }, parts.said) : null,
        el("h3", {}, this.t.tMedicines),
        parts.medicines.length ? table : el("p", {}, this.t.tNoMedicines),
        parts.allergies ? el("p", { class: "care-text" }, ...this.labelledNodes(this.t.tAllergies, parts.allergies)) : null,
        ...this.diaryPart(visit, "nodes"),
        el("p", { class: "care-written" }, parts.written),
      ];
      body.replaceChildren(...shown.filter(Boolean));
      if (focus) page.focus();
    }

    /* How she has been in the 30 days up to the visit (or today, if it is to come), from her
     * diary: nothing if she wrote nothing then. */
    diaryPart(visit, as) {
      const to = visit.date < today() ? visit.date : today();
      const from = addDays(to, -29);
      const written = store.list("diary").some(({ id }) => id.slice("diary:".length) >= from && id.slice("diary:".length) <= to);
      if (!written) return [];
      if (as === "text") return ["", this.labelled(this.t.tDiary), keeping.diarySummaryText(this, this.words, from, to)];
      return [el("h3", {}, this.t.tDiary), el("div", { class: "care-diary" }, ...keeping.diarySummaryNodes(this, this.words, from, to, "h4"))];
    }

    careText(visit) {
      const parts = this.careParts(visit);
      const lines = [this.t.tCare, this.labelled(this.t.tVisit, parts.title)];
      if (parts.note) lines.push(parts.note);
      lines.push("", this.labelled(this.t.tQuestions));
      parts.questions.forEach((q, index) => {
        lines.push(`${index + 1}. ${q.text}`);
        lines.push(`   ${q.answer ? this.labelled(this.t.tAnswer, q.answer) : q.asked ? this.t.tAsked : this.t.tNotAsked}`);
      });
      if (!parts.questions.length) lines.push(this.t.tNoQuestions);
      if (parts.said) lines.push("", this.labelled(this.t.tSaid), parts.said);
      lines.push("", this.labelled(this.t.tMedicines));
      for (const m of parts.medicines) lines.push(`- ${[m.name, m.dose, m.times, m.reason].filter(Boolean).join(", ")}`);
      if (!parts.medicines.length) lines.push(this.t.tNoMedicines);
      if (parts.allergies) lines.push("", this.labelled(this.t.tAllergies, parts.allergies));
      lines.push(...this.diaryPart(visit, "text"));
      lines.push("", parts.written);
      return lines.join("\n");
    }

    async shareCare() {
      const visit = this.visit(this.caring);
      if (!visit) return;
      const text = this.careText(visit);
      const line = this.root.querySelector("[data-care-status]");
      if (await this.shareText(text, line, this.t.tCare)) line.textContent = this.t.tCopied;
    }

    addToCalendar(visit) {
      const questions = visit.questions.map((q, index) => `${index + 1}. ${q.text}`).join("\n");
      const description = [visit.note, questions && `${this.labelled(this.t.tQuestions)}\n${questions}`].filter(Boolean).join("\n\n");
      const summary = visit.who ? this.labelled(this.t.tVisit, visit.who) : this.t.tVisit;
      this.download(`${this.t.tFileName}-${visit.date}.ics`, "text/calendar", calendar(visit, summary, description));
    }
  }

  enhanceEach("article.visits[data-visits]", (root) => new Visits(root), { ownTask: true });
}
