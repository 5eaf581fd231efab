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

  const shareButton = (button, url, title) => {
    const section = button.closest("[data-share]");
    button.hidden = false;
    button.addEventListener("click", async () => {
      if (await shareOrCopy(title ? { title, url } : { url }, () => shortLink(section, url))) {
        say(section.querySelector("[data-share-status]"), section.dataset.tCopied);
      }
    });
  };

  enhanceEach("[data-share] [data-share-url]", (button) => {
    shareButton(button, button.dataset.shareUrl, button.dataset.shareTitle);
  });

  /* The same page in another language: a Share button after each link, which shares
   * it at the page's public address (the short link's), whatever host served this copy. */
  enhanceEach("[data-share] a[data-share-language]", (link) => {
    const { tShare, tShareIn } = link.closest("ul").dataset;
    const publicOrigin = new URL(link.closest("[data-share]").querySelector(".short-link a").href).origin;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = tShare;
    button.setAttribute("aria-label", tShareIn.replace("%(language)s", link.textContent));
    link.after(" ", button);
    shareButton(button, new URL(link.getAttribute("href"), publicOrigin).href);
  });
}
