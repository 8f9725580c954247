// Dates written as precisely as the sources allow, never more: "1921-10" is "October 1921", not
// "1 October 1921". The EDTF string is the truth; start/end bounds are only a fallback for forms this
// small parser does not read (unspecified digits such as "192X").
import { t } from "./i18n.js";

const SIDE = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([~?%]?)$/;
const DAY_MS = 86400000;

/** One side of an EDTF date ("1920-09~") as {year, month, day, season, approximate, uncertain}, or null. */
export function parseSide(text) {
  const match = SIDE.exec(text);
  if (!match) return null;
  const [, year, month, day, qualifier] = match;
  const side = {
    year: Number(year),
    month: null,
    day: day ? Number(day) : null,
    season: null,
    approximate: qualifier === "~" || qualifier === "%",
    uncertain: qualifier === "?" || qualifier === "%",
  };
  if (month) {
    const value = Number(month);
    if (value >= 21 && value <= 24) side.season = value - 20;
    else if (value >= 1 && value <= 12) side.month = value;
    else return null;
  }
  return side;
}

/** An EDTF string as {start, end, interval}: sides are parsed, "" or ".." is an open side (null). */
export function parseEdtf(text) {
  const value = (text || "").trim();
  if (!value) return null;
  if (!value.includes("/")) {
    const side = parseSide(value);
    return side ? { start: side, end: side, interval: false } : null;
  }
  const [left, right] = value.split("/");
  const open = (part) => part === "" || part === "..";
  const start = open(left) ? null : parseSide(left);
  const end = open(right) ? null : parseSide(right);
  if ((!open(left) && !start) || (!open(right) && !end) || (!start && !end)) return null;
  return { start, end, interval: true };
}

/**
 * A year as readers count them: EDTF's astronomical years before 1 (0 is 1 BC, -43 is 44 BC) are written
 * "44 BC" / "MÖ 44", so no year 0 is ever shown.
 */
export function formatYear(lang, year) {
  return year >= 1 ? String(year) : t(lang, "yearBC", { year: String(1 - year) });
}

function _bare(lang, side, { withYear = true } = {}) {
  const year = withYear ? formatYear(lang, side.year) : "";
  let text;
  if (side.season) text = `${t(lang, "seasons")[side.season - 1]} ${year}`;
  else if (side.month && side.day) text = `${side.day} ${t(lang, "months")[side.month - 1]} ${year}`;
  else if (side.month) text = `${t(lang, "months")[side.month - 1]} ${year}`;
  else text = year;
  return text.trim();
}

// "~" and "?" in words: "around September 1920", "perhaps 1920", "perhaps around 1920".
function _qualified(lang, side, text) {
  let result = text;
  if (side.approximate) result = t(lang, "around", { date: result });
  if (side.uncertain) result = t(lang, "perhaps", { date: result });
  return result;
}

// A lone year says how little is known: "sometime in 1919", not a bare number that reads like a day.
function _single(lang, side) {
  const plain = !side.month && !side.season && !side.approximate && !side.uncertain;
  return plain ? t(lang, "sometime", { date: formatYear(lang, side.year) }) : _formatSide(lang, side);
}

// An ISO day, with EDTF's extended years ("-0043-03-15"): the leading minus is the year's sign.
const ISO_DAY = /^(-?\d{4,})-(\d{2})-(\d{2})$/;

