/* Sharing a link: the phone's share sheet where there is one, else the clipboard,
 * else the link selected for copying by hand (common.shareOrCopy). Without
 * JavaScript the short link is on the page to copy, and these buttons stay hidden. */
"use strict";

{
  const { enhanceEach, say, shareOrCopy } = common;

  enhanceEach("[data-print]", (button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });

  /* The page's short link, made to show `url` (this page's, or the same page in another
   * language), for copying by hand. */
  const shortLink = (section, url) => {
    const link = section.querySelector(".short-link a");
    if (link.href !== url) {
      link.href = url;
      link.textContent = url.split("://")[1];
    }
    return link;
  };

  enhanceEach("[data-share] [data-share-url]", (button) => {
    const section = button.closest("[data-share]");
    button.hidden = false;
    button.addEventListener("click", async () => {
      const { shareTitle: title, shareUrl: url } = button.dataset;
      if (await shareOrCopy({ title, url }, () => shortLink(section, url))) {
        say(section.querySelector("[data-share-status]"), section.dataset.tCopied);
      }
    });
  });
}
