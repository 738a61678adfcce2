// Store contract under concurrency: writers in parallel, racing saves, a contiguous audit chain.
#include <thread>

#include "contract_support.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/domain/audit_chain.hpp"
#include "zhishen/store/mysql.hpp"

namespace zhishen::store::testing {
namespace {

TEST_P(StoreContract, ParallelWritersLoseNothingAndKeepTheChain) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      MysqlThreadGuard guard;
      for (int i = 0; i < kEach; ++i) {
        const std::string no = "PW-" + std::to_string(t) + "-" + std::to_string(i);
        auto st = store_->transact([&](ports::StoreTx& tx) -> Status {
          if (auto s = tx.cases().create(sample_case(no)); !s) return s;
          tx.audit().append(domain::AuditEntry{0, at(i), "w" + std::to_string(t), "system", "case.create", no,
                                               json::Object{}, "", ""});
          return {};
        });
        if (!st) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  tx([&](ports::StoreTx& t) {
    EXPECT_EQ(t.cases().count({}), kThreads * kEach);
    std::size_t entries = 0;
    for (int chain = 0; chain < domain::kAuditChains; ++chain) {
      auto links = t.audit().range(chain, 1, 1000);
      entries += links.size();
      for (std::size_t i = 0; i < links.size(); ++i) EXPECT_EQ(links[i].seq, static_cast<std::int64_t>(i + 1));
      EXPECT_FALSE(domain::first_broken_link(links, domain::kAuditGenesisHash, crypto::sha256_hex).has_value());
    }
    EXPECT_EQ(entries, static_cast<std::size_t>(kThreads * kEach));
  });
}

TEST_P(StoreContract, RacingSavesOfOneCaseExactlyOneWinsEachRound) {
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(sample_case("RACE-1")).ok()); });
  for (int round = 0; round < 10; ++round) {
    std::atomic<int> won{0}, lost{0};
    domain::CaseFile base;
    tx([&](ports::StoreTx& t) { base = t.cases().load("RACE-1").value(); });
    std::vector<std::thread> threads;
    for (int k = 0; k < 3; ++k) {
      threads.emplace_back([&, k] {
        MysqlThreadGuard guard;
        auto mine = base;
        mine.record.version = base.record.version + 1;
        mine.assignee_id = k;
        auto st = store_->transact([&](ports::StoreTx& t) { return t.cases().save(mine, base.record.version); });
        if (st) ++won;
        else if (st.error().id == "store.conflict") ++lost;
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(won.load(), 1) << "round " << round;
    EXPECT_EQ(lost.load(), 2) << "round " << round;
  }
}

}  // namespace
}  // namespace zhishen::store::testing
