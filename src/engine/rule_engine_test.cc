// The columnar engine against the reference evaluator: random households (members of every
// age including leap-day births, missing data years, incomes on the lines, feed rows on the
// window edges) under the shipped Jilin policy and under a policy written to reach every
// operator of the language; equal hits, equal evidence, equal "not evaluable" counts.
#include "engine/rule_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <set>
#include <string>

#include "rules/policy.h"
#include "tests/testutil/engine_adapter.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::jz::testing::ComparableHit;
using ::jz::testing::ComparableRun;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

Policy JilinPolicy() {
  StatusOr<Policy> policy = LoadPolicyFile(std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml");
  EXPECT_OK(policy);
  return *std::move(policy);
}

// Every operator, fractions, division by zero, overflow, person-scope member aggregates.
constexpr std::string_view kCoveragePolicy = R"(
version = "t1"
province = "22"
effective_from = 2024-01-01
effective_to = 2024-12-31
[parameters]
line = "7500元"
share = "0.35"
big = 4611686018427387904
[[feed]]
name = "medical"
columns = ["cost: money", "inpatient: bool"]
[[feed]]
name = "death"
columns = []
[[rule]]
id = "R-FRACTION"
name_zh = "分数"
kind = "warning"
scope = "household"
severity = "low"
when = "feed_sum(medical.cost, days=365) * share / 3 >= household.net_income / 7 - 100元"
[[rule]]
id = "R-DIV-ZERO"
name_zh = "除零"
kind = "warning"
scope = "household"
severity = "low"
when = "year.wage_income / (household.size - 2) > line or not year.food_secure"
[[rule]]
id = "R-OVERFLOW"
name_zh = "溢出"
kind = "warning"
scope = "household"
severity = "low"
when = "household.size * big * 2 > 3 or -household.net_income > 0元"
[[rule]]
id = "R-SHORT"
name_zh = "短路"
kind = "warning"
scope = "household"
severity = "low"
when = "household.type == \"一般农户\" and year.transfer_income > 0元 or household.size == 0"
[[rule]]
id = "R-AGG"
name_zh = "聚合"
kind = "warning"
scope = "household"
severity = "low"
when = """
all(m, m.medical_insured) and not any(m, m.health in ["残疾", "患有大病"])
or sum(m, m.age) / household.size < 30 and count(m, feed_any(medical.inpatient, days=30)) >= 1
"""
[[rule]]
id = "R-PERSON"
name_zh = "个人"
kind = "warning"
scope = "person"
severity = "low"
when = """
person.age >= 60 and count(m, m.age < person.age and feed_count(medical) > feed_count(medical.inpatient)) > 0
or feed_any(death) and not (person.health == "健康")
or person.birth_date == 1964-02-29
"""
[[rule]]
id = "R-PERSON-YEAR"
name_zh = "个人年度"
kind = "warning"
scope = "person"
severity = "low"
when = "person.work_months > 6 and year.housing_grade != \"A级\""
[[rule]]
id = "R-HOUSEHOLD-FEED"
name_zh = "户数据源"
kind = "warning"
scope = "household"
severity = "low"
when = "feed_sum(medical.cost) - feed_sum(medical.cost, days=365) != 0元 or feed_count(death, days=1) == 1"
)";

class RandomRegistry {
 public:
  RandomRegistry(const Policy& policy, uint32_t seed, Date as_of)
      : policy_(policy), rng_(seed), as_of_(as_of) {}

  void Make(size_t count, std::vector<Household>& households, std::vector<FeedView>& feeds) {
    for (size_t i = 0; i < count; ++i) {
      households.push_back(MakeHousehold(i));
      feeds.push_back(MakeFeeds(households.back()));
    }
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }

