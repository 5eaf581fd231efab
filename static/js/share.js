/* Sharing a link: the phone's share sheet where there is one, else the clipboard,
 * else the link selected for copying by hand. Without JavaScript the short link
 * is on the page to copy, and these buttons stay hidden. */
(function () {
  "use strict";

  function status(section, text) {
    var line = section.querySelector("[data-share-status]");
    if (line) line.textContent = text;
  }

  function copyByHand(section) {
    var link = section.querySelector(".short-link a");
    var range = document.createRange();
    range.selectNodeContents(link);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      if (document.execCommand("copy")) status(section, section.dataset.tCopied);
    } catch (error) { /* the link stays selected for copying */ }

  }

  function share(button) {
    var section = button.closest("[data-share]");
    var url = button.dataset.shareUrl;
    if (navigator.share) {
      navigator.share({ title: button.dataset.shareTitle, url: url }).catch(function () {});
      return;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { status(section, section.dataset.tCopied); },
        function () { copyByHand(section); }
      );
    } else {
      copyByHand(section);
    }
  }

  function start(scope) {
    scope.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
    scope.querySelectorAll("[data-share] [data-share-url]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () { share(button); });
    });
  }

  document.addEventListener("htmx:load", function (event) { start(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  } else {
    start(document);
  }
})();
