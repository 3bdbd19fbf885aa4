// The monitoring-case part of the store conformance suite (case_store.h): cases and their
// append-only events, the atomic step with its optimistic state check, income checks,
// visits, cadre assignments and period warnings. Written once against CaseStore, run for
// every back end instantiated in the store tests (SQLite file and :memory: today).
#include <gtest/gtest.h>

#include "store/store_conformance_test.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// `store` with the test regions and two households: H1 (two members) and H2 (one).
StatusOr<std::unique_ptr<Store>> WithHouseholds(std::unique_ptr<Store> store) {
  RETURN_IF_ERROR(testing::LoadTestRegions(*store));
  ASSIGN_OR_RETURN(auto writer, store->BeginWrite());
  RETURN_IF_ERROR(writer->Upsert(testing::TestHousehold("H1", 2)).status());
  RETURN_IF_ERROR(writer->Upsert(testing::TestHousehold("H2", 1, 10)).status());
  RETURN_IF_ERROR(writer->Commit());
  return store;
}

MonitoringCase Lead(const std::string& household) {
  MonitoringCase c;
  c.household_no = household;
  c.source = CaseSource::kApplication;
  c.lead_date = D(2024, 1, 5);
  c.opened_by = "李明";
  c.evidence = "农户申请";
  return c;
}

CaseEvent OpenEvent() {
  CaseEvent e;
  e.action = CaseAction::kOpen;
  e.to_state = CaseState::kLead;
  e.actor = "李明";
  e.event_date = D(2024, 1, 5);
  return e;
}

TEST_P(StoreConformance, CaseOpenStoresCaseAndFirstEventAndRefusesSecondOpenCase) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, WithHouseholds(Open()));
  ASSERT_OK_AND_ASSIGN(int64_t id, store->cases().OpenCase(Lead("H1"), OpenEvent()));
  ASSERT_OK_AND_ASSIGN(std::optional<MonitoringCase> c, store->cases().FindCase(id));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->household_no, "H1");
  EXPECT_EQ(c->state, CaseState::kLead);
  EXPECT_EQ(c->village.ToString(), "222424100205");
  ASSERT_OK_AND_ASSIGN(auto events, store->cases().ListCaseEvents(id));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_FALSE(events[0].from_state.has_value());
  EXPECT_EQ(events[0].recorded_at.size(), 20u) << events[0].recorded_at;  // 2024-01-05T10:00:00Z
  EXPECT_STATUS(store->cases().OpenCase(Lead("H1"), OpenEvent()), StatusCode::kAlreadyExists, "H1");
  EXPECT_STATUS(store->cases().OpenCase(Lead("NOPE"), OpenEvent()), StatusCode::kNotFound, "NOPE");
}

TEST_P(StoreConformance, CaseTransitionUpdatesRowAppendsEventAndHouseholdAtomically) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, WithHouseholds(Open()));
  ASSERT_OK_AND_ASSIGN(int64_t id, store->cases().OpenCase(Lead("H2"), OpenEvent()));
  MonitoringCase updated = *store->cases().FindCase(id).value();
  updated.state = CaseState::kIncluded;
  updated.monitoring_type = MonitoringType::kMarginal;
  updated.risks = {RiskCategory::kIllness, RiskCategory::kHousingSafety};
  CaseTransition t;
  t.expected_state = CaseState::kLead;
  t.updated = updated;
  t.event.action = CaseAction::kInclude;
  t.event.from_state = CaseState::kLead;
  t.event.to_state = CaseState::kIncluded;
  t.event.actor = "王县长";
  t.event.event_date = D(2024, 1, 19);
  t.event.notice_start = D(2024, 1, 10);
  t.event.notice_end = D(2024, 1, 14);
  t.household =
      HouseholdMonitoringUpdate{HouseholdType::kMonitored, MonitoringType::kMarginal, D(2024, 1, 19), {}};
  t.status_event =
      StatusEvent{"H2", StatusEventKind::kMonitored, D(2024, 1, 19), MonitoringType::kMarginal, {}, ""};
  t.measure =
      AssistanceMeasure{"H2", AssistanceKind::kHealth, D(2024, 1, 20), {}, "医疗救助", Money::FromYuan(500)};
  ASSERT_OK(store->cases().ApplyTransition(t));

  ASSERT_OK_AND_ASSIGN(std::optional<MonitoringCase> stored, store->cases().FindCase(id));
  EXPECT_EQ(stored->risks, updated.risks);
  EXPECT_EQ(stored->state, CaseState::kIncluded);
  ASSERT_OK_AND_ASSIGN(auto events, store->cases().ListCaseEvents(id));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].seq, 2);
  EXPECT_EQ(events[1].notice_end, D(2024, 1, 14));
  const Household h = store->FindHousehold(ReadScope::WholeDatabase(), "H2").value().value();
  EXPECT_EQ(h.type, HouseholdType::kMonitored);
  EXPECT_EQ(h.risk_identified, D(2024, 1, 19));
  ASSERT_OK_AND_ASSIGN(auto measures, store->cases().ListCaseMeasures(id));
  ASSERT_EQ(measures.size(), 1u);
  EXPECT_EQ(measures[0].funds, Money::FromYuan(500));
  EXPECT_EQ(store->ListStatusEvents(ReadScope::WholeDatabase(), "H2")->size(), 1u);

  // The same step again: the stored state is no longer kLead, nothing is written.
  EXPECT_STATUS(store->cases().ApplyTransition(t), StatusCode::kAborted, "changed state");
  EXPECT_EQ(store->cases().ListCaseEvents(id)->size(), 2u);
  EXPECT_EQ(store->cases().ListCaseMeasures(id)->size(), 1u);
}

