// SQLite implementation of Store: opening and migrating, regions, and reads of the
// registry. Writes go through SqliteWriter (sqlite_writer.cc), one transaction per writer.
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/limits.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store_internal.h"

namespace jz {
namespace sqlite_internal {

Status SqliteStore::Initialize(bool in_memory) {
  if (!in_memory) RETURN_IF_ERROR(db_.Exec("PRAGMA journal_mode = WAL"));
  // Foreign keys are declared (and enforced by PostgreSQL) but not enforced here: every row
  // is written by RegistryWriter, which takes household_id from the row it just wrote or
  // looked up, and enforcement costs a parent lookup per person (1.1 s of an 8 s import of
  // a million persons). sqlite_store_test checks PRAGMA foreign_key_check after writes.
  RETURN_IF_ERROR(db_.Exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF"));
  RETURN_IF_ERROR(db_.Exec(fmt::format("PRAGMA cache_size = -{}", kSqliteCacheKib)));
  RETURN_IF_ERROR(CheckIdentity());
  return Migrate();
}

Status SqliteStore::CheckIdentity() {
  ASSIGN_OR_RETURN(int64_t app_id, db_.QueryInt("PRAGMA application_id"));
  ASSIGN_OR_RETURN(int64_t tables, db_.QueryInt("SELECT count(*) FROM sqlite_schema"));
  if (app_id == 0 && tables == 0) return OkStatus();  // a new, empty file
  if (app_id != sqlite::kApplicationId) {
    return FailedPreconditionError(Bilingual("该文件不是精准系统的数据库，未做任何修改",
                                             "this file is not a Jingzhun database; nothing was changed"));
  }
  return OkStatus();
}

Status SqliteStore::Migrate() {
  ASSIGN_OR_RETURN(int64_t version, db_.QueryInt("PRAGMA user_version"));
  const int latest = SqliteSchemaVersion();
  if (version > latest) {
    return FailedPreconditionError(
        Bilingual("数据库结构版本为 {}，本程序只支持到版本 {}；请升级 jingzhun 后再打开",
                  "the database has schema version {}, this binary supports up to {}; "
                  "upgrade jingzhun to open it",
                  version, latest));
  }
  for (const sqlite::Migration& m : sqlite::Migrations()) {
    if (m.version <= version) continue;
    RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
    Status status = db_.Exec(m.sql);
    if (status.ok()) {
      status = db_.Exec(fmt::format("PRAGMA user_version = {}; PRAGMA application_id = {}", m.version,
                                    sqlite::kApplicationId));
    }
    if (!status.ok()) {
      (void)db_.Exec("ROLLBACK");
      return status.WithContext(fmt::format("migration {}", m.version));
    }
    RETURN_IF_ERROR(db_.Exec("COMMIT"));
  }
  schema_version_ = latest;
  return OkStatus();
}

Status SqliteStore::InTransaction(std::string_view what_zh, std::string_view what_en,
                                  const std::function<Status()>& body) {
  if (writer_open_) {
    return FailedPreconditionError(
        Bilingual(fmt::format("有登记数据写入事务未结束，{}暂不能修改", what_zh),
                  fmt::format("a registry writer is open; {} cannot change now", what_en)));
  }
  RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  Status status = body();
  if (status.ok()) status = db_.Exec("COMMIT");
  if (!status.ok()) (void)db_.Exec("ROLLBACK");
  return status;
}

StatusOr<Statements*> SqliteStore::statements() {
  if (statements_) return statements_.get();
  auto s = std::make_unique<Statements>();
  ASSIGN_OR_RETURN(s->find_region_exists, db_.Prepare("SELECT 1 FROM region WHERE code = ?1 LIMIT 1"));
  ASSIGN_OR_RETURN(s->find_household_id, db_.Prepare("SELECT id FROM household WHERE household_no = ?1"));
  ASSIGN_OR_RETURN(
      s->find_household_in_scope,
      db_.Prepare("SELECT id FROM household WHERE household_no = ?1 AND village >= ?2 AND village < ?3"));
  ASSIGN_OR_RETURN(s->find_person_household,
                   db_.Prepare("SELECT p.household_id, h.household_no FROM person p "
                               "JOIN household h ON h.id = p.household_id WHERE p.id_number = ?1"));
  ASSIGN_OR_RETURN(s->find_person_household_in_scope,
                   db_.Prepare("SELECT p.household_id, h.household_no FROM person p "
                               "JOIN household h ON h.id = p.household_id WHERE p.id_number = ?1 "
                               "AND h.village >= ?2 AND h.village < ?3"));
  ASSIGN_OR_RETURN(
      s->insert_household,
      db_.Prepare("INSERT INTO household (county, household_no, village, natural_village, "
                  "household_type, attribute, main_cause, other_causes, monitoring_type, "
                  "phone, first_identified, cadre_name, declared_size, risk_identified, risk_eliminated) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14, ?15, ?16)"));
  ASSIGN_OR_RETURN(s->update_household,
                   db_.Prepare("UPDATE household SET county = ?1, village = ?3, natural_village = ?4, "
                               "household_type = ?5, attribute = ?6, main_cause = ?7, other_causes = ?8, "
                               "monitoring_type = ?9, phone = ?10, first_identified = ?11, "
                               "cadre_name = ?12, declared_size = ?14, risk_identified = ?15, "
                               "risk_eliminated = ?16 WHERE id = ?13"));
  ASSIGN_OR_RETURN(s->delete_persons, db_.Prepare("DELETE FROM person WHERE household_id = ?1"));
  ASSIGN_OR_RETURN(s->delete_years, db_.Prepare("DELETE FROM household_year WHERE household_id = ?1"));
  ASSIGN_OR_RETURN(s->delete_household, db_.Prepare("DELETE FROM household WHERE id = ?1"));
  ASSIGN_OR_RETURN(s->load_household,
                   db_.Prepare(fmt::format("SELECT {} FROM household WHERE id = ?1", kHouseholdColumns)));
  ASSIGN_OR_RETURN(s->load_persons, db_.Prepare(fmt::format("SELECT {} FROM person WHERE household_id = ?1 "
                                                            "ORDER BY seq",
                                                            kPersonColumns)));
  ASSIGN_OR_RETURN(s->load_years,
                   db_.Prepare(fmt::format("SELECT {} FROM household_year WHERE household_id = ?1 "
                                           "ORDER BY data_year",
                                           kYearColumns)));
  ASSIGN_OR_RETURN(s->insert_person,
                   db_.Prepare("INSERT INTO person (county, household_id, seq, person_no, id_number, "
                               "name, sex, birth_date, relationship, ethnicity, education, school_status, "
                               "health, labour_skill, work_status, work_months, medical_insured, "
                               "critical_illness_insured, receives_dibao, receives_tekun, phone) VALUES "
                               "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                               "?17, ?18, ?19, ?20, ?21)"));
  ASSIGN_OR_RETURN(
      s->insert_year,
      db_.Prepare("INSERT INTO household_year (county, household_id, data_year, "
                  "wage_income_fen, business_income_fen, property_income_fen, "
                  "transfer_income_fen, business_expense_fen, food_secure, clothing_secure, "
                  "education_secured, medical_secured, housing_secure, safe_water, "
                  "housing_grade, declared_per_capita_fen, income_known) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                  "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
  ASSIGN_OR_RETURN(s->insert_event,
                   db_.Prepare("INSERT INTO status_event (county, household_id, kind, event_date, "
                               "monitoring_type, elimination_method, note) "
                               "SELECT county, id, ?2, ?3, ?4, ?5, ?6 FROM household WHERE id = ?1"));
  ASSIGN_OR_RETURN(s->insert_measure,
                   db_.Prepare("INSERT INTO assistance_measure (county, household_id, kind, start_date, "
                               "end_date, content, funds_fen, case_id) "
                               "SELECT county, id, ?2, ?3, ?4, ?5, ?6, ?7 FROM household WHERE id = ?1"));
  ASSIGN_OR_RETURN(s->insert_cadre,
                   db_.Prepare("INSERT INTO cadre_assignment (county, household_id, cadre_name, unit, "
                               "position, phone, start_date, end_date) "
                               "SELECT county, id, ?2, ?3, ?4, ?5, ?6, ?7 FROM household WHERE id = ?1"));
  ASSIGN_OR_RETURN(
      s->insert_warning,
      db_.Prepare("INSERT OR IGNORE INTO warning (county, household_id, rule_id, period, person_no, "
                  "policy_version, as_of, evidence, kind) "
                  "SELECT county, id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM household WHERE id = ?1"));
  statements_ = std::move(s);
  return statements_.get();
}

Status SqliteStore::UpsertRegions(std::span<const Region> regions) {
  ASSIGN_OR_RETURN(Stmt stmt,
                   db_.Prepare("INSERT OR REPLACE INTO region (code, edition, name, level, "
                               "parent, county, urban_rural) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  for (const Region& r : regions) {
    stmt.Bind(1, static_cast<int64_t>(r.code.value()));
    stmt.Bind(2, int64_t{r.edition_year});
    stmt.Bind(3, r.name);
    stmt.Bind(4, static_cast<int64_t>(r.code.level()));
    if (r.code.level() == RegionLevel::kProvince) {
      stmt.BindNull(5);
    } else {
      stmt.Bind(5, static_cast<int64_t>(r.code.Parent().value()));
    }
    const bool has_county = r.code.level() >= RegionLevel::kCounty;
    stmt.Bind(6, has_county ? int64_t{r.code.County6()} : int64_t{0});
    if (r.urban_rural_code != 0) {
      stmt.Bind(7, int64_t{r.urban_rural_code});
    } else {
      stmt.BindNull(7);
    }
    Status status = stmt.Run();
    if (!status.ok()) {
      (void)db_.Exec("ROLLBACK");
      return status.WithContext(r.code.ToString());
    }
  }
  // A COMMIT that fails (a full disk) leaves the transaction open: end it, so the
  // database stays as it was and the connection usable.
  Status committed = db_.Exec("COMMIT");
  if (!committed.ok()) (void)db_.Exec("ROLLBACK");
  return committed;
}

StatusOr<Region> SqliteStore::ReadRegion(const Stmt& stmt) {
  std::optional<RegionCode> code = RegionCode::FromValue(static_cast<uint64_t>(stmt.Int(0)));
  if (!code) return DataLossError(fmt::format("invalid region code {} in the database", stmt.Int(0)));
  Region region;
  region.code = *code;
  region.edition_year = static_cast<int>(stmt.Int(1));
  region.name = stmt.Text(2);
  region.urban_rural_code = static_cast<uint16_t>(stmt.IsNull(3) ? 0 : stmt.Int(3));
  return region;
}

StatusOr<std::optional<Region>> SqliteStore::FindRegion(RegionCode code) {
  ASSIGN_OR_RETURN(Stmt stmt, db_.Prepare("SELECT code, edition, name, urban_rural FROM region "
                                          "WHERE code = ?1 ORDER BY edition DESC LIMIT 1"));
  stmt.Bind(1, static_cast<int64_t>(code.value()));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Region>();
  ASSIGN_OR_RETURN(Region region, ReadRegion(stmt));
  return std::optional<Region>(std::move(region));
}

StatusOr<std::vector<Region>> SqliteStore::ListRegions(RegionCode scope, RegionLevel level) {
  const auto [low, high] = CodeRange(scope);
  ASSIGN_OR_RETURN(Stmt stmt,
                   db_.Prepare("SELECT code, max(edition), name, urban_rural FROM region "
                               "WHERE code >= ?1 AND code < ?2 AND level = ?3 GROUP BY code ORDER BY code"));
  stmt.Bind(1, static_cast<int64_t>(low));
  stmt.Bind(2, static_cast<int64_t>(high));
  stmt.Bind(3, static_cast<int64_t>(level));
  std::vector<Region> regions;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Region region, ReadRegion(stmt));
    regions.push_back(std::move(region));
  }
  return regions;
}

StatusOr<std::vector<Region>> SqliteStore::ListRegionsAllEditions(RegionCode scope) {
  const auto [low, high] = CodeRange(scope);
  // The primary key (code, edition) gives the order without a sort.
  ASSIGN_OR_RETURN(Stmt stmt, db_.Prepare("SELECT code, edition, name, urban_rural FROM region "
                                          "WHERE code >= ?1 AND code < ?2 ORDER BY code, edition"));
  stmt.Bind(1, static_cast<int64_t>(low));
  stmt.Bind(2, static_cast<int64_t>(high));
  std::vector<Region> regions;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Region region, ReadRegion(stmt));
    regions.push_back(std::move(region));
  }
  return regions;
}

StatusOr<std::unique_ptr<RegistryWriter>> SqliteStore::BeginWrite() {
  if (writer_open_) {
    return FailedPreconditionError(Bilingual("已有一个写入事务未结束", "a writer is already open"));
  }
  RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  writer_open_ = true;
  return std::unique_ptr<RegistryWriter>(new SqliteWriter(this));
}

StatusOr<std::optional<Household>> SqliteStore::FindHousehold(const ReadScope& scope,
                                                              std::string_view household_no) {
  ASSIGN_OR_RETURN(Statements * s, statements());
  Stmt& find = s->find_household_in_scope;
  find.Bind(1, household_no);
  BindScope(find, 2, scope);
  StatusOr<bool> row = find.Step();
  const int64_t id = row.ok() && *row ? find.Int(0) : 0;
  find.Reset();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Household>();
  return LoadHousehold(id);
}

StatusOr<std::optional<Household>> SqliteStore::LoadHousehold(int64_t id) {
  ASSIGN_OR_RETURN(Statements * s, statements());
  // Statements are shared: reset them on every path out.
  struct Resetter {
    Statements* s;
    ~Resetter() {
      s->load_household.Reset();
      s->load_persons.Reset();
      s->load_years.Reset();
    }
  } resetter{s};
  Stmt& h = s->load_household;
  h.Bind(1, id);
  ASSIGN_OR_RETURN(bool found, h.Step());
  if (!found) return std::optional<Household>();
  ASSIGN_OR_RETURN(Household out, DecodeHousehold(h));
  s->load_persons.Bind(1, id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, s->load_persons.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Person person, DecodePerson(s->load_persons));
    out.members.push_back(std::move(person));
  }
  s->load_years.Bind(1, id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, s->load_years.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(HouseholdYear year, DecodeYear(s->load_years));
    out.years.push_back(year);
  }
  return std::optional<Household>(std::move(out));
}

// Three ordered scans (households, persons, years), merged on household id: one pass over
// each table instead of three queries per household.
Status SqliteStore::ScanHouseholds(RegionCode scope, const std::function<Status(const Household&)>& visit) {
  const auto [low, high] = CodeRange(scope);
  ASSIGN_OR_RETURN(Stmt h,
                   db_.Prepare(fmt::format("SELECT {} FROM household WHERE village >= ?1 AND village < ?2 "
                                           "ORDER BY id",
                                           kHouseholdColumns)));
  ASSIGN_OR_RETURN(
      Stmt p, db_.Prepare(fmt::format("SELECT {} FROM person p JOIN household h ON h.id = p.household_id "
                                      "WHERE h.village >= ?1 AND h.village < ?2 "
                                      "ORDER BY p.household_id, p.seq",
                                      kPersonColumnsQualified)));
  ASSIGN_OR_RETURN(
      Stmt y, db_.Prepare(fmt::format("SELECT {} FROM household_year y JOIN household h "
                                      "ON h.id = y.household_id WHERE h.village >= ?1 AND h.village < ?2 "
                                      "ORDER BY y.household_id, y.data_year",
                                      kYearColumnsQualified)));
  for (Stmt* stmt : {&h, &p, &y}) {
    stmt->Bind(1, static_cast<int64_t>(low));
    stmt->Bind(2, static_cast<int64_t>(high));
  }
  ASSIGN_OR_RETURN(bool person_row, p.Step());
  ASSIGN_OR_RETURN(bool year_row, y.Step());
  while (true) {
    ASSIGN_OR_RETURN(bool row, h.Step());
    if (!row) break;
    const int64_t id = h.Int(0);
    ASSIGN_OR_RETURN(Household household, DecodeHousehold(h));
    while (person_row && p.Int(0) <= id) {
      if (p.Int(0) == id) {
        ASSIGN_OR_RETURN(Person person, DecodePerson(p));
        household.members.push_back(std::move(person));
      }
      ASSIGN_OR_RETURN(person_row, p.Step());
    }
    while (year_row && y.Int(0) <= id) {
      if (y.Int(0) == id) {
        ASSIGN_OR_RETURN(HouseholdYear year, DecodeYear(y));
        household.years.push_back(year);
      }
      ASSIGN_OR_RETURN(year_row, y.Step());
    }
    RETURN_IF_ERROR(visit(household));
  }
  return OkStatus();
}

StatusOr<std::optional<std::string>> SqliteStore::FindHouseholdOfPerson(const ReadScope& scope,
                                                                        const IdNumber& id_number) {
  ASSIGN_OR_RETURN(Statements * s, statements());
  Stmt& find = s->find_person_household_in_scope;
  find.Bind(1, static_cast<int64_t>(id_number.Packed()));
  BindScope(find, 2, scope);
  StatusOr<bool> row = find.Step();
  std::optional<std::string> household_no;
  if (row.ok() && *row) household_no = find.Text(1);
  find.Reset();
  if (!row.ok()) return row.status();
  return household_no;
}

StatusOr<std::vector<StatusEvent>> SqliteStore::ListStatusEvents(const ReadScope& scope,
                                                                 std::string_view household_no) {
  ASSIGN_OR_RETURN(
      Stmt stmt,
      db_.Prepare("SELECT e.kind, e.event_date, e.monitoring_type, "
                  "e.elimination_method, e.note FROM status_event e JOIN household h "
                  "ON h.id = e.household_id WHERE h.household_no = ?1 AND h.village >= ?2 AND h.village < ?3 "
                  "ORDER BY e.event_date, e.id"));
  stmt.Bind(1, household_no);
  BindScope(stmt, 2, scope);
  std::vector<StatusEvent> events;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    StatusEvent e;
    e.household_no = std::string(household_no);
    const int64_t kind = stmt.Int(0);
    if (kind < 1 || kind > 5) return DataLossError(fmt::format("invalid event kind {}", kind));
    e.kind = static_cast<StatusEventKind>(kind);
    ASSIGN_OR_RETURN(e.date, ReadDate(stmt, 1));
    ASSIGN_OR_RETURN(e.monitoring_type, ReadOptionalCode<MonitoringType>(stmt, 2));
    ASSIGN_OR_RETURN(e.elimination_method, ReadOptionalCode<RiskEliminationMethod>(stmt, 3));
    e.note = stmt.Text(4);
    events.push_back(std::move(e));
  }
  return events;
}

StatusOr<std::vector<AssistanceMeasure>> SqliteStore::ListAssistanceMeasures(const ReadScope& scope,
                                                                             std::string_view household_no) {
  ASSIGN_OR_RETURN(Stmt stmt,
                   db_.Prepare("SELECT m.kind, m.start_date, m.end_date, m.content, m.funds_fen "
                               "FROM assistance_measure m JOIN household h ON h.id = m.household_id "
                               "WHERE h.household_no = ?1 AND h.village >= ?2 AND h.village < ?3 "
                               "ORDER BY m.start_date, m.id"));
  stmt.Bind(1, household_no);
  BindScope(stmt, 2, scope);
  std::vector<AssistanceMeasure> measures;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    AssistanceMeasure m;
    m.household_no = std::string(household_no);
    ASSIGN_OR_RETURN(m.kind, ReadCode<AssistanceKind>(stmt, 0));
    ASSIGN_OR_RETURN(m.start, ReadDate(stmt, 1));
    ASSIGN_OR_RETURN(m.end, ReadOptionalDate(stmt, 2));
    m.content = stmt.Text(3);
    m.funds = Money::FromFen(stmt.Int(4));
    measures.push_back(std::move(m));
  }
  return measures;
}

