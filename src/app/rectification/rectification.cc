// The rectification ledger's use cases: labels, batch 建账, the state machine with its
// closure guard, listing and the 清零 roll-up. See rectification.h.
#include "app/rectification/rectification.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace jz {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

uint64_t Fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ull) {
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string AllowedText(ProblemStatus status) {
  std::string out;
  for (LedgerAction action : AllowedActions(status))
    out += fmt::format("{}{}", out.empty() ? "" : ", ", CliName(action));
  return out;
}

Status NotAllowed(const Problem& p, std::string_view verb_zh, std::string_view verb_en) {
  return FailedPreconditionError(
      Bilingual(fmt::format("问题 {} 当前状态为「{}」，不能{}；当前可执行：{}", p.id, Label(p.status),
                            verb_zh, AllowedText(p.status)),
                fmt::format("problem {} is {}; it cannot be {}; allowed now: {}", p.id, CliName(p.status),
                            verb_en, AllowedText(p.status))));
}

// Loads the problem and checks what every action needs: an actor, and a date not before the
// problem's last event (the history stays in order).
StatusOr<ProblemDetail> Prepare(Store& store, const ProblemAction& a) {
  if (Trim(a.actor).empty()) {
    return InvalidArgumentError(Bilingual("请用 --by 给出操作人姓名", "give the actor's name (--by)"));
  }
  ASSIGN_OR_RETURN(ProblemDetail detail, ShowProblem(store, a.problem_id));
  const Date last = detail.events.empty() ? detail.problem.created_at : detail.events.back().date;
  if (a.date < last) {
    return InvalidArgumentError(Bilingual("日期 {} 早于问题 {} 的上一次记录（{}）",
                                          "date {} is before the last entry of problem {} ({})",
                                          a.date.ToString(), a.problem_id, last.ToString()));
  }
  return detail;
}

Status Require(std::string_view value, std::string_view field_zh, std::string_view field_en, int64_t id) {
  if (!Trim(value).empty()) return OkStatus();
  return InvalidArgumentError(Bilingual(fmt::format("问题 {}：{}不能为空", id, field_zh),
                                        fmt::format("problem {}: {} is required", id, field_en)));
}

// The requester of the pending closure: the actor of the last closure_requested event.
std::string Requester(const std::vector<ProblemEvent>& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->kind == ProblemEventKind::kClosureRequested) return it->actor;
  }
  return "";
}

// 销号 is confirmed (or refused) by a third person: not the owner, not the requester.
Status CheckReviewer(const ProblemDetail& d, std::string_view actor, std::string_view verb_zh,
                     std::string_view verb_en) {
  const Problem& p = d.problem;
  const std::string requester = Requester(d.events);
  actor = Trim(actor);
  if (actor == Trim(p.owner)) {
    return FailedPreconditionError(Bilingual(
        fmt::format(
            "问题 {}：{}须由责任人以外的人进行，{} 是该问题的责任人；请由复核人办理（confirm 或 reject）",
            p.id, verb_zh, actor),
        fmt::format("problem {}: {} must be done by someone other than the owner; {} owns this problem; "
                    "a reviewer may confirm or reject",
                    p.id, verb_en, actor)));
  }
  if (actor == Trim(requester)) {
    return FailedPreconditionError(Bilingual(
        fmt::format("问题 {}：{}须由申请人以外的人进行，{} 申请了销号；请由复核人办理（confirm 或 reject）",
                    p.id, verb_zh, actor),
        fmt::format(
            "problem {}: {} must be done by someone other than the requester; {} requested the closure; "
            "a reviewer may confirm or reject",
            p.id, verb_en, actor)));
  }
  return OkStatus();
}

Status Apply(Store& store, const ProblemAction& a, ProblemEventKind kind, ProblemStatus from,
             ProblemStatus to, std::optional<std::string> new_owner = std::nullopt) {
  ProblemTransition t;
  t.event = {0, a.problem_id, kind, std::string(Trim(a.actor)), a.date, a.evidence, a.note};
  t.expected_status = from;
  t.new_status = to;
  t.new_owner = std::move(new_owner);
  return store.ledger().ApplyTransition(t);
}

