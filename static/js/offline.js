/* Offline use: registers the service worker, says when the reader is offline,
 * announces a new version, and saves a whole language for reading without signal.
 * Pages are stored in the Cache API under the names the worker uses (NAMES), so
 * either can read what the other stored.
 */
"use strict";

{
  const { NAMES, enhanceEach, format, keepStorage, say, storageIsFull } = common;

  /* --- the quiet "you are offline" banner ------------------------------------ */

  const showConnection = () => {
    const banner = document.querySelector("[data-offline-banner]");
    if (banner) banner.hidden = navigator.onLine;
  };
  addEventListener("online", showConnection);
  addEventListener("offline", showConnection);

  /* --- updates: one notice, one reload, the whole new version ---------------- */

  const offerUpdate = (worker) => {
    const banner = document.querySelector("[data-update-banner]");
    if (!banner) return;
    banner.hidden = false;
    banner.querySelector("[data-update-reload]").onclick = () => worker.postMessage({ type: NAMES.skipWaiting });
  };

  const register = async () => {
    if (!("serviceWorker" in navigator)) return;
    const hadController = Boolean(navigator.serviceWorker.controller);
    let reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (!hadController || reloading) return; /* the first worker taking over needs no reload */
      reloading = true;
      location.reload();
    });
    let registration;
    try {
      registration = await navigator.serviceWorker.register("/sw.js");
    } catch {
      return; /* no worker: the guide still works online */
    }
    if (registration.waiting && hadController) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    });
  };

  /* --- "Save this guide for offline" ------------------------------------------- */

  const readSaved = async () => {
    const response = await (await caches.open(NAMES.metaCache)).match(NAMES.savedLanguages);
    return response ? response.json() : {};
  };

  const writeSaved = async (saved) => {
    const body = new Response(JSON.stringify(saved), { headers: { "Content-Type": "application/json" } });
    await (await caches.open(NAMES.metaCache)).put(NAMES.savedLanguages, body);
  };

  class SaveSection {
    constructor(section) {
      this.lang = section.dataset.lang;
      this.t = section.dataset;
      this.button = section.querySelector("[data-save]");
      this.unsave = section.querySelector("[data-unsave]");
      this.bar = section.querySelector("[data-save-progress]");
      this.statusLine = section.querySelector("[data-save-status]");
      section.hidden = false;
      this.button.addEventListener("click", () => this.save());
      this.unsave.addEventListener("click", () => this.remove());
      /* The size first, so nobody downloads without knowing what it costs. */
      this.ready = (async () => {
        const list = await (await fetch(`/${this.lang}/offline.json`)).json();
        say(section.querySelector("[data-save-size]"), format(this.t.tSize, { size: list.size }));
        return list;
      })();
      this.ready.catch(() => {});
      readSaved().then((saved) => {
        if (saved[this.lang]) this.showSaved();
      });
    }

    status(text) {
      say(this.statusLine, text);
    }

    showSaved() {
      this.unsave.hidden = false;
      this.status(this.t.tSaved);
    }

    async save() {
      let list;
      try {
        list = await this.ready;
      } catch {
        return this.status(this.t.tFailed);
      }
      /* Its pages, and the files they need offline (the search index, the glossary's words). */
      const pages = [...list.pages, ...list.files];
      this.button.disabled = true;
      this.bar.hidden = false;
      this.bar.max = pages.length;
      keepStorage();
      try {
        const cache = await caches.open(NAMES.pagesCache + list.build);
        /* One page after another: a slow line is not flooded. */
        let done = 0;
        for (const url of pages) {
          const response = await fetch(url, { cache: "no-store" });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await cache.put(url, response);
          done += 1;
          this.bar.value = done;
          this.status(format(this.t.tSaving, { done, total: pages.length }));
        }
        const saved = await readSaved();
        saved[this.lang] = new Date().toISOString();
        await writeSaved(saved);
        this.showSaved();
      } catch (error) {
        this.status(storageIsFull(error) ? this.t.tFull : this.t.tFailed);
      }
      this.button.disabled = false;
      this.bar.hidden = true;
    }

    async remove() {
      const list = await this.ready;
      const pages = [...list.pages, ...list.files];
      for (const name of await caches.keys()) {
        if (!name.startsWith(NAMES.pagesCache)) continue;
        const cache = await caches.open(name);
        await Promise.all(pages.map((url) => cache.delete(url, { ignoreVary: true })));
      }
      const saved = await readSaved();
      delete saved[this.lang];
      await writeSaved(saved);
      this.unsave.hidden = true;
      this.status(this.t.tRemoved);
    }
  }

  /* --- the offline page: list what this phone can open ----------------------- */

  const listSaved = async (list) => {
    const found = await Promise.all(
      [...list.querySelectorAll("[data-saved-page]")].map(async (li) => {
        const hit = await caches.match(li.dataset.savedPage, { ignoreVary: true });
        li.hidden = !hit;
        return Boolean(hit);
      }),
    );
    const any = found.some(Boolean);
    list.hidden = !any; /* an empty list would leave a gap above the message */
    const none = document.querySelector("[data-none-saved]");
    if (none) none.hidden = any;
  };

  register();

  /* Scripts a part of a page needs (a checklist, sharing) come with that part only:
   * in the page's <head> on a full load, and from here when htmx swaps the part in.
   * Pages without them load less. */
  enhanceEach("[data-needs-script]", (part) => {
    /* Several, space-separated, run in that order (the store before the page's script). */
    for (const src of part.dataset.needsScript.split(" ")) {
      if (document.querySelector(`script[src="${src}"]`)) continue;
      document.head.append(Object.assign(document.createElement("script"), { src, async: false }));
    }
  });
  enhanceEach("[data-offline-banner]", showConnection);
  if ("caches" in window && "serviceWorker" in navigator) {
    enhanceEach("[data-save-offline]", (section) => new SaveSection(section));
    enhanceEach("[data-saved-pages]", listSaved);
  }

  /* The language switch is a plain link (it works on a static host); the choice is
   * remembered in the one cookie we set, which "/" reads, on the server or not. */
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("[data-lang-choices] a[lang]");
    if (!link) return;
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${NAMES.langCookie}=${link.getAttribute("lang")}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
  });
}
