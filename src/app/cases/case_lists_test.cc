// Tests of the monitoring cases' history, the summary, overdue and unvisited lists, opening
// leads from warnings, and the public notice's privacy (DOMAIN §3.4-§3.5).
#include "app/cases/cases_test_fixture.h"

namespace jz {
namespace {

using cases_testing::CasesTest;
using cases_testing::D;
using cases_testing::Procedure;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(CasesTest, HistoryOnlyGrows) {
  const int64_t id = Assisting("H1");
  StableIncome("H1");
  std::vector<CaseEvent> before = *store_->cases().ListCaseEvents(id);
  ASSERT_OK(Service().Propose(id, Proposal(D(2024, 8, 1))));
  ASSERT_OK(Service().Keep(id, D(2024, 8, 2), "复核"));
  (void)Service().Propose(id, Proposal(D(2024, 1, 1)));  // refused: nothing written
  std::vector<CaseEvent> after = *store_->cases().ListCaseEvents(id);
  ASSERT_EQ(after.size(), before.size() + 2);
  for (size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i], before[i]);
  for (size_t i = 0; i < after.size(); ++i) EXPECT_EQ(after[i].seq, static_cast<int>(i + 1));
}

TEST_F(CasesTest, SummaryCountsStatesAndOverdueLeadsPerRegion) {
  {  // H3 lives in the neighbouring village
    Household h3 = store_->FindHousehold(ReadScope::WholeDatabase(), "H3").value().value();
    h3.village = *RegionCode::Parse("222424100206");
    ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
    ASSERT_OK(writer->Upsert(h3).status());
    ASSERT_OK(writer->Commit());
  }
  const int64_t included = Open("H1", D(2024, 1, 2));
  ASSERT_OK(Service().Verify(included, D(2024, 1, 4), "入户核实"));
  ASSERT_OK(Service().Include(included, Inclusion()));
  Open("H2", D(2024, 3, 1));  // waiting: overdue on 2024-03-20
  const int64_t verified = Open("H3", D(2024, 3, 10));
  ASSERT_OK(Service().Verify(verified, D(2024, 3, 11), "入户核实"));
  ASSERT_OK_AND_ASSIGN(CaseSummary summary, SummarizeCases(*store_, *RegionCode::Parse("2224"),
                                                           RegionLevel::kVillage, D(2024, 3, 20)));
  ASSERT_EQ(summary.regions.size(), 2u);
  const CaseRegionCounts& first = summary.regions[0];
  EXPECT_EQ(first.region.ToString(), "222424100205");
  EXPECT_EQ(first.by_state[0], 1);  // H2: 线索
  EXPECT_EQ(first.by_state[3], 1);  // H1: 已纳入
  EXPECT_EQ(first.overdue, 1);
  EXPECT_EQ(first.total, 2);
  EXPECT_FALSE(first.name.empty());
  const CaseRegionCounts& second = summary.regions[1];
  EXPECT_EQ(second.region.ToString(), "222424100206");
  EXPECT_EQ(second.by_state[1], 1);  // H3: 已核实, 10 days: in time
  EXPECT_EQ(second.overdue, 0);
  EXPECT_EQ(summary.total.total, 3);
  EXPECT_EQ(summary.total.overdue, 1);
  ASSERT_OK_AND_ASSIGN(
      summary, SummarizeCases(*store_, *RegionCode::Parse("22"), RegionLevel::kCounty, D(2024, 3, 27)));
  ASSERT_EQ(summary.regions.size(), 1u);
  EXPECT_EQ(summary.regions[0].region.ShortString(), "222424");
  EXPECT_EQ(summary.regions[0].overdue, 2);  // H3 is 17 days old by then
}

TEST_F(CasesTest, OverdueListsLateAndWaitingLeads) {
  const int64_t late = Open("H1", D(2023, 12, 30));  // identified 2024-01-15: 16 days
  ASSERT_OK(Service().Verify(late, D(2024, 1, 4), "入户核实"));
  ASSERT_OK(Service().Include(late, Inclusion()));
  const int64_t waiting = Open("H2", D(2024, 3, 1));
  const int64_t fresh = Open("H3", D(2024, 3, 5));
  ASSERT_OK(Service().Verify(fresh, D(2024, 3, 6), "入户核实"));
  ASSERT_OK_AND_ASSIGN(auto overdue, ListOverdueCases(*store_, *RegionCode::Parse("22"), D(2024, 3, 20)));
  ASSERT_EQ(overdue.size(), 2u);
  EXPECT_EQ(overdue[0].c.id, late);
  EXPECT_TRUE(overdue[0].identified);
  EXPECT_EQ(overdue[0].days, 16);
  EXPECT_EQ(overdue[1].c.id, waiting);
  EXPECT_FALSE(overdue[1].identified);
  EXPECT_EQ(overdue[1].days, 19);
  // H3: exactly 15 days on 2024-03-20 is still in time.
  ASSERT_OK_AND_ASSIGN(auto later, ListOverdueCases(*store_, *RegionCode::Parse("22"), D(2024, 3, 21)));
  EXPECT_EQ(later.size(), 3u);
  ASSERT_OK_AND_ASSIGN(auto strict, ListOverdueCases(*store_, *RegionCode::Parse("22"), D(2024, 3, 20), 30));
  EXPECT_EQ(strict.size(), 0u);
  const std::vector<CaseEvent> events = *store_->cases().ListCaseEvents(late);
  EXPECT_THAT(events[2].payload, HasSubstr("late"));
}

TEST_F(CasesTest, UnvisitedListsMonitoredHouseholdsWithTheirCadre) {
  const int64_t a = Assisting("H1");
  const int64_t b = Assisting("H2", MonitoringType::kMarginal);
  Open("H3");  // a lead is not monitored yet
  ASSERT_OK(Service().RecordVisit({"H1", "王芳", D(2024, 6, 20), VisitMode::kInPerson, "收入稳定", 43312345,
                                   129765432, "photo/H1-0620.jpg", ""}));
  ASSERT_OK(Service().AssignCadre({"H2", "赵刚", "县农业局", "科员", "", D(2024, 1, 1), D(2024, 3, 31)}));
  const RegionCode jilin = *RegionCode::Parse("22");
  ASSERT_OK_AND_ASSIGN(auto list, ListUnvisited(*store_, jilin, D(2024, 6, 30)));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].c.id, b);
  EXPECT_FALSE(list[0].last_visit.has_value());
  EXPECT_EQ(list[0].cadre, "") << "the assignment ended before the as-of date";
  ASSERT_OK(Service().AssignCadre({"H2", "孙丽", "乡政府", "", "", D(2024, 4, 1), std::nullopt}));
  ASSERT_OK_AND_ASSIGN(list, ListUnvisited(*store_, jilin, D(2024, 6, 30)));
  EXPECT_EQ(list[0].cadre, "孙丽");
  ASSERT_OK_AND_ASSIGN(list, ListUnvisited(*store_, jilin, D(2024, 6, 30), 5));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].c.id, a);
  EXPECT_EQ(list[0].last_visit, D(2024, 6, 20));
  EXPECT_STATUS(Service().RecordVisit(
                    {"H1", "", D(2024, 6, 21), VisitMode::kPhone, "", 43312345, std::nullopt, "", ""}),
                StatusCode::kInvalidArgument, "both latitude and longitude");
  EXPECT_STATUS(Service().RecordVisit({"H1", "", D(2024, 6, 21), VisitMode::kPhone, "", 91000000, 0, "", ""}),
                StatusCode::kInvalidArgument, "out of range");
  ASSERT_OK_AND_ASSIGN(auto visits, store_->cases().ListVisits("H1"));
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].actor, "李明");
  EXPECT_EQ(visits[0].lat_microdeg, 43312345);
}

