// The doors' campaign steps (campaign_requests.h): defaults, bounds and dates, then the
// functions over Store& of campaigns.h.
#include "app/verification/campaign_requests.h"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "app/internal/event_dates.h"
#include "app/verification/campaigns.h"
#include "app/workspace.h"
#include "core/limits.h"
#include "io/report_file.h"
#include "rules/policy.h"

namespace jz {
namespace {

constexpr StepName kCreation{"建立核查活动", "the campaign's creation"};
constexpr StepName kDraw{"抽样", "the draw"};
constexpr StepName kRecording{"录入核查结果", "the findings"};

StatusOr<Campaign> FindByCode(Store& store, std::string_view code) {
  ASSIGN_OR_RETURN(std::optional<Campaign> campaign, store.campaigns().FindCampaign(code));
  if (!campaign) return NotFoundError(Bilingual("核查活动 {} 不存在", "no campaign {}", code));
  return *campaign;
}

// The income line: given, or the poverty_line parameter of the policy file.
StatusOr<Money> IncomeLine(const CampaignCreateRequest& r) {
  if (r.income_line) return *r.income_line;
  if (r.policy_path.empty()) {
    return InvalidArgumentError(
        Bilingual("请用 --policy 或 --line 给出收入标准线", "give the income line with --policy or --line"));
  }
  ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(r.policy_path));
  auto it = policy.parameters.find("poverty_line");
  if (it == policy.parameters.end() || it->second.type.kind != ValueKind::kMoney) {
    return InvalidArgumentError(
        Bilingual("{} 没有金额参数 poverty_line", "{} has no money parameter poverty_line", r.policy_path));
  }
  return Money::FromFen(it->second.number.num / it->second.number.den);
}

// A share option in basis points. InvalidArgument naming the option and value unless the
// share lies in [low, 1] (and above 0 when `low_open`).
StatusOr<int32_t> BasisPoints(std::string_view option, double share, bool low_open) {
  const bool ok = low_open ? share > 0 && share <= 1 : share >= 0 && share <= 1;
  if (!ok) {
    return InvalidArgumentError(Bilingual("{} {} 须在 {}0, 1] 之内", "{} {} must be a number in {}0, 1]",
                                          option, share, low_open ? "(" : "["));
  }
  return static_cast<int32_t>(std::lround(share * 10000));
}

Status CheckBound(std::string_view option, int64_t value, int64_t low, int64_t high) {
  if (value >= low && value <= high) return OkStatus();
  return InvalidArgumentError(Bilingual("{} {} 超出范围（可用 {} 到 {}）",
                                        "{} {} is out of range (use {} to {})", option, value, low, high));
}

StatusOr<DrawRequest> ToDrawRequest(const CampaignSampleRequest& r, Date drawn_on) {
  DrawRequest d;
  d.campaign = r.campaign;
  if (r.seed > kMaxSampleSeed) {
    return InvalidArgumentError(Bilingual("--seed {} 超出范围（可用 0 到 {}）",
                                          "--seed {} is out of range (use 0 to {})", r.seed, kMaxSampleSeed));
  }
  d.design.seed = r.seed;
  RETURN_IF_ERROR(CheckBound("--size", r.size, 0, kMaxSampleHouseholds));
  d.design.size = r.size;
  if (r.size == 0 && r.fraction) {
    ASSIGN_OR_RETURN(d.design.fraction_bp, BasisPoints("--fraction", *r.fraction, /*low_open=*/true));
  }
  d.design.registered_share_bp = -1;
  if (r.registered_share) {
    ASSIGN_OR_RETURN(d.design.registered_share_bp,
                     BasisPoints("--registered-share", *r.registered_share, false));
  }
  RETURN_IF_ERROR(CheckBound("--min-per-stratum", r.min_per_stratum, 1, kMaxMinPerStratum));
  d.design.min_per_stratum = r.min_per_stratum;
  d.design.allocation =
      r.allocation == SampleAllocation::kEqual ? Allocation::kEqual : Allocation::kProportional;
  d.strata = r.strata;
  d.drawn_by = r.drawn_by;
  d.drawn_on = drawn_on;
  return d;
}

// The sampled households, one row each; the household number's header is that of a findings
// file (FindingsFileColumns), so the list can be filled in and recorded in any language.
Status WriteSampleList(const StoredSample& sample, const std::string& path, Lang lang) {
  static const std::vector<ReportColumn> kColumns = {
      {"draw_order", "抽样顺序", "draw order", CellKind::kInt},
      FindingsFileColumns()[0],
      {"village", "行政村代码", "village code"},
      {"stratum", "层", "stratum"},
      {"household_type_code", "户类型代码", "household type code", CellKind::kInt},
      {"persons", "人数", "persons", CellKind::kInt}};
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("sample", kColumns);
  for (const CampaignUnit& u : sample.units) {
    out->Row({int64_t{u.draw_order}, u.household_no, u.village.ToString(), std::to_string(u.stratum),
              int64_t{static_cast<int>(u.type)}, int64_t{u.persons}});
  }
  return out->Close();
}

// The refused rows of a findings file; the field is named as the findings file's header in
// `lang` (核查项, item).
Status WriteRefused(const ImportFindingsResult& result, const std::string& path, Lang lang) {
  static const std::vector<ReportColumn> kColumns = {{"file", "文件", "file"},
                                                     {"row", "行", "row", CellKind::kInt},
                                                     {"field", "字段", "field"},
                                                     {"message", "说明", "message"}};
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("refused", kColumns);
  for (const FindingRowError& e : result.refused) {
    std::string field = e.field;
    for (const ReportColumn& c : FindingsFileColumns()) {
      if (c.key == e.field) field = TextIn(lang, Bilingual(c.zh, c.en));
    }
    out->Row({e.file, e.row, field, TextIn(lang, e.message)});
  }
  return out->Close();
}

// The interval method of `campaign report --interval`. kNormal (the interval before issue 14)
// is not offered: it under-covers small rates and is kept in the engine only for the coverage
// study's comparison.
StatusOr<IntervalMethod> ParseIntervalMethod(std::string_view text) {
  for (IntervalMethod m : {IntervalMethod::kLogit, IntervalMethod::kKornGraubard}) {
    if (text == IntervalMethodName(m)) return m;
  }
  return InvalidArgumentError(
      Bilingual("区间方法 --interval {} 无效（可用 logit、korn-graubard）",
                "--interval {} is not an interval method (use logit or korn-graubard)", text));
}

// The items the two levels answered differently, one row each; answers in `lang`.
Status WriteDisagreements(const CampaignReport& report, const std::string& path, Lang lang) {
  static const std::vector<ReportColumn> kColumns = {FindingsFileColumns()[0],
                                                     {"village", "行政村代码", "village code"},
                                                     {"village_name", "行政村", "village"},
                                                     FindingsFileColumns()[1],
                                                     {"item_name", "核查项名称", "item name"},
                                                     {"upper_answer", "上级结果", "upper level's answer"},
                                                     {"lower_answer", "下级结果", "lower level's answer"}};
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("disagreements", kColumns);
  for (const ItemDisagreement& d : report.disagreements) {
    const ChecklistItem* item = FindChecklistItem(d.item);
    const std::string name =
        item ? TextIn(lang, Bilingual(std::string(item->name_zh), std::string(item->name_en))) : d.item;
    out->Row({d.household_no, d.village.ToString(), d.village_name, d.item, name,
              std::string(Label(d.upper, lang)), std::string(Label(d.lower, lang))});
  }
  return out->Close();
}

}  // namespace

