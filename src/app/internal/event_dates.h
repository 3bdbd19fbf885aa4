// The dates of recorded steps (a campaign's creation, a draw, findings, every ledger action):
// a step the user does not date happens today; a step dated after today, or before the step it
// follows, is refused, so the history of a campaign or a problem reads in order and never
// claims work not yet done. Shared by the request functions of verification/ and rectification/
// (app/cases keeps its own guards, which collect every failed condition of a step at once).
#ifndef JZ_APP_INTERNAL_EVENT_DATES_H_
#define JZ_APP_INTERNAL_EVENT_DATES_H_

#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace jz {

// Names a step in messages: zh-Hans and English, e.g. {"抽样", "the draw"}.
struct StepName {
  std::string_view zh;
  std::string_view en;
};

// Returns `given`, or `today` when unset. InvalidArgument naming the step, the date and today
// when `given` is after today.
[[nodiscard]] StatusOr<Date> StepDate(const std::optional<Date>& given, Date today, StepName step);

// InvalidArgument naming both steps and both dates when `date` (of `step`) is before
// `previous_date` (of `previous`); OK otherwise.
[[nodiscard]] Status CheckStepOrder(Date date, StepName step, Date previous_date, StepName previous);

}  // namespace jz

#endif  // JZ_APP_INTERNAL_EVENT_DATES_H_
