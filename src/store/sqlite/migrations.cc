// Schema of the registry. Conventions: every table that grows with the registry carries
// `county` (the 6-digit county code) so it can be partitioned or distributed by county;
// ID numbers are stored packed (INTEGER, see IdNumber::Packed); money is integer fen;
// dates are ISO-8601 text, checked by SQLite's date() so only real dates are stored; code
// lists are stored as their national codes. person.birth_date is checked for its format
// only (GLOB): it is written once per person, the full date() check cost 0.9 s per million
// persons, and the store only ever writes Date::ToString() there.
#include "store/sqlite/migrations.h"

namespace jz::sqlite {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE region (
  code         INTEGER NOT NULL,           -- 12-digit statistical code
  edition      INTEGER NOT NULL,           -- NBS edition year
  name         TEXT NOT NULL,
  level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent       INTEGER,
  county       INTEGER NOT NULL,           -- 6-digit county code, 0 above county level
  urban_rural  INTEGER,                    -- 城乡分类代码
  PRIMARY KEY (code, edition)
) WITHOUT ROWID;
CREATE INDEX region_parent ON region (parent, edition);

CREATE TABLE household (
  id               INTEGER PRIMARY KEY,
  county           INTEGER NOT NULL,
  household_no     TEXT NOT NULL UNIQUE,   -- 户编号
  village          INTEGER NOT NULL,
  natural_village  TEXT NOT NULL DEFAULT '',
  household_type   INTEGER NOT NULL,
  attribute        INTEGER,
  main_cause       INTEGER,
  other_causes     TEXT NOT NULL DEFAULT '',  -- national codes joined by ','
  monitoring_type  INTEGER,
  phone            TEXT NOT NULL DEFAULT '',
  first_identified TEXT CHECK (first_identified IS NULL OR date(first_identified) = first_identified),
  cadre_name       TEXT NOT NULL DEFAULT '',
  declared_size    INTEGER,                -- 人数 as imported
  risk_identified  TEXT CHECK (risk_identified IS NULL OR date(risk_identified) = risk_identified),
  risk_eliminated  TEXT CHECK (risk_eliminated IS NULL OR date(risk_eliminated) = risk_eliminated)
);
CREATE INDEX household_county ON household (county, village);

CREATE TABLE person (
  county                   INTEGER NOT NULL,
  household_id             INTEGER NOT NULL REFERENCES household (id),
  seq                      INTEGER NOT NULL,   -- order within the household
  person_no                TEXT NOT NULL DEFAULT '',
  id_number                INTEGER NOT NULL UNIQUE,  -- packed IdNumber
  name                     TEXT NOT NULL,
  sex                      INTEGER NOT NULL,
  birth_date               TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  relationship             INTEGER NOT NULL,
  ethnicity                INTEGER,
  education                INTEGER,
  school_status            INTEGER,
  health                   INTEGER,
  labour_skill             INTEGER,
  work_status              INTEGER,
  work_months              INTEGER NOT NULL DEFAULT 0,
  medical_insured          INTEGER NOT NULL,
  critical_illness_insured INTEGER NOT NULL,
  receives_dibao           INTEGER NOT NULL,
  receives_tekun           INTEGER NOT NULL,
  phone                    TEXT NOT NULL DEFAULT '',
  -- Clustered by household: a household's members are stored together, inserts append,
  -- and scans read in order without a separate index.
  PRIMARY KEY (household_id, seq)
) WITHOUT ROWID;

CREATE TABLE household_year (
  county            INTEGER NOT NULL,
  household_id      INTEGER NOT NULL REFERENCES household (id),
  data_year         INTEGER NOT NULL,
  wage_income_fen   INTEGER NOT NULL,
  business_income_fen INTEGER NOT NULL,
  property_income_fen INTEGER NOT NULL,
  transfer_income_fen INTEGER NOT NULL,
  business_expense_fen INTEGER NOT NULL,
  food_secure       INTEGER NOT NULL,
  clothing_secure   INTEGER NOT NULL,
  education_secured INTEGER NOT NULL,
  medical_secured   INTEGER NOT NULL,
  housing_secure    INTEGER NOT NULL,
  safe_water        INTEGER NOT NULL,
  housing_grade     INTEGER,
  declared_per_capita_fen INTEGER,        -- 人均纯收入 as imported
  PRIMARY KEY (household_id, data_year)
) WITHOUT ROWID;

CREATE TABLE status_event (
  id                 INTEGER PRIMARY KEY,
  county             INTEGER NOT NULL,
  household_id       INTEGER NOT NULL REFERENCES household (id),
  kind               INTEGER NOT NULL,
  event_date         TEXT NOT NULL CHECK (date(event_date) = event_date),
  monitoring_type    INTEGER,
  elimination_method INTEGER,
  note               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_event_household ON status_event (household_id, event_date);

CREATE TABLE assistance_measure (
  id           INTEGER PRIMARY KEY,
  county       INTEGER NOT NULL,
  household_id INTEGER NOT NULL REFERENCES household (id),
  kind         INTEGER NOT NULL,
  start_date   TEXT NOT NULL CHECK (date(start_date) = start_date),
  end_date     TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
  content      TEXT NOT NULL DEFAULT '',
  funds_fen    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assistance_measure_household ON assistance_measure (household_id);

CREATE TABLE cadre_assignment (
  id           INTEGER PRIMARY KEY,
  county       INTEGER NOT NULL,
  household_id INTEGER NOT NULL REFERENCES household (id),
  cadre_name   TEXT NOT NULL,
  unit         TEXT NOT NULL DEFAULT '',
  position     TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  start_date   TEXT NOT NULL CHECK (date(start_date) = start_date),
  end_date     TEXT CHECK (end_date IS NULL OR date(end_date) = end_date)
);
CREATE INDEX cadre_assignment_household ON cadre_assignment (household_id);
)sql";

constexpr std::string_view kV2 = R"sql(
CREATE TABLE warning (
  id             INTEGER PRIMARY KEY,
  county         INTEGER NOT NULL,
  household_id   INTEGER NOT NULL REFERENCES household (id),
  rule_id        TEXT NOT NULL,
  period         TEXT NOT NULL,            -- as-of month, YYYY-MM
  person_no      TEXT NOT NULL DEFAULT '', -- person-scope rules
  policy_version TEXT NOT NULL,
  as_of          TEXT NOT NULL CHECK (date(as_of) = as_of),
  evidence       TEXT NOT NULL DEFAULT '',
  UNIQUE (household_id, rule_id, period, person_no)
);
CREATE INDEX warning_county ON warning (county, rule_id);
)sql";

// Monitoring cases (app/cases.h). monitoring_case holds each case's current state and is
// updated in the same transaction as the case_event row that records the step;
// case_event, income_check and visit are append-only. Measures recorded for a case carry
// its id in assistance_measure.case_id.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE monitoring_case (
  id              INTEGER PRIMARY KEY,
  county          INTEGER NOT NULL,
  household_id    INTEGER NOT NULL REFERENCES household (id),
  source          INTEGER NOT NULL CHECK (source IN (1, 2, 3)),  -- screening, visit, application
  warning_id      INTEGER REFERENCES warning (id),
  lead_date       TEXT NOT NULL CHECK (date(lead_date) = lead_date),
  state           INTEGER NOT NULL CHECK (state BETWEEN 1 AND 7),
  monitoring_type INTEGER,
  risks           TEXT NOT NULL DEFAULT '',   -- risk category codes joined by ','
  verified_date   TEXT CHECK (verified_date IS NULL OR date(verified_date) = verified_date),
  identified_date TEXT CHECK (identified_date IS NULL OR date(identified_date) = identified_date),
  proposed_date   TEXT CHECK (proposed_date IS NULL OR date(proposed_date) = proposed_date),
  method          INTEGER,                    -- 风险消除方式
  closed_date     TEXT CHECK (closed_date IS NULL OR date(closed_date) = closed_date),
  opened_by       TEXT NOT NULL,
  evidence        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX monitoring_case_household ON monitoring_case (household_id);
CREATE INDEX monitoring_case_county ON monitoring_case (county, state);

CREATE TABLE case_event (
  id             INTEGER PRIMARY KEY,
  county         INTEGER NOT NULL,
  case_id        INTEGER NOT NULL REFERENCES monitoring_case (id),
  seq            INTEGER NOT NULL,
  action         INTEGER NOT NULL CHECK (action BETWEEN 1 AND 8),
  from_state     INTEGER,
  to_state       INTEGER NOT NULL,
  actor          TEXT NOT NULL CHECK (actor <> ''),
  event_date     TEXT NOT NULL CHECK (date(event_date) = event_date),
  recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  evidence       TEXT NOT NULL DEFAULT '',
  appraisal_date TEXT CHECK (appraisal_date IS NULL OR date(appraisal_date) = appraisal_date),
  notice_start   TEXT CHECK (notice_start IS NULL OR date(notice_start) = notice_start),
  notice_end     TEXT CHECK (notice_end IS NULL OR date(notice_end) = notice_end),
  approval_date  TEXT CHECK (approval_date IS NULL OR date(approval_date) = approval_date),
  reason         TEXT NOT NULL DEFAULT '',
  payload        TEXT NOT NULL DEFAULT '',
  UNIQUE (case_id, seq)
);

CREATE TABLE income_check (
  id                        INTEGER PRIMARY KEY,
  county                    INTEGER NOT NULL,
  household_id              INTEGER NOT NULL REFERENCES household (id),
  check_date                TEXT NOT NULL CHECK (date(check_date) = check_date),
  net_income_per_capita_fen INTEGER NOT NULL,
  actor                     TEXT NOT NULL CHECK (actor <> ''),
  source                    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX income_check_household ON income_check (household_id, check_date);

CREATE TABLE visit (
  id           INTEGER PRIMARY KEY,
  county       INTEGER NOT NULL,
  household_id INTEGER NOT NULL REFERENCES household (id),
  cadre_name   TEXT NOT NULL CHECK (cadre_name <> ''),
  visit_date   TEXT NOT NULL CHECK (date(visit_date) = visit_date),
  mode         INTEGER NOT NULL CHECK (mode IN (1, 2, 3, 99)),  -- 入户, 电话, 视频, 其他
  notes        TEXT NOT NULL DEFAULT '',
  lat_microdeg INTEGER CHECK (lat_microdeg IS NULL OR lat_microdeg BETWEEN -90000000 AND 90000000),
  lon_microdeg INTEGER CHECK (lon_microdeg IS NULL OR lon_microdeg BETWEEN -180000000 AND 180000000),
  photo_ref    TEXT NOT NULL DEFAULT '',
  actor        TEXT NOT NULL CHECK (actor <> ''),
  CHECK ((lat_microdeg IS NULL) = (lon_microdeg IS NULL))
);
CREATE INDEX visit_household ON visit (household_id, visit_date);

ALTER TABLE assistance_measure ADD COLUMN case_id INTEGER REFERENCES monitoring_case (id);
CREATE INDEX assistance_measure_case ON assistance_measure (case_id);
)sql";

// The rectification ledger (整改台账). A problem's row holds its current status and owner;
// everything that happened to it is in problem_event, which is only ever appended to.
// `key` makes adding the same problem twice (re-importing a file) a no-op.
constexpr std::string_view kV5Ledger = R"sql(
CREATE TABLE problem (
  id               INTEGER PRIMARY KEY,
  county           INTEGER NOT NULL,           -- 6-digit county, 0 above county level
  region           INTEGER NOT NULL,           -- 12-digit code of any level
  household_no     TEXT,                       -- 户编号, NULL when not about one household
  source_kind      INTEGER NOT NULL CHECK (source_kind BETWEEN 1 AND 4),
  source_ref       TEXT NOT NULL CHECK (source_ref <> ''),
  source_item      TEXT NOT NULL DEFAULT '',
  category         INTEGER NOT NULL,
  description      TEXT NOT NULL CHECK (description <> ''),
  lead_unit        TEXT NOT NULL DEFAULT '',
  responsible_unit TEXT NOT NULL CHECK (responsible_unit <> ''),
  owner            TEXT NOT NULL CHECK (owner <> ''),
  measure          TEXT NOT NULL DEFAULT '',
  deadline         TEXT NOT NULL CHECK (date(deadline) = deadline),
  status           INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
  key              TEXT NOT NULL UNIQUE CHECK (key <> ''),
  created_by       TEXT NOT NULL CHECK (created_by <> ''),
  created_at       TEXT NOT NULL CHECK (date(created_at) = created_at)
);
CREATE INDEX problem_region ON problem (region);
CREATE INDEX problem_county ON problem (county, status);

CREATE TABLE problem_event (
  id          INTEGER PRIMARY KEY,
  county      INTEGER NOT NULL,
  problem_id  INTEGER NOT NULL REFERENCES problem (id),
  kind        INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 7),
  actor       TEXT NOT NULL CHECK (actor <> ''),
  event_date  TEXT NOT NULL CHECK (date(event_date) = event_date),
  evidence    TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX problem_event_problem ON problem_event (problem_id, event_date);
)sql";