bool IsActive(ProblemStatus s) { return s == ProblemStatus::kOpen || s == ProblemStatus::kInProgress; }

void AddError(std::vector<ProblemFieldError>& errors, size_t index, std::string_view field,
              std::string_view value, std::string message) {
  errors.push_back({index, std::string(field), std::string(value), std::move(message)});
}

Status CheckRegionAndHousehold(Store& store, Problem& p, size_t i, std::vector<ProblemFieldError>& errors) {
  if (!p.household_no.empty()) {
    ASSIGN_OR_RETURN(std::optional<Household> h,
                     store.FindHousehold(ReadScope::WholeDatabase(), p.household_no));
    if (!h) {
      AddError(errors, i, "household_no", p.household_no,
               Bilingual("户编号 {} 不在登记数据中", "household {} is not in the registry", p.household_no));
    } else if (p.region.value() == 0) {
      p.region = h->village;
    } else if (!p.region.Contains(h->village)) {
      AddError(errors, i, "household_no", p.household_no,
               Bilingual("户编号 {} 所在村 {} 不在区划 {} 内", "household {} lives in {}, outside region {}",
                         p.household_no, h->village.ToString(), p.region.ToString()));
    }
  }
  if (p.region.value() == 0) {
    AddError(errors, i, "region", "", Bilingual("缺少区划代码", "the region code is missing"));
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(p.region));
  if (!region) {
    AddError(
        errors, i, "region", p.region.ToString(),
        Bilingual("区划代码 {} 不在已加载的区划中", "region {} is not a loaded region", p.region.ToString()));
  }
  return OkStatus();
}

}  // namespace

std::string ProblemKey(const Problem& p) {
  const std::string prefix = fmt::format("{}|{}|", CliName(p.source), p.source_ref);
  if (!p.source_item.empty()) return prefix + "#" + p.source_item;
  uint64_t hash = Fnv1a(std::to_string(p.region.value()));
  for (std::string_view part :
       {std::string_view("\x1f"), std::string_view(p.household_no), std::string_view("\x1f")}) {
    hash = Fnv1a(part, hash);
  }
  hash = Fnv1a(std::to_string(static_cast<int>(p.category)), hash);
  hash = Fnv1a("\x1f", hash);
  hash = Fnv1a(p.description, hash);
  return fmt::format("{}h{:016x}", prefix, hash);
}

StatusOr<std::vector<ProblemFieldError>> CheckProblems(Store& store, ProblemBatch& batch) {
  std::vector<ProblemFieldError> errors;
  if (Trim(batch.source_ref).empty()) {
    AddError(errors, 0, "source_ref", "",
             Bilingual("缺少问题来源（如督查名称、核查活动编号）",
                       "the source reference (inspection name, campaign code) is missing"));
  }
  if (Trim(batch.actor).empty()) {
    AddError(errors, 0, "created_by", "", Bilingual("缺少建账人（--by）", "the actor (--by) is missing"));
  }
  for (size_t i = 0; i < batch.problems.size(); ++i) {
    Problem& p = batch.problems[i];
    p.source = batch.source;
    p.source_ref = batch.source_ref;
    p.created_by = batch.actor;
    p.created_at = batch.date;
    p.status = ProblemStatus::kOpen;
    const std::pair<const std::string*, std::pair<std::string_view, std::string_view>> required[] = {
        {&p.description, {"问题描述", "description"}},
        {&p.responsible_unit, {"责任单位", "responsible_unit"}},
        {&p.owner, {"责任人", "owner"}}};
    for (const auto& [value, names] : required) {
      if (Trim(*value).empty()) {
        AddError(errors, i, names.second, "",
                 Bilingual(fmt::format("{}为空", names.first), fmt::format("{} is empty", names.second)));
      }
    }
    RETURN_IF_ERROR(CheckRegionAndHousehold(store, p, i, errors));
    if (p.key.empty()) p.key = ProblemKey(p);
  }
  return errors;
}