TEST_F(CasesTest, OpeningFromWarningsIsIdempotent) {
  ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
  ASSERT_OK(writer->AddWarning({"H1", "JL-W-MEDICAL", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(
      writer->AddWarning({"H1", "JL-W-INCOME-EXITED", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->AddWarning({"H2", "JL-W-DISASTER", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->AddWarning({"H3", "JL-W-DISASTER", "2024-11", "", "v1", D(2024, 11, 30), "…"}).status());
  ASSERT_OK(writer->Commit());
  const RegionCode jilin = *RegionCode::Parse("22");
  ASSERT_OK_AND_ASSIGN(LeadsFromWarnings leads,
                       OpenCasesFromWarnings(*store_, jilin, "2024-12", D(2025, 1, 3), "系统"));
  const std::vector<int64_t>& opened = leads.opened;
  ASSERT_EQ(opened.size(), 2u);
  EXPECT_EQ(leads.households_skipped, 0);
  const MonitoringCase first = store_->cases().FindCase(opened[0]).value().value();
  EXPECT_EQ(first.household_no, "H1");
  EXPECT_EQ(first.source, CaseSource::kScreening);
  EXPECT_TRUE(first.warning_id.has_value());
  EXPECT_THAT(first.evidence, HasSubstr("JL-W-INCOME-EXITED, JL-W-MEDICAL"));
  ASSERT_OK_AND_ASSIGN(LeadsFromWarnings again,
                       OpenCasesFromWarnings(*store_, jilin, "2024-12", D(2025, 1, 3), "系统"));
  EXPECT_TRUE(again.opened.empty());
  // A lead closed as not included is not reopened by the same period's warnings.
  ASSERT_OK(Service().Verify(opened[1], D(2025, 1, 5), "入户核实"));
  ASSERT_OK(Service().Exclude(opened[1], D(2025, 1, 6), "灾损已由保险赔付"));
  ASSERT_OK_AND_ASSIGN(again, OpenCasesFromWarnings(*store_, jilin, "2024-12", D(2025, 1, 7), "系统"));
  EXPECT_TRUE(again.opened.empty());
  EXPECT_EQ(store_->cases().ListCases(CaseFilter())->size(), 2u);
}

// Exclusion rules (负面清单) flag households that should not be registered: not a risk of
// returning to poverty, so their warnings open no monitoring lead.
TEST_F(CasesTest, ExclusionWarningsOpenNoLeads) {
  ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
  ASSERT_OK(writer->AddWarning({"H1", "JL-X-VEHICLE", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->AddWarning({"H2", "JL-X-VEHICLE", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->AddWarning({"H2", "JL-W-MEDICAL", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->Commit());
  Policy policy;
  Rule exclusion, warning;
  exclusion.id = "JL-X-VEHICLE";
  exclusion.kind = RuleKind::kExclusion;
  warning.id = "JL-W-MEDICAL";
  warning.kind = RuleKind::kWarning;
  policy.rules = {exclusion, warning};
  const std::set<std::string> leads_of = LeadRulesOf(policy);
  EXPECT_EQ(leads_of, std::set<std::string>{"JL-W-MEDICAL"});
  ASSERT_OK_AND_ASSIGN(
      LeadsFromWarnings leads,
      OpenCasesFromWarnings(*store_, *RegionCode::Parse("22"), "2024-12", D(2025, 1, 3), "系统", &leads_of));
  ASSERT_EQ(leads.opened.size(), 1u);
  EXPECT_EQ(leads.households_skipped, 1);
  const MonitoringCase c = store_->cases().FindCase(leads.opened[0]).value().value();
  EXPECT_EQ(c.household_no, "H2");
  EXPECT_THAT(c.evidence, HasSubstr("JL-W-MEDICAL"));
  EXPECT_THAT(c.evidence, Not(HasSubstr("JL-X-VEHICLE")));
}

// Without a policy file the kind stored with each warning decides: stored exclusions open
// no lead; a warning of unknown kind (stored before kinds were recorded) still does.
TEST_F(CasesTest, WithoutAPolicyStoredExclusionKindsOpenNoLeads) {
  ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
  Warning vehicle{"H1", "JL-X-VEHICLE", "2024-12", "", "v1", D(2024, 12, 31), "…"};
  vehicle.kind = WarningKind::kExclusion;
  ASSERT_OK(writer->AddWarning(vehicle).status());
  Warning medical{"H2", "JL-W-MEDICAL", "2024-12", "", "v1", D(2024, 12, 31), "…"};
  medical.kind = WarningKind::kWarning;
  ASSERT_OK(writer->AddWarning(medical).status());
  ASSERT_OK(writer->AddWarning({"H3", "JL-W-OLD", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(LeadsFromWarnings leads, OpenCasesFromWarnings(*store_, *RegionCode::Parse("22"),
                                                                      "2024-12", D(2025, 1, 3), "系统"));
  EXPECT_EQ(leads.opened.size(), 2u) << "H2's warning and H3's of unknown kind";
  EXPECT_EQ(leads.households_skipped, 1);
  for (const int64_t id : leads.opened)
    EXPECT_NE(store_->cases().FindCase(id).value().value().household_no, "H1");
}

TEST_F(CasesTest, PublicNoticeShowsTheProcedureButNoPersonalData) {
  const int64_t id = Open("H1");
  EXPECT_STATUS(PublicNoticeText(*store_, id), StatusCode::kFailedPrecondition,
                "no inclusion or elimination");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  IncludeRequest r = Inclusion();
  r.risks = {RiskCategory::kIllness, RiskCategory::kHousingSafety};
  ASSERT_OK(Service().Include(id, r));
  ASSERT_OK_AND_ASSIGN(std::string text, PublicNoticeText(*store_, id));
  for (const char* part : {"金成浩", "柳树河村委会三组", "脱贫不稳定户", "因病、住房安全", "2024-01-06",
                           "2024-01-07 至 2024-01-11（共 5 天）"}) {
    EXPECT_THAT(text, HasSubstr(part));
  }
  const Household h = store_->FindHousehold(ReadScope::WholeDatabase(), "H1").value().value();
  EXPECT_OK(CheckNoticePrivacy(text, h));
  EXPECT_THAT(text, Not(HasSubstr(h.phone)));
  EXPECT_THAT(text, Not(HasSubstr("长期慢性病")));
  for (const Person& p : h.members) EXPECT_THAT(text, Not(HasSubstr(p.id_number.ToString().substr(0, 6))));

  EXPECT_STATUS(CheckNoticePrivacy(text + h.members[1].id_number.Masked(), h),
                StatusCode::kFailedPrecondition, "ID number of 金美玲");
  EXPECT_STATUS(CheckNoticePrivacy(text + "电话 " + h.phone, h), StatusCode::kFailedPrecondition, "phone");
  EXPECT_STATUS(CheckNoticePrivacy(text + "户主长期慢性病", h), StatusCode::kFailedPrecondition,
                "health condition");
  EXPECT_STATUS(CheckNoticePrivacy(text + "开户账号 6222021234567890123", h), StatusCode::kFailedPrecondition,
                "bank account");
}

TEST_F(CasesTest, RecordsAfterTodayAndAssignmentsEndingBeforeTheyStartAreRefused) {
  CaseService service(*store_, "王强", D(2024, 6, 30));
  EXPECT_STATUS(service.AssignCadre({"H1", "孙丽", "乡政府", "", "", D(2024, 4, 1), D(2024, 3, 1)}),
                StatusCode::kInvalidArgument, "2024-03-01");
  EXPECT_STATUS(service.AssignCadre({"H1", "孙丽", "乡政府", "", "", D(2024, 7, 1), std::nullopt}),
                StatusCode::kInvalidArgument, "2024-07-01");
  EXPECT_OK(service.AssignCadre({"H1", "孙丽", "乡政府", "", "", D(2024, 6, 30), std::nullopt}));
  Visit v;
  v.household_no = "H1";
  v.visit_date = D(2024, 7, 1);
  EXPECT_STATUS(service.RecordVisit(v), StatusCode::kInvalidArgument, "2024-07-01");
  EXPECT_STATUS(service.Open({"H1", CaseSource::kVisit, D(2024, 7, 1), "", std::nullopt}),
                StatusCode::kInvalidArgument, "2024-07-01");
}

TEST(CaseDates, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(AddMonths(D(2024, 8, 31), -6), D(2024, 2, 29));
  EXPECT_EQ(AddMonths(D(2023, 3, 31), -1), D(2023, 2, 28));
  EXPECT_EQ(AddMonths(D(2024, 1, 15), 6), D(2024, 7, 15));
  EXPECT_EQ(AddMonths(D(2024, 11, 30), 3), D(2025, 2, 28));
}

}  // namespace
}  // namespace jz
