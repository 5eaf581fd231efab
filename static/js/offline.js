/* Offline use: registers the service worker, says when the reader is offline,
 * announces a new version, and saves a whole language for reading without signal.
 * Pages are stored in the Cache API under the same names the worker uses
 * (templates/offline/sw.js), so either can read what the other stored.
 */
(function () {
  "use strict";

  var META = "mbc-meta";
  var SAVED_KEY = "/__saved-languages";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, name) { return String(values[name]); });
  }

  /* --- the quiet "you are offline" banner ------------------------------------ */

  function showConnection() {
    var banner = document.querySelector("[data-offline-banner]");
    if (banner) banner.hidden = navigator.onLine;
  }
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);

  /* --- updates: one notice, one reload, the whole new version ---------------- */

  function offerUpdate(worker) {
    var banner = document.querySelector("[data-update-banner]");
    if (!banner) return;
    banner.hidden = false;
    banner.querySelector("[data-update-reload]").onclick = function () {
      worker.postMessage({ type: "SKIP_WAITING" });
    };
  }

  function register() {
    if (!("serviceWorker" in navigator)) return;
    var hadController = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.register("/sw.js").then(function (registration) {
      if (registration.waiting && hadController) offerUpdate(registration.waiting);
      registration.addEventListener("updatefound", function () {
        var worker = registration.installing;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
        });
      });
    }).catch(function () { /* no worker: the guide still works online */ });
    var reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (!hadController || reloading) return; /* the first worker taking over needs no reload */
      reloading = true;
      window.location.reload();
    });
  }

  /* --- "Save this guide for offline" ------------------------------------------- */

  function readSaved() {
    return caches.open(META).then(function (cache) { return cache.match(SAVED_KEY); })
      .then(function (response) { return response ? response.json() : {}; });
  }

  function writeSaved(saved) {
    return caches.open(META).then(function (cache) {
      return cache.put(SAVED_KEY, new Response(JSON.stringify(saved), { headers: { "Content-Type": "application/json" } }));
    });
  }

  function SaveSection(section) {
    this.section = section;
    this.lang = section.dataset.lang;
    this.t = section.dataset;
    this.button = section.querySelector("[data-save]");
    this.unsave = section.querySelector("[data-unsave]");
    this.bar = section.querySelector("[data-save-progress]");
    this.statusLine = section.querySelector("[data-save-status]");
    var self = this;
    section.hidden = false;
    this.button.addEventListener("click", function () { self.save(); });
    this.unsave.addEventListener("click", function () { self.remove(); });
    /* The size first, so nobody downloads without knowing what it costs. */
    this.ready = fetch("/" + this.lang + "/offline.json").then(function (r) { return r.json(); }).then(function (list) {
      section.querySelector("[data-save-size]").textContent = format(self.t.tSize, { size: list.size });
      return list;
    });
    this.ready.catch(function () {});
    readSaved().then(function (saved) { if (saved[self.lang]) self.showSaved(); });
  }

  SaveSection.prototype.status = function (text) { this.statusLine.textContent = text; };

  SaveSection.prototype.showSaved = function () {
    this.unsave.hidden = false;
    this.status(this.t.tSaved);
  };

  SaveSection.prototype.save = function () {
    var self = this;
    this.ready.then(function (list) { self.saveAll(list); }, function () { self.status(self.t.tFailed); });
  };

  SaveSection.prototype.saveAll = function (list) {
    var self = this;
    var pages = list.pages;
    var done = 0;
    this.button.disabled = true;
    this.bar.hidden = false;
    this.bar.max = pages.length;
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    caches.open("mbc-pages-" + list.build).then(function (cache) {
      /* One page after another: a slow line is not flooded. */
      return pages.reduce(function (previous, url) {
        return previous.then(function () {
          return fetch(url, { cache: "no-store" }).then(function (response) {
            if (!response.ok) throw new Error("HTTP " + response.status);
            return cache.put(url, response);
          }).then(function () {
            done += 1;
            self.bar.value = done;
            self.status(format(self.t.tSaving, { done: done, total: pages.length }));
          });
        });
      }, Promise.resolve());
    }).then(function () {
      return readSaved().then(function (saved) {
        saved[self.lang] = new Date().toISOString();
        return writeSaved(saved);
      });
    }).then(function () {
      self.showSaved();
    }).catch(function (error) {
      var full = error && (error.name === "QuotaExceededError");
      self.status(full ? self.t.tFull : self.t.tFailed);
    }).then(function () {
      self.button.disabled = false;
      self.bar.hidden = true;
    });
  };

  SaveSection.prototype.remove = function () {
    var self = this;
    var pages = [];
    this.ready.then(function (list) {
      pages = list.pages;
      return caches.keys();
    }).then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("mbc-pages-") === 0; }).map(function (name) {
        return caches.open(name).then(function (cache) {
          return Promise.all(pages.map(function (url) { return cache.delete(url, { ignoreVary: true }); }));
        });
      }));
    }).then(readSaved).then(function (saved) {
      delete saved[self.lang];
      return writeSaved(saved);
    }).then(function () {
      self.unsave.hidden = true;
      self.status(self.t.tRemoved);
    });
  };

  /* --- the offline page: list what this phone can open ----------------------- */

  function listSaved(list) {
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-saved-page]"));
    Promise.all(items.map(function (li) {
      return caches.match(li.dataset.savedPage, { ignoreVary: true }).then(function (hit) { li.hidden = !hit; return Boolean(hit); });
    })).then(function (found) {
      var any = found.some(Boolean);
      list.hidden = !any; /* an empty list would leave a gap above the message */
      var none = document.querySelector("[data-none-saved]");
      if (none) none.hidden = any;
    });
  }

  /* Scripts a part of a page needs (a checklist, sharing) come with that part only:
   * in the page's <head> on a full load, and from here when htmx swaps the part in.
   * Pages without them load less. */
  function loadNeededScripts(scope) {
    var parts = Array.prototype.slice.call(scope.querySelectorAll("[data-needs-script]"));
    if (scope.matches && scope.matches("[data-needs-script]")) parts.push(scope);
    parts.forEach(function (part) {
      var src = part.dataset.needsScript;
      if (document.querySelector('script[src="' + src + '"]')) return;
      var script = document.createElement("script");
      script.src = src;
      document.head.appendChild(script);
    });
  }

  function start(scope) {
    loadNeededScripts(scope);
    showConnection();
    if (!("caches" in window) || !("serviceWorker" in navigator)) return;
    scope.querySelectorAll("[data-save-offline]").forEach(function (section) {
      if (!section.dataset.ready) { section.dataset.ready = "1"; new SaveSection(section); }
    });
    scope.querySelectorAll("[data-saved-pages]").forEach(listSaved);
  }

  /* The language switch is a plain link (it works on a static host); the choice is
   * remembered in the one cookie we set, which "/" reads, on the server or not. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-lang-choice]");
    if (!link) return;
    document.cookie = "lang=" + link.dataset.langChoice + "; Path=/; Max-Age=31536000; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  });

  register();
  document.addEventListener("htmx:load", function (event) { start(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  } else {
    start(document);
  }
})();