StatusOr<AddedProblems> AddProblems(Store& store, ProblemBatch batch) {
  ASSIGN_OR_RETURN(std::vector<ProblemFieldError> errors, CheckProblems(store, batch));
  if (!errors.empty()) {
    std::string zh, en;
    for (const ProblemFieldError& e : errors) {
      zh += fmt::format("\n  第 {} 个问题，{}：{}", e.index + 1, e.field, MessageHalf(e.message, false));
      en += fmt::format("\n  problem {}, {}: {}", e.index + 1, e.field, MessageHalf(e.message, true));
    }
    return InvalidArgumentError(fmt::format("{} 处错误，未建账：{}{}{} errors, nothing stored:{}",
                                            errors.size(), zh, kBilingualSeparator, errors.size(), en));
  }
  ASSIGN_OR_RETURN(auto stored, store.ledger().AddProblems(batch.problems, "建账"));
  AddedProblems out;
  for (const auto& [id, is_new] : stored) {
    out.ids.push_back(id);
    ++(is_new ? out.added : out.unchanged);
  }
  return out;
}

std::vector<LedgerAction> AllowedActions(ProblemStatus status) {
  switch (status) {
    case ProblemStatus::kOpen:
    case ProblemStatus::kInProgress:
      return {LedgerAction::kProgress, LedgerAction::kRequest, LedgerAction::kReassign};
    case ProblemStatus::kClosureRequested:
      return {LedgerAction::kConfirm, LedgerAction::kReject};
    case ProblemStatus::kClosed:
      return {LedgerAction::kReopen};
  }
  return {};
}

Status RecordProgress(Store& store, const ProblemAction& a) {
  ASSIGN_OR_RETURN(ProblemDetail d, Prepare(store, a));
  if (!IsActive(d.problem.status)) return NotAllowed(d.problem, "记录整改进展", "given progress");
  RETURN_IF_ERROR(Require(a.evidence, "整改进展的佐证材料（--evidence）",
                          "evidence (--evidence) of the progress", a.problem_id));
  return Apply(store, a, ProblemEventKind::kProgress, d.problem.status, ProblemStatus::kInProgress);
}

Status RequestClosure(Store& store, const ProblemAction& a) {
  ASSIGN_OR_RETURN(ProblemDetail d, Prepare(store, a));
  if (!IsActive(d.problem.status)) return NotAllowed(d.problem, "申请销号", "requested for closure");
  RETURN_IF_ERROR(Require(a.evidence, "申请销号的佐证材料（--evidence）",
                          "evidence (--evidence) for the closure", a.problem_id));
  return Apply(store, a, ProblemEventKind::kClosureRequested, d.problem.status,
               ProblemStatus::kClosureRequested);
}

Status ConfirmClosure(Store& store, const ProblemAction& a) {
  ASSIGN_OR_RETURN(ProblemDetail d, Prepare(store, a));
  if (d.problem.status != ProblemStatus::kClosureRequested)
    return NotAllowed(d.problem, "确认销号", "closed");
  RETURN_IF_ERROR(CheckReviewer(d, a.actor, "确认销号", "confirming the closure"));
  return Apply(store, a, ProblemEventKind::kClosed, ProblemStatus::kClosureRequested, ProblemStatus::kClosed);
}

Status RejectClosure(Store& store, const ProblemAction& a) {
  ASSIGN_OR_RETURN(ProblemDetail d, Prepare(store, a));
  if (d.problem.status != ProblemStatus::kClosureRequested)
    return NotAllowed(d.problem, "退回销号申请", "rejected");
  RETURN_IF_ERROR(Require(a.note, "退回理由（--reason）", "a reason (--reason)", a.problem_id));
  RETURN_IF_ERROR(CheckReviewer(d, a.actor, "退回销号申请", "rejecting the closure"));
  return Apply(store, a, ProblemEventKind::kRejected, ProblemStatus::kClosureRequested,
               ProblemStatus::kInProgress);
}

Status ReopenProblem(Store& store, const ProblemAction& a) {
  ASSIGN_OR_RETURN(ProblemDetail d, Prepare(store, a));
  if (d.problem.status != ProblemStatus::kClosed) return NotAllowed(d.problem, "重新打开", "reopened");
  RETURN_IF_ERROR(Require(a.note, "重新打开的理由（--reason）", "a reason (--reason)", a.problem_id));
  return Apply(store, a, ProblemEventKind::kReopened, ProblemStatus::kClosed, ProblemStatus::kOpen);
}

