// The as-of date of a screening run and the start of its 365-day feed windows, as the SQL
// anchors need them (evaluator.cc InWindow: as_of - 365 days <= date <= as_of).
export function asOfDates(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const at = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (!at || at.getUTCMonth() !== +m[2] - 1 || at.getUTCDate() !== +m[3]) {
    throw new Error(`as-of date must be YYYY-MM-DD, got "${text}"`);
  }
  const start = new Date(at.getTime() - 365 * 86400000);
  return {
    asOf: text,
    windowStart365: start.toISOString().slice(0, 10),
    year: +m[1],
    month: +m[2],
    day: +m[3],
  };
}
