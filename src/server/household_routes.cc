// The household routes (household_routes.h): parse, call app/registry/household_files.h,
// serialise. Codes go out as {"code": national code, "label": in the request's language};
// money as integer fen; dates as ISO 8601.
#include "server/household_routes.h"

#include <charconv>
#include <cstdio>
#include <memory>
#include <string>

#include "app/registry/household_files.h"
#include "core/code_lists.h"
#include "server/problem.h"
#include "server/session_auth.h"

namespace jz::server {
namespace {

using nlohmann::json;

template <class E>
json CodeJson(const std::optional<E>& value, Lang lang) {
  if (!value) return nullptr;
  return json{{"code", Code(*value)}, {"label", std::string(Label(*value, lang))}};
}

template <class E>
json CodeJson(E value, Lang lang) {
  return CodeJson(std::optional<E>(value), lang);
}

// Status events are not a national code list: an id and the label in the request's language.
json EventKindJson(StatusEventKind kind, Lang lang) {
  struct Name {
    std::string_view id;
    std::string_view zh;
    std::string_view en;
  };
  static constexpr Name kNames[] = {{"identified", "识别为贫困户", "identified as poor"},
                                    {"exited", "标注脱贫", "exited poverty"},
                                    {"returned", "返贫", "returned to poverty"},
                                    {"monitored", "纳入监测", "monitored"},
                                    {"risk_eliminated", "风险消除", "risk eliminated"}};
  const Name& name = kNames[static_cast<size_t>(kind) - 1];
  return {{"code", static_cast<int>(kind)},
          {"id", name.id},
          {"label", MessageIn(Bilingual(name.zh, name.en), lang)}};
}

json DateJson(const std::optional<Date>& date) { return date ? json(date->ToString()) : json(nullptr); }

json BoolJson(const std::optional<bool>& value) { return value ? json(*value) : json(nullptr); }

json MoneyJson(const std::optional<Money>& value) { return value ? json(value->fen()) : json(nullptr); }

// An app refusal as its problem: the app's message is meant for the user (it names the field
// or the household), except for internal failures, which are logged and answered 500 blank.
Response StatusResponse(const Status& status, const RouteContext& context) {
  http::status http_status = http::status::internal_server_error;
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      http_status = http::status::bad_request;
      break;
    case StatusCode::kNotFound:
      http_status = http::status::not_found;
      break;
    case StatusCode::kPermissionDenied:
      http_status = http::status::forbidden;
      break;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAborted:
      http_status = http::status::conflict;
      break;
    case StatusCode::kUnavailable:
      http_status = http::status::service_unavailable;
      break;
    case StatusCode::kOk:
    case StatusCode::kDataLoss:
    case StatusCode::kInternal:
      std::fprintf(stderr, "jingzhun serve: %s\n", status.ToString().c_str());
      return ProblemResponse({http::status::internal_server_error, StatusCode::kInternal,
                              Bilingual("服务器内部错误", "internal server error")},
                             context.lang, context.request.version());
  }
  return ProblemResponse({http_status, status.code(), status.message()}, context.lang,
                         context.request.version());
}

Actor ActorOf(const Caller& caller) {
  const Account& account = caller.session.account;
  return Actor{account.username, caller.client_address, account.roles, account.scopes};
}

std::string_view SearchMatchName(SearchMatch match) {
  switch (match) {
    case SearchMatch::kHouseholdNo:
      return "household_no";
    case SearchMatch::kIdNumber:
      return "id_number";
    case SearchMatch::kName:
      return "name";
  }
  return "name";
}

json SearchJson(const HouseholdSearchResult& result, Lang lang) {
  json items = json::array();
  for (const HouseholdSearchHit& hit : result.hits) {
    items.push_back({{"household_no", hit.household_no},
                     {"village", hit.village.ToString()},
                     {"viewable", hit.viewable},
                     {"name", hit.viewable ? json(hit.person_name) : json(nullptr)},
                     {"id_number", hit.id_number},
                     {"relationship", CodeJson(hit.relationship, lang)}});
  }
  return {{"matched_by", SearchMatchName(result.matched_by)},
          {"items", std::move(items)},
          {"next", result.next.empty() ? json(nullptr) : json(result.next)}};
}

json MemberJson(const Person& p, const ShownPersonal& shown, bool revealed, Lang lang) {
  return {{"person_no", p.person_no},
          {"name", p.name},
          {"id_number", shown.id_number},
          {"sex", CodeJson(p.sex, lang)},
          {"birth_date", p.birth_date.ToString()},
          {"relationship", CodeJson(p.relationship, lang)},
          {"ethnicity", CodeJson(p.ethnicity, lang)},
          {"education", CodeJson(p.education, lang)},
          {"school_status", CodeJson(p.school_status, lang)},
          {"health", revealed ? CodeJson(shown.health, lang) : json("masked")},
          {"labour_skill", CodeJson(p.labour_skill, lang)},
          {"work_status", CodeJson(p.work_status, lang)},
          {"work_months", p.work_months ? json(*p.work_months) : json(nullptr)},
          {"medical_insured", BoolJson(p.medical_insured)},
          {"critical_illness_insured", BoolJson(p.critical_illness_insured)},
          {"receives_dibao", BoolJson(p.receives_dibao)},
          {"receives_tekun", BoolJson(p.receives_tekun)},
          {"phone", shown.phone}};
}

json YearJson(const HouseholdYear& y, int members) {
  return {
      {"data_year", y.data_year},
      {"net_income_fen", MoneyJson(y.NetIncome())},
      {"net_income_per_capita_fen", members > 0 ? MoneyJson(y.NetIncomePerCapita(members)) : json(nullptr)},
      {"wage_income_fen", y.income_components_known ? json(y.wage_income.fen()) : json(nullptr)},
      {"business_income_fen", y.income_components_known ? json(y.business_income.fen()) : json(nullptr)},
      {"property_income_fen", y.income_components_known ? json(y.property_income.fen()) : json(nullptr)},
      {"transfer_income_fen", y.income_components_known ? json(y.transfer_income.fen()) : json(nullptr)},
      {"business_expense_fen", y.income_components_known ? json(y.business_expense.fen()) : json(nullptr)},
      {"food_secure", BoolJson(y.food_secure)},
      {"clothing_secure", BoolJson(y.clothing_secure)},
      {"compulsory_education_secured", BoolJson(y.compulsory_education_secured)},
      {"basic_medical_secured", BoolJson(y.basic_medical_secured)},
      {"housing_secure", BoolJson(y.housing_secure)},
      {"safe_drinking_water", BoolJson(y.safe_drinking_water)}};
}

json HistoryJson(const HouseholdFile& file, Lang lang) {
  json events = json::array(), measures = json::array(), cadres = json::array(), warnings = json::array();
  for (const StatusEvent& e : file.events) {
    events.push_back({{"kind", EventKindJson(e.kind, lang)},
                      {"date", e.date.ToString()},
                      {"monitoring_type", CodeJson(e.monitoring_type, lang)},
                      {"elimination_method", CodeJson(e.elimination_method, lang)},
                      {"note", e.note}});
  }
  for (const AssistanceMeasure& m : file.measures) {
    measures.push_back({{"kind", CodeJson(m.kind, lang)},
                        {"start", m.start.ToString()},
                        {"end", DateJson(m.end)},
                        {"content", m.content},
                        {"funds_fen", m.funds.fen()}});
  }
  for (const CadreAssignment& c : file.cadres) {
    cadres.push_back({{"name", c.cadre_name},
                      {"unit", c.unit},
                      {"position", c.position},
                      {"phone", c.phone},
                      {"start", c.start.ToString()},
                      {"end", DateJson(c.end)}});
  }
  for (const Warning& w : file.warnings) {
    warnings.push_back({{"rule_id", w.rule_id},
                        {"period", w.period},
                        {"person_no", w.person_no},
                        {"as_of", w.as_of.ToString()},
                        {"evidence", w.evidence}});
  }
  return {{"events", std::move(events)},
          {"measures", std::move(measures)},
          {"cadres", std::move(cadres)},
          {"warnings", std::move(warnings)}};
}

json FileJson(const HouseholdFile& file, Lang lang) {
  const Household& h = file.household;
  json members = json::array();
  for (size_t i = 0; i < h.members.size(); ++i) {
    members.push_back(MemberJson(h.members[i], file.personal[i], file.revealed, lang));
  }
  json years = json::array();
  for (const HouseholdYear& y : h.years) years.push_back(YearJson(y, static_cast<int>(h.members.size())));
  json out = {{"household_no", h.household_no},
              {"village", h.village.ToString()},
              {"natural_village", h.natural_village},
              {"type", CodeJson(h.type, lang)},
              {"attribute", CodeJson(h.attribute, lang)},
              {"main_cause", CodeJson(h.main_cause, lang)},
              {"monitoring_type", CodeJson(h.monitoring_type, lang)},
              {"phone", file.phone},
              {"first_identified", DateJson(h.first_identified)},
              {"risk_identified", DateJson(h.risk_identified)},
              {"risk_eliminated", DateJson(h.risk_eliminated)},
              {"revealed", file.revealed},
              {"members", std::move(members)},
              {"years", std::move(years)}};
  out.update(HistoryJson(file, lang));
  return out;
}

StatusOr<int64_t> ParseLimit(const RequestTarget& target) {
  const std::optional<std::string_view> text = target.Query("limit");
  if (!text) return kSearchPageRowsDefault;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size()) {
    return InvalidArgumentError(
        Bilingual("limit 应为整数：{}", "limit must be an integer: {}", std::string(*text)));
  }
  return value;
}

