/* My medicines: her list, the ones she stopped, her allergies, a wallet card to print.
 * Kept in the store (static/js/store.js), never sent. No advice of any kind: the page
 * says to check with her team or pharmacist.
 *
 * A medicine is the record "medicine:<id>": name, dose, times, reason, started, stopped
 * (the day she stopped, or nothing), note. Her allergies: "profile:me", allergies.
 */
"use strict";

{
  const { enhanceEach, format } = common;
  const { PROFILE, el, Page, today } = keeping;
  const FIELDS = ["name", "dose", "times", "reason", "started", "note"];

  class Medicines extends Page {
    constructor(root) {
      super(root);
      this.form = root.querySelector("[data-medicine-form]");
      this.editor = {
        fields: FIELDS,
        add: this.t.tAddMedicine,
        save: this.t.tSaveMedicine,
        heading: (id) => root.querySelector(`#medicine-${id.split(":")[1]}`),
      };
      this.editing = null;
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submit();
      });
      this.on("cancel-edit", () => this.stopEditing());
      this.on("card", () => this.printCard());
      this.on("share", () => this.share());
      const allergies = root.querySelector("[data-allergies]");
      allergies.addEventListener("input", () => this.saved(store.set(PROFILE, { allergies: allergies.value })));
      addEventListener("afterprint", () => this.root.classList.remove("is-card"));
      this.render();
    }

    get medicines() {
      return store
        .list("medicine")
        .map(({ id, values }) => ({ id, ...values }))
        .filter((medicine) => medicine.name)
        .sort((a, b) => a.name.localeCompare(b.name, this.locale));
    }

    submit() {
      const values = this.values(this.form);
      if (!values.name) return;
      const id = this.editing || `medicine:${store.newId()}`;
      if (!this.saved(store.set(id, values))) return;
      const message = this.editing ? this.t.tChanged : this.t.tAdded;
      this.stopEditing(false);
      this.render();
      this.status(message);
      this.root.querySelector(`#medicine-${id.split(":")[1]}`)?.focus();
    }

    draw() {
      const all = this.medicines;
      const current = all.filter((medicine) => !medicine.stopped);
      const stopped = all.filter((medicine) => medicine.stopped);
      this.root.querySelector("[data-list=current]").replaceChildren(...current.map((m) => this.card(m)));
      this.root.querySelector("[data-list=stopped]").replaceChildren(...stopped.map((m) => this.card(m)));
      this.root.querySelector("[data-empty=current]").hidden = current.length > 0;
      this.root.querySelector("[data-stopped]").hidden = stopped.length === 0;
      const allergies = this.root.querySelector("[data-allergies]");
      if (document.activeElement !== allergies) allergies.value = store.get(PROFILE)?.allergies || "";
    }

    card(medicine) {
      const key = medicine.id.split(":")[1];
      const facts = el("dl", { class: "medicine-facts" });
      const fact = (label, value) => value && facts.append(el("dt", {}, label), el("dd", { dir: "auto" }, value));
      fact(this.t.tDose, medicine.dose);
      fact(this.t.tTimes, medicine.times);
      fact(this.t.tReason, medicine.reason);
      fact(this.t.tStarted, medicine.started && this.date(medicine.started));
      fact(this.t.tStoppedOn, medicine.stopped && this.date(medicine.stopped));
      fact(this.t.tNote, medicine.note);
      const actions = el("div", { class: "button-row" });
      const button = (text, handler) => {
        const node = el("button", { type: "button", "aria-describedby": `medicine-${key}` }, text);
        node.addEventListener("click", handler);
        actions.append(node);
      };
      button(this.t.tEdit, () => this.edit(medicine));
      if (medicine.stopped) {
        button(this.t.tRestart, () => this.move(medicine, "", this.t.tRestarted));
      } else {
        button(this.t.tStop, () => this.move(medicine, today(), this.t.tStopped));
      }
      button(this.t.tDelete, () => this.remove(medicine));
      return el(
        "li",
        { class: "medicine" },
        el("h3", { id: `medicine-${key}`, tabindex: "-1", dir: "auto" }, medicine.name),
        facts.children.length ? facts : null,
        actions,
      );
    }

    move(medicine, stopped, message) {
      const before = medicine.stopped || "";
      if (!this.saved(store.set(medicine.id, { stopped }))) return;
      this.render();
      this.status(message, () => this.saved(store.set(medicine.id, { stopped: before })));
      this.root.querySelector(`#medicine-${medicine.id.split(":")[1]}`)?.focus();
    }

    remove(medicine) {
      const { id, ...before } = medicine;
      if (!this.saved(store.remove(id))) return;
      this.render();
      this.status(this.t.tDeleted, () => this.saved(store.set(id, { ...before, deleted: false })));
      this.root.querySelector("#add-medicine").focus();
    }

    /* --- the wallet card and the text ------------------------------------------------------ */

    printCard() {
      const card = this.root.querySelector("[data-wallet-card]");
      const current = this.medicines.filter((medicine) => !medicine.stopped);
      const allergies = store.get(PROFILE)?.allergies;
      card.replaceChildren(
        el("p", { class: "card-heading" }, this.t.tCardTitle),
        el("p", { class: "card-line" }, this.t.tCardName),
        el(
          "ul",
          {},
          ...(current.length
            ? current.map((m) => el("li", { dir: "auto" }, el("strong", {}, m.name), [m.dose, m.times].filter(Boolean).map((v) => ` · ${v}`).join("")))
            : [el("li", {}, this.t.tNone)]),
        ),
        el("p", {}, ...this.labelledNodes(this.t.tAllergies, allergies || this.t.tNone)),
        el("p", { class: "card-line" }, this.t.tCardContact),
        el("p", { class: "card-date" }, format(this.t.tCardDate, { date: this.date(new Date()) })),
      );
      this.root.classList.add("is-card");
      window.print();
    }

    async share() {
      const current = this.medicines.filter((medicine) => !medicine.stopped);
      const lines = [this.t.tCardTitle, ""];
      for (const m of current) lines.push(`- ${[m.name, m.dose, m.times, m.reason].filter(Boolean).join(", ")}`);
      if (!current.length) lines.push(this.t.tNone);
      lines.push("", this.labelled(this.t.tAllergies, store.get(PROFILE)?.allergies || this.t.tNone));
      const text = lines.join("\n");
      if (await this.shareText(text, this.root.querySelector(".undo-row"), this.t.tCardTitle)) this.status(this.t.tCopied);
    }
  }

  enhanceEach("article.medicines[data-medicines]", (root) => new Medicines(root), { ownTask: true });
}
