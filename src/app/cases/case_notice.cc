// The village public notice (村内公示) of an inclusion or elimination, and the check that it
// shows no personal data (cases.h).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/cases/cases.h"
#include "app/cases/internal/case_guards.h"
#include "core/code_lists.h"

namespace jz {

using cases_internal::DatePayload;
using cases_internal::Failures;
using cases_internal::JoinRisks;
using cases_internal::Refuse;
using cases_internal::RequireHousehold;

StatusOr<std::string> PublicNoticeText(Store& store, int64_t case_id) {
  ASSIGN_OR_RETURN(CaseDetail d, LoadCaseDetail(store, case_id));
  const CaseEvent* step = nullptr;
  for (const CaseEvent& e : d.events) {
    if (e.action == CaseAction::kInclude || e.action == CaseAction::kEliminate) step = &e;
  }
  if (step == nullptr || !step->notice_start || !step->notice_end) {
    return FailedPreconditionError(Bilingual("案件 {} 还没有需要公示的纳入或风险消除",
                                             "case {} has no inclusion or elimination to announce", case_id));
  }
  ASSIGN_OR_RETURN(Household h, RequireHousehold(store, d.c.household_no));
  ASSIGN_OR_RETURN(std::optional<Region> village, store.FindRegion(h.village));
  const std::string village_name = village ? village->name : h.village.ToString();
  std::string head = h.members.empty() ? "" : h.members[0].name;
  for (const Person& p : h.members) {
    if (p.relationship == Relationship::kHead) head = p.name;
  }
  const bool include = step->action == CaseAction::kInclude;
  const std::string type = d.c.monitoring_type ? std::string(Label(*d.c.monitoring_type)) : "";
  std::string text = fmt::format("{}公示\n\n", include ? "防止返贫监测对象识别" : "防止返贫监测对象风险消除");
  text += fmt::format("经入户核实、村民主评议（{}），拟{}，现予公示：\n\n", DatePayload(step->appraisal_date),
                      include ? "将以下农户纳入防止返贫监测对象" : "对以下监测对象标注风险消除");
  text += fmt::format("  户主：{}\n  村（组）：{}{}\n  监测对象类型：{}\n  风险类别：{}\n", head,
                      village_name, h.natural_village, type, JoinRisks(d.c.risks, Lang::kZhHans));
  if (!include && d.c.method) text += fmt::format("  消除方式：{}\n", Label(*d.c.method));
  const int days = step->notice_end->days() - step->notice_start->days() + 1;
  text += fmt::format(
      "\n公示期：{} 至 {}（共 {} 天）。如有异议，请在公示期内向村民委员会或乡镇反映。\n\n{}\n{}\n",
      step->notice_start->ToString(), step->notice_end->ToString(), days, village_name,
      step->notice_start->ToString());
  RETURN_IF_ERROR(CheckNoticePrivacy(text, h));
  return text;
}

Status CheckNoticePrivacy(std::string_view text, const Household& h) {
  Failures f;
  auto contains = [&](const std::string& s) { return !s.empty() && text.find(s) != std::string_view::npos; };
  std::set<std::string> phones = {h.phone};
  for (const Person& p : h.members) {
    if (contains(p.id_number.ToString()) || contains(p.id_number.Masked())) {
      f.push_back(
          {fmt::format("含 {} 的证件号码", p.name), fmt::format("it shows the ID number of {}", p.name)});
    }
    phones.insert(p.phone);
  }
  for (const std::string& phone : phones) {
    if (phone.size() >= 5 && contains(phone)) f.push_back({"含联系电话", "it shows a phone number"});
  }
  for (Health health : AllValues<Health>()) {
    if (health != Health::kHealthy && contains(std::string(Label(health)))) {
      f.push_back({fmt::format("含健康状况「{}」", Label(health)),
                   fmt::format("it shows a health condition ({})", Label(health, Lang::kEn))});
    }
  }
  size_t run = 0, longest = 0;
  for (char ch : text) {
    run = (ch >= '0' && ch <= '9') ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  if (longest >= 11) {
    f.push_back({"含 11 位以上的数字串（可能是证件号、电话或银行账号）",
                 "it contains a run of 11 or more digits (an ID, phone or bank account number)"});
  }
  if (f.empty()) return OkStatus();
  return Refuse("公示内容不得包含个人信息", "the public notice must not show personal data", f);
}

}  // namespace jz