StatusOr<std::vector<CadreAssignment>> SqliteStore::ListCadreAssignments(const ReadScope& scope,
                                                                         std::string_view household_no) {
  ASSIGN_OR_RETURN(
      Stmt stmt,
      db_.Prepare("SELECT c.cadre_name, c.unit, c.position, c.phone, c.start_date, "
                  "c.end_date FROM cadre_assignment c JOIN household h "
                  "ON h.id = c.household_id WHERE h.household_no = ?1 AND h.village >= ?2 AND h.village < ?3 "
                  "ORDER BY c.start_date, c.id"));
  stmt.Bind(1, household_no);
  BindScope(stmt, 2, scope);
  std::vector<CadreAssignment> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    CadreAssignment a;
    a.household_no = std::string(household_no);
    a.cadre_name = stmt.Text(0);
    a.unit = stmt.Text(1);
    a.position = stmt.Text(2);
    a.phone = stmt.Text(3);
    ASSIGN_OR_RETURN(a.start, ReadDate(stmt, 4));
    ASSIGN_OR_RETURN(a.end, ReadOptionalDate(stmt, 5));
    out.push_back(std::move(a));
  }
  return out;
}

StatusOr<std::vector<Warning>> SqliteStore::ListWarnings(const ReadScope& scope,
                                                         std::string_view household_no) {
  ASSIGN_OR_RETURN(Stmt stmt,
                   db_.Prepare("SELECT w.rule_id, w.period, w.person_no, w.policy_version, w.as_of, "
                               "w.evidence, w.kind FROM warning w JOIN household h ON h.id = w.household_id "
                               "WHERE h.household_no = ?1 AND h.village >= ?2 AND h.village < ?3 "
                               "ORDER BY w.period, w.rule_id, w.person_no"));
  stmt.Bind(1, household_no);
  BindScope(stmt, 2, scope);
  std::vector<Warning> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    Warning w;
    w.household_no = std::string(household_no);
    w.rule_id = stmt.Text(0);
    w.period = stmt.Text(1);
    w.person_no = stmt.Text(2);
    w.policy_version = stmt.Text(3);
    ASSIGN_OR_RETURN(w.as_of, ReadDate(stmt, 4));
    w.evidence = stmt.Text(5);
    w.kind = WarningKindFromStored(stmt.Int(6));
    out.push_back(std::move(w));
  }
  return out;
}