TEST_P(StoreConformance, CaseFailedStepLeavesNothingHalfWritten) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, WithHouseholds(Open()));
  ASSERT_OK_AND_ASSIGN(int64_t id, store->cases().OpenCase(Lead("H1"), OpenEvent()));
  MonitoringCase updated = *store->cases().FindCase(id).value();
  updated.state = CaseState::kVerified;
  CaseTransition t;
  t.expected_state = CaseState::kLead;
  t.updated = updated;
  t.event.action = CaseAction::kVerify;
  t.event.to_state = CaseState::kVerified;
  t.event.actor = "";  // refused by the table's CHECK after the case row was updated
  t.event.event_date = D(2024, 1, 7);
  EXPECT_FALSE(store->cases().ApplyTransition(t).ok());
  EXPECT_EQ(store->cases().FindCase(id)->value().state, CaseState::kLead);
  EXPECT_EQ(store->cases().ListCaseEvents(id)->size(), 1u);
}

TEST_P(StoreConformance, CaseRefusesWritesWhileRegistryWriterIsOpen) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, WithHouseholds(Open()));
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  EXPECT_STATUS(store->cases().OpenCase(Lead("H1"), OpenEvent()), StatusCode::kFailedPrecondition, "writer");
  EXPECT_STATUS(
      store->cases().AddVisit(Visit{"H1", "王芳", D(2024, 2, 1), VisitMode::kPhone, "", {}, {}, "", "王芳"}),
      StatusCode::kFailedPrecondition, "writer");
}

TEST_P(StoreConformance, CaseIncomeChecksVisitsAndCadresAreKept) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, WithHouseholds(Open()));
  ASSERT_OK(store->cases().AddIncomeCheck({"H1", D(2024, 3, 1), Money::FromYuan(8000), "李明", "入户核算"}));
  ASSERT_OK(store->cases().AddIncomeCheck({"H1", D(2024, 1, 1), Money::FromYuan(7000), "李明", "入户核算"}));
  ASSERT_OK_AND_ASSIGN(auto checks, store->cases().ListIncomeChecks("H1"));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].check_date, D(2024, 1, 1));  // by date
  EXPECT_STATUS(store->cases().AddIncomeCheck({"H9", D(2024, 3, 1), Money(), "李明", ""}),
                StatusCode::kNotFound, "H9");

  Visit v{"H1",      "王芳",         D(2024, 2, 1), VisitMode::kInPerson, "家中无人生病", 43312345,
          129765432, "photos/1.jpg", "王芳"};
  ASSERT_OK(store->cases().AddVisit(v));
  ASSERT_OK(
      store->cases().AddVisit(Visit{"H1", "王芳", D(2024, 4, 1), VisitMode::kPhone, "", {}, {}, "", "王芳"}));
  ASSERT_OK_AND_ASSIGN(auto visits, store->cases().ListVisits("H1"));
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[0], v);
  Visit half = v;
  half.lon_microdeg.reset();  // a point needs both coordinates
  EXPECT_FALSE(store->cases().AddVisit(half).ok());
  ASSERT_OK_AND_ASSIGN(auto last, store->cases().LastVisitDates(*RegionCode::Parse("222424")));
  EXPECT_EQ(last.size(), 1u);
  EXPECT_EQ(last.at("H1"), D(2024, 4, 1));

  ASSERT_OK(store->cases().AssignCadre({"H2", "赵刚", "县农业局", "科员", "", D(2024, 2, 1), {}}));
  EXPECT_EQ(store->ListCadreAssignments(ReadScope::WholeDatabase(), "H2")->back().cadre_name, "赵刚");
}

TEST_P(StoreConformance, CaseListsCasesByScopeStateAndWarningsByPeriod) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, WithHouseholds(Open()));
  ASSERT_OK(store->cases().OpenCase(Lead("H1"), OpenEvent()).status());
  ASSERT_OK(store->cases().OpenCase(Lead("H2"), OpenEvent()).status());
  CaseFilter all, other_village, included, h2;
  other_village.scope = *RegionCode::Parse("222424100206");
  included.state = CaseState::kIncluded;
  h2.household_no = "H2";
  EXPECT_EQ(store->cases().ListCases(all)->size(), 2u);
  EXPECT_EQ(store->cases().ListCases(other_village)->size(), 0u);
  EXPECT_EQ(store->cases().ListCases(included)->size(), 0u);
  EXPECT_EQ(store->cases().ListCases(h2)->size(), 1u);

  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  ASSERT_OK(writer->AddWarning({"H1", "JL-W-MEDICAL", "2024-12", "", "v1", D(2024, 12, 31), "…"}).status());
  ASSERT_OK(writer->AddWarning({"H1", "JL-W-INCOME", "2024-11", "", "v1", D(2024, 11, 30), "…"}).status());
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto warnings,
                       store->cases().ListWarningsOfPeriod(*RegionCode::Parse("22"), "2024-12"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rule_id, "JL-W-MEDICAL");
}

TEST_P(StoreConformance, CaseUnknownCaseIsNotFoundOrAbsent) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, WithHouseholds(Open()));
  ASSERT_OK_AND_ASSIGN(std::optional<MonitoringCase> missing, store->cases().FindCase(42));
  EXPECT_FALSE(missing.has_value());
  CaseTransition t;
  t.updated = Lead("H1");
  t.updated.id = 42;
  t.event.action = CaseAction::kVerify;
  t.event.to_state = CaseState::kVerified;
  t.event.actor = "李明";
  t.event.event_date = D(2024, 1, 7);
  EXPECT_EQ(store->cases().ApplyTransition(t).code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto events, store->cases().ListCaseEvents(42));
  EXPECT_TRUE(events.empty());
}

}  // namespace
}  // namespace jz
