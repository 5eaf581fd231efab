/* "/" on a static host: go to the reader's language, as the server's "/" does.
 *
 * Her saved choice first (the lang cookie the language switch sets), then the
 * first of her browser's languages that the guide offers, else English. Chinese
 * written in Traditional characters (zh-TW, zh-HK, zh-Hant) is never served
 * Simplified. The same rule as webapp/i18n/__init__.py's negotiate().
 */
"use strict";

{
  const { NAMES } = common;
  const list = document.querySelector("[data-languages]");
  if (list) {
    const offered = JSON.parse(list.dataset.languages);
    const scriptByRegion = JSON.parse(list.dataset.chineseScripts);
    const aliases = JSON.parse(list.dataset.aliases);
    const byLower = new Map(offered.map((code) => [code.toLowerCase(), code]));

    /* "zh-TW" → "zh-hant", "es-MX" → "es", "fil-PH" → "tl": language, and script where it matters. */
    const canonical = (tag) => {
      const parts = tag.replace(/_/g, "-").split("-").filter(Boolean);
      if (!parts.length) return "";
      const language = aliases[parts[0].toLowerCase()] || parts[0].toLowerCase();
      let script = null;
      let region = null;
      for (const part of parts.slice(1)) {
        if (/^[a-z]{4}$/i.test(part)) script = part.toLowerCase();
        else if (/^([a-z]{2}|[0-9]{3})$/i.test(part)) region = part.toUpperCase();
      }
      if (language === "zh" && !script) script = (scriptByRegion[region] || "Hans").toLowerCase();
      return script ? `${language}-${script}` : language;
    };

    const negotiate = (tags) => {
      let chineseScript = null;
      for (let tag of tags) {
        if (chineseScript && tag.toLowerCase() === "zh") tag = `zh-${chineseScript}`;
        const wanted = canonical(tag);
        if (!wanted) continue;
        const primary = wanted.split("-")[0];
        const match = byLower.get(wanted) || (primary === "zh" ? undefined : byLower.get(primary));
        if (match) return match;
        if (!chineseScript && wanted.startsWith("zh-")) chineseScript = wanted.split("-")[1];
      }
      return "en";
    };

    const cookie = document.cookie.split("; ").find((pair) => pair.startsWith(`${NAMES.langCookie}=`));
    const saved = cookie?.slice(NAMES.langCookie.length + 1);
    const lang = offered.includes(saved) ? saved : negotiate(navigator.languages || [navigator.language || ""]);
    location.replace(`/${lang}/`);
  }
}
