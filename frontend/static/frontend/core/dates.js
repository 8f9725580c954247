// Dates written as precisely as the sources allow, never more: "1921-10" is "October 1921", not
// "1 October 1921". The EDTF string is the truth; start/end bounds are only a fallback for forms this
// small parser does not read (unspecified digits such as "192X").
import { t } from "./i18n.js";

const SIDE = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([~?%]?)$/;
// EDTF's long years, years only: Y-13800000000, Y170000002, Y-17E7 (-170,000,000).
const LONG_SIDE = /^Y(-?\d+)(?:E(\d+))?$/;
// From a million years back, years are said as "years ago" in millions or billions, to three decimals at most.
const MILLION = 1e6;
const BILLION = 1e9;

/** One side of an EDTF date ("1920-09~") as {year, month, day, season, approximate, uncertain}, or null. */
export function parseSide(text) {
  const long = LONG_SIDE.exec(text);
  if (long) {
    const year = Number(long[1]) * 10 ** Number(long[2] || 0);
    return { year, month: null, day: null, season: null, approximate: false, uncertain: false };
  }
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

/** A year beyond EDTF's four digits (deep time): said without "sometime", it is a round figure already. */
export function isDeep(year) {
  return year < -9999 || year > 9999;
}

function _grouped(lang, number) {
  return String(number).replace(/\B(?=(\d{3})+$)/g, t(lang, "digitGroup"));
}

/**
 * A year as readers count them: EDTF's astronomical years before 1 (0 is 1 BC, -43 is 44 BC) are written
 * "44 BC" / "MÖ 44", so no year 0 is ever shown; beyond four digits the digits are grouped ("315,000 BC" /
 * "MÖ 315.000"), and from a million years back said in years ago ("13.8 billion years ago" / "13,8 milyar yıl
 * önce"). `step` (the axis's, in years) keeps neighbouring marks apart: a unit is used only while a
 * thousandth of it is no more than the step.
 */
export function formatYear(lang, year, step = Number.POSITIVE_INFINITY) {
  if (year >= 1) return year <= 9999 ? String(year) : _grouped(lang, year);
  // A long year is said as written: at 315,000 BC the year 0 of astronomical numbering is noise, and a
  // curator writing Y-315000 means 315,000 BC (Y-10000 and -9999 are both 10,000 BC).
  const before = isDeep(year) ? -year : 1 - year;
  if (before <= 9999) return t(lang, "yearBC", { year: String(before) });
  const billions = before >= BILLION - BILLION / 2000 && step >= BILLION / 1000;
  if (!billions && (before < MILLION || step < MILLION / 1000)) {
    return t(lang, "yearBC", { year: _grouped(lang, before) });
  }
  // Rounded to a thousandth of the unit: a curator's 13,787,000,000 stays 13.787, 4,600,000,000 is 4.6.
  const unit = billions ? BILLION : MILLION;
  const thousandths = Math.floor((before * 1000 + unit / 2) / unit);
  const decimals = String(thousandths % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  const count = _grouped(lang, Math.floor(thousandths / 1000)) + (decimals ? t(lang, "decimalMark") + decimals : "");
  return t(lang, billions ? "yearsAgoBillion" : "yearsAgoMillion", { count });
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
  if (!plain) return _formatSide(lang, side);
  return isDeep(side.year) ? formatYear(lang, side.year) : t(lang, "sometime", { date: formatYear(lang, side.year) });
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
  // Words on either side ("4.6 billion years ago") need the spaced dash to read as a span.
  const dash = isDeep(start.year) || isDeep(end.year) ? " – " : "–";
  return `${formatYear(lang, start.year)}${dash}${formatYear(lang, end.year)}`;
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
    return _single(lang, { year: start.year });
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

/**
 * A dated record ({date, start, end, precision, approximate, uncertain, window, date_words}) in words, as
 * precise as it is.
 */
export function formatDate(lang, record) {
  // The source's own display date ("Late 1940s"), when the curator kept one, is said as it is.
  if (record.date_words) return record.date_words;
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

/** An ISO day ("1920-11-05") in words ("5 November 1920"); in deep time, its year ("4.6 billion years ago"). */
export function formatDay(lang, iso) {
  const parts = _isoParts(iso);
  return isDeep(parts.year) ? formatYear(lang, parts.year) : _bare(lang, parts);
}

/** The value of a <time datetime> for an EDTF date, when HTML can say it (YYYY, YYYY-MM, YYYY-MM-DD). */
export function htmlDatetime(edtf) {
  // HTML's years start at 0001: years before the common era have no datetime value.
  const valid = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(edtf || "") && !/-2[1-4]$/.test(edtf) && !edtf.startsWith("0000");
  return valid ? edtf : "";
}

// A JavaScript Date holds 275,000 years either side of 1970, not the universe's 13.8 billion: days are
// counted with Howard Hinnant's days_from_civil / civil_from_days instead (common/dates.py uses the same),
// in doubles, which are whole numbers up to 9 × 10^15 days. Months may overflow (month 13 is next January).
function _utcDay(year, monthIndex, day) {
  const y0 = year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const y = month <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** An ISO date ("1921-10-13", "-0043-03-15") as whole days since 1970-01-01 (UTC), the timeline's unit. */
export function isoToDay(iso) {
  const { year, month, day } = _isoParts(iso);
  return _utcDay(year, month - 1, day);
}

/** Days since 1970-01-01 back to {year, month (1–12), day}; years before 1 astronomical (0 is 1 BC). */
export function dayToParts(day) {
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1,
  };
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
  // EDTF's extended years: "-0043-03-15" is a day of 44 BC, "-4600000000-01-01" one of the young Earth.
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec((text || "").trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1) return null;
  const parts = dayToParts(_utcDay(year, month - 1, day));
  const ok = parts.year === year && parts.month === month && parts.day === day;
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
