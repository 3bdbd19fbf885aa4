// The DuckDB anchor of `make bench-screen`: the whole screening job of
// `jingzhun screen --registry` in DuckDB on two threads, from the registry export CSV and
// the departmental feed CSVs to county-summary.csv (`county,rule_id,households`: households
// for which the rule fired, per 6-digit county code; person-scope rules count households
// with at least one member hit; rows with households > 0, sorted by county then rule_id).
//
// Usage: node duckdb_screen.mjs REGISTRY.csv FEEDS_DIR AS_OF OUT.csv [POLICY.toml]
//
// The 18 rules of policies/jilin-2024.toml are translated by hand below, each under its
// rule id, with the reference semantics of src/rules/evaluator.cc and src/rules/schema.cc;
// the numeric parameters are read from the policy's [parameters] (policy_parameters.mjs).
// Money is integer fen throughout; shares compare as `sum_fen * den > num * income_fen`.
// Assumes what `jingzhun generate --error-rate 0` writes: valid IDs, ISO dates, money with
// a dot and at most two decimals, zh-Hans labels (the reference also accepts aliases,
// zh-Hant and codes, and rejects malformed rows; this script does neither).
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { screeningParameters } from './policy_parameters.mjs';
import { asOfDates } from './screen_dates.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [registry, feedsDir, asOfText, out, policyArg] = process.argv.slice(2);
if (!registry || !feedsDir || !asOfText || !out) {
  console.error('usage: node duckdb_screen.mjs REGISTRY.csv FEEDS_DIR AS_OF OUT.csv [POLICY.toml]');
  process.exit(2);
}
const policy = policyArg ?? path.join(here, '../../policies/jilin-2024.toml');
const p = screeningParameters(policy);
const d = asOfDates(asOfText);

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const csv = (file) =>
  `read_csv(${lit(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
const feed = (name) => csv(path.join(feedsDir, `${name}.csv`));
// Feed windows (evaluator.cc InWindow): days=365 -> [as_of - 365, as_of]; none -> <= as_of.
const inWindow = `"日期"::DATE BETWEEN DATE ${lit(d.windowStart365)} AND DATE ${lit(d.asOf)}`;
const upToAsOf = `"日期"::DATE <= DATE ${lit(d.asOf)}`;

const sql = `
-- ParseYesNo (core/code_lists.cc); NULL when empty, so the caller applies the default.
CREATE MACRO yes_no(x) AS CASE lower(trim(x)) WHEN '是' THEN true WHEN '有' THEN true
  WHEN 'y' THEN true WHEN 'yes' THEN true WHEN 'true' THEN true WHEN '1' THEN true
  WHEN '否' THEN false WHEN '无' THEN false WHEN '無' THEN false WHEN 'n' THEN false
  WHEN 'no' THEN false WHEN 'false' THEN false WHEN '0' THEN false END;
-- Yuan text with at most two decimals -> integer fen (exact: DECIMAL, not floating point).
CREATE MACRO fen(x) AS CAST(CAST(nullif(trim(x), '') AS DECIMAL(18, 2)) * 100 AS BIGINT);

-- One row per registry person (registry_reader.cc, registry_cells.cc).
CREATE TABLE person AS
WITH raw AS (
SELECT "户编号" AS household_no,
       substr("行政区划代码", 1, 6) AS county,
       "证件号码" AS id_number,
       -- Birth date from the ID when the cell is empty (RegistryReader::Next).
       coalesce(nullif(trim("出生日期"), '')::DATE, strptime(substr("证件号码", 7, 8), '%Y%m%d')::DATE) AS birth,
       nullif(trim("在校生状况"), '') AS school_status,
       nullif(trim("健康状况"), '') AS health,
       nullif(trim("劳动技能"), '') AS labour_skill,
       coalesce(yes_no("是否参加城乡居民基本医疗保险"), false) AS medical_insured,  -- Person default false
       trim("户类型") AS household_type,
       nullif(trim("危房级别"), '') AS housing_grade,
       coalesce(yes_no("是否解决安全饮用水"), true) AS safe_drinking_water,      -- HouseholdYear default true
       coalesce(fen("工资性收入"), 0) + coalesce(fen("生产经营性收入"), 0) + coalesce(fen("财产性收入"), 0)
         + coalesce(fen("转移性收入"), 0) - coalesce(fen("生产经营性支出"), 0) AS net_income_fen
FROM ${csv(registry)})
-- person.age: completed years on as_of (Date::AgeOn).
SELECT *, ${d.year} - year(birth)
  - CASE WHEN month(birth) > ${d.month} OR (month(birth) = ${d.month} AND day(birth) > ${d.day}) THEN 1 ELSE 0 END AS age
