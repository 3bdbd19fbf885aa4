// The version of Jingzhun, shown by `jingzhun --version` and the server's health endpoint.
#ifndef JZ_CORE_VERSION_H_
#define JZ_CORE_VERSION_H_

#include <string_view>

namespace jz {

inline constexpr std::string_view kJingzhunVersion = "0.1.0";

}  // namespace jz

#endif  // JZ_CORE_VERSION_H_
