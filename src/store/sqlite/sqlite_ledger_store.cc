// SQLite implementation of LedgerStore: the problem and problem_event tables of migration
// 5. Every mutating call is one BEGIN IMMEDIATE … COMMIT transaction, rolled back on any
// error, so a failed batch or transition leaves nothing half-written.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {
namespace {

constexpr std::string_view kProblemColumns =
    "id, region, household_no, source_kind, source_ref, source_item, category, description, lead_unit, "
    "responsible_unit, owner, measure, deadline, status, key, created_by, created_at";

StatusOr<Problem> DecodeProblem(const Stmt& stmt) {
  Problem p;
  p.id = stmt.Int(0);
  std::optional<RegionCode> region = RegionCode::FromValue(static_cast<uint64_t>(stmt.Int(1)));
  if (!region) return DataLossError(fmt::format("invalid region code {} in the database", stmt.Int(1)));
  p.region = *region;
  if (!stmt.IsNull(2)) p.household_no = stmt.Text(2);
  const int64_t source = stmt.Int(3), status = stmt.Int(13);
  if (source < 1 || source > 4 || status < 1 || status > 4) {
    return DataLossError(fmt::format("invalid source {} or status {} of problem {}", source, status, p.id));
  }
  p.source = static_cast<ProblemSource>(source);
  p.source_ref = stmt.Text(4);
  p.source_item = stmt.Text(5);
  const int64_t category = stmt.Int(6);
  if (!((category >= 1 && category <= 9) || category == 99)) {
    return DataLossError(fmt::format("invalid category {} of problem {}", category, p.id));
  }
  p.category = static_cast<ProblemCategory>(category);
  p.description = stmt.Text(7);
  p.lead_unit = stmt.Text(8);
  p.responsible_unit = stmt.Text(9);
  p.owner = stmt.Text(10);
  p.measure = stmt.Text(11);
  ASSIGN_OR_RETURN(p.deadline, ReadDate(stmt, 12));
  p.status = static_cast<ProblemStatus>(status);
  p.key = stmt.Text(14);
  p.created_by = stmt.Text(15);
  ASSIGN_OR_RETURN(p.created_at, ReadDate(stmt, 16));
  return p;
}

// The invariants of ledger_store.h, checked before SQLite's CHECKs so the message names
// the field.
Status CheckProblem(const Problem& p, size_t index) {
  const std::pair<const std::string*, std::string_view> required[] = {
      {&p.description, "description"},
      {&p.responsible_unit, "responsible_unit"},
      {&p.owner, "owner"},
      {&p.source_ref, "source_ref"},
      {&p.key, "key"},
      {&p.created_by, "created_by"}};
  for (const auto& [value, field] : required) {
    if (value->empty()) {
      return InvalidArgumentError(
          Bilingual("第 {} 个问题的 {} 为空", "problem {}: {} is empty", index + 1, field));
    }
  }
  if (p.region.value() == 0) {
    return InvalidArgumentError(
        Bilingual("第 {} 个问题没有区划代码", "problem {}: no region code", index + 1));
  }
  return OkStatus();
}

Status BindEvent(Stmt& stmt, const ProblemEvent& e) {
  stmt.Bind(1, e.problem_id);
  stmt.Bind(2, static_cast<int64_t>(e.kind));
  stmt.Bind(3, e.actor);
  stmt.Bind(4, e.date.ToString());
  stmt.Bind(5, e.evidence);
  stmt.Bind(6, e.note);
  return stmt.Run();
}

constexpr std::string_view kInsertEvent =
    "INSERT INTO problem_event (county, problem_id, kind, actor, event_date, evidence, note) "
    "SELECT county, id, ?2, ?3, ?4, ?5, ?6 FROM problem WHERE id = ?1";

}  // namespace

Status SqliteLedgerStore::InTransaction(const std::function<Status()>& work) {
  return store_->InTransaction("整改台账", "the ledger", work);
}

