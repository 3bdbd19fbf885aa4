// Campaign benchmark over a registry of HOUSEHOLDS households (default 1,000,000) in the real
// Jilin villages: reading the sampling frame, drawing a prefecture re-check and a province
// spot-check, simulating and recording their findings, and computing the reports; then a
// county self-check of every household of one county and its census report. Beside it the
// anchor a user could write in SQL on the same database: the same stratified draw with the
// same per-cell sizes (ROW_NUMBER() OVER (PARTITION BY cell ORDER BY random()) — not
// reproducible: random() has no seed) and the weighted 错退率 point estimate as one
// aggregate query (no variance).
//
// The registry is built as fast as this code base allows: one-member households written
// through one RegistryWriter (no CSV), timed separately.
//
// Usage: campaign_bench REGIONS_DIR [HOUSEHOLDS] [WORK_DIR]
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "app/registry/region_loader.h"
#include "app/verification/campaigns.h"
#include "store/sqlite/sqlite_store.h"
#include "synth/campaign_simulation.h"

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

long MaxRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int Fail(const jz::Status& status) {
  std::fprintf(stderr, "campaign_bench: %s\n", status.ToString().c_str());
  return 1;
}

void Line(std::string_view what, double seconds, std::string_view detail = "") {
  fmt::print("{:<58} {:>8.2f} s  {}\n", what, seconds, detail);
}

// One-member households over every village of Jilin, in village order: 70% 脱贫户, 5% 监测户,
// 5% 贫困户, 20% 一般农户; incomes and indicators as the registry would hold them.
jz::Status BuildRegistry(jz::Store& store, int64_t households) {
  ASSIGN_OR_RETURN(std::vector<jz::Region> villages,
                   store.ListRegions(*jz::RegionCode::Parse("22"), jz::RegionLevel::kVillage));
  ASSIGN_OR_RETURN(auto writer, store.BeginWrite());
  const jz::Date base = *jz::Date::FromYmd(1950, 1, 1);
  for (int64_t i = 0; i < households; ++i) {
    const jz::Region& village =
        villages[static_cast<size_t>(i * static_cast<int64_t>(villages.size()) / households)];
    jz::Household h;
    h.household_no = fmt::format("{}{:06}", village.code.ToString(), i % 1000000);
    h.village = village.code;
    const int64_t kind = i % 20;
    h.type = kind < 14    ? jz::HouseholdType::kExited
             : kind == 14 ? jz::HouseholdType::kMonitored
             : kind == 15 ? jz::HouseholdType::kPoor
                          : jz::HouseholdType::kOrdinaryFarm;
    jz::Person p;
    p.person_no = h.household_no + "01";
    p.name = "张三";
    p.birth_date = base.AddDays(static_cast<int32_t>(i % 20000));
    p.sex = jz::Sex::kMale;
    ASSIGN_OR_RETURN(p.id_number, jz::IdNumber::FromParts(village.code.County6(), p.birth_date,
                                                          static_cast<uint32_t>(2 * (i / 20000) + 1)));
    h.members.push_back(std::move(p));
    jz::HouseholdYear y;
    y.data_year = 2024;
    y.wage_income = jz::Money::FromYuan(6000 + (i * 7919) % 20000);
    h.years.push_back(y);
    ASSIGN_OR_RETURN(jz::UpsertOutcome outcome, writer->Upsert(h));
    (void)outcome;
  }
  return writer->Commit();
}

jz::StatusOr<jz::DrawResult> Draw(jz::Store& store, const std::string& code, int64_t size,
                                  jz::StrataKind strata) {
  jz::DrawRequest r;
  r.campaign = code;
  r.design.seed = 20250301;
  r.design.size = size;
  r.strata = strata;
  r.drawn_by = "bench";
  r.drawn_on = *jz::Date::FromYmd(2025, 3, 1);
  return jz::DrawCampaignSample(store, r);
}

// Simulates and records a campaign's findings; prints both steps.
jz::Status SimulateAndRecord(jz::Store& store, const std::string& code, const std::string& csv,
                             double miss_rate) {
  jz::SimulationOptions o{.out_path = csv, .problem_rate = 0.05, .seed = 3, .miss_rate = miss_rate};
  auto start = Clock::now();
  ASSIGN_OR_RETURN(int64_t households, jz::SimulateFindings(store, code, o));
  Line(fmt::format("{}: simulate findings (scan the registry, write CSV)", code), Since(start),
       fmt::format("{} households", households));
  start = Clock::now();
  ASSIGN_OR_RETURN(jz::ImportFindingsResult r,
                   jz::ImportFindings(store, code, csv, "bench", *jz::Date::FromYmd(2025, 4, 1)));
  const double seconds = Since(start);
  Line(fmt::format("{}: record findings (savepoint per household)", code), seconds,
       fmt::format("{} households, {} rows, {:.0f} households/s", r.households_stored, r.rows_stored,
                   static_cast<double>(r.households_stored) / seconds));
  return jz::OkStatus();
}

