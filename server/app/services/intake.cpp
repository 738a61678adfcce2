#include "intake.hpp"

#include <set>
#include <utility>

#include "case_support.hpp"
#include "zhishen/domain/audit_chain.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/lifecycle/case_state.hpp"

namespace zhishen::server {
namespace {

constexpr int kAttemptsAlone = 5;  // fresh case numbers for one application that keeps colliding
// A batch of up to this many applications (a lightly loaded server: latency counts) has its inserts
// sent together with the commit (StoreTx::batch_writes: one round trip instead of one per table);
// a larger one (a busy server: throughput counts) sends them as it goes, each insert's round trip
// shared by many applications anyway (bench/server: saturation was no better batched, and the
// database's anonymous block costs it some work per value).
constexpr std::size_t kBatchedWritesUpTo = 4;

std::string next_steps(const CompiledItem& item, const rules::Decision& d, const std::string& receipt_no) {
  switch (d.outcome) {
    case rules::Outcome::approved: {
      std::string s = "自动审批通过，办结回执编号 " + receipt_no + "。部门将在" +
                      std::to_string(item.terms.recheck_span_workdays) + "个工作日内复核。";
      if (item.returns_originals) s += "请按要求交回原证照：" + item.return_instructions;
      return s;
    }
    case rules::Outcome::rejected: return "不予许可：" + joined_messages(d.reasons) + "。如有异议，可依法申请行政复议或提起行政诉讼。";
    case rules::Outcome::manual_review:
      return "已转人工审查，承诺办结时限" + std::to_string(item.terms.commitment_span_workdays) + "个工作日。";
    case rules::Outcome::ineligible: return "不符合智能审批条件：" + joined_messages(d.reasons) + "。" + d.other_ways;
  }
  return {};
}

// One application's fate in one attempt at writing its batch.
struct Slot {
  explicit Slot(PendingApplication* pending) : p(pending) {}
  PendingApplication* p;
  enum class Fate { write, replay, refuse } fate = Fate::write;
  std::optional<domain::IdempotencyRecord> stored;  // replay
  std::optional<Error> refusal;                     // refuse
  std::optional<std::string> elsewhere;             // write: the stored in-flight case from another channel
  json::Object answer;                              // write
};

// A fresh case number in the lane's audit chains (lanes draws on average).
void draw_numbers(PreparedApplication& a, Instant now, std::size_t lane, std::size_t lanes) {
  do {
    a.file.case_no = new_number("ZS", now);
  } while (lanes > 1 && static_cast<std::size_t>(domain::audit_chain_of(a.file.case_no)) % lanes != lane);
  a.file.receipt_no = a.decision.outcome == rules::Outcome::approved ? new_number("HZ", now) : "";
}

json::Object answer_of(const PreparedApplication& a, Instant now, const std::vector<std::string>& flags) {
  const auto& f = a.file;
  const auto& d = a.decision;
  json::Object answer{{"case_no", f.case_no},
                      {"item_code", f.item_code},
                      {"outcome", std::string(rules::to_string(d.outcome))},
                      {"state", std::string(lifecycle::to_string(f.record.state))},
                      {"reasons", reasons_json(d.reasons)},
                      {"warnings", reasons_json(d.warnings)},
                      {"next_steps", next_steps(*a.item, d, f.receipt_no)},
                      {"submitted_at", format_instant(now, UtcOffset{})}};
  if (!f.receipt_no.empty()) answer.emplace_back("receipt_no", f.receipt_no);
  if (d.outcome == rules::Outcome::ineligible) answer.emplace_back("other_ways", d.other_ways);
  answer.emplace_back("flags", json::Array(flags.begin(), flags.end()));
  return answer;
}

// Which applications of the batch are replayed or refused, and which in-flight case elsewhere each
// one to be written repeats, from one read of the store.
void sort_out(ports::StoreTx& tx, std::vector<Slot>& slots, Instant now) {
  std::vector<ports::IntakeQuery> queries;
  for (const auto& s : slots) {
    const auto& f = s.p->application.file;
    queries.push_back({s.p->channel->id, s.p->key, f.applicant.id_number, f.item_code, s.p->channel->name});
  }
  auto facts = tx.intake_facts(queries, now);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    Slot& s = slots[i];
    if (facts[i].stored) {
      s.fate = Slot::Fate::replay;
      s.stored = std::move(facts[i].stored);
    } else if (facts[i].ban) {
      s.fate = Slot::Fate::refuse;
      s.refusal = make_error("application.banned", "the applicant may not apply for this item until " +
                                                       format_instant(facts[i].ban->until, UtcOffset{}) + " (000 Art.17)");
    } else {
      s.elsewhere = std::move(facts[i].in_flight_elsewhere);
    }
  }
}

// The in-flight application elsewhere for each slot to be written: a stored one, else one of the
// batch's earlier ones (written in the same transaction).
std::vector<std::optional<std::string>> conflicts(const std::vector<Slot*>& writing) {
  std::vector<std::optional<std::string>> found;
  for (std::size_t i = 0; i < writing.size(); ++i) {
    found.push_back(writing[i]->elsewhere);
    const auto& f = writing[i]->p->application.file;
    for (std::size_t j = 0; j < i && !found[i]; ++j) {
      const auto& earlier = writing[j]->p->application.file;
      if (earlier.applicant.id_number == f.applicant.id_number && earlier.item_code == f.item_code &&
          earlier.channel != f.channel && lifecycle::is_in_flight(earlier.record.state)) {
        found[i] = earlier.case_no;
      }
    }
  }
  return found;
}

// Stores the applications to be written; answers go into their slots.
Status store(ports::StoreTx& tx, const std::vector<Slot*>& writing) {
  const auto elsewhere = conflicts(writing);
  std::vector<const domain::CaseFile*> files;
  std::vector<ports::NewDecision> decisions;
  std::vector<domain::AuditEntry> audit;
  std::vector<domain::OutboxMessage> messages;
  std::vector<domain::IdempotencyRecord> answers;
  for (std::size_t i = 0; i < writing.size(); ++i) {
    PendingApplication& p = *writing[i]->p;
    domain::CaseFile& f = p.application.file;
    const rules::Decision& d = p.application.decision;
    const std::string outcome(rules::to_string(d.outcome));
    std::erase(f.flags, std::string("duplicate_channel"));
    if (elsewhere[i]) f.flags.push_back("duplicate_channel");
    files.push_back(&f);
    decisions.push_back(automatic_decision(f.case_no, d, p.application.trace_json, p.now));
    audit.push_back({0, p.now, p.channel->name, "applicant", "application.submit", f.case_no,
                     json::Object{{"item", f.item_code}, {"outcome", outcome}, {"duplicate_of", elsewhere[i].value_or("")}},
                     "", ""});
    if (!f.applicant.phone.empty()) {
      messages.push_back({0, f.case_no, f.applicant.phone, "decision." + outcome,
                          "【智审】您申请的" + p.application.item->name + "（" + f.case_no + "）" + outcome_text(d.outcome) + "。",
                          p.now, 0, p.now, std::nullopt, ""});
    }
    writing[i]->answer = answer_of(p.application, p.now, f.flags);
    answers.push_back({p.channel->id, p.key, p.request_hash, 201, json::to_json(writing[i]->answer), p.now});
  }
  // First the audit records: their chains' heads are locked from here to the commit, which costs
  // little as each intake lane writes its own chains; the inserts after them go to the store
  // together, with the commit (batch_writes()). The heads are not locked in the facts read
  // (a FOR UPDATE part of its UNION): that cut saturation from 1,830 to 1,170 decisions/s.
  tx.audit().append_many(std::move(audit));
  if (auto st = tx.cases().create_many(files); !st) return st;
  if (auto st = tx.cases().add_decisions(decisions); !st) return st;
  if (auto st = tx.supervision().enqueue_many(messages); !st) return st;
  if (auto st = tx.idempotency().put_many(answers); !st) return st;
  return {};
}

// One transaction for the slots: numbers drawn afresh, then checks and rows.
Status attempt(ServerContext& ctx, std::vector<Slot>& slots) {
  for (auto& s : slots) draw_numbers(s.p->application, s.p->now, s.p->lane, s.p->lanes);
  const Instant now = ctx.now();
  return ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (slots.size() <= kBatchedWritesUpTo) tx.batch_writes();
    for (auto& s : slots) {  // a retried transaction starts over
      s.fate = Slot::Fate::write;
      s.stored.reset();
      s.refusal.reset();
      s.elsewhere.reset();
    }
    sort_out(tx, slots, now);
    std::vector<Slot*> writing;
    for (auto& s : slots) {
      if (s.fate == Slot::Fate::write) writing.push_back(&s);
    }
    if (writing.empty()) return {};
    return store(tx, writing);
  });
}

