// Internal to store/sqlite: the SQLite store and writer classes, their shared prepared
// statements, and the column conversion helpers. sqlite_store.cc implements the store and
// its reads; sqlite_writer.cc the unit of work. Nothing outside store/sqlite includes this.
#ifndef JZ_STORE_SQLITE_SQLITE_STORE_INTERNAL_H_
#define JZ_STORE_SQLITE_SQLITE_STORE_INTERNAL_H_

#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace jz::sqlite_internal {

using sqlite::Db;
using sqlite::Stmt;

template <typename E>
int64_t CodeOf(E value) {
  return static_cast<int64_t>(value);
}
template <typename E>
std::optional<int64_t> CodeOf(const std::optional<E>& value) {
  if (!value) return std::nullopt;
  return static_cast<int64_t>(*value);
}
inline std::optional<std::string> DateText(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return date->ToString();
}

// Reads a code-list column; a code this binary does not know means the file was altered.
template <typename E>
StatusOr<E> ReadCode(const Stmt& stmt, int column) {
  const int64_t code = stmt.Int(column);
  std::optional<E> value = FromCode<E>(static_cast<int>(code));
  if (!value) {
    return DataLossError(Bilingual("数据库中的代码 {} 无效", "invalid code {} in the database", code));
  }
  return *value;
}
template <typename E>
StatusOr<std::optional<E>> ReadOptionalCode(const Stmt& stmt, int column) {
  if (stmt.IsNull(column)) return std::optional<E>();
  ASSIGN_OR_RETURN(E value, ReadCode<E>(stmt, column));
  return std::optional<E>(value);
}
// A yes/no column that may be NULL: unknown (core/registry.h).
inline std::optional<bool> ReadOptionalBool(const Stmt& stmt, int column) {
  if (stmt.IsNull(column)) return std::nullopt;
  return stmt.Int(column) != 0;
}
inline StatusOr<Date> ReadDate(const Stmt& stmt, int column) {
  StatusOr<Date> date = Date::Parse(stmt.Text(column));
  if (!date.ok()) return DataLossError(date.status().message());
  return date;
}
// The CHECK constraint keeps warning.kind in 0..3; anything else reads as unknown.
inline WarningKind WarningKindFromStored(int64_t stored) {
  return stored >= 1 && stored <= 3 ? static_cast<WarningKind>(stored) : WarningKind::kUnknown;
}
inline StatusOr<std::optional<Date>> ReadOptionalDate(const Stmt& stmt, int column) {
  if (stmt.IsNull(column)) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date date, ReadDate(stmt, column));
  return std::optional<Date>(date);
}

inline std::string JoinCauses(const std::vector<PovertyCause>& causes) {
  std::string out;
  for (PovertyCause cause : causes) {
    if (!out.empty()) out += ',';
    out += std::to_string(CodeOf(cause));
  }
  return out;
}

inline StatusOr<std::vector<PovertyCause>> SplitCauses(std::string_view text) {
  std::vector<PovertyCause> causes;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    std::optional<PovertyCause> cause = FromCode<PovertyCause>(std::atoi(std::string(part).c_str()));
    if (!cause) return DataLossError(fmt::format("invalid poverty cause list '{}'", text));
    causes.push_back(*cause);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return causes;
}

// Column lists of the row decoders below; column 0 is the household id in each.
inline constexpr std::string_view kHouseholdColumns =
    "id, household_no, village, natural_village, household_type, attribute, main_cause, other_causes, "
    "monitoring_type, phone, first_identified, cadre_name, declared_size, risk_identified, risk_eliminated";
inline constexpr std::string_view kPersonColumns =
    "household_id, person_no, id_number, name, sex, birth_date, relationship, ethnicity, education, "
    "school_status, health, labour_skill, work_status, work_months, medical_insured, "
    "critical_illness_insured, receives_dibao, receives_tekun, phone";
inline constexpr std::string_view kPersonColumnsQualified =
    "p.household_id, p.person_no, p.id_number, p.name, p.sex, p.birth_date, p.relationship, p.ethnicity, "
    "p.education, p.school_status, p.health, p.labour_skill, p.work_status, p.work_months, "
    "p.medical_insured, "
    "p.critical_illness_insured, p.receives_dibao, p.receives_tekun, p.phone";
inline constexpr std::string_view kYearColumns =
    "household_id, data_year, wage_income_fen, business_income_fen, property_income_fen, "
    "transfer_income_fen, "
    "business_expense_fen, food_secure, clothing_secure, education_secured, medical_secured, housing_secure, "
    "safe_water, housing_grade, declared_per_capita_fen, income_known";
