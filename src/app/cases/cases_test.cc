// Tests of the monitoring-case state machine (DOMAIN §3.5-§3.8): every step and every refused
// step with the condition its message names. The lists, leads from warnings and the public
// notice are in case_lists_test.cc.
#include "app/cases/cases_test_fixture.h"

namespace jz {
namespace {

using cases_testing::CasesTest;
using cases_testing::D;
using cases_testing::Procedure;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(CasesTest, FullLifecycleKeepsEveryStepAndUpdatesTheRegistry) {
  const int64_t id = Open("H1");
  EXPECT_EQ(State(id), CaseState::kLead);
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实：医疗支出大"));
  EXPECT_EQ(State(id), CaseState::kVerified);
  ASSERT_OK(Service("王县长").Include(id, Inclusion()));
  EXPECT_EQ(State(id), CaseState::kIncluded);
  const Household included = store_->FindHousehold(ReadScope::WholeDatabase(), "H1").value().value();
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
  EXPECT_EQ(actions,
            (std::vector<CaseAction>{CaseAction::kOpen, CaseAction::kVerify, CaseAction::kInclude,
                                     CaseAction::kMeasure, CaseAction::kMeasure, CaseAction::kPropose,
                                     CaseAction::kKeep, CaseAction::kPropose, CaseAction::kEliminate}));
  EXPECT_EQ(d.events[2].actor, "王县长");
  EXPECT_EQ(d.events[2].notice_end, D(2024, 1, 11));
  EXPECT_EQ(d.events[6].reason, "村评议认为医疗负担仍重");
  EXPECT_EQ(d.measures.size(), 2u);
  EXPECT_EQ(d.c.method, RiskEliminationMethod::kByAssistance);
  EXPECT_EQ(d.c.closed_date, D(2024, 8, 30));
  const Household eliminated = store_->FindHousehold(ReadScope::WholeDatabase(), "H1").value().value();
  EXPECT_EQ(eliminated.risk_eliminated, D(2024, 8, 30));
  ASSERT_OK_AND_ASSIGN(auto status_events, store_->ListStatusEvents(ReadScope::WholeDatabase(), "H1"));
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
  EXPECT_EQ(store_->FindHousehold(ReadScope::WholeDatabase(), "H2").value()->type, HouseholdType::kMonitored);
}

TEST_F(CasesTest, WrongStateIsRefusedNamingStateAndAllowedSteps) {
  const int64_t id = Open("H1");
  EXPECT_STATUS(Service().Include(id, Inclusion()), StatusCode::kFailedPrecondition, "当前状态为「线索」");
  EXPECT_STATUS(Service().Include(id, Inclusion()), StatusCode::kFailedPrecondition,
                "allowed next steps: verify");
  EXPECT_STATUS(Service().Exclude(id, D(2024, 1, 5), "不符合"), StatusCode::kFailedPrecondition, "is lead");
  EXPECT_STATUS(Service().RecordMeasure(id, D(2024, 1, 5), Measure(D(2024, 1, 5))),
                StatusCode::kFailedPrecondition, "cannot record measure");
  ASSERT_OK(Service().Verify(id, D(2024, 1, 4), "入户核实"));
  EXPECT_STATUS(Service().Verify(id, D(2024, 1, 4), "入户核实"), StatusCode::kFailedPrecondition,
                "allowed next steps: include, exclude");
  ASSERT_OK(Service().Include(id, Inclusion()));
  EXPECT_STATUS(Service().Propose(id, Proposal(D(2024, 8, 1))), StatusCode::kFailedPrecondition,
                "is included, so it cannot propose elimination; allowed next steps: record measure");
  EXPECT_STATUS(Service().Keep(id, D(2024, 8, 1), "x"), StatusCode::kFailedPrecondition,
                "cannot keep monitoring");
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
  EXPECT_STATUS(Service().Verify(id, D(2024, 1, 9), "x"), StatusCode::kFailedPrecondition,
                "none (the case is closed)");
}

TEST_F(CasesTest, OpenRefusesUnknownHouseholdSecondOpenCaseAndMissingActor) {
  Open("H1");
  EXPECT_STATUS(Service().Open({"H1", CaseSource::kVisit, D(2024, 1, 3), "", std::nullopt}),
                StatusCode::kAlreadyExists, "already has open case");
  EXPECT_STATUS(Service().Open({"H9", CaseSource::kVisit, D(2024, 1, 3), "", std::nullopt}),
                StatusCode::kNotFound, "H9");
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
  EXPECT_STATUS(Service().Exclude(id, D(2024, 1, 12), " "), StatusCode::kFailedPrecondition,
                "须填写不纳入的理由");
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
  for (const char* part :
       {"the monitoring type is missing", "at least one risk category",
        "appraisal date 2024-01-03 is before the verification date 2024-01-04", "runs 4 days, fewer than 5",
        "notice starts 2024-01-02, before the appraisal", "approval 2024-01-05 is not after the notice ended",
        "before the county approval", "公示期 2024-01-02 至 2024-01-05 共 4 天，少于 5 天"}) {
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
  EXPECT_STATUS(Service().Include(other, Inclusion(MonitoringType::kUnstableExited)),
                StatusCode::kFailedPrecondition, "an unstable exited household must be an exited household");
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
  Household h = store_->FindHousehold(ReadScope::WholeDatabase(), "H1").value().value();
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
  ASSERT_OK_AND_ASSIGN(auto failures, Service().EliminationFailures(store_->cases().FindCase(id)->value(),
                                                                    D(2024, 8, 1), Money::FromYuan(7500),
                                                                    RiskEliminationMethod::kByAssistance));
  EXPECT_EQ(failures.size(), 1u);
}

TEST_F(CasesTest, LabourCapacityCountsOnlyAtWorkingAge) {
  Household h = store_->FindHousehold(ReadScope::WholeDatabase(), "H1").value().value();
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
  for (const char* part :
       {"(1) income: no income check", "(2) identified on 2024-01-15, less than 6 months",
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
  EXPECT_STATUS(Service().Eliminate(id, Elimination()), StatusCode::kFailedPrecondition,
                "6000.00 on 2024-08-15");
  EXPECT_EQ(State(id), CaseState::kEliminationProposed);
  EXPECT_STATUS(Service().Keep(id, D(2024, 8, 21), ""), StatusCode::kFailedPrecondition,
                "the reason (--reason) is required");
  ASSERT_OK(Service().Keep(id, D(2024, 8, 21), "收入回落"));
  EXPECT_EQ(State(id), CaseState::kAssisting);
  EXPECT_FALSE(store_->cases().FindCase(id)->value().proposed_date.has_value());
}

}  // namespace
}  // namespace jz