Response Search(const RouteContext& context, const Caller& caller, Workspace& ws) {
  StatusOr<int64_t> limit = ParseLimit(context.target);
  if (!limit.ok()) return StatusResponse(limit.status(), context);
  HouseholdSearchRequest request{.actor = ActorOf(caller),
                                 .query = std::string(context.target.Query("q").value_or("")),
                                 .after = std::string(context.target.Query("after").value_or("")),
                                 .limit = *limit};
  StatusOr<HouseholdSearchResult> result = SearchHouseholds(ws, request);
  if (!result.ok()) return StatusResponse(result.status(), context);
  return JsonResponse(SearchJson(*result, context.lang), context.request.version());
}

Response Open(const RouteContext& context, const Caller& caller, Workspace& ws, std::string reason) {
  StatusOr<HouseholdFile> file =
      OpenHouseholdFile(ws, {ActorOf(caller), std::string(context.Param("household_no")), std::move(reason)});
  if (!file.ok()) return StatusResponse(file.status(), context);
  return JsonResponse(FileJson(*file, context.lang), context.request.version());
}

Response Reveal(const RouteContext& context, const Caller& caller, Workspace& ws) {
  const json body = json::parse(context.request.body(), nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("reason") || !body["reason"].is_string() ||
      body["reason"].get<std::string>().empty()) {
    return StatusResponse(
        InvalidArgumentError(Bilingual("请求体应为 JSON 对象，并以 reason 说明查看原因",
                                       "the body must be a JSON object whose 'reason' says why")),
        context);
  }
  return Open(context, caller, ws, body["reason"].get<std::string>());
}

}  // namespace

void AddHouseholdRoutes(const ApiOptions& options, Router& router) {
  // Each handler holds the pool, so it lives as long as the router.
  const std::shared_ptr<WorkspacePool> pool = options.pool;
  const auto add = [&](http::verb method, std::string_view pattern, AuthedHandler handler) {
    router.Add(method, pattern,
               Authenticated(
                   *pool, options.now_unix_s,
                   [pool, handler = std::move(handler)](const RouteContext& c, const Caller& caller,
                                                        Workspace& ws) { return handler(c, caller, ws); }));
  };
  add(http::verb::get, "/api/v1/households", Search);
  add(http::verb::get, "/api/v1/households/{household_no}",
      [](const RouteContext& c, const Caller& caller, Workspace& ws) { return Open(c, caller, ws, ""); });
  add(http::verb::post, "/api/v1/households/{household_no}/reveal", Reveal);
}

}  // namespace jz::server
