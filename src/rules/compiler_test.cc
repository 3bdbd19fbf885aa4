// Tests of the rule language's parser and type checker, through LoadPolicyText so that each
// error is checked to name the file, line, column and rule id.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "core/limits.h"
#include "rules/policy.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

// A policy whose only rule, R1, has `when` on line 14, starting at column 9 (after `when = '`,
// a TOML literal string, so that labels need no escaping).
std::string PolicyWith(std::string_view when, std::string_view scope = "household") {
  return std::string(R"(version = "t"
province = "22"
effective_from = 2024-01-01
effective_to = 2024-12-31
[parameters]
monitoring_line = "7500元"
share = "0.5"
[[feed]]
name = "medical"
columns = ["out_of_pocket: money", "inpatient: bool"]
[[rule]]
id = "R1"
name_zh = "测试"
when = ')") +
         std::string(when) + "'\nkind = \"warning\"\nscope = \"" + std::string(scope) +
         "\"\nseverity = \"low\"\n";
}

StatusOr<Policy> Load(std::string_view when, std::string_view scope = "household") {
  return LoadPolicyText(PolicyWith(when, scope), "p.toml");
}

TEST(RuleCompiler, AcceptsGoodExpressions) {
  for (const char* when : {
           "household.net_income_per_capita < monitoring_line",
           "household.net_income_per_capita <= 7500",
           "household.net_income_per_capita < 7500.50元",
           "feed_sum(medical.out_of_pocket, days=365) > share * household.net_income",
           "feed_sum(medical.out_of_pocket) / household.net_income > 0.5",
           "count(m, m.age >= 6 and m.age <= 15) >= 1",
           "sum(m, m.work_months) > 12",
           "any(m, m.health in [\"患有大病\", \"残疾\"]) or all(m, not m.medical_insured)",
           "household.main_cause == \"因病\" and household.type != \"一般农户\"",
           "feed_count(medical.inpatient, days=30) > 2 or feed_any(medical)",
           "year.wage_income + year.business_income - year.business_expense > 0",
           "-(year.wage_income) < 0元 or 2024-01-01 < 2024-02-29",
       }) {
    EXPECT_OK(Load(when)) << when;
  }
  EXPECT_OK(Load("person.age >= 60 and person.labour_skill == \"丧失劳动力\"", "person"));
}

TEST(RuleCompiler, SyntaxErrorNamesFileLineColumnAndRule) {
  EXPECT_STATUS(Load("household.size > "), StatusCode::kInvalidArgument, "p.toml:14:26: rule R1:");
  EXPECT_STATUS(Load("(household.size > 1"), StatusCode::kInvalidArgument, "p.toml:14:28: rule R1:");
  EXPECT_STATUS(Load("household.size > 1 1"), StatusCode::kInvalidArgument, "p.toml:14:28: rule R1:");
  EXPECT_STATUS(Load("household.size # 1"), StatusCode::kInvalidArgument, "p.toml:14:24: rule R1:");
}

TEST(RuleCompiler, UnknownFieldNamesItsPosition) {
  EXPECT_STATUS(Load("household.sizes > 1"), StatusCode::kInvalidArgument,
                "p.toml:14:19: rule R1: 未知的字段");
  EXPECT_STATUS(Load("person.age > 1"), StatusCode::kInvalidArgument, "p.toml:14:9: rule R1:");
  EXPECT_STATUS(Load("poverty_line > 1元"), StatusCode::kInvalidArgument, "unknown name 'poverty_line'");
  EXPECT_STATUS(Load("feed_any(water)"), StatusCode::kInvalidArgument, "p.toml:14:18: rule R1:");
}

TEST(RuleCompiler, UnknownLabelNamesTheCodeList) {
  // Column counts code points: the label starts at column 9 + 22.
  EXPECT_STATUS(Load("household.main_cause == \"因穷\""), StatusCode::kInvalidArgument,
                "p.toml:14:33: rule R1: 代码表 PovertyCause 中没有标签 “因穷”");
  EXPECT_STATUS(Load("\"因病\" == true"), StatusCode::kInvalidArgument, "rule R1:");
}

TEST(RuleCompiler, TypeMismatchNamesBothTypes) {
  EXPECT_STATUS(Load("year.wage_income + 2024-01-01 > 0元"), StatusCode::kInvalidArgument,
                "p.toml:14:26: rule R1: 类型不匹配：不能对 money 和 date 使用 +");
  EXPECT_STATUS(Load("household.size == \"因病\""), StatusCode::kInvalidArgument, "rule R1:");
  EXPECT_STATUS(Load("household.net_income"), StatusCode::kInvalidArgument, "not money");
  EXPECT_STATUS(Load("household.type < \"脱贫户\""), StatusCode::kInvalidArgument, "cannot apply <");
  EXPECT_STATUS(Load("household.net_income < 7500.005"), StatusCode::kInvalidArgument,
                "at most two decimals");
}

TEST(RuleCompiler, RejectsNestedMemberAggregates) {
  EXPECT_STATUS(Load("any(m, count(k, k.age > 1) > 1)"), StatusCode::kInvalidArgument,
                "p.toml:14:16: rule R1: 成员聚合不能嵌套");
}

TEST(RuleCompiler, RejectsTooDeep) {
  std::string deep(kMaxRuleDepth + 1, '(');
  deep += "true" + std::string(kMaxRuleDepth + 1, ')');
  EXPECT_STATUS(Load(deep), StatusCode::kInvalidArgument, "rule R1: 表达式嵌套超过");
  std::string nots;
  for (size_t i = 0; i <= kMaxRuleDepth; ++i) nots += "not ";
  EXPECT_STATUS(Load(nots + "true"), StatusCode::kInvalidArgument, "p.toml:14:");
}

TEST(RuleCompiler, RejectsTooManyNodes) {
  std::string wide = "household.size in [0";
  for (size_t i = 1; i < kMaxRuleNodes; ++i) wide += ", " + std::to_string(i);
  wide += "]";
  EXPECT_STATUS(Load(wide), StatusCode::kInvalidArgument, "p.toml:14:");
  EXPECT_STATUS(Load(wide), StatusCode::kInvalidArgument, "rule R1: 表达式超过 256 个节点");
}

TEST(RuleCompiler, RejectsWindowOutOfRange) {
  EXPECT_STATUS(Load("feed_any(medical, days=0)"), StatusCode::kInvalidArgument, "days must be");
  EXPECT_STATUS(Load("feed_any(medical, days=99999)"), StatusCode::kInvalidArgument, "days must be");
}

TEST(RuleCompiler, MultiLineExpressionErrorsPointIntoTheRightLine) {
  const std::string text = std::string(R"(version = "t"
province = "22"
effective_from = 2024-01-01
effective_to = 2024-12-31
[[rule]]
id = "R2"
name_zh = "多行"
kind = "test"
scope = "household"
severity = "low"
when = """
household.size > 1
and household.bogus
"""
)");
  EXPECT_STATUS(LoadPolicyText(text, "m.toml"), StatusCode::kInvalidArgument,
                "m.toml:13:15: rule R2: 未知的字段");
}

TEST(RuleCompiler, LabelInParenthesesResolves) { EXPECT_OK(Load("household.main_cause == (\"因病\")")); }

// Mutations of every shipped rule either compile or fail with an InvalidArgument whose
// offset lies inside the text; under ASan/UBSan this catches crashes the unit cases miss.
TEST(RuleCompiler, SurvivesMutatedRules) {
  const std::string path = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  ASSERT_OK_AND_ASSIGN(Policy policy, LoadPolicyFile(path));
  const unsigned seed = std::random_device{}();
  std::printf("SurvivesMutatedRules seed %u\n", seed);
  std::mt19937 rng(seed);
  const std::string alphabet = "()[],.=<>!+-*/\" 0123456789aemnotrsy_\xe5\x9b\xa0元";
  for (const Rule& rule : policy.rules) {
    const CompileEnv env{rule.scope, &policy.parameters, &policy.feeds, true};
    for (int i = 0; i < 300; ++i) {
      std::string text = rule.expr.text;
      for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0 && !text.empty(); --edits) {
        const size_t at = rng() % text.size();
        const char c = alphabet[rng() % alphabet.size()];
        switch (rng() % 3) {
          case 0:
            text.erase(at, 1);
            break;
          case 1:
            text.insert(at, 1, c);
            break;
          default:
            text[at] = c;
        }
      }
      size_t offset = 0;
      StatusOr<Expr> expr = CompileExpr(text, env, &offset);
      if (expr.ok()) continue;
      EXPECT_EQ(expr.status().code(), StatusCode::kInvalidArgument) << text;
      EXPECT_LE(offset, text.size()) << text;
    }
  }
}

}  // namespace
}  // namespace jz
