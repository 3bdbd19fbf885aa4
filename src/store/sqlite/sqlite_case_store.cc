// SQLite implementation of CaseStore: monitoring cases, their append-only events, income
// checks, visits and cadre assignments. Every mutating call is one BEGIN IMMEDIATE …
// COMMIT transaction, rolled back on any error, and is refused while a RegistryWriter is
// open (its transaction holds the connection).
#include <fmt/format.h>

#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {
namespace {

template <typename E>
std::string JoinCodes(const std::vector<E>& values) {
  std::string out;
  for (E v : values) {
    if (!out.empty()) out += ',';
    out += std::to_string(CodeOf(v));
  }
  return out;
}

StatusOr<std::vector<RiskCategory>> SplitRisks(std::string_view text) {
  std::vector<RiskCategory> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    std::optional<RiskCategory> risk =
        FromCode<RiskCategory>(std::atoi(std::string(text.substr(0, comma)).c_str()));
    if (!risk) return DataLossError(fmt::format("invalid risk category list '{}' in the database", text));
    out.push_back(*risk);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

Status HouseholdNotFound(std::string_view household_no) {
  return NotFoundError(Bilingual("户编号 {} 不存在", "household {} does not exist", household_no));
}

constexpr std::string_view kCaseColumns =
    "c.id, h.household_no, h.village, c.source, c.warning_id, c.lead_date, c.state, c.monitoring_type, "
    "c.risks, "
    "c.verified_date, c.identified_date, c.proposed_date, c.method, c.closed_date, c.opened_by, c.evidence";

StatusOr<MonitoringCase> DecodeCase(const Stmt& s) {
  MonitoringCase c;
  c.id = s.Int(0);
  c.household_no = s.Text(1);
  std::optional<RegionCode> village = RegionCode::FromValue(static_cast<uint64_t>(s.Int(2)));
  if (!village) return DataLossError(fmt::format("invalid village code {} in the database", s.Int(2)));
  c.village = *village;
  ASSIGN_OR_RETURN(c.source, ReadCode<CaseSource>(s, 3));
  if (!s.IsNull(4)) c.warning_id = s.Int(4);
  ASSIGN_OR_RETURN(c.lead_date, ReadDate(s, 5));
  ASSIGN_OR_RETURN(c.state, ReadCode<CaseState>(s, 6));
  ASSIGN_OR_RETURN(c.monitoring_type, ReadOptionalCode<MonitoringType>(s, 7));
  ASSIGN_OR_RETURN(c.risks, SplitRisks(s.Text(8)));
  ASSIGN_OR_RETURN(c.verified_date, ReadOptionalDate(s, 9));
  ASSIGN_OR_RETURN(c.identified_date, ReadOptionalDate(s, 10));
  ASSIGN_OR_RETURN(c.proposed_date, ReadOptionalDate(s, 11));
  ASSIGN_OR_RETURN(c.method, ReadOptionalCode<RiskEliminationMethod>(s, 12));
  ASSIGN_OR_RETURN(c.closed_date, ReadOptionalDate(s, 13));
  c.opened_by = s.Text(14);
  c.evidence = s.Text(15);
  return c;
}

class SqliteCaseStore final : public CaseStore {
 public:
  explicit SqliteCaseStore(SqliteStore* store) : store_(store) {}

  StatusOr<int64_t> OpenCase(const MonitoringCase& c, const CaseEvent& first) override {
    int64_t id = 0;
    Status status = InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(int64_t household_id, RequireHousehold(c.household_no));
      ASSIGN_OR_RETURN(Stmt open, db().Prepare("SELECT id FROM monitoring_case WHERE household_id = ?1 "
                                               "AND state NOT IN (3, 7) LIMIT 1"));
      open.Bind(1, household_id);
      ASSIGN_OR_RETURN(bool has_open, open.Step());
      if (has_open) {
        return AlreadyExistsError(Bilingual("户编号 {} 已有未结案的监测案件 {}",
                                            "household {} already has open case {}", c.household_no,
                                            open.Int(0)));
      }
      ASSIGN_OR_RETURN(
          Stmt insert,
          db().Prepare(
              "INSERT INTO monitoring_case (county, household_id, source, warning_id, lead_date, state, "
              "monitoring_type, risks, verified_date, identified_date, proposed_date, method, closed_date, "
              "opened_by, "
              "evidence) SELECT county, id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14 "
              "FROM household WHERE id = ?1"));
      insert.Bind(1, household_id);
      insert.Bind(2, CodeOf(c.source));
      insert.Bind(3, c.warning_id);
      BindCaseFields(insert, c, 4);
      RETURN_IF_ERROR(insert.Run());
      id = sqlite3_last_insert_rowid(db().raw());
      CaseEvent event = first;
      event.case_id = id;
      return InsertEvent(event);
    });
    if (!status.ok()) return status;
    return id;
  }

