#include "outbox_sender.hpp"

#include <Poco/Logger.h>

#include <algorithm>

namespace zhishen::server {
namespace {

// How long a claimed message is left alone by other runs (and other servers) while it is sent.
constexpr std::chrono::minutes kLease{5};
// next_attempt_at of a message that was given up: never due again (9999-12-31T00:00:00Z).
constexpr Instant kNever{std::chrono::seconds{253402214400}};

std::vector<domain::OutboxMessage> claim(ServerContext& ctx, Instant now, std::size_t limit) {
  std::vector<domain::OutboxMessage> claimed;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    claimed = tx.supervision().due_messages(now, limit);
    std::vector<std::int64_t> ids;
    for (const auto& m : claimed) ids.push_back(m.id);
    return tx.supervision().lease_messages(ids, now + kLease);
  });
  if (!st) {
    ctx.log().warning("outbox: cannot claim due messages: %s", st.error().id);
    claimed.clear();
  }
  return claimed;
}

// Records a run's attempts in one transaction (one commit per batch, not per message). If it
// fails, the claim's lease runs out and the messages are tried again: at least once.
// The successes (most of a run) in one statement; failures and unsent messages one by one.
void record(ServerContext& ctx, const std::vector<domain::OutboxMessage>& done, const std::vector<std::int64_t>& sent,
            Instant now) {
  if (done.empty() && sent.empty()) return;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    for (const auto& m : done) {
      if (auto s = tx.supervision().update_message(m); !s) return s;
    }
    return sent.empty() ? Status{} : tx.supervision().mark_sent(sent, now);
  });
  if (!st) ctx.log().warning("outbox: cannot record %z attempts: %s", done.size() + sent.size(), st.error().id);
}

}  // namespace

std::chrono::seconds retry_delay(int failed_attempts) {
  const int n = std::clamp(failed_attempts, 1, 8);  // 30 s * 2^7 = 64 min: already past the cap
  return std::min(std::chrono::seconds{30} * (1 << (n - 1)), std::chrono::seconds{3600});
}

OutboxRunReport deliver_due_messages(ServerContext& ctx, NotificationSender& sender, std::size_t limit,
                                     const std::function<bool()>& stop) {
  const Instant now = ctx.now();
  OutboxRunReport report;
  std::vector<domain::OutboxMessage> done;
  std::vector<std::int64_t> sent_ids;
  for (auto m : claim(ctx, now, limit)) {
    if (stop && stop()) {
      done.push_back(m);  // as claimed from: due now, attempts unchanged
      continue;
    }
    const Status sent = sender.send(m, now);
    ++m.attempts;
    if (sent) {  // attempts + 1 and sent_at = now; last_error stays: what went wrong before, if anything
      sent_ids.push_back(m.id);
      ++report.sent;
      ctx.metrics().notification("sent");
      continue;
    }
    if (m.attempts >= kMaxNotificationAttempts) {
      m.last_error = "gave up after " + std::to_string(m.attempts) + " attempts: " + sent.error().id + ": " +
                     sent.error().message;
      m.next_attempt_at = kNever;
      ++report.gave_up;
      ctx.metrics().notification("gave_up");
      ctx.log().error("outbox: message %s for case %s: gave up after %d attempts (%s)", std::to_string(m.id),
                      m.case_no, m.attempts, sent.error().id);
    } else {
      m.last_error = sent.error().id + ": " + sent.error().message;
      m.next_attempt_at = now + retry_delay(m.attempts);
      ++report.failed;
      ctx.metrics().notification("failed");
      ctx.log().warning("outbox: message %s for case %s: attempt %d failed (%s)", std::to_string(m.id),
                        m.case_no, m.attempts, sent.error().id);
    }
    done.push_back(std::move(m));
  }
  record(ctx, done, sent_ids, now);
  return report;
}

OutboxSender::OutboxSender(ServerContext& ctx, std::unique_ptr<NotificationSender> sender,
                           std::chrono::milliseconds interval)
    : ctx_(ctx), sender_(std::move(sender)), interval_(interval) {}

OutboxSender::~OutboxSender() { stop(); }

void OutboxSender::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { loop(); });
}

void OutboxSender::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

OutboxRunReport OutboxSender::run_once() {
  std::lock_guard run(run_mu_);
  return deliver_due_messages(ctx_, *sender_, kOutboxBatch, [this] {
    std::lock_guard lock(mu_);
    return stopping_;
  });
}

void OutboxSender::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    bool full = false;
    try {
      const auto r = run_once();
      full = static_cast<std::size_t>(r.sent + r.failed + r.gave_up) >= kOutboxBatch;
    } catch (const std::exception& e) {  // a database fault: logged, the next run tries again
      ctx_.log().error("outbox run failed: %s", std::string(e.what()));
    }
    lock.lock();
    if (!full) cv_.wait_for(lock, interval_, [&] { return stopping_; });
  }
}

}  // namespace zhishen::server
