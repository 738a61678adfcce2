#include "zhishen/lifecycle/deadline_clock.hpp"

namespace zhishen::lifecycle {

std::string_view to_string(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::recheck: return "recheck";
    case DeadlineKind::decision: return "decision";
    case DeadlineKind::publicity: return "publicity";
  }
  return "unknown";
}

std::optional<DeadlineKind> parse_deadline_kind(std::string_view name) {
  for (DeadlineKind k : {DeadlineKind::recheck, DeadlineKind::decision, DeadlineKind::publicity}) {
    if (to_string(k) == name) return k;
  }
  return std::nullopt;
}

bool operator==(const ClockRecord& a, const ClockRecord& b) {
  if (a.kind != b.kind || a.started != b.started || a.span_workdays != b.span_workdays ||
      a.stopped != b.stopped || a.suspensions.size() != b.suspensions.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.suspensions.size(); ++i) {
    if (a.suspensions[i].begin != b.suspensions[i].begin ||
        a.suspensions[i].end != b.suspensions[i].end) {
      return false;
    }
  }
  return true;
}

ClockRecord* running_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind) {
  for (auto it = clocks.rbegin(); it != clocks.rend(); ++it) {
    if (it->kind == kind && it->running()) return &*it;
  }
  return nullptr;
}

const ClockRecord* running_clock(const std::vector<ClockRecord>& clocks, DeadlineKind kind) {
  for (auto it = clocks.rbegin(); it != clocks.rend(); ++it) {
    if (it->kind == kind && it->running()) return &*it;
  }
  return nullptr;
}

void start_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at, int span_workdays) {
  clocks.push_back(ClockRecord{kind, at, span_workdays, {}, std::nullopt});
}

namespace {

void close_suspension(ClockRecord& c, Instant at) {
  if (c.suspended()) c.suspensions.back().end = at;
}

void stop(ClockRecord& c, Instant at) {
  close_suspension(c, at);
  c.stopped = at;
}

}  // namespace

void stop_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at) {
  if (ClockRecord* c = running_clock(clocks, kind)) stop(*c, at);
}

void stop_all_clocks(std::vector<ClockRecord>& clocks, Instant at) {
  for (ClockRecord& c : clocks) {
    if (c.running()) stop(c, at);
  }
}

void suspend_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at) {
  ClockRecord* c = running_clock(clocks, kind);
  if (c != nullptr && !c->suspended()) c->suspensions.push_back(calendar::Suspension{at, std::nullopt});
}

void resume_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at) {
  if (ClockRecord* c = running_clock(clocks, kind)) close_suspension(*c, at);
}

}  // namespace zhishen::lifecycle