  Status ApplyTransition(const CaseTransition& t) override {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(std::optional<MonitoringCase> stored, FindCase(t.updated.id));
      if (!stored) return CaseNotFound(t.updated.id);
      if (stored->state != t.expected_state) {
        return AbortedError(Bilingual("案件 {} 的状态已被他人改变，请重新查看后再操作",
                                      "case {} changed state meanwhile; look at it again and retry",
                                      t.updated.id));
      }
      ASSIGN_OR_RETURN(
          Stmt update,
          db().Prepare(
              "UPDATE monitoring_case SET lead_date = ?4, state = ?5, monitoring_type = ?6, risks = ?7, "
              "verified_date = ?8, identified_date = ?9, proposed_date = ?10, method = ?11, closed_date = "
              "?12, "
              "opened_by = ?13, evidence = ?14 WHERE id = ?1"));
      update.Bind(1, t.updated.id);
      BindCaseFields(update, t.updated, 4);
      RETURN_IF_ERROR(update.Run());
      CaseEvent event = t.event;
      event.case_id = t.updated.id;
      RETURN_IF_ERROR(InsertEvent(event));
      ASSIGN_OR_RETURN(int64_t household_id, RequireHousehold(stored->household_no));
      if (t.household) RETURN_IF_ERROR(UpdateHousehold(household_id, *t.household));
      if (t.status_event || t.measure) {
        ASSIGN_OR_RETURN(Statements * statements, store_->statements());
        if (t.status_event) RETURN_IF_ERROR(InsertStatusEvent(*statements, household_id, *t.status_event));
        if (t.measure) RETURN_IF_ERROR(InsertMeasure(*statements, household_id, *t.measure, t.updated.id));
      }
      return OkStatus();
    });
  }

  StatusOr<std::optional<MonitoringCase>> FindCase(int64_t id) override {
    ASSIGN_OR_RETURN(
        Stmt stmt,
        db().Prepare(fmt::format(
            "SELECT {} FROM monitoring_case c JOIN household h ON h.id = c.household_id WHERE c.id = ?1",
            kCaseColumns)));
    stmt.Bind(1, id);
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return std::optional<MonitoringCase>();
    ASSIGN_OR_RETURN(MonitoringCase c, DecodeCase(stmt));
    return std::optional<MonitoringCase>(std::move(c));
  }

  StatusOr<std::vector<MonitoringCase>> ListCases(const CaseFilter& filter) override {
    std::string sql = fmt::format(
        "SELECT {} FROM monitoring_case c JOIN household h ON h.id = c.household_id "
        "WHERE h.village >= ?1 AND h.village < ?2",
        kCaseColumns);
    if (filter.state) sql += " AND c.state = ?3";
    if (filter.household_no) sql += " AND h.household_no = ?4";
    sql += " ORDER BY c.id";
    ASSIGN_OR_RETURN(Stmt stmt, db().Prepare(sql));
    uint64_t low = 0, high = UINT64_C(1000000000000);
    if (filter.scope) std::tie(low, high) = CodeRange(*filter.scope);
    stmt.Bind(1, static_cast<int64_t>(low));
    stmt.Bind(2, static_cast<int64_t>(high));
    if (filter.state) stmt.Bind(3, CodeOf(*filter.state));
    if (filter.household_no) stmt.Bind(4, *filter.household_no);
    std::vector<MonitoringCase> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      ASSIGN_OR_RETURN(MonitoringCase c, DecodeCase(stmt));
      out.push_back(std::move(c));
    }
    return out;
  }

  StatusOr<std::vector<CaseEvent>> ListCaseEvents(int64_t case_id) override {
    ASSIGN_OR_RETURN(Stmt stmt, db().Prepare("SELECT seq, action, from_state, to_state, actor, event_date, "
                                             "recorded_at, evidence, appraisal_date, "
                                             "notice_start, notice_end, approval_date, reason, payload FROM "
                                             "case_event WHERE case_id = ?1 ORDER BY seq"));
    stmt.Bind(1, case_id);
    std::vector<CaseEvent> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CaseEvent e;
      e.case_id = case_id;
      e.seq = static_cast<int>(stmt.Int(0));
      ASSIGN_OR_RETURN(e.action, ReadCode<CaseAction>(stmt, 1));
      if (!stmt.IsNull(2)) {
        ASSIGN_OR_RETURN(CaseState from, ReadCode<CaseState>(stmt, 2));
        e.from_state = from;
      }
      ASSIGN_OR_RETURN(e.to_state, ReadCode<CaseState>(stmt, 3));
      e.actor = stmt.Text(4);
      ASSIGN_OR_RETURN(e.event_date, ReadDate(stmt, 5));
      e.recorded_at = stmt.Text(6);
      e.evidence = stmt.Text(7);
      ASSIGN_OR_RETURN(e.appraisal_date, ReadOptionalDate(stmt, 8));
      ASSIGN_OR_RETURN(e.notice_start, ReadOptionalDate(stmt, 9));
      ASSIGN_OR_RETURN(e.notice_end, ReadOptionalDate(stmt, 10));
      ASSIGN_OR_RETURN(e.approval_date, ReadOptionalDate(stmt, 11));
      e.reason = stmt.Text(12);
      e.payload = stmt.Text(13);
      out.push_back(std::move(e));
    }
    return out;
  }

  StatusOr<std::vector<AssistanceMeasure>> ListCaseMeasures(int64_t case_id) override {
    ASSIGN_OR_RETURN(
        Stmt stmt,
        db().Prepare(
            "SELECT h.household_no, m.kind, m.start_date, m.end_date, m.content, m.funds_fen FROM "
            "assistance_measure m "
            "JOIN household h ON h.id = m.household_id WHERE m.case_id = ?1 ORDER BY m.start_date, m.id"));
    stmt.Bind(1, case_id);
    std::vector<AssistanceMeasure> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      AssistanceMeasure m;
      m.household_no = stmt.Text(0);
      ASSIGN_OR_RETURN(m.kind, ReadCode<AssistanceKind>(stmt, 1));
      ASSIGN_OR_RETURN(m.start, ReadDate(stmt, 2));
      ASSIGN_OR_RETURN(m.end, ReadOptionalDate(stmt, 3));
      m.content = stmt.Text(4);
      m.funds = Money::FromFen(stmt.Int(5));
      out.push_back(std::move(m));
    }
    return out;
  }

  Status AddIncomeCheck(const IncomeCheck& check) override {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(int64_t household_id, RequireHousehold(check.household_no));
      ASSIGN_OR_RETURN(Stmt stmt,
                       db().Prepare("INSERT INTO income_check (county, household_id, check_date, "
                                    "net_income_per_capita_fen, actor, source) "
                                    "SELECT county, id, ?2, ?3, ?4, ?5 FROM household WHERE id = ?1"));
      stmt.Bind(1, household_id);
      stmt.Bind(2, check.check_date.ToString());
      stmt.Bind(3, check.net_income_per_capita.fen());
      stmt.Bind(4, check.actor);
      stmt.Bind(5, check.source);
      return stmt.Run();
    });
  }

  StatusOr<std::vector<IncomeCheck>> ListIncomeChecks(std::string_view household_no) override {
    ASSIGN_OR_RETURN(
        Stmt stmt,
        db().Prepare(
            "SELECT i.check_date, i.net_income_per_capita_fen, i.actor, i.source FROM income_check i "
            "JOIN household h ON h.id = i.household_id WHERE h.household_no = ?1 ORDER BY i.check_date, "
            "i.id"));
    stmt.Bind(1, household_no);
    std::vector<IncomeCheck> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      IncomeCheck c;
      c.household_no = std::string(household_no);
      ASSIGN_OR_RETURN(c.check_date, ReadDate(stmt, 0));
      c.net_income_per_capita = Money::FromFen(stmt.Int(1));
      c.actor = stmt.Text(2);
      c.source = stmt.Text(3);
      out.push_back(std::move(c));
    }
    return out;
  }

  Status AddVisit(const Visit& v) override {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(int64_t household_id, RequireHousehold(v.household_no));
      ASSIGN_OR_RETURN(Stmt stmt, db().Prepare("INSERT INTO visit (county, household_id, cadre_name, "
                                               "visit_date, mode, notes, lat_microdeg, lon_microdeg, "
                                               "photo_ref, actor) SELECT county, id, ?2, ?3, ?4, ?5, ?6, ?7, "
                                               "?8, ?9 FROM household WHERE id = ?1"));
      stmt.Bind(1, household_id);
      stmt.Bind(2, v.cadre_name);
      stmt.Bind(3, v.visit_date.ToString());
      stmt.Bind(4, CodeOf(v.mode));
      stmt.Bind(5, v.notes);
      stmt.Bind(6, v.lat_microdeg);
      stmt.Bind(7, v.lon_microdeg);
      stmt.Bind(8, v.photo_ref);
      stmt.Bind(9, v.actor);
      return stmt.Run();
    });
  }

  StatusOr<std::vector<Visit>> ListVisits(std::string_view household_no) override {
    ASSIGN_OR_RETURN(
        Stmt stmt,
        db().Prepare("SELECT v.cadre_name, v.visit_date, v.mode, v.notes, v.lat_microdeg, v.lon_microdeg, "
                     "v.photo_ref, v.actor "
                     "FROM visit v JOIN household h ON h.id = v.household_id WHERE h.household_no = ?1 "
                     "ORDER BY v.visit_date, v.id"));
    stmt.Bind(1, household_no);
    std::vector<Visit> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      Visit v;
      v.household_no = std::string(household_no);
      v.cadre_name = stmt.Text(0);
      ASSIGN_OR_RETURN(v.visit_date, ReadDate(stmt, 1));
      ASSIGN_OR_RETURN(v.mode, ReadCode<VisitMode>(stmt, 2));
      v.notes = stmt.Text(3);
      if (!stmt.IsNull(4)) v.lat_microdeg = stmt.Int(4);
      if (!stmt.IsNull(5)) v.lon_microdeg = stmt.Int(5);
      v.photo_ref = stmt.Text(6);
      v.actor = stmt.Text(7);
      out.push_back(std::move(v));
    }
    return out;
  }

  StatusOr<std::map<std::string, Date>> LastVisitDates(RegionCode scope) override {
    const auto [low, high] = CodeRange(scope);
    ASSIGN_OR_RETURN(
        Stmt stmt,
        db().Prepare(
            "SELECT h.household_no, max(v.visit_date) FROM visit v JOIN household h ON h.id = v.household_id "
            "WHERE h.village >= ?1 AND h.village < ?2 GROUP BY h.household_no"));
    stmt.Bind(1, static_cast<int64_t>(low));
    stmt.Bind(2, static_cast<int64_t>(high));
    std::map<std::string, Date> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      ASSIGN_OR_RETURN(Date date, ReadDate(stmt, 1));
      out.emplace(stmt.Text(0), date);
    }
    return out;
  }

  Status AssignCadre(const CadreAssignment& a) override {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(int64_t household_id, RequireHousehold(a.household_no));
      ASSIGN_OR_RETURN(Statements * statements, store_->statements());
      return InsertCadre(*statements, household_id, a);
    });
  }

  StatusOr<std::vector<PeriodWarning>> ListWarningsOfPeriod(RegionCode scope,
                                                            std::string_view period) override {
    const auto [low, high] = CodeRange(scope);
    ASSIGN_OR_RETURN(Stmt stmt, db().Prepare("SELECT w.id, h.household_no, w.rule_id, w.as_of, w.kind FROM "
                                             "warning w JOIN household h ON h.id = w.household_id "
                                             "WHERE w.period = ?1 AND h.village >= ?2 AND h.village < ?3 "
                                             "ORDER BY h.household_no, w.rule_id, w.id"));
    stmt.Bind(1, period);
    stmt.Bind(2, static_cast<int64_t>(low));
    stmt.Bind(3, static_cast<int64_t>(high));
    std::vector<PeriodWarning> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      PeriodWarning w;
      w.id = stmt.Int(0);
      w.household_no = stmt.Text(1);
      w.rule_id = stmt.Text(2);
      ASSIGN_OR_RETURN(w.as_of, ReadDate(stmt, 3));
      w.kind = WarningKindFromStored(stmt.Int(4));
      out.push_back(std::move(w));
    }
    return out;
  }

 private:
  Db& db() { return store_->db(); }

  Status InTransaction(const std::function<Status()>& body) {
    return store_->InTransaction("监测案件", "monitoring cases", body);
  }

  StatusOr<int64_t> RequireHousehold(std::string_view household_no) {
    ASSIGN_OR_RETURN(Stmt stmt, db().Prepare("SELECT id FROM household WHERE household_no = ?1"));
    stmt.Bind(1, household_no);
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return HouseholdNotFound(household_no);
    return stmt.Int(0);
  }

  static Status CaseNotFound(int64_t id) {
    return NotFoundError(Bilingual("监测案件 {} 不存在", "case {} does not exist", id));
  }

  // Binds lead_date … evidence (11 columns) from `first`.
  static void BindCaseFields(Stmt& stmt, const MonitoringCase& c, int first) {
    stmt.Bind(first, c.lead_date.ToString());
    stmt.Bind(first + 1, CodeOf(c.state));
    stmt.Bind(first + 2, CodeOf(c.monitoring_type));
    stmt.Bind(first + 3, JoinCodes(c.risks));
    stmt.Bind(first + 4, DateText(c.verified_date));
    stmt.Bind(first + 5, DateText(c.identified_date));
    stmt.Bind(first + 6, DateText(c.proposed_date));
    stmt.Bind(first + 7, CodeOf(c.method));
    stmt.Bind(first + 8, DateText(c.closed_date));
    stmt.Bind(first + 9, c.opened_by);
    stmt.Bind(first + 10, c.evidence);
  }

  Status InsertEvent(const CaseEvent& e) {
    ASSIGN_OR_RETURN(
        Stmt stmt,
        db().Prepare(
            "INSERT INTO case_event (county, case_id, seq, action, from_state, to_state, actor, event_date, "
            "evidence, "
            "appraisal_date, notice_start, notice_end, approval_date, reason, payload) "
            "SELECT county, id, (SELECT coalesce(max(seq), 0) + 1 FROM case_event WHERE case_id = ?1), "
            "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 FROM monitoring_case WHERE id = ?1"));
    stmt.Bind(1, e.case_id);
    stmt.Bind(2, CodeOf(e.action));
    stmt.Bind(3, CodeOf(e.from_state));
    stmt.Bind(4, CodeOf(e.to_state));
    stmt.Bind(5, e.actor);
    stmt.Bind(6, e.event_date.ToString());
    stmt.Bind(7, e.evidence);
    stmt.Bind(8, DateText(e.appraisal_date));
    stmt.Bind(9, DateText(e.notice_start));
    stmt.Bind(10, DateText(e.notice_end));
    stmt.Bind(11, DateText(e.approval_date));
    stmt.Bind(12, e.reason);
    stmt.Bind(13, e.payload);
    RETURN_IF_ERROR(stmt.Run());
    if (db().Changes() != 1) return CaseNotFound(e.case_id);
    return OkStatus();
  }

  Status UpdateHousehold(int64_t household_id, const HouseholdMonitoringUpdate& u) {
    ASSIGN_OR_RETURN(Stmt stmt,
                     db().Prepare("UPDATE household SET household_type = ?2, monitoring_type = ?3, "
                                  "risk_identified = ?4, risk_eliminated = ?5 WHERE id = ?1"));
    stmt.Bind(1, household_id);
    stmt.Bind(2, CodeOf(u.type));
    stmt.Bind(3, CodeOf(u.monitoring_type));
    stmt.Bind(4, DateText(u.risk_identified));
    stmt.Bind(5, DateText(u.risk_eliminated));
    return stmt.Run();
  }

  SqliteStore* store_;
};

}  // namespace

std::unique_ptr<CaseStore> NewSqliteCaseStore(SqliteStore* store) {
  return std::make_unique<SqliteCaseStore>(store);
}

}  // namespace jz::sqlite_internal
