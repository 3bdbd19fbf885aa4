// Tests of the monitoring-case state machine (DOMAIN §3.5-§3.8): every step, every refused
// step with the condition its message names, the kept history, the overdue and unvisited
// lists, opening leads from warnings, and the public notice's privacy.
#include "app/cases/cases.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

ProcedureDates Procedure(Date appraisal, Date notice_start, Date notice_end, Date approval) {
  return {appraisal, notice_start, notice_end, approval};
}

class CasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(OpenSqliteStore(":memory:")).value();
    ASSERT_OK(testing::LoadTestRegions(*store_));
    Household h1 = testing::TestHousehold("H1", 2);  // 脱贫户; head 64 in 2024, 长期慢性病
    h1.monitoring_type.reset();
    h1.risk_identified.reset();
    Household h2 = testing::TestHousehold("H2", 1, 10);
    h2.type = HouseholdType::kOrdinaryFarm;
    h2.monitoring_type.reset();
    h2.risk_identified.reset();
    Household h3 = testing::TestHousehold("H3", 2, 20);
    h3.monitoring_type.reset();
    for (Person& p : h3.members) p.labour_skill = LabourSkill::kLostCapacity;
    ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
    for (const Household& h : {h1, h2, h3}) ASSERT_OK(writer->Upsert(h).status());
    ASSERT_OK(writer->Commit());
  }

  int64_t Open(const std::string& household, Date lead = D(2024, 1, 2)) {
    StatusOr<int64_t> id = Service().Open({household, CaseSource::kApplication, lead, "农户申请", std::nullopt});
    EXPECT_TRUE(id.ok()) << id.status();
    return id.ok() ? *id : 0;
  }
  IncludeRequest Inclusion(MonitoringType type = MonitoringType::kUnstableExited) {
    IncludeRequest r;
    r.date = D(2024, 1, 15);
    r.monitoring_type = type;
    r.risks = {RiskCategory::kIllness};
    r.procedure = Procedure(D(2024, 1, 6), D(2024, 1, 7), D(2024, 1, 11), D(2024, 1, 12));
    r.evidence = "村民代表会议记录";
    return r;
  }
  // A case of `household` included on 2024-01-15 with one measure from 2024-01-20.
  int64_t Assisting(const std::string& household, MonitoringType type = MonitoringType::kUnstableExited) {
    const int64_t id = Open(household);
    EXPECT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实：医疗支出大"));
    EXPECT_OK(Service().Include(id, Inclusion(type)));
    EXPECT_OK(Service().RecordMeasure(id, D(2024, 1, 20), Measure(D(2024, 1, 20))));
    return id;
  }
  static AssistanceMeasure Measure(Date start) {
    return {"", AssistanceKind::kHealth, start, std::nullopt, "医疗救助", Money::FromYuan(3000)};
  }
  void StableIncome(const std::string& household) {
    for (Date d : {D(2024, 1, 20), D(2024, 4, 1), D(2024, 7, 1)}) {
      ASSERT_OK(Service().RecordIncomeCheck(household, d, Money::FromYuan(9000), "入户核算"));
    }
  }
  EliminationRequest Proposal(Date date, std::optional<RiskEliminationMethod> method = std::nullopt) {
    EliminationRequest r;
    r.date = date;
    r.method = method;
    r.monitoring_line = Money::FromYuan(7500);
    r.evidence = "收入稳定";
    return r;
  }
  EliminationRequest Elimination() {
    EliminationRequest r = Proposal(D(2024, 8, 30));
    r.procedure = Procedure(D(2024, 8, 22), D(2024, 8, 23), D(2024, 8, 27), D(2024, 8, 29));
    return r;
  }
  size_t Events(int64_t id) { return store_->cases().ListCaseEvents(id)->size(); }
  CaseState State(int64_t id) { return store_->cases().FindCase(id)->value().state; }

  CaseService Service(const std::string& actor = "李明") { return CaseService(*store_, actor); }

  std::unique_ptr<Store> store_;
};