// Verification campaigns (campaign_store.h). A campaign's draws and its findings are
// append-only: a new draw gets the next draw_no, a re-recorded household the next revision.
constexpr std::string_view kV4Campaigns = R"sql(
CREATE TABLE campaign (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),  -- 1 county, 2 prefecture, 3 province
  scope           INTEGER NOT NULL,                 -- region code (12 digits)
  checklist       TEXT NOT NULL,                    -- item codes joined by ','
  compare_to      INTEGER REFERENCES campaign (id), -- the lower level's campaign
  income_line_fen INTEGER NOT NULL,
  created_by      TEXT NOT NULL,
  created_on      TEXT NOT NULL CHECK (date(created_on) = created_on),
  status          INTEGER NOT NULL DEFAULT 1        -- 1 open
);

CREATE TABLE campaign_sample (
  campaign_id         INTEGER NOT NULL REFERENCES campaign (id),
  draw_no             INTEGER NOT NULL,
  census              INTEGER NOT NULL CHECK (census IN (0, 1)),
  seed                INTEGER NOT NULL,              -- the uint64 seed's bit pattern
  frame_size          INTEGER NOT NULL,
  strata_kind         INTEGER NOT NULL CHECK (strata_kind IN (1, 2, 3)),  -- 1 township, 2 village, 3 county
  allocation          INTEGER NOT NULL CHECK (allocation IN (1, 2)),   -- 1 proportional, 2 equal
  size                INTEGER NOT NULL,
  fraction_bp         INTEGER NOT NULL,
  registered_share_bp INTEGER NOT NULL,
  min_per_stratum     INTEGER NOT NULL,
  sample_size         INTEGER NOT NULL,
  drawn_by            TEXT NOT NULL,
  drawn_on            TEXT NOT NULL CHECK (date(drawn_on) = drawn_on),
  PRIMARY KEY (campaign_id, draw_no)
) WITHOUT ROWID;

