// The county summary that warnings-truth.csv implies (`jingzhun generate --feeds` writes it:
// every hit of the policy's warning and exclusion rules by the reference evaluator), for
// checking the SQL anchors: `county,rule_id,households` with the county of each household
// taken from the registry's 行政区划代码 (first 6 digits), sorted by county then rule_id.
// Test rules (JL-T-*) are not in the truth file, so compare only the other rows.
//
// Usage: node truth_summary.mjs REGISTRY.csv WARNINGS_TRUTH.csv OUT.csv
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

// The first `max` fields of one CSV line (RFC 4180 quotes; no line breaks inside fields).
function fields(line, max = Infinity) {
  const out = [];
  let i = 0;
  while (out.length < max) {
    let value = '';
    if (line[i] === '"') {
      for (i++; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') value += line[i++];
        else if (line[i] === '"') break;
        else value += line[i];
      }
      i++;
      const comma = line.indexOf(',', i);
      i = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      value = line.slice(i, end);
      i = end;
    }
    out.push(value);
    if (i >= line.length) return out;
    i++;
  }
  return out;
}

// Calls onRow(fields) for each data row, after onHeader(fields), which returns how many
// leading fields onRow needs. Streams, so any size works.
async function eachRow(path, onHeader, onRow) {
  let header = null;
  let max = Infinity;
  for await (const raw of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (raw === '') continue;
    if (header === null) max = onHeader((header = fields(raw))) ?? Infinity;
    else onRow(fields(raw, max));
  }
}

const [registryPath, truthPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node truth_summary.mjs REGISTRY.csv WARNINGS_TRUTH.csv OUT.csv');
  process.exit(2);
}
// The truth first, so that only its households' counties are kept: at 10M persons a map of
// every household would exhaust Node's default heap.
const hits = [];
const countyOf = new Map();  // household_no -> county code (null until the registry is read)
await eachRow(truthPath, () => 2, ([ruleId, householdNo]) => {
  hits.push([ruleId, householdNo]);
  countyOf.set(householdNo, null);
});
let regionAt = -1;
let householdAt = -1;
await eachRow(
  registryPath,
  (h) => {
    regionAt = h.indexOf('行政区划代码');
    householdAt = h.indexOf('户编号');
    return Math.max(regionAt, householdAt) + 1;
  },
  (r) => {
    if (countyOf.get(r[householdAt]) === null) countyOf.set(r[householdAt], r[regionAt].slice(0, 6));
  },
);
const households = new Map();  // "county,rule_id" -> Set of household numbers
for (const [ruleId, householdNo] of hits) {
  const county = countyOf.get(householdNo);
  if (!county) throw new Error(`${truthPath}: household ${householdNo} is not in the registry`);
  const key = `${county},${ruleId}`;
  if (!households.has(key)) households.set(key, new Set());
  households.get(key).add(householdNo);
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const lines = [...households.keys()].sort(cmp).map((k) => `${k},${households.get(k).size}`);
writeFileSync(outPath, ['county,rule_id,households', ...lines].join('\n') + '\n');
