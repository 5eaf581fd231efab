{#- What the page scripts share. Rendered once at start-up (webapp/site: rendered_static_files)
    and published as /static/js/common.<hash>.js like any static file; base.html loads it on
    every page, deferred, before the others. They are plain scripts too (a classic script
    runs the same from the service worker's cache, needs no import map, which the CSP would
    refuse inline, and keeps its hashed name), read `common` from here, and keep their own
    names in a block of their own (`{ ... }`: nothing of theirs is global).

    Jinja comments like this one are not sent: the documentation costs readers no byte. -#}
/* What the page scripts share, loaded first (base.html): the names from
 * webapp/browser_names.py, and helpers. Each script is a block of its own. */
"use strict";

const common = Object.freeze({
  {#- Where things are kept in the browser. A script never spells one out (tests/test_scripts.py). #}
  NAMES: Object.freeze({{ names|tojson }}),

  {#- A stylesheet that only scripted parts use (css/find.css), added to the page once; the
      promise resolves when it applies (or at once if it is there already). #}
  stylesheet(href) {
    const there = document.querySelector(`link[rel=stylesheet][href="${href}"]`);
    if (there) return there.sheet ? Promise.resolve() : new Promise((done) => there.addEventListener("load", done));
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
    const loaded = new Promise((done) => {
      link.addEventListener("load", done);
      link.addEventListener("error", done);
    });
    document.head.append(link);
    return loaded;
  },

  {#- "%(done)s of %(total)s ticked": a translated message's placeholders filled in. #}
  format: (template, values) => template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name])),

  {#- A status line (if there is one) says `text`, or nothing. #}
  say(line, text) {
    if (line) line.textContent = text || "";
  },

  {#- `enhance(element)` once for each element matching `selector`: those of the page, and
      those htmx swaps in later (a boosted link swaps the body in without a page load; going
      back restores it, new nodes needing their listeners again). With `ownTask`, the page's
      first run is a task of its own, apart from compiling the script: a slow phone gets to
      paint and answer taps in between. #}
  enhanceEach(selector, enhance, { ownTask = false } = {}) {
    const done = new WeakSet();
    const run = (scope) => {
      const found = [...scope.querySelectorAll(selector)];
      if (scope.matches?.(selector)) found.push(scope);
      for (const element of found) {
        if (done.has(element)) continue;
        done.add(element);
        enhance(element);
      }
    };
    document.addEventListener("htmx:load", (event) => run(event.target));
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => run(document));
    else if (ownTask) setTimeout(() => run(document), 0);
    else run(document);
  },

  {#- The phone's share sheet where there is one (`data`: {title, url} or {text}); else the
      clipboard (`data.url`, else `data.text`); else, where the clipboard API is not allowed,
      the element `byHand()` returns, its text selected for the reader to copy (and copied,
      where the browser still lets a script). True once the text is copied. #}
  async shareOrCopy(data, byHand) {
    if (navigator.share) {
      await navigator.share(data).catch(() => {});
      return false;
    }
    try {
      await navigator.clipboard.writeText(data.url ?? data.text);
      return true;
    } catch {
      return common.copyByHand(byHand());
    }
  },

  copyByHand(node) {
    if (node.select) {
      node.focus();
      node.select();
    } else {
      const range = document.createRange();
      range.selectNodeContents(node);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  },

  {#- Browsers may evict site data (Safari after 7 days without a visit): ask to keep it. #}
  keepStorage() {
    if (navigator.storage?.persist) navigator.storage.persist().catch(() => {});
  },

  storageIsFull: (error) => error?.name === "QuotaExceededError" || error?.code === 22,
});