  Household MakeHousehold(size_t i) {
    const int members = Chance(3) ? 0 : Uniform(1, 6);
    // One valid member copied (TestHousehold's own IDs hold for three members at most); every
    // member's birth date, ID number and the fields the rules read are drawn below.
    Household h = ::jz::testing::TestHousehold("H" + std::to_string(i), 1);
    h.members.resize(static_cast<size_t>(members), h.members[0]);
    h.type = static_cast<HouseholdType>(Uniform(1, 4));
    for (Person& p : h.members) {
      const int kind = Uniform(0, 9);
      if (kind == 0) {
        p.birth_date = D(1964, 2, 29);
      } else if (kind == 1) {
        p.birth_date = as_of_.AddDays(-365 * Uniform(5, 16) - Uniform(-2, 2));
      } else {
        p.birth_date = D(Uniform(1930, 2023), Uniform(1, 12), Uniform(1, 28));
      }
      do {  // distinct ID numbers: the engine would give a repeated one every row
        p.id_number =
            *IdNumber::FromParts(222424, p.birth_date, static_cast<uint32_t>(next_seq_++ % 999 + 1));
      } while (!used_.insert(p.id_number.Packed()).second);
      p.health = Chance(10) ? std::nullopt : std::optional<Health>(static_cast<Health>(Uniform(1, 4)));
      p.school_status =
          Chance(10) ? std::nullopt : std::optional<SchoolStatus>(static_cast<SchoolStatus>(Uniform(1, 6)));
      p.labour_skill =
          Chance(10) ? std::nullopt : std::optional<LabourSkill>(static_cast<LabourSkill>(Uniform(1, 5)));
      // Unknown values now and then, so the engine's unknown marker, its Kleene and/or and
      // its separate count are compared with the reference's (docs/policy-language.md).
      p.medical_insured = Chance(12) ? std::nullopt : std::optional<bool>(!Chance(8));
      p.work_months = Chance(12) ? std::nullopt : std::optional<int>(Uniform(0, 12));
    }
    h.years.clear();
    const int years = Chance(8) ? 0 : Uniform(1, 2);
    for (int y = 0; y < years; ++y) {
      HouseholdYear year;
      year.data_year = as_of_.year() - y + (Chance(10) ? 1 : 0);  // sometimes after as_of: ignored
      const int64_t line_fen = 750000 * static_cast<int64_t>(std::max<size_t>(1, h.members.size()));
      year.wage_income = Money::FromFen(Chance(30) ? line_fen : Uniform(0, 4000000));
      year.business_income = Money::FromFen(Chance(50) ? 0 : Uniform(0, 2000000));
      year.transfer_income = Money::FromFen(Chance(50) ? 0 : Uniform(0, 500000));
      year.business_expense = Money::FromFen(Chance(50) ? 0 : Uniform(0, 1000000));
      year.food_secure = !Chance(5);
      year.clothing_secure = !Chance(5);
      year.compulsory_education_secured = !Chance(5);
      year.basic_medical_secured = !Chance(5);
      year.housing_secure = !Chance(5);
      year.safe_drinking_water = !Chance(5);
      year.housing_grade =
          Chance(20) ? std::nullopt : std::optional<HousingGrade>(static_cast<HousingGrade>(Uniform(1, 4)));
      if (Chance(10)) year.food_secure.reset();
      if (Chance(10)) year.basic_medical_secured.reset();
      if (Chance(10)) {  // only 人均纯收入, or nothing, as a person-detail export gives it
        year.income_components_known = false;
        year.wage_income = year.business_income = year.transfer_income = year.business_expense = Money();
        if (Chance(50)) year.declared_net_income_per_capita = Money::FromFen(Uniform(0, 2000000));
      }
      h.years.push_back(year);
    }
    return h;
  }

  FeedView MakeFeeds(const Household& h) {
    FeedView view;
    if (h.members.empty()) return view;
    for (size_t f = 0; f < policy_.feeds.size(); ++f) {
      const int rows = Chance(60) ? 0 : Uniform(1, 5);
      for (int r = 0; r < rows; ++r) {
        FeedRow row;
        row.member = static_cast<size_t>(Uniform(0, static_cast<int>(h.members.size()) - 1));
        const int edge = Uniform(0, 5);
        const int back = edge == 0 ? 365 : edge == 1 ? 366 : edge == 2 ? -1 : Uniform(0, 500);
        row.date = as_of_.AddDays(-back);
        for (const auto& [name, type] : policy_.feeds[f].columns) {
          if (type.kind == ValueKind::kMoney) {
            row.values.push_back(Value::OfMoney(Money::FromFen(Uniform(0, 3000000))));
          } else {
            row.values.push_back(Value::Bool(Chance(50)));
          }
        }
        view.rows[f].push_back(row);
      }
    }
    return view;
  }

