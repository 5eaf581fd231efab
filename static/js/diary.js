/* How I have been: a symptom and side-effect diary, kept in the store (static/js/store.js),
 * never sent. One record per day, "diary:<YYYY-MM-DD>": s.<symptom> (0 none … 4 very
 * severe; her own symptoms too, "own-…", named in "profile:me" symptom.<id>.name),
 * temp (°C; shown in the unit she picks, profile:me tempUnit), note.
 *
 * A severe rating of a warning sign, or a temperature out of range, shows at once the
 * tier of the symptoms page that names it (the page's own text, in her language, sent in
 * <template data-tier>); the diary itself never says what a symptom means. Charts are
 * inline SVG drawn here, each with a table that screen readers read; a day without an
 * entry is a gap, not a zero. Timings for make bench: performance.measure "diary-save",
 * "diary-draw".
 */
"use strict";

{
  const { enhanceEach, format, say } = common;
  const { PROFILE, ownSymptoms, el, Page, today, addDays, toF } = keeping;
  const SVG = "http://www.w3.org/2000/svg";

  const dayKey = (day) => `diary:${day}`;
  const escape = (text) =>
    String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const toC = (fahrenheit) => Math.round((((fahrenheit - 32) * 5) / 9) * 10) / 10;

  class Diary extends Page {
    constructor(root) {
      super(root);
      this.words = keeping.diaryWords(root);
      this.day = today();
      this.span = 7;
      this.form = root.querySelector("[data-diary-form]");
      this.dateField = root.querySelector("#diary-date");
      this.dateField.max = today();
      this.dateField.value = this.day;
      this.dateField.addEventListener("change", () => {
        if (!this.dateField.value || this.dateField.value > today()) this.dateField.value = this.day;
        this.day = this.dateField.value;
        this.render();
      });
      this.form.addEventListener("submit", (event) => event.preventDefault());
      this.form.addEventListener("click", (event) => {
        const clear = event.target.closest(".rating-clear");
        if (clear) this.clear(clear.closest("fieldset").dataset.symptom);
      });
      this.form.addEventListener("change", (event) => this.changed(event.target));
      this.form.addEventListener("input", (event) => event.target.name === "note" && this.changed(event.target));
      root.querySelector("[data-own-form]").addEventListener("submit", (event) => {
        event.preventDefault();
        this.addOwn(event.target.elements.name);
      });
      for (const button of root.querySelectorAll("[data-span]")) {
        button.addEventListener("click", () => {
          this.span = Number(button.dataset.span);
          this.render();
        });
      }
      const [from, to] = ["#summary-from", "#summary-to"].map((id) => root.querySelector(id));
      from.value = addDays(today(), -29);
      to.value = today();
      for (const field of [from, to]) field.addEventListener("change", () => this.render());
      this.on("print-summary", () => {
        this.root.classList.add("is-summary");
        window.print();
      });
      addEventListener("afterprint", () => this.root.classList.remove("is-summary"));
      this.on("share-summary", () => this.shareSummary());
      this.render();
    }

    get entry() {
      return store.get(dayKey(this.day)) || {};
    }

    /* --- entering a day ------------------------------------------------------------------ */

    changed(field) {
      const start = performance.now();
      let fields;
      if (field.name === "unit") {
        return this.saved(store.set(PROFILE, { tempUnit: field.value })) && this.render();
      } else if (field.name === "temp") {
        const value = field.valueAsNumber;
        const celsius = Number.isFinite(value) ? (this.unit === "F" ? toC(value) : Math.round(value * 10) / 10) : null;
        if (celsius !== null && (celsius < 30 || celsius > 44)) return this.status(this.t.tTempRange);
        fields = { temp: celsius };
      } else if (field.name === "note") {
        fields = { note: field.value };
      } else if (field.type === "radio") {
        fields = { [`s.${field.name}`]: Number(field.value) };
      } else {
        return;
      }
      if (!this.saved(store.set(dayKey(this.day), fields))) return;
      this.warn();
      say(this.root.querySelector("[data-saved]"), format(this.t.tSaved, { day: this.date(this.day) }));
      performance.measure("diary-save", { start });
      /* The charts, the summary and the list follow in a task of their own: the tap is
       * answered first. Several quick taps draw once. */
      clearTimeout(this.redraw);
      this.redraw = setTimeout(() => {
        this.drawCharts();
        this.drawSummary();
        this.drawEntries();
      }, 0);
    }

    clear(symptom) {
      this.saved(store.set(dayKey(this.day), { [`s.${symptom}`]: null }));
      this.render();
    }

    addOwn(input) {
      const name = input.value.trim().slice(0, 100);
      if (!name) return;
      const id = `own-${store.newId()}`;
      if (this.saved(store.set(PROFILE, { [`symptom.${id}.name`]: name, [`symptom.${id}.order`]: Date.now() }))) {
        input.value = "";
      }
      this.render();
      this.root.querySelector(`#rate-${id}-0`)?.focus();
    }

    /* --- drawing --------------------------------------------------------------------------- */

    draw() {
      this.drawDay();
      this.warn();
      this.drawCharts();
      this.drawSummary();
      this.drawEntries();
    }

    ratingRow(id, name, own) {
      const fieldset = el("fieldset", { class: "rating", "data-symptom": id });
      fieldset.append(el("legend", { dir: own ? "auto" : null }, name));
      const options = el("div", { class: "rating-options" });
      this.words.ratings.forEach((word, value) => {
        const input = el("input", { type: "radio", id: `rate-${id}-${value}`, name: id, value: String(value), class: "rating-input" });
        options.append(input, el("label", { for: `rate-${id}-${value}` }, word));
      });
      const clear = el("button", { type: "button", class: "rating-clear", "aria-describedby": `legend-${id}` }, this.t.tClear);
      fieldset.firstChild.id = `legend-${id}`;
      fieldset.append(options, clear);
      return fieldset;
    }

    drawDay() {
      const entry = this.entry;
      const own = ownSymptoms();
      const ownBox = this.root.querySelector("[data-own-symptoms]");
      ownBox.replaceChildren(...own.map((symptom) => this.ratingRow(symptom.id, symptom.name, true)));
      for (const fieldset of this.form.querySelectorAll("fieldset.rating")) {
        const value = entry[`s.${fieldset.dataset.symptom}`];
        for (const input of fieldset.querySelectorAll("input")) input.checked = Number(input.value) === value;
        fieldset.querySelector(".rating-clear").hidden = value === undefined;
      }
      const temp = this.form.elements.temp;
      if (document.activeElement !== temp) {
        temp.value = entry.temp === undefined ? "" : String(this.unit === "F" ? toF(entry.temp) : entry.temp);
      }
      for (const input of this.form.querySelectorAll("input[name=unit]")) input.checked = input.value === this.unit;
      const note = this.form.elements.note;
      if (document.activeElement !== note) note.value = entry.note || "";
      this.root.querySelector("[data-day-title]").textContent = this.date(this.day, { dateStyle: "full" });
    }

    /* A warning sign rated severe or worse, or a temperature out of range: its tier, now. */
    warn() {
      const entry = this.entry;
      const box = this.root.querySelector("[data-warning]");
      const signs = [];
      const tiers = new Set();
      for (const symptom of this.words.symptoms) {
        if (symptom.tier && entry[`s.${symptom.id}`] >= this.words.warnFrom) {
          signs.push(this.labelled(symptom.name, this.words.ratings[entry[`s.${symptom.id}`]]));
          tiers.add(symptom.tier);
        }
      }
      if (entry.temp !== undefined && (entry.temp >= this.words.feverFrom || entry.temp < this.words.lowBelow)) {
        signs.push(format(this.t.tTempSign, { temperature: this.temperature(entry.temp) }));
        tiers.add(this.words.temperatureTier);
      }
      box.hidden = signs.length === 0;
      if (!signs.length) return box.replaceChildren();
      /* Where she is: under the first warning sign she rated (or her temperature). */
      const first = this.words.symptoms.find((s) => s.tier && entry[`s.${s.id}`] >= this.words.warnFrom);
      const anchor = first ? this.form.querySelector(`fieldset[data-symptom="${first.id}"]`) : this.form.querySelector(".temperature");
      if (anchor.nextElementSibling !== box) anchor.after(box);
      const shown = [...this.root.querySelectorAll("template[data-tier]")].filter((t) => tiers.has(t.dataset.tier));
      box.replaceChildren(
        el("p", { class: "warning-signs" }, el("strong", {}, format(this.t.tNoted, { signs: this.formatter("ListFormat", { type: "conjunction" }).format(signs) }))),
        el("p", {}, this.t.tWarning),
        ...shown.map((template) => el("div", { class: "warning-tier prose" }, template.content.cloneNode(true))),
        el("p", {}, el("a", { href: this.t.symptomsUrl, class: "all-signs" }, this.t.tAllSigns)),
      );
    }

    /* The days of the chart: the last 7 or 30, ending today. */
    get days() {
      return Array.from({ length: this.span }, (_, i) => addDays(today(), i - this.span + 1));
    }

    drawCharts() {
      const start = performance.now();
      for (const button of this.root.querySelectorAll("[data-span]")) {
        button.setAttribute("aria-pressed", String(Number(button.dataset.span) === this.span));
      }
      const days = this.days;
      const entries = days.map((day) => store.get(dayKey(day)));
      const labels = days.map((day) => escape(this.date(day, { month: "short", day: "numeric" })));
      const rtl = document.documentElement.dir === "rtl";
      const shown = this.symptomsShown()
        .map(({ id, name }) => [escape(name), entries.map((entry) => entry?.[`s.${id}`])])
        .filter(([, values]) => values.some((value) => value !== undefined));
      const box = this.root.querySelector("[data-charts]");
      /* Built as markup, not node by node: a year of entries draws in a few milliseconds. The
       * charts are for the eye; screen readers read one table of the same days. */
      box.innerHTML = shown.length
        ? shown.map(([name, values]) => this.chart(name, labels, values, rtl)).join("") + this.table(shown, labels)
        : `<p>${escape(this.t.tNoRatings)}</p>`;
      performance.measure("diary-draw", { start });
    }

    symptomsShown() {
      return [...this.words.symptoms, ...ownSymptoms()];
    }

    /* One symptom's days as bars (escaped `name` and `labels`). */
    chart(name, labels, values, rtl) {
      const width = labels.length * 10;
      const bars = values
        .map((value, i) => {
          if (value === undefined) return ""; /* no entry that day: a gap */
          const x = (rtl ? labels.length - 1 - i : i) * 10 + 1.5;
          const height = 3 + value * 10;
          return `<rect x="${x}" y="${44 - height}" width="7" height="${height}" class="chart-bar level-${value}"></rect>`;
        })
        .join("");
      return (
        `<figure class="chart-figure" aria-hidden="true"><figcaption dir="auto">${name}</figcaption>` +
        `<svg class="chart" viewBox="0 0 ${width} 46" preserveAspectRatio="none">` +
        `<line class="chart-base" x1="0" x2="${width}" y1="44.5" y2="44.5"></line>${bars}</svg>` +
        `<div class="chart-axis"><span>${labels[0]}</span><span>${labels.at(-1)}</span></div></figure>`
      );
    }

    /* The same days as a table: a row a day, a column a symptom. */
    table(shown, labels) {
      const ratings = this.words.ratings.map(escape);
      const none = escape(this.t.tNoEntry);
      const head = shown.map(([name]) => `<th scope="col" dir="auto">${name}</th>`).join("");
      const rows = labels
        .map((label, i) => {
          const cells = shown.map(([, values]) => `<td>${values[i] === undefined ? none : ratings[values[i]]}</td>`);
          return `<tr><th scope="row">${label}</th>${cells.join("")}</tr>`;
        })
        .join("");
      return (
        /* In a box of its own: a table is never narrower than its columns, a 1 px box is. */
        `<div class="visually-hidden"><table data-chart-table><caption>${escape(this.t.tChartTable)}</caption>` +
        `<thead><tr><td></td>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
      );
    }

    /* --- for the care team ------------------------------------------------------------------ */

    get period() {
      let from = this.root.querySelector("#summary-from").value || addDays(today(), -29);
      let to = this.root.querySelector("#summary-to").value || today();
      if (from > to) [from, to] = [to, from];
      return [from, to];
    }

    drawSummary() {
      const [from, to] = this.period;
      const box = this.root.querySelector("[data-summary]");
      box.replaceChildren(...keeping.diarySummaryNodes(this, this.words, from, to, "h3"));
    }

    async shareSummary() {
      const [from, to] = this.period;
      const text = keeping.diarySummaryText(this, this.words, from, to);
      const line = this.root.querySelector("[data-summary-status]");
      if (await this.shareText(text, line, this.t.tSummary)) line.textContent = this.t.tCopied;
    }

    /* --- the entries ---------------------------------------------------------------------------- */

    drawEntries() {
      const list = this.root.querySelector("[data-entries]");
      const [from, to] = this.period;
      const entries = store
        .list("diary")
        .filter(({ id }) => id.slice(6) >= from && id.slice(6) <= to)
        .sort((a, b) => (a.id < b.id ? 1 : -1));
      list.replaceChildren(
        ...entries.map(({ id, values }) => {
          const day = id.slice(6);
          const rated = Object.keys(values).filter((name) => name.startsWith("s.")).length;
          const open = el("button", { type: "button", "aria-describedby": `entry-${day}` }, this.t.tEdit);
          open.addEventListener("click", () => {
            this.day = day;
            this.dateField.value = day;
            this.render();
            this.root.querySelector("#diary-day").focus();
          });
          const remove = el("button", { type: "button", "aria-describedby": `entry-${day}` }, this.t.tDelete);
          remove.addEventListener("click", () => {
            if (!this.saved(store.remove(id))) return;
            this.render();
            this.status(this.t.tDeleted, () => this.saved(store.set(id, { ...values, deleted: false })));
          });
          return el(
            "li",
            { class: "diary-entry" },
            el("span", { id: `entry-${day}` }, this.date(day, { dateStyle: "full" })),
            el("span", { class: "entry-facts" }, this.labelled(this.t.tRated, this.number(rated)), values.note ? ` · ${this.t.tHasNote}` : ""),
            el("span", { class: "button-row" }, open, remove),
          );
        }),
      );
      this.root.querySelector("[data-no-entries]").hidden = entries.length > 0;
    }
  }

  enhanceEach("article.diary[data-diary]", (root) => new Diary(root), { ownTask: true });
}