jz::Status Report(jz::Store& store, const std::string& code, jz::RegionLevel level) {
  const auto start = Clock::now();
  ASSIGN_OR_RETURN(jz::CampaignReport report, jz::BuildCampaignReport(store, code, level));
  const jz::RateFigure& w = report.total.wrong_exit;
  Line(fmt::format("{}: report ({} regions)", code, report.regions.size()), Since(start),
       fmt::format("错退率 {:.2f}% [{:.2f}, {:.2f}]", 100 * w.rate, 100 * w.ci_low, 100 * w.ci_high));
  return jz::OkStatus();
}

// Every county's self-check (县级自查: a census of its households): create, draw, simulate with
// half the problems missed, record, and report per township; times summed over the counties.
jz::Status CountySelfChecks(jz::Store& store, const std::filesystem::path& work) {
  ASSIGN_OR_RETURN(std::vector<jz::Region> counties,
                   store.ListRegions(*jz::RegionCode::Parse("22"), jz::RegionLevel::kCounty));
  double draw = 0, simulate = 0, record = 0, report = 0;
  int64_t households = 0, rows = 0, campaigns = 0;
  for (const jz::Region& county : counties) {
    const std::string code = fmt::format("C{}", county.code.ShortString());
    ASSIGN_OR_RETURN(jz::Campaign c, jz::CreateCampaign(store, {code,
                                                                fmt::format("{}自查", county.name),
                                                                jz::CampaignLevel::kCounty,
                                                                county.code,
                                                                {},
                                                                "",
                                                                jz::Money::FromYuan(4000),
                                                                "bench",
                                                                *jz::Date::FromYmd(2025, 3, 1)}));
    auto start = Clock::now();
    jz::StatusOr<jz::DrawResult> d = Draw(store, code, 0, jz::StrataKind::kVillage);
    draw += Since(start);
    if (!d.ok() && d.status().code() == jz::StatusCode::kInvalidArgument)
      continue;  // a county without households
    RETURN_IF_ERROR(d.status());
    ++campaigns;
    const std::string csv = (work / (code + ".csv")).string();
    start = Clock::now();
    RETURN_IF_ERROR(jz::SimulateFindings(store, code,
                                         {.out_path = csv, .problem_rate = 0.05, .seed = 3, .miss_rate = 0.5})
                        .status());
    simulate += Since(start);
    start = Clock::now();
    ASSIGN_OR_RETURN(jz::ImportFindingsResult r,
                     jz::ImportFindings(store, code, csv, "bench", *jz::Date::FromYmd(2025, 4, 1)));
    record += Since(start);
    households += r.households_stored;
    rows += r.rows_stored;
    start = Clock::now();
    RETURN_IF_ERROR(jz::BuildCampaignReport(store, code, jz::RegionLevel::kTownship).status());
    report += Since(start);
    std::filesystem::remove(csv);
  }
  Line(fmt::format("county self-checks: read frame + census draw ({} counties)", campaigns), draw,
       fmt::format("{} households", households));
  Line("county self-checks: simulate findings", simulate);
  Line("county self-checks: record findings (savepoint per household)", record,
       fmt::format("{} rows, {:.0f} households/s", rows, static_cast<double>(households) / record));
  Line("county self-checks: reports per township (every household)", report);
  return jz::OkStatus();
}

