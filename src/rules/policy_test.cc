// Tests of policy loading: the shipped Jilin policy, and bad files that must name the file.
#include "rules/policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const std::string kJilin2024 = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";

constexpr std::string_view kHeader = R"(version = "1"
province = "22"
effective_from = 2024-01-01
effective_to = 2024-12-31
)";

constexpr std::string_view kRule = R"(
[[rule]]
id = "R1"
name_zh = "规则"
kind = "test"
scope = "household"
severity = "low"
when = "household.size > 0"
)";

TEST(Policy, LoadsJilin2024AndTypeChecksEveryRule) {
  ASSERT_OK_AND_ASSIGN(Policy policy, LoadPolicyFile(kJilin2024));
  EXPECT_EQ(policy.province, "22");
  EXPECT_EQ(policy.effective_from, *Date::FromYmd(2024, 1, 1));
  EXPECT_EQ(policy.effective_to, *Date::FromYmd(2024, 12, 31));
  EXPECT_EQ(policy.parameters.at("monitoring_line"), Value::OfMoney(Money::FromYuan(7500)));
  EXPECT_EQ(policy.parameters.at("poverty_line"), Value::OfMoney(Money::FromYuan(4000)));
  EXPECT_EQ(policy.parameters.at("medical_share").number, (Rational{1, 2}));
  size_t tests = 0, warnings = 0, exclusions = 0;
  for (const Rule& rule : policy.rules) {
    EXPECT_EQ(rule.expr.nodes[rule.expr.root].type.kind, ValueKind::kBool) << rule.id;
    EXPECT_FALSE(rule.name_zh.empty()) << rule.id;
    tests += rule.kind == RuleKind::kTest;
    warnings += rule.kind == RuleKind::kWarning;
    exclusions += rule.kind == RuleKind::kExclusion;
  }
  EXPECT_EQ(tests, 6u);  // 不愁吃, 不愁穿, 义务教育, 基本医疗, 住房, 饮水
  EXPECT_GE(warnings, 6u);
  EXPECT_LE(warnings, 10u);
  EXPECT_EQ(exclusions, 4u);  // payroll, vehicle, company, commercial housing
  const Rule* medical = policy.FindRule("JL-W-MEDICAL");
  ASSERT_NE(medical, nullptr);
  EXPECT_EQ(medical->monitoring_type, MonitoringType::kSuddenHardship);
  EXPECT_EQ(medical->risk_category, RiskCategory::kIllness);
}

TEST(Policy, MissingFileIsNotFound) {
  EXPECT_STATUS(LoadPolicyFile("/nonexistent/p.toml"), StatusCode::kNotFound, "/nonexistent/p.toml");
}

TEST(Policy, TomlSyntaxErrorNamesFileAndLine) {
  EXPECT_STATUS(LoadPolicyText(std::string(kHeader) + "version = = 2\n", "bad.toml"),
                StatusCode::kInvalidArgument, "bad.toml:5:");
}

TEST(Policy, MissingVersionNamesTheKey) {
  EXPECT_STATUS(LoadPolicyText("province = \"22\"\n", "nover.toml"), StatusCode::kInvalidArgument,
                "nover.toml:1:1: 缺少字符串键 “version”");
}

TEST(Policy, EffectiveToBeforeFromIsAnError) {
  const std::string text =
      "version = \"1\"\nprovince = \"22\"\neffective_from = 2024-06-01\n"
      "effective_to = 2024-05-31\n";
  EXPECT_STATUS(LoadPolicyText(text, "dates.toml"), StatusCode::kInvalidArgument,
                "dates.toml:4:16: effective_to 早于 effective_from");
}

TEST(Policy, DuplicateRuleIdNamesTheSecond) {
  const std::string text = std::string(kHeader) + std::string(kRule) + std::string(kRule);
  EXPECT_STATUS(LoadPolicyText(text, "dup.toml"), StatusCode::kInvalidArgument,
                "dup.toml:15:6: rule R1: 规则编号重复");
}

TEST(Policy, BadRuleAttributesAreNamed) {
  std::string text = std::string(kHeader) + std::string(kRule);
  text.replace(text.find("\"low\""), 5, "\"urgent\"");
  EXPECT_STATUS(LoadPolicyText(text, "sev.toml"), StatusCode::kInvalidArgument, "sev.toml:6:1: rule R1:");
  std::string label = std::string(kHeader) + std::string(kRule) + "monitoring_type = \"穷户\"\n";
  EXPECT_STATUS(LoadPolicyText(label, "mt.toml"), StatusCode::kInvalidArgument,
                "mt.toml:13:19: rule R1: 监测对象类型无效");
}