inline constexpr std::string_view kYearColumnsQualified =
    "y.household_id, y.data_year, y.wage_income_fen, y.business_income_fen, y.property_income_fen, "
    "y.transfer_income_fen, y.business_expense_fen, y.food_secure, y.clothing_secure, y.education_secured, "
    "y.medical_secured, y.housing_secure, y.safe_water, y.housing_grade, y.declared_per_capita_fen, "
    "y.income_known";

// Decode the current row of a statement selecting the matching column list.
StatusOr<Household> DecodeHousehold(const Stmt& stmt);  // members and years left empty
StatusOr<Person> DecodePerson(const Stmt& stmt);
StatusOr<HouseholdYear> DecodeYear(const Stmt& stmt);

// The half-open range [low, high) of 12-digit codes inside `scope`.
std::pair<uint64_t, uint64_t> CodeRange(RegionCode scope);

// Binds the scope's range [low, high) of village codes to parameters `first` and first + 1.
inline void BindScope(Stmt& stmt, int first, const ReadScope& scope) {
  stmt.Bind(first, static_cast<int64_t>(scope.low()));
  stmt.Bind(first + 1, static_cast<int64_t>(scope.high()));
}

// Statements shared by the store and its writers, prepared on first use.

struct Statements {
  Stmt find_region_exists;
  Stmt find_household_id;               // every household, for writers
  Stmt find_household_in_scope;         // ?1 household_no, [?2, ?3) village codes
  Stmt find_person_household;           // every household, for writers
  Stmt find_person_household_in_scope;  // ?1 packed ID, [?2, ?3) village codes
  Stmt insert_household;
  Stmt update_household;
  Stmt delete_persons;
  Stmt delete_years;
  Stmt delete_household;
  Stmt load_household;
  Stmt load_persons;
  Stmt load_years;
  Stmt insert_person;
  Stmt insert_year;
  Stmt insert_event;
  Stmt insert_measure;
  Stmt insert_cadre;
  Stmt insert_warning;
};

// The rows both a registry writer and the case store write, through the shared statements.
// `case_id` links a measure to the monitoring case that recorded it.
Status InsertStatusEvent(Statements& s, int64_t household_id, const StatusEvent& e);
Status InsertMeasure(Statements& s, int64_t household_id, const AssistanceMeasure& m,
                     std::optional<int64_t> case_id);
Status InsertCadre(Statements& s, int64_t household_id, const CadreAssignment& a);

class SqliteStore;

// The CaseStore of a SqliteStore (sqlite_case_store.cc); one per store, sharing its
// connection. Each mutating call is one BEGIN IMMEDIATE … COMMIT transaction.
std::unique_ptr<CaseStore> NewSqliteCaseStore(SqliteStore* store);
// The rectification ledger on the store's connection (sqlite_ledger_store.cc).
class SqliteLedgerStore final : public LedgerStore {
 public:
  explicit SqliteLedgerStore(SqliteStore* store) : store_(store) {}
  StatusOr<std::vector<std::pair<int64_t, bool>>> AddProblems(std::span<const Problem> problems,
                                                              std::string_view opened_note) override;
  StatusOr<std::optional<Problem>> FindProblem(int64_t id) override;
  StatusOr<std::vector<Problem>> ListProblems(const ProblemFilter& filter) override;
  StatusOr<std::vector<ProblemEvent>> ListProblemEvents(int64_t id) override;
  Status ApplyTransition(const ProblemTransition& transition) override;

 private:
  Status InTransaction(const std::function<Status()>& work);  // SqliteStore::InTransaction for the ledger
  StatusOr<std::pair<int64_t, bool>> AddOne(const Problem& problem, std::string_view opened_note,
                                            size_t index);

  SqliteStore* store_;
};

// The audit log on the store's connection (sqlite_audit_store.cc): the audit_log table of
// migration 10.
class SqliteAuditStore final : public AuditStore {
 public:
  explicit SqliteAuditStore(SqliteStore* store) : store_(store) {}
  StatusOr<AuditEntry> Append(AuditEntry entry, const AuditSealer& seal) override;
  StatusOr<std::vector<AuditEntry>> ReadFrom(int64_t first, int64_t limit) override;
  StatusOr<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) override;
  StatusOr<std::optional<int64_t>> FindSequenceOfHash(std::string_view hash) override;
  StatusOr<std::optional<AuditEntry>> LastEntry() override;

 private:
  StatusOr<std::vector<AuditEntry>> ReadAll(Stmt& stmt);
  Status Insert(const AuditEntry& entry);

  SqliteStore* store_;
};

class SqliteWriter final : public RegistryWriter {
 public:
  explicit SqliteWriter(SqliteStore* store) : store_(store) {}
  ~SqliteWriter() override;

  using RegistryWriter::Upsert;
  StatusOr<UpsertOutcome> Upsert(const Household& household, Household* previous) override;
  Status AddStatusEvent(const StatusEvent& event) override;
  Status AddAssistanceMeasure(const AssistanceMeasure& measure) override;
  Status AssignCadre(const CadreAssignment& assignment) override;
  StatusOr<bool> AddWarning(const Warning& warning) override;
  Status Commit() override;

