#pragma once
// The notification outbox's delivery (BRIEF R5, 001 Art.20): messages enqueued in the same
// transaction as the case change they announce (decision, completion, correction request, red
// light) are taken here when due and handed to a NotificationSender (notification_senders.hpp).
//
// One run (deliver_due_messages):
//   1. claim: in one transaction, the due messages (SupervisionRepo::due_messages) get
//      next_attempt_at = now + 5 min, so a second server on the same database leaves them alone
//      while this one works on them and a crash mid-run retries them after the lease;
//   2. send each one outside any transaction (a transaction may be re-run; a send cannot);
//   3. record the attempt (attempts + 1): sent -> sent_at = now; failed -> last_error (the error
//      id and message, never the recipient) and the next attempt after retry_delay(attempts)
//      (30 s, 1 min, 2 min, ... capped at 1 h); the 10th failure gives up: last_error "gave up after
//      10 attempts: ...", next_attempt_at 9999-12-31 (never due again). Counted in the metrics
//      (zhishen_notifications_total{outcome="sent|failed|gave_up"}).
// Delivery is at-least-once: sent_at is written only after the sender succeeded, so a crash (or a
// lost database) between the send and step 3 sends that message again after the lease. Gateways
// may see a message twice; they never miss one.
//
// OutboxSender is the thread the Server owns: it runs deliver_due_messages every few seconds (at
// once again while a run finds a full batch), and stop() interrupts a run between two sends.
// Ownership: OutboxSender owns its sender and thread; the context outlives it.
// Thread-safety: run_once() from any thread (runs are serialised); start()/stop() from one thread.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "../context.hpp"
#include "notification_senders.hpp"

namespace zhishen::server {

inline constexpr int kMaxNotificationAttempts = 10;

// The wait after the n-th failed attempt (n >= 1): 30 s * 2^(n-1), at most one hour.
std::chrono::seconds retry_delay(int failed_attempts);

struct OutboxRunReport {
  int sent = 0;
  int failed = 0;    // will be retried
  int gave_up = 0;   // reached kMaxNotificationAttempts
};

inline constexpr std::size_t kOutboxBatch = 100;

// One run over at most `limit` due messages. `stop` (optional) is asked before each send: when it
// says yes, the messages not yet tried are handed back untouched (due again at once). Store faults
// propagate (the thread logs them).
OutboxRunReport deliver_due_messages(ServerContext& ctx, NotificationSender& sender, std::size_t limit = kOutboxBatch,
                                     const std::function<bool()>& stop = {});

class OutboxSender {
 public:
  OutboxSender(ServerContext& ctx, std::unique_ptr<NotificationSender> sender,
               std::chrono::milliseconds interval = std::chrono::seconds{5});
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  void start();
  void stop();  // finishes the run in progress; idempotent
  OutboxRunReport run_once();
  const NotificationSender& sender() const { return *sender_; }

 private:
  void loop();

  ServerContext& ctx_;
  std::unique_ptr<NotificationSender> sender_;
  std::chrono::milliseconds interval_;
  std::mutex run_mu_;  // one run at a time (the thread and callers of run_once)
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace zhishen::server
