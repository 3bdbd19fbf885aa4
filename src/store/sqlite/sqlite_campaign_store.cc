// SQLite implementation of CampaignStore (tables of migration 4). Every mutating call is one
// BEGIN IMMEDIATE … COMMIT, rolled back on any error, and refused while a RegistryWriter is
// open on the same store.
#include <fmt/format.h>

#include <optional>
#include <set>

#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {
namespace {

std::string JoinItems(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

std::vector<std::string> SplitItems(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    items.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

constexpr std::string_view kCampaignColumns =
    "id, code, name, level, scope, checklist, compare_to, income_line_fen, created_by, created_on";

class SqliteCampaignStore final : public CampaignStore {
 public:
  explicit SqliteCampaignStore(SqliteStore* store) : store_(store) {}

  StatusOr<int64_t> CreateCampaign(const Campaign& c) override;
  StatusOr<std::optional<Campaign>> FindCampaign(std::string_view code) override;
  StatusOr<std::optional<Campaign>> FindCampaignById(int64_t id) override;
  StatusOr<std::vector<Campaign>> ListCampaigns() override;
  StatusOr<std::vector<FrameHousehold>> ReadFrame(RegionCode scope) override;
  StatusOr<int32_t> SaveSample(int64_t campaign_id, const StoredSample& sample) override;
  StatusOr<std::optional<StoredSample>> LoadSample(int64_t campaign_id) override;
  StatusOr<int32_t> RecordFindings(int64_t campaign_id, const HouseholdFindings& findings) override;
  Status RecordFindingsBatch(int64_t campaign_id, std::span<const HouseholdFindings> households,
                             std::vector<StatusOr<int32_t>>& outcomes) override;
  Status ScanLatestFindings(
      int64_t campaign_id,
      const std::function<Status(int64_t, std::span<const CampaignFinding>)>& visit) override;
  StatusOr<int64_t> CountRecordedHouseholds(int64_t campaign_id) override;

 private:
  Db& db() { return store_->db(); }
  // Runs `body` inside BEGIN IMMEDIATE … COMMIT; rolls back when it fails.
  template <typename T>
  StatusOr<T> InTransaction(const std::function<StatusOr<T>()>& body);
  StatusOr<std::vector<Campaign>> QueryCampaigns(std::string_view where,
                                                 const std::function<void(Stmt&)>& bind);
  StatusOr<int32_t> InsertFindings(int64_t campaign_id, const HouseholdFindings& f);

  SqliteStore* store_;
  Stmt insert_finding_;
  Stmt find_unit_;
  Stmt next_revision_;
  bool prepared_ = false;
};

template <typename T>
StatusOr<T> SqliteCampaignStore::InTransaction(const std::function<StatusOr<T>()>& body) {
  std::optional<T> out;
  RETURN_IF_ERROR(store_->InTransaction("核查数据", "campaign data", [&]() -> Status {
    ASSIGN_OR_RETURN(T value, body());
    out = std::move(value);
    return OkStatus();
  }));
  return std::move(*out);
}

StatusOr<int64_t> SqliteCampaignStore::CreateCampaign(const Campaign& c) {
  return InTransaction<int64_t>([&]() -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(Stmt stmt,
                     db().Prepare("INSERT INTO campaign (code, name, level, scope, checklist, compare_to, "
                                  "income_line_fen, created_by, created_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                  "?7, ?8, ?9)"));
    stmt.Bind(1, c.code);
    stmt.Bind(2, c.name);
    stmt.Bind(3, CodeOf(c.level));
    stmt.Bind(4, static_cast<int64_t>(c.scope.value()));
    stmt.Bind(5, JoinItems(c.items));
    stmt.Bind(6, c.compare_to);
    stmt.Bind(7, c.income_line.fen());
    stmt.Bind(8, c.created_by);
    stmt.Bind(9, c.created_on.ToString());
    Status status = stmt.Run();
    if (status.code() == StatusCode::kAlreadyExists) {
      return AlreadyExistsError(
          Bilingual("核查活动编号 {} 已存在", "campaign code {} already exists", c.code));
    }
    RETURN_IF_ERROR(status);
    return sqlite3_last_insert_rowid(db().raw());
  });
}

StatusOr<std::vector<Campaign>> SqliteCampaignStore::QueryCampaigns(std::string_view where,
                                                                    const std::function<void(Stmt&)>& bind) {
  ASSIGN_OR_RETURN(Stmt stmt, db().Prepare(fmt::format("SELECT {} FROM campaign {} ORDER BY id",
                                                       kCampaignColumns, where)));
  bind(stmt);
  std::vector<Campaign> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    Campaign c;
    c.id = stmt.Int(0);
    c.code = stmt.Text(1);
    c.name = stmt.Text(2);
    const int64_t level = stmt.Int(3);
    if (level < 1 || level > 3) return DataLossError(fmt::format("invalid campaign level {}", level));
    c.level = static_cast<CampaignLevel>(level);
    std::optional<RegionCode> scope = RegionCode::FromValue(static_cast<uint64_t>(stmt.Int(4)));
    if (!scope) return DataLossError(fmt::format("invalid campaign scope {}", stmt.Int(4)));
    c.scope = *scope;
    c.items = SplitItems(stmt.Text(5));
    if (!stmt.IsNull(6)) c.compare_to = stmt.Int(6);
    c.income_line = Money::FromFen(stmt.Int(7));
    c.created_by = stmt.Text(8);
    ASSIGN_OR_RETURN(c.created_on, ReadDate(stmt, 9));
    out.push_back(std::move(c));
  }
  return out;
}

StatusOr<std::optional<Campaign>> SqliteCampaignStore::FindCampaign(std::string_view code) {
  ASSIGN_OR_RETURN(std::vector<Campaign> found,
                   QueryCampaigns("WHERE code = ?1", [&](Stmt& s) { s.Bind(1, code); }));
  if (found.empty()) return std::optional<Campaign>();
  return std::optional<Campaign>(std::move(found.front()));
}

StatusOr<std::optional<Campaign>> SqliteCampaignStore::FindCampaignById(int64_t id) {
  ASSIGN_OR_RETURN(std::vector<Campaign> found,
                   QueryCampaigns("WHERE id = ?1", [&](Stmt& s) { s.Bind(1, id); }));
  if (found.empty()) return std::optional<Campaign>();
  return std::optional<Campaign>(std::move(found.front()));
}

StatusOr<std::vector<Campaign>> SqliteCampaignStore::ListCampaigns() {
  return QueryCampaigns("", [](Stmt&) {});
}

// One scan of household joined to its member counts (person is clustered by household, so
// the count is a range count per household). The county bounds let SQLite use the
// (county, village) index instead of scanning every household for a county's frame.
StatusOr<std::vector<FrameHousehold>> SqliteCampaignStore::ReadFrame(RegionCode scope) {
  const auto [low, high] = CodeRange(scope);
  ASSIGN_OR_RETURN(Stmt stmt, db().Prepare("SELECT h.id, h.household_no, h.village, h.household_type, "
                                           "(SELECT count(*) FROM person p WHERE p.household_id = h.id) "
                                           "FROM household h WHERE h.county >= ?3 AND h.county < ?4 "
                                           "AND h.village >= ?1 AND h.village < ?2 ORDER BY h.household_no"));
  constexpr uint64_t kVillageDigitsBelowCounty = 1000000;
  stmt.Bind(1, static_cast<int64_t>(low));
  stmt.Bind(2, static_cast<int64_t>(high));
  stmt.Bind(3, static_cast<int64_t>(low / kVillageDigitsBelowCounty));
  stmt.Bind(4, static_cast<int64_t>((high + kVillageDigitsBelowCounty - 1) / kVillageDigitsBelowCounty));
  std::vector<FrameHousehold> frame;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    FrameHousehold h;
    h.household_id = stmt.Int(0);
    h.household_no = stmt.Text(1);
    std::optional<RegionCode> village = RegionCode::FromValue(static_cast<uint64_t>(stmt.Int(2)));
    if (!village) return DataLossError(fmt::format("invalid village code {}", stmt.Int(2)));
    h.village = *village;
    ASSIGN_OR_RETURN(h.type, ReadCode<HouseholdType>(stmt, 3));
    h.persons = static_cast<int32_t>(stmt.Int(4));
    frame.push_back(std::move(h));
  }
  return frame;
}

StatusOr<int32_t> SqliteCampaignStore::SaveSample(int64_t campaign_id, const StoredSample& sample) {
  return InTransaction<int32_t>([&]() -> StatusOr<int32_t> {
    ASSIGN_OR_RETURN(Stmt count, db().Prepare("SELECT count(*) FROM finding WHERE campaign_id = ?1"));
    count.Bind(1, campaign_id);
    ASSIGN_OR_RETURN(bool row, count.Step());
    if (row && count.Int(0) > 0) {
      return FailedPreconditionError(
          Bilingual("该核查活动已录入核查结果，不能重新抽样",
                    "findings are recorded for this campaign; its sample cannot be re-drawn"));
    }
    ASSIGN_OR_RETURN(
        Stmt next,
        db().Prepare("SELECT coalesce(max(draw_no), 0) + 1 FROM campaign_sample WHERE campaign_id = ?1"));
    next.Bind(1, campaign_id);
    ASSIGN_OR_RETURN(row, next.Step());
    const auto draw_no = static_cast<int32_t>(next.Int(0));
    const CampaignDesign& d = sample.design;
    ASSIGN_OR_RETURN(
        Stmt design,
        db().Prepare("INSERT INTO campaign_sample (campaign_id, draw_no, census, seed, frame_size, "
                     "strata_kind, allocation, size, fraction_bp, registered_share_bp, "
                     "min_per_stratum, sample_size, drawn_by, drawn_on, sampling_rule) VALUES (?1, ?2, "
                     "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    design.Bind(1, campaign_id);
    design.Bind(2, int64_t{draw_no});
    design.Bind(3, int64_t{d.census ? 1 : 0});
    design.Bind(4, static_cast<int64_t>(d.seed));
    design.Bind(5, d.frame_size);
    design.Bind(6, CodeOf(d.strata));
    design.Bind(7, CodeOf(d.allocation));
    design.Bind(8, d.size);
    design.Bind(9, int64_t{d.fraction_bp});
    design.Bind(10, int64_t{d.registered_share_bp});
    design.Bind(11, int64_t{d.min_per_stratum});
    design.Bind(12, d.sample_size);
    design.Bind(13, d.drawn_by);
    design.Bind(14, d.drawn_on.ToString());
    design.Bind(15, int64_t{d.sampling_rule});
    RETURN_IF_ERROR(design.Run());
    ASSIGN_OR_RETURN(Stmt cell,
                     db().Prepare("INSERT INTO campaign_stratum (campaign_id, draw_no, stratum, registered, "
                                  "frame_count, sample_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    for (const CampaignStratum& s : sample.strata) {
      cell.Bind(1, campaign_id);
      cell.Bind(2, int64_t{draw_no});
      cell.Bind(3, static_cast<int64_t>(s.stratum));
      cell.Bind(4, int64_t{s.registered ? 1 : 0});
      cell.Bind(5, s.frame_count);
      cell.Bind(6, s.sample_count);
      RETURN_IF_ERROR(cell.Run());
    }
    ASSIGN_OR_RETURN(
        Stmt unit,
        db().Prepare("INSERT INTO campaign_unit (campaign_id, draw_no, county, household_id, village, "
                     "stratum, registered, household_type, persons, draw_order) VALUES (?1, ?2, ?3, "
                     "?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    for (const CampaignUnit& u : sample.units) {
      unit.Bind(1, campaign_id);
      unit.Bind(2, int64_t{draw_no});
      unit.Bind(3, int64_t{u.village.County6()});
      unit.Bind(4, u.household_id);
      unit.Bind(5, static_cast<int64_t>(u.village.value()));
      unit.Bind(6, static_cast<int64_t>(u.stratum));
      unit.Bind(7, int64_t{u.type == HouseholdType::kOrdinaryFarm ? 0 : 1});
      unit.Bind(8, CodeOf(u.type));
      unit.Bind(9, int64_t{u.persons});
      unit.Bind(10, u.draw_order);
      RETURN_IF_ERROR(unit.Run());
    }
    return draw_no;
  });
}

StatusOr<std::optional<StoredSample>> SqliteCampaignStore::LoadSample(int64_t campaign_id) {
  ASSIGN_OR_RETURN(
      Stmt d,
      db().Prepare("SELECT draw_no, census, seed, frame_size, strata_kind, allocation, size, fraction_bp, "
                   "registered_share_bp, min_per_stratum, sample_size, drawn_by, drawn_on, sampling_rule "
                   "FROM campaign_sample WHERE campaign_id = ?1 ORDER BY draw_no DESC LIMIT 1"));
  d.Bind(1, campaign_id);
  ASSIGN_OR_RETURN(bool found, d.Step());
  if (!found) return std::optional<StoredSample>();
  StoredSample s;
  CampaignDesign& g = s.design;
  g.draw_no = static_cast<int32_t>(d.Int(0));
  g.census = d.Int(1) != 0;
  g.seed = static_cast<uint64_t>(d.Int(2));
  g.frame_size = d.Int(3);
  const int64_t strata = d.Int(4);
  if (strata < 1 || strata > 3) return DataLossError(fmt::format("invalid strata kind {}", strata));
  g.strata = static_cast<StrataKind>(strata);
  const int64_t allocation = d.Int(5);
  if (allocation < 1 || allocation > 2)
    return DataLossError(fmt::format("invalid sample allocation {}", allocation));
  g.allocation = static_cast<SampleAllocation>(allocation);
  g.size = d.Int(6);
  g.fraction_bp = static_cast<int32_t>(d.Int(7));
  g.registered_share_bp = static_cast<int32_t>(d.Int(8));
  g.min_per_stratum = static_cast<int32_t>(d.Int(9));
  g.sample_size = d.Int(10);
  g.drawn_by = d.Text(11);
  ASSIGN_OR_RETURN(g.drawn_on, ReadDate(d, 12));
  g.sampling_rule = static_cast<int32_t>(d.Int(13));
  ASSIGN_OR_RETURN(Stmt cells,
                   db().Prepare("SELECT stratum, registered, frame_count, sample_count FROM campaign_stratum "
                                "WHERE campaign_id = ?1 AND draw_no = ?2 ORDER BY stratum, registered DESC"));
  cells.Bind(1, campaign_id);
  cells.Bind(2, int64_t{g.draw_no});
  while (true) {
    ASSIGN_OR_RETURN(bool row, cells.Step());
    if (!row) break;
    s.strata.push_back({static_cast<uint64_t>(cells.Int(0)), cells.Int(1) != 0, cells.Int(2), cells.Int(3)});
  }
  ASSIGN_OR_RETURN(
      Stmt units,
      db().Prepare("SELECT u.household_id, h.household_no, u.village, u.stratum, u.household_type, "
                   "u.persons, u.draw_order FROM campaign_unit u JOIN household h ON "
                   "h.id = u.household_id WHERE u.campaign_id = ?1 AND u.draw_no = ?2 "
                   "ORDER BY u.draw_order"));
  units.Bind(1, campaign_id);
  units.Bind(2, int64_t{g.draw_no});
  while (true) {
    ASSIGN_OR_RETURN(bool row, units.Step());
    if (!row) break;
    CampaignUnit u;
    u.household_id = units.Int(0);
    u.household_no = units.Text(1);
    std::optional<RegionCode> village = RegionCode::FromValue(static_cast<uint64_t>(units.Int(2)));
    if (!village) return DataLossError(fmt::format("invalid village code {}", units.Int(2)));
    u.village = *village;
    u.stratum = static_cast<uint64_t>(units.Int(3));
    ASSIGN_OR_RETURN(u.type, ReadCode<HouseholdType>(units, 4));
    u.persons = static_cast<int32_t>(units.Int(5));
    u.draw_order = units.Int(6);
    s.units.push_back(std::move(u));
  }
  return std::optional<StoredSample>(std::move(s));
}

StatusOr<int32_t> SqliteCampaignStore::InsertFindings(int64_t campaign_id, const HouseholdFindings& f) {
  if (!prepared_) {
    ASSIGN_OR_RETURN(find_unit_,
                     db().Prepare("SELECT h.id, u.county FROM household h JOIN campaign_unit u "
                                  "ON u.household_id = h.id AND u.campaign_id = ?1 AND u.draw_no = "
                                  "(SELECT max(draw_no) FROM campaign_sample WHERE campaign_id = ?1) "
                                  "WHERE h.household_no = ?2"));
    ASSIGN_OR_RETURN(next_revision_, db().Prepare("SELECT coalesce(max(revision), 0) + 1 FROM finding "
                                                  "WHERE campaign_id = ?1 AND household_id = ?2"));
    ASSIGN_OR_RETURN(insert_finding_,
                     db().Prepare("INSERT INTO finding (campaign_id, county, household_id, revision, item, "
                                  "person_no, answer, value_fen, note, recorded_by, recorded_on) VALUES "
                                  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    prepared_ = true;
  }
  find_unit_.Bind(1, campaign_id);
  find_unit_.Bind(2, f.household_no);
  StatusOr<bool> found = find_unit_.Step();
  const int64_t household_id = found.ok() && *found ? find_unit_.Int(0) : 0;
  const int64_t county = found.ok() && *found ? find_unit_.Int(1) : 0;
  find_unit_.Reset();
  if (!found.ok()) return found.status();
  if (!*found) {
    return NotFoundError(Bilingual("户 {} 不在本次核查的样本中",
                                   "household {} is not in the campaign's sample", f.household_no));
  }
  next_revision_.Bind(1, campaign_id);
  next_revision_.Bind(2, household_id);
  StatusOr<bool> rev_row = next_revision_.Step();
  const int64_t revision = rev_row.ok() && *rev_row ? next_revision_.Int(0) : 1;
  next_revision_.Reset();
  if (!rev_row.ok()) return rev_row.status();
  const std::string recorded_on = f.recorded_on.ToString();
  for (const CampaignFinding& x : f.findings) {
    Stmt& s = insert_finding_;
    s.Bind(1, campaign_id);
    s.Bind(2, county);
    s.Bind(3, household_id);
    s.Bind(4, revision);
    s.Bind(5, x.item);
    s.Bind(6, x.person_no);
    s.Bind(7, CodeOf(x.answer));
    if (x.value) {
      s.Bind(8, x.value->fen());
    } else {
      s.BindNull(8);
    }
    s.Bind(9, x.note);
    s.Bind(10, f.recorded_by);
    s.Bind(11, recorded_on);
    Status status = s.Run();
    if (status.code() == StatusCode::kAlreadyExists) {
      return InvalidArgumentError(Bilingual("户 {} 的核查项 {} 重复", "household {}: item {} is given twice",
                                            f.household_no, x.item));
    }
    RETURN_IF_ERROR(status);
  }
  return static_cast<int32_t>(revision);
}

StatusOr<int32_t> SqliteCampaignStore::RecordFindings(int64_t campaign_id, const HouseholdFindings& f) {
  return InTransaction<int32_t>([&] { return InsertFindings(campaign_id, f); });
}

Status SqliteCampaignStore::RecordFindingsBatch(int64_t campaign_id,
                                                std::span<const HouseholdFindings> households,
                                                std::vector<StatusOr<int32_t>>& outcomes) {
  outcomes.clear();
  StatusOr<bool> done = InTransaction<bool>([&]() -> StatusOr<bool> {
    for (const HouseholdFindings& f : households) {
      RETURN_IF_ERROR(db().Exec("SAVEPOINT household"));
      StatusOr<int32_t> revision = InsertFindings(campaign_id, f);
      if (!revision.ok() && revision.status().code() != StatusCode::kNotFound &&
          revision.status().code() != StatusCode::kInvalidArgument) {
        return revision.status();  // the connection failed: roll the whole batch back
      }
      RETURN_IF_ERROR(
          db().Exec(revision.ok() ? "RELEASE household" : "ROLLBACK TO household; RELEASE household"));
      outcomes.push_back(std::move(revision));
    }
    return true;
  });
  if (!done.ok()) outcomes.clear();
  return done.status();
}

Status SqliteCampaignStore::ScanLatestFindings(
    int64_t campaign_id, const std::function<Status(int64_t, std::span<const CampaignFinding>)>& visit) {
  ASSIGN_OR_RETURN(Stmt stmt,
                   db().Prepare("SELECT household_id, revision, item, person_no, answer, value_fen, note "
                                "FROM finding WHERE campaign_id = ?1 ORDER BY household_id, revision"));
  stmt.Bind(1, campaign_id);
  std::vector<CampaignFinding> current;
  int64_t household = -1, revision = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    const int64_t id = row ? stmt.Int(0) : -2;
    if (id != household && household >= 0) RETURN_IF_ERROR(visit(household, current));
    if (!row) break;
    if (id != household || stmt.Int(1) != revision) current.clear();
    household = id;
    revision = stmt.Int(1);
    CampaignFinding f;
    f.item = stmt.Text(2);
    f.person_no = stmt.Text(3);
    const int64_t answer = stmt.Int(4);
    if (answer < 1 || answer > 3) return DataLossError(fmt::format("invalid finding answer {}", answer));
    f.answer = static_cast<FindingAnswer>(answer);
    if (!stmt.IsNull(5)) f.value = Money::FromFen(stmt.Int(5));
    f.note = stmt.Text(6);
    current.push_back(std::move(f));
  }
  return OkStatus();
}

StatusOr<int64_t> SqliteCampaignStore::CountRecordedHouseholds(int64_t campaign_id) {
  ASSIGN_OR_RETURN(Stmt stmt,
                   db().Prepare("SELECT count(DISTINCT household_id) FROM finding WHERE campaign_id = ?1"));
  stmt.Bind(1, campaign_id);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

}  // namespace

std::unique_ptr<CampaignStore> NewSqliteCampaignStore(SqliteStore* store) {
  return std::make_unique<SqliteCampaignStore>(store);
}

}  // namespace jz::sqlite_internal
