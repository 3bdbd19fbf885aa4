// Household search and household files for a signed-in caller (household_files.h).
#include "app/registry/household_files.h"

#include <charconv>
#include <utility>

#include "app/audit/audit_log.h"
#include "app/workspace.h"
#include "core/audit_records.h"
#include "core/i18n.h"
#include "core/id_number.h"
#include "core/personal_data_mask.h"
#include "store/store.h"

namespace jz {
namespace {

// Trims ASCII whitespace and the ideographic space U+3000 that Chinese input methods type.
std::string_view TrimQuery(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (true) {
    const size_t before = text.size();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.starts_with(kIdeographicSpace)) text.remove_prefix(kIdeographicSpace.size());
    if (text.ends_with(kIdeographicSpace)) text.remove_suffix(kIdeographicSpace.size());
    if (text.size() == before) return text;
  }
}

bool AllDigits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

Status NotFound(std::string_view household_no) {
  return NotFoundError(
      Bilingual("户编号 {} 不存在", "household {} does not exist", std::string(household_no)));
}

// The cursor of a name search: "<户编号>.<seq>" of the last hit shown.
std::string NameCursor(const PersonHit& hit) { return fmt::format("{}.{}", hit.household_no, hit.seq); }

Status ParseNameCursor(std::string_view cursor, PersonNameSearch& search) {
  Status bad = InvalidArgumentError(Bilingual(
      "翻页参数 after 无效：{}", "the paging cursor 'after' is not valid: {}", std::string(cursor)));
  const size_t dot = cursor.find('.');
  if (dot == std::string_view::npos || !AllDigits(cursor.substr(0, dot))) return bad;
  const std::string_view seq = cursor.substr(dot + 1);
  int32_t value = 0;
  const auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), value);
  if (seq.empty() || ec != std::errc() || end != seq.data() + seq.size() || value < 0) return bad;
  search.after_household_no = std::string(cursor.substr(0, dot));
  search.after_seq = value;
  return OkStatus();
}

HouseholdSearchHit HitOf(const PersonHit& person, const ReadScope& view) {
  HouseholdSearchHit hit;
  hit.household_no = person.household_no;
  hit.village = person.village;
  hit.viewable = view.Contains(person.village);
  if (hit.viewable) hit.person_name = person.name;
  hit.id_number = person.id_number.Masked();
  hit.relationship = person.relationship;
  return hit;
}

// The hit for a household found by 户编号 or by a member's ID number: that member, or the head.
std::optional<HouseholdSearchHit> HitOfHousehold(const Household& h, const std::optional<IdNumber>& id,
                                                 const ReadScope& view) {
  if (h.members.empty()) return std::nullopt;
  size_t index = 0;
  for (size_t i = 0; i < h.members.size(); ++i) {
    const bool wanted = id ? h.members[i].id_number == *id : h.members[i].relationship == Relationship::kHead;
    if (wanted) {
      index = i;
      break;
    }
  }
  const Person& p = h.members[index];
  return HitOf({h.household_no, h.village, static_cast<int32_t>(index), p.name, p.id_number, p.relationship},
               view);
}

StatusOr<HouseholdSearchResult> Search(Store& store, const HouseholdSearchRequest& request,
                                       std::string_view query) {
  const ReadScope search_scope = SearchScopeOf(request.actor);
  const ReadScope view = ViewScopeOf(request.actor);
  HouseholdSearchResult result;
  if (query.size() == 16 && AllDigits(query)) {
    result.matched_by = SearchMatch::kHouseholdNo;
    ASSIGN_OR_RETURN(std::optional<Household> h, store.FindHousehold(search_scope, query));
    if (h) {
      if (auto hit = HitOfHousehold(*h, std::nullopt, view)) result.hits.push_back(std::move(*hit));
    }
    return result;
  }
  if ((query.size() == 18 || query.size() == 15) && AllDigits(query.substr(0, 15))) {
    result.matched_by = SearchMatch::kIdNumber;
    ASSIGN_OR_RETURN(IdNumber id, IdNumber::Parse(query));
    ASSIGN_OR_RETURN(std::optional<std::string> no, store.FindHouseholdOfPerson(search_scope, id));
    if (!no) return result;
    ASSIGN_OR_RETURN(std::optional<Household> h, store.FindHousehold(search_scope, *no));
    if (h) {
      if (auto hit = HitOfHousehold(*h, id, view)) result.hits.push_back(std::move(*hit));
    }
    return result;
  }
  result.matched_by = SearchMatch::kName;
  PersonNameSearch search;
  search.limit = request.limit + 1;  // one more tells whether a next page exists
  if (!request.after.empty()) RETURN_IF_ERROR(ParseNameCursor(request.after, search));
  // Names match in any of the spellings: as typed, Simplified and Traditional.
  for (std::string form : {std::string(query), ToSimplified(query), ToTraditional(query)}) {
    if (std::find(search.names.begin(), search.names.end(), form) == search.names.end()) {
      search.names.push_back(std::move(form));
    }
  }
  ASSIGN_OR_RETURN(std::vector<PersonHit> persons, store.SearchPersonsByName(search_scope, search));
  if (static_cast<int64_t>(persons.size()) > request.limit) {
    persons.resize(static_cast<size_t>(request.limit));
    result.next = NameCursor(persons.back());
  }
  for (const PersonHit& p : persons) result.hits.push_back(HitOf(p, view));
  return result;
}

