// The fixture of the monitoring-case tests (cases_test.cc, case_lists_test.cc): a store with
// three households and helpers that take a case through its steps. Test-only.
#ifndef JZ_APP_CASES_CASES_TEST_FIXTURE_H_
#define JZ_APP_CASES_CASES_TEST_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/cases/cases.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz::cases_testing {

inline Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

inline ProcedureDates Procedure(Date appraisal, Date notice_start, Date notice_end, Date approval) {
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
    StatusOr<int64_t> id =
        Service().Open({household, CaseSource::kApplication, lead, "农户申请", std::nullopt});
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

}  // namespace jz::cases_testing

#endif  // JZ_APP_CASES_CASES_TEST_FIXTURE_H_
