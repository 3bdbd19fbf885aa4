// The pool of Workspaces (workspace_pool.h).
#include "server/workspace_pool.h"

#include <algorithm>
#include <utility>

namespace jz::server {

WorkspacePool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), workspace_(std::move(other.workspace_)) {}

WorkspacePool::Lease& WorkspacePool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Return();
    pool_ = std::exchange(other.pool_, nullptr);
    workspace_ = std::move(other.workspace_);
  }
  return *this;
}

WorkspacePool::Lease::~Lease() { Return(); }

void WorkspacePool::Lease::Return() {
  if (pool_ != nullptr && workspace_ != nullptr) pool_->Release(std::move(workspace_));
  pool_ = nullptr;
}

WorkspacePool::WorkspacePool(WorkspaceOptions options, int capacity)
    : options_(std::move(options)), capacity_(std::max(1, capacity)) {}

StatusOr<WorkspacePool::Lease> WorkspacePool::Acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return !idle_.empty() || open_ < capacity_; });
  if (!idle_.empty()) {
    std::unique_ptr<Workspace> workspace = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(workspace));
  }
  ++open_;  // reserved before opening, outside the lock (opening reads the database)
  lock.unlock();
  StatusOr<std::unique_ptr<Workspace>> opened = Workspace::Open(options_);
  if (!opened.ok()) {
    lock.lock();
    --open_;
    returned_.notify_one();
    return opened.status();
  }
  return Lease(this, std::move(*opened));
}

void WorkspacePool::Release(std::unique_ptr<Workspace> workspace) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(workspace));
  }
  returned_.notify_one();
}

}  // namespace jz::server
