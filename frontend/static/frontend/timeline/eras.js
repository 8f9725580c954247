// A collection's eras (TimelineJS's eras: "Precambrian", "The Republic") as bands behind the events, each
// named at the foot of the lanes, its name kept at the left edge while the band is on screen.

import { isoToDay } from "../core/dates.js";
import { MORE_HEIGHT } from "./layout.js";

/** The page's eras ({title: {lang: text}, start, end} with ISO days) as bands in days since 1970, ends exclusive. */
export function eraBands(eras) {
  return (eras || [])
    .filter((era) => era.start && era.end)
    .map((era) => ({ title: era.title || {}, start: isoToDay(era.start), end: isoToDay(era.end) + 1 }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** An era's name in `lang`, else in whichever language it has one. */
export function eraTitle(band, lang) {
  return band.title[lang] || Object.values(band.title).find(Boolean) || "";
}

/**
 * Draw `bands` between the axis (`top`) and the row of counts; returns what was drawn ({title, x0, x1}, in
 * CSS px) so the page can say which eras are in view.
 */
export function drawEras(ctx, { bands, view, width, height, top, colors, lang }) {
  const drawn = [];
  const bottom = height - MORE_HEIGHT;
  const x = (day) => (day - view.left) * view.k;
  bands.forEach((band, index) => {
    const x0 = Math.max(x(band.start), 0);
    const x1 = Math.min(x(band.end), width);
    if (x1 <= 0 || x0 >= width || x1 - x0 < 1) return;
    // Neighbouring eras alternate in shade, so where one ends and the next begins shows without a legend.
    ctx.fillStyle = colors.grid;
    ctx.globalAlpha = index % 2 ? 0.55 : 0.3;
    ctx.fillRect(x0, top, x1 - x0, bottom - top);
    ctx.globalAlpha = 1;
    const title = eraTitle(band, lang);
    ctx.font = `italic ${colors.font}`;
    const textWidth = ctx.measureText(title).width;
    if (title && x1 - x0 >= textWidth + 8) {
      ctx.fillStyle = colors.muted;
      ctx.textBaseline = "bottom";
      ctx.fillText(title, Math.min(x0 + 4, x1 - textWidth - 4), bottom - 3);
      ctx.textBaseline = "middle";
      drawn.push({ title, x0, x1 });
    }
  });
  return drawn;
}
