#pragma once
// Metrics: counters and histograms exported at GET /metrics in the Prometheus text format —
// requests and latency by route, decisions by outcome, cases by light, timer lag, database errors.
// Thread-safety: every method may be called from any thread (a mutex; updates are cheap).

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace zhishen::server {

class Metrics {
 public:
  void request(const std::string& route, int status, std::chrono::microseconds took);
  void decision(const std::string& outcome);
  void database_error(const std::string& id);
  void set_lights(long green, long yellow, long red);
  void set_timer_lag(std::chrono::milliseconds lag);
  std::string prometheus_text() const;
  // Notification delivery attempts by outcome: sent, failed (retried), gave_up.
  void notification(const std::string& outcome);
  // One transaction of the applications' group commit, storing `applications` applications.
  void intake_batch(std::size_t applications);

 private:
  struct Latency {
    long count = 0;
    double sum_seconds = 0;
    long buckets[10] = {};  // le 1, 2.5, 5, 10, 25, 50, 100, 250, 1000 ms, +Inf
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, long> requests_;
  std::map<std::string, Latency> latency_;
  std::map<std::string, long> decisions_;
  std::map<std::string, long> db_errors_;
  long lights_[3] = {0, 0, 0};
  double timer_lag_seconds_ = 0;
  std::map<std::string, long> notifications_;
  long intake_batches_ = 0;
  long intake_applications_ = 0;
};

}  // namespace zhishen::server
