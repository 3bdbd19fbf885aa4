#include "app/verification/campaign_problems.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

#include "app/verification/campaigns.h"

namespace jz {
namespace {

ProblemCategory CategoryOf(std::string_view item) {
  if (item == "housing") return ProblemCategory::kHousingSafety;
  if (item == "water") return ProblemCategory::kDrinkingWater;
  if (item == "education") return ProblemCategory::kEducation;
  if (item == "medical") return ProblemCategory::kMedical;
  if (item == "income" || item == "assistance") return ProblemCategory::kIncome;
  if (item == "accuracy") return ProblemCategory::kDataQuality;
  return ProblemCategory::kOther;  // 不愁吃, 不愁穿 and items of a custom checklist
}

std::string ItemName(std::string_view item) {
  const ChecklistItem* known = FindChecklistItem(item);
  return known ? std::string(known->name_zh) : std::string(item);
}

// A finding counts as a problem when it was answered 不符合, or is an income below the line.
bool IsProblem(const Campaign& c, const CampaignFinding& f) {
  if (f.answer == FindingAnswer::kNo) return true;
  return f.item == "income" && f.value && *f.value < c.income_line;
}

// The items a household's latest findings answered 不符合, each with its notes and persons.
struct ItemProblem {
  std::vector<std::string> notes;
  std::vector<std::string> persons;
};
using HouseholdProblems = std::map<std::string, ItemProblem>;  // by item code

StatusOr<std::unordered_map<int64_t, HouseholdProblems>> ProblemsOf(Store& store, const Campaign& c) {
  std::unordered_map<int64_t, HouseholdProblems> out;
  RETURN_IF_ERROR(store.campaigns().ScanLatestFindings(
      c.id, [&](int64_t household, std::span<const CampaignFinding> findings) {
        for (const CampaignFinding& f : findings) {
          if (!IsProblem(c, f)) continue;
          ItemProblem& p = out[household][f.item];
          if (!f.note.empty()) p.notes.push_back(f.note);
          if (!f.person_no.empty()) p.persons.push_back(f.person_no);
        }
        return OkStatus();
      }));
  return out;
}

// The items of each household that the lower level answered 符合 (and not 不符合).
StatusOr<std::unordered_map<int64_t, std::vector<std::string>>> PassedBelow(Store& store,
                                                                            const Campaign& lower) {
  std::unordered_map<int64_t, std::vector<std::string>> out;
  RETURN_IF_ERROR(store.campaigns().ScanLatestFindings(
      lower.id, [&](int64_t household, std::span<const CampaignFinding> findings) {
        std::vector<std::string>& passed = out[household];
        for (const CampaignFinding& f : findings) {
          if (f.answer == FindingAnswer::kYes && !IsProblem(lower, f)) passed.push_back(f.item);
        }
        for (const CampaignFinding& f : findings) {
          if (IsProblem(lower, f)) std::erase(passed, f.item);
        }
        return OkStatus();
      }));
  return out;
}

std::string Describe(const Campaign& c, std::string_view item, const ItemProblem& p, const Campaign* lower,
                     bool missed_below) {
  std::string text = fmt::format("{}（{}）核查：{}不符合", c.name, c.code, ItemName(item));
  if (!p.persons.empty()) text += fmt::format("（成员 {}）", fmt::join(p.persons, "、"));
  if (!p.notes.empty()) text += fmt::format("；{}", fmt::join(p.notes, "；"));
  if (missed_below) text += fmt::format("；{}（{}）判为符合，属漏查", lower->name, lower->code);
  return text;
}

}  // namespace

StatusOr<AddedProblems> OpenProblemsFromCampaign(Store& store, const CampaignProblemsRequest& request) {
  ASSIGN_OR_RETURN(std::optional<Campaign> found, store.campaigns().FindCampaign(request.campaign));
  if (!found) {
    return NotFoundError(Bilingual("没有编号为 {} 的核查", "no campaign with code {}", request.campaign));
  }
  const Campaign& c = *found;
  ASSIGN_OR_RETURN(std::optional<StoredSample> sample, store.campaigns().LoadSample(c.id));
  if (!sample) {
    return FailedPreconditionError(
        Bilingual("核查 {} 尚未抽样，没有核查结果", "campaign {} has no sample and no findings yet", c.code));
  }
  std::optional<Campaign> lower;
  std::unordered_map<int64_t, std::vector<std::string>> passed_below;
  if (c.compare_to) {
    ASSIGN_OR_RETURN(lower, store.campaigns().FindCampaignById(*c.compare_to));
    if (lower) {
      ASSIGN_OR_RETURN(passed_below, PassedBelow(store, *lower));
    }
  }
  ASSIGN_OR_RETURN(auto problems, ProblemsOf(store, c));

  ProblemBatch batch;
  batch.source = ProblemSource::kCampaign;
  batch.source_ref = c.code;
  batch.actor = request.actor;
  batch.date = request.date;
  const Date deadline = Date::FromDays(request.date.days() + request.deadline_days);
  // "{county}" in the unit stands for the household's county, e.g. "{county}乡村振兴局".
  std::map<uint32_t, std::string> units;
  auto unit_of = [&](RegionCode village) -> StatusOr<std::string> {
    const size_t at = request.responsible_unit.find(kCountyPlaceholder);
    if (at == std::string::npos) return request.responsible_unit;
    auto [it, fresh] = units.try_emplace(village.County6());
    if (fresh) {
      ASSIGN_OR_RETURN(std::optional<Region> county, store.FindRegion(village.AtLevel(RegionLevel::kCounty)));
      it->second = request.responsible_unit;
      it->second.replace(at, kCountyPlaceholder.size(),
                         county ? county->name : fmt::format("{:06}", village.County6()));
    }
    return it->second;
  };
  // In draw order, so that problem ids follow the sample's order.
  for (const CampaignUnit& unit : sample->units) {
    auto it = problems.find(unit.household_id);
    if (it == problems.end()) continue;
    const std::vector<std::string>* passed = nullptr;
    if (auto below = passed_below.find(unit.household_id); below != passed_below.end())
      passed = &below->second;
    for (const auto& [item, p] : it->second) {
      const bool missed_below = passed && std::find(passed->begin(), passed->end(), item) != passed->end();
      Problem problem;
      problem.region = unit.village;
      problem.household_no = unit.household_no;
      problem.source_item = fmt::format("{}/{}", unit.household_no, item);
      problem.category = CategoryOf(item);
      problem.description = Describe(c, item, p, lower ? &*lower : nullptr, missed_below);
      problem.lead_unit = request.lead_unit;
      ASSIGN_OR_RETURN(problem.responsible_unit, unit_of(unit.village));
      problem.owner = request.owner;
      problem.measure = fmt::format("入户核实并整改{}，上传佐证材料后申请销号", ItemName(item));
      problem.deadline = deadline;
      batch.problems.push_back(std::move(problem));
    }
  }
  return AddProblems(store, std::move(batch));
}

}  // namespace jz
