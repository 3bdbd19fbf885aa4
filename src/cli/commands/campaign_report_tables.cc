// `campaign report`'s tables (campaign_report_tables.h).
#include "cli/commands/campaign_report_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/report_file.h"

namespace jz::cli {
namespace {

constexpr std::string_view kThinMark = "†";
constexpr std::string_view kZeroBoundMark = "*";

std::string Percent(const RateFigure& e) {
  if (!e.defined) return "-";
  return fmt::format("{}%{}", PercentNumber(e.rate), e.thin ? kThinMark : "");
}

std::string Interval(const RateFigure& e) {
  if (!e.defined) return "-";
  return fmt::format("{}–{}%{}", PercentNumber(e.ci_low), PercentNumber(e.ci_high),
                     e.zero_count_bound ? kZeroBoundMark : "");
}

std::string Df(const RateFigure& e) { return e.defined ? fmt::format("{:.0f}", e.degrees_of_freedom) : "-"; }

// A difference in percentage points, signed; its interval may straddle zero.
std::string Difference(const RateFigure& e) {
  if (!e.defined) return "-";
  return fmt::format("{}{}%{}", e.rate < 0 ? "-" : "+", PercentNumber(e.rate), e.thin ? kThinMark : "");
}

std::string DifferenceInterval(const RateFigure& e) {
  if (!e.defined) return "-";
  auto signed_number = [](double v) { return fmt::format("{}{}", v < 0 ? "-" : "", PercentNumber(v)); };
  return fmt::format("[{}%, {}%]", signed_number(e.ci_low), signed_number(e.ci_high));
}

// The regions in table order: each region, then the scope's total.
std::vector<const RegionResult*> Rows(const CampaignReport& r) {
  std::vector<const RegionResult*> rows;
  for (const RegionResult& x : r.regions) rows.push_back(&x);
  rows.push_back(&r.total);
  return rows;
}

// Whether `test` holds for a figure the terminal tables show: the regions' rates, the
// comparison's rates and differences, and the scope's items.
bool AnyShown(const CampaignReport& r, bool (*test)(const RateFigure&)) {
  bool any = false;
  for (const RegionResult* x : Rows(r)) {
    any = any || test(x->wrong_exit) || test(x->missed);
    if (!x->comparison) continue;
    for (const PairedFigure* p : {&x->comparison->wrong_exit, &x->comparison->missed}) {
      any = any || test(p->upper) || test(p->lower) || test(p->difference);
    }
  }
  for (const ItemResult& i : r.total.items) any = any || test(i.accuracy) || test(i.discrepancy_rate);
  return any;
}

std::string_view MethodText(const std::string& method, bool english) {
  if (method == "korn-graubard") {
    return english ? "Korn–Graubard (exact binomial on the effective sample size; coverage at least 95%)"
                   : "Korn–Graubard（有效样本量上的精确二项区间，覆盖率不低于 95%）";
  }
  return english ? "logit (Student's t on the logit scale)" : "logit（logit 尺度上的 t 区间）";
}

}  // namespace

std::string PercentNumber(double share) {
  const double percent = std::fabs(100 * share);
  int decimals = 2;
  if (percent > 0 && percent < 1) {
    decimals = std::min(8, 2 - static_cast<int>(std::floor(std::log10(percent))));
  }
  return fmt::format("{:.{}f}", percent, decimals);
}

ReportTable CampaignRegionsTable(const CampaignReport& r) {
  ReportTable table("regions", {{"code", "区划代码", "code"},
                                {"region", "名称", "region"},
                                {"sampled", "样本户", "sampled"},
                                {"recorded", "已录入", "recorded"},
                                {"wrong_exit", "错退率", "wrongly exited"},
                                {"wrong_exit_ci", "95% CI", "95% CI"},
                                {"wrong_exit_df", "df", "df"},
                                {"missed", "漏评率", "missed"},
                                {"missed_ci", "95% CI", "95% CI"},
                                {"missed_df", "df", "df"}});
  for (const RegionResult* x : Rows(r)) {
    table.AddRow({x->code.ShortString(), x->name, std::to_string(x->sampled), std::to_string(x->recorded),
                  Percent(x->wrong_exit), Interval(x->wrong_exit), Df(x->wrong_exit), Percent(x->missed),
                  Interval(x->missed), Df(x->missed)});
  }
  return table;
}

ReportTable CampaignComparisonTable(const CampaignReport& r, Lang lang) {
  ReportTable table("comparison", {{"code", "区划代码", "code"},
                                   {"region", "名称", "region"},
                                   {"population", "比对范围", "population"},
                                   {"disagree", "结果不一致户", "households disagreeing"},
                                   {"upper_wrong_exit", "上级错退率", "upper: wrongly exited"},
                                   {"lower_wrong_exit", "下级错退率", "lower: wrongly exited"},
                                   {"wrong_exit_difference", "差（上−下）", "difference"},
                                   {"wrong_exit_difference_ci", "95% CI", "95% CI"},
                                   {"wrong_exit_df", "df", "df"},
                                   {"upper_missed", "上级漏评率", "upper: missed"},
                                   {"lower_missed", "下级漏评率", "lower: missed"},
                                   {"missed_difference", "差（上−下）", "difference"},
                                   {"missed_difference_ci", "95% CI", "95% CI"},
                                   {"missed_df", "df", "df"}});
  for (const RegionResult* x : Rows(r)) {
    if (!x->comparison) continue;
    const LevelComparison& c = *x->comparison;
    const PairedFigure &w = c.wrong_exit, &m = c.missed;
    table.AddRow({x->code.ShortString(), x->name, TextIn(lang, c.population), std::to_string(c.disagreeing),
                  Percent(w.upper), Percent(w.lower), Difference(w.difference),
                  DifferenceInterval(w.difference), Df(w.difference), Percent(m.upper), Percent(m.lower),
                  Difference(m.difference), DifferenceInterval(m.difference), Df(m.difference)});
  }
  return table;
}

ReportTable CampaignItemsTable(const CampaignReport& r, Lang lang) {
  std::vector<ReportColumn> columns = {
      {"item", "核查项", "item"},          {"name", "名称", "name"},    {"accuracy", "准确率", "accuracy"},
      {"accuracy_ci", "95% CI", "95% CI"}, {"accuracy_df", "df", "df"}, {"problems", "问题户", "problems"}};
  const bool lower = r.lower.has_value();
  if (lower) {
    columns.push_back({"compared", "比对户（两级均答）", "compared (both answered)"});
    columns.push_back({"disagree", "不一致户", "disagree"});
    columns.push_back({"disagreement", "不一致率（两级均核查户）", "disagreement (households both checked)"});
  }
  ReportTable table("items", std::move(columns));
  for (const ItemResult& i : r.total.items) {
    std::vector<ReportCell> row = {i.item,
                                   lang == Lang::kEn ? i.name_en : i.name_zh,
                                   Percent(i.accuracy),
                                   Interval(i.accuracy),
                                   Df(i.accuracy),
                                   std::to_string(i.problems)};
    if (lower) {
      row.emplace_back(std::to_string(i.compared));
      row.emplace_back(std::to_string(i.discrepancies));
      row.emplace_back(Percent(i.discrepancy_rate));
    }
    table.AddRow(std::move(row));
  }
  return table;
}

namespace {

// Who a row of the long table is about: the campaign whose figure it is, the campaign it is
// compared with (difference rows), the population the figure covers, and that campaign's own
// sampled and recorded households in the region.
struct RowSource {
  std::string campaign;
  std::string compare_to;
  std::string population;
  int64_t sampled = 0;
  int64_t recorded = 0;
};

class EstimateRows {
 public:
  EstimateRows(const CampaignReport& r, Lang lang, ReportTable& table) : r_(r), lang_(lang), table_(table) {}