Status ReassignProblem(Store& store, const ProblemAction& a, std::string_view new_owner) {
  ASSIGN_OR_RETURN(ProblemDetail d, Prepare(store, a));
  if (!IsActive(d.problem.status)) return NotAllowed(d.problem, "更换责任人", "reassigned");
  RETURN_IF_ERROR(Require(new_owner, "新责任人（--owner）", "the new owner (--owner)", a.problem_id));
  ProblemAction logged = a;
  if (logged.note.empty()) logged.note = fmt::format("{} → {}", d.problem.owner, Trim(new_owner));
  return Apply(store, logged, ProblemEventKind::kReassigned, d.problem.status, d.problem.status,
               std::string(Trim(new_owner)));
}

bool IsOverdue(const Problem& p, Date as_of) {
  return p.status != ProblemStatus::kClosed && p.deadline < as_of;
}

StatusOr<std::vector<Problem>> ListProblems(Store& store, const ProblemQuery& q) {
  ProblemFilter filter{.scope = q.scope, .status = q.status, .source = q.source, .source_ref = std::nullopt};
  ASSIGN_OR_RETURN(std::vector<Problem> all, store.ledger().ListProblems(filter));
  std::erase_if(all, [&](const Problem& p) {
    if (q.open_only && p.status == ProblemStatus::kClosed) return true;
    return q.overdue_as_of && !IsOverdue(p, *q.overdue_as_of);
  });
  return all;
}

StatusOr<ProblemDetail> ShowProblem(Store& store, int64_t id) {
  ASSIGN_OR_RETURN(std::optional<Problem> p, store.ledger().FindProblem(id));
  if (!p) {
    return NotFoundError(Bilingual("问题 {} 不存在", "problem {} does not exist", id));
  }
  ProblemDetail detail{std::move(*p), {}};
  ASSIGN_OR_RETURN(detail.events, store.ledger().ListProblemEvents(id));
  return detail;
}

namespace {

void Count(ClearanceRow& row, const Problem& p, Date as_of) {
  ++row.total;
  if (p.status == ProblemStatus::kClosed) {
    ++row.closed;
    return;
  }
  ++row.open;
  if (p.status == ProblemStatus::kClosureRequested) ++row.closure_requested;
  if (IsOverdue(p, as_of)) ++row.overdue;
}

StatusOr<std::string> RegionName(Store& store, RegionCode code) {
  ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(code));
  return region ? region->name : code.ToString();
}

}  // namespace

StatusOr<ClearanceView> ComputeClearanceView(Store& store, RegionCode scope, RegionLevel level, Date as_of) {
  if (level < scope.level()) {
    return InvalidArgumentError(Bilingual(
        fmt::format("统计级别 {} 高于范围 {} 的级别", RegionLevelName(level, false), scope.ToString()),
        fmt::format("level {} is above the level of scope {}", RegionLevelName(level, true),
                    scope.ToString())));
  }
  ASSIGN_OR_RETURN(std::vector<Problem> problems, store.ledger().ListProblems({.scope = scope}));
  ClearanceView view{scope, level, as_of, {}, {}};
  view.total.code = scope;
  ASSIGN_OR_RETURN(view.total.name, RegionName(store, scope));
  // Keyed by (code, !own_level) so a region's own-level row sorts before its children.
  std::map<std::pair<RegionCode, bool>, ClearanceRow> rows;
  for (const Problem& p : problems) {
    const bool own = p.region.level() < level;
    const RegionCode code = own ? p.region : p.region.AtLevel(level);
    ClearanceRow& row = rows[{code, !own}];
    row.code = code;
    row.own_level = own;
    Count(row, p, as_of);
    Count(view.total, p, as_of);
  }
  std::map<RegionCode, std::string> names;
  ASSIGN_OR_RETURN(std::vector<Region> regions, store.ListRegions(scope, level));
  for (Region& r : regions) names.emplace(r.code, std::move(r.name));
  for (auto& [key, row] : rows) {
    auto it = names.find(row.code);
    if (it != names.end()) {
      row.name = it->second;
    } else {
      ASSIGN_OR_RETURN(row.name, RegionName(store, row.code));
    }
    view.rows.push_back(std::move(row));
  }
  return view;
}

}  // namespace jz