void finish(Slot& s) {
  PendingApplication& p = *s.p;
  switch (s.fate) {
    case Slot::Fate::write: p.result.emplace(ChannelAnswer{201, std::move(s.answer)}); break;
    case Slot::Fate::replay: p.result.emplace(replay_of(*s.stored, p.request_hash)); break;
    case Slot::Fate::refuse: p.result.emplace(*s.refusal); break;
  }
  p.done = true;
}

void write_alone(ServerContext& ctx, PendingApplication& p) {
  std::vector<Slot> one{Slot(&p)};
  for (int attempt_no = 0; attempt_no < kAttemptsAlone; ++attempt_no) {
    auto st = attempt(ctx, one);
    if (st) {
      ctx.metrics().intake_batch(1);
      return finish(one.front());
    }
    if (st.error().id != "store.duplicate") {
      p.result.emplace(st.error());
      p.done = true;
      return;
    }
  }
  p.result.emplace(make_error("store.busy", "could not allocate a case number; try again"));
  p.done = true;
}

}  // namespace

void write_applications(ServerContext& ctx, std::vector<PendingApplication*>& batch) {
  std::vector<Slot> slots;
  std::set<std::pair<std::int64_t, std::string>> keys;
  for (PendingApplication* p : batch) {
    // A key repeating an earlier one of this batch waits for the next (and gets the stored answer).
    if (keys.emplace(p->channel->id, p->key).second) slots.emplace_back(p);
  }
  if (slots.size() > 1) {
    auto st = attempt(ctx, slots);
    if (st) {
      for (auto& s : slots) finish(s);
      ctx.metrics().intake_batch(slots.size());
      return;
    }
    if (st.error().id != "store.duplicate") {
      for (auto& s : slots) {
        s.p->result.emplace(st.error());
        s.p->done = true;
      }
      return;
    }
  }
  for (auto& s : slots) write_alone(ctx, *s.p);
}