FROM raw;

-- Every feed row that any rule reads, reduced per ID number: sums of money in the window,
-- flags for feed_any. Rows of IDs outside the registry drop out at the join below.
CREATE TABLE feed_by_id AS
SELECT id_number,
       sum(medical_fen) AS medical_fen, sum(disaster_fen) AS disaster_fen,
       bool_or(severe_disability) AS severe_disability, bool_or(compulsory_roll) AS compulsory_roll,
       bool_or(death) AS death, bool_or(payroll) AS payroll, bool_or(private_vehicle) AS private_vehicle,
       bool_or(operating_company) AS operating_company, bool_or(commercial_property) AS commercial_property
FROM (
  SELECT "证件号码" AS id_number, fen(out_of_pocket) AS medical_fen, NULL::BIGINT AS disaster_fen,
         false AS severe_disability, false AS compulsory_roll, false AS death, false AS payroll,
         false AS private_vehicle, false AS operating_company, false AS commercial_property
  FROM ${feed('medical')} WHERE ${inWindow}
  UNION ALL SELECT "证件号码", NULL, fen(loss), false, false, false, false, false, false, false
  FROM ${feed('disaster')} WHERE ${inWindow}
  UNION ALL SELECT "证件号码", NULL, NULL, true, false, false, false, false, false, false
  FROM ${feed('disability')} WHERE ${inWindow} AND yes_no(severe)
  UNION ALL SELECT "证件号码", NULL, NULL, false, true, false, false, false, false, false
  FROM ${feed('school_roll')} WHERE ${inWindow} AND yes_no(compulsory)
  UNION ALL SELECT "证件号码", NULL, NULL, false, false, true, false, false, false, false
  FROM ${feed('death')} WHERE ${upToAsOf}
  UNION ALL SELECT "证件号码", NULL, NULL, false, false, false, true, false, false, false
  FROM ${feed('payroll')} WHERE ${inWindow}
  -- feed_count(vehicle) > feed_count(vehicle.farm_or_disability): some row not farm/disability.
  UNION ALL SELECT "证件号码", NULL, NULL, false, false, false, false, true, false, false
  FROM ${feed('vehicle')} WHERE ${upToAsOf} AND NOT yes_no(farm_or_disability)
  UNION ALL SELECT "证件号码", NULL, NULL, false, false, false, false, false, true, false
  FROM ${feed('company')} WHERE ${upToAsOf} AND yes_no(operating)
  UNION ALL SELECT "证件号码", NULL, NULL, false, false, false, false, false, false, true
  FROM ${feed('property')} WHERE ${upToAsOf} AND yes_no(commercial)
)
GROUP BY id_number;