StatusOr<Campaign> CreateCampaign(Workspace& ws, const CampaignCreateRequest& r) {
  CreateCampaignRequest c;
  c.code = r.code;
  c.name = r.name;
  c.level = r.level;
  ASSIGN_OR_RETURN(c.scope, ws.ScopeOr(r.scope));
  ASSIGN_OR_RETURN(c.items, ParseChecklist(r.items));
  c.compare_to = r.compare_to;
  ASSIGN_OR_RETURN(c.income_line, IncomeLine(r));
  c.created_by = r.created_by;
  ASSIGN_OR_RETURN(c.created_on, StepDate(r.created_on, ws.today(), kCreation));
  return CreateCampaign(ws.store(), c);
}

StatusOr<CampaignSampleResult> SampleCampaign(Workspace& ws, const CampaignSampleRequest& r) {
  ASSIGN_OR_RETURN(Date drawn_on, StepDate(r.drawn_on, ws.today(), kDraw));
  ASSIGN_OR_RETURN(DrawRequest draw, ToDrawRequest(r, drawn_on));
  ASSIGN_OR_RETURN(Campaign campaign, FindByCode(ws.store(), r.campaign));
  RETURN_IF_ERROR(CheckStepOrder(drawn_on, kDraw, campaign.created_on, kCreation));
  ASSIGN_OR_RETURN(DrawResult drawn, DrawCampaignSample(ws.store(), draw));
  CampaignSampleResult out{std::move(drawn.campaign), std::move(drawn.sample), drawn.reused, 0};
  for (const CampaignUnit& u : out.sample.units) out.registered += u.type != HouseholdType::kOrdinaryFarm;
  if (!r.list_path.empty()) RETURN_IF_ERROR(WriteSampleList(out.sample, r.list_path, r.lang));
  return out;
}

