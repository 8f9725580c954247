// Drawing the timeline's events and its bottom row on a canvas: each event as a tick (day precision) or
// a bar over its bounds (month, season, year, span), soft-edged when approximate and hatched when
// uncertain; a window left between other events (after X, before Y) is a point on its likeliest day over
// a faint band for the days it may be on, never a bar; a disputed date carries a diamond on its start.

import {
  APPROXIMATE,
  BAR_HEIGHT,
  BUCKET,
  CATEGORIES,
  DISPUTED,
  MORE_HEIGHT,
  OPEN_END,
  OPEN_START,
  POINT,
  TICK_WIDTH,
  UNCERTAIN,
  WINDOW,
} from "./layout.js";

/** The timeline's colours (CSS custom properties of `element`) and its hatching pattern for `ctx`. */
export function readTheme(element, ctx) {
  const style = getComputedStyle(element);
  const value = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const colors = {
    background: value("--tl-bg", "#fff"),
    axis: value("--tl-axis-bg", "#f2efe8"),
    text: value("--tl-fg", "#1d1d1b"),
    muted: value("--tl-muted", "#6b665c"),
    grid: value("--tl-grid", "#e4dfd4"),
    gridStrong: value("--tl-grid-strong", "#c9c1b1"),
    selected: value("--tl-selected", "#c0392b"),
    disputed: value("--tl-disputed", "#b7410e"),
    more: value("--tl-more", "#8a8477"),
    category: CATEGORIES.map((name) => value(`--cat-${name}`, "#555")),
    font: value("--tl-font", "12px system-ui, sans-serif"),
  };
  const tile = document.createElement("canvas");
  tile.width = tile.height = 8;
  const tileContext = tile.getContext("2d");
  tileContext.strokeStyle = colors.text;
  tileContext.globalAlpha = 0.45;
  tileContext.lineWidth = 1.5;
  tileContext.beginPath();
  for (const [x0, y0, x1, y1] of [
    [-2, 10, 10, -2],
    [6, 10, 10, 6],
    [-2, 2, 2, -2],
  ]) {
    tileContext.moveTo(x0, y0);
    tileContext.lineTo(x1, y1);
  }
  tileContext.stroke();
  return { colors, hatch: ctx.createPattern(tile, "repeat") };
}

function _drawPoint(ctx, { x, y, width, color, approximate, uncertain, hatch, alpha }) {
  if (approximate || uncertain) {
    // A halo says "about here": soft for approximate, hatched for uncertain.
    ctx.fillStyle = uncertain ? hatch : color;
    ctx.globalAlpha = uncertain ? alpha : alpha * 0.3;
    ctx.fillRect(x - 4, y, width + 8, BAR_HEIGHT);
    ctx.globalAlpha = alpha;
  }
  ctx.fillStyle = color;
  ctx.fillRect(x, y, width, BAR_HEIGHT);
}

function _drawWindow(ctx, { x0, x1, pointX, y, width, color, alpha, ...rest }) {
  ctx.fillStyle = color;
  ctx.globalAlpha = alpha * 0.15;
  ctx.fillRect(x0, y + 3, x1 - x0, BAR_HEIGHT - 6);
  ctx.globalAlpha = alpha;
  _drawPoint(ctx, { x: pointX - width / 2, y, width, color, alpha, ...rest });
}

function _drawBar(ctx, { x0, x1, y, color, approximate, uncertain, hatch, alpha }) {
  const w = x1 - x0;
  if (approximate) {
    const gradient = ctx.createLinearGradient(x0, 0, x1, 0);
    const fade = Math.min(0.3, 12 / Math.max(w, 1));
    gradient.addColorStop(0, "transparent");
    gradient.addColorStop(fade, color);
    gradient.addColorStop(1 - fade, color);
    gradient.addColorStop(1, "transparent");
    ctx.fillStyle = gradient;
  } else {
    ctx.fillStyle = color;
  }
  ctx.globalAlpha = alpha * 0.35;
  ctx.fillRect(x0, y, w, BAR_HEIGHT);
  ctx.globalAlpha = alpha;
  if (uncertain) {
    ctx.fillStyle = hatch;
    ctx.fillRect(x0, y, w, BAR_HEIGHT);
  }
  if (!approximate) {
    ctx.fillStyle = color;
    ctx.fillRect(x0, y, 3, BAR_HEIGHT);
  }
}

// An open side ("1920-11/..", "../1920") gets an arrowhead pointing the way the date runs on.
function _drawOpenSide(ctx, { x0, x1, y, color, openEnd }) {
  ctx.fillStyle = color;
  ctx.beginPath();
  if (openEnd) {
    const x = Math.max(x1, x0 + TICK_WIDTH) + 2;
    ctx.moveTo(x, y + 2);
    ctx.lineTo(x + 6, y + BAR_HEIGHT / 2);
    ctx.lineTo(x, y + BAR_HEIGHT - 2);
  } else {
    ctx.moveTo(x0 - 2, y + 2);
    ctx.lineTo(x0 - 8, y + BAR_HEIGHT / 2);
    ctx.lineTo(x0 - 2, y + BAR_HEIGHT - 2);
  }
  ctx.fill();
}

