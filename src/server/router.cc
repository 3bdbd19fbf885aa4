// The router (router.h).
#include "server/router.h"

#include <algorithm>
#include <cassert>

namespace jz::server {
namespace {

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::string_view RouteContext::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

void Router::Add(http::verb method, std::string_view pattern, RouteHandler handler) {
  assert(!pattern.empty() && pattern.front() == '/');
  Route route{method, {}, std::move(handler)};
  size_t start = 1;
  while (start <= pattern.size()) {
    const size_t end = std::min(pattern.find('/', start), pattern.size());
    if (end > start) route.pattern.emplace_back(pattern.substr(start, end - start));
    start = end + 1;
  }
  routes_.push_back(std::move(route));
}

bool Router::Matches(const Route& route, const std::vector<std::string>& segments,
                     std::vector<std::pair<std::string, std::string>>* params) {
  if (route.pattern.size() != segments.size()) return false;
  params->clear();
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& p = route.pattern[i];
    if (IsParameter(p)) {
      params->emplace_back(p.substr(1, p.size() - 2), segments[i]);
    } else if (p != segments[i]) {
      return false;
    }
  }
  return true;
}

RouteMatch Router::Find(http::verb method, const std::vector<std::string>& segments) const {
  RouteMatch match;
  std::vector<std::pair<std::string, std::string>> params;
  for (const Route& route : routes_) {
    if (!Matches(route, segments, &params)) continue;
    if (route.method == method) {
      match.handler = &route.handler;
      match.params = std::move(params);
      match.allowed.clear();
      return match;
    }
    if (std::find(match.allowed.begin(), match.allowed.end(), route.method) == match.allowed.end()) {
      match.allowed.push_back(route.method);
    }
  }
  return match;
}

std::string Router::AllowHeader(const std::vector<http::verb>& methods) {
  std::string out;
  for (http::verb method : methods) {
    if (!out.empty()) out += ", ";
    out += std::string(http::to_string(method));
  }
  return out;
}

}  // namespace jz::server
