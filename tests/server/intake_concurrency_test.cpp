// Submissions arriving together are stored by the group commit (server/app/group_commit.hpp) in
// shared transactions; each applicant must still get the answer of a transaction of its own:
// one case per idempotency key, the duplicate-channel flag on exactly one of two simultaneous
// applications, every audit chain intact. On SQLite and MariaDB, over the real socket.
#include <algorithm>
#include <atomic>
#include <functional>
#include <latch>
#include <set>
#include <thread>

#include "server_fixture.hpp"
#include "zhishen/domain/audit_chain.hpp"
#include "zhishen/identity/citizen_id.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server::testing {
namespace {

json::Value with_applicant(json::Value app, const std::string& old_id, const std::string& fresh) {
  std::string text = json::to_json(app);
  for (std::size_t p = text.find(old_id); p != std::string::npos; p = text.find(old_id, p + fresh.size())) {
    text.replace(p, old_id.size(), fresh);
  }
  return json::parse(text).value();
}

class IntakeConcurrency : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
  }
  // The cases stored so far.
  long case_count() {
    long cases = 0;
    (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      cases = tx.cases().count({});
      return {};
    });
    return cases;
  }

  // The sample `base` for 2 * per_lane applicants of one birth date, per_lane in each intake lane.
  std::vector<json::Value> applicants_in_both_lanes(const json::Value& base, std::size_t per_lane) {
    const std::string old_id = base.find("applicant")->find("id_number")->as_string();
    std::vector<json::Value> apps;
    std::size_t in_lane[2] = {0, 0};
    for (int seq = 200; seq < 1000 && apps.size() < 2 * per_lane; ++seq) {
      const std::string id = identity::complete_citizen_id(old_id.substr(0, 14) + std::to_string(seq));
      const std::size_t lane = server_->ctx().intake_lane_of(std::hash<std::string>{}(id));
      if (in_lane[lane] == per_lane) continue;
      ++in_lane[lane];
      apps.push_back(with_applicant(base, old_id, id));
    }
    return apps;
  }

  // Submits every application at the same moment (one thread each), application i with key_of(i).
  std::vector<Reply> submit_at_once(const std::vector<json::Value>& apps, const std::string& channel,
                                    const std::function<std::string(std::size_t)>& key_of) {
    std::vector<Reply> replies(apps.size());
    std::vector<std::thread> threads;
    std::latch start(static_cast<std::ptrdiff_t>(apps.size()));
    for (std::size_t i = 0; i < apps.size(); ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        replies[i] = server_->call_json("POST", "/api/v1/applications", apps[i], channel, {{"Idempotency-Key", key_of(i)}});
      });
    }
    for (auto& t : threads) t.join();
    return replies;
  }

  std::unique_ptr<TestServer> server_;
};

TEST_P(IntakeConcurrency, SimultaneousSubmissionsEachGetTheirOwnAnswer) {
  const std::string hall = server_->add_channel("web-hall");
  const std::string app_channel = server_->add_channel("app");
  const auto base = sample_application("350100-RSJ-GG-0001", "manual_issued_before_2005.json");
  const std::string old_id = base.find("applicant")->find("id_number")->as_string();

  constexpr int kSameKey = 8;
  constexpr int kPairs = 8;
  std::vector<Reply> same(kSameKey);
  std::vector<std::pair<Reply, Reply>> pairs(kPairs);
  std::vector<std::thread> threads;
  std::latch start(kSameKey + 2 * kPairs);
  for (int i = 0; i < kSameKey; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      same[static_cast<std::size_t>(i)] =
          server_->call_json("POST", "/api/v1/applications", base, hall, {{"Idempotency-Key", "same-key"}});
    });
  }
  for (int i = 0; i < kPairs; ++i) {
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03d", 100 + i);
    const auto app = with_applicant(base, old_id, identity::complete_citizen_id(old_id.substr(0, 14) + seq));
    const std::string key = "pair-" + std::to_string(i);
    threads.emplace_back([&, app, key, i] {
      start.arrive_and_wait();
      pairs[static_cast<std::size_t>(i)].first =
          server_->call_json("POST", "/api/v1/applications", app, hall, {{"Idempotency-Key", key}});
    });
    threads.emplace_back([&, app, key, i] {
      start.arrive_and_wait();
      pairs[static_cast<std::size_t>(i)].second =
          server_->call_json("POST", "/api/v1/applications", app, app_channel, {{"Idempotency-Key", key}});
    });
  }
  for (auto& t : threads) t.join();

  for (const auto& r : same) {
    ASSERT_EQ(r.status, 201) << r.text;
    EXPECT_EQ(r.text, same[0].text);  // one answer for one key
  }
  std::set<std::string> numbers{same[0].body.find("case_no")->as_string()};
  auto has_flag = [](const Reply& r) {
    for (const auto& f : r.body.find("flags")->as_array()) {
      if (f.as_string() == "duplicate_channel") return true;
    }
    return false;
  };
  for (const auto& [a, b] : pairs) {
    ASSERT_EQ(a.status, 201) << a.text;
    ASSERT_EQ(b.status, 201) << b.text;
    EXPECT_EQ(a.body.find("outcome")->as_string(), "manual_review") << a.text;
    EXPECT_EQ(b.body.find("outcome")->as_string(), "manual_review") << b.text;
    EXPECT_NE(has_flag(a), has_flag(b)) << "exactly one of the two is flagged:\n" << a.text << "\n" << b.text;
    numbers.insert(a.body.find("case_no")->as_string());
    numbers.insert(b.body.find("case_no")->as_string());
  }
  EXPECT_EQ(numbers.size(), 1u + 2 * kPairs);  // all different

  // Each case number falls in the audit chains of its applicant's lane (services/intake.hpp).
  ASSERT_EQ(server_->ctx().intake_lane_count(), 2u);  // the default db.intake_lanes
  for (int i = 0; i < kPairs; ++i) {
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03d", 100 + i);
    const std::string id = identity::complete_citizen_id(old_id.substr(0, 14) + seq);
    const std::size_t lane = server_->ctx().intake_lane_of(std::hash<std::string>{}(id));
    for (const Reply* r : {&pairs[static_cast<std::size_t>(i)].first, &pairs[static_cast<std::size_t>(i)].second}) {
      const std::string no = r->body.find("case_no")->as_string();
      EXPECT_EQ(static_cast<std::size_t>(domain::audit_chain_of(no)) % 2, lane) << no << " of " << id;
    }
  }

  EXPECT_EQ(case_count(), 1 + 2 * kPairs);
}

