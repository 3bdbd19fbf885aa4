// Dates of recorded steps (event_dates.h).
#include "app/internal/event_dates.h"

namespace jz {

StatusOr<Date> StepDate(const std::optional<Date>& given, Date today, StepName step) {
  if (!given) return today;
  if (today < *given) {
    return InvalidArgumentError(
        Bilingual("{0}日期 {2} 晚于今天（{3}）：不能记录尚未发生的事",
                  "{1} date {2} is after today ({3}): a step cannot be recorded before it happens", step.zh,
                  step.en, given->ToString(), today.ToString()));
  }
  return *given;
}

Status CheckStepOrder(Date date, StepName step, Date previous_date, StepName previous) {
  if (!(date < previous_date)) return OkStatus();
  return InvalidArgumentError(Bilingual("{0}日期 {2} 早于{3}日期 {5}", "{1} date {2} is before {4} date {5}",
                                        step.zh, step.en, date.ToString(), previous.zh, previous.en,
                                        previous_date.ToString()));
}

}  // namespace jz