-- N_h and n_h of each cell (stratum × registered): the weights are frame_count / sample_count.
CREATE TABLE campaign_stratum (
  campaign_id  INTEGER NOT NULL,
  draw_no      INTEGER NOT NULL,
  stratum      INTEGER NOT NULL,
  registered   INTEGER NOT NULL CHECK (registered IN (0, 1)),
  frame_count  INTEGER NOT NULL,
  sample_count INTEGER NOT NULL CHECK (sample_count BETWEEN 0 AND frame_count),
  PRIMARY KEY (campaign_id, draw_no, stratum, registered),
  FOREIGN KEY (campaign_id, draw_no) REFERENCES campaign_sample (campaign_id, draw_no)
) WITHOUT ROWID;

CREATE TABLE campaign_unit (
  campaign_id    INTEGER NOT NULL,
  draw_no        INTEGER NOT NULL,
  county         INTEGER NOT NULL,
  household_id   INTEGER NOT NULL REFERENCES household (id),
  village        INTEGER NOT NULL,
  stratum        INTEGER NOT NULL,
  registered     INTEGER NOT NULL CHECK (registered IN (0, 1)),
  household_type INTEGER NOT NULL,   -- at the draw
  persons        INTEGER NOT NULL,   -- at the draw
  draw_order     INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, draw_no, household_id),
  FOREIGN KEY (campaign_id, draw_no) REFERENCES campaign_sample (campaign_id, draw_no)
) WITHOUT ROWID;

CREATE TABLE finding (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaign (id),
  county       INTEGER NOT NULL,
  household_id INTEGER NOT NULL REFERENCES household (id),
  revision     INTEGER NOT NULL,          -- 1, 2, ...: the newest supersedes, none is deleted
  item         TEXT NOT NULL,
  person_no    TEXT NOT NULL DEFAULT '',  -- '' for household items
  answer       INTEGER NOT NULL CHECK (answer BETWEEN 1 AND 3),  -- 1 符合, 2 不符合, 3 不适用
  value_fen    INTEGER,
  note         TEXT NOT NULL DEFAULT '',
  recorded_by  TEXT NOT NULL,
  recorded_on  TEXT NOT NULL CHECK (date(recorded_on) = recorded_on),
  UNIQUE (campaign_id, household_id, revision, item, person_no)
);
)sql";

// The kind of the rule behind each warning (core/registry.h WarningKind: 1 test, 2 warning,
// 3 exclusion). Rows stored before this version get 0, unknown: their kind can only be
// told from the policy file, and leads from warnings treat them as possible leads.
constexpr std::string_view kV6WarningKind = R"sql(
ALTER TABLE warning ADD COLUMN kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 3);
)sql";

// Fields a source may not state become nullable, NULL meaning unknown (core/registry.h): a
// person's four yes/no flags and 务工时间, and a year's 两不愁三保障 and water indicators. A
// year's components gain income_known (0: the source gave only 人均纯收入; the components are
// 0 then). SQLite cannot drop NOT NULL in place, so both tables are rebuilt (foreign keys are
// off while the store migrates; nothing references these two tables). Rows stored before
// keep their values: the old importer defaulted what a file did not say, and a migration
// cannot tell a default from a stated value.
constexpr std::string_view kV7Unknown = R"sql(
CREATE TABLE person_v7 (
  county                   INTEGER NOT NULL,
  household_id             INTEGER NOT NULL REFERENCES household (id),
  seq                      INTEGER NOT NULL,
  person_no                TEXT NOT NULL DEFAULT '',
  id_number                INTEGER NOT NULL UNIQUE,
  name                     TEXT NOT NULL,
  sex                      INTEGER NOT NULL,
  birth_date               TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  relationship             INTEGER NOT NULL,
  ethnicity                INTEGER,
  education                INTEGER,
  school_status            INTEGER,
  health                   INTEGER,
  labour_skill             INTEGER,
  work_status              INTEGER,
  work_months              INTEGER,
  medical_insured          INTEGER CHECK (medical_insured IN (0, 1)),
  critical_illness_insured INTEGER CHECK (critical_illness_insured IN (0, 1)),
  receives_dibao           INTEGER CHECK (receives_dibao IN (0, 1)),
  receives_tekun           INTEGER CHECK (receives_tekun IN (0, 1)),
  phone                    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (household_id, seq)
) WITHOUT ROWID;
INSERT INTO person_v7 SELECT county, household_id, seq, person_no, id_number, name, sex, birth_date,
  relationship, ethnicity, education, school_status, health, labour_skill, work_status, work_months,
  medical_insured, critical_illness_insured, receives_dibao, receives_tekun, phone FROM person;
