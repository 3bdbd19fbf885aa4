// Loading and running the policy case files of policy_cases.h. toml++ reads the file (its
// exceptions stop here); every value is then checked, with each error placed at
// file:line:column and named by its key path (members[1].health).
#include "app/testing/policy_cases.h"

#include <fmt/format.h>
#include <toml++/toml.h>  // Debian ships toml.h, not toml.hpp

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

namespace jz::testing {
namespace {

// The village every case household lives in (柳树河村, 汪清县), and its county for ID numbers.
constexpr std::string_view kCaseVillage = "222424100205";
constexpr uint32_t kCaseCounty6 = 222424;
// The defaults of an unremarkable household: a 一般农户 of comfortable income.
constexpr int64_t kDefaultWageYuan = 30000;
constexpr int kDefaultAge = 40;

class CaseLoader {
 public:
  CaseLoader(std::string_view source, const Policy& policy) : source_(source), policy_(policy) {}

  StatusOr<PolicyCase> LoadCase(const toml::table& table, const std::vector<std::string>& file_rules);
  StatusOr<std::vector<std::string>> LoadRuleList(const toml::node& node, std::string_view key) const;

  Status Error(const toml::source_region& at, std::string_view key, std::string_view problem) const {
    const std::string in_case = case_name_.empty() ? "" : fmt::format("case {}: ", case_name_);
    return InvalidArgumentError(
        fmt::format("{}:{}:{}: {}{}: {}", source_, at.begin.line, at.begin.column, in_case, key, problem));
  }
  Status RejectUnknownKeys(const toml::table& table, std::initializer_list<std::string_view> known,
                           std::string_view prefix) const;

 private:
  static std::string Key(std::string_view prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
  }
  // Where `key` is in `t`, or `t` itself when the key is absent.
  static const toml::source_region& At(const toml::table& t, std::string_view key) {
    const toml::node* node = t.get(key);
    return node != nullptr ? node->source() : t.source();
  }
  StatusOr<bool> BoolOf(const toml::node& node, std::string_view path) const;
  StatusOr<int64_t> IntOf(const toml::node& node, std::string_view path) const;
  StatusOr<Money> MoneyOf(const toml::node& node, std::string_view path) const;
  StatusOr<Date> DateOf(const toml::node& node, std::string_view path) const;
  StatusOr<bool> GetBool(const toml::table& t, std::string_view prefix, std::string_view key,
                         bool fallback) const {
    const toml::node* node = t.get(key);
    return node == nullptr ? StatusOr<bool>(fallback) : BoolOf(*node, Key(prefix, key));
  }
  StatusOr<int64_t> GetInt(const toml::table& t, std::string_view prefix, std::string_view key,
                           int64_t fallback) const {
    const toml::node* node = t.get(key);
    return node == nullptr ? StatusOr<int64_t>(fallback) : IntOf(*node, Key(prefix, key));
  }
  StatusOr<Money> GetMoney(const toml::table& t, std::string_view prefix, std::string_view key,
                           Money fallback) const {
    const toml::node* node = t.get(key);
    return node == nullptr ? StatusOr<Money>(fallback) : MoneyOf(*node, Key(prefix, key));
  }
  StatusOr<std::optional<Date>> GetDate(const toml::table& t, std::string_view prefix,
                                        std::string_view key) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return std::optional<Date>();
    ASSIGN_OR_RETURN(Date date, DateOf(*node, Key(prefix, key)));
    return std::optional<Date>(date);
  }
  template <CodeListEnum E>
  StatusOr<std::optional<E>> GetCode(const toml::table& t, std::string_view prefix, std::string_view key,
                                     std::optional<E> fallback) const;
  StatusOr<Value> GetColumn(const toml::node& node, std::string_view key, Type type) const;

