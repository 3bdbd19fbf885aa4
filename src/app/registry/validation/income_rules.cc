// Household-level rules on the income block of the year under check (DOMAIN.md §1.2 income
// block, §2.2 net income, §1.4 items 7 and 8). Per-capita figures divide by the number of
// member rows, as the 人均纯收入 of the national export does.
#include <fmt/format.h>

#include <string>

#include "app/registry/validation/internal/rule_support.h"

namespace jz::validation::internal {
namespace {

// DOMAIN §1.4 item 7: per-capita net income must lie in (0, 100,000] yuan.
constexpr Money kMaxPerCapita = Money::FromYuan(100'000);

const Person* FirstWorker(const Household& household) {
  for (const Person& person : household.members) {
    if (person.work_status) return &person;
  }
  return nullptr;
}

// 人均纯收入 from the components. REQUIRES: they are known.
Money PerCapita(const Scope& s) {
  return *s.year->NetIncomePerCapita(static_cast<int>(s.household.members.size()));
}

// income.wage_without_worker and income.worker_without_wage — DOMAIN §1.4 item 8. A worker
// is a member with a 务工状况; a wage of zero or less counts as no wage.
void CheckWageAgainstWorkers(const Scope& s) {
  const Money wage = s.year->wage_income;
  const Person* worker = FirstWorker(s.household);
  if (worker == nullptr && wage.fen() > 0) {
    Report(s, Rule::kWageWithoutWorker, nullptr, wage.ToString(),
           {"无成员有务工状况", "no member has a work status"});
  } else if (worker != nullptr && wage.fen() <= 0) {
    Report(s, Rule::kWorkerWithoutWage, nullptr, wage.ToString(),
           {fmt::format("人编号 {}（{}）务工", worker->person_no, worker->name),
            fmt::format("person {} ({}) works", worker->person_no, worker->name)});
  }
}

// income.arithmetic — DOMAIN §2.2 (人均纯收入 = (工资性 + 生产经营性 + 财产性 + 转移性 −
// 生产经营性支出) / 人数, to the fen).
void CheckDeclaredPerCapita(const Scope& s) {
  const std::optional<Money>& declared = s.year->declared_net_income_per_capita;
  if (!declared) return;
  const Money computed = PerCapita(s);
  if (*declared == computed) return;
  Report(s, Rule::kIncomeArithmetic, nullptr, declared->ToString(),
         {fmt::format("按收入构成应为 {} 元", computed.ToString()),
          fmt::format("the components give {} yuan", computed.ToString())});
}

// income.range — DOMAIN §1.4 item 7 (per-capita net income ≤ 0 or > 100,000). Judged on
// the per-capita income the components give, so that a wrong declaration is reported once,
// by income.arithmetic.
void CheckPerCapitaRange(const Scope& s) {
  const Money computed = PerCapita(s);
  if (computed.fen() > 0 && computed <= kMaxPerCapita) return;
  Report(s, Rule::kIncomeRange, nullptr, computed.ToString(),
         {"按收入构成计算", "as computed from the income components"});
}

// income.business_without_expense — DOMAIN §1.4 item 7 (生产经营性收入 without 生产经营性支出).
void CheckBusinessExpense(const Scope& s) {
  if (s.year->business_income.fen() <= 0 || s.year->business_expense.fen() > 0) return;
  Report(s, Rule::kBusinessWithoutExpense, nullptr, s.year->business_expense.ToString(),
         {fmt::format("生产经营性收入 {} 元", s.year->business_income.ToString()),
          fmt::format("business income {} yuan", s.year->business_income.ToString())});
}

}  // namespace

// Every check here compares or sums the components; a source that gave only 人均纯收入 (a
// county's person-detail export) leaves them unknown, and nothing is reported from them.
void CheckIncomeRules(const Scope& s) {
  if (s.year == nullptr || s.household.members.empty()) return;
  if (!s.year->income_components_known) return;
  CheckWageAgainstWorkers(s);
  CheckDeclaredPerCapita(s);
  CheckPerCapitaRange(s);
  CheckBusinessExpense(s);
}

}  // namespace jz::validation::internal
