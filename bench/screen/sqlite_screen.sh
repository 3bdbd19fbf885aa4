#!/usr/bin/env bash
# The SQLite anchor of `make bench-screen`: the screening job of `jingzhun screen --registry`
# with the sqlite3 shell, as a user would write it: .import of the registry export and of
# every feed into text tables, typed tables with indexes, the 18 rules of
# policies/jilin-2024.toml in SQL, county-summary.csv (`county,rule_id,households`) out.
# The SQL mirrors duckdb_screen.mjs rule by rule (see that file for the semantics and the
# input assumptions); money is exact integer fen, parsed from the text without floating point.
#
# Usage: bench/screen/sqlite_screen.sh REGISTRY.csv FEEDS_DIR AS_OF OUT.csv [POLICY.toml]
# The working database is OUT.csv.sqlite-work (deleted afterwards); at 10M persons it needs
# about twice the registry's size on disk.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
registry=${1:?usage: sqlite_screen.sh REGISTRY.csv FEEDS_DIR AS_OF OUT.csv [POLICY.toml]}
feeds=${2:?feeds dir}
as_of=${3:?as-of date}
out=${4:?output csv}
policy=${5:-$here/../../policies/jilin-2024.toml}
[[ $as_of =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "sqlite_screen: as-of must be YYYY-MM-DD" >&2; exit 2; }

# monitoring_line_fen, medical_share_num/den, disaster_share_num/den, school_age_from/to.
eval "$(node "$here/policy_parameters.mjs" "$policy")"

db="$out.sqlite-work"
rm -f "$db"
trap 'rm -f "$db"' EXIT

# fen TEXT_EXPR: exact yuan text -> integer fen ('-12.5' -> -1250); NULL when empty.
fen() {
  local x="trim($1)" u="ltrim(trim($1), '-')"
  echo "(CASE WHEN $x = '' THEN NULL ELSE (CASE WHEN $x LIKE '-%' THEN -1 ELSE 1 END) *
    (CAST(substr($u, 1, instr($u || '.', '.') - 1) AS INTEGER) * 100
     + CAST(substr(substr($u, instr($u || '.', '.') + 1) || '00', 1, 2) AS INTEGER)) END)"
}
# yes_no TEXT_EXPR: ParseYesNo (core/code_lists.cc); NULL when empty or unrecognised.
yes_no() {
  echo "(CASE lower(trim($1)) WHEN '是' THEN 1 WHEN '有' THEN 1 WHEN 'y' THEN 1 WHEN 'yes' THEN 1
    WHEN 'true' THEN 1 WHEN '1' THEN 1 WHEN '否' THEN 0 WHEN '无' THEN 0 WHEN '無' THEN 0
    WHEN 'n' THEN 0 WHEN 'no' THEN 0 WHEN 'false' THEN 0 WHEN '0' THEN 0 END)"
}
# Feed windows (evaluator.cc InWindow): ISO date text compares as the date does.
in_window="(\"日期\" BETWEEN date('$as_of', '-365 days') AND '$as_of')"
up_to_as_of="(\"日期\" <= '$as_of')"
school_child="age BETWEEN $school_age_from AND $school_age_to"

sqlite3 -batch -bail "$db" <<SQL
.output /dev/null
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -524288;
PRAGMA temp_store = FILE;
PRAGMA threads = 2;
.output stdout
.import --csv "$registry" registry_text
$(for f in medical disability school_roll disaster death payroll vehicle company property; do
  echo ".import --csv \"$feeds/$f.csv\" feed_$f"
done)

-- One row per registry person (registry_reader.cc, registry_cells.cc).
CREATE TABLE person AS
SELECT household_no, county, id_number, school_status, health, labour_skill, medical_insured,
       household_type, housing_grade, safe_drinking_water, net_income_fen,
       -- person.age: completed years on as_of (Date::AgeOn).
       CAST(strftime('%Y', '$as_of') AS INTEGER) - CAST(substr(birth, 1, 4) AS INTEGER)
         - (substr(birth, 6, 5) > strftime('%m-%d', '$as_of')) AS age