  const toml::table* SubTable(const toml::table& t, std::string_view key, Status* error) const;
  Status LoadHousehold(const toml::table& t, Household& h) const;
  Status LoadYears(const toml::table& t, Date as_of, Household& h) const;
  StatusOr<HouseholdYear> LoadYear(const toml::table& t, std::string_view prefix, Date as_of) const;
  Status LoadMembers(const toml::table& t, Date as_of, Household& h) const;
  StatusOr<Person> LoadMember(const toml::table& t, std::string_view prefix, size_t index, Date as_of) const;
  Status LoadFeedRows(const toml::table& t, const Household& h, FeedView& feeds) const;
  Status LoadFeedRow(const toml::table& t, std::string_view prefix, const Household& h,
                     FeedView& feeds) const;
  Status LoadExpected(const toml::table& t, const Household& h, PolicyCase& c) const;

  std::string_view source_;
  const Policy& policy_;
  std::string case_name_;  // the case being loaded, for messages
  int ordinal_ = 0;        // cases loaded so far, numbers the household
};

Status CaseLoader::RejectUnknownKeys(const toml::table& table, std::initializer_list<std::string_view> known,
                                     std::string_view prefix) const {
  for (const auto& [key, node] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    std::string accepted;
    for (std::string_view k : known) accepted += accepted.empty() ? std::string(k) : ", " + std::string(k);
    return Error(key.source(), Key(prefix, key.str()), "unknown key (accepted: " + accepted + ")");
  }
  return OkStatus();
}

StatusOr<bool> CaseLoader::BoolOf(const toml::node& node, std::string_view path) const {
  if (!node.is_boolean()) return Error(node.source(), path, "expected true or false");
  return *node.value<bool>();
}

StatusOr<int64_t> CaseLoader::IntOf(const toml::node& node, std::string_view path) const {
  if (!node.is_integer()) return Error(node.source(), path, "expected an integer");
  return *node.value<int64_t>();
}

// Money is a string in yuan ("7499.99", "7500元") or an integer of yuan; never a TOML float,
// whose binary fraction cannot hold 0.01 exactly.
StatusOr<Money> CaseLoader::MoneyOf(const toml::node& node, std::string_view path) const {
  if (node.is_integer()) {
    const int64_t yuan = *node.value<int64_t>();
    if (yuan > INT64_MAX / 100 || yuan < INT64_MIN / 100) {
      return Error(node.source(), path, "amount out of range");
    }
    return Money::FromYuan(yuan);
  }
  if (node.is_string()) {
    StatusOr<Money> money = Money::Parse(*node.value<std::string>());
    if (money.ok()) return *money;
  }
  return Error(node.source(), path, "expected an amount in yuan as a string (\"7499.99\") or an integer");
}

StatusOr<Date> CaseLoader::DateOf(const toml::node& node, std::string_view path) const {
  if (node.is_date()) {
    const toml::date d = *node.value<toml::date>();
    if (std::optional<Date> date = Date::FromYmd(d.year, d.month, d.day)) return *date;
  }
  if (node.is_string()) {
    if (StatusOr<Date> date = Date::Parse(*node.value<std::string>()); date.ok()) return *date;
  }
  return Error(node.source(), path, "expected a date such as 2024-02-29");
}

// A label of the code list (zh-Hans, zh-Hant, English, alias or code); "" for no value.
template <CodeListEnum E>
StatusOr<std::optional<E>> CaseLoader::GetCode(const toml::table& t, std::string_view prefix,
                                               std::string_view key, std::optional<E> fallback) const {
  const toml::node* node = t.get(key);
  if (node == nullptr) return fallback;
  if (!node->is_string()) return Error(node->source(), Key(prefix, key), "expected a label string");
  const std::string text = *node->value<std::string>();
  if (text.empty()) return std::optional<E>();
  StatusOr<E> value = Parse<E>(text);
  if (!value.ok()) return Error(node->source(), Key(prefix, key), value.status().message());
  return std::optional<E>(*value);
}

StatusOr<Value> CaseLoader::GetColumn(const toml::node& node, std::string_view key, Type type) const {
  switch (type.kind) {
    case ValueKind::kBool: {
      ASSIGN_OR_RETURN(bool b, BoolOf(node, key));
      return Value::Bool(b);
    }
    case ValueKind::kInt: {
      ASSIGN_OR_RETURN(int64_t i, IntOf(node, key));
      return Value::Int(i);
    }
    case ValueKind::kMoney: {
      ASSIGN_OR_RETURN(Money m, MoneyOf(node, key));
      return Value::OfMoney(m);
    }
    case ValueKind::kDate: {
      ASSIGN_OR_RETURN(Date d, DateOf(node, key));
      return Value::OfDate(d);
    }
    case ValueKind::kCode: {
      if (!node.is_string()) return Error(node.source(), key, "expected a label string");
      StatusOr<uint8_t> code = CodeListOf(type.list).Parse(*node.value<std::string>());
      if (!code.ok()) return Error(node.source(), key, code.status().message());
      return Value::Code(type.list, *code);
    }
    default:
      return Error(node.source(), key, "columns of type " + TypeName(type) + " are not supported in cases");
  }
}

const toml::table* CaseLoader::SubTable(const toml::table& t, std::string_view key, Status* error) const {
  const toml::node* node = t.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) *error = Error(node->source(), key, "expected a table");
  return node->as_table();
}

