// What a registry file's header says: which of the three layouts counties hand over it is,
// and whether it has the columns an import cannot do without. RegistryReader reads the header
// (io/registry_reader.h) and asks these; they are apart so that each layout rule and each
// missing-column message can be tested on a list of columns, without a file.
#ifndef JZ_IO_REGISTRY_HEADER_H_
#define JZ_IO_REGISTRY_HEADER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/registry_layout.h"

namespace jz {

// The layouts recognised by their headers.
enum class RegistryLayoutKind : uint8_t {
  // The national system's person-detail export (人员明细, "已脱贫人口名单", DOMAIN.md §1.3):
  // places as names (县/乡/村/自然村), no 行政区划代码, no 性别 or 出生日期 (both are in the ID
  // number), 人均纯收入 without its components.
  kPersonDetail,
  // The monitoring system's export: the person-detail columns and 易返贫致贫户(监测对象)类型,
  // 风险是否消除, 风险识别时间, 风险消除时间.
  kMonitoring,
  // The layout Jingzhun's generator writes: every column, with 行政区划代码.
  kJingzhun,
};

// "人员明细导出 | person-detail export" and the like: Bilingual(zh-Hans, English).
std::string_view RegistryLayoutName(RegistryLayoutKind layout);

// The layout of a header that has the columns `present` (indexed by RegistryColumn): Jingzhun's
// when it has 行政区划代码; otherwise the monitoring export when it has any of the four
// monitoring columns; otherwise the person-detail export.
// REQUIRES: present.size() == RegistryColumns().size().
RegistryLayoutKind RecognizeRegistryLayout(const std::vector<bool>& present);

// OK when the header has every column an import needs: 户编号, 姓名, 证件号码, 与户主关系, and the
// place either as 行政区划代码 or as the three names 县, 乡 and 村. Otherwise InvalidArgument
// naming `file`, each missing column with the other headers that would do for it, and the two
// ways of giving the place. REQUIRES: as RecognizeRegistryLayout.
Status CheckRequiredRegistryColumns(const std::vector<bool>& present, std::string_view file);

// Whether the header gives the place as names only (no 行政区划代码): each row then needs its
// three names, and the importer resolves them to a code.
bool PlaceByNames(const std::vector<bool>& present);

}  // namespace jz

#endif  // JZ_IO_REGISTRY_HEADER_H_