// Disputed: a diamond on the start's top edge (the panel lists the other readings).
function _drawDiamond(ctx, { x, y, colors }) {
  ctx.fillStyle = colors.disputed;
  ctx.strokeStyle = colors.background;
  ctx.beginPath();
  ctx.moveTo(x + 2, y - 4);
  ctx.lineTo(x + 6, y);
  ctx.lineTo(x + 2, y + 4);
  ctx.lineTo(x - 2, y);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
}

/**
 * Draw event `i` in its box ({x0, x1, pointX, y}); `label` is its title already cut to its room (or ""),
 * drawn from `labelX`. `dim` fades it (not among the highlighted), `selected` rings it.
 */
export function drawEvent(ctx, arrays, i, { box, colors, hatch, dim, selected, label, labelX }) {
  const { x0, x1, pointX, y } = box;
  const flags = arrays.flags[i];
  const color = colors.category[arrays.category[i]];
  const alpha = dim && !selected ? 0.25 : 1;
  const look = { color, hatch, alpha, approximate: flags & APPROXIMATE, uncertain: flags & UNCERTAIN };
  const pointWidth = TICK_WIDTH + (arrays.significance[i] - 2);
  ctx.globalAlpha = alpha;
  if (flags & WINDOW) _drawWindow(ctx, { x0, x1, pointX, y, width: pointWidth, ...look });
  else if (flags & POINT) _drawPoint(ctx, { x: x0, y, width: pointWidth, ...look });
  else _drawBar(ctx, { x0, x1, y, ...look });
  if (flags & (OPEN_START | OPEN_END)) _drawOpenSide(ctx, { x0, x1, y, color, openEnd: flags & OPEN_END });
  if (flags & DISPUTED) _drawDiamond(ctx, { x: flags & WINDOW ? pointX - 2 : x0, y, colors });
  if (label) {
    ctx.font = arrays.significance[i] >= 3 ? `600 ${colors.font}` : colors.font;
    ctx.fillStyle = colors.text;
    ctx.textBaseline = "middle";
    ctx.fillText(label, labelX, y + BAR_HEIGHT / 2 + 0.5);
  }
  ctx.globalAlpha = 1;
  if (selected) {
    // A window's ring goes round its point: the band is where it may be, not what was selected.
    const [left, right] = flags & WINDOW ? [pointX - pointWidth / 2, pointX + pointWidth / 2] : [x0, x1];
    ctx.strokeStyle = colors.selected;
    ctx.lineWidth = 2.5;
    ctx.strokeRect(left - 3, y - 3, Math.max(right - left, TICK_WIDTH) + 6, BAR_HEIGHT + 6);
    ctx.lineWidth = 1;
  }
}

/** The bottom row: a count of the events left out in each bucket of BUCKET px on screen. */
export function drawOverflow(ctx, { buckets, leftPx, width, height, colors }) {
  const top = height - MORE_HEIGHT;
  ctx.fillStyle = colors.axis;
  ctx.fillRect(0, top, width, MORE_HEIGHT);
  if (!buckets.size) return;
  ctx.font = colors.font;
  ctx.textBaseline = "middle";
  for (let key = Math.floor(leftPx / BUCKET); key <= Math.floor((leftPx + width) / BUCKET); key++) {
    const count = buckets.get(key);
    if (!count) continue;
    const x = key * BUCKET - leftPx;
    ctx.fillStyle = colors.more;
    ctx.globalAlpha = Math.min(1, 0.35 + Math.log10(count + 1) / 3);
    ctx.fillRect(x + 1, top + 3, BUCKET - 2, MORE_HEIGHT - 6);
    ctx.globalAlpha = 1;
    ctx.fillStyle = colors.background;
    ctx.fillText(count > 999 ? `${Math.round(count / 1000)}k` : `+${count}`, x + 4, top + MORE_HEIGHT / 2 + 0.5);
  }
}

/** A boxed count at one end of the bottom row ("‹ 12", "5 ›"): events beyond that edge. */
export function drawEdgeLabel(ctx, { text, x, height, align, colors }) {
  const top = height - MORE_HEIGHT;
  ctx.font = colors.font;
  ctx.textBaseline = "middle";
  const w = ctx.measureText(text).width + 10;
  const x0 = align === "left" ? x : x - w;
  ctx.fillStyle = colors.background;
  ctx.fillRect(x0, top + 2, w, MORE_HEIGHT - 4);
  ctx.strokeStyle = colors.gridStrong;
  ctx.strokeRect(x0 + 0.5, top + 2.5, w - 1, MORE_HEIGHT - 5);
  ctx.fillStyle = colors.text;
  ctx.textAlign = "left";
  ctx.fillText(text, x0 + 5, top + MORE_HEIGHT / 2 + 0.5);
}