Status CaseLoader::LoadHousehold(const toml::table& t, Household& h) const {
  h.household_no = fmt::format("{}{:06d}", kCaseVillage, ordinal_);
  h.village = *RegionCode::Parse(kCaseVillage);
  h.natural_village = "一组";
  h.type = HouseholdType::kOrdinaryFarm;
  Status error;
  const toml::table* table = SubTable(t, "household", &error);
  RETURN_IF_ERROR(error);
  if (table == nullptr) return OkStatus();
  RETURN_IF_ERROR(
      RejectUnknownKeys(*table, {"type", "attribute", "main_cause", "monitoring_type"}, "household"));
  ASSIGN_OR_RETURN(std::optional<HouseholdType> type,
                   GetCode<HouseholdType>(*table, "household", "type", h.type));
  if (!type) return Error(At(*table, "type"), "household.type", "a household needs a type");
  h.type = *type;
  ASSIGN_OR_RETURN(h.attribute, GetCode<HouseholdAttribute>(*table, "household", "attribute", std::nullopt));
  ASSIGN_OR_RETURN(h.main_cause, GetCode<PovertyCause>(*table, "household", "main_cause", std::nullopt));
  ASSIGN_OR_RETURN(h.monitoring_type,
                   GetCode<MonitoringType>(*table, "household", "monitoring_type", std::nullopt));
  return OkStatus();
}

StatusOr<HouseholdYear> CaseLoader::LoadYear(const toml::table& t, std::string_view prefix,
                                             Date as_of) const {
  RETURN_IF_ERROR(
      RejectUnknownKeys(t,
                        {"data_year", "wage_income", "business_income", "property_income", "transfer_income",
                         "business_expense", "food_secure", "clothing_secure", "compulsory_education_secured",
                         "basic_medical_secured", "housing_secure", "safe_drinking_water", "housing_grade"},
                        prefix));
  HouseholdYear y;
  ASSIGN_OR_RETURN(int64_t data_year, GetInt(t, prefix, "data_year", as_of.year()));
  if (data_year < Date::kMinYear || data_year > Date::kMaxYear) {
    return Error(At(t, "data_year"), Key(prefix, "data_year"), "expected a year such as 2024");
  }
  y.data_year = static_cast<int>(data_year);
  ASSIGN_OR_RETURN(y.wage_income, GetMoney(t, prefix, "wage_income", Money::FromYuan(kDefaultWageYuan)));
  ASSIGN_OR_RETURN(y.business_income, GetMoney(t, prefix, "business_income", Money()));
  ASSIGN_OR_RETURN(y.property_income, GetMoney(t, prefix, "property_income", Money()));
  ASSIGN_OR_RETURN(y.transfer_income, GetMoney(t, prefix, "transfer_income", Money()));
  ASSIGN_OR_RETURN(y.business_expense, GetMoney(t, prefix, "business_expense", Money()));
  ASSIGN_OR_RETURN(y.food_secure, GetBool(t, prefix, "food_secure", true));
  ASSIGN_OR_RETURN(y.clothing_secure, GetBool(t, prefix, "clothing_secure", true));
  ASSIGN_OR_RETURN(y.compulsory_education_secured, GetBool(t, prefix, "compulsory_education_secured", true));
  ASSIGN_OR_RETURN(y.basic_medical_secured, GetBool(t, prefix, "basic_medical_secured", true));
  ASSIGN_OR_RETURN(y.housing_secure, GetBool(t, prefix, "housing_secure", true));
  ASSIGN_OR_RETURN(y.safe_drinking_water, GetBool(t, prefix, "safe_drinking_water", true));
  ASSIGN_OR_RETURN(y.housing_grade, GetCode<HousingGrade>(t, prefix, "housing_grade", HousingGrade::kA));
  return y;
}