Status CheckSearchRequest(const HouseholdSearchRequest& request, std::string_view query) {
  if (query.empty()) {
    return InvalidArgumentError(
        Bilingual("请输入户编号、身份证号或姓名", "enter a 户编号, an ID number or a name"));
  }
  if (query.size() > kMaxSearchQueryBytes) {
    return InvalidArgumentError(Bilingual("查询内容过长（最多 {} 字节）",
                                          "the query is too long (at most {} bytes)", kMaxSearchQueryBytes));
  }
  if (request.limit < 1 || request.limit > kMaxSearchPageRows) {
    return InvalidArgumentError(Bilingual("limit 应在 1 至 {} 之间：{}", "limit must be 1 to {}: {}",
                                          kMaxSearchPageRows, request.limit));
  }
  return OkStatus();
}

// Blanks the personal fields of `file.household` after copying what the actor may see.
void ApplyMasking(HouseholdFile& file) {
  Household& h = file.household;
  file.phone = file.revealed ? h.phone : MaskPhone(h.phone);
  h.phone.clear();
  for (Person& p : h.members) {
    ShownPersonal shown;
    shown.id_number = file.revealed ? p.id_number.ToString() : p.id_number.Masked();
    shown.phone = file.revealed ? p.phone : MaskPhone(p.phone);
    if (file.revealed) shown.health = p.health;
    file.personal.push_back(std::move(shown));
    p.id_number = IdNumber();
    p.phone.clear();
    p.health.reset();
  }
  if (!file.revealed) {
    for (CadreAssignment& c : file.cadres) c.phone = MaskPhone(c.phone);
  }
  for (Warning& w : file.warnings) w.evidence = MaskPersonalNumbers(w.evidence);
}

}  // namespace

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return std::string();
  if (phone.size() == 11 && AllDigits(phone) && phone[0] == '1') {
    return fmt::format("{}****{}", phone.substr(0, 3), phone.substr(7));
  }
  const size_t keep = phone.size() > 4 ? 4 : 0;
  return std::string(phone.size() - keep, '*') + std::string(phone.substr(phone.size() - keep));
}

StatusOr<HouseholdSearchResult> SearchHouseholds(Workspace& ws, const HouseholdSearchRequest& request) {
  const std::string_view query = TrimQuery(request.query);
  RETURN_IF_ERROR(CheckSearchRequest(request, query));
  ASSIGN_OR_RETURN(HouseholdSearchResult result, Search(ws.store(), request, query));
  RETURN_IF_ERROR(RecordAudit(ws, {.actor = request.actor.username,
                                   .client = request.actor.client,
                                   .action = std::string(audit_action::kSearch),
                                   .rows = static_cast<int64_t>(result.hits.size()),
                                   .details = MaskPersonalNumbers(query)})
                      .status());
  return result;
}

StatusOr<HouseholdFile> OpenHouseholdFile(Workspace& ws, const HouseholdFileRequest& request) {
  const std::string reason(TrimQuery(request.reveal_reason));
  if (!reason.empty() && !MayRevealPersonalData(request.actor)) {
    return PermissionDeniedError(
        Bilingual("当前角色不能查看完整的个人信息", "this role may not reveal personal data"));
  }
  const ReadScope view = ViewScopeOf(request.actor);
  Store& store = ws.store();
  ASSIGN_OR_RETURN(std::optional<Household> household, store.FindHousehold(view, request.household_no));
  if (!household) return NotFound(request.household_no);
  HouseholdFile file;
  file.household = std::move(*household);
  file.revealed = !reason.empty();
  ASSIGN_OR_RETURN(file.events, store.ListStatusEvents(view, request.household_no));
  ASSIGN_OR_RETURN(file.measures, store.ListAssistanceMeasures(view, request.household_no));
  ASSIGN_OR_RETURN(file.cadres, store.ListCadreAssignments(view, request.household_no));
  ASSIGN_OR_RETURN(file.warnings, store.ListWarnings(view, request.household_no));
  ApplyMasking(file);
  RETURN_IF_ERROR(RecordAudit(ws, {.actor = request.actor.username,
                                   .client = request.actor.client,
                                   .action = std::string(file.revealed ? audit_action::kReveal
                                                                       : audit_action::kHouseholdOpen),
                                   .object = file.household.household_no,
                                   .region = file.household.village,
                                   .rows = 1,
                                   .reason = reason})
                      .status());
  return file;
}

}  // namespace jz
