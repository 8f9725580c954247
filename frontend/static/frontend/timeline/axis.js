// The timeline's axis: years, and months or days as the zoom allows, with labels that stick to the left
// edge while their segment is on screen.

import { dayToParts, monthStart } from "../core/dates.js";
import { AXIS_HEIGHT, MORE_HEIGHT } from "./layout.js";

// Year steps for the year band, finest first: one is picked so labels stay apart at any zoom, centuries
// and millennia included for atlases that reach before the common era.
const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];

/**
 * The years (astronomical) labelled from `from` to `to` at `step`: those whose number as readers count it
 * is a multiple of the step, so 10 BC (-9) and AD 10 are marked and no year 0 is.
 */
export function yearMarks(from, to, step) {
  const marks = [];
  for (let n = Math.floor((1 - from) / step) * step; n >= step; n -= step) {
    if (1 - n <= to) marks.push(1 - n); // n BC
  }
  for (let y = Math.max(step, Math.ceil(from / step) * step); y <= to; y += step) marks.push(y);
  return marks;
}

/**
 * Draw the axis for `view` ({left, k}) on a `width` × `height` canvas; `months`/`shortMonths` name the
 * months and `year` writes a year (astronomical numbering in, "44 BC" out: there is no year 0).
 */
export function drawAxis(ctx, { view, width, height, colors, months, shortMonths, year = String }) {
  const k = view.k;
  const x = (day) => (day - view.left) * k;
  const first = dayToParts(view.left);
  const lastDay = view.left + width / k;
  const pxMonth = 30.4 * k;
  ctx.fillStyle = colors.axis;
  ctx.fillRect(0, 0, width, AXIS_HEIGHT);
  ctx.font = colors.font;
  ctx.textBaseline = "middle";
  const line = (at, top, style) => {
    ctx.strokeStyle = style;
    ctx.beginPath();
    ctx.moveTo(Math.round(at) + 0.5, top);
    ctx.lineTo(Math.round(at) + 0.5, height - MORE_HEIGHT);
    ctx.stroke();
  };
  const label = (text, x0, x1, y, bold) => {
    ctx.font = bold ? `600 ${colors.font}` : colors.font;
    const w = ctx.measureText(text).width;
    if (x1 - Math.max(x0, 0) < w + 8) return;
    ctx.fillStyle = bold ? colors.text : colors.muted;
    ctx.fillText(text, Math.min(Math.max(x0 + 4, 4), x1 - w - 4), y);
  };

  if (k >= 14) {
    // Days: months (with year) on the top band, day numbers below.
    for (let y = first.year, m = first.month; monthStart(y, m) <= lastDay; m++) {
      const x0 = x(monthStart(y, m));
      line(x0, 0, colors.gridStrong);
      label(`${months[(m - 1) % 12]} ${year(y + Math.floor((m - 1) / 12))}`, x0, x(monthStart(y, m + 1)), 11, true);
    }
    const step = k >= 22 ? 1 : k >= 16 ? 2 : 5;
    for (let day = Math.floor(view.left); day <= lastDay; day++) {
      const parts = dayToParts(day);
      if (parts.day !== 1) line(x(day), 22, colors.grid);
      if ((parts.day - 1) % step === 0 && parts.day < 31)
        label(String(parts.day), x(day), x(day) + k * step, 30, false);
    }
  } else {
    const pxYear = 365.25 * k;
    const yearStep = pxYear >= 44 ? 1 : YEAR_STEPS.find((step) => step > 1 && step * pxYear >= 40) || 2000;
    // Each labelled year's band runs to the next labelled one (across the era, 10 BC is followed by AD 10).
    const marks = yearMarks(first.year - yearStep, dayToParts(lastDay).year + yearStep, yearStep);
    for (let i = 0; i < marks.length - 1; i++) {
      const x0 = x(monthStart(marks[i], 1));
      line(x0, 0, colors.gridStrong);
      label(year(marks[i]), x0, x(monthStart(marks[i + 1], 1)), 11, true);
    }
    if (pxMonth >= 14) {
      const names = pxMonth >= 80 ? months : pxMonth >= 30 ? shortMonths : null;
      for (let y = first.year, m = first.month; monthStart(y, m) <= lastDay; m++) {
        const x0 = x(monthStart(y, m));
        if ((m - 1) % 12 !== 0) line(x0, 22, colors.grid);
        if (names) label(names[(m - 1) % 12], x0, x(monthStart(y, m + 1)), 30, false);
      }
    }
  }
  ctx.strokeStyle = colors.gridStrong;
  ctx.beginPath();
  ctx.moveTo(0, AXIS_HEIGHT - 0.5);
  ctx.lineTo(width, AXIS_HEIGHT - 0.5);
  ctx.stroke();
}