// `year` is one table or an array of tables (several data years); absent, one default year
// of as_of's year.
Status CaseLoader::LoadYears(const toml::table& t, Date as_of, Household& h) const {
  const toml::node* node = t.get("year");
  if (node == nullptr) {
    ASSIGN_OR_RETURN(HouseholdYear y, LoadYear(toml::table(), "year", as_of));
    h.years.push_back(y);
  } else if (const toml::table* table = node->as_table()) {
    ASSIGN_OR_RETURN(HouseholdYear y, LoadYear(*table, "year", as_of));
    h.years.push_back(y);
  } else if (const toml::array* array = node->as_array()) {
    for (size_t i = 0; i < array->size(); ++i) {
      const std::string prefix = fmt::format("year[{}]", i);
      const toml::table* item = (*array)[i].as_table();
      if (item == nullptr) return Error((*array)[i].source(), prefix, "expected a table");
      ASSIGN_OR_RETURN(HouseholdYear y, LoadYear(*item, prefix, as_of));
      h.years.push_back(y);
    }
  } else {
    return Error(node->source(), "year", "expected a table or an array of tables");
  }
  const int members = static_cast<int>(std::max<size_t>(h.members.size(), 1));
  for (HouseholdYear& y : h.years) y.declared_net_income_per_capita = y.NetIncomePerCapita(members);
  return OkStatus();
}

// `age = N` means born on 1 January of as_of's year minus N: exactly N whole years on as_of.
StatusOr<Person> CaseLoader::LoadMember(const toml::table& t, std::string_view prefix, size_t index,
                                        Date as_of) const {
  RETURN_IF_ERROR(
      RejectUnknownKeys(t,
                        {"name", "age", "birth_date", "sex", "relationship", "education", "school_status",
                         "health", "labour_skill", "work_status", "work_months", "medical_insured",
                         "critical_illness_insured", "receives_dibao", "receives_tekun"},
                        prefix));
  Person p;
  p.name = fmt::format("成员{}", index + 1);
  if (const toml::node* name = t.get("name")) {
    if (!name->is_string()) return Error(name->source(), Key(prefix, "name"), "expected a string");
    p.name = *name->value<std::string>();
  }
  ASSIGN_OR_RETURN(std::optional<Date> birth, GetDate(t, prefix, "birth_date"));
  if (birth && t.contains("age")) {
    return Error(t.get("age")->source(), Key(prefix, "age"), "give age or birth_date, not both");
  }
  ASSIGN_OR_RETURN(int64_t age, GetInt(t, prefix, "age", kDefaultAge));
  if (!birth) {
    birth = age >= 0 && age <= 120 ? Date::FromYmd(as_of.year() - static_cast<int>(age), 1, 1) : std::nullopt;
    if (!birth) return Error(At(t, "age"), Key(prefix, "age"), "expected an age of 0..120");
  }
  p.birth_date = *birth;
  const bool first = index == 0;
  ASSIGN_OR_RETURN(std::optional<Sex> sex, GetCode<Sex>(t, prefix, "sex", Sex::kMale));
  p.sex = sex.value_or(Sex::kUnspecified);
  ASSIGN_OR_RETURN(
      std::optional<Relationship> rel,
      GetCode<Relationship>(t, prefix, "relationship", first ? Relationship::kHead : Relationship::kOther));
  p.relationship = rel.value_or(Relationship::kOther);
  ASSIGN_OR_RETURN(p.education, GetCode<Education>(t, prefix, "education", Education::kJuniorSecondary));
  ASSIGN_OR_RETURN(p.school_status,
                   GetCode<SchoolStatus>(t, prefix, "school_status", SchoolStatus::kNotInSchool));
  ASSIGN_OR_RETURN(p.health, GetCode<Health>(t, prefix, "health", Health::kHealthy));
  ASSIGN_OR_RETURN(p.labour_skill, GetCode<LabourSkill>(t, prefix, "labour_skill", LabourSkill::kOrdinary));
  ASSIGN_OR_RETURN(p.work_status, GetCode<WorkStatus>(t, prefix, "work_status", std::nullopt));
  ASSIGN_OR_RETURN(int64_t months, GetInt(t, prefix, "work_months", 0));
  if (months < 0 || months > 12) {
    return Error(At(t, "work_months"), Key(prefix, "work_months"), "expected 0..12");
  }
  p.work_months = static_cast<int>(months);
  ASSIGN_OR_RETURN(p.medical_insured, GetBool(t, prefix, "medical_insured", true));
  ASSIGN_OR_RETURN(p.critical_illness_insured, GetBool(t, prefix, "critical_illness_insured", true));
  ASSIGN_OR_RETURN(p.receives_dibao, GetBool(t, prefix, "receives_dibao", false));
  ASSIGN_OR_RETURN(p.receives_tekun, GetBool(t, prefix, "receives_tekun", false));
  // A valid, distinct ID number, so that an evaluator keyed by ID number can run the case.
  const uint32_t sequence = static_cast<uint32_t>(2 * index) + (p.sex == Sex::kFemale ? 2 : 1);
  if (StatusOr<IdNumber> id = IdNumber::FromParts(kCaseCounty6, p.birth_date, sequence); id.ok()) {
    p.id_number = *id;
  }
  return p;
}