CaseStore& SqliteStore::cases() {
  if (!cases_) cases_ = NewSqliteCaseStore(this);
  return *cases_;
}

CampaignStore& SqliteStore::campaigns() {
  if (!campaigns_) campaigns_ = NewSqliteCampaignStore(this);
  return *campaigns_;
}

AccountStore& SqliteStore::accounts() {
  if (!accounts_) accounts_ = NewSqliteAccountStore(this);
  return *accounts_;
}

StatusOr<int64_t> SqliteStore::CountWarnings(const ReadScope& scope) {
  return CountInScope(
      "SELECT count(*) FROM warning w JOIN household h ON h.id = w.household_id "
      "WHERE h.village >= ?1 AND h.village < ?2",
      scope);
}

StatusOr<RegistryCounts> SqliteStore::Counts(const ReadScope& scope) {
  RegistryCounts counts;
  ASSIGN_OR_RETURN(counts.regions, db_.QueryInt("SELECT count(*) FROM region"));
  ASSIGN_OR_RETURN(
      counts.households,
      CountInScope("SELECT count(*) FROM household WHERE village >= ?1 AND village < ?2", scope));
  ASSIGN_OR_RETURN(counts.persons,
                   CountInScope("SELECT count(*) FROM person p JOIN household h "
                                "ON h.id = p.household_id WHERE h.village >= ?1 AND h.village < ?2",
                                scope));
  return counts;
}

}  // namespace sqlite_internal