FROM (
  SELECT "户编号" AS household_no, substr("行政区划代码", 1, 6) AS county, "证件号码" AS id_number,
         -- Birth date from the ID when the cell is empty (RegistryReader::Next).
         coalesce(nullif(trim("出生日期"), ''), substr("证件号码", 7, 4) || '-' || substr("证件号码", 11, 2)
                  || '-' || substr("证件号码", 13, 2)) AS birth,
         nullif(trim("在校生状况"), '') AS school_status,
         nullif(trim("健康状况"), '') AS health,
         nullif(trim("劳动技能"), '') AS labour_skill,
         coalesce($(yes_no '"是否参加城乡居民基本医疗保险"'), 0) AS medical_insured,
         trim("户类型") AS household_type,
         nullif(trim("危房级别"), '') AS housing_grade,
         coalesce($(yes_no '"是否解决安全饮用水"'), 1) AS safe_drinking_water,
         coalesce($(fen '"工资性收入"'), 0) + coalesce($(fen '"生产经营性收入"'), 0)
           + coalesce($(fen '"财产性收入"'), 0) + coalesce($(fen '"转移性收入"'), 0)
           - coalesce($(fen '"生产经营性支出"'), 0) AS net_income_fen
  FROM registry_text
);
DROP TABLE registry_text;
CREATE INDEX person_id ON person(id_number);

-- Feed rows reduced per ID number, restricted to registry persons.
CREATE TABLE feed_by_id (
  id_number TEXT PRIMARY KEY, medical_fen INTEGER, disaster_fen INTEGER,
  severe_disability INTEGER, compulsory_roll INTEGER, death INTEGER, payroll INTEGER,
  private_vehicle INTEGER, operating_company INTEGER, commercial_property INTEGER
) WITHOUT ROWID;
INSERT INTO feed_by_id
SELECT id_number, sum(medical_fen), sum(disaster_fen), max(severe_disability), max(compulsory_roll),
       max(death), max(payroll), max(private_vehicle), max(operating_company), max(commercial_property)
FROM (
  SELECT "证件号码" AS id_number, $(fen out_of_pocket) AS medical_fen, NULL AS disaster_fen,
         0 AS severe_disability, 0 AS compulsory_roll, 0 AS death, 0 AS payroll,
         0 AS private_vehicle, 0 AS operating_company, 0 AS commercial_property
  FROM feed_medical WHERE $in_window
  UNION ALL SELECT "证件号码", NULL, $(fen loss), 0, 0, 0, 0, 0, 0, 0 FROM feed_disaster WHERE $in_window
  UNION ALL SELECT "证件号码", NULL, NULL, 1, 0, 0, 0, 0, 0, 0 FROM feed_disability
    WHERE $in_window AND $(yes_no severe) = 1
  UNION ALL SELECT "证件号码", NULL, NULL, 0, 1, 0, 0, 0, 0, 0 FROM feed_school_roll
    WHERE $in_window AND $(yes_no compulsory) = 1
  UNION ALL SELECT "证件号码", NULL, NULL, 0, 0, 1, 0, 0, 0, 0 FROM feed_death WHERE $up_to_as_of
  UNION ALL SELECT "证件号码", NULL, NULL, 0, 0, 0, 1, 0, 0, 0 FROM feed_payroll WHERE $in_window
  -- feed_count(vehicle) > feed_count(vehicle.farm_or_disability): some row not farm/disability.
  UNION ALL SELECT "证件号码", NULL, NULL, 0, 0, 0, 0, 1, 0, 0 FROM feed_vehicle
    WHERE $up_to_as_of AND $(yes_no farm_or_disability) = 0
  UNION ALL SELECT "证件号码", NULL, NULL, 0, 0, 0, 0, 0, 1, 0 FROM feed_company
    WHERE $up_to_as_of AND $(yes_no operating) = 1
  UNION ALL SELECT "证件号码", NULL, NULL, 0, 0, 0, 0, 0, 0, 1 FROM feed_property
    WHERE $up_to_as_of AND $(yes_no commercial) = 1
) AS rows
WHERE id_number IN (SELECT id_number FROM person)
GROUP BY id_number;