StatusOr<std::pair<int64_t, bool>> SqliteLedgerStore::AddOne(const Problem& p, std::string_view opened_note,
                                                             size_t index) {
  RETURN_IF_ERROR(CheckProblem(p, index));
  Db& db = store_->db();
  ASSIGN_OR_RETURN(Stmt find, db.Prepare("SELECT id FROM problem WHERE key = ?1"));
  find.Bind(1, p.key);
  ASSIGN_OR_RETURN(bool exists, find.Step());
  if (exists) return std::pair<int64_t, bool>(find.Int(0), false);
  ASSIGN_OR_RETURN(
      Stmt insert,
      db.Prepare("INSERT INTO problem (county, region, household_no, source_kind, source_ref, "
                 "source_item, category, description, lead_unit, responsible_unit, owner, measure, "
                 "deadline, status, key, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                 "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
  insert.Bind(1, int64_t{p.County()});
  insert.Bind(2, static_cast<int64_t>(p.region.value()));
  if (p.household_no.empty()) {
    insert.BindNull(3);
  } else {
    insert.Bind(3, p.household_no);
  }
  insert.Bind(4, CodeOf(p.source));
  insert.Bind(5, p.source_ref);
  insert.Bind(6, p.source_item);
  insert.Bind(7, CodeOf(p.category));
  insert.Bind(8, p.description);
  insert.Bind(9, p.lead_unit);
  insert.Bind(10, p.responsible_unit);
  insert.Bind(11, p.owner);
  insert.Bind(12, p.measure);
  insert.Bind(13, p.deadline.ToString());
  insert.Bind(14, CodeOf(ProblemStatus::kOpen));
  insert.Bind(15, p.key);
  insert.Bind(16, p.created_by);
  insert.Bind(17, p.created_at.ToString());
  RETURN_IF_ERROR(insert.Run());
  const int64_t id = sqlite3_last_insert_rowid(db.raw());
  ASSIGN_OR_RETURN(Stmt event, db.Prepare(kInsertEvent));
  RETURN_IF_ERROR(BindEvent(event, ProblemEvent{0, id, ProblemEventKind::kOpened, p.created_by, p.created_at,
                                                "", std::string(opened_note)}));
  return std::pair<int64_t, bool>(id, true);
}

StatusOr<std::vector<std::pair<int64_t, bool>>> SqliteLedgerStore::AddProblems(
    std::span<const Problem> problems, std::string_view opened_note) {
  std::vector<std::pair<int64_t, bool>> out;
  RETURN_IF_ERROR(InTransaction([&]() -> Status {
    for (size_t i = 0; i < problems.size(); ++i) {
      ASSIGN_OR_RETURN(auto added, AddOne(problems[i], opened_note, i));
      out.push_back(added);
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<std::optional<Problem>> SqliteLedgerStore::FindProblem(int64_t id) {
  ASSIGN_OR_RETURN(
      Stmt stmt, store_->db().Prepare(fmt::format("SELECT {} FROM problem WHERE id = ?1", kProblemColumns)));
  stmt.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Problem>();
  ASSIGN_OR_RETURN(Problem p, DecodeProblem(stmt));
  return std::optional<Problem>(std::move(p));
}

StatusOr<std::vector<Problem>> SqliteLedgerStore::ListProblems(const ProblemFilter& filter) {
  // Unset filters bind NULL and match everything.
  ASSIGN_OR_RETURN(Stmt stmt,
                   store_->db().Prepare(fmt::format(
                       "SELECT {} FROM problem WHERE (?1 IS NULL OR (region >= ?1 AND region < ?2)) "
                       "AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR source_kind = ?4) "
                       "AND (?5 IS NULL OR source_ref = ?5) ORDER BY id",
                       kProblemColumns)));
  if (filter.scope) {
    const auto [low, high] = CodeRange(*filter.scope);
    stmt.Bind(1, static_cast<int64_t>(low));
    stmt.Bind(2, static_cast<int64_t>(high));
  }
  stmt.Bind(3, CodeOf(filter.status));
  stmt.Bind(4, CodeOf(filter.source));
  stmt.Bind(5, filter.source_ref);
  std::vector<Problem> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Problem p, DecodeProblem(stmt));
    out.push_back(std::move(p));
  }
  return out;
}

StatusOr<std::vector<ProblemEvent>> SqliteLedgerStore::ListProblemEvents(int64_t id) {
  ASSIGN_OR_RETURN(Stmt stmt,
                   store_->db().Prepare("SELECT id, kind, actor, event_date, evidence, note FROM "
                                        "problem_event WHERE problem_id = ?1 ORDER BY event_date, id"));
  stmt.Bind(1, id);
  std::vector<ProblemEvent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ProblemEvent e;
    e.id = stmt.Int(0);
    e.problem_id = id;
    const int64_t kind = stmt.Int(1);
    if (kind < 1 || kind > 7) return DataLossError(fmt::format("invalid problem event kind {}", kind));
    e.kind = static_cast<ProblemEventKind>(kind);
    e.actor = stmt.Text(2);
    ASSIGN_OR_RETURN(e.date, ReadDate(stmt, 3));
    e.evidence = stmt.Text(4);
    e.note = stmt.Text(5);
    out.push_back(std::move(e));
  }
  return out;
}

Status SqliteLedgerStore::ApplyTransition(const ProblemTransition& t) {
  if (t.event.actor.empty()) {
    return InvalidArgumentError(Bilingual("操作人为空", "the actor is empty"));
  }
  return InTransaction([&]() -> Status {
    Db& db = store_->db();
    ASSIGN_OR_RETURN(Stmt update, db.Prepare("UPDATE problem SET status = ?2, owner = coalesce(?3, owner) "
                                             "WHERE id = ?1 AND status = ?4"));
    update.Bind(1, t.event.problem_id);
    update.Bind(2, CodeOf(t.new_status));
    update.Bind(3, t.new_owner);
    update.Bind(4, CodeOf(t.expected_status));
    RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) {
      ASSIGN_OR_RETURN(std::optional<Problem> now, FindProblem(t.event.problem_id));
      if (!now) {
        return NotFoundError(Bilingual("问题 {} 不存在", "problem {} does not exist", t.event.problem_id));
      }
      return AbortedError(Bilingual("问题 {} 的状态已被他人改变，请重新查看后再操作",
                                    "problem {} was changed by someone else; look at it again",
                                    t.event.problem_id));
    }
    ASSIGN_OR_RETURN(Stmt event, db.Prepare(kInsertEvent));
    return BindEvent(event, t.event);
  });
}

}  // namespace jz::sqlite_internal