  const Policy& policy_;
  std::mt19937 rng_;
  Date as_of_;
  uint32_t next_seq_ = 0;
  std::set<uint64_t> used_;
};

ComparableRun ExpectSameAsReference(const Policy& policy, uint32_t seed, Date as_of, size_t households) {
  std::vector<Household> registry;
  std::vector<FeedView> feeds;
  RandomRegistry(policy, seed, as_of).Make(households, registry, feeds);
  const ComparableRun reference = ::jz::testing::RunReference(policy, registry, feeds, as_of);
  for (const int threads : {1, 2}) {
    StatusOr<ComparableRun> run = ::jz::testing::RunEngine(policy, registry, feeds, as_of, threads);
    EXPECT_OK(run);
    if (!run.ok()) return reference;
    const ComparableRun& engine = *run;
    EXPECT_EQ(engine.not_evaluable, reference.not_evaluable) << "seed " << seed;
    EXPECT_EQ(engine.unknown, reference.unknown) << "seed " << seed;
    std::vector<ComparableHit> only_engine, only_reference;
    std::set_difference(engine.hits.begin(), engine.hits.end(), reference.hits.begin(), reference.hits.end(),
                        std::back_inserter(only_engine));
    std::set_difference(reference.hits.begin(), reference.hits.end(), engine.hits.begin(), engine.hits.end(),
                        std::back_inserter(only_reference));
    for (size_t i = 0; i < only_engine.size() && i < 3; ++i) {
      ADD_FAILURE() << "seed " << seed << " engine only: " << only_engine[i].rule << " household "
                    << only_engine[i].household << " member " << only_engine[i].member << "\n"
                    << only_engine[i].evidence;
    }
    for (size_t i = 0; i < only_reference.size() && i < 3; ++i) {
      ADD_FAILURE() << "seed " << seed << " reference only: " << only_reference[i].rule << " household "
                    << only_reference[i].household << " member " << only_reference[i].member << "\n"
                    << only_reference[i].evidence;
    }
    EXPECT_EQ(engine.hits.size(), reference.hits.size()) << "seed " << seed;
  }
  // The data must reach the rules, or the comparison proves little.
  std::set<std::string> fired;
  for (const ComparableHit& hit : reference.hits) fired.insert(hit.rule);
  EXPECT_GE(fired.size(), policy.rules.size() * 2 / 3) << "seed " << seed;
  return reference;
}

TEST(RuleEngineTest, JilinPolicyEqualsReferenceOnRandomHouseholds) {
  const Policy policy = JilinPolicy();
  for (uint32_t seed = 1; seed <= 4; ++seed) ExpectSameAsReference(policy, seed, D(2024, 12, 31), 1500);
  ExpectSameAsReference(policy, 9, D(2024, 2, 29), 1500);  // a leap-day as-of
}

TEST(RuleEngineTest, EveryOperatorEqualsReferenceOnRandomHouseholds) {
  ASSERT_OK_AND_ASSIGN(Policy policy, LoadPolicyText(kCoveragePolicy, "coverage.toml"));
  for (uint32_t seed = 11; seed <= 14; ++seed) {
    const ComparableRun reference = ExpectSameAsReference(policy, seed, D(2024, 12, 31), 1500);
    // The errors the reference stops at are reached: division by zero, overflow, no year.
    EXPECT_GT(reference.not_evaluable.count("R-DIV-ZERO"), 0u);
    EXPECT_GT(reference.not_evaluable.count("R-OVERFLOW"), 0u);
    EXPECT_GT(reference.not_evaluable.count("R-PERSON-YEAR"), 0u);
  }
}

TEST(RuleEngineTest, NotEvaluableWithoutDataYear) {
  const Policy policy = JilinPolicy();
  Household h = ::jz::testing::TestHousehold("H1", 2);
  h.years.clear();
  const std::vector<Household> registry{h};
  const std::vector<FeedView> feeds(1);
  ASSERT_OK_AND_ASSIGN(ComparableRun run, ::jz::testing::RunEngine(policy, registry, feeds, D(2024, 12, 31)));
  EXPECT_GT(run.not_evaluable["JL-T-FOOD"], 0);
  EXPECT_EQ(run.not_evaluable,
            ::jz::testing::RunReference(policy, registry, feeds, D(2024, 12, 31)).not_evaluable);
}