TEST_F(CasesTest, FullLifecycleKeepsEveryStepAndUpdatesTheRegistry) {
  const int64_t id = Open("H1");
  EXPECT_EQ(State(id), CaseState::kLead);
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实：医疗支出大"));
  EXPECT_EQ(State(id), CaseState::kVerified);
  ASSERT_OK(Service("王县长").Include(id, Inclusion()));
  EXPECT_EQ(State(id), CaseState::kIncluded);
  const Household included = store_->FindHousehold("H1").value().value();
  EXPECT_EQ(included.monitoring_type, MonitoringType::kUnstableExited);
  EXPECT_EQ(included.risk_identified, D(2024, 1, 15));
  EXPECT_EQ(included.type, HouseholdType::kExited) << "a 脱贫户 stays a 脱贫户";
  ASSERT_OK(Service().RecordMeasure(id, D(2024, 1, 20), Measure(D(2024, 1, 20))));
  EXPECT_EQ(State(id), CaseState::kAssisting);
  ASSERT_OK(Service().RecordMeasure(id, D(2024, 2, 1), Measure(D(2024, 2, 1))));
  EXPECT_EQ(State(id), CaseState::kAssisting);
  StableIncome("H1");
  ASSERT_OK(Service().Propose(id, Proposal(D(2024, 8, 1))));
  EXPECT_EQ(State(id), CaseState::kEliminationProposed);
  ASSERT_OK(Service().Keep(id, D(2024, 8, 10), "村评议认为医疗负担仍重"));
  EXPECT_EQ(State(id), CaseState::kAssisting);
  ASSERT_OK(Service().Propose(id, Proposal(D(2024, 8, 20))));
  ASSERT_OK(Service("王县长").Eliminate(id, Elimination()));
  EXPECT_EQ(State(id), CaseState::kEliminated);

  ASSERT_OK_AND_ASSIGN(CaseDetail d, LoadCaseDetail(*store_, id));
  std::vector<CaseAction> actions;
  for (const CaseEvent& e : d.events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<CaseAction>{CaseAction::kOpen, CaseAction::kVerify, CaseAction::kInclude,
                                              CaseAction::kMeasure, CaseAction::kMeasure, CaseAction::kPropose,
                                              CaseAction::kKeep, CaseAction::kPropose, CaseAction::kEliminate}));
  EXPECT_EQ(d.events[2].actor, "王县长");
  EXPECT_EQ(d.events[2].notice_end, D(2024, 1, 11));
  EXPECT_EQ(d.events[6].reason, "村评议认为医疗负担仍重");
  EXPECT_EQ(d.measures.size(), 2u);
  EXPECT_EQ(d.c.method, RiskEliminationMethod::kByAssistance);
  EXPECT_EQ(d.c.closed_date, D(2024, 8, 30));
  const Household eliminated = store_->FindHousehold("H1").value().value();
  EXPECT_EQ(eliminated.risk_eliminated, D(2024, 8, 30));
  ASSERT_OK_AND_ASSIGN(auto status_events, store_->ListStatusEvents("H1"));
  ASSERT_EQ(status_events.size(), 2u);
  EXPECT_EQ(status_events[0].kind, StatusEventKind::kMonitored);
  EXPECT_EQ(status_events[1].kind, StatusEventKind::kRiskEliminated);
  // A closed case allows a new lead for the household.
  EXPECT_OK(Service().Open({"H1", CaseSource::kVisit, D(2024, 10, 1), "再次排查", std::nullopt}).status());
}

TEST_F(CasesTest, OrdinaryFarmHouseholdBecomesMonitoredHousehold) {
  const int64_t id = Open("H2");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  ASSERT_OK(Service().Include(id, Inclusion(MonitoringType::kMarginal)));
  EXPECT_EQ(store_->FindHousehold("H2").value()->type, HouseholdType::kMonitored);
}

