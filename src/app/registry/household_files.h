// Household search and the 一户一档 household file for a signed-in caller (the server's
// GET /api/v1/households and GET /api/v1/households/{household_no}). Every decision about
// what the caller sees is made here:
//  - scope: a search runs inside the actor's search scope, a file opens inside its view scope
//    (app/accounts/access.h); a household outside answers exactly as a missing one
//    (NotFound "户编号 … 不存在", the same text);
//  - masking: ID numbers, phones (the household's, members', cadres') and members' health are
//    masked — blanked in the result and given only as masked text — unless the actor may
//    reveal them (MayRevealPersonalData) and states a reason; the door never holds them in
//    clear otherwise;
//  - audit: every search (query masked, hit count) and every opened file (household, region,
//    reveal reason) is recorded with RecordAudit before the result is returned; when the
//    record fails, the result is not returned either.
//
// Thread safety: as Workspace.
#ifndef JZ_APP_REGISTRY_HOUSEHOLD_FILES_H_
#define JZ_APP_REGISTRY_HOUSEHOLD_FILES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/access.h"
#include "core/limits.h"
#include "core/registry.h"
#include "core/status.h"

namespace jz {

class Workspace;

struct HouseholdSearchRequest {
  Actor actor;
  // A 户编号 (16 digits), an ID number (18 characters; 15-digit legacy numbers too), or a name
  // in Simplified or Traditional characters (exact, after trimming spaces).
  std::string query;
  std::string after = {};  // the `next` cursor of the previous page; "" from the start
  int64_t limit = kSearchPageRowsDefault;
};

enum class SearchMatch : uint8_t { kHouseholdNo, kIdNumber, kName };

struct HouseholdSearchHit {
  std::string household_no;
  RegionCode village;
  bool viewable = false;    // inside the actor's view scope: the file can be opened
  std::string person_name;  // the member found (the head for a 户编号); "" when !viewable
  std::string id_number;    // masked, always (a search never reveals)
  Relationship relationship = Relationship::kHead;
};

struct HouseholdSearchResult {
  SearchMatch matched_by = SearchMatch::kName;
  std::vector<HouseholdSearchHit> hits;
  std::string next;  // cursor of the next page; "" on the last
};

// InvalidArgument for an empty or over-long query (kMaxSearchQueryBytes), a limit outside
// 1..kMaxSearchPageRows, or a cursor this function did not write. An actor without a search
// scope finds nothing (an empty result, recorded).
[[nodiscard]] StatusOr<HouseholdSearchResult> SearchHouseholds(Workspace& ws,
                                                               const HouseholdSearchRequest& request);

struct HouseholdFileRequest {
  Actor actor;
  std::string household_no;
  // Non-empty (after trimming): show ID numbers, phones and health in clear, for this stated
  // reason. PermissionDenied for a role that may not; recorded as a reveal.
  std::string reveal_reason = {};
};

// A member's personal fields as the actor may see them. The Household's own fields for these
// are blanked (IdNumber(), "", nullopt) in HouseholdFile::household.
struct ShownPersonal {
  std::string id_number;         // masked unless revealed
  std::string phone;             // masked unless revealed; "" when none
  std::optional<Health> health;  // nullopt unless revealed (or unknown)
};

struct HouseholdFile {
  Household household;                  // personal fields blanked (see ShownPersonal)
  std::string phone;                    // the household's phone, masked unless revealed
  std::vector<ShownPersonal> personal;  // one per household.members, in order
  bool revealed = false;
  std::vector<StatusEvent> events;
  std::vector<AssistanceMeasure> measures;
  std::vector<CadreAssignment> cadres;  // phones masked unless revealed
  std::vector<Warning> warnings;        // evidence with personal numbers masked
};

// NotFound for a household missing or outside the actor's view scope (one message);
// PermissionDenied for a reveal the actor's roles do not allow.
[[nodiscard]] StatusOr<HouseholdFile> OpenHouseholdFile(Workspace& ws, const HouseholdFileRequest& request);

// "138****5678" for a mobile number, else every character but the last four as '*'.
std::string MaskPhone(std::string_view phone);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_HOUSEHOLD_FILES_H_
