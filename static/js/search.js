/* Search on the phone: nothing typed here is sent anywhere, or put in a URL.
 *
 * The language's index (webapp/search/index.py, a static file kept with the saved guide)
 * says which pages hold each word. The pages that hold every word of the query are then
 * read from the copies on this phone (the Cache API, where "Save for offline" and the
 * service worker keep them; never from the network), for the sections and the sentences
 * to show. A page not saved on the phone is shown by its title, with the words it has.
 * `fold` must give what index.py's `fold` gives (tests/browser/test_search.py compares).
 */
"use strict";

const search = (() => {
  const { enhanceEach, format, say, stylesheet } = common;
  const indexes = new Map(); /* url → promise of the index */
  const pages = new Map(); /* path → promise of its sections, or null when not on the phone */

  const load = (url) => {
    if (!indexes.has(url)) {
      indexes.set(url, fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status)))).then(prepare));
      indexes.get(url).catch(() => indexes.delete(url)); /* try again next time */
    }
    return indexes.get(url);
  };

  const prepare = (index) => {
    const r = index.rules;
    index.han = new RegExp(`([${r.han}])`, "u");
    index.words = index.terms.split(" ");
    index.common = index.common.split(" ");
    index.pagesOf = index.postings.split(" ").map((gaps) => {
      let n = 0;
      return gaps.split(",").map((gap) => (n += parseInt(gap, 36)));
    });
    return index;
  };

  const strip = (word, affixes, start, min) => {
    for (const affix of affixes || []) {
      const fits = start ? word.startsWith(affix) : word.endsWith(affix);
      if (fits && word.length - affix.length >= min) return start ? word.slice(affix.length) : word.slice(0, -affix.length);
    }
    return word;
  };

  /* The words of `text` as the index keeps them. */
  const fold = (index, text) => {
    const r = index.rules;
    /* NFKD takes accents apart (and Hangul syllables into letters); NFC puts the syllables back. */
    const plain = [...text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")].map((c) => r.fold[c] ?? c).join("").normalize("NFC");
    const words = [];
    for (const [word] of plain.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (index.han.test(word)) {
        words.push(...word.split(index.han).filter(Boolean));
        continue;
      }
      const stem = strip(strip(word, r.prefixes, true, r.minStem), r.suffixes, false, r.minStem);
      words.push([...stem].slice(0, r.keep).join(""));
    }
    return words;
  };

  /* The indexed words that begin with `word` (the list is sorted: a binary search). */
  const known = (index, word) => {
    const list = index.words;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < word) lo = mid + 1;
      else hi = mid;
    }
    const found = [];
    for (let i = lo; i < list.length && list[i].startsWith(word); i += 1) found.push(i);
    return found;
  };

  /* The sections of a page saved on the phone: [{anchor, heading, blocks: [text]}]. */
  const sectionsOf = (path) => {
    if (!pages.has(path)) {
      pages.set(
        path,
        (async () => {
          const saved = "caches" in window ? await caches.match(path, { ignoreVary: true }) : undefined;
          if (!saved) return null;
          const doc = new DOMParser().parseFromString(await saved.text(), "text/html");
          const main = doc.querySelector("main");
          const sections = [{ anchor: "", heading: "", blocks: [] }];
          const blocks = main.querySelectorAll(
            "h1, .lead, .prose :is(h2, h3, p, li, th, td), .checklist :is(h2, li[id]), .key-points li",
          );
          for (const block of blocks) {
            const text = block.textContent.replace(/\s+/g, " ").trim();
            if (/^H[23]$/.test(block.tagName) && block.id) sections.push({ anchor: block.id, heading: text, blocks: [] });
            else if (block.tagName === "LI" && block.id) sections.push({ anchor: block.id, heading: "", blocks: [text] });
            else if (text) sections.at(-1).blocks.push(text);
          }
          return sections;
        })().catch(() => null),
      );
    }
    return pages.get(path);
  };

  const has = (index, text, query) => {
    const words = fold(index, text);
    return query.filter((q) => words.some((w) => w.startsWith(q)));
  };

  /* Results for `text`: [{path, title, anchor, heading, snippet}], best first; and the
   * words typed that no page of the guide has. */
  const find = async (index, text) => {
    const query = [...new Set(fold(index, text))];
    const absent = query.filter((q) => !known(index, q).length && !index.common.some((c) => c.startsWith(q)));
    if (!query.length || absent.length) return { results: [], absent };
    let candidates = index.pages.map((_, p) => p);
    for (const word of query) {
      const terms = known(index, word);
      if (!terms.length) continue; /* a common word: on most pages */
      const here = new Set(terms.flatMap((t) => index.pagesOf[t]));
      candidates = candidates.filter((p) => here.has(p));
    }
    const results = [];
    for (const p of candidates) {
      const [path, title] = index.pages[p];
      const sections = await sectionsOf(path);
      if (!sections) {
        results.push({ path, title, anchor: "", heading: "", snippet: "", score: 1 });
        continue;
      }
      for (const section of sections) {
        const heading = section.heading || (section.anchor ? "" : title);
        const inHeading = has(index, heading, query);
        const found = new Set([...inHeading, ...section.blocks.flatMap((b) => has(index, b, query))]);
        if (found.size < query.length) continue;
        const snippet = section.blocks.find((b) => has(index, b, query).length) || "";
        results.push({ path, title, anchor: section.anchor, heading: section.heading, snippet, score: 2 + 3 * inHeading.length });
      }
    }
    results.sort((a, b) => b.score - a.score);
    return { results, absent };
  };

  /* `text` as nodes, each word that begins with a query word in <mark>. */
  const marked = (index, text, query) => {
    const out = document.createDocumentFragment();
    let at = 0;
    for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      if (!has(index, m[0], query).length) continue;
      out.append(text.slice(at, m.index), Object.assign(document.createElement("mark"), { textContent: m[0] }));
      at = m.index + m[0].length;
    }
    out.append(text.slice(at));
    return out;
  };

  /* Around the first word found: a snippet fits a phone's line or three. */
  const around = (index, text, query) => {
    const first = [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].find((m) => has(index, m[0], query).length);
    const start = first && first.index > 60 ? text.lastIndexOf(" ", first.index - 40) + 1 : 0;
    const cut = text.slice(start, start + 160);
    return (start ? "…" : "") + cut + (start + 160 < text.length ? "…" : "");
  };

  class SearchBox {
    constructor(form) {
      this.form = form;
      this.t = form.dataset;
      this.input = form.querySelector("input");
      this.status = form.querySelector("[data-search-status]");
      this.list = form.querySelector("[data-search-results]");
      this.unsaved = form.querySelector("[data-search-unsaved]");
      this.limit = Number(form.dataset.limit || 20);
      stylesheet(form.dataset.styles); /* for the results */
      /* Never submitted: the words stay in this page. */
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.run();
      });
      this.input.addEventListener("input", () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.run(), 200);
      });
      this.input.addEventListener("focus", () => load(this.t.index).catch(() => {}), { once: true });
      form.classList.add("is-interactive");
      if (this.input.value) this.run(); /* typed before the script ran */
    }

    async run() {
      const text = this.input.value.trim();
      const asked = (this.asked = text);
      if (!text) {
        this.list.replaceChildren();
        this.unsaved.hidden = true;
        return say(this.status, "");
      }
      let index;
      try {
        say(this.status, this.t.tLoading);
        index = await load(this.t.index);
      } catch {
        return say(this.status, this.t.tUnavailable);
      }
      const { results, absent } = await find(index, text);
      if (asked !== this.asked) return; /* a newer query is on its way */
      this.show(index, fold(index, text), results.slice(0, this.limit), results.length, absent.length > 0);
    }

    show(index, query, results, total, absent) {
      const items = results.map((result) => {
        const li = document.createElement("li");
        const link = Object.assign(document.createElement("a"), {
          href: result.path + (result.anchor ? `#${result.anchor}` : ""),
        });
        link.append(marked(index, result.heading || result.title, query));
        li.append(link);
        if (result.heading) li.append(Object.assign(document.createElement("span"), { className: "result-page", textContent: result.title }));
        if (result.snippet) {
          const p = Object.assign(document.createElement("p"), { className: "result-text" });
          p.append(marked(index, around(index, result.snippet, query), query));
          li.append(p);
        }
        return li;
      });
      this.list.replaceChildren(...items);
      say(this.status, total ? format(this.t.tCount, { count: total }) : absent ? this.t.tAbsent : this.t.tNone);
      /* A page not saved on the phone is found, but not the place in it. */
      this.unsaved.hidden = !results.some((result) => !result.heading && !result.snippet);
    }
  }

  enhanceEach("[data-search]", (form) => new SearchBox(form));
  return { fold: (index, text) => fold(index, text), load, find };
})();