TEST_F(CasesTest, WrongStateIsRefusedNamingStateAndAllowedSteps) {
  const int64_t id = Open("H1");
  EXPECT_STATUS(Service().Include(id, Inclusion()), StatusCode::kFailedPrecondition, "当前状态为「线索」");
  EXPECT_STATUS(Service().Include(id, Inclusion()), StatusCode::kFailedPrecondition, "allowed next steps: verify");
  EXPECT_STATUS(Service().Exclude(id, D(2024, 1, 5), "不符合"), StatusCode::kFailedPrecondition, "is lead");
  EXPECT_STATUS(Service().RecordMeasure(id, D(2024, 1, 5), Measure(D(2024, 1, 5))), StatusCode::kFailedPrecondition,
                "cannot record measure");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  EXPECT_STATUS(Service().Verify(id, D(2024, 1, 4), "入户核实"), StatusCode::kFailedPrecondition,
                "allowed next steps: include, exclude");
  ASSERT_OK(Service().Include(id, Inclusion()));
  EXPECT_STATUS(Service().Propose(id, Proposal(D(2024, 8, 1))), StatusCode::kFailedPrecondition,
                "is included, so it cannot propose elimination; allowed next steps: record measure");
  EXPECT_STATUS(Service().Keep(id, D(2024, 8, 1), "x"), StatusCode::kFailedPrecondition, "cannot keep monitoring");
  EXPECT_STATUS(Service().Eliminate(id, Elimination()), StatusCode::kFailedPrecondition, "cannot eliminate");
  EXPECT_EQ(Events(id), 3u) << "refusals write nothing";
}

TEST_F(CasesTest, FinalStatesAllowNothing) {
  const int64_t id = Open("H1");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  ASSERT_OK(Service().Exclude(id, D(2024, 1, 8), "家庭收入稳定，无返贫风险"));
  EXPECT_EQ(State(id), CaseState::kNotIncluded);
  EXPECT_EQ(store_->cases().ListCaseEvents(id)->back().reason, "家庭收入稳定，无返贫风险");
  EXPECT_STATUS(Service().Include(id, Inclusion()), StatusCode::kFailedPrecondition, "无（已结案）");
  EXPECT_STATUS(Service().Verify(id, D(2024, 1, 9), "x"), StatusCode::kFailedPrecondition, "none (the case is closed)");
}

TEST_F(CasesTest, OpenRefusesUnknownHouseholdSecondOpenCaseAndMissingActor) {
  Open("H1");
  EXPECT_STATUS(Service().Open({"H1", CaseSource::kVisit, D(2024, 1, 3), "", std::nullopt}),
                StatusCode::kAlreadyExists, "already has open case");
  EXPECT_STATUS(Service().Open({"H9", CaseSource::kVisit, D(2024, 1, 3), "", std::nullopt}), StatusCode::kNotFound, "H9");
  EXPECT_STATUS(Service(" ").Open({"H2", CaseSource::kVisit, D(2024, 1, 3), "", std::nullopt}),
                StatusCode::kInvalidArgument, "--by");
}

TEST_F(CasesTest, VerifyAndExcludeRefusalsListEveryFailedCondition) {
  const int64_t id = Open("H1", D(2024, 1, 10));
  Status s = Service().Verify(id, D(2024, 1, 9), "");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("(1) date 2024-01-09 is before the lead date 2024-01-10"));
  EXPECT_THAT(s.message(), HasSubstr("(2) what the visit found (--evidence) is required"));
  ASSERT_OK(Service().Verify(id, D(2024, 1, 11), "入户核实"));
  EXPECT_STATUS(Service().Exclude(id, D(2024, 1, 12), " "), StatusCode::kFailedPrecondition, "须填写不纳入的理由");
  EXPECT_EQ(Events(id), 2u);
}

