/* My data on this phone: what the store (static/js/store.js) holds, its size and the day
 * of the last download; "Download everything" as one file, "Load a copy" (checked, and
 * what it will change shown before anything changes), "Erase everything" (asked first). */
"use strict";

{
  const { enhanceEach, format } = common;
  const { el, Page, today } = keeping;
  const KINDS = ["visit", "medicine", "diary", "checklist", "profile"];
  const MAX_FILE = 5000000;

  /* How many of a kind there are: checklists count when something is ticked or written. */
  const count = (kind) =>
    store.list(kind).filter(({ values }) =>
      kind === "checklist"
        ? Object.entries(values).some(([name, value]) => (name.endsWith(".done") ? value : name.endsWith(".note") && value) || name.startsWith("own."))
        : kind === "profile"
          ? Object.values(values).some(Boolean)
          : true,
    ).length;

  class MyData extends Page {
    constructor(root) {
      super(root);
      this.planned = null;
      this.on("download", () => this.downloadAll());
      this.on("choose", (event) => {
        const file = event.target.files?.[0];
        event.target.value = "";
        if (file) this.choose(file);
      }, "change");
      this.on("load", () => this.load());
      this.on("cancel-load", () => this.showPlan(null));
      this.on("ask-erase", () => this.askErase(true));
      this.on("cancel-erase", () => this.askErase(false));
      this.on("erase", () => this.erase());
      this.render();
    }

    label(kind) {
      return this.t[`t${kind[0].toUpperCase()}${kind.slice(1)}`];
    }

    draw() {
      const rows = KINDS.map((kind) => el("tr", {}, el("th", { scope: "row" }, this.label(kind)), el("td", {}, this.number(count(kind)))));
      this.root.querySelector("[data-summary]").replaceChildren(...rows);
      const size = store.size() / 1000;
      const shown = this.number(Math.max(size, 0.1), { style: "unit", unit: "kilobyte", maximumFractionDigits: 1 });
      this.root.querySelector("[data-size]").textContent = format(this.t.tSize, { size: shown });
      this.root.querySelector("[data-backed-up]").textContent = store.backedUp ? this.date(store.backedUp) : this.t.tNever;
    }

    downloadAll() {
      this.download(`${this.t.tFileName}-${today()}.json`, "application/json", JSON.stringify(store.backup(), null, 1));
      store.downloaded();
      this.status(this.t.tDownloaded);
    }

    async choose(file) {
      this.showPlan(null);
      let data = null;
      if (file.size <= MAX_FILE) {
        try {
          data = JSON.parse(await file.text());
        } catch {
          /* not JSON: not a copy */
        }
      }
      const planned = store.plan(data);
      if (planned.error) return this.status(planned.error === "newer" ? this.t.tNewerFile : this.t.tBadFile);
      if (!planned.records.length) return this.status(this.t.tNothingNew);
      this.showPlan(planned);
    }

    showPlan(planned) {
      this.planned = planned;
      const box = this.root.querySelector("[data-plan]");
      box.hidden = !planned;
      if (!planned) return;
      this.status("");
      const rows = KINDS.filter((kind) => planned.added[kind] || planned.changed[kind]).map((kind) =>
        el(
          "tr",
          {},
          el("th", { scope: "row" }, this.label(kind)),
          el("td", {}, this.number(planned.added[kind] || 0)),
          el("td", {}, this.number(planned.changed[kind] || 0)),
        ),
      );
      this.root.querySelector("[data-plan-rows]").replaceChildren(...rows);
      this.root.querySelector("#plan-title").focus();
    }

    load() {
      if (!this.planned) return;
      const ok = this.saved(store.load(this.planned));
      this.showPlan(null);
      this.render();
      if (ok) this.status(this.t.tLoaded);
      this.root.querySelector("#load").setAttribute("tabindex", "-1");
      this.root.querySelector("#load").focus();
    }

    askErase(asking) {
      this.root.querySelector("[data-erase-confirm]").hidden = !asking;
      this.root.querySelector("[data-action=ask-erase]").hidden = asking;
      if (asking) this.root.querySelector("#erase-question").focus();
      else this.root.querySelector("[data-action=ask-erase]").focus();
    }

    erase() {
      const ok = this.saved(store.erase());
      this.askErase(false);
      this.render();
      if (ok) this.status(this.t.tErased);
    }
  }

  enhanceEach("article.my-data[data-my-data]", (root) => new MyData(root), { ownTask: true });
}