TEST(RuleEngineTest, RefusesAPolicyReadingWhatTheSnapshotLacks) {
  const Policy jilin = JilinPolicy();
  ASSERT_OK_AND_ASSIGN(Policy coverage, LoadPolicyText(kCoveragePolicy, "coverage.toml"));
  SnapshotBuilder builder(NeedsOf(jilin), D(2024, 12, 31));
  builder.Add(::jz::testing::TestHousehold("H1", 2));
  const Snapshot snapshot = std::move(builder).Finish();
  EXPECT_STATUS(RuleEngine::Create(coverage, snapshot).status(), StatusCode::kFailedPrecondition,
                "snapshot lacks");
}

TEST(RuleEngineTest, ChangedParameterChangesTheOutcomeOnTheSameSnapshot) {
  const std::string path = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  ASSERT_OK_AND_ASSIGN(Policy base, LoadPolicyFile(path));
  const std::vector<ParameterOverride> higher{{"monitoring_line", "17000"}};
  ASSERT_OK_AND_ASSIGN(Policy what_if, LoadPolicyFile(path, higher));
  Household h = ::jz::testing::TestHousehold("H1", 2);  // 16,000.25 yuan per person
  SnapshotBuilder builder(NeedsOf(base), D(2024, 12, 31));
  builder.Add(h);
  const Snapshot snapshot = std::move(builder).Finish();
  auto fires = [&](const Policy& policy) {
    StatusOr<RuleEngine> engine = RuleEngine::Create(policy, snapshot);
    EXPECT_OK(engine);
    StatusOr<EngineResult> result = engine->Run({.threads = 1});
    EXPECT_OK(result);
    return result->households_per_rule[static_cast<size_t>(policy.FindRule("JL-W-INCOME-EXITED") -
                                                           policy.rules.data())];
  };
  EXPECT_EQ(fires(base), 0);
  EXPECT_EQ(fires(what_if), 1);
}

TEST(PolicyOverrideTest, RejectsUnknownNamesAndWrongTypes) {
  const std::string path = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  const std::vector<ParameterOverride> unknown{{"monitoring_lin", "8000"}};
  EXPECT_STATUS(LoadPolicyFile(path, unknown).status(), StatusCode::kInvalidArgument, "monitoring_lin");
  const std::vector<ParameterOverride> wrong{{"school_age_from", "6元"}};
  EXPECT_STATUS(LoadPolicyFile(path, wrong).status(), StatusCode::kInvalidArgument, "school_age_from");
  const std::vector<ParameterOverride> yuan{{"monitoring_line", "8000.50元"}, {"medical_share", "0.6"}};
  ASSERT_OK_AND_ASSIGN(Policy policy, LoadPolicyFile(path, yuan));
  EXPECT_EQ(policy.parameters.at("monitoring_line"), Value::OfMoney(Money::FromFen(800050)));
}

TEST(IdIndexTest, FindsFirstAndChainsRepeatedIds) {
  const std::vector<uint64_t> ids{5, 9, 5, 100000000000000007, 5};
  IdIndex index;
  index.Build(ids);
  EXPECT_EQ(index.Find(5), 0u);
  EXPECT_EQ(index.next(0), 2u);
  EXPECT_EQ(index.next(2), 4u);
  EXPECT_EQ(index.next(4), IdIndex::kNone);
  EXPECT_EQ(index.Find(9), 1u);
  EXPECT_EQ(index.next(1), IdIndex::kNone);
  EXPECT_EQ(index.Find(6), IdIndex::kNone);
  const std::vector<uint64_t> probes{9, 6, 100000000000000007, 5};
  std::vector<uint32_t> out(probes.size());
  index.FindBatch(probes, out);
  EXPECT_THAT(out, ::testing::ElementsAre(1u, IdIndex::kNone, 3u, 0u));
}

