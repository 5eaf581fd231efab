/* The glossary's words where they are used: each link to an entry (class "term", made by
 * webapp/guide/glossary.py) becomes a button that shows the entry's short definition in a
 * card (the HTML popover: Escape or a tap elsewhere closes it, focus stays on the button),
 * with the link to the whole entry. The definitions come from the glossary page itself, as
 * one static file per language (webapp/search), kept with the saved guide. Where the browser
 * has no popover, or this script does not run, the word stays a link to its entry.
 */
"use strict";

{
  const { enhanceEach, stylesheet } = common;
  const loaded = new Map();
  const definitions = (url) => {
    if (!loaded.has(url)) {
      loaded.set(url, fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status)))));
      loaded.get(url).catch(() => loaded.delete(url));
    }
    return loaded.get(url);
  };
  const make = (tag, props) => Object.assign(document.createElement(tag), props);
  let count = 0;

  const enhance = (link, t) => {
    const id = `term-${(count += 1)}`;
    const button = make("button", { type: "button", className: "term" });
    button.append(...link.childNodes);
    button.setAttribute("popovertarget", id);
    const card = make("span", { id, className: "term-card" });
    card.popover = "auto";
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-labelledby", `${id}-term`);
    const term = make("span", { id: `${id}-term`, className: "term-card-term", textContent: button.textContent });
    const text = make("span", { className: "term-card-text" });
    const more = make("a", { href: link.getAttribute("href"), textContent: t.tMore });
    const close = make("button", { type: "button", textContent: t.tClose });
    close.setAttribute("popovertarget", id);
    close.setAttribute("popovertargetaction", "hide");
    card.append(term, text, more, close);
    card.addEventListener("beforetoggle", (event) => {
      if (event.newState !== "open" || text.textContent) return;
      definitions(t.definitions)
        .then(({ terms }) => {
          const [name, meaning, lang] = terms[link.hash.slice(1)] || [];
          if (!meaning) return;
          term.textContent = name;
          text.textContent = meaning;
          if (lang) Object.assign(text, { lang, dir: "ltr" });
        })
        .catch(() => {}); /* the card still has the word and the link to its entry */
    });
    link.replaceWith(button, card);
  };

  if ("popover" in HTMLElement.prototype) {
    /* The words become buttons once their look has arrived: nothing flickers. */
    enhanceEach("[data-terms]", (article) =>
      stylesheet(article.dataset.styles).then(() => {
        for (const link of article.querySelectorAll("a.term")) enhance(link, article.dataset);
      }),
    );
  }
}