// `members` is an array of tables; absent, one default member (an adult of 40).
Status CaseLoader::LoadMembers(const toml::table& t, Date as_of, Household& h) const {
  const toml::node* node = t.get("members");
  const toml::table empty;
  const toml::array* array = node != nullptr ? node->as_array() : nullptr;
  if (node != nullptr && array == nullptr) {
    return Error(node->source(), "members", "expected an array of tables");
  }
  const size_t count = array != nullptr ? array->size() : 1;
  for (size_t i = 0; i < count; ++i) {
    const std::string prefix = fmt::format("members[{}]", i);
    const toml::table* item = array != nullptr ? (*array)[i].as_table() : &empty;
    if (item == nullptr) return Error((*array)[i].source(), prefix, "expected a table");
    ASSIGN_OR_RETURN(Person p, LoadMember(*item, prefix, i, as_of));
    p.person_no = fmt::format("{}{:02d}", h.household_no, i + 1);
    h.members.push_back(std::move(p));
  }
  h.declared_size = static_cast<int>(h.members.size());
  return OkStatus();
}

// A feed row: feed, member (default 0), date, then one key per column (default 0 / false /
// no label).
Status CaseLoader::LoadFeedRow(const toml::table& t, std::string_view prefix, const Household& h,
                               FeedView& feeds) const {
  const toml::node* feed_node = t.get("feed");
  if (feed_node == nullptr || !feed_node->is_string()) {
    return Error(At(t, "feed"), Key(prefix, "feed"), "expected a feed name");
  }
  const std::string feed_name = *feed_node->value<std::string>();
  const std::optional<size_t> feed_index = policy_.FeedIndex(feed_name);
  if (!feed_index) {
    return Error(feed_node->source(), Key(prefix, "feed"), "the policy has no feed " + feed_name);
  }
  const FeedSchema& schema = policy_.feeds[*feed_index];
  FeedRow row;
  ASSIGN_OR_RETURN(int64_t member, GetInt(t, prefix, "member", 0));
  if (member < 0 || static_cast<size_t>(member) >= h.members.size()) {
    return Error(At(t, "member"), Key(prefix, "member"),
                 fmt::format("no member {} (the household has {})", member, h.members.size()));
  }
  row.member = static_cast<size_t>(member);
  ASSIGN_OR_RETURN(std::optional<Date> date, GetDate(t, prefix, "date"));
  if (!date) return Error(t.source(), Key(prefix, "date"), "missing the row's date");
  row.date = *date;
  for (const auto& [column, type] : schema.columns) row.values.push_back(Value{type, Rational{}});
  for (const auto& [key, node] : t) {
    if (key.str() == "feed" || key.str() == "member" || key.str() == "date") continue;
    const int column = schema.ColumnIndex(key.str());
    const std::string path = Key(prefix, key.str());
    if (column < 0) return Error(key.source(), path, "feed " + feed_name + " has no such column");
    const size_t c = static_cast<size_t>(column);
    ASSIGN_OR_RETURN(row.values[c], GetColumn(node, path, schema.columns[c].second));
  }
  feeds.rows[*feed_index].push_back(std::move(row));
  return OkStatus();
}

