#include "core/status.h"

#include <gtest/gtest.h>

namespace jz {
namespace {

TEST(Status, EachCodeHasItsOwnExitCode) {
  EXPECT_EQ(ExitCodeFor(OkStatus()), 0);
  EXPECT_EQ(ExitCodeFor(InvalidArgumentError("x")), 3);
  EXPECT_EQ(ExitCodeFor(NotFoundError("x")), 4);
  EXPECT_EQ(ExitCodeFor(FailedPreconditionError("x")), 6);
  EXPECT_EQ(ExitCodeFor(InternalError("x")), 1);
  EXPECT_EQ(HttpStatusFor(NotFoundError("x")), 404);
  EXPECT_EQ(HttpStatusFor(InvalidArgumentError("x")), 400);
}

TEST(Status, BilingualMessagesSplitIntoHalves) {
  const std::string m = Bilingual("文件不存在", "file not found");
  EXPECT_EQ(MessageHalf(m, false), "文件不存在");
  EXPECT_EQ(MessageHalf(m, true), "file not found");
  EXPECT_EQ(MessageHalf("plain", true), "plain");
}

TEST(Status, BilingualFormatsBothHalvesWithArgumentsGivenOnce) {
  const std::string m = Bilingual("第 {} 行：{}", "line {}: {}", 7, std::string("户编号"));
  EXPECT_EQ(m, "第 7 行：户编号 | line 7: 户编号");
  EXPECT_EQ(MessageHalf(m, true), "line 7: 户编号");
}

Status FailsWhen(bool fail) {
  if (fail) return AbortedError("stop");
  return OkStatus();
}
StatusOr<int> Twice(bool fail) {
  RETURN_IF_ERROR(FailsWhen(fail));
  return 2;
}
StatusOr<int> Quadruple(bool fail) {
  ASSIGN_OR_RETURN(int v, Twice(fail));
  return v * 2;
}

TEST(Status, MacrosPropagateErrors) {
  EXPECT_EQ(*Quadruple(false), 4);
  EXPECT_EQ(Quadruple(true).status().code(), StatusCode::kAborted);
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {
TEST(Status, ContextPrefixIsKeptInBothHalves) {
  Status s = InvalidArgumentError(Bilingual("日期无效", "invalid date")).WithContext("a.csv: 第 3 行");
  EXPECT_EQ(MessageHalf(s.message(), false), "a.csv: 第 3 行: 日期无效");
  EXPECT_EQ(MessageHalf(s.message(), true), "a.csv: 第 3 行: invalid date");
}
}  // namespace
}  // namespace jz
