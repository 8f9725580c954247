// The timeline's axis: years, and months or days as the zoom allows, with labels that stick to the left
// edge while their segment is on screen.

import { dayToParts, monthStart } from "../core/dates.js";
import { AXIS_HEIGHT, MORE_HEIGHT } from "./layout.js";

// Year steps for the year band, finest first: one is picked so labels stay apart at any zoom, from single
// years to the billions of years of an atlas that starts at the Big Bang (1, 2, 5 times each power of ten).
const YEAR_STEPS = Array.from({ length: 33 }, (_, i) => [1, 2, 5][i % 3] * 10 ** Math.floor(i / 3));
const LONG_LABEL = 170; // px between marks once they read "13.8 billion years ago", not "1920"

/** The step (years) for marks `pxYear` pixels a year apart, so each label has `room` pixels. */
export function yearStep(pxYear, room = 40) {
  return YEAR_STEPS.find((step) => step > 1 && step * pxYear >= room) || YEAR_STEPS[YEAR_STEPS.length - 1];
}

/**
 * The years (astronomical) labelled from `from` to `to` at `step`: those whose number as readers count it
 * is a multiple of the step, so 10 BC (-9) and AD 10 are marked and no year 0 is. Beyond four digits a
 * year is read as written (dates.js formatYear): 20,000 BC is -20000.
 */
export function yearMarks(from, to, step) {
  const marks = [];
  const reader = (n) => (n > 10000 ? -n : 1 - n); // n BC as an astronomical year
  // Only the marks in view are visited: at 13.8 billion years a loop from the era would never end.
  const latest = Math.max(step, Math.ceil(-to / step) * step);
  for (let n = Math.floor((1 - from) / step) * step; n >= latest; n -= step) {
    if (reader(n) <= to) marks.push(reader(n));
  }
  for (let y = Math.max(step, Math.ceil(from / step) * step); y <= to; y += step) marks.push(y);
  return marks;
}

/**
 * Draw the axis for `view` ({left, k}) on a `width` × `height` canvas; `months`/`shortMonths` name the
 * months and `year` writes a year (astronomical numbering in, "44 BC" out: there is no year 0). Returns the
 * labels it wrote.
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
  const drawn = [];
  const label = (text, x0, x1, y, bold) => {
    ctx.font = bold ? `600 ${colors.font}` : colors.font;
    const w = ctx.measureText(text).width;
    if (x1 - Math.max(x0, 0) < w + 8 || x1 < 0 || x0 > width) return;
    drawn.push(text);
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
    const pxYear = 365.2425 * k;
    const deep = first.year < -9999 || dayToParts(lastDay).year > 9999;
    const step = pxYear >= 44 ? 1 : yearStep(pxYear, deep ? LONG_LABEL : 40);
    // Each labelled year's band runs to the next labelled one (across the era, 10 BC is followed by AD 10).
    const marks = yearMarks(first.year - step, dayToParts(lastDay).year + step, step);
    for (let i = 0; i < marks.length - 1; i++) {
      const x0 = x(monthStart(marks[i], 1));
      line(x0, 0, colors.gridStrong);
      label(year(marks[i], step), x0, x(monthStart(marks[i + 1], 1)), 11, true);
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
  return drawn;
}