Status CaseLoader::LoadFeedRows(const toml::table& t, const Household& h, FeedView& feeds) const {
  const toml::node* node = t.get("feed_rows");
  if (node == nullptr) return OkStatus();
  const toml::array* array = node->as_array();
  if (array == nullptr) return Error(node->source(), "feed_rows", "expected an array of tables");
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string prefix = fmt::format("feed_rows[{}]", i);
    const toml::table* item = (*array)[i].as_table();
    if (item == nullptr) return Error((*array)[i].source(), prefix, "expected a table");
    RETURN_IF_ERROR(LoadFeedRow(*item, prefix, h, feeds));
  }
  return OkStatus();
}

StatusOr<std::vector<std::string>> CaseLoader::LoadRuleList(const toml::node& node,
                                                            std::string_view key) const {
  const toml::array* array = node.as_array();
  if (array == nullptr) return Error(node.source(), key, "expected an array of rule ids");
  std::vector<std::string> ids;
  for (const toml::node& item : *array) {
    const std::optional<std::string> id = item.value<std::string>();
    if (!id || policy_.FindRule(*id) == nullptr) {
      return Error(item.source(), key,
                   fmt::format("{} is not a rule of {}", id.value_or("(not a string)"), policy_.source));
    }
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
  }
  return ids;
}

// expect = ["JL-W-MEDICAL", "JL-W-DEATH[1]"]: household rules bare, person rules with the
// member index.
Status CaseLoader::LoadExpected(const toml::table& t, const Household& h, PolicyCase& c) const {
  const toml::node* node = t.get("expect");
  if (node == nullptr) return Error(t.source(), "expect", "missing (write expect = [] for no hits)");
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return Error(node->source(), "expect", "expected an array such as [\"JL-W-DEATH[1]\"]");
  }
  for (const toml::node& item : *array) {
    const std::string text = item.value<std::string>().value_or("");
    CaseHit hit{text, -1};
    const size_t open = text.find('[');
    if (open != std::string::npos && text.size() > open + 2 && text.back() == ']') {
      const std::string digits = text.substr(open + 1, text.size() - open - 2);
      if (digits.size() > 3 ||
          !std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        return Error(item.source(), "expect", "bad member index in " + text);
      }
      hit = {text.substr(0, open), std::stoi(digits)};
    }
    const Rule* rule = policy_.FindRule(hit.first);
    if (rule == nullptr) {
      return Error(item.source(), "expect", fmt::format("\"{}\" is not a rule of {}", text, policy_.source));
    }
    if (std::find(c.rules.begin(), c.rules.end(), hit.first) == c.rules.end()) {
      return Error(item.source(), "expect", hit.first + " is not among the case's rules");
    }
    const bool person = rule->scope == PolicyScope::kPerson;
    if (person != (hit.second >= 0)) {
      return Error(item.source(), "expect",
                   person ? hit.first + " is a person rule: write " + hit.first + "[member]"
                          : hit.first + " is a household rule: write it without a member");
    }
    if (person && static_cast<size_t>(hit.second) >= h.members.size()) {
      return Error(item.source(), "expect",
                   fmt::format("no member {} (the household has {})", hit.second, h.members.size()));
    }
    c.expected.push_back(hit);
  }
  std::sort(c.expected.begin(), c.expected.end());
  if (std::adjacent_find(c.expected.begin(), c.expected.end()) != c.expected.end()) {
    return Error(node->source(), "expect", "a hit is listed twice");
  }
  return OkStatus();
}

StatusOr<PolicyCase> CaseLoader::LoadCase(const toml::table& t, const std::vector<std::string>& file_rules) {
  case_name_.clear();
  ++ordinal_;
  PolicyCase c;
  c.where = fmt::format("{}:{}", source_, t.source().begin.line);
  const toml::node* name = t.get("name");
  if (name == nullptr || !name->is_string() || name->value<std::string>()->empty()) {
    return Error(At(t, "name"), "name", "every case needs a name (a stable id)");
  }
  c.name = *name->value<std::string>();
  case_name_ = c.name;
  RETURN_IF_ERROR(RejectUnknownKeys(
      t, {"name", "about", "as_of", "rules", "household", "year", "members", "feed_rows", "expect"}, ""));
  ASSIGN_OR_RETURN(std::optional<Date> as_of, GetDate(t, "", "as_of"));
  if (!as_of) return Error(t.source(), "as_of", "missing the evaluation date");
  c.as_of = *as_of;
  c.rules = file_rules;
  if (const toml::node* rules = t.get("rules")) {
    ASSIGN_OR_RETURN(c.rules, LoadRuleList(*rules, "rules"));
  }
  RETURN_IF_ERROR(LoadHousehold(t, c.household));
  RETURN_IF_ERROR(LoadMembers(t, c.as_of, c.household));
  RETURN_IF_ERROR(LoadYears(t, c.as_of, c.household));
  RETURN_IF_ERROR(LoadFeedRows(t, c.household, c.feeds));
  RETURN_IF_ERROR(LoadExpected(t, c.household, c));
  return c;
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

StatusOr<PolicyCaseFile> ParsePolicyCaseText(std::string_view text, std::string_view source,
                                             const std::string& source_root) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(fmt::format("{}:{}:{}: TOML syntax error: {}", source, e.source().begin.line,
                                            e.source().begin.column, e.description()));
  }
  PolicyCaseFile file;
  file.path = std::string(source);
  const toml::node* policy = root.get("policy");
  if (policy == nullptr || !policy->is_string()) {
    return InvalidArgumentError(
        fmt::format("{}:1:1: policy: missing the policy file the cases test "
                    "(e.g. policy = \"policies/jilin-2024.toml\")",
                    source));
  }
  file.policy_path = *policy->value<std::string>();
  ASSIGN_OR_RETURN(file.policy, LoadPolicyFile(source_root + "/" + file.policy_path));
  CaseLoader loader(source, file.policy);
  RETURN_IF_ERROR(loader.RejectUnknownKeys(root, {"policy", "rules", "case"}, ""));
  std::vector<std::string> file_rules;
  for (const Rule& rule : file.policy.rules) file_rules.push_back(rule.id);
  if (const toml::node* rules = root.get("rules")) {
    ASSIGN_OR_RETURN(file_rules, loader.LoadRuleList(*rules, "rules"));
  }
  const toml::array* cases = root["case"].as_array();
  if (cases == nullptr || cases->empty()) {
    return loader.Error(root.source(), "case", "no [[case]] in the file");
  }
  std::set<std::string> names;
  for (const toml::node& node : *cases) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return loader.Error(node.source(), "case", "[[case]] must be a table");
    ASSIGN_OR_RETURN(PolicyCase c, loader.LoadCase(*table, file_rules));
    if (!names.insert(c.name).second) {
      return loader.Error(table->get("name")->source(), "name", "duplicate case name " + c.name);
    }
    file.cases.push_back(std::move(c));
  }
  return file;
}

StatusOr<PolicyCaseFile> LoadPolicyCaseFile(const std::string& path, const std::string& source_root) {
  ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParsePolicyCaseText(text, path, source_root);
}

}  // namespace jz::testing