// One Idempotency-Key for different applicants at once, half of them in each intake lane: the
// lanes race to store the key, the loser's transaction ends with a late duplicate (its inserts go
// with its commit) and its applications are written again one by one, to find the winner's answer
// for another body. One case, one 201, and every other answer is the mismatch: never a 5xx.
TEST_P(IntakeConcurrency, OneKeyForDifferentApplicationsInBothLanesStoresOneCase) {
  const std::string hall = server_->add_channel("web-hall");
  ASSERT_EQ(server_->ctx().intake_lane_count(), 2u);
  const auto apps =
      applicants_in_both_lanes(sample_application("350100-RSJ-GG-0001", "manual_issued_before_2005.json"), 4);
  ASSERT_EQ(apps.size(), 8u);
  for (int round = 0; round < 3; ++round) {
    const std::string key = "shared-" + std::to_string(round);
    const auto replies = submit_at_once(apps, hall, [&](std::size_t) { return key; });
    int created = 0;
    for (const auto& r : replies) {
      if (r.status == 201) {
        ++created;
        continue;
      }
      EXPECT_EQ(r.error_id(), "application.idempotency.mismatch") << r.status << " " << r.text;
    }
    EXPECT_EQ(created, 1) << "round " << round;
  }
  EXPECT_EQ(case_count(), 3);
}

// As above, with applications of their own keys sent at the same moment in both lanes: a batch
// holding one of them and a shared-key application fails late on the shared key (MariaDB), and
// is split into single applications. Each application of its own key is stored exactly once.
TEST_P(IntakeConcurrency, ABatchMeetingAKeyTheOtherLaneStoredStoresItsOtherApplicationsOnce) {
  const std::string hall = server_->add_channel("web-hall");
  ASSERT_EQ(server_->ctx().intake_lane_count(), 2u);
  const auto apps =
      applicants_in_both_lanes(sample_application("350100-RSJ-GG-0001", "manual_issued_before_2005.json"), 8);
  ASSERT_EQ(apps.size(), 16u);
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    // Even applications share the round's key, odd ones have a key each.
    auto key_of = [&](std::size_t i) {
      return i % 2 == 0 ? "shared-" + std::to_string(round) : "own-" + std::to_string(round) + "-" + std::to_string(i);
    };
    const auto replies = submit_at_once(apps, hall, key_of);
    int shared_created = 0;
    for (std::size_t i = 0; i < apps.size(); ++i) {
      const Reply& r = replies[i];
      if (i % 2 == 1) {
        EXPECT_EQ(r.status, 201) << "round " << round << " application " << i << ": " << r.text;
      } else if (r.status == 201) {
        ++shared_created;
      } else {
        EXPECT_EQ(r.error_id(), "application.idempotency.mismatch") << r.status << " " << r.text;
      }
    }
    EXPECT_EQ(shared_created, 1) << "round " << round;
    // Asked again, an application of its own key gets its first answer: the same case.
    for (std::size_t i = 1; i < apps.size(); i += 4) {
      const Reply again = server_->call_json("POST", "/api/v1/applications", apps[i], hall, {{"Idempotency-Key", key_of(i)}});
      ASSERT_EQ(again.status, 201) << again.text;
      EXPECT_EQ(*again.body.find("case_no"), *replies[i].body.find("case_no"));
    }
  }
  EXPECT_EQ(case_count(), kRounds * (1 + 8));
}

INSTANTIATE_TEST_SUITE_P(Backends, IntakeConcurrency, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