-- Person-scope rules per member, then everything per household.
CREATE TABLE household AS
SELECT household_no, min(county) AS county, count(*) AS size,
       min(household_type) AS household_type, min(housing_grade) AS housing_grade,
       bool_and(safe_drinking_water) AS safe_drinking_water, min(net_income_fen) AS net_income_fen,
       coalesce(sum(medical_fen), 0) AS medical_fen, coalesce(sum(disaster_fen), 0) AS disaster_fen,
       count(*) FILTER (WHERE labour_skill IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力')) AS labourers,
       bool_or(age BETWEEN ${p.schoolAgeFrom} AND ${p.schoolAgeTo} AND school_status IS NOT DISTINCT FROM '非在校生'
               AND health IS DISTINCT FROM '残疾') AS out_of_school_child,
       bool_or(NOT medical_insured) AS uninsured_member,
       -- JL-W-DISABILITY
       bool_or(coalesce(severe_disability, false) AND health IS DISTINCT FROM '残疾') AS w_disability,
       -- JL-W-DROPOUT
       bool_or(age BETWEEN ${p.schoolAgeFrom} AND ${p.schoolAgeTo} AND NOT coalesce(compulsory_roll, false)
               AND health IS DISTINCT FROM '残疾') AS w_dropout,
       bool_or(coalesce(death, false)) AS w_death,                       -- JL-W-DEATH
       bool_or(coalesce(payroll, false)) AS x_payroll,                   -- JL-X-PAYROLL
       bool_or(coalesce(private_vehicle, false)) AS x_vehicle,           -- JL-X-VEHICLE
       bool_or(coalesce(operating_company, false)) AS x_company,         -- JL-X-COMPANY
       bool_or(coalesce(commercial_property, false)) AS x_housing        -- JL-X-HOUSING
FROM person LEFT JOIN feed_by_id USING (id_number)
GROUP BY household_no;
-- household.net_income_per_capita: net income / size, rounded half away from zero to the fen.
ALTER TABLE household ADD COLUMN per_capita_fen BIGINT;
UPDATE household SET per_capita_fen = sign(net_income_fen) * ((abs(net_income_fen) * 2 + size) // (2 * size));

-- year.food_secure, clothing_secure, compulsory_education_secured, basic_medical_secured and
-- housing_secure have no column in the export and default to true (HouseholdYear), so
-- JL-T-FOOD and JL-T-CLOTHING never fire and only the member or grade parts of the others do.
CREATE TABLE hits AS
SELECT county, rule_id, count(*) AS households FROM (
  SELECT county, 'JL-T-FOOD' AS rule_id FROM household WHERE NOT true
  UNION ALL SELECT county, 'JL-T-CLOTHING' FROM household WHERE NOT true
  UNION ALL SELECT county, 'JL-T-EDUCATION' FROM household WHERE out_of_school_child
  UNION ALL SELECT county, 'JL-T-MEDICAL' FROM household WHERE uninsured_member
  UNION ALL SELECT county, 'JL-T-HOUSING' FROM household WHERE housing_grade IN ('C级', 'D级')
  UNION ALL SELECT county, 'JL-T-WATER' FROM household WHERE NOT safe_drinking_water
  UNION ALL SELECT county, 'JL-W-INCOME-EXITED' FROM household
    WHERE household_type = '脱贫户' AND per_capita_fen < ${p.monitoringLineFen}
  UNION ALL SELECT county, 'JL-W-INCOME-FARM' FROM household
    WHERE household_type = '一般农户' AND per_capita_fen < ${p.monitoringLineFen}
  UNION ALL SELECT county, 'JL-W-MEDICAL' FROM household
    WHERE medical_fen * ${p.medicalShare.den} > ${p.medicalShare.num} * net_income_fen
  UNION ALL SELECT county, 'JL-W-DISABILITY' FROM household WHERE w_disability
  UNION ALL SELECT county, 'JL-W-DROPOUT' FROM household WHERE w_dropout
  UNION ALL SELECT county, 'JL-W-DISASTER' FROM household
    WHERE disaster_fen * ${p.disasterShare.den} > ${p.disasterShare.num} * net_income_fen
  UNION ALL SELECT county, 'JL-W-DEATH' FROM household WHERE w_death
  UNION ALL SELECT county, 'JL-W-LABOUR' FROM household
    WHERE labourers = 0 AND per_capita_fen < ${p.monitoringLineFen}
  UNION ALL SELECT county, 'JL-X-PAYROLL' FROM household WHERE x_payroll
  UNION ALL SELECT county, 'JL-X-VEHICLE' FROM household WHERE x_vehicle
  UNION ALL SELECT county, 'JL-X-COMPANY' FROM household WHERE x_company
  UNION ALL SELECT county, 'JL-X-HOUSING' FROM household WHERE x_housing
)
GROUP BY county, rule_id;

COPY (SELECT county, rule_id, households FROM hits ORDER BY county, rule_id)
TO ${lit(out)} (FORMAT csv, HEADER true, DELIMITER ',');
`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
await connection.run(sql);
connection.closeSync();
