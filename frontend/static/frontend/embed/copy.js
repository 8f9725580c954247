// "Copy embed code": the textarea holds the code for the page as the server sent it (and can be selected by
// hand without this script). A visitor moves on — another event, the other language, a lesson's step — so
// when the box is opened, and again before copying, the code is asked of the atlas's oEmbed endpoint for the
// address as it is now: the one place that knows how an address embeds (frontend/embeds.py), collections and
// lessons included. When it cannot answer (a draft, an address it does not embed, no network) the code shown
// is left as it was.

import { t } from "../core/i18n.js";

async function currentCode(discovery) {
  if (!discovery) return null;
  const endpoint = new URL(discovery.href, location.href);
  endpoint.searchParams.set("url", location.href);
  try {
    const answer = await fetch(endpoint, { headers: { Accept: "application/json" } });
    return answer.ok ? (await answer.json()).html : null;
  } catch {
    return null;
  }
}

async function refresh(area, discovery) {
  const code = await currentCode(discovery);
  if (code) area.value = code;
}

/** Wire every "copy embed code" button under `root` (the page's embed box). */
export function wireEmbedBox(root = document) {
  const discovery = document.querySelector('link[rel="alternate"][type="application/json+oembed"]');
  for (const button of root.querySelectorAll("[data-copy-embed]")) {
    const area = document.getElementById(button.dataset.copyEmbed);
    const status = button.parentElement.querySelector(".embed-copied");
    const box = button.closest("details");
    box?.addEventListener("toggle", () => {
      if (box.open) refresh(area, discovery);
      if (status) status.textContent = "";
    });
    button.addEventListener("click", async () => {
      await refresh(area, discovery);
      area.select();
      try {
        await navigator.clipboard.writeText(area.value);
      } catch {
        // No clipboard (an http page, a denied permission): the text is selected for Ctrl+C.
        return;
      }
      if (status) status.textContent = t(document.documentElement.lang, "embedCopied");
    });
  }
}