StatusOr<ImportFindingsResult> RecordCampaignFindings(Workspace& ws, const CampaignRecordRequest& r) {
  ASSIGN_OR_RETURN(Date recorded_on, StepDate(r.recorded_on, ws.today(), kRecording));
  ASSIGN_OR_RETURN(Campaign campaign, FindByCode(ws.store(), r.campaign));
  ASSIGN_OR_RETURN(std::optional<StoredSample> sample, ws.store().campaigns().LoadSample(campaign.id));
  if (!sample) {
    return FailedPreconditionError(Bilingual("核查活动 {} 尚未抽样，不能录入结果",
                                             "campaign {} has no sample yet: draw it first", campaign.code));
  }
  RETURN_IF_ERROR(CheckStepOrder(recorded_on, kRecording, sample->design.drawn_on, kDraw));
  ASSIGN_OR_RETURN(ImportFindingsResult result,
                   ImportFindings(ws.store(), r.campaign, r.path, r.recorded_by, recorded_on));
  if (!r.refused_path.empty()) RETURN_IF_ERROR(WriteRefused(result, r.refused_path, r.lang));
  return result;
}

StatusOr<CampaignReport> ReportCampaign(Workspace& ws, const CampaignReportRequest& r) {
  ASSIGN_OR_RETURN(IntervalMethod method, ParseIntervalMethod(r.interval));
  ASSIGN_OR_RETURN(CampaignReport report, BuildCampaignReport(ws.store(), r.campaign, r.level, method));
  if (r.disagreements_path.empty()) return report;
  if (!report.lower) {
    return FailedPreconditionError(
        Bilingual("核查活动 {} 没有比对的下级核查（--compare-to），没有不一致清单可写到 {}",
                  "campaign {} has no lower-level campaign to compare with (--compare-to): no disagreements "
                  "to write to {}",
                  r.campaign, r.disagreements_path));
  }
  RETURN_IF_ERROR(WriteDisagreements(report, r.disagreements_path, r.lang));
  return report;
}

StatusOr<std::vector<CampaignSummary>> ListCampaigns(Workspace& ws, const CampaignListRequest&) {
  CampaignStore& campaigns = ws.store().campaigns();
  ASSIGN_OR_RETURN(std::vector<Campaign> all, campaigns.ListCampaigns());
  std::vector<CampaignSummary> out;
  for (Campaign& c : all) {
    CampaignSummary s;
    ASSIGN_OR_RETURN(std::optional<StoredSample> sample, campaigns.LoadSample(c.id));
    if (sample) s.sample_size = sample->design.sample_size;
    ASSIGN_OR_RETURN(s.recorded, campaigns.CountRecordedHouseholds(c.id));
    s.campaign = std::move(c);
    out.push_back(std::move(s));
  }
  return out;
}

StatusOr<CampaignDetail> ShowCampaign(Workspace& ws, const CampaignShowRequest& r) {
  CampaignDetail out;
  ASSIGN_OR_RETURN(out.campaign, FindByCode(ws.store(), r.campaign));
  ASSIGN_OR_RETURN(std::optional<StoredSample> sample, ws.store().campaigns().LoadSample(out.campaign.id));
  if (sample) {
    out.design = sample->design;
    out.cells = static_cast<int64_t>(sample->strata.size());
  }
  return out;
}

}  // namespace jz