  void Region(const RegionResult& x) {
    const RowSource own{r_.campaign.code, "", TextIn(lang_, x.population), x.sampled, x.recorded};
    Line(x, own, "wrongly_exited_rate", "", x.wrong_exit);
    Line(x, own, "missed_rate", "", x.missed);
    if (x.lower_own) {
      const LowerOwnFigures& l = *x.lower_own;
      const RowSource lower{r_.lower->code, "", TextIn(lang_, l.population), l.sampled, l.recorded};
      Line(x, lower, "wrongly_exited_rate", "", l.wrong_exit);
      Line(x, lower, "missed_rate", "", l.missed);
    }
    if (x.comparison) Comparison(x, *x.comparison);
    for (const ItemResult& i : x.items) {
      Line(x, own, "item_accuracy", i.item, i.accuracy);
      if (!r_.lower || !x.comparison) continue;
      const RowSource pair{r_.campaign.code, r_.lower->code, TextIn(lang_, x.comparison->population),
                           x.sampled, x.recorded};
      Line(x, pair, "item_disagreement", i.item, i.discrepancy_rate, i.discrepancies);
    }
  }

 private:
  void Comparison(const RegionResult& x, const LevelComparison& c) {
    const std::string population = TextIn(lang_, c.population);
    const RowSource upper{r_.campaign.code, r_.lower->code, population, x.sampled, x.recorded};
    RowSource lower{r_.lower->code, "", population, 0, 0};
    if (x.lower_own) {
      lower.sampled = x.lower_own->sampled;
      lower.recorded = x.lower_own->recorded;
    }
    for (const auto& [name, p] :
         {std::pair("wrongly_exited", &c.wrong_exit), std::pair("missed", &c.missed)}) {
      Line(x, upper, fmt::format("{}_rate_on_overlap", name), "", p->upper);
      Line(x, lower, fmt::format("{}_rate_on_overlap", name), "", p->lower);
      Line(x, upper, fmt::format("{}_difference", name), "", p->difference, p->disagreeing);
    }
  }

