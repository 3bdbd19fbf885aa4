// Loading a policy file: toml++ reads the TOML (its exceptions stop here), then each
// section is checked and each rule compiled, with every error placed at file:line:column.
#include "rules/policy.h"

#include <fmt/format.h>
#include <toml++/toml.h>  // Debian ships toml.h, not toml.hpp

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <set>

#include "core/limits.h"

namespace jz {
namespace {

struct Position {
  size_t line = 1;
  size_t column = 1;
};

size_t CodepointCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A feed's name becomes the file <name>.csv in the feeds folder: an identifier only, so a
// policy cannot name a file outside it ("../x", "/etc/passwd").
bool IsFeedName(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// The first money literal of `expr` that is negative, written as "-500元" or folded from a
// negative parameter: amounts in this domain (incomes, costs, losses, values) are never
// below zero, so a negative threshold is a typo that would silently fire or never fire.
const Node* NegativeMoneyLiteral(const Expr& expr) {
  for (const Node& node : expr.nodes) {
    const bool literal =
        node.op == Op::kLiteral && node.type.kind == ValueKind::kMoney && node.value.number.num < 0;
    const bool negated = node.op == Op::kNeg && node.type.kind == ValueKind::kMoney &&
                         expr.nodes[node.kids[0]].op == Op::kLiteral;
    if (literal || negated) return &node;
  }
  return nullptr;
}

class Loader {
 public:
  Loader(std::string_view text, std::string_view source, std::span<const ParameterOverride> overrides)
      : text_(text), source_(source), overrides_(overrides) {
    std::string_view rest = text;
    while (true) {
      const size_t nl = rest.find('\n');
      lines_.push_back(rest.substr(0, nl));
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  }

  StatusOr<Policy> Run();

 private:
  Status Error(Position at, std::string_view rule_id, std::string_view zh, std::string_view en) const {
    const std::string rule = rule_id.empty() ? "" : fmt::format("rule {}: ", rule_id);
    return InvalidArgumentError(
        fmt::format("{}:{}:{}: {}{}", source_, at.line, at.column, rule, Bilingual(zh, en)));
  }
  static Position At(const toml::node& node) {
    return {node.source().begin.line, node.source().begin.column};
  }
  Position Where(const toml::node* node, const toml::table& fallback) const {
    return node != nullptr ? At(*node) : At(fallback);
  }

  Status RejectUnknownKeys(const toml::table& table, std::initializer_list<std::string_view> known,
                           std::string_view rule_id) const;
  StatusOr<std::string> RequireString(const toml::table& table, std::string_view key,
                                      std::string_view rule_id) const;
  StatusOr<Date> RequireDate(const toml::table& table, std::string_view key) const;
  Status LoadHeader(const toml::table& root, Policy& policy) const;
  Status LoadParameters(const toml::table& root, Policy& policy) const;
  Status ApplyOverrides(Policy& policy) const;
  Status LoadFeeds(const toml::table& root, Policy& policy) const;
  StatusOr<FeedSchema> LoadFeed(const toml::table& table) const;
  Status LoadRules(const toml::table& root, Policy& policy) const;
  StatusOr<Rule> LoadRule(const toml::table& table, const Policy& policy) const;
  Status LoadRuleLabels(const toml::table& table, Rule& rule) const;
  StatusOr<Expr> CompileAt(const toml::node& node, std::string_view text, const CompileEnv& env,
                           std::string_view rule_id) const;
  Position OffsetPosition(const toml::node& node, std::string_view text, size_t offset) const;

  std::string_view text_;
  std::string_view source_;
  std::span<const ParameterOverride> overrides_;
  std::vector<std::string_view> lines_;
};

StatusOr<Policy> Loader::Run() {
  toml::table root;
  try {
    root = toml::parse(text_, source_);
  } catch (const toml::parse_error& e) {
    return Error({e.source().begin.line, e.source().begin.column}, "",
                 "TOML 语法错误：" + std::string(e.description()),
                 "TOML syntax error: " + std::string(e.description()));
  }
  RETURN_IF_ERROR(RejectUnknownKeys(
      root, {"version", "province", "effective_from", "effective_to", "parameters", "feed", "rule"}, ""));
  Policy policy;
  policy.source = std::string(source_);
  RETURN_IF_ERROR(LoadHeader(root, policy));
  RETURN_IF_ERROR(LoadParameters(root, policy));
  RETURN_IF_ERROR(ApplyOverrides(policy));
  RETURN_IF_ERROR(LoadFeeds(root, policy));
  RETURN_IF_ERROR(LoadRules(root, policy));
  return policy;
}

// A misspelt optional key (monitoring_typ) would otherwise be ignored without a word.
Status Loader::RejectUnknownKeys(const toml::table& table, std::initializer_list<std::string_view> known,
                                 std::string_view rule_id) const {
  for (const auto& [key, node] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    return Error({key.source().begin.line, key.source().begin.column}, rule_id,
                 fmt::format("未知的键 “{}”", key.str()), fmt::format("unknown key '{}'", key.str()));
  }
  return OkStatus();
}

StatusOr<std::string> Loader::RequireString(const toml::table& table, std::string_view key,
                                            std::string_view rule_id) const {
  const toml::node* node = table.get(key);
  const std::optional<std::string> value = node ? node->value<std::string>() : std::nullopt;
  if (!value || value->empty()) {
    return Error(Where(node, table), rule_id, fmt::format("缺少字符串键 “{}”", key),
                 fmt::format("missing or non-string key '{}'", key));
  }
  return *value;
}

StatusOr<Date> Loader::RequireDate(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  if (node != nullptr && node->is_date()) {
    const toml::date d = *node->value<toml::date>();
    if (std::optional<Date> date = Date::FromYmd(d.year, d.month, d.day)) return *date;
  }
  if (node != nullptr && node->is_string()) {
    if (StatusOr<Date> date = Date::Parse(*node->value<std::string>()); date.ok()) return *date;
  }
  return Error(Where(node, table), "", fmt::format("缺少日期键 “{}”（如 2024-01-01）", key),
               fmt::format("missing or invalid date key '{}' (e.g. 2024-01-01)", key));
}

Status Loader::LoadHeader(const toml::table& root, Policy& policy) const {
  ASSIGN_OR_RETURN(policy.version, RequireString(root, "version", ""));
  ASSIGN_OR_RETURN(policy.province, RequireString(root, "province", ""));
  ASSIGN_OR_RETURN(policy.effective_from, RequireDate(root, "effective_from"));
  ASSIGN_OR_RETURN(policy.effective_to, RequireDate(root, "effective_to"));
  if (policy.effective_to < policy.effective_from) {
    return Error(At(*root.get("effective_to")), "", "effective_to 早于 effective_from",
                 "effective_to is before effective_from");
  }
  return OkStatus();
}

Status Loader::LoadParameters(const toml::table& root, Policy& policy) const {
  const toml::table* params = root["parameters"].as_table();
  if (params == nullptr) return OkStatus();
  const std::map<std::string, Value, std::less<>> none;
  const std::vector<FeedSchema> no_feeds;
  for (const auto& [key, node] : *params) {
    const std::string name(key.str());
    if (node.is_integer()) {
      // Every number of the language stays within ±INT64_MAX (value.cc narrows results so),
      // which lets `-x` negate without overflow; TOML's one integer beyond is refused here.
      const int64_t i = *node.value<int64_t>();
      if (i == INT64_MIN) {
        return Error(At(node), "", "整数参数超出范围", "integer parameter out of range");
      }
      policy.parameters[name] = Value::Int(i);
    } else if (node.is_boolean()) {
      policy.parameters[name] = Value::Bool(*node.value<bool>());
    } else if (node.is_string()) {
      const CompileEnv env{PolicyScope::kHousehold, &none, &no_feeds, false};
      ASSIGN_OR_RETURN(Expr expr, CompileAt(node, *node.value<std::string>(), env, ""));
      if (expr.nodes.size() != 1 || expr.nodes[0].op != Op::kLiteral) {
        return Error(At(node), "", "参数必须是单个字面量，如 \"7500元\"",
                     "a parameter must be one literal, e.g. \"7500元\"");
      }
      const Value& value = expr.nodes[0].value;
      if (value.type.kind == ValueKind::kMoney && value.number.num < 0) {
        return Error(
            At(node), "",
            fmt::format("参数 {} 的金额 “{}” 为负数；金额应为 0 或以上，如 \"7500元\"", name,
                        *node.value<std::string>()),
            fmt::format("parameter {} has a negative amount '{}'; an amount is 0 or more, e.g. \"7500元\"",
                        name, *node.value<std::string>()));
      }
      policy.parameters[name] = value;
    } else {
      return Error(At(node), "", "参数必须是字符串、整数或布尔值",
                   "a parameter must be a string, an integer or a boolean");
    }
  }
  return OkStatus();
}

// An override keeps the parameter's type: "7500" or "7500元" for a money line, "0.6" for a
// share, "7" for an integer, true/false for a flag.
Status Loader::ApplyOverrides(Policy& policy) const {
  const std::map<std::string, Value, std::less<>> none;
  const std::vector<FeedSchema> no_feeds;
  for (const ParameterOverride& o : overrides_) {
    const auto it = policy.parameters.find(o.name);
    if (it == policy.parameters.end()) {
      std::string known;
      for (const auto& [name, value] : policy.parameters) known += (known.empty() ? "" : ", ") + name;
      return InvalidArgumentError(Bilingual("{}: 没有参数 “{}”（可用：{}）",
                                            "{}: no parameter '{}' (known: {})", source_, o.name, known));
    }
    const Type type = it->second.type;
    auto bad = [&] {
      return InvalidArgumentError(
          Bilingual(fmt::format("{}: 参数 {} 的值 “{}” 不是 {}", source_, o.name, o.value, TypeName(type)),
                    fmt::format("{}: value '{}' of parameter {} is not a {}", source_, o.value, o.name,
                                TypeName(type))));
    };
    if (type.kind == ValueKind::kBool) {
      if (o.value != "true" && o.value != "false") return bad();
      it->second = Value::Bool(o.value == "true");
      continue;
    }
    size_t offset = 0;
    const CompileEnv env{PolicyScope::kHousehold, &none, &no_feeds, false};
    StatusOr<Expr> expr = CompileExpr(o.value, env, &offset);
    if (!expr.ok() || expr->nodes.size() != 1 || expr->nodes[0].op != Op::kLiteral) return bad();
    Value value = expr->nodes[0].value;
    if (type.kind == ValueKind::kMoney && value.type.kind == ValueKind::kInt) {
      const std::optional<Rational> fen = Mul(value.number, Rational{100, 1});  // yuan without 元
      if (!fen) return bad();
      value = Value{type, *fen};
    }
    if (type.kind == ValueKind::kRatio && value.type.kind == ValueKind::kInt) value.type = type;
    if (value.type != type) return bad();
    if (type.kind == ValueKind::kMoney && value.number.num < 0) {
      return InvalidArgumentError(
          Bilingual(fmt::format("{}: 参数 {} 的值 “{}” 为负数；金额应为 0 或以上", source_, o.name, o.value),
                    fmt::format("{}: value '{}' of parameter {} is negative; an amount is 0 or more", source_,
                                o.value, o.name)));
    }
    it->second = value;
  }
  return OkStatus();
}

Status Loader::LoadFeeds(const toml::table& root, Policy& policy) const {
  const toml::array* feeds = root["feed"].as_array();
  if (feeds == nullptr) return OkStatus();
  for (const toml::node& node : *feeds) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return Error(At(node), "", "[[feed]] 必须是表", "[[feed]] must be a table");
    ASSIGN_OR_RETURN(FeedSchema feed, LoadFeed(*table));
    if (policy.FeedIndex(feed.name)) {
      return Error(At(node), "", "数据源名称重复：" + feed.name, "duplicate feed name " + feed.name);
    }
    policy.feeds.push_back(std::move(feed));
  }
  return OkStatus();
}

// A feed: name = "medical", columns = ["out_of_pocket: money", "inpatient: bool"].
StatusOr<FeedSchema> Loader::LoadFeed(const toml::table& table) const {
  RETURN_IF_ERROR(RejectUnknownKeys(table, {"name", "columns"}, ""));
  FeedSchema feed;
  ASSIGN_OR_RETURN(feed.name, RequireString(table, "name", ""));
  if (!IsFeedName(feed.name)) {
    return Error(
        At(*table.get("name")), "",
        fmt::format("数据源名称 “{}” 无效：应为小写字母开头、由小写字母、数字和 _ 组成的标识符（如 medical）",
                    feed.name),
        fmt::format("feed name '{}' is not an identifier [a-z][a-z0-9_]* (e.g. medical); it names "
                    "<name>.csv in the feeds folder and is never a path",
                    feed.name));
  }
  const toml::array* columns = table["columns"].as_array();
  if (columns == nullptr) return Error(At(table), "", "数据源缺少 columns", "feed lacks columns");
  for (const toml::node& column : *columns) {
    const std::string spec = column.value<std::string>().value_or("");
    const size_t colon = spec.find(':');
    std::string name = spec.substr(0, colon);
    std::string type_name = colon == std::string::npos ? "" : spec.substr(colon + 1);
    std::erase(name, ' ');
    std::erase(type_name, ' ');
    const std::optional<Type> type = TypeByName(type_name);
    if (name.empty() || !type || feed.ColumnIndex(name) >= 0) {
      return Error(At(column), "", "字段应写作 \"名称: 类型\"，名称不重复",
                   "a column is \"name: type\" (bool, int, money, ratio, date, code<List>), names unique");
    }
    feed.columns.emplace_back(std::move(name), *type);
  }
  return feed;
}

Status Loader::LoadRules(const toml::table& root, Policy& policy) const {
  const toml::array* rules = root["rule"].as_array();
  if (rules == nullptr) return OkStatus();
  std::set<std::string> ids;
  for (const toml::node& node : *rules) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return Error(At(node), "", "[[rule]] 必须是表", "[[rule]] must be a table");
    ASSIGN_OR_RETURN(Rule rule, LoadRule(*table, policy));
    if (!ids.insert(rule.id).second) {
      return Error(At(*table->get("id")), rule.id, "规则编号重复", "duplicate rule id");
    }
    policy.rules.push_back(std::move(rule));
  }
  return OkStatus();
}

template <class E, size_t N>
std::optional<E> Choose(std::string_view text, const std::pair<std::string_view, E> (&choices)[N]) {
  for (const auto& [name, value] : choices) {
    if (name == text) return value;
  }
  return std::nullopt;
}

StatusOr<Rule> Loader::LoadRule(const toml::table& table, const Policy& policy) const {
  static constexpr std::pair<std::string_view, RuleKind> kKinds[] = {
      {"test", RuleKind::kTest}, {"warning", RuleKind::kWarning}, {"exclusion", RuleKind::kExclusion}};
  static constexpr std::pair<std::string_view, PolicyScope> kScopes[] = {
      {"household", PolicyScope::kHousehold}, {"person", PolicyScope::kPerson}};
  static constexpr std::pair<std::string_view, PolicySeverity> kSeverities[] = {
      {"low", PolicySeverity::kLow}, {"medium", PolicySeverity::kMedium}, {"high", PolicySeverity::kHigh}};
  Rule rule;
  ASSIGN_OR_RETURN(rule.id, RequireString(table, "id", ""));
  RETURN_IF_ERROR(RejectUnknownKeys(
      table, {"id", "name_zh", "kind", "scope", "severity", "monitoring_type", "risk_category", "when"},
      rule.id));
  ASSIGN_OR_RETURN(rule.name_zh, RequireString(table, "name_zh", rule.id));
  ASSIGN_OR_RETURN(std::string kind, RequireString(table, "kind", rule.id));
  ASSIGN_OR_RETURN(std::string scope, RequireString(table, "scope", rule.id));
  ASSIGN_OR_RETURN(std::string severity, RequireString(table, "severity", rule.id));
  const std::optional<RuleKind> k = Choose(kind, kKinds);
  const std::optional<PolicyScope> s = Choose(scope, kScopes);
  const std::optional<PolicySeverity> v = Choose(severity, kSeverities);
  if (!k || !s || !v) {
    return Error(At(table), rule.id, "kind/scope/severity 取值无效",
                 "kind must be test|warning|exclusion, scope household|person, severity low|medium|high");
  }
  rule.kind = *k;
  rule.scope = *s;
  rule.severity = *v;
  RETURN_IF_ERROR(LoadRuleLabels(table, rule));
  ASSIGN_OR_RETURN(std::string when, RequireString(table, "when", rule.id));
  const CompileEnv env{rule.scope, &policy.parameters, &policy.feeds, true};
  ASSIGN_OR_RETURN(rule.expr, CompileAt(*table.get("when"), when, env, rule.id));
  if (const Node* negative = NegativeMoneyLiteral(rule.expr)) {
    const Position at = OffsetPosition(*table.get("when"), when, negative->begin);
    return Error(
        at, rule.id, fmt::format("金额 “{}” 为负数；金额应为 0 或以上", rule.expr.SourceOf(*negative)),
        fmt::format("amount '{}' is negative; an amount is 0 or more", rule.expr.SourceOf(*negative)));
  }
  return rule;
}

Status Loader::LoadRuleLabels(const toml::table& table, Rule& rule) const {
  if (const toml::node* node = table.get("monitoring_type")) {
    StatusOr<MonitoringType> type = Parse<MonitoringType>(node->value<std::string>().value_or(""));
    if (!type.ok()) return Error(At(*node), rule.id, "监测对象类型无效", "unknown monitoring_type");
    rule.monitoring_type = *type;
  }
  if (const toml::node* node = table.get("risk_category")) {
    StatusOr<RiskCategory> risk = Parse<RiskCategory>(node->value<std::string>().value_or(""));
    if (!risk.ok()) return Error(At(*node), rule.id, "风险类别无效", "unknown risk_category");
    rule.risk_category = *risk;
  }
  return OkStatus();
}

StatusOr<Expr> Loader::CompileAt(const toml::node& node, std::string_view text, const CompileEnv& env,
                                 std::string_view rule_id) const {
  size_t offset = 0;
  StatusOr<Expr> expr = CompileExpr(text, env, &offset);
  if (expr.ok()) return expr;
  const Position at = OffsetPosition(node, text, offset);
  return InvalidArgumentError(fmt::format("{}:{}:{}: {}{}", source_, at.line, at.column,
                                          rule_id.empty() ? "" : fmt::format("rule {}: ", rule_id),
                                          expr.status().message()));
}

// Maps a byte offset in a string value to the file. The string starts after its opening
// delimiter (" or ' or """ / '''); a multi-line string's first newline is not part of it.
// Escape sequences would shift the column; rule expressions have no reason to use them.
Position Loader::OffsetPosition(const toml::node& node, std::string_view text, size_t offset) const {
  Position start = At(node);
  const size_t line_index = start.line - 1;
  if (line_index < lines_.size()) {
    std::string_view line = lines_[line_index];
    size_t byte = 0;  // byte of the value's first code point on its line
    for (size_t cp = 1; cp < start.column && byte < line.size(); ++cp) {
      ++byte;
      while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) ++byte;
    }
    line.remove_prefix(std::min(byte, line.size()));
    const bool triple = line.starts_with("\"\"\"") || line.starts_with("'''");
    start.column += triple ? 3 : 1;
    if (triple && line.size() == 3) start = {start.line + 1, 1};
  }
  const std::string_view before = text.substr(0, std::min(offset, text.size()));
  const size_t newlines = static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  if (newlines == 0) return {start.line, start.column + CodepointCount(before)};
  return {start.line + newlines, 1 + CodepointCount(before.substr(before.rfind('\n') + 1))};
}

}  // namespace

const Rule* Policy::FindRule(std::string_view id) const {
  for (const Rule& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::optional<size_t> Policy::FeedIndex(std::string_view name) const {
  for (size_t i = 0; i < feeds.size(); ++i) {
    if (feeds[i].name == name) return i;
  }
  return std::nullopt;
}

StatusOr<Policy> LoadPolicyText(std::string_view text, std::string_view source,
                                std::span<const ParameterOverride> overrides) {
  return Loader(text, source, overrides).Run();
}

StatusOr<Policy> LoadPolicyFile(const std::string& path, std::span<const ParameterOverride> overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFoundError(Bilingual("无法读取策略文件 " + path, "cannot read policy file " + path));
  }
  std::string text(kMaxPolicyFileBytes + 1, '\0');  // one byte more tells "too large"
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxPolicyFileBytes) {
    return InvalidArgumentError(Bilingual(
        "{}: 策略文件超过 {} 字节", "{}: policy file is larger than {} bytes", path, kMaxPolicyFileBytes));
  }
  return LoadPolicyText(text, path, overrides);
}

}  // namespace jz
