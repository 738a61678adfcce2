#include "metrics.hpp"

#include <sstream>

namespace zhishen::server {
namespace {
constexpr double kBucketMs[9] = {1, 2.5, 5, 10, 25, 50, 100, 250, 1000};
}

void Metrics::request(const std::string& route, int status, std::chrono::microseconds took) {
  const double ms = static_cast<double>(took.count()) / 1000.0;
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  auto& l = latency_[route];
  ++l.count;
  l.sum_seconds += ms / 1000.0;
  int b = 0;
  while (b < 9 && ms > kBucketMs[b]) ++b;
  ++l.buckets[b];
}

void Metrics::intake_batch(std::size_t applications) {
  std::lock_guard lock(mu_);
  ++intake_batches_;
  intake_applications_ += static_cast<long>(applications);
}

void Metrics::decision(const std::string& outcome) {
  std::lock_guard lock(mu_);
  ++decisions_[outcome];
}

void Metrics::database_error(const std::string& id) {
  std::lock_guard lock(mu_);
  ++db_errors_[id];
}

void Metrics::set_lights(long green, long yellow, long red) {
  std::lock_guard lock(mu_);
  lights_[0] = green;
  lights_[1] = yellow;
  lights_[2] = red;
}

void Metrics::set_timer_lag(std::chrono::milliseconds lag) {
  std::lock_guard lock(mu_);
  timer_lag_seconds_ = static_cast<double>(lag.count()) / 1000.0;
}

void Metrics::notification(const std::string& outcome) {
  std::lock_guard lock(mu_);
  ++notifications_[outcome];
}

std::string Metrics::prometheus_text() const {
  std::lock_guard lock(mu_);
  std::ostringstream o;
  o << "# HELP zhishen_http_requests_total HTTP requests by route and status.\n"
       "# TYPE zhishen_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) {
    o << "zhishen_http_requests_total{route=\"" << k.first << "\",status=\"" << k.second << "\"} " << n << "\n";
  }
  o << "# HELP zhishen_http_request_seconds Request latency by route.\n"
       "# TYPE zhishen_http_request_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    long cumulative = 0;
    for (int b = 0; b < 10; ++b) {
      cumulative += l.buckets[b];
      o << "zhishen_http_request_seconds_bucket{route=\"" << route << "\",le=\"";
      if (b < 9) o << kBucketMs[b] / 1000.0;
      else o << "+Inf";
      o << "\"} " << cumulative << "\n";
    }
    o << "zhishen_http_request_seconds_sum{route=\"" << route << "\"} " << l.sum_seconds << "\n";
    o << "zhishen_http_request_seconds_count{route=\"" << route << "\"} " << l.count << "\n";
  }
  o << "# HELP zhishen_decisions_total Automatic decisions by outcome.\n# TYPE zhishen_decisions_total counter\n";
  for (const auto& [k, n] : decisions_) o << "zhishen_decisions_total{outcome=\"" << k << "\"} " << n << "\n";
  o << "# HELP zhishen_cases_by_light Open cases by light at the last timer tick.\n# TYPE zhishen_cases_by_light gauge\n";
  o << "zhishen_cases_by_light{light=\"green\"} " << lights_[0] << "\n";
  o << "zhishen_cases_by_light{light=\"yellow\"} " << lights_[1] << "\n";
  o << "zhishen_cases_by_light{light=\"red\"} " << lights_[2] << "\n";
  o << "# HELP zhishen_timer_lag_seconds How late the last timer tick ran.\n# TYPE zhishen_timer_lag_seconds gauge\n";
  o << "zhishen_timer_lag_seconds " << timer_lag_seconds_ << "\n";
  o << "# HELP zhishen_database_errors_total Database faults by id.\n# TYPE zhishen_database_errors_total counter\n";
  for (const auto& [k, n] : db_errors_) o << "zhishen_database_errors_total{id=\"" << k << "\"} " << n << "\n";
  o << "# HELP zhishen_notifications_total Notification delivery attempts by outcome.\n"
       "# TYPE zhishen_notifications_total counter\n";
  for (const auto& [k, n] : notifications_) o << "zhishen_notifications_total{outcome=\"" << k << "\"} " << n << "\n";
  o << "# HELP zhishen_intake_transactions_total Transactions that stored submitted applications (group commit).\n"
       "# TYPE zhishen_intake_transactions_total counter\n"
       "zhishen_intake_transactions_total " << intake_batches_ << "\n";
  o << "# HELP zhishen_intake_applications_total Applications those transactions stored or answered.\n"
       "# TYPE zhishen_intake_applications_total counter\n"
       "zhishen_intake_applications_total " << intake_applications_ << "\n";
  return o.str();
}

}  // namespace zhishen::server
