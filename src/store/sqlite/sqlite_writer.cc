// SqliteWriter: the unit of work of the SQLite store. Every write runs inside the
// transaction begun by SqliteStore::BeginWrite(); Commit() ends it, destruction without
// Commit() rolls it back.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {

SqliteWriter::~SqliteWriter() {
  if (!done_) {
    (void)store_->db().Exec("ROLLBACK");
    store_->WriterClosed();
  }
}

Status SqliteWriter::CheckOpen() const {
  if (done_) return FailedPreconditionError("writer already committed");
  return OkStatus();
}

StatusOr<std::optional<int64_t>> SqliteWriter::HouseholdId(std::string_view household_no) {
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  s->find_household_id.Bind(1, household_no);
  StatusOr<bool> row = s->find_household_id.Step();
  std::optional<int64_t> id;
  if (row.ok() && *row) id = s->find_household_id.Int(0);
  s->find_household_id.Reset();
  if (!row.ok()) return row.status();
  return id;
}

StatusOr<int64_t> SqliteWriter::RequireHouseholdId(std::string_view household_no) {
  ASSIGN_OR_RETURN(std::optional<int64_t> id, HouseholdId(household_no));
  if (!id) {
    return NotFoundError(Bilingual("户编号 {} 不存在", "household {} does not exist", household_no));
  }
  return *id;
}

Status SqliteWriter::CheckMembersBelong(const Household& household, std::optional<int64_t> id) {
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  for (const Person& person : household.members) {
    s->find_person_household.Bind(1, static_cast<int64_t>(person.id_number.Packed()));
    StatusOr<bool> row = s->find_person_household.Step();
    std::optional<int64_t> owner;
    std::string owner_no;
    if (row.ok() && *row) {
      owner = s->find_person_household.Int(0);
      owner_no = s->find_person_household.Text(1);
    }
    s->find_person_household.Reset();
    if (!row.ok()) return row.status();
    if (owner && owner != id) {
      const std::string masked = person.id_number.Masked();
      return AlreadyExistsError(
          Bilingual(fmt::format("户编号 {} 的成员（证件号码 {}）已登记在户编号 {} 中，未移动",
                                household.household_no, masked, owner_no),
                    fmt::format("member {} of household {} is already registered in household {}; not moved",
                                masked, household.household_no, owner_no)));
    }
  }
  return OkStatus();
}

Status SqliteWriter::WriteHouseholdRow(const Household& h, std::optional<int64_t> id, int64_t* out_id) {
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  Stmt& stmt = id ? s->update_household : s->insert_household;
  stmt.Bind(1, int64_t{h.County6()});
  if (!id) stmt.BindStatic(2, h.household_no);
  stmt.Bind(3, static_cast<int64_t>(h.village.value()));
  stmt.BindStatic(4, h.natural_village);
  stmt.Bind(5, CodeOf(h.type));
  stmt.Bind(6, CodeOf(h.attribute));
  stmt.Bind(7, CodeOf(h.main_cause));
  stmt.Bind(8, JoinCauses(h.other_causes));
  stmt.Bind(9, CodeOf(h.monitoring_type));
  stmt.BindStatic(10, h.phone);
  stmt.Bind(11, DateText(h.first_identified));
  stmt.BindStatic(12, h.cadre_name);
  stmt.Bind(14, h.declared_size ? std::optional<int64_t>(*h.declared_size) : std::nullopt);
  stmt.Bind(15, DateText(h.risk_identified));
  stmt.Bind(16, DateText(h.risk_eliminated));
  if (id) stmt.Bind(13, *id);
  RETURN_IF_ERROR(stmt.Run());
  *out_id = id ? *id : sqlite3_last_insert_rowid(store_->db().raw());
  return OkStatus();
}

