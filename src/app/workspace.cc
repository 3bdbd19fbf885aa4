// Workspace: the open database with its province and today's date (workspace.h).
#include "app/workspace.h"

#include <vector>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace jz {

Workspace::Workspace(std::unique_ptr<Store> store, std::string db_path, std::optional<Date> today)
    : store_(std::move(store)), db_path_(std::move(db_path)), today_(today) {}

Workspace::~Workspace() = default;

StatusOr<std::unique_ptr<Workspace>> Workspace::Open(const WorkspaceOptions& options) {
  StatusOr<std::unique_ptr<Store>> opened = OpenSqliteStore(
      options.db_path, {.create_if_missing = options.create_if_missing, .for_writing = options.for_writing});
  if (opened.status().code() == StatusCode::kNotFound) {
    return NotFoundError(
        Bilingual("数据库文件 {} 不存在；新数据库由 jingzhun regions load {} <区划目录> 创建",
                  "database file {} does not exist; create one with jingzhun regions load {} "
                  "<regions dir>",
                  options.db_path, options.db_path));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, std::move(opened));
  return std::unique_ptr<Workspace>(new Workspace(std::move(store), options.db_path, options.today));
}

std::unique_ptr<Workspace> Workspace::Over(std::unique_ptr<Store> store, std::optional<Date> today) {
  return std::unique_ptr<Workspace>(new Workspace(std::move(store), std::string(), today));
}

Date Workspace::today() const { return today_ ? *today_ : Date::Today(); }

namespace {

// Every province with regions loaded. The 2-digit province codes run from 11 (Beijing) to 82
// (Macao); 72 lookups by primary key.
StatusOr<std::vector<RegionCode>> LoadedProvinces(Store& store) {
  std::vector<RegionCode> provinces;
  for (int code = 11; code <= 82; ++code) {
    std::optional<RegionCode> province =
        RegionCode::FromValue(static_cast<uint64_t>(code) * uint64_t{10000000000});
    if (!province) continue;
    ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(*province));
    if (region) provinces.push_back(*province);
  }
  return provinces;
}

}  // namespace

StatusOr<RegionCode> Workspace::Province() {
  if (province_) return *province_;
  ASSIGN_OR_RETURN(std::vector<RegionCode> provinces, LoadedProvinces(*store_));
  if (provinces.empty()) {
    return NotFoundError(
        Bilingual("数据库 {} 中还没有区划代码，请先运行 jingzhun regions load {} <区划目录>",
                  "the database {} has no region codes yet: run jingzhun regions load {} <regions dir> first",
                  db_path_, db_path_));
  }
  // The shipped region data holds every province down to the county and one province (the
  // registry's) down to the township and village: the province is the one loaded below counties.
  if (provinces.size() > 1) {
    std::vector<RegionCode> below_counties;
    for (RegionCode province : provinces) {
      ASSIGN_OR_RETURN(std::vector<Region> townships, store_->ListRegions(province, RegionLevel::kTownship));
      ASSIGN_OR_RETURN(std::vector<Region> villages, store_->ListRegions(province, RegionLevel::kVillage));
      if (!townships.empty() || !villages.empty()) below_counties.push_back(province);
    }
    if (below_counties.size() != 1) {
      const std::vector<RegionCode>& named = below_counties.empty() ? provinces : below_counties;
      return InvalidArgumentError(Bilingual("数据库中有多个省份（{} 和 {}）的区划，请用 --region 指定范围",
                                            "the database holds regions of several provinces ({} and {}): "
                                            "name the scope with --region",
                                            named[0].ShortString(), named[1].ShortString()));
    }
    provinces = below_counties;
  }
  province_ = provinces.front();
  return *province_;
}

StatusOr<RegionCode> Workspace::ScopeOr(const std::optional<RegionCode>& requested) {
  if (requested) return *requested;
  return Province();
}

}  // namespace jz
