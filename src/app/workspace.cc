// Workspace: the open database with its province and today's date (workspace.h).
#include "app/workspace.h"

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace jz {

Workspace::Workspace(std::unique_ptr<Store> store, std::string db_path, std::optional<Date> today)
    : store_(std::move(store)), db_path_(std::move(db_path)), today_(today) {}

Workspace::~Workspace() = default;

StatusOr<std::unique_ptr<Workspace>> Workspace::Open(const WorkspaceOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
                   OpenSqliteStore(options.db_path, {.create_if_missing = options.create_if_missing}));
  return std::unique_ptr<Workspace>(new Workspace(std::move(store), options.db_path, options.today));
}

std::unique_ptr<Workspace> Workspace::Over(std::unique_ptr<Store> store, std::optional<Date> today) {
  return std::unique_ptr<Workspace>(new Workspace(std::move(store), std::string(), today));
}

Date Workspace::today() const { return today_ ? *today_ : Date::Today(); }

StatusOr<RegionCode> Workspace::Province() {
  if (province_) return *province_;
  // The 2-digit province codes run from 11 (Beijing) to 82 (Macao); 72 lookups by primary key.
  std::optional<RegionCode> found;
  for (int code = 11; code <= 82; ++code) {
    std::optional<RegionCode> province = RegionCode::FromValue(static_cast<uint64_t>(code) * uint64_t{10000000000});
    if (!province) continue;
    ASSIGN_OR_RETURN(std::optional<Region> region, store_->FindRegion(*province));
    if (!region) continue;
    if (found) {
      return InvalidArgumentError(Bilingual("数据库中有多个省份（{} 和 {}）的区划，请用 --region 指定范围",
                                            "the database holds regions of several provinces ({} and {}): "
                                            "name the scope with --region",
                                            found->ShortString(), province->ShortString()));
    }
    found = province;
  }
  if (!found) {
    return NotFoundError(Bilingual("数据库 {} 中还没有区划代码，请先运行 jingzhun regions load {} <区划目录>",
                                   "the database {} has no region codes yet: run jingzhun regions load {} <regions dir> first",
                                   db_path_, db_path_));
  }
  province_ = found;
  return *found;
}

StatusOr<RegionCode> Workspace::ScopeOr(const std::optional<RegionCode>& requested) {
  if (requested) return *requested;
  return Province();
}

}  // namespace jz
