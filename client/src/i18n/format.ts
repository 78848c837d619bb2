/**
 * Locale-aware formatting on the standard `Intl` APIs. Numbers, dates and
 * times follow the reader's own locale (the browser's language list), even
 * when the words around them come from another catalog: this is what the
 * client did before with `Intl.DateTimeFormat(undefined, …)`.
 */

/** The reader's preferred locale: the first valid tag the browser offers, else `en`. */
export function detectLocale(languages: readonly string[] | undefined): string {
  for (const tag of languages ?? []) {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // An invalid tag (a hand-edited setting): try the next one.
    }
  }
  return 'en';
}

/** A date as the APIs hand it over: epoch milliseconds or a Date. */
export type Instant = number | Date;

const toMillis = (at: Instant) => (typeof at === 'number' ? at : at.getTime());

// Largest unit first; a difference is shown in the first unit it reaches.
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export type Formatters = ReturnType<typeof createFormatters>;

/** Formatters bound to one locale; the `Intl` objects are built once and reused. */
export function createFormatters(locale: string) {
  const number = new Intl.NumberFormat(locale);
  const time = new Intl.DateTimeFormat(locale, {hour: '2-digit', minute: '2-digit'});
  const dateTime = new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short'});
  const day = new Intl.DateTimeFormat(locale, {weekday: 'long', month: 'long', day: 'numeric'});
  const dayWithYear = new Intl.DateTimeFormat(locale, {dateStyle: 'full'});
  const relative = new Intl.RelativeTimeFormat(locale, {numeric: 'auto'});
  const list = new Intl.ListFormat(locale, {type: 'unit', style: 'short'});
  return {
    locale,
    /** 1234 → "1,234" (en). */
    number: (n: number) => number.format(n),
    /** The time of day: "14:05" or "02:05 PM". */
    time: (at: Instant) => time.format(toMillis(at)),
    /** Date and time: "Nov 26, 2025, 2:05 PM". */
    dateTime: (at: Instant) => dateTime.format(toMillis(at)),
    /** A day: "Wednesday, November 26" this year, "Wednesday, November 26, 2025" before. */
    day: (at: Instant, now: Instant = Date.now()) =>
      new Date(toMillis(at)).getFullYear() === new Date(toMillis(now)).getFullYear()
        ? day.format(toMillis(at))
        : dayWithYear.format(toMillis(at)),
    /** How long ago (or until): "5 minutes ago", "yesterday", "in 2 hours". */
    relative: (at: Instant, now: Instant = Date.now()) => {
      const diff = toMillis(at) - toMillis(now);
      const [unit, size] = RELATIVE_UNITS.find(([, size]) => Math.abs(diff) >= size) ?? ['second', 1000];
      return relative.format(Math.round(diff / size), unit);
    },
    /** A plain list: "you, ana, ben" (en). */
    list: (items: readonly string[]) => list.format(items),
  };
}

/** The forms a counted message needs; `other` is required because every language has it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & {other: string};

/**
 * Picks the form of a counted message by the plural rules of the catalog's
 * language (not the reader's: an English catalog needs English rules).
 */
export function pluralizer(language: string) {
  const rules = new Intl.PluralRules(language);
  return (n: number, forms: PluralForms): string => forms[rules.select(n)] ?? forms.other;
}

/** The reader's locale, from the browser (`en` where there is none, as in tests on a server). */
export const locale = detectLocale(globalThis.navigator?.languages);

/** Formatters for the reader's locale. */
export const format = createFormatters(locale);
