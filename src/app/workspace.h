// Workspace: an open registry database and the facts every use case reads from it — the
// database's province (the default scope) and today's date (the limit of every recorded
// event). Each door opens one: the CLI per command, the server once per process. The door
// sees only this header and the request/result headers of the use cases; the store behind it
// (store/store.h) is not visible to doors, so no door can read the registry around app/.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = path}));
//   ASSIGN_OR_RETURN(StatsResult stats, ComputeStats(*ws, request));
//
// Thread safety: like Store, used from one thread at a time.
#ifndef JZ_APP_WORKSPACE_H_
#define JZ_APP_WORKSPACE_H_

#include <memory>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

class Store;

struct WorkspaceOptions {
  // A SQLite database file (":memory:" for a private in-memory one).
  std::string db_path = {};
  // Create the database when the file does not exist (regions load, import); every other
  // command refuses a missing file with NotFound naming it.
  bool create_if_missing = false;
  // The command writes to the database: a read-only file or folder is refused when opening.
  bool for_writing = false;
  // The date taken as today; unset: the system clock's. Tests and replays set it.
  std::optional<Date> today = std::nullopt;
};

class Workspace {
 public:
  // Opens (and migrates forward) the database. Errors name the path and the cause (see
  // OpenSqliteStore): NotFound when missing (naming the command that creates one),
  // InvalidArgument for a folder, PermissionDenied when for_writing and it is read-only,
  // FailedPrecondition when it is not a Jingzhun database or is newer than this binary,
  // Unavailable when it cannot be opened.
  [[nodiscard]] static StatusOr<std::unique_ptr<Workspace>> Open(const WorkspaceOptions& options);
  // A workspace over a store the caller opened (tests, and back ends opened elsewhere).
  static std::unique_ptr<Workspace> Over(std::unique_ptr<Store> store,
                                         std::optional<Date> today = std::nullopt);

  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // The store, for use cases in app/ (doors cannot include store/store.h).
  Store& store() { return *store_; }
  const std::string& db_path() const { return db_path_; }
  // Today's date: WorkspaceOptions::today or the system clock's.
  Date today() const;

  // The province whose regions are loaded: the default scope of every command. When several
  // provinces are loaded (the shipped data holds the whole country down to the county), the
  // one province with townships loaded. NotFound ("load regions first", naming the command)
  // when none is loaded; InvalidArgument when no single province can be chosen (the caller
  // must then name a region).
  [[nodiscard]] StatusOr<RegionCode> Province();

  // `requested` when given, else Province(): the scope a request without --region works on.
  [[nodiscard]] StatusOr<RegionCode> ScopeOr(const std::optional<RegionCode>& requested);

 private:
  Workspace(std::unique_ptr<Store> store, std::string db_path, std::optional<Date> today);

  std::unique_ptr<Store> store_;
  std::string db_path_;
  std::optional<Date> today_;
  std::optional<RegionCode> province_;  // cached by Province()
};

}  // namespace jz

#endif  // JZ_APP_WORKSPACE_H_