TEST(Policy, MisspeltKeyIsAnError) {
  const std::string text = std::string(kHeader) + std::string(kRule) + "monitoring_typ = \"边缘易致贫户\"\n";
  EXPECT_STATUS(LoadPolicyText(text, "typo.toml"), StatusCode::kInvalidArgument,
                "typo.toml:13:1: rule R1: 未知的键 “monitoring_typ”");
  EXPECT_STATUS(LoadPolicyText(std::string(kHeader) + "verison = \"2\"\n", "top.toml"),
                StatusCode::kInvalidArgument, "top.toml:5:1:");
}

TEST(Policy, BadParameterAndFeedAreNamed) {
  EXPECT_STATUS(LoadPolicyText(std::string(kHeader) + "[parameters]\nline = \"7500元 + 1元\"\n", "par.toml"),
                StatusCode::kInvalidArgument, "par.toml:6:8: 参数必须是单个字面量");
  EXPECT_STATUS(LoadPolicyText(std::string(kHeader) + "[[feed]]\nname = \"f\"\ncolumns = [\"x: float\"]\n",
                               "feed.toml"),
                StatusCode::kInvalidArgument, "feed.toml:7:12:");
}

// Regression (found while adding fuzz/policy_fuzz.cc; its seed int64_min_parameter.toml):
// `-x` of the integer parameter -9223372036854775808 negated INT64_MIN when the compiler
// folded the literal, which is undefined behaviour.
TEST(Policy, IntegerParameterBeyondTheLanguageRangeIsRefused) {
  std::string rule(kRule);
  rule.replace(rule.find("household.size > 0"), 18, "-x > 0");
  const std::string too_low = std::string(kHeader) + "[parameters]\nx = -9223372036854775808\n" + rule;
  EXPECT_STATUS(LoadPolicyText(too_low, "min.toml"), StatusCode::kInvalidArgument,
                "min.toml:6:5: 整数参数超出范围");
  const std::string lowest = std::string(kHeader) + "[parameters]\nx = -9223372036854775807\n" + rule;
  ASSERT_OK_AND_ASSIGN(Policy policy, LoadPolicyText(lowest, "max.toml"));
  EXPECT_EQ(policy.rules[0].expr.nodes[0].value, Value::Int(INT64_MAX));
}

// A feed name becomes <name>.csv in the feeds folder: a path would reach outside it.
TEST(Policy, FeedNamesAreIdentifiersNeverPaths) {
  for (const char* name : {"../x", "/etc/passwd", "Medical", "1feed", "med-ical", "a b"}) {
    const std::string text = std::string(kHeader) + "\n[[feed]]\nname = \"" + name + "\"\ncolumns = []\n";
    SCOPED_TRACE(name);
    EXPECT_STATUS(LoadPolicyText(text, "p.toml"), StatusCode::kInvalidArgument, "p.toml:7:");
    EXPECT_STATUS(LoadPolicyText(text, "p.toml"), StatusCode::kInvalidArgument, "[a-z][a-z0-9_]*");
  }
  const std::string good = std::string(kHeader) + "\n[[feed]]\nname = \"school_roll2\"\ncolumns = []\n";
  EXPECT_OK(LoadPolicyText(good, "p.toml").status());
}

TEST(Policy, NegativeAmountsAreRefusedAtLoad) {
  const std::string parameter = std::string(kHeader) + "\n[parameters]\nmonitoring_line = \"-7500元\"\n";
  EXPECT_STATUS(LoadPolicyText(parameter, "p.toml"), StatusCode::kInvalidArgument, "p.toml:7:");
  EXPECT_STATUS(LoadPolicyText(parameter, "p.toml"), StatusCode::kInvalidArgument, "monitoring_line");
  const std::string line =
      std::string(kHeader) + "\n[parameters]\nmonitoring_line = \"7500元\"\n" + std::string(kRule);
  const std::vector<ParameterOverride> negative{{"monitoring_line", "-1"}};
  EXPECT_STATUS(LoadPolicyText(line, "p.toml", negative), StatusCode::kInvalidArgument, "monitoring_line");
  EXPECT_STATUS(LoadPolicyText(line, "p.toml", negative), StatusCode::kInvalidArgument, "negative");
  std::string rule(kRule);
  rule.replace(rule.find("household.size > 0"), 18, "year.wage_income < -500元");
  EXPECT_STATUS(LoadPolicyText(std::string(kHeader) + rule, "p.toml"), StatusCode::kInvalidArgument,
                "rule R1");
  EXPECT_STATUS(LoadPolicyText(std::string(kHeader) + rule, "p.toml"), StatusCode::kInvalidArgument,
                "-500元");
  // Zero and differences of amounts stay allowed.
  rule = std::string(kRule);
  rule.replace(rule.find("household.size > 0"), 18, "year.wage_income - year.business_expense < 0元");
  EXPECT_OK(LoadPolicyText(std::string(kHeader) + rule, "p.toml").status());
}

}  // namespace
}  // namespace jz