namespace {

// Refuses, before SQLite sees it, a path that cannot be the database a command needs: a
// missing file (unless it is to be created), a directory, or a read-only file or folder
// when the command writes. SQLite's own errors for these name neither the path nor the cause.
Status CheckDatabasePath(const std::string& path, const SqliteOptions& options) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (options.create_if_missing) return OkStatus();
    return NotFoundError(Bilingual("数据库文件 {} 不存在", "database file {} does not exist", path));
  }
  if (S_ISDIR(st.st_mode)) {
    return InvalidArgumentError(
        Bilingual("{} 是目录，不是数据库文件；请给出数据库文件的路径（如 {}/jingzhun.db）",
                  "{} is a folder, not a database file: give the path of the database file "
                  "(e.g. {}/jingzhun.db)",
                  path, path));
  }
  if (!options.for_writing) return OkStatus();
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const std::string folder_text = folder.empty() ? std::string(".") : folder.string();
  // WAL mode writes beside the file (-wal, -shm), so the folder must be writable too.
  if (::access(path.c_str(), W_OK) != 0 || ::access(folder_text.c_str(), W_OK) != 0) {
    return PermissionDeniedError(
        Bilingual("数据库文件 {} 或其目录 {} 只读，本命令需要写入数据库；请检查写权限",
                  "the database file {} or its folder {} is read-only and this command "
                  "writes to the database: check the write permissions",
                  path, folder_text));
  }
  return OkStatus();
}