DROP TABLE person;
ALTER TABLE person_v7 RENAME TO person;

CREATE TABLE household_year_v7 (
  county            INTEGER NOT NULL,
  household_id      INTEGER NOT NULL REFERENCES household (id),
  data_year         INTEGER NOT NULL,
  income_known      INTEGER NOT NULL DEFAULT 1 CHECK (income_known IN (0, 1)),
  wage_income_fen   INTEGER NOT NULL,
  business_income_fen INTEGER NOT NULL,
  property_income_fen INTEGER NOT NULL,
  transfer_income_fen INTEGER NOT NULL,
  business_expense_fen INTEGER NOT NULL,
  food_secure       INTEGER CHECK (food_secure IN (0, 1)),
  clothing_secure   INTEGER CHECK (clothing_secure IN (0, 1)),
  education_secured INTEGER CHECK (education_secured IN (0, 1)),
  medical_secured   INTEGER CHECK (medical_secured IN (0, 1)),
  housing_secure    INTEGER CHECK (housing_secure IN (0, 1)),
  safe_water        INTEGER CHECK (safe_water IN (0, 1)),
  housing_grade     INTEGER,
  declared_per_capita_fen INTEGER,
  PRIMARY KEY (household_id, data_year)
) WITHOUT ROWID;
INSERT INTO household_year_v7 SELECT county, household_id, data_year, 1, wage_income_fen,
  business_income_fen, property_income_fen, transfer_income_fen, business_expense_fen, food_secure,
  clothing_secure, education_secured, medical_secured, housing_secure, safe_water, housing_grade,
  declared_per_capita_fen FROM household_year;
DROP TABLE household_year;
ALTER TABLE household_year_v7 RENAME TO household_year;
)sql";

// The sampling rule of each draw (engine/sampling.h RULE VERSIONS). Draws stored before this
// version were made by rule 1 (no per-cell floor); they keep their households and say so.
constexpr std::string_view kV8SamplingRule = R"sql(
ALTER TABLE campaign_sample ADD COLUMN sampling_rule INTEGER NOT NULL DEFAULT 1 CHECK (sampling_rule >= 1);
)sql";