TEST(IdIndexTest, ManyKeysAllFound) {
  std::vector<uint64_t> ids;
  for (uint64_t i = 0; i < 100000; ++i) ids.push_back(220000000000000000 + i * 1000 + 7);
  IdIndex index;
  index.Build(ids);
  std::vector<uint32_t> out(ids.size());
  index.FindBatch(ids, out);
  for (size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(out[i], i);
  EXPECT_EQ(index.Find(220000000000000008), IdIndex::kNone);
}

// Two threads build two regions; the index must answer as the one-thread build does,
// chains of repeated IDs included.
TEST(IdIndexTest, TwoThreadsBuildTheSameIndex) {
  std::vector<uint64_t> ids;
  uint64_t x = 12345;
  for (size_t i = 0; i < 200000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    ids.push_back(i % 97 == 3 ? ids[i / 2] : x >> 7);  // a repeat every 97 persons
  }
  IdIndex one, two;
  one.Build(ids, 1);
  two.Build(ids, 2);
  std::vector<uint32_t> out_one(ids.size()), out_two(ids.size());
  one.FindBatch(ids, out_one);
  two.FindBatch(ids, out_two);
  ASSERT_EQ(out_one, out_two);
  for (size_t p = 0; p < ids.size(); ++p) {
    ASSERT_EQ(one.next(static_cast<uint32_t>(p)), two.next(static_cast<uint32_t>(p))) << p;
    ASSERT_EQ(ids[out_two[p]], ids[p]);
    ASSERT_LE(out_two[p], p);
  }
  EXPECT_EQ(two.next(1), 3u);  // person 3 repeats person 1's ID
  const IdIndex copy = two;
  EXPECT_EQ(copy.Find(ids[12345]), two.Find(ids[12345]));
}

// Keys that all hash into the first half of the table would overflow a region (here the
// table has 131,072 slots, a region 65,536): the build must notice and still find every key.
// 64 keys more than a region holds are enough, and keep the probing cluster (quadratic in the
// excess) small enough for the ASan build: 87,000 keys took a minute there.
TEST(IdIndexTest, KeysCrowdingOneRegionAreAllFound) {
  const size_t n = 65600;
  const size_t capacity = std::bit_ceil(n + n / 2);
  const int shift = 64 - std::countr_zero(capacity);
  std::vector<uint64_t> ids;
  for (uint64_t id = 1; ids.size() < n; ++id) {
    if ((((id + 1) * 0x9E3779B97F4A7C15ull) >> shift) < capacity / 2) ids.push_back(id);
  }
  IdIndex index;
  index.Build(ids, 2);
  std::vector<uint32_t> out(ids.size());
  index.FindBatch(ids, out);
  for (size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(out[i], i);
  EXPECT_EQ(index.Find(0), IdIndex::kNone);
}

TEST(FeedAccumulatorTest, WindowEdgesAndOverflow) {
  const Policy policy = JilinPolicy();
  SnapshotBuilder builder(NeedsOf(policy), D(2024, 12, 31));
  Household h = ::jz::testing::TestHousehold("H1", 1);
  builder.Add(h);
  Snapshot snapshot = std::move(builder).Finish();
  FeedAccumulator acc(snapshot, policy.feeds);
  const size_t medical = *policy.FeedIndex("medical");
  const uint64_t id = h.members[0].id_number.Packed();
  const std::vector<int64_t> cost{100, 0};
  EXPECT_TRUE(acc.Add(medical, id, D(2024, 1, 1), cost));    // as_of - 365 (2024 is leap): in
  EXPECT_TRUE(acc.Add(medical, id, D(2023, 12, 31), cost));  // as_of - 366: out
  EXPECT_TRUE(acc.Add(medical, id, D(2025, 1, 1), cost));    // after as_of: out
  EXPECT_FALSE(acc.Add(medical, id + 1, D(2024, 6, 1), cost));
  const int key = NeedsOf(policy).FeedKeyIndex({static_cast<uint32_t>(medical), 0, 365, true});
  ASSERT_GE(key, 0);
  EXPECT_EQ(snapshot.feed_values[static_cast<size_t>(key)][0], 100);
  ASSERT_OK(acc.status());
  const std::vector<int64_t> huge{INT64_MAX, 0};
  acc.Add(medical, id, D(2024, 6, 1), huge);
  EXPECT_STATUS(acc.status(), StatusCode::kInvalidArgument, "overflow");
}

}  // namespace
}  // namespace jz