function _isoParts(iso) {
  const match = ISO_DAY.exec(iso);
  if (!match) throw new RangeError(`${iso} is not an ISO day (YYYY-MM-DD)`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** A window between two days (ISO) in words: "between 30 October and 3 December 1920". */
function _windowSides(text) {
  const match = /^\[([^[\],.]+)\.\.([^[\],.]+)\]$/.exec((text || "").trim());
  const sides = match && [parseSide(match[1]), parseSide(match[2])];
  return sides?.every(Boolean) ? sides : null;
}

export function formatWindow(lang, start, end) {
  const first = _isoParts(start);
  const last = _isoParts(end);
  return t(lang, "between", {
    start: _bare(lang, first, { withYear: first.year !== last.year }),
    end: _bare(lang, last),
  });
}

function _formatSide(lang, side) {
  return _qualified(lang, side, _bare(lang, side));
}

function _formatInterval(lang, start, end) {
  if (!start) return t(lang, "until", { date: _formatSide(lang, end) });
  if (!end) return t(lang, "from", { date: _formatSide(lang, start) });
  const plain = !start.approximate && !start.uncertain && !end.approximate && !end.uncertain;
  if (plain && start.year === end.year && !start.season && !end.season && start.month && end.month) {
    const months = t(lang, "months");
    if (start.month === end.month && start.day && end.day) {
      return `${start.day}–${end.day} ${months[start.month - 1]} ${formatYear(lang, start.year)}`;
    }
    if (Boolean(start.day) === Boolean(end.day)) {
      const year = formatYear(lang, start.year);
      return `${_bare(lang, start, { withYear: false })} – ${_bare(lang, end, { withYear: false })} ${year}`;
    }
  }
  if (plain && !start.month && !end.month && !start.season && !end.season) return _years(lang, start, end);
  return `${_formatSide(lang, start)} – ${_formatSide(lang, end)}`;
}

function _years(lang, start, end) {
  return `${formatYear(lang, start.year)}–${formatYear(lang, end.year)}`;
}

function _fromBounds(lang, record) {
  const day = _isoParts;
  if (!record.start && !record.end) return record.date || "";
  if (!record.start) return t(lang, "until", { date: _bare(lang, day(record.end)) });
  if (!record.end) return t(lang, "from", { date: _bare(lang, day(record.start)) });
  const start = day(record.start);
  const end = day(record.end);
  let text;
  if (record.precision === "day") text = _bare(lang, start);
  else if (record.precision === "month") text = _bare(lang, { ...start, day: null });
  else if (record.precision === "year" && !record.approximate && !record.uncertain)
    return t(lang, "sometime", { date: formatYear(lang, start.year) });
  else if (record.precision === "year") text = formatYear(lang, start.year);
  else if (start.month === 1 && start.day === 1 && end.month === 12 && end.day === 31) text = _years(lang, start, end);
  else text = `${_bare(lang, start)} – ${_bare(lang, end)}`;
  return _qualified(lang, { approximate: record.approximate, uncertain: record.uncertain }, text);
}

/**
 * Whether a record's bounds are a window it falls somewhere in (left between other events: after X, before
 * Y), not its own date. The server decides it once, for every row (`window`).
 */
export function isWindow(record) {
  return Boolean(record.window && record.start && record.end);
}

/** A dated record ({date, start, end, precision, approximate, uncertain, window}) in words, as precise as it is. */
export function formatDate(lang, record) {
  if (isWindow(record)) {
    // A window written as EDTF's range ("[1920-09..1924-03]") is said as precisely as it was written.
    const sides = _windowSides(record.date);
    if (!sides) return formatWindow(lang, record.start, record.end);
    const [first, last] = sides;
    const start = _qualified(lang, first, _bare(lang, first, { withYear: first.year !== last.year }));
    return t(lang, "between", { start, end: _formatSide(lang, last) });
  }
  const parsed = parseEdtf(record.date);
  if (!parsed) return _fromBounds(lang, record);
  if (!parsed.interval) return _single(lang, parsed.start);
  return _formatInterval(lang, parsed.start, parsed.end);
}

/** An ISO day ("1920-11-05") in words ("5 November 1920"). */
export function formatDay(lang, iso) {
  return _bare(lang, _isoParts(iso));
}

/** The value of a <time datetime> for an EDTF date, when HTML can say it (YYYY, YYYY-MM, YYYY-MM-DD). */
export function htmlDatetime(edtf) {
  // HTML's years start at 0001: years before the common era have no datetime value.
  const valid = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(edtf || "") && !/-2[1-4]$/.test(edtf) && !edtf.startsWith("0000");
  return valid ? edtf : "";
}

// Date.UTC and Date.parse read years 0–99 as 1900–1999 and cannot parse "-0043-03-15"; setUTCFullYear
// takes any proleptic Gregorian year as it is (astronomical: 0 is 1 BC), months allowed to overflow.
function _utcDay(year, monthIndex, day) {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return Math.round(date.getTime() / DAY_MS);
}

/** An ISO date ("1921-10-13", "-0043-03-15") as whole days since 1970-01-01 (UTC), the timeline's unit. */
export function isoToDay(iso) {
  const { year, month, day } = _isoParts(iso);
  return _utcDay(year, month - 1, day);
}

/** Days since 1970-01-01 back to {year, month (1–12), day}; years before 1 astronomical (0 is 1 BC). */
export function dayToParts(day) {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Days since 1970 back to an ISO day as the API writes it ("1920-11-05", "-0043-03-15"). */
export function dayToIso(day) {
  const { year, month, day: number } = dayToParts(day);
  const pad = (value, width) => String(value).padStart(width, "0");
  return `${year < 0 ? "-" : ""}${pad(Math.abs(year), 4)}-${pad(month, 2)}-${pad(number, 2)}`;
}

/** Days since 1970 of the first day of (year, month), months counted from 1 and allowed to overflow. */
export function monthStart(year, month) {
  return _utcDay(year, month - 1, 1);
}

/** A day written YYYY-MM-DD that exists in the calendar, as ISO; null for anything else. */
export function parseDay(text) {
  // EDTF's extended years: "-0043-03-15" is a day of 44 BC.
  const match = /^(-?\d{4})-(\d{2})-(\d{2})$/.exec((text || "").trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // years below 100 are not 19xx
  const ok = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return ok ? match[0] : null;
}

/**
 * The day the map can show for `text` within the corpus's [first, last] days: {day, problem} where
 * problem is null, "unreadable" (not a day: the map shows `fallback`) or "outside" (moved to the
 * nearest end of the corpus).
 */
export function resolveDay(text, [first, last], fallback) {
  const day = parseDay(text);
  if (!day) return { day: fallback, problem: "unreadable" };
  if (first && day < first) return { day: first, problem: "outside" };
  if (last && day > last) return { day: last, problem: "outside" };
  return { day, problem: null };
}