  void Line(const RegionResult& x, const RowSource& s, std::string metric, std::string item,
            const RateFigure& e, std::optional<int64_t> disagreeing = std::nullopt) {
    auto number = [&](double v) { return e.defined ? ReportCell(v) : ReportCell(); };
    auto text = [](const std::string& v) { return v.empty() ? ReportCell() : ReportCell(v); };
    table_.AddRow({s.campaign,
                   text(s.compare_to),
                   x.code.ShortString(),
                   x.name,
                   s.population,
                   std::move(metric),
                   std::move(item),
                   number(e.rate),
                   number(e.ci_low),
                   number(e.ci_high),
                   number(e.standard_error),
                   number(e.degrees_of_freedom),
                   e.households,
                   e.numerator_units,
                   e.denominator_units,
                   disagreeing ? ReportCell(*disagreeing) : ReportCell(),
                   s.sampled,
                   s.recorded,
                   int64_t{e.thin ? 1 : 0},
                   r_.interval});
  }

  const CampaignReport& r_;
  Lang lang_;
  ReportTable& table_;
};

}  // namespace

ReportTable CampaignEstimatesTable(const CampaignReport& r, Lang lang) {
  ReportTable table("estimates", {{"campaign", "核查活动", "campaign"},
                                  {"compare_to", "比对下级", "compare_to"},
                                  {"region_code", "区划代码", "region_code"},
                                  {"region_name", "名称", "region_name"},
                                  {"population", "口径", "population"},
                                  {"metric", "指标", "metric"},
                                  {"item", "核查项", "item"},
                                  {"estimate", "估计值", "estimate", CellKind::kShare},
                                  {"ci_low", "置信下限", "ci_low", CellKind::kShare},
                                  {"ci_high", "置信上限", "ci_high", CellKind::kShare},
                                  {"se", "标准误", "se", CellKind::kShare},
                                  {"df", "自由度", "df", CellKind::kDecimal},
                                  {"households", "户数", "households", CellKind::kInt},
                                  {"numerator", "分子", "numerator", CellKind::kDecimal},
                                  {"denominator", "分母", "denominator", CellKind::kDecimal},
                                  {"disagreeing", "不一致户", "disagreeing", CellKind::kInt},
                                  {"sampled", "样本户", "sampled", CellKind::kInt},
                                  {"recorded", "已录入", "recorded", CellKind::kInt},
                                  {"thin", "户数偏少", "thin", CellKind::kInt},
                                  {"interval", "区间方法", "interval"}});
  EstimateRows rows(r, lang, table);
  for (const RegionResult* x : Rows(r)) rows.Region(*x);
  return table;
}

ReportTable CampaignDesignTable(const CampaignReport& r) {
  const CampaignDesign& d = r.design;
  ReportTable table("design", {{"campaign", "核查活动", "campaign"},
                               {"level", "级别", "level"},
                               {"compare_to", "比对下级", "compare_to"},
                               {"draw", "抽样次序", "draw", CellKind::kInt},
                               {"census", "全部农户", "census", CellKind::kInt},
                               {"seed", "种子", "seed", CellKind::kInt},
                               {"frame_size", "抽样框户数", "frame_size", CellKind::kInt},
                               {"sample_size", "样本户数", "sample_size", CellKind::kInt},
                               {"strata", "分层", "strata"},
                               {"allocation", "分配", "allocation"},
                               {"registered_share", "建档立卡户占比", "registered_share", CellKind::kShare},
                               {"interval", "区间方法", "interval"},
                               {"min_households", "最少已录入户", "min_households", CellKind::kInt}});
  // Seeds are at most kMaxSampleSeed (2^53 - 1), so they fit a JSON number and int64_t exactly.
  table.AddRow({r.campaign.code, std::string(CliName(r.campaign.level)),
                r.lower ? ReportCell(r.lower->code) : ReportCell(), int64_t{d.draw_no},
                int64_t{d.census ? 1 : 0}, static_cast<int64_t>(d.seed), d.frame_size, d.sample_size,
                std::string(CliName(d.strata)), std::string(CliName(d.allocation)),
                d.registered_share_bp < 0 ? ReportCell() : ReportCell(d.registered_share_bp / 10000.0),
                r.interval, r.thin_minimum});
  return table;
}

std::string CampaignReportHeading(const CampaignReport& r) {
  const CampaignDesign& d = r.design;
  const Campaign& c = r.campaign;
  return Bilingual(
      fmt::format(
          "{} {}（{}），范围 {}；{}；95% 置信区间：{}", c.code, c.name, Label(c.level), c.scope.ShortString(),
          d.census ? "全部农户"
                   : fmt::format("分层抽样，种子 {}，样本 {} / {} 户", d.seed, d.sample_size, d.frame_size),
          MethodText(r.interval, false)),
      fmt::format("{} {} ({}), scope {}; {}; 95% intervals: {}", c.code, c.name, Label(c.level, Lang::kEn),
                  c.scope.ShortString(),
                  d.census ? "census"
                           : fmt::format("stratified sample, seed {}, {} of {} households", d.seed,
                                         d.sample_size, d.frame_size),
                  MethodText(r.interval, true)));
}

std::vector<std::string> CampaignReportLegend(const CampaignReport& r) {
  std::vector<std::string> lines = {
      Bilingual("df：区间所用 t 分布的自由度（已录入户数 − 层格数）",
                "df: the degrees of freedom of the interval's t quantile (recorded households − cells)")};
  if (r.lower) {
    lines.push_back(Bilingual(
        "与下级 {0} 比对：仅限两级均核查的户，按本级抽样设计加权；差 = 本级 − 下级（百分点），其区间可跨零；"
        "不一致率亦仅限两级均核查的户",
        "compared with {0} on the households both levels checked only, weighted by this campaign's design; "
        "difference = this level − the lower (percentage points), its interval may cross zero; disagreement "
        "rates likewise cover only the households both levels checked",
        r.lower->code));
  }
  // Only the regions' rates and the items' accuracy show their interval with the mark.
  bool zero_bound = false;
  for (const RegionResult* x : Rows(r))
    zero_bound = zero_bound || x->wrong_exit.zero_count_bound || x->missed.zero_count_bound;
  for (const ItemResult& i : r.total.items) zero_bound = zero_bound || i.accuracy.zero_count_bound;
  if (zero_bound) {
    lines.push_back(
        Bilingual("* 未发现问题：上界为有效样本量上的精确双侧界",
                  "* nothing found: the upper bound is the exact two-sided bound on the effective "
                  "sample size"));
  }
  if (AnyShown(r, [](const RateFigure& e) { return e.thin; })) {
    lines.push_back(Bilingual("† 所依据的已录入户少于 {0} 户，估计不稳定，仅供参考",
                              "† rests on fewer than {0} recorded households: unstable, read with caution",
                              r.thin_minimum));
  }
  return lines;
}

}  // namespace jz::cli