-- Person-scope rules per member, then everything per household.
CREATE TABLE household AS
SELECT household_no, min(county) AS county, count(*) AS size,
       min(household_type) AS household_type, min(housing_grade) AS housing_grade,
       min(safe_drinking_water) AS safe_drinking_water, min(net_income_fen) AS net_income_fen,
       coalesce(sum(f.medical_fen), 0) AS medical_fen, coalesce(sum(f.disaster_fen), 0) AS disaster_fen,
       sum(coalesce(labour_skill IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力'), 0)) AS labourers,
       max($school_child AND school_status IS '非在校生' AND health IS NOT '残疾') AS out_of_school_child,
       max(NOT medical_insured) AS uninsured_member,
       max(coalesce(f.severe_disability, 0) AND health IS NOT '残疾') AS w_disability,            -- JL-W-DISABILITY
       max($school_child AND NOT coalesce(f.compulsory_roll, 0) AND health IS NOT '残疾') AS w_dropout,  -- JL-W-DROPOUT
       max(coalesce(f.death, 0)) AS w_death,                        -- JL-W-DEATH
       max(coalesce(f.payroll, 0)) AS x_payroll,                    -- JL-X-PAYROLL
       max(coalesce(f.private_vehicle, 0)) AS x_vehicle,            -- JL-X-VEHICLE
       max(coalesce(f.operating_company, 0)) AS x_company,          -- JL-X-COMPANY
       max(coalesce(f.commercial_property, 0)) AS x_housing         -- JL-X-HOUSING
FROM person LEFT JOIN feed_by_id AS f USING (id_number)
GROUP BY household_no;

-- household.net_income_per_capita: net income / size, rounded half away from zero to the fen.
ALTER TABLE household ADD COLUMN per_capita_fen INTEGER;
UPDATE household SET per_capita_fen = sign(net_income_fen) * ((abs(net_income_fen) * 2 + size) / (2 * size));

-- year.food_secure, clothing_secure, compulsory_education_secured, basic_medical_secured and
-- housing_secure have no column in the export and default to true (HouseholdYear).
CREATE TABLE hits AS
SELECT county, rule_id, count(*) AS households FROM (
  SELECT county, 'JL-T-FOOD' AS rule_id FROM household WHERE NOT 1
  UNION ALL SELECT county, 'JL-T-CLOTHING' FROM household WHERE NOT 1
  UNION ALL SELECT county, 'JL-T-EDUCATION' FROM household WHERE out_of_school_child
  UNION ALL SELECT county, 'JL-T-MEDICAL' FROM household WHERE uninsured_member
  UNION ALL SELECT county, 'JL-T-HOUSING' FROM household WHERE housing_grade IN ('C级', 'D级')
  UNION ALL SELECT county, 'JL-T-WATER' FROM household WHERE NOT safe_drinking_water
  UNION ALL SELECT county, 'JL-W-INCOME-EXITED' FROM household
    WHERE household_type = '脱贫户' AND per_capita_fen < $monitoring_line_fen
  UNION ALL SELECT county, 'JL-W-INCOME-FARM' FROM household
    WHERE household_type = '一般农户' AND per_capita_fen < $monitoring_line_fen
  UNION ALL SELECT county, 'JL-W-MEDICAL' FROM household
    WHERE medical_fen * $medical_share_den > $medical_share_num * net_income_fen
  UNION ALL SELECT county, 'JL-W-DISABILITY' FROM household WHERE w_disability
  UNION ALL SELECT county, 'JL-W-DROPOUT' FROM household WHERE w_dropout
  UNION ALL SELECT county, 'JL-W-DISASTER' FROM household
    WHERE disaster_fen * $disaster_share_den > $disaster_share_num * net_income_fen
  UNION ALL SELECT county, 'JL-W-DEATH' FROM household WHERE w_death
  UNION ALL SELECT county, 'JL-W-LABOUR' FROM household
    WHERE labourers = 0 AND per_capita_fen < $monitoring_line_fen
  UNION ALL SELECT county, 'JL-X-PAYROLL' FROM household WHERE x_payroll
  UNION ALL SELECT county, 'JL-X-VEHICLE' FROM household WHERE x_vehicle
  UNION ALL SELECT county, 'JL-X-COMPANY' FROM household WHERE x_company
  UNION ALL SELECT county, 'JL-X-HOUSING' FROM household WHERE x_housing
)
GROUP BY county, rule_id;

.headers on
.mode list
.separator , "\n"
.output $out
SELECT county, rule_id, households FROM hits ORDER BY county, rule_id;
.output stdout
SQL