// Fault injection for tests of a full disk: JZ_TEST_SQLITE_MAX_PAGE_COUNT=N caps the
// database at N pages, so a write past it fails exactly as on a full disk (SQLITE_FULL).
// max_page_count is a per-connection setting, so a test of the binary cannot set it
// otherwise. Unset in production; never lowers a database below its current size.
Status ApplyPageLimitForTests(sqlite::Db& db) {
  const char* limit = std::getenv("JZ_TEST_SQLITE_MAX_PAGE_COUNT");
  if (limit == nullptr || *limit == '\0') return OkStatus();
  return db.Exec(fmt::format("PRAGMA max_page_count = {}", std::strtoll(limit, nullptr, 10)));
}

}  // namespace

using sqlite::Db;
using sqlite_internal::SqliteStore;

int SqliteSchemaVersion() { return sqlite::Migrations().back().version; }

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const SqliteOptions& options) {
  const bool in_memory = path == ":memory:";
  if (!in_memory) RETURN_IF_ERROR(CheckDatabasePath(path, options));
  int flags = SQLITE_OPEN_READWRITE;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  ASSIGN_OR_RETURN(Db db, Db::Open(path, flags));
  auto store = std::make_unique<SqliteStore>(std::move(db));
  Status status = store->Initialize(in_memory);
  if (status.ok()) status = ApplyPageLimitForTests(store->db());
  if (!status.ok()) {
    // Name the file once: the translations of SQLite's errors may name it already.
    return status.message().find(path) == std::string::npos ? status.WithContext(path) : status;
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace jz