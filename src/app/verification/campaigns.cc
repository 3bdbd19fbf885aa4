// Campaign use cases: checklist, create, draw, record and import findings (campaigns.h).
// The report is in campaign_report.cc, the simulation in campaign_simulation.cc.
#include "app/verification/campaigns.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/registry/internal/region_name_text.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "io/table_reader.h"

namespace jz {
namespace {

constexpr ChecklistItem kDefaultChecklist[] = {
    {"food", "不愁吃", "food secure", true},
    {"clothing", "不愁穿", "clothing secure", true},
    {"education", "义务教育有保障", "compulsory education secured", true},
    {"medical", "基本医疗有保障", "basic medical care secured", true},
    {"housing", "住房安全有保障", "safe housing", true},
    {"water", "饮水安全", "safe drinking water", true},
    {"income", "收入达到标准", "income above the line", true},
    {"assistance", "帮扶措施落实", "assistance delivered", false},
    {"accuracy", "信息数据准确", "registry data accurate", false},
};

std::string KnownItems() {
  std::string out;
  for (const ChecklistItem& item : kDefaultChecklist) {
    if (!out.empty()) out += ", ";
    out += item.code;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The sampling rule is not compared: asking again for the stored draw's design and seed returns
// that draw whichever rule made it (stored draws are never re-drawn; docs/campaigns.md).
bool SameDesign(const CampaignDesign& stored, const SampleDesign& d, StrataKind strata) {
  if (stored.census || d.census) return stored.census == d.census;
  return stored.seed == d.seed && stored.strata == strata &&
         static_cast<int>(stored.allocation) == static_cast<int>(d.allocation) && stored.size == d.size &&
         stored.fraction_bp == (d.size > 0 ? 0 : d.fraction_bp) &&
         stored.registered_share_bp == d.registered_share_bp && stored.min_per_stratum == d.min_per_stratum;
}

StatusOr<Campaign> RequireCampaign(Store& store, std::string_view code) {
  ASSIGN_OR_RETURN(std::optional<Campaign> campaign, store.campaigns().FindCampaign(code));
  if (!campaign) {
    return NotFoundError(Bilingual("核查活动 {} 不存在", "no campaign {}", code));
  }
  return *campaign;
}

StoredSample ToStored(const std::vector<FrameHousehold>& frame, const std::vector<FrameUnit>& units,
                      const Sample& sample, const DrawRequest& request, StrataKind strata) {
  StoredSample s;
  CampaignDesign& d = s.design;
  d.census = request.design.census;
  d.seed = d.census ? 0 : request.design.seed;
  d.frame_size = sample.frame_size;
  d.strata = strata;
  d.allocation = request.design.allocation == Allocation::kEqual ? SampleAllocation::kEqual
                                                                 : SampleAllocation::kProportional;
  d.size = d.census ? 0 : request.design.size;
  d.fraction_bp = d.census || request.design.size > 0 ? 0 : request.design.fraction_bp;
  d.registered_share_bp = request.design.registered_share_bp;
  d.min_per_stratum = request.design.min_per_stratum;
  d.sampling_rule = kSamplingRule;
  d.sample_size = static_cast<int64_t>(sample.units.size());
  d.drawn_by = request.drawn_by;
  d.drawn_on = request.drawn_on;
  for (const SampleCell& c : sample.cells)
    s.strata.push_back({c.stratum, c.registered, c.frame_count, c.sample_count});
  for (const SampledUnit& u : sample.units) {
    const FrameHousehold& h = frame[static_cast<size_t>(u.frame_index)];
    s.units.push_back({h.household_id, h.household_no, h.village,
                       units[static_cast<size_t>(u.frame_index)].stratum, h.type, h.persons,
                       static_cast<int64_t>(s.units.size())});
  }
  return s;
}

}  // namespace

std::span<const ChecklistItem> DefaultChecklist() { return kDefaultChecklist; }

const ChecklistItem* FindChecklistItem(std::string_view code) {
  for (const ChecklistItem& item : kDefaultChecklist) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

StatusOr<std::vector<std::string>> ParseChecklist(std::string_view text) {
  std::vector<std::string> items;
  std::set<std::string, std::less<>> seen;
  while (!Trim(text).empty()) {
    const size_t comma = text.find(',');
    const std::string_view code = Trim(text.substr(0, comma));
    if (!FindChecklistItem(code)) {
      return InvalidArgumentError(Bilingual("未知核查项 {}（可用：{}）",
                                            "unknown checklist item {} (known: {})", code, KnownItems()));
    }
    if (!seen.insert(std::string(code)).second) {
      return InvalidArgumentError(Bilingual("核查项 {} 重复", "item {} is repeated", code));
    }
    items.emplace_back(code);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (items.empty()) {
    for (const ChecklistItem& item : kDefaultChecklist) items.emplace_back(item.code);
  }
  return items;
}

StatusOr<Campaign> CreateCampaign(Store& store, const CreateCampaignRequest& r) {
  if (r.code.empty() || r.name.empty()) {
    return InvalidArgumentError(Bilingual("核查活动须有编号和名称", "a campaign needs a code and a name"));
  }
  if (r.income_line.fen() <= 0) {
    return InvalidArgumentError(Bilingual("收入标准线须为正数", "the income line must be positive"));
  }
  ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(r.scope));
  if (!region) {
    return NotFoundError(Bilingual("区划 {} 未加载", "region {} is not loaded", r.scope.ShortString()));
  }
  if (r.level == CampaignLevel::kCounty && r.scope.level() < RegionLevel::kCounty) {
    return InvalidArgumentError(
        Bilingual("县级自查的范围须在县级或以下", "a county self-check's scope must be a county or below"));
  }
  Campaign c;
  c.code = r.code;
  c.name = r.name;
  c.level = r.level;
  c.scope = r.scope;
  c.items = r.items;
  if (c.items.empty()) {
    ASSIGN_OR_RETURN(c.items, ParseChecklist(""));
  }
  c.income_line = r.income_line;
  c.created_by = r.created_by;
  c.created_on = r.created_on;
  if (!r.compare_to.empty()) {
    ASSIGN_OR_RETURN(Campaign lower, RequireCampaign(store, r.compare_to));
    if (lower.level >= r.level) {
      return InvalidArgumentError(Bilingual("对比的核查活动 {} 须是更低一级",
                                            "campaign {} to compare with must be of a lower level",
                                            lower.code));
    }
    if (!lower.scope.Contains(r.scope) && !r.scope.Contains(lower.scope)) {
      return InvalidArgumentError(Bilingual("对比的核查活动 {} 的范围与本活动不重叠",
                                            "campaign {}'s scope does not overlap this one", lower.code));
    }
    c.compare_to = lower.id;
  }
  ASSIGN_OR_RETURN(c.id, store.campaigns().CreateCampaign(c));
  return c;
}

StatusOr<DrawResult> DrawCampaignSample(Store& store, const DrawRequest& request) {
  DrawResult result;
  ASSIGN_OR_RETURN(result.campaign, RequireCampaign(store, request.campaign));
  DrawRequest r = request;
  StrataKind strata = r.strata;
  if (result.campaign.level == CampaignLevel::kCounty) {
    r.design.census = true;
    strata = StrataKind::kVillage;
  }
  ASSIGN_OR_RETURN(std::optional<StoredSample> stored, store.campaigns().LoadSample(result.campaign.id));
  if (stored && SameDesign(stored->design, r.design, strata)) {
    result.sample = std::move(*stored);
    result.reused = true;
    return result;
  }
  ASSIGN_OR_RETURN(std::vector<FrameHousehold> frame, store.campaigns().ReadFrame(result.campaign.scope));
  std::vector<FrameUnit> units;
  units.reserve(frame.size());
  for (const FrameHousehold& h : frame) {
    const RegionCode stratum = h.village.AtLevel(StrataLevel(strata));
    units.push_back({h.household_no, stratum.value(), h.type != HouseholdType::kOrdinaryFarm, h.persons});
  }
  ASSIGN_OR_RETURN(Sample sample, DrawSample(units, r.design));
  result.sample = ToStored(frame, units, sample, r, strata);
  ASSIGN_OR_RETURN(result.sample.design.draw_no,
                   store.campaigns().SaveSample(result.campaign.id, result.sample));
  return result;
}

StatusOr<int32_t> RecordHouseholdFindings(Store& store, const Campaign& campaign,
                                          const HouseholdFindings& findings) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const CampaignFinding& f : findings.findings) {
    if (std::find(campaign.items.begin(), campaign.items.end(), f.item) == campaign.items.end()) {
      return InvalidArgumentError(Bilingual("户 {}：核查项 {} 不在本活动的核查清单中",
                                            "household {}: item {} is not on the campaign's checklist",
                                            findings.household_no, f.item));
    }
    if (!seen.insert({f.item, f.person_no}).second) {
      return InvalidArgumentError(Bilingual("户 {}：核查项 {} 重复", "household {}: item {} is given twice",
                                            findings.household_no, f.item));
    }
    if (f.value && (f.item != "income" || f.value->fen() < 0)) {
      return InvalidArgumentError(Bilingual("户 {}：只有 income 项可填非负金额",
                                            "household {}: only the income item takes a value, not negative",
                                            findings.household_no));
    }
  }
  return store.campaigns().RecordFindings(campaign.id, findings);
}

namespace {

struct ParsedRow {
  int64_t row = 0;
  CampaignFinding finding;
  std::optional<FindingRowError> error;
};

struct HouseholdRows {
  std::string household_no;
  std::vector<ParsedRow> rows;
};

// Column positions of a findings file; -1 when absent.
struct Columns {
  int household_no = -1, item = -1, answer = -1, value = -1, note = -1, person_no = -1;
};

// A header in traditional characters is compared in simplified ones, so that 核查項 as a
// person types it and 覈查項 as OpenCC writes it both name the item column.
bool NamesColumn(std::string_view name, const ReportColumn& column) {
  return name == column.key || name == column.en || name == column.zh ||
         internal::ToSimplifiedChinese(name) == column.zh;
}

StatusOr<Columns> ReadHeader(const std::vector<std::string_view>& header, const std::string& path) {
  Columns c;
  int* const positions[] = {&c.household_no, &c.item, &c.answer, &c.value, &c.note, &c.person_no};
  const std::vector<ReportColumn>& columns = FindingsFileColumns();
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string_view name = Trim(header[i]);
    for (size_t k = 0; k < columns.size(); ++k) {
      if (*positions[k] < 0 && NamesColumn(name, columns[k])) *positions[k] = static_cast<int>(i);
    }
  }
  if (c.household_no < 0 || c.item < 0 || c.answer < 0) {
    return InvalidArgumentError(
        Bilingual("{}：表头须含 户编号（household_no）、核查项（item）、结果（answer）列",
                  "{}: the header must have household_no, item and answer", path));
  }
  return c;
}

ParsedRow ParseRow(const std::vector<std::string_view>& fields, const Columns& c, const Campaign& campaign,
                   const std::string& path, int64_t row) {
  ParsedRow out;
  out.row = row;
  auto cell = [&](int at) {
    return at >= 0 && static_cast<size_t>(at) < fields.size() ? Trim(fields[static_cast<size_t>(at)])
                                                              : std::string_view();
  };
  auto fail = [&](std::string field, std::string message) {
    out.error = FindingRowError{path, row, std::move(field), std::move(message)};
    return out;
  };
  out.finding.item = std::string(cell(c.item));
  if (std::find(campaign.items.begin(), campaign.items.end(), out.finding.item) == campaign.items.end()) {
    return fail("item", Bilingual("核查项 {} 不在本活动的核查清单中",
                                  "item {} is not on the campaign's checklist", out.finding.item));
  }
  StatusOr<FindingAnswer> answer = Parse<FindingAnswer>(cell(c.answer));
  if (!answer.ok()) return fail("answer", std::string(answer.status().message()));
  out.finding.answer = *answer;
  const std::string_view value = cell(c.value);
  if (!value.empty()) {
    StatusOr<Money> money = Money::Parse(value);
    if (!money.ok()) return fail("value", std::string(money.status().message()));
    if (out.finding.item != "income" || money->fen() < 0) {
      return fail("value", Bilingual("只有 income 项可填数值，且不能为负",
                                     "only the income item takes a value, not negative"));
    }
    out.finding.value = *money;
  }
  out.finding.note = std::string(cell(c.note));
  out.finding.person_no = std::string(cell(c.person_no));
  return out;
}

// Marks duplicates of (item, person) inside a household as errors.
void CheckDuplicates(HouseholdRows& h, const std::string& path) {
  std::map<std::pair<std::string, std::string>, int64_t> first;
  for (ParsedRow& r : h.rows) {
    if (r.error) continue;
    auto [it, fresh] = first.emplace(std::make_pair(r.finding.item, r.finding.person_no), r.row);
    if (!fresh) {
      r.error = FindingRowError{
          path, r.row, "item",
          Bilingual("户 {} 的核查项 {} 与第 {} 行重复", "household {}: item {} repeats row {}",
                    h.household_no, r.finding.item, it->second)};
    }
  }
}

void RefuseHousehold(const HouseholdRows& h, const std::string& path, ImportFindingsResult& result,
                     std::optional<FindingRowError> reason) {
  ++result.households_refused;
  int64_t bad_row = reason ? reason->row : 0;
  for (const ParsedRow& r : h.rows) {
    if (r.error && bad_row == 0) bad_row = r.row;
  }
  for (const ParsedRow& r : h.rows) {
    if (r.error) {
      result.refused.push_back(*r.error);
    } else if (reason && reason->row == r.row) {
      result.refused.push_back(*reason);
    } else {
      result.refused.push_back(
          {path, r.row, reason ? reason->field : "household_no",
           Bilingual("户 {} 因第 {} 行的问题整户未录入", "household {} refused whole because of row {}",
                     h.household_no, bad_row)});
    }
  }
}

}  // namespace

const std::vector<ReportColumn>& FindingsFileColumns() {
  static const std::vector<ReportColumn> kColumns = {{"household_no", "户编号", "household no"},
                                                     {"item", "核查项", "item"},
                                                     {"answer", "结果", "answer"},
                                                     {"value", "数值", "value", CellKind::kMoney},
                                                     {"note", "备注", "note"},
                                                     {"person_no", "人编号", "person no"}};
  return kColumns;
}

StatusOr<ImportFindingsResult> ImportFindings(Store& store, std::string_view campaign_code,
                                              const std::string& path, const std::string& recorded_by,
                                              Date recorded_on) {
  ASSIGN_OR_RETURN(Campaign campaign, RequireCampaign(store, campaign_code));
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> reader, OpenTable(path));
  std::vector<std::string_view> fields;
  ASSIGN_OR_RETURN(bool has_header, reader->Next(fields));
  if (!has_header) {
    return InvalidArgumentError(Bilingual("{}：文件为空", "{}: the file is empty", path));
  }
  ASSIGN_OR_RETURN(Columns columns, ReadHeader(fields, path));
  std::vector<HouseholdRows> households;
  std::map<std::string, size_t, std::less<>> index;
  ImportFindingsResult result;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(fields));
    if (!more) break;
    const int64_t row = ++result.rows;
    const std::string_view no = static_cast<size_t>(columns.household_no) < fields.size()
                                    ? Trim(fields[static_cast<size_t>(columns.household_no)])
                                    : std::string_view();
    auto [it, fresh] = index.emplace(std::string(no), households.size());
    if (fresh) households.push_back({std::string(no), {}});
    HouseholdRows& h = households[it->second];
    h.rows.push_back(ParseRow(fields, columns, campaign, path, row));
    if (no.empty() && !h.rows.back().error) {
      h.rows.back().error =
          FindingRowError{path, row, "household_no", Bilingual("户编号为空", "household_no is empty")};
    }
  }
  // Valid households go to the store in batches of kFindingsBatchHouseholds, each household in
  // its own savepoint: one commit per batch instead of one per household.
  std::vector<HouseholdFindings> batch;
  std::vector<const HouseholdRows*> batch_rows;
  std::vector<StatusOr<int32_t>> outcomes;
  auto flush = [&]() -> Status {
    RETURN_IF_ERROR(store.campaigns().RecordFindingsBatch(campaign.id, batch, outcomes));
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!outcomes[i].ok()) {
        RefuseHousehold(*batch_rows[i], path, result,
                        FindingRowError{path, batch_rows[i]->rows.front().row, "household_no",
                                        std::string(outcomes[i].status().message())});
        continue;
      }
      ++result.households_stored;
      result.rows_stored += static_cast<int64_t>(batch_rows[i]->rows.size());
    }
    batch.clear();
    batch_rows.clear();
    return OkStatus();
  };
  for (HouseholdRows& h : households) {
    CheckDuplicates(h, path);
    const bool bad =
        std::any_of(h.rows.begin(), h.rows.end(), [](const ParsedRow& r) { return r.error.has_value(); });
    if (bad) {
      RefuseHousehold(h, path, result, std::nullopt);
      continue;
    }
    HouseholdFindings findings{h.household_no, {}, recorded_by, recorded_on};
    for (const ParsedRow& r : h.rows) findings.findings.push_back(r.finding);
    batch.push_back(std::move(findings));
    batch_rows.push_back(&h);
    if (batch.size() == kFindingsBatchHouseholds) RETURN_IF_ERROR(flush());
  }
  RETURN_IF_ERROR(flush());
  std::stable_sort(result.refused.begin(), result.refused.end(),
                   [](const FindingRowError& a, const FindingRowError& b) { return a.row < b.row; });
  return result;
}

}  // namespace jz