TEST_F(CasesTest, IncludeRefusalsNameEachProcedureCondition) {
  const int64_t id = Open("H1");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  IncludeRequest r = Inclusion();
  r.monitoring_type.reset();
  r.risks.clear();
  // Appraisal before the visit, a 4-day notice starting before the appraisal, approval on the
  // notice's last day, identification before the approval.
  r.procedure = Procedure(D(2024, 1, 3), D(2024, 1, 2), D(2024, 1, 5), D(2024, 1, 5));
  r.date = D(2024, 1, 4);
  Status s = Service().Include(id, r);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  for (const char* part : {"the monitoring type is missing", "at least one risk category",
                           "appraisal date 2024-01-03 is before the verification date 2024-01-04",
                           "runs 4 days, fewer than 5", "notice starts 2024-01-02, before the appraisal",
                           "approval 2024-01-05 is not after the notice ended", "before the county approval",
                           "公示期 2024-01-02 至 2024-01-05 共 4 天，少于 5 天"}) {
    EXPECT_THAT(s.message(), HasSubstr(part));
  }
  r = Inclusion();
  r.procedure.appraisal.reset();
  r.procedure.approval.reset();
  s = Service().Include(id, r);
  EXPECT_THAT(s.message(), HasSubstr("缺少民主评议日期"));
  EXPECT_THAT(s.message(), HasSubstr("缺少县级审定日期"));
  EXPECT_STATUS(Service().Include(id, Inclusion(MonitoringType::kMarginal)), StatusCode::kFailedPrecondition,
                "边缘易致贫户须为一般农户");
  EXPECT_EQ(Events(id), 2u);
  EXPECT_EQ(State(id), CaseState::kVerified);

  const int64_t other = Open("H2");
  ASSERT_OK(Service().Verify(other, D(2024, 1, 4), "入户核实"));
  EXPECT_STATUS(Service().Include(other, Inclusion(MonitoringType::kUnstableExited)), StatusCode::kFailedPrecondition,
                "an unstable exited household must be an exited household");
  // A five-day notice (first and last day counted) is enough; 突发严重困难户 fits any household.
  ASSERT_OK(Service().Include(other, Inclusion(MonitoringType::kSuddenHardship)));
}

TEST_F(CasesTest, MeasureRefusals) {
  const int64_t id = Open("H1");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  ASSERT_OK(Service().Include(id, Inclusion()));
  AssistanceMeasure m = Measure(D(2024, 1, 10));
  m.content = "";
  m.end = D(2024, 1, 1);
  Status s = Service().RecordMeasure(id, D(2024, 1, 14), m);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("date 2024-01-14 is before the previous step's date 2024-01-15"));
  EXPECT_THAT(s.message(), HasSubstr("starts 2024-01-10, before the identification on 2024-01-15"));
  EXPECT_THAT(s.message(), HasSubstr("ends 2024-01-01, before it starts"));
  EXPECT_THAT(s.message(), HasSubstr("content (--content) is required"));
  EXPECT_EQ(State(id), CaseState::kIncluded);
}

TEST_F(CasesTest, ProposalRefusedWithoutSixMonthsOfIncomeAboveTheLine) {
  const int64_t id = Assisting("H1");
  // Only checks inside the last six months: stability cannot be shown.
  ASSERT_OK(Service().RecordIncomeCheck("H1", D(2024, 4, 1), Money::FromYuan(9000), "入户核算"));
  Status s = Service().Propose(id, Proposal(D(2024, 8, 1)));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("6 个月"));
  EXPECT_THAT(s.message(), HasSubstr("no income check on or before 2024-02-01"));
  EXPECT_THAT(s.message(), HasSubstr("6 months"));
  // An old check, but one in the window at the line (not above it).
  ASSERT_OK(Service().RecordIncomeCheck("H1", D(2024, 1, 20), Money::FromYuan(9000), "入户核算"));
  ASSERT_OK(Service().RecordIncomeCheck("H1", D(2024, 6, 1), Money::FromYuan(7500), "部门数据"));
  s = Service().Propose(id, Proposal(D(2024, 8, 1)));
  EXPECT_THAT(s.message(), HasSubstr("not above the monitoring line 7500.00 yuan"));
  EXPECT_THAT(s.message(), HasSubstr("7500.00 on 2024-06-01"));
  EXPECT_THAT(s.message(), Not(HasSubstr("no income check")));
  EXPECT_EQ(State(id), CaseState::kAssisting);
}