// Accounts, roles, sessions and sign-in attempts (core/account_records.h). Scopes are 12-digit
// region codes (NULL: no scope, the account sees nothing). Passwords are argon2id strings;
// sessions are keyed by the SHA-256 of their token, never the token. Times are Unix seconds.
constexpr std::string_view kV9Accounts = R"sql(
CREATE TABLE account (
  id                       INTEGER PRIMARY KEY,
  username                 TEXT NOT NULL UNIQUE,
  display_name             TEXT NOT NULL,
  password_hash            TEXT NOT NULL CHECK (password_hash GLOB '$argon2id$*'),
  state                    INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
  write_scope              INTEGER,
  view_scope               INTEGER,
  search_scope             INTEGER,
  expires_on               TEXT CHECK (expires_on IS NULL OR date(expires_on) = expires_on),
  last_sign_in             INTEGER,
  password_change_required INTEGER NOT NULL CHECK (password_change_required IN (0, 1)),
  created_by               TEXT NOT NULL,
  created_on               TEXT NOT NULL CHECK (date(created_on) = created_on)
);
CREATE TABLE account_role (
  account_id INTEGER NOT NULL REFERENCES account (id),
  role       INTEGER NOT NULL CHECK (role BETWEEN 1 AND 7),
  PRIMARY KEY (account_id, role)
) WITHOUT ROWID;
CREATE TABLE session (
  token_sha256   TEXT PRIMARY KEY CHECK (length(token_sha256) = 64),
  account_id     INTEGER NOT NULL REFERENCES account (id),
  csrf_token     TEXT NOT NULL,
  client_address TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_account ON session (account_id);
CREATE TABLE login_attempt (
  id             INTEGER PRIMARY KEY,
  username       TEXT NOT NULL,
  client_address TEXT NOT NULL,
  at             INTEGER NOT NULL,
  outcome        INTEGER NOT NULL CHECK (outcome BETWEEN 0 AND 2)
);
CREATE INDEX login_attempt_username ON login_attempt (username, id);
CREATE INDEX login_attempt_address ON login_attempt (client_address, at);
)sql";

// The audit log (store/audit_store.h, core/audit_records.h): append-only and hash-chained.
// sequence is the rowid, so entries are read in chain order without a sort. The triggers are
// a second wall behind the interface, which has no update or delete: a program going through
// SQLite directly must drop them first, and the hash chain still shows what it did. No
// county column: the log grows with use, not with the registry, and an entry's region may be
// above county level.
constexpr std::string_view kV10Audit = R"sql(
CREATE TABLE audit_log (
  sequence      INTEGER PRIMARY KEY CHECK (sequence >= 1),
  time_utc_s    INTEGER NOT NULL,
  actor         TEXT NOT NULL CHECK (actor <> ''),
  client        TEXT NOT NULL DEFAULT '',
  kind          INTEGER NOT NULL CHECK (kind IN (1, 2)),  -- 1 change, 2 access
  action        TEXT NOT NULL CHECK (action <> ''),
  object        TEXT NOT NULL DEFAULT '',
  region        INTEGER,                                  -- 12-digit code, NULL when none
  row_count     INTEGER NOT NULL DEFAULT 0,
  reason        TEXT NOT NULL DEFAULT '',
  details       TEXT NOT NULL DEFAULT '',
  previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
  hash          TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
);
CREATE INDEX audit_log_actor ON audit_log (actor, sequence);
CREATE INDEX audit_log_object ON audit_log (object, sequence) WHERE object <> '';
CREATE INDEX audit_log_region ON audit_log (region, sequence) WHERE region IS NOT NULL;
CREATE INDEX audit_log_time ON audit_log (time_utc_s, sequence);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

// Search by name (SERVER.md: households and persons searched by name): persons are stored by
// household, so a name needs its own index; it holds (name, household_id, seq).
constexpr std::string_view kV11PersonName = R"sql(
CREATE INDEX person_name ON person (name);
)sql";

constexpr Migration kMigrations[] = {
    {1, "registry: regions, households, persons, yearly facts, events, measures, cadres", kV1},
    {2, "screening warnings, unique per household, rule, period and person", kV2},
    {3, "monitoring cases, their events, income checks and visits", kV3},
    {4, "verification campaigns: campaigns, sample draws, cells, units and findings", kV4Campaigns},
    {5, "rectification ledger: problems and their append-only history", kV5Ledger},
    {6, "the kind of the rule behind each warning (test, warning, exclusion; 0 unknown)", kV6WarningKind},
    {7, "fields a source may not state are nullable (unknown), and yearly income components may be unknown",
     kV7Unknown},
    {8, "the sampling rule of each campaign draw (1 before the per-cell floor of two households)",
     kV8SamplingRule},
    {9, "accounts, their roles and scopes, server-side sessions and sign-in attempts", kV9Accounts},
    {10, "the append-only, hash-chained audit log", kV10Audit},
    {11, "an index of persons by name, for search", kV11PersonName},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace jz::sqlite