Status SqliteWriter::WriteMembersAndYears(const Household& h, int64_t id) {
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  const int64_t county = h.County6();
  int64_t seq = 0;
  for (const Person& p : h.members) {
    Stmt& st = s->insert_person;
    st.Bind(1, county);
    st.Bind(2, id);
    st.Bind(3, seq++);
    st.BindStatic(4, p.person_no);
    st.Bind(5, static_cast<int64_t>(p.id_number.Packed()));
    st.BindStatic(6, p.name);
    st.Bind(7, CodeOf(p.sex));
    st.Bind(8, p.birth_date.ToString());
    st.Bind(9, CodeOf(p.relationship));
    st.Bind(10, CodeOf(p.ethnicity));
    st.Bind(11, CodeOf(p.education));
    st.Bind(12, CodeOf(p.school_status));
    st.Bind(13, CodeOf(p.health));
    st.Bind(14, CodeOf(p.labour_skill));
    st.Bind(15, CodeOf(p.work_status));
    st.Bind(16, CodeOf(p.work_months));
    st.Bind(17, CodeOf(p.medical_insured));
    st.Bind(18, CodeOf(p.critical_illness_insured));
    st.Bind(19, CodeOf(p.receives_dibao));
    st.Bind(20, CodeOf(p.receives_tekun));
    st.BindStatic(21, p.phone);
    RETURN_IF_ERROR(st.Run());
  }
  for (const HouseholdYear& y : h.years) {
    Stmt& st = s->insert_year;
    st.Bind(1, county);
    st.Bind(2, id);
    st.Bind(3, int64_t{y.data_year});
    st.Bind(4, y.wage_income.fen());
    st.Bind(5, y.business_income.fen());
    st.Bind(6, y.property_income.fen());
    st.Bind(7, y.transfer_income.fen());
    st.Bind(8, y.business_expense.fen());
    st.Bind(9, CodeOf(y.food_secure));
    st.Bind(10, CodeOf(y.clothing_secure));
    st.Bind(11, CodeOf(y.compulsory_education_secured));
    st.Bind(12, CodeOf(y.basic_medical_secured));
    st.Bind(13, CodeOf(y.housing_secure));
    st.Bind(14, CodeOf(y.safe_drinking_water));
    st.Bind(15, CodeOf(y.housing_grade));
    st.Bind(16, y.declared_net_income_per_capita
                    ? std::optional<int64_t>(y.declared_net_income_per_capita->fen())
                    : std::nullopt);
    st.Bind(17, int64_t{y.income_components_known});
    RETURN_IF_ERROR(st.Run());
  }
  return OkStatus();
}

Status SqliteWriter::CheckVillage(const Household& household) {
  if (known_villages_.contains(household.village.value())) return OkStatus();
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  s->find_region_exists.Bind(1, static_cast<int64_t>(household.village.value()));
  StatusOr<bool> known = s->find_region_exists.Step();
  s->find_region_exists.Reset();
  if (!known.ok()) return known.status();
  if (!*known) {
    const std::string code = household.village.ToString();
    return InvalidArgumentError(
        Bilingual("户编号 {} 的行政区划代码 {} 不在已加载的区划中（请先运行 jingzhun regions load）",
                  "household {}: region code {} is not a loaded region (run jingzhun regions load)",
                  household.household_no, code));
  }
  known_villages_.insert(household.village.value());
  return OkStatus();
}

// A household is first inserted as new, without looking it or its members up: the UNIQUE
// index on household_no sends an existing household to the update path, and the one on
// person.id_number finds a member who belongs elsewhere, after which this household's rows
// are removed again and the ownership check builds the message naming the other household.
// Fresh imports (the common, large case) thus cost no lookups at all.
StatusOr<std::optional<UpsertOutcome>> SqliteWriter::TryInsertNew(const Household& household) {
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  int64_t row_id = 0;
  Status inserted = WriteHouseholdRow(household, std::nullopt, &row_id);
  if (inserted.code() == StatusCode::kAlreadyExists) return std::optional<UpsertOutcome>();  // exists
  RETURN_IF_ERROR(inserted);
  Status written = WriteMembersAndYears(household, row_id);
  if (written.ok()) return std::optional<UpsertOutcome>(UpsertOutcome::kInserted);
  s->delete_persons.Bind(1, row_id);
  RETURN_IF_ERROR(s->delete_persons.Run());
  s->delete_years.Bind(1, row_id);
  RETURN_IF_ERROR(s->delete_years.Run());
  s->delete_household.Bind(1, row_id);
  RETURN_IF_ERROR(s->delete_household.Run());
  if (written.code() == StatusCode::kAlreadyExists)
    RETURN_IF_ERROR(CheckMembersBelong(household, std::nullopt));
  return written;  // a duplicate ID inside `household` itself, or a storage error
}