TEST_F(CasesTest, ProposalRefusedWithinSixMonthsOfIdentification) {
  const int64_t id = Assisting("H1");
  StableIncome("H1");
  // Identified 2024-01-15: 2024-07-14 is a day short of six calendar months.
  EXPECT_STATUS(Service().Propose(id, Proposal(D(2024, 7, 14))), StatusCode::kFailedPrecondition,
                "identified on 2024-01-15, less than 6 months before 2024-07-14");
  ASSERT_OK(Service().RecordIncomeCheck("H1", D(2024, 1, 15), Money::FromYuan(9000), "入户核算"));
  EXPECT_OK(Service().Propose(id, Proposal(D(2024, 7, 15))));
}

TEST_F(CasesTest, EliminationByAssistanceNeedsAMeasureNaturalEliminationDoesNot) {
  const int64_t id = Open("H1");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  ASSERT_OK(Service().Include(id, Inclusion()));
  ASSERT_OK(Service().RecordMeasure(id, D(2024, 1, 20), Measure(D(2024, 9, 1))));  // planned for later
  StableIncome("H1");
  EXPECT_STATUS(Service().Propose(id, Proposal(D(2024, 8, 1), RiskEliminationMethod::kByAssistance)),
                StatusCode::kFailedPrecondition, "needs at least one measure carried out");
  ASSERT_OK(Service().Propose(id, Proposal(D(2024, 8, 1), RiskEliminationMethod::kNatural)));
  ASSERT_OK(Service().Eliminate(id, Elimination()));
  EXPECT_EQ(store_->cases().FindCase(id)->value().method, RiskEliminationMethod::kNatural);
}

TEST_F(CasesTest, ProposalRefusedWhenSecuritiesFail) {
  Household h = store_->FindHousehold("H1").value().value();
  HouseholdYear y = h.years[0];
  y.data_year = 2025;
  y.housing_secure = false;
  y.safe_drinking_water = false;
  h.years.push_back(y);
  ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
  ASSERT_OK(writer->Upsert(h).status());
  ASSERT_OK(writer->Commit());
  const int64_t id = Assisting("H1");
  StableIncome("H1");
  EXPECT_STATUS(Service().Propose(id, Proposal(D(2024, 8, 1))), StatusCode::kFailedPrecondition,
                "2025 年度住房安全、饮水安全未保障");
}

TEST_F(CasesTest, WholeHouseholdWithoutLabourIsNeverEliminated) {
  const int64_t id = Assisting("H3");
  StableIncome("H3");
  Status s = Service().Propose(id, Proposal(D(2024, 8, 1)));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("整户无劳动力"));
  EXPECT_THAT(s.message(), HasSubstr("stays under monitoring"));
  // Income, identification, measure and 三保障 hold: labour is the only failed condition.
  ASSERT_OK_AND_ASSIGN(auto failures, Service().EliminationFailures(store_->cases().FindCase(id)->value(), D(2024, 8, 1),
                                                                     Money::FromYuan(7500),
                                                                     RiskEliminationMethod::kByAssistance));
  EXPECT_EQ(failures.size(), 1u);
}

TEST_F(CasesTest, LabourCapacityCountsOnlyAtWorkingAge) {
  Household h = store_->FindHousehold("H1").value().value();
  h.members.resize(1);  // the head, born 1960-03-01, 普通劳动力
  h.declared_size = 1;
  ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
  ASSERT_OK(writer->Upsert(h).status());
  ASSERT_OK(writer->Commit());
  const int64_t id = Assisting("H1");
  StableIncome("H1");
  const MonitoringCase c = store_->cases().FindCase(id)->value();
  ASSERT_OK_AND_ASSIGN(auto at_65, Service().EliminationFailures(c, D(2026, 2, 28), Money::FromYuan(7500),
                                                                  RiskEliminationMethod::kByAssistance));
  EXPECT_EQ(at_65.size(), 0u) << (at_65.empty() ? "" : at_65[0]);
  ASSERT_OK_AND_ASSIGN(auto at_66, Service().EliminationFailures(c, D(2026, 3, 1), Money::FromYuan(7500),
                                                                  RiskEliminationMethod::kByAssistance));
  ASSERT_EQ(at_66.size(), 1u);
  EXPECT_THAT(at_66[0], HasSubstr("16-65"));
}

