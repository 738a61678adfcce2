#pragma once
// ServerContext: what request handlers and the timer get from the server — the store, the clock,
// the current calendar, item catalogue and shared datasets (replaceable snapshots), channels by
// token, staff sessions, metrics, the applications' group commit and the configuration. Handlers receive it through their Request,
// never through a global.
//
// Ownership: the Server owns the context and everything in it; it outlives every request.
// Thread-safety: every member may be used from any request thread and the timer thread.

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "catalogue.hpp"
#include "config.hpp"
#include "group_commit.hpp"
#include "login_guard.hpp"
#include "metrics.hpp"
#include "rate_limiter.hpp"
#include "sessions.hpp"
#include "snapshot.hpp"
#include "zhishen/adapters/file_shared_data.hpp"
#include "zhishen/calendar/light.hpp"
#include "zhishen/crypto/key_ring.hpp"
#include "zhishen/domain/audit_chain.hpp"
#include "zhishen/ports/clock.hpp"
#include "zhishen/ports/store.hpp"

namespace Poco {
class Logger;
}

namespace zhishen::server {

struct PendingApplication;  // services/intake.hpp

class ServerContext {
 public:
  ServerContext(ServerConfig config, ports::Store& store, ports::Clock& clock, Poco::Logger& log)
      : config_(std::move(config)),
        store_(store),
        clock_(clock),
        log_(log),
        sessions_(config_.session_ttl),
        verify_limiter_(config_.verify_per_minute),
        intake_lanes_(static_cast<std::size_t>(std::clamp(config_.intake_lanes, 1, domain::kAuditChains))) {
    for (auto& lane : intake_lanes_) {
      lane = std::make_unique<GroupCommit<PendingApplication>>(
          static_cast<std::size_t>(config_.group_commit_max < 1 ? 1 : config_.group_commit_max));
    }
  }

  const ServerConfig& config() const { return config_; }
  ports::Store& store() { return store_; }
  Instant now() const { return clock_.now(); }
  Poco::Logger& log() { return log_; }
  Metrics& metrics() { return metrics_; }
  SessionManager& sessions() { return sessions_; }
  LoginGuard& login_guard() { return login_guard_; }  // the password-hashing limit (services/auth)
  RateLimiter& verify_limiter() { return verify_limiter_; }  // public certificate checks per client
  // The submitted applications' group commits: db.intake_lanes lanes writing side by side, an
  // applicant always in the same lane (services/applications.cpp), so the checks that compare an
  // application with the applicant's others (duplicate channel, ban) never race another lane.
  // Each lane also writes its own audit chains (services/intake.cpp), so lanes never wait for
  // each other's chain heads.
  std::size_t intake_lane_of(std::size_t applicant_hash) const { return applicant_hash % intake_lanes_.size(); }
  std::size_t intake_lane_count() const { return intake_lanes_.size(); }
  GroupCommit<PendingApplication>& intake(std::size_t lane) { return *intake_lanes_[lane]; }
  // The departments' e-certificate keys (the Signer): set at start and replaced when an
  // administrator reloads them; a caller keeps the ring it got for the whole of its work.
  std::shared_ptr<crypto::KeyRing> keys() const {
    std::lock_guard lock(keys_mu_);
    return keys_;
  }
  void set_keys(std::shared_ptr<crypto::KeyRing> keys) {
    std::lock_guard lock(keys_mu_);
    keys_ = std::move(keys);
  }

  std::shared_ptr<const calendar::WorkdayCalendar> calendar() const { return calendar_.get(); }
  void set_calendar(std::shared_ptr<const calendar::WorkdayCalendar> c) { calendar_.set(std::move(c)); }
  std::shared_ptr<const ItemCatalogue> catalogue() const { return catalogue_.get(); }
  void set_catalogue(std::shared_ptr<const ItemCatalogue> c) { catalogue_.set(std::move(c)); }
  std::shared_ptr<const adapters::FileSharedData> shared_data() const { return shared_data_.get(); }
  void set_shared_data(std::shared_ptr<const adapters::FileSharedData> d) { shared_data_.set(std::move(d)); }

  // Active channels by the SHA-256 of their token (reloaded when an administrator changes one).
  std::optional<domain::Channel> channel_by_token_hash(const std::string& hash) const;
  void set_channels(const std::vector<domain::Channel>& channels);

  // When the timer last swept (nullopt before the first tick of this process).
  std::optional<Instant> last_tick() const {
    std::lock_guard lock(channels_mu_);
    return last_tick_;
  }
  void set_last_tick(Instant t) {
    std::lock_guard lock(channels_mu_);
    last_tick_ = t;
  }

  calendar::DeadlinePolicy deadline_policy() const { return {}; }
  calendar::YellowThreshold yellow_threshold() const { return calendar::FractionOfSpan{config_.yellow_fraction}; }

 private:
  ServerConfig config_;
  ports::Store& store_;
  ports::Clock& clock_;
  Poco::Logger& log_;
  Metrics metrics_;
  SessionManager sessions_;
  LoginGuard login_guard_;
  RateLimiter verify_limiter_;
  std::vector<std::unique_ptr<GroupCommit<PendingApplication>>> intake_lanes_;
  mutable std::mutex keys_mu_;
  std::shared_ptr<crypto::KeyRing> keys_ = std::make_shared<crypto::KeyRing>();
  Snapshot<calendar::WorkdayCalendar> calendar_;
  Snapshot<ItemCatalogue> catalogue_;
  Snapshot<adapters::FileSharedData> shared_data_;
  mutable std::mutex channels_mu_;
  std::map<std::string, domain::Channel> channels_;
  std::optional<Instant> last_tick_;
};

}  // namespace zhishen::server
