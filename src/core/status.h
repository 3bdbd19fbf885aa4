// Error handling for every module boundary: Status / StatusOr<T>, the propagation macros,
// and the one place where a status code maps to a CLI exit code and an HTTP status.
//
// Why our own and not absl::Status: Debian's Abseil is built with its own string_view type
// (ABSL_OPTION_USE_STD_STRING_VIEW=0), which does not mix with std::string_view, and
// std::expected is C++23. This is the small subset we need, shaped like absl's.
//
// User-facing messages are written zh-Hans first, then English, joined by Bilingual(),
// and name the file, row, field and value where there is one.
#ifndef JZ_CORE_STATUS_H_
#define JZ_CORE_STATUS_H_

#include <fmt/format.h>

#include <cassert>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace jz {

// The closed set of error codes; each maps once to an exit code and an HTTP status.
enum class StatusCode : unsigned char {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kAborted,
  kUnavailable,
  kDataLoss,
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;
  // Returns a copy whose message is "prefix: message" (used to add file/row context).
  Status WithContext(std::string_view prefix) const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

std::ostream& operator<<(std::ostream& os, const Status& status);

inline Status OkStatus() { return Status(); }
Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status PermissionDeniedError(std::string message);
Status AbortedError(std::string message);
Status UnavailableError(std::string message);
Status DataLossError(std::string message);
Status InternalError(std::string message);

// Either a value or a non-OK Status. Accessing value() of an error is a programmer error.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(const Status& status) : status_(status) { assert(!status_.ok()); }        // NOLINT
  StatusOr(Status&& status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT
  StatusOr(const T& value) : value_(value) {}                                        // NOLINT
  StatusOr(T&& value) : value_(std::move(value)) {}                                  // NOLINT
  // The constraint keeps this from hiding the copy and move constructors.
  // NOLINTBEGIN(bugprone-forwarding-reference-overload)
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Status> && !std::is_same_v<std::decay_t<U>, StatusOr>)
      StatusOr(U&& value)
      : value_(std::forward<U>(value)) {}  // NOLINT
  // NOLINTEND(bugprone-forwarding-reference-overload)

  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T& value() & {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

// The separator between the zh-Hans and the English half of a message.
inline constexpr std::string_view kBilingualSeparator = " | ";

// Returns "zh | en": the message shown to users, zh-Hans first.
std::string Bilingual(std::string_view zh_hans, std::string_view en);

// Returns Bilingual() of the two texts formatted with the same arguments, given once:
//   Bilingual("筛查 {} 户", "screened {} households", n)
// Both format strings are checked against the arguments at compile time.
template <typename... Args>
requires(sizeof...(Args) > 0) std::string
    Bilingual(fmt::format_string<Args...> zh_hans, fmt::format_string<Args...> en, const Args&... args) {
  return Bilingual(fmt::vformat(static_cast<fmt::string_view>(zh_hans), fmt::make_format_args(args...)),
                   fmt::vformat(static_cast<fmt::string_view>(en), fmt::make_format_args(args...)));
}

// Returns the half of a Bilingual() message: English (true) or zh-Hans (false). A message
// without the separator is returned whole. Context prefixes added by WithContext() are kept.
std::string MessageHalf(std::string_view message, bool english);

// Exit codes of the `jingzhun` binary, one per status code (listed in `jingzhun --help`).
// Usage errors detected by the argument parser exit with kExitUsage.
inline constexpr int kExitUsage = 2;
int ExitCodeFor(const Status& status);

// The HTTP status a server answers with for `status`.
int HttpStatusFor(const Status& status);

}  // namespace jz

#define JZ_STATUS_CONCAT_INNER_(a, b) a##b
#define JZ_STATUS_CONCAT_(a, b) JZ_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr)                \
  do {                                       \
    ::jz::Status jz_status_ = (expr);        \
    if (!jz_status_.ok()) return jz_status_; \
  } while (false)

// `lhs = value of expr`, or returns its error. `lhs` may declare a variable.
#define ASSIGN_OR_RETURN(lhs, expr) \
  JZ_ASSIGN_OR_RETURN_IMPL_(JZ_STATUS_CONCAT_(jz_statusor_, __LINE__), lhs, expr)
// `lhs` cannot be parenthesised: it may be a declaration.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define JZ_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // JZ_CORE_STATUS_H_