StatusOr<UpsertOutcome> SqliteWriter::Upsert(const Household& household, Household* previous) {
  RETURN_IF_ERROR(CheckOpen());
  RETURN_IF_ERROR(CheckVillage(household));
  ASSIGN_OR_RETURN(std::optional<UpsertOutcome> fresh, TryInsertNew(household));
  if (fresh) return *fresh;
  ASSIGN_OR_RETURN(int64_t id, RequireHouseholdId(household.household_no));
  RETURN_IF_ERROR(CheckMembersBelong(household, id));
  ASSIGN_OR_RETURN(std::optional<Household> stored, store_->LoadHousehold(id));
  if (stored && *stored == household) return UpsertOutcome::kUnchanged;
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  s->delete_persons.Bind(1, id);
  RETURN_IF_ERROR(s->delete_persons.Run());
  s->delete_years.Bind(1, id);
  RETURN_IF_ERROR(s->delete_years.Run());
  int64_t row_id = 0;
  RETURN_IF_ERROR(WriteHouseholdRow(household, id, &row_id));
  RETURN_IF_ERROR(WriteMembersAndYears(household, row_id));
  if (previous != nullptr && stored) *previous = std::move(*stored);
  return UpsertOutcome::kUpdated;
}

Status InsertStatusEvent(Statements& s, int64_t household_id, const StatusEvent& e) {
  Stmt& st = s.insert_event;
  st.Bind(1, household_id);
  st.Bind(2, static_cast<int64_t>(e.kind));
  st.Bind(3, e.date.ToString());
  st.Bind(4, CodeOf(e.monitoring_type));
  st.Bind(5, CodeOf(e.elimination_method));
  st.Bind(6, e.note);
  return st.Run();
}

Status InsertMeasure(Statements& s, int64_t household_id, const AssistanceMeasure& m,
                     std::optional<int64_t> case_id) {
  Stmt& st = s.insert_measure;
  st.Bind(1, household_id);
  st.Bind(2, CodeOf(m.kind));
  st.Bind(3, m.start.ToString());
  st.Bind(4, DateText(m.end));
  st.Bind(5, m.content);
  st.Bind(6, m.funds.fen());
  st.Bind(7, case_id);
  return st.Run();
}

Status InsertCadre(Statements& s, int64_t household_id, const CadreAssignment& a) {
  Stmt& st = s.insert_cadre;
  st.Bind(1, household_id);
  st.Bind(2, a.cadre_name);
  st.Bind(3, a.unit);
  st.Bind(4, a.position);
  st.Bind(5, a.phone);
  st.Bind(6, a.start.ToString());
  st.Bind(7, DateText(a.end));
  return st.Run();
}

Status SqliteWriter::AddStatusEvent(const StatusEvent& e) {
  RETURN_IF_ERROR(CheckOpen());
  ASSIGN_OR_RETURN(int64_t id, RequireHouseholdId(e.household_no));
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  return InsertStatusEvent(*s, id, e);
}

Status SqliteWriter::AddAssistanceMeasure(const AssistanceMeasure& m) {
  RETURN_IF_ERROR(CheckOpen());
  ASSIGN_OR_RETURN(int64_t id, RequireHouseholdId(m.household_no));
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  return InsertMeasure(*s, id, m, std::nullopt);
}

Status SqliteWriter::AssignCadre(const CadreAssignment& a) {
  RETURN_IF_ERROR(CheckOpen());
  ASSIGN_OR_RETURN(int64_t id, RequireHouseholdId(a.household_no));
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  return InsertCadre(*s, id, a);
}

StatusOr<bool> SqliteWriter::AddWarning(const Warning& w) {
  RETURN_IF_ERROR(CheckOpen());
  ASSIGN_OR_RETURN(int64_t id, RequireHouseholdId(w.household_no));
  ASSIGN_OR_RETURN(Statements * s, store_->statements());
  Stmt& st = s->insert_warning;
  st.Bind(1, id);
  st.Bind(2, w.rule_id);
  st.Bind(3, w.period);
  st.Bind(4, w.person_no);
  st.Bind(5, w.policy_version);
  st.Bind(6, w.as_of.ToString());
  st.Bind(7, w.evidence);
  st.Bind(8, static_cast<int64_t>(w.kind));
  RETURN_IF_ERROR(st.Run());
  return store_->db().Changes() > 0;
}

Status SqliteWriter::Commit() {
  RETURN_IF_ERROR(CheckOpen());
  RETURN_IF_ERROR(store_->db().Exec("COMMIT"));
  done_ = true;
  store_->WriterClosed();
  return OkStatus();
}

}  // namespace jz::sqlite_internal