// The SQL anchor on the same file: the province sample's cells drawn again with random() and
// the weighted 错退率 of the recorded findings as one aggregate.
jz::Status SqlAnchor(const std::string& path, int64_t campaign_id) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
    return jz::UnavailableError("cannot open the anchor connection");
  auto exec = [&](const std::string& sql) -> jz::Status {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      return jz::InternalError(message);
    }
    return jz::OkStatus();
  };
  auto start = Clock::now();
  RETURN_IF_ERROR(exec(
      fmt::format("CREATE TEMP TABLE anchor_sample AS SELECT id FROM ("
                  " SELECT h.id, s.sample_count, ROW_NUMBER() OVER (PARTITION BY h.village / 1000000, "
                  "h.household_type <> 4"
                  "  ORDER BY random()) AS rn FROM household h JOIN campaign_stratum s ON s.campaign_id = "
                  "{0} AND s.draw_no = 1"
                  "  AND s.stratum = h.village / 1000000 * 1000000 AND s.registered = (h.household_type <> 4)"
                  ") WHERE rn <= sample_count",
                  campaign_id)));
  Line("anchor sqlite3: same stratified draw by ORDER BY random()", Since(start), "(not reproducible)");
  start = Clock::now();
  RETURN_IF_ERROR(exec(fmt::format(
      "CREATE TEMP TABLE anchor_rate AS SELECT sum(w * bad * persons) / sum(w * persons) AS rate FROM ("
      " SELECT u.persons, CAST(s.frame_count AS REAL) / s.sample_count AS w,"
      "  EXISTS (SELECT 1 FROM finding f WHERE f.campaign_id = u.campaign_id AND f.household_id = "
      "u.household_id"
      "   AND f.item IN ('food','clothing','education','medical','housing','water','income')"
      "   AND (f.answer = 2 OR (f.item = 'income' AND f.value_fen < 400000))) AS bad"
      " FROM campaign_unit u JOIN campaign_stratum s ON s.campaign_id = u.campaign_id AND s.draw_no = "
      "u.draw_no"
      "  AND s.stratum = u.stratum AND s.registered = u.registered"
      " WHERE u.campaign_id = {0} AND u.household_type IN (2, 3))",
      campaign_id)));
  Line("anchor sqlite3: weighted 错退率 point estimate (no CI)", Since(start));
  sqlite3_close(db);
  return jz::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: campaign_bench REGIONS_DIR [HOUSEHOLDS] [WORK_DIR]\n");
    return 2;
  }
  const int64_t households = argc > 2 ? std::stoll(argv[2]) : 1'000'000;
  const std::filesystem::path work = argc > 3 ? std::filesystem::path(argv[3])
                                              : std::filesystem::temp_directory_path() / "jz-campaign-bench";
  std::filesystem::create_directories(work);
  const std::string db = (work / "campaign.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  jz::StatusOr<std::unique_ptr<jz::Store>> opened = jz::OpenSqliteStore(db);
  if (!opened.ok()) return Fail(opened.status());
  jz::Store& store = **opened;
  if (auto loaded = jz::LoadRegions(store, argv[1], 2023); !loaded.ok()) return Fail(loaded.status());

  auto start = Clock::now();
  if (jz::Status s = BuildRegistry(store, households); !s.ok()) return Fail(s);
  Line(fmt::format("build registry: {} one-member households via RegistryWriter", households), Since(start),
       "(setup, not part of the campaign)");

  start = Clock::now();
  jz::StatusOr<std::vector<jz::FrameHousehold>> frame =
      store.campaigns().ReadFrame(*jz::RegionCode::Parse("22"));
  if (!frame.ok()) return Fail(frame.status());
  Line("read the sampling frame (province)", Since(start), fmt::format("{} households", frame->size()));
  frame->clear();
  frame->shrink_to_fit();

  const auto day = *jz::Date::FromYmd(2025, 3, 1);
  auto create = [&](const std::string& code, jz::CampaignLevel level, const char* scope,
                    const std::string& lower) {
    return jz::CreateCampaign(store, {code,
                                      code,
                                      level,
                                      *jz::RegionCode::Parse(scope),
                                      {},
                                      lower,
                                      jz::Money::FromYuan(4000),
                                      "bench",
                                      day});
  };
  if (jz::Status s = CountySelfChecks(store, work); !s.ok()) return Fail(s);
  // 延边州 (2224) for the prefecture re-check, compared with 汪清县's self-check (C222424).
  for (auto [code, level, scope, lower] :
       {std::tuple{"YB", jz::CampaignLevel::kPrefecture, "2224", "C222424"},
        std::tuple{"JL", jz::CampaignLevel::kProvince, "22", "YB"}}) {
    if (auto c = create(code, level, scope, lower); !c.ok()) return Fail(c.status());
  }
  struct Step {
    const char* code;
    int64_t size;
    jz::StrataKind strata;
  };
  for (const Step& step :
       {Step{"YB", 5000, jz::StrataKind::kTownship}, Step{"JL", 10000, jz::StrataKind::kCounty}}) {
    start = Clock::now();
    jz::StatusOr<jz::DrawResult> d = Draw(store, step.code, step.size, step.strata);
    if (!d.ok()) return Fail(d.status());
    Line(fmt::format("{}: read frame + draw ({})", step.code, jz::Label(d->campaign.level, jz::Lang::kEn)),
         Since(start),
         fmt::format("{} of {} households, {} cells", d->sample.design.sample_size,
                     d->sample.design.frame_size, d->sample.strata.size()));
  }
  for (auto [code, miss] : {std::pair{"YB", 0.2}, std::pair{"JL", 0.0}}) {
    if (jz::Status s = SimulateAndRecord(store, code, (work / (std::string(code) + ".csv")).string(), miss);
        !s.ok()) {
      return Fail(s);
    }
  }
  for (auto [code, level] :
       {std::pair{"YB", jz::RegionLevel::kTownship}, std::pair{"JL", jz::RegionLevel::kCounty}}) {
    if (jz::Status s = Report(store, code, level); !s.ok()) return Fail(s);
  }
  jz::StatusOr<std::optional<jz::Campaign>> jl = store.campaigns().FindCampaign("JL");
  if (!jl.ok() || !*jl) return Fail(jl.status());
  if (jz::Status s = SqlAnchor(db, (*jl)->id); !s.ok()) return Fail(s);
  fmt::print("peak RSS: {} MiB\n", MaxRssMib());
  return 0;
}
