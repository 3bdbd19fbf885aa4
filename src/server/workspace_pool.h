// A pool of Workspaces on the server's database. A Workspace serves one thread at a time,
// and opening one per request costs a database connection and its migrations check; the
// pool opens them lazily, at most `capacity` (the server's thread count, so a request
// thread never waits for long), and lends each to one caller at a time.
//
//   WorkspacePool pool({.db_path = path}, server_threads);
//   ASSIGN_OR_RETURN(WorkspacePool::Lease ws, pool.Acquire());
//   ASSIGN_OR_RETURN(SessionInfo info, ValidateSession(*ws, request));
//   // the workspace returns to the pool when `ws` goes out of scope
//
// Thread safety: Acquire() from any thread; a Lease is used by one thread. REQUIRES: the
// pool outlives every Lease.
#ifndef JZ_SERVER_WORKSPACE_POOL_H_
#define JZ_SERVER_WORKSPACE_POOL_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "app/workspace.h"
#include "core/status.h"

namespace jz::server {

class WorkspacePool {
 public:
  // A workspace lent by the pool; gives it back when destroyed. Movable, not copyable.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Workspace& operator*() const { return *workspace_; }
    Workspace* operator->() const { return workspace_.get(); }

   private:
    friend class WorkspacePool;
    Lease(WorkspacePool* pool, std::unique_ptr<Workspace> workspace)
        : pool_(pool), workspace_(std::move(workspace)) {}
    void Return();

    WorkspacePool* pool_ = nullptr;
    std::unique_ptr<Workspace> workspace_;
  };

  // `options` as for Workspace::Open (the server's: {.db_path}); capacity >= 1.
  WorkspacePool(WorkspaceOptions options, int capacity);
  WorkspacePool(const WorkspacePool&) = delete;
  WorkspacePool& operator=(const WorkspacePool&) = delete;

  // An idle workspace, else a newly opened one while fewer than `capacity` are open, else
  // waits for one to be returned. The errors of Workspace::Open when opening fails (nothing
  // is kept; a later Acquire tries again).
  [[nodiscard]] StatusOr<Lease> Acquire();

  int capacity() const { return capacity_; }

 private:
  void Release(std::unique_ptr<Workspace> workspace);

  const WorkspaceOptions options_;
  const int capacity_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Workspace>> idle_;  // guarded by mutex_
  int open_ = 0;                                  // guarded by mutex_: idle and lent
};

}  // namespace jz::server

#endif  // JZ_SERVER_WORKSPACE_POOL_H_
