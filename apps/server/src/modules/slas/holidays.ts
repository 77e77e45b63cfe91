/** French public holidays (metropolitan France; Alsace-Moselle's extra days are not included). */

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday of the Gregorian calendar (anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function plusDays(year: number, month: number, day: number, days: number): string {
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The eleven public holidays of a year, as local dates "YYYY-MM-DD", in calendar order. */
export function frenchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    iso(year, 1, 1), // Jour de l'an
    plusDays(year, easter.month, easter.day, 1), // Lundi de Pâques
    iso(year, 5, 1), // Fête du travail
    iso(year, 5, 8), // Victoire 1945
    plusDays(year, easter.month, easter.day, 39), // Ascension
    plusDays(year, easter.month, easter.day, 50), // Lundi de Pentecôte
    iso(year, 7, 14), // Fête nationale
    iso(year, 8, 15), // Assomption
    iso(year, 11, 1), // Toussaint
    iso(year, 11, 11), // Armistice
    iso(year, 12, 25), // Noël
  ].sort();
}
