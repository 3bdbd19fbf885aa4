// Member-level rules on labour capacity (劳动技能) and work (务工状况, 务工时间): DOMAIN.md
// §1.3 and §1.4 items 6 and 8, and the age limit of §3.8 rule 3_01_008. A worker is a
// member with a 务工状况; 务工时间 is judged against it.
#include <fmt/format.h>

#include <string>

#include "app/registry/validation/internal/rule_support.h"

namespace jz::validation::internal {
namespace {

constexpr int kMaxWorkMonths = 12;

// labour.healthy_lost and labour.healthy_none — DOMAIN §1.4 item 6: a healthy member aged
// 16-65 marked 丧失劳动力, or, not being a student, marked 无劳动力.
void CheckLabourSkill(const Scope& s, const PersonFacts& f) {
  if (!f.person.labour_skill || !f.LabourAge() || !f.Healthy()) return;
  const LabourSkill skill = *f.person.labour_skill;
  Rule rule;
  if (skill == LabourSkill::kLostCapacity) {
    rule = Rule::kHealthyLost;
  } else if (skill == LabourSkill::kNotLabourForce && !f.student) {
    rule = Rule::kHealthyNone;
  } else {
    return;
  }
  Report(s, rule, &f.person, std::string(Label(skill)),
         {fmt::format("{} 岁，健康", f.age), fmt::format("aged {}, healthy", f.age)});
}

// work.months_range, work.place_without_months, work.months_without_place — DOMAIN §1.4
// item 8 (务工时间 outside 0-12; 务工地 with 0 months; no 务工地 with 1-12 months).
void CheckWorkMonths(const Scope& s, const PersonFacts& f) {
  if (!f.person.work_months) return;  // the source has no 务工时间 column
  const int months = *f.person.work_months;
  if (months < 0 || months > kMaxWorkMonths) {
    Report(s, Rule::kWorkMonthsRange, &f.person, std::to_string(months));
  } else if (f.Working() && months == 0) {
    Report(s, Rule::kPlaceWithoutMonths, &f.person, "0",
           {fmt::format("务工状况为{}", Label(*f.person.work_status)),
            fmt::format("work status is {}", Label(*f.person.work_status, Lang::kEn))});
  } else if (!f.Working() && months > 0) {
    Report(s, Rule::kMonthsWithoutPlace, &f.person, "",
           {fmt::format("务工时间 {} 个月", months), fmt::format("{} work months", months)});
  }
}

// work.unable_worker — DOMAIN §1.4 item 8 (person without labour capacity shown as a
// worker) and §3.8 rule 2_01_015: a non-student aged 16 or more whose 劳动技能 is
// 丧失劳动力 or 无劳动力, with a 务工状况. work.under_16 — DOMAIN §3.8 rule 3_01_008's age
// limit: anyone under 16 with a 务工状况.
void CheckWorker(const Scope& s, const PersonFacts& f) {
  if (!f.Working()) return;
  const WorkStatus place = *f.person.work_status;
  if (f.age < kWorkingAgeFrom) {
    Report(s, Rule::kWorkerUnder16, &f.person, std::string(Label(place)),
           {fmt::format("年龄 {} 岁", f.age), fmt::format("aged {}", f.age)});
    return;
  }
  const std::optional<LabourSkill>& skill = f.person.labour_skill;
  if (f.student || !skill || CanWork(*skill)) return;
  Report(s, Rule::kUnableWorker, &f.person, std::string(Label(place)),
         {fmt::format("劳动技能为{}", Label(*skill)),
          fmt::format("labour skill is {}", Label(*skill, Lang::kEn))});
}

}  // namespace

void CheckWorkRules(const Scope& s, const PersonFacts& f) {
  CheckLabourSkill(s, f);
  CheckWorkMonths(s, f);
  CheckWorker(s, f);
}

}  // namespace jz::validation::internal
