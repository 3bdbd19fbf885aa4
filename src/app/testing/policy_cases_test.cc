// Runs the declarative policy cases of tests/cases/<policy>/ (format: tests/cases/README.md)
// through every evaluator: households in, warnings out. Also checks that every rule of each
// shipped policy has a case where it fires and one where it does not, and that the case
// loader names the file and key of a malformed case.
#include "app/testing/policy_cases.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/testutil/engine_adapter.h"
#include "tests/testutil/status_matchers.h"

namespace jz::testing {
namespace {

const std::string kSourceDir = JZ_SOURCE_DIR;
// One directory of case files per shipped policy; a new province's policy adds its own.
const std::vector<std::string> kCaseDirs = {kSourceDir + "/tests/cases/jilin-2024"};

// An evaluator under test; the columnar engine joins the reference one here.
struct NamedEvaluator {
  std::string name;
  CaseEvaluator evaluate;
};

std::vector<PolicyCaseFile> LoadAllCaseFiles() {
  std::vector<PolicyCaseFile> files;
  for (const std::string& dir : kCaseDirs) {
    StatusOr<std::vector<std::string>> paths = ListCaseFiles(dir);
    EXPECT_OK(paths);
    if (!paths.ok()) continue;
    EXPECT_FALSE(paths->empty()) << "no case files in " << dir;
    for (const std::string& path : *paths) {
      StatusOr<PolicyCaseFile> file = LoadPolicyCaseFile(path, kSourceDir);
      EXPECT_OK(file);
      if (file.ok()) files.push_back(*std::move(file));
    }
  }
  return files;
}

class PolicyCasesTest : public ::testing::TestWithParam<NamedEvaluator> {};

TEST_P(PolicyCasesTest, EveryCaseGetsExactlyItsExpectedHits) {
  size_t cases = 0;
  for (const PolicyCaseFile& file : LoadAllCaseFiles()) {
    for (const PolicyCase& c : file.cases) {
      ++cases;
      const std::string diff = CheckPolicyCase(c, file.policy, GetParam().evaluate);
      EXPECT_EQ(diff, "") << GetParam().name << " evaluator";
    }
  }
  EXPECT_GT(cases, 0u);
}

// The columnar engine (src/engine) over a one-household snapshot.
CaseEvaluator EngineCaseEvaluator() {
  return [](const Policy& policy, const Household& household, const FeedView& feeds,
            Date as_of) -> StatusOr<std::vector<CaseHit>> {
    ASSIGN_OR_RETURN(ComparableRun run, RunEngine(policy, {household}, {feeds}, as_of, 1));
    if (!run.not_evaluable.empty()) {
      return FailedPreconditionError("rule " + run.not_evaluable.begin()->first + " not evaluable");
    }
    std::vector<CaseHit> hits;
    for (const ComparableHit& hit : run.hits) hits.emplace_back(hit.rule, hit.member);
    return hits;
  };
}

INSTANTIATE_TEST_SUITE_P(Evaluators, PolicyCasesTest,
                         ::testing::Values(NamedEvaluator{"Reference", ReferenceCaseEvaluator()},
                                           NamedEvaluator{"Engine", EngineCaseEvaluator()}),
                         [](const ::testing::TestParamInfo<NamedEvaluator>& param_info) {
                           return param_info.param.name;
                         });

// Issue 4: every shipped rule has a case where it fires and one where it is judged and does
// not, so a rule added to a policy without cases fails here.
TEST(PolicyCases, EveryShippedRuleHasAFiringAndANonFiringCase) {
  std::map<std::string, std::pair<int, int>> counts;         // policy path + rule -> (fire, quiet)
  std::map<std::string, std::vector<std::string>> rules_of;  // policy path -> rule ids
  for (const PolicyCaseFile& file : LoadAllCaseFiles()) {
    for (const Rule& rule : file.policy.rules) rules_of[file.policy_path].push_back(rule.id);
    for (const PolicyCase& c : file.cases) {
      for (const std::string& id : c.rules) {
        const bool fires = std::any_of(c.expected.begin(), c.expected.end(),
                                       [&](const CaseHit& hit) { return hit.first == id; });
        auto& [fire, quiet] = counts[file.policy_path + " " + id];
        (fires ? fire : quiet) += 1;
      }
    }
  }
  ASSERT_TRUE(rules_of.contains("policies/jilin-2024.toml"));
  for (const auto& [policy, ids] : rules_of) {
    for (const std::string& id : ids) {
      const auto [fire, quiet] = counts[policy + " " + id];
      EXPECT_GT(fire, 0) << policy << ": rule " << id << " has no case where it fires";
      EXPECT_GT(quiet, 0) << policy << ": rule " << id << " has no case where it does not fire";
    }
  }
}

StatusOr<PolicyCaseFile> Parse(std::string_view text) {
  return ParsePolicyCaseText(text, "bad.toml", kSourceDir);
}

constexpr std::string_view kHead = "policy = \"policies/jilin-2024.toml\"\n";

TEST(PolicyCases, TheRunnerReportsMissingAndUnexpectedHits) {
  ASSERT_OK_AND_ASSIGN(PolicyCaseFile file, Parse(std::string(kHead) + R"(
[[case]]
name = "wrong-on-purpose"
as_of = 2024-06-30
rules = ["JL-T-FOOD", "JL-T-WATER"]
year = { food_secure = false }
expect = ["JL-T-WATER"]
)"));
  ASSERT_EQ(file.cases.size(), 1u);
  EXPECT_EQ(CheckPolicyCase(file.cases[0], file.policy, ReferenceCaseEvaluator()),
            "bad.toml:3: case wrong-on-purpose (as of 2024-06-30): expected hits not found: JL-T-WATER; "
            "hits not expected: JL-T-FOOD");
}

TEST(PolicyCases, AnEvaluatorErrorFailsTheCase) {
  ASSERT_OK_AND_ASSIGN(PolicyCaseFile file, Parse(std::string(kHead) + R"(
[[case]]
name = "no-data-year"
as_of = 2024-06-30
year = []
expect = []
)"));
  EXPECT_THAT(CheckPolicyCase(file.cases[0], file.policy, ReferenceCaseEvaluator()),
              ::testing::HasSubstr("case no-data-year (as of 2024-06-30): evaluation failed:"));
}

TEST(PolicyCases, DefaultsDescribeTheCaseHousehold) {
  ASSERT_OK_AND_ASSIGN(PolicyCaseFile file, Parse(std::string(kHead) + R"(
[[case]]
name = "defaults"
as_of = 2024-02-29
members = [{}, { age = 8, school_status = "小学", sex = "女" }]
feed_rows = [{ feed = "medical", member = 1, date = 2024-01-02, out_of_pocket = "12.30" }]
expect = []
)"));
  const PolicyCase& c = file.cases[0];
  EXPECT_EQ(c.rules.size(), file.policy.rules.size());  // no `rules`: every rule
  EXPECT_EQ(c.household.type, HouseholdType::kOrdinaryFarm);
  ASSERT_EQ(c.household.members.size(), 2u);
  EXPECT_EQ(c.household.members[0].birth_date, *Date::FromYmd(1984, 1, 1));
  EXPECT_EQ(c.household.members[0].birth_date.AgeOn(c.as_of), 40);
  EXPECT_EQ(c.household.members[1].birth_date.AgeOn(c.as_of), 8);
  EXPECT_EQ(c.household.members[1].relationship, Relationship::kOther);
  EXPECT_EQ(c.household.members[1].id_number.ToString().substr(0, 6), "222424");
  EXPECT_NE(c.household.members[0].id_number, c.household.members[1].id_number);
  ASSERT_EQ(c.household.years.size(), 1u);
  EXPECT_EQ(c.household.years[0].data_year, 2024);
  EXPECT_EQ(c.household.years[0].NetIncome(), Money::FromYuan(30000));
  EXPECT_EQ(c.household.years[0].housing_grade, HousingGrade::kA);
  const FeedRow& row = c.feeds.rows.at(*file.policy.FeedIndex("medical")).at(0);
  EXPECT_EQ(row.member, 1u);
  EXPECT_EQ(row.values, (std::vector<Value>{Value::OfMoney(Money::FromFen(1230)), Value::Bool(false)}));
}

struct MalformedCase {
  std::string text;     // after kHead
  std::string message;  // expected part of the error: place, case and key
};

TEST(PolicyCases, MalformedCaseFilesNameTheFileAndKey) {
  const std::vector<MalformedCase> bad = {
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\nhousehold = { typ = \"脱贫户\" }\n",
       "bad.toml:6:15: case a: household.typ: unknown key"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\nmembers = [{}, { health = \"很好\" }]\n",
       "bad.toml:6:27: case a: members[1].health: 健康状况：无法识别“很好”"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\nyear = { wage_income = 7500.5 }\n",
       "case a: year.wage_income: expected an amount in yuan"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\n"
       "feed_rows = [{ feed = \"medical\", date = 2024-01-01, out_of_pocke = \"1\" }]\n",
       "case a: feed_rows[0].out_of_pocke: feed medical has no such column"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\nfeed_rows = [{ feed = \"tax\", date = "
       "2024-01-01 }]\n",
       "case a: feed_rows[0].feed: the policy has no feed tax"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\nfeed_rows = [{ feed = \"death\", member = "
       "1, date = 2024-01-01 }]\n",
       "case a: feed_rows[0].member: no member 1 (the household has 1)"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = [\"JL-W-DEATH\"]\n",
       "bad.toml:5:11: case a: expect: JL-W-DEATH is a person rule: write JL-W-DEATH[member]"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nrules = [\"JL-T-FOOD\"]\nexpect = [\"JL-T-WATER\"]\n",
       "case a: expect: JL-T-WATER is not among the case's rules"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nrules = [\"JL-T-FOD\"]\nexpect = []\n",
       "case a: rules: JL-T-FOD is not a rule of"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-02-30\nexpect = []\n", "bad.toml:4:"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\n",
       "case a: expect: missing (write expect = [] for no hits)"},
      {"[[case]]\nas_of = 2024-01-01\nexpect = []\n", "bad.toml:2:1: name: every case needs a name"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\n[[case]]\nname = \"a\"\nas_of = "
       "2024-01-01\nexpect = []\n",
       "bad.toml:7:8: case a: name: duplicate case name a"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\nmembers = [{ age = 3, birth_date = "
       "2020-01-01 }]\n",
       "case a: members[0].age: give age or birth_date, not both"},
      {"cases = []\n", "bad.toml:2:1: cases: unknown key"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = []\nyear = { data_year = 24 }\n",
       "case a: year.data_year: expected a year such as 2024"},
      {"[[case]]\nname = \"a\"\nas_of = 2024-01-01\nexpect = [\n", "bad.toml:5:12: TOML syntax error"},
  };
  for (const MalformedCase& m : bad) {
    EXPECT_TRUE(IsInvalidArgumentWith(Parse(std::string(kHead) + m.text).status(), m.message)) << m.text;
  }
  EXPECT_TRUE(
      IsInvalidArgumentWith(Parse("[[case]]\nname = \"a\"\n").status(), "bad.toml:1:1: policy: missing"));
  EXPECT_STATUS(Parse("policy = \"policies/none.toml\"\n"), StatusCode::kNotFound, "policies/none.toml");
  EXPECT_STATUS(LoadPolicyCaseFile("/nonexistent/cases.toml", kSourceDir), StatusCode::kNotFound,
                "/nonexistent/cases.toml");
}

}  // namespace
}  // namespace jz::testing