Result<ChannelAnswer> replay_of(const domain::IdempotencyRecord& found, const std::string& request_hash) {
  if (found.request_hash != request_hash) {
    return make_error("application.idempotency.mismatch", "this Idempotency-Key was used with another request body");
  }
  auto stored = json::parse(found.response);
  if (!stored) return make_error("server.internal", "stored answer unreadable");
  return ChannelAnswer{found.status, std::move(stored).value()};
}

ports::NewDecision automatic_decision(const std::string& case_no, const rules::Decision& d,
                                      std::string_view trace_json, Instant at) {
  return {case_no, {0, "auto", std::string(rules::to_string(d.outcome)), d.rule_set_version, json::Value(), "system", at},
          trace_json};
}

std::string joined_messages(const std::vector<rules::Reason>& reasons) {
  std::string s;
  for (const auto& r : reasons) s += (s.empty() ? "" : "；") + (r.message.empty() ? r.description : r.message);
  return s;
}

json::Value reasons_json(const std::vector<rules::Reason>& reasons) {
  json::Array a;
  for (const auto& r : reasons) {
    a.push_back(json::Object{{"rule_id", r.rule_id}, {"message", r.message.empty() ? r.description : r.message},
                             {"legal_basis", r.legal_basis}});
  }
  return a;
}

std::string outcome_text(rules::Outcome o) {
  switch (o) {
    case rules::Outcome::approved: return "已自动审批通过";
    case rules::Outcome::rejected: return "未予许可";
    case rules::Outcome::manual_review: return "已转人工审查";
    case rules::Outcome::ineligible: return "不符合智能审批条件";
  }
  return {};
}

}  // namespace zhishen::server
