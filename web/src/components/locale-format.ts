/**
 * Every date and number the web app shows, in the reader's locale (the browser's language).
 * One module, so that a page never formats by hand and every page agrees.
 */
const locale = (): string | undefined => (typeof navigator === "undefined" ? undefined : navigator.language);

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const numberFormat = (key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  let format = cache.get(`n:${key}`) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale(), options);
    cache.set(`n:${key}`, format);
  }
  return format;
};
const dateFormat = (key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  let format = cache.get(`d:${key}`) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale(), options);
    cache.set(`d:${key}`, format);
  }
  return format;
};

/** Money is integer cents; shown as euros, e.g. 1434550 → "€14,345.50" (en) or "14.345,50 €" (de). */
export const formatEuros = (cents: number): string =>
  numberFormat("eur", { style: "currency", currency: "EUR" }).format(cents / 100);

/** Whole euros for tiles and axes, e.g. 1434550 → "€14,346". */
export const formatWholeEuros = (cents: number): string =>
  numberFormat("eur0", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(cents / 100);

export const formatCount = (n: number): string => numberFormat("count", {}).format(n);

/** A number with at most `digits` decimals. */
export const formatNumber = (n: number, digits = 1): string =>
  numberFormat(`num${digits}`, { maximumFractionDigits: digits }).format(n);

/** A percentage given as 0..100 (as the API sends it), e.g. 99.5 → "99.5%". */
export const formatPercent = (pct: number, digits = 1): string =>
  numberFormat(`pct${digits}`, { style: "percent", maximumFractionDigits: digits }).format(pct / 100);

/** A signed change in percentage points, e.g. +2.5 → "+2.5 pts". */
export const formatPointChange = (points: number, digits = 1): string =>
  `${numberFormat(`chg${digits}`, { maximumFractionDigits: digits, signDisplay: "exceptZero" }).format(points)} pts`;

const asDate = (value: string | Date): Date => {
  if (value instanceof Date) return value;
  // A plain calendar date ("2026-11-25") is a day, not midnight UTC: read it as local noon.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
};

/** A calendar date, e.g. "25 Nov 2026" / "Nov 25, 2026". */
export const formatDate = (value: string | Date): string =>
  dateFormat("date", { year: "numeric", month: "short", day: "numeric" }).format(asDate(value));

/** An instant with its time of day in the reader's time zone. */
export const formatDateTime = (value: string | Date): string =>
  dateFormat("datetime", { dateStyle: "medium", timeStyle: "short" }).format(asDate(value));

/** Hours with one decimal, e.g. 5.25 → "5.3 h". */
export const formatHours = (hours: number): string => `${formatNumber(hours, 1)} h`;