 private:
  Status CheckOpen() const;
  StatusOr<std::optional<int64_t>> HouseholdId(std::string_view household_no);
  StatusOr<int64_t> RequireHouseholdId(std::string_view household_no);
  Status CheckMembersBelong(const Household& household, std::optional<int64_t> id);
  Status CheckVillage(const Household& household);
  StatusOr<std::optional<UpsertOutcome>> TryInsertNew(const Household& household);
  Status WriteHouseholdRow(const Household& household, std::optional<int64_t> id, int64_t* out_id);
  Status WriteMembersAndYears(const Household& household, int64_t id);

  SqliteStore* store_;
  bool done_ = false;
  std::unordered_set<uint64_t> known_villages_;  // villages already checked in this writer
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Db db) : db_(std::move(db)) {}

  Status Initialize(bool in_memory);

  int SchemaVersion() const override { return schema_version_; }
  Status UpsertRegions(std::span<const Region> regions) override;
  StatusOr<std::optional<Region>> FindRegion(RegionCode code) override;
  StatusOr<std::vector<Region>> ListRegions(RegionCode scope, RegionLevel level) override;
  StatusOr<std::vector<Region>> ListRegionsAllEditions(RegionCode scope) override;
  StatusOr<std::unique_ptr<RegistryWriter>> BeginWrite() override;
  StatusOr<std::optional<Household>> FindHousehold(const ReadScope& scope,
                                                   std::string_view household_no) override;
  StatusOr<std::optional<std::string>> FindHouseholdOfPerson(const ReadScope& scope,
                                                             const IdNumber& id_number) override;
  StatusOr<std::vector<PersonHit>> SearchPersonsByName(const ReadScope& scope,
                                                       const PersonNameSearch& search) override;
  StatusOr<std::vector<StatusEvent>> ListStatusEvents(const ReadScope& scope,
                                                      std::string_view household_no) override;
  StatusOr<std::vector<AssistanceMeasure>> ListAssistanceMeasures(const ReadScope& scope,
                                                                  std::string_view household_no) override;
  StatusOr<std::vector<CadreAssignment>> ListCadreAssignments(const ReadScope& scope,
                                                              std::string_view household_no) override;
  StatusOr<RegistryCounts> Counts(const ReadScope& scope) override;
  Status ScanHouseholds(RegionCode scope, const std::function<Status(const Household&)>& visit) override;
  StatusOr<std::vector<Warning>> ListWarnings(const ReadScope& scope, std::string_view household_no) override;
  StatusOr<int64_t> CountWarnings(const ReadScope& scope) override;
  // count(*) of `sql`, whose parameters ?1 and ?2 are the scope's range.
  StatusOr<int64_t> CountInScope(std::string_view sql, const ReadScope& scope);
  CaseStore& cases() override;
  LedgerStore& ledger() override { return ledger_; }
  CampaignStore& campaigns() override;
  AuditStore& audit() override { return audit_; }
  AccountStore& accounts() override;

  Db& db() { return db_; }
  bool writer_open() const { return writer_open_; }
  // The sub-stores' unit of work: runs `body` inside BEGIN IMMEDIATE … COMMIT and rolls back
  // when it fails, so a failed call leaves nothing half-written. Refused (FailedPrecondition,
  // naming `what`) while a RegistryWriter is open.
  Status InTransaction(std::string_view what_zh, std::string_view what_en,
                       const std::function<Status()>& body);
  StatusOr<Statements*> statements();
  void WriterClosed() { writer_open_ = false; }
  StatusOr<std::optional<Household>> LoadHousehold(int64_t id);

 private:
  Status Migrate();
  Status CheckIdentity();
  StatusOr<Region> ReadRegion(const Stmt& stmt);

  Db db_;
  int schema_version_ = 0;
  bool writer_open_ = false;
  std::unique_ptr<Statements> statements_;
  std::unique_ptr<CaseStore> cases_;
  SqliteLedgerStore ledger_{this};
  SqliteAuditStore audit_{this};
  std::unique_ptr<CampaignStore> campaigns_;
  std::unique_ptr<AccountStore> accounts_;
};

// The SQLite campaign store (sqlite_campaign_store.cc) over `store`'s connection.
std::unique_ptr<CampaignStore> NewSqliteCampaignStore(SqliteStore* store);
// The SQLite account store (sqlite_account_store.cc) over `store`'s connection.
std::unique_ptr<AccountStore> NewSqliteAccountStore(SqliteStore* store);

}  // namespace jz::sqlite_internal

#endif  // JZ_STORE_SQLITE_SQLITE_STORE_INTERNAL_H_
