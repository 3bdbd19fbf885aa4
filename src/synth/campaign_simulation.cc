// Simulated findings for demos and training (campaign_simulation.h). The truth of a
// household is the registry's own facts plus hidden problems planted by a hash of
// (truth_seed, 户编号), so every level sees the same truth; each level then misses a share of the
// true problems by a hash of (seed, 户编号, item). Hashes are FNV-1a 64 of the text mixed by
// SplitMix64, so a simulation is reproducible on any machine.
#include "synth/campaign_simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_set>

#include "app/verification/campaigns.h"
#include "app/workspace.h"
#include "core/limits.h"
#include "io/csv_writer.h"

namespace jz {
namespace {

constexpr std::string_view kStandardItems[] = {"food",    "clothing", "education", "medical",
                                               "housing", "water",    "income"};

uint64_t Fnv1a(std::string_view text) {
  uint64_t h = 14695981039346656037ULL;
  for (char c : text) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// A uniform number in [0, 1) fixed by (seed, key, salt).
double Uniform(uint64_t seed, std::string_view key, std::string_view salt) {
  SplitMix64 rng(seed ^ Fnv1a(key) ^ (Fnv1a(salt) << 1));
  return static_cast<double>(rng.Next() >> 11) * 0x1.0p-53;
}

struct TrueState {
  std::map<std::string, bool, std::less<>> ok;  // item → the guarantee holds
  Money income_per_capita;
};

TrueState Truth(const Household& h, const Campaign& c, const SimulationOptions& o) {
  TrueState t;
  const HouseholdYear* year = h.years.empty() ? nullptr : &h.years.back();
  t.ok["food"] = !year || year->food_secure;
  t.ok["clothing"] = !year || year->clothing_secure;
  t.ok["education"] = !year || year->compulsory_education_secured;
  t.ok["medical"] = !year || year->basic_medical_secured;
  t.ok["housing"] = !year || year->housing_secure;
  t.ok["water"] = !year || year->safe_drinking_water;
  const int members = std::max<int>(1, static_cast<int>(h.members.size()));
  t.income_per_capita = year ? year->NetIncomePerCapita(members) : c.income_line + c.income_line;
  if (Uniform(o.truth_seed, h.household_no, "problem") < o.problem_rate) {
    const auto which = static_cast<size_t>(Uniform(o.truth_seed, h.household_no, "which") * 7);
    const std::string_view item = kStandardItems[std::min<size_t>(which, 6)];
    if (item == "income") {
      t.income_per_capita = Money::FromFen(c.income_line.fen() * 4 / 5);
    } else {
      t.ok[std::string(item)] = false;
    }
  }
  t.ok["income"] = t.income_per_capita >= c.income_line;
  t.ok["assistance"] = Uniform(o.truth_seed, h.household_no, "assistance") >= o.problem_rate / 2;
  t.ok["accuracy"] = Uniform(o.truth_seed, h.household_no, "accuracy") >= o.problem_rate;
  return t;
}

void WriteHousehold(CsvWriter& csv, const Household& h, const Campaign& c, const SimulationOptions& o) {
  const TrueState t = Truth(h, c, o);
  for (const std::string& item : c.items) {
    const bool registered = h.type != HouseholdType::kOrdinaryFarm;
    const bool applicable = item != "assistance" || registered;
    bool ok = t.ok.at(item);
    const bool missed = !ok && Uniform(o.seed, h.household_no, item) < o.miss_rate;
    if (missed) ok = true;
    csv.Field(h.household_no);
    csv.Field(item);
    csv.Field(
        Label(applicable ? (ok ? FindingAnswer::kYes : FindingAnswer::kNo) : FindingAnswer::kNotApplicable));
    if (item == "income") {
      const Money seen =
          missed ? c.income_line + Money::FromFen(c.income_line.fen() / 10) : t.income_per_capita;
      csv.Field(seen.ToString());
    } else {
      csv.EmptyField();
    }
    csv.Field(missed ? "模拟：漏查" : (ok ? "" : "模拟：发现问题"));
    csv.EndRow();
  }
}

Status CheckRate(std::string_view option, double rate) {
  if (rate >= 0 && rate <= 1) return OkStatus();
  return InvalidArgumentError(Bilingual("{} {} 须在 0 到 1 之间", "{} {} must be in [0, 1]", option, rate));
}

Status CheckSeed(std::string_view option, uint64_t seed) {
  if (seed <= kMaxSampleSeed) return OkStatus();
  return InvalidArgumentError(Bilingual("{} {} 超出范围（可用 0 到 {}）",
                                        "{} {} is out of range (use 0 to {})", option, seed, kMaxSampleSeed));
}

}  // namespace

StatusOr<int64_t> SimulateFindings(Store& store, std::string_view code, const SimulationOptions& options) {
  RETURN_IF_ERROR(CheckRate("--problem-rate", options.problem_rate));
  RETURN_IF_ERROR(CheckRate("--miss-rate", options.miss_rate));
  RETURN_IF_ERROR(CheckSeed("--truth-seed", options.truth_seed));
  RETURN_IF_ERROR(CheckSeed("--seed", options.seed));
  ASSIGN_OR_RETURN(std::optional<Campaign> campaign, store.campaigns().FindCampaign(code));
  if (!campaign) {
    return NotFoundError(Bilingual("核查活动 {} 不存在", "no campaign {}", code));
  }
  ASSIGN_OR_RETURN(std::optional<StoredSample> sample, store.campaigns().LoadSample(campaign->id));
  if (!sample) {
    return FailedPreconditionError(Bilingual("核查活动 {} 尚未抽样", "campaign {} has no sample yet", code));
  }
  std::unordered_set<std::string> sampled_no;
  for (const CampaignUnit& u : sample->units) sampled_no.insert(u.household_no);
  // Simulated findings are an input `campaign record` reads back: verbatim (io/formula_guard.h).
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> csv,
                   CsvWriter::Create(options.out_path, TextEncoding::kUtf8, ',', FormulaGuard::kVerbatim));
  csv->Row({"household_no", "item", "answer", "value", "note"});
  int64_t written = 0;
  RETURN_IF_ERROR(store.ScanHouseholds(campaign->scope, [&](const Household& h) {
    if (!sampled_no.count(h.household_no)) return OkStatus();
    WriteHousehold(*csv, h, *campaign, options);
    ++written;
    return OkStatus();
  }));
  RETURN_IF_ERROR(csv->Close());
  return written;
}

StatusOr<int64_t> SimulateCampaignFindings(Workspace& ws, const CampaignSimulateRequest& request) {
  return SimulateFindings(ws.store(), request.campaign, request.options);
}

}  // namespace jz
