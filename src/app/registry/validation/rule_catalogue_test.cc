// The rule catalogue is the one list of rule ids: the validator's rules are its first block,
// the ids the registry reader (io, which cannot include app) spells itself are in it, and the
// generator's planted problems take their ids and wordings from it.
#include "app/registry/validation/rule_catalogue.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "app/registry/validation/household_validator.h"
#include "core/id_number.h"
#include "io/registry_reader.h"
#include "tests/testutil/status_matchers.h"

namespace jz::validation {
namespace {

TEST(RuleCatalogue, IdsAreUniqueAndEveryRuleIsWorded) {
  std::set<std::string_view> ids;
  for (size_t i = 0; i < RuleCatalogue().size(); ++i) {
    const RuleSpec& spec = RuleCatalogue()[i];
    EXPECT_EQ(static_cast<size_t>(spec.rule), i) << spec.id;
    EXPECT_TRUE(ids.insert(spec.id).second) << "duplicate id " << spec.id;
    EXPECT_FALSE(spec.zh.empty()) << spec.id;
    EXPECT_FALSE(spec.en.empty()) << spec.id;
  }
  EXPECT_EQ(RuleCatalogue().size(), kCatalogueRuleCount);
}

TEST(RuleCatalogue, ValidatorRulesAreTheFirstBlockInOrder) {
  ASSERT_EQ(ValidationRules().size(), kValidatorRuleCount);
  for (size_t i = 0; i < kValidatorRuleCount; ++i) {
    const RuleInfo& info = ValidationRules()[i];
    const RuleSpec& spec = RuleCatalogue()[i];
    EXPECT_EQ(info.id, spec.id);
    EXPECT_EQ(info.zh, spec.zh);
    EXPECT_EQ(info.field, RegistryColumnInfoOf(spec.column).zh_header) << spec.id;
  }
}

TEST(RuleCatalogue, HoldsTheIdsTheRegistryReaderReports) {
  std::string id = IdNumber::FromParts(222424, *Date::FromYmd(1960, 5, 1), 101)->ToString();
  id.back() = id.back() == '0' ? '1' : '0';
  EXPECT_EQ(ClassifyIdProblem(id), SpecOf(Rule::kIdCheckCharacter).id);
  EXPECT_EQ(ClassifyIdProblem(id.substr(0, 17)), SpecOf(Rule::kIdLength).id);
  EXPECT_EQ(SpecOf(Rule::kUnknownVillage).id, "region.unknown_village");
  EXPECT_EQ(SpecOf(Rule::kNegativeIncome).scope, RuleScope::kHousehold);
  // The reader's row problems of issue 13 item 5, spelled in io/registry_row_checks.cc.
  EXPECT_EQ(SpecOf(Rule::kIdDigitsLost).id, "id.digits_lost");
  EXPECT_EQ(SpecOf(Rule::kQuoteSpan).id, "import.quote_span");
  EXPECT_EQ(SpecOf(Rule::kPersonName).id, "person.name");
  EXPECT_EQ(PersonNameProblem("张三13904381234").empty(), false);
}

// A number valid by GB 11643 but born before 1900 is no format rejection: IdNumber accepts it,
// and the validator reports it as id.implausible_birth.
TEST(RuleCatalogue, ImplausibleBirthIsAValidationFinding) {
  EXPECT_LT(static_cast<size_t>(Rule::kIdImplausibleBirth), kValidatorRuleCount);
  EXPECT_EQ(SpecOf(Rule::kIdImplausibleBirth).id, "id.implausible_birth");
  ASSERT_OK(IdNumber::FromParts(222424, *Date::FromYmd(1899, 12, 31), 101));
}

}  // namespace
}  // namespace jz::validation
