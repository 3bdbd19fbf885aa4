// Reads the [parameters] table of a policy file (docs/policy-language.md) into exact
// integers for SQL: money "7500元" -> fen, ratio "0.5" -> {num, den}, TOML integers as is.
// Only the literal forms policies/jilin-2024.toml uses are handled; anything else throws,
// so a policy change cannot silently give the anchors other numbers than the engine.
import { readFileSync } from 'node:fs';

// Splits "123.45" into an exact fraction of integers: {num: 12345n, den: 100n}.
function decimalFraction(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal number: "${text}"`);
  const frac = m[3] ?? '';
  const num = BigInt(m[2] + frac) * (m[1] ? -1n : 1n);
  return { num, den: 10n ** BigInt(frac.length) };
}

// Returns {name: value}: value is {fen: BigInt} for money, {num, den} (BigInt) for a ratio,
// {int: BigInt} for an integer.
export function readPolicyParameters(path) {
  const text = readFileSync(path, 'utf8');
  const params = {};
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line.startsWith('[')) {
      inside = line === '[parameters]';
      continue;
    }
    if (!inside || line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(line);
    if (!m) throw new Error(`${path}: cannot read parameter line "${raw}"`);
    const [, name, value] = m;
    const quoted = /^"(.*)"$/.exec(value);
    if (!quoted) {
      if (!/^-?\d+$/.test(value)) throw new Error(`${path}: unsupported parameter ${name} = ${value}`);
      params[name] = { int: BigInt(value) };
    } else if (quoted[1].endsWith('元')) {
      const { num, den } = decimalFraction(quoted[1].slice(0, -1));
      if (den > 100n) throw new Error(`${path}: ${name} has more than two decimals`);
      params[name] = { fen: (num * 100n) / den };
    } else {
      params[name] = decimalFraction(quoted[1]);
    }
  }
  return params;
}

// The values the screening SQL needs, each checked to have the expected kind.
export function screeningParameters(path) {
  const p = readPolicyParameters(path);
  const need = (name, kind) => {
    if (!p[name] || !(kind in p[name])) throw new Error(`${path}: parameter ${name} (${kind}) is missing`);
    return p[name];
  };
  return {
    monitoringLineFen: need('monitoring_line', 'fen').fen,
    medicalShare: need('medical_share', 'num'),
    disasterShare: need('disaster_share', 'num'),
    schoolAgeFrom: need('school_age_from', 'int').int,
    schoolAgeTo: need('school_age_to', 'int').int,
  };
}

// Command line: prints the values as shell assignments, for the SQLite driver.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const s = screeningParameters(process.argv[2]);
  console.log(`monitoring_line_fen=${s.monitoringLineFen}`);
  console.log(`medical_share_num=${s.medicalShare.num} medical_share_den=${s.medicalShare.den}`);
  console.log(`disaster_share_num=${s.disasterShare.num} disaster_share_den=${s.disasterShare.den}`);
  console.log(`school_age_from=${s.schoolAgeFrom} school_age_to=${s.schoolAgeTo}`);
}
