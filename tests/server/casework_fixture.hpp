#pragma once
// The casework tests' fixture: a TestServer (SQLite or MariaDB) with a channel, staff accounts of
// two departments with sessions made directly (no login), and helpers to submit shipped samples
// and act on cases over HTTPS.
// Thread-safety: one fixture per test; act() and get() may be called from several threads.

#include <memory>
#include <string>
#include <vector>

#include "server_fixture.hpp"
#include "zhishen/lifecycle/role.hpp"

namespace zhishen::server::testing {

struct StaffLogin {
  std::int64_t id = 0;
  std::string username;
  std::string token;
};

// The item decided in most tests: it issues no e-certificate and carries the one-year ban.
inline const std::string kFoodItem = "350100-SCJG-GG-0001";      // department FZ-SCJG
inline const std::string kHygieneItem = "350100-WJW-XK-0001";   // department FZ-WJW, e-certificate

class CaseworkTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  // Changes to the test server's configuration before it starts (none by default).
  virtual void configure(ServerConfig& c) { (void)c; }

  // A staff account of `department` with `roles` and a session for it.
  StaffLogin add_staff(const std::string& username, const std::string& department,
                       std::vector<lifecycle::Role> roles);
  // Submits data/items/<item>/samples/<file> through the channel; returns the case number.
  std::string submit(const std::string& item, const std::string& file);
  Reply submit_reply(const std::string& item, const std::string& file);

  Reply get(const std::string& path, const std::string& token);
  // The case's version as stored (read directly from the store).
  std::int64_t version_of(const std::string& case_no);
  // Acts at the case's current version; `fields` are added to the body.
  Reply act(const std::string& case_no, const std::string& action, const StaffLogin& who,
            json::Object fields = {});
  Reply act_at(const std::string& case_no, const std::string& action, const StaffLogin& who,
               std::int64_t version, json::Object fields = {});
  std::string state_of(const std::string& case_no);

  std::unique_ptr<TestServer> server_;
  std::string channel_;
  StaffLogin reviewer_, approver_, supervisor_, admin_, other_reviewer_, other_approver_;
};

}  // namespace zhishen::server::testing