TEST_F(CasesTest, EveryFailedEliminationConditionIsListedAtOnce) {
  const int64_t id = Open("H3");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  ASSERT_OK(Service().Include(id, Inclusion()));
  ASSERT_OK(Service().RecordMeasure(id, D(2024, 1, 20), Measure(D(2024, 3, 1))));
  Status s = Service().Propose(id, Proposal(D(2024, 2, 1)));
  for (const char* part : {"(1) income: no income check", "(2) identified on 2024-01-15, less than 6 months",
                           "(3) elimination by assistance needs at least one measure", "(4) the whole household"}) {
    EXPECT_THAT(s.message(), HasSubstr(part));
  }
}

TEST_F(CasesTest, EliminationRefusalsNameProcedureAndRecheckGuards) {
  const int64_t id = Assisting("H1");
  StableIncome("H1");
  ASSERT_OK(Service().Propose(id, Proposal(D(2024, 8, 20))));
  EliminationRequest r = Elimination();
  r.procedure = Procedure(D(2024, 8, 19), D(2024, 8, 23), D(2024, 8, 26), D(2024, 8, 31));
  Status s = Service().Eliminate(id, r);
  EXPECT_THAT(s.message(), HasSubstr("appraisal date 2024-08-19 is before the proposal date 2024-08-20"));
  EXPECT_THAT(s.message(), HasSubstr("runs 4 days, fewer than 5"));
  EXPECT_THAT(s.message(), HasSubstr("date 2024-08-30 is before the county approval 2024-08-31"));
  // A check below the line recorded after the proposal, dated inside its window.
  ASSERT_OK(Service().RecordIncomeCheck("H1", D(2024, 8, 15), Money::FromYuan(6000), "部门数据"));
  EXPECT_STATUS(Service().Eliminate(id, Elimination()), StatusCode::kFailedPrecondition, "6000.00 on 2024-08-15");
  EXPECT_EQ(State(id), CaseState::kEliminationProposed);
  EXPECT_STATUS(Service().Keep(id, D(2024, 8, 21), ""), StatusCode::kFailedPrecondition, "the reason (--reason) is required");
  ASSERT_OK(Service().Keep(id, D(2024, 8, 21), "收入回落"));
  EXPECT_EQ(State(id), CaseState::kAssisting);
  EXPECT_FALSE(store_->cases().FindCase(id)->value().proposed_date.has_value());
}

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
    Household h3 = store_->FindHousehold("H3").value().value();
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
  ASSERT_OK_AND_ASSIGN(CaseSummary summary,
                       SummarizeCases(*store_, *RegionCode::Parse("2224"), RegionLevel::kVillage, D(2024, 3, 20)));
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
  ASSERT_OK_AND_ASSIGN(summary, SummarizeCases(*store_, *RegionCode::Parse("22"), RegionLevel::kCounty, D(2024, 3, 27)));
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
  ASSERT_OK(Service().RecordVisit({"H1", "王芳", D(2024, 6, 20), VisitMode::kInPerson, "收入稳定", 43312345, 129765432,
                                   "photo/H1-0620.jpg", ""}));
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
  EXPECT_STATUS(Service().RecordVisit({"H1", "", D(2024, 6, 21), VisitMode::kPhone, "", 43312345, std::nullopt, "", ""}),
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
  ASSERT_OK(writer->AddWarning({"H1", "JL-W-INCOME-EXITED", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->AddWarning({"H2", "JL-W-DISASTER", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->AddWarning({"H3", "JL-W-DISASTER", "2024-11", "", "v1", D(2024, 11, 30), "…"}).status());
  ASSERT_OK(writer->Commit());
  const RegionCode jilin = *RegionCode::Parse("22");
  ASSERT_OK_AND_ASSIGN(LeadsFromWarnings leads, OpenCasesFromWarnings(*store_, jilin, "2024-12", D(2025, 1, 3), "系统"));
  const std::vector<int64_t>& opened = leads.opened;
  ASSERT_EQ(opened.size(), 2u);
  EXPECT_EQ(leads.households_skipped, 0);
  const MonitoringCase first = store_->cases().FindCase(opened[0]).value().value();
  EXPECT_EQ(first.household_no, "H1");
  EXPECT_EQ(first.source, CaseSource::kScreening);
  EXPECT_TRUE(first.warning_id.has_value());
  EXPECT_THAT(first.evidence, HasSubstr("JL-W-INCOME-EXITED, JL-W-MEDICAL"));
  ASSERT_OK_AND_ASSIGN(LeadsFromWarnings again, OpenCasesFromWarnings(*store_, jilin, "2024-12", D(2025, 1, 3), "系统"));
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
  ASSERT_OK_AND_ASSIGN(LeadsFromWarnings leads,
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
  ASSERT_OK_AND_ASSIGN(LeadsFromWarnings leads,
                       OpenCasesFromWarnings(*store_, *RegionCode::Parse("22"), "2024-12", D(2025, 1, 3), "系统"));
  EXPECT_EQ(leads.opened.size(), 2u) << "H2's warning and H3's of unknown kind";
  EXPECT_EQ(leads.households_skipped, 1);
  for (const int64_t id : leads.opened) EXPECT_NE(store_->cases().FindCase(id).value().value().household_no, "H1");
}

TEST_F(CasesTest, PublicNoticeShowsTheProcedureButNoPersonalData) {
  const int64_t id = Open("H1");
  EXPECT_STATUS(PublicNoticeText(*store_, id), StatusCode::kFailedPrecondition, "no inclusion or elimination");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  IncludeRequest r = Inclusion();
  r.risks = {RiskCategory::kIllness, RiskCategory::kHousingSafety};
  ASSERT_OK(Service().Include(id, r));
  ASSERT_OK_AND_ASSIGN(std::string text, PublicNoticeText(*store_, id));
  for (const char* part : {"金成浩", "柳树河村委会三组", "脱贫不稳定户", "因病、住房安全", "2024-01-06",
                           "2024-01-07 至 2024-01-11（共 5 天）"}) {
    EXPECT_THAT(text, HasSubstr(part));
  }
  const Household h = store_->FindHousehold("H1").value().value();
  EXPECT_OK(CheckNoticePrivacy(text, h));
  EXPECT_THAT(text, Not(HasSubstr(h.phone)));
  EXPECT_THAT(text, Not(HasSubstr("长期慢性病")));
  for (const Person& p : h.members) EXPECT_THAT(text, Not(HasSubstr(p.id_number.ToString().substr(0, 6))));

  EXPECT_STATUS(CheckNoticePrivacy(text + h.members[1].id_number.Masked(), h), StatusCode::kFailedPrecondition,
                "ID number of 金美玲");
  EXPECT_STATUS(CheckNoticePrivacy(text + "电话 " + h.phone, h), StatusCode::kFailedPrecondition, "phone");
  EXPECT_STATUS(CheckNoticePrivacy(text + "户主长期慢性病", h), StatusCode::kFailedPrecondition, "health condition");
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
  EXPECT_STATUS(service.Open({"H1", CaseSource::kVisit, D(2024, 7, 1), "", std::nullopt}), StatusCode::kInvalidArgument,
                "2024-07-01");
}

TEST(CaseDates, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(AddMonths(D(2024, 8, 31), -6), D(2024, 2, 29));
  EXPECT_EQ(AddMonths(D(2023, 3, 31), -1), D(2023, 2, 28));
  EXPECT_EQ(AddMonths(D(2024, 1, 15), 6), D(2024, 7, 15));
  EXPECT_EQ(AddMonths(D(2024, 11, 30), 3), D(2025, 2, 28));
}

}  // namespace
}  // namespace jz
