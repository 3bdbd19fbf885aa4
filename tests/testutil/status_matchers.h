// Test helpers shared by every test target: ASSERT_OK / EXPECT_OK and a matcher on the
// status code and message of a failed StatusOr.
#ifndef JZ_TESTS_TESTUTIL_STATUS_MATCHERS_H_
#define JZ_TESTS_TESTUTIL_STATUS_MATCHERS_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/status.h"

namespace jz::testing {

inline const ::jz::Status& GetStatus(const ::jz::Status& s) { return s; }
template <typename T>
const ::jz::Status& GetStatus(const ::jz::StatusOr<T>& s) {
  return s.status();
}

// Succeeds when `status` is InvalidArgument and its message contains `part`; for use in
// EXPECT_TRUE(...) << context, where a predicate reads better than EXPECT_STATUS.
inline ::testing::AssertionResult IsInvalidArgumentWith(const ::jz::Status& status, std::string_view part) {
  if (status.code() != ::jz::StatusCode::kInvalidArgument) {
    return ::testing::AssertionFailure() << "expected INVALID_ARGUMENT, got " << status;
  }
  if (status.message().find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "message lacks \"" << part << "\": " << status;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace jz::testing

// Evaluate `expr` once (the status is copied: `expr` is often a temporary) and, like
// gtest's own assertions, accept `<< "more context"` after them.
#define JZ_OK_IMPL_(expr, fail)                                                    \
  switch (0)                                                                       \
  case 0:                                                                          \
  default:                                                                         \
    if (const ::jz::Status jz_ok_ = ::jz::testing::GetStatus(expr); jz_ok_.ok()) { \
    } else                                                                         \
      fail() << jz_ok_
#define ASSERT_OK(expr) JZ_OK_IMPL_(expr, FAIL)
#define EXPECT_OK(expr) JZ_OK_IMPL_(expr, ADD_FAILURE)

// Asserts `expr` failed with `expected_code` and a message containing `substring`. (The
// parameter must not be called `code`: the macro would then rewrite `.code()` too. The
// status is copied because `expr` is often a temporary StatusOr.)
#define EXPECT_STATUS(expr, expected_code, substring)                            \
  do {                                                                           \
    const ::jz::Status jz_st_ = ::jz::testing::GetStatus(expr);                  \
    EXPECT_EQ(jz_st_.code(), expected_code) << jz_st_;                           \
    EXPECT_THAT(std::string(jz_st_.message()), ::testing::HasSubstr(substring)); \
  } while (false)

// `lhs = value`, failing the test when `expr` is not OK.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(JZ_STATUS_CONCAT_(jz_test_so_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status();           \
  lhs = std::move(tmp).value()

#endif  // JZ_TESTS_TESTUTIL_STATUS_MATCHERS_H_
