// `zhishen audit verify` on SQLite and MariaDB: a clean log passes; an edited entry, a deleted
// entry and an entry deleted from the end of a chain are found and named (chain, seq).
#include <gtest/gtest.h>

#include "../store/store_fixture.hpp"
#include "cli_runner.hpp"
#include "zhishen/domain/audit_chain.hpp"

namespace zhishen::cli {
namespace {

using testing::run_cli;

class AuditVerify : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!db_->ok()) GTEST_SKIP() << db_->reason();
    auto opened = store::open_store(db_->url(), store::testing::test_cipher());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    url_ = store::testing::DbUrlText(db_->url());
  }

  // Appends `n` entries about `target`; returns them as stored (chain, seq, hashes).
  std::vector<domain::AuditEntry> append(const std::string& target, int n) {
    std::vector<domain::AuditEntry> out;
    for (int i = 0; i < n; ++i) {
      auto st = store_->transact([&](ports::StoreTx& tx) -> Status {
        out.push_back(tx.audit().append({0, Instant{std::chrono::seconds{1'740'000'000 + i}}, "admin", "admin",
                                         "case.transition", target, json::Object{{"step", i}, {"note", "审核"}}, "", ""}));
        return {};
      });
      EXPECT_TRUE(st.ok());
    }
    return out;
  }

  void sql(const std::string& statement, std::initializer_list<store::SqlValue> params) {
    auto c = store::connect(db_->url());
    store::exec(*c, statement, params);
  }

  testing::Outcome verify() { return run_cli({"audit", "verify", "--db", url_}); }

  std::unique_ptr<store::testing::TestDatabase> db_;
  std::unique_ptr<ports::Store> store_;
  std::string url_;
};

TEST_P(AuditVerify, AnIntactLogPasses) {
  for (int i = 0; i < 20; ++i) append("ZS2025030300000" + std::to_string(i), 2);
  auto o = verify();
  EXPECT_EQ(o.rc, kExitOk) << o.out << o.err;
  EXPECT_NE(o.out.find("audit log intact: 16 chains, 40 entries"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("BROKEN"), std::string::npos);
  auto with_key = run_cli({"audit", "verify", "--db", url_, "--key-file", "/nonexistent/data.key"});
  EXPECT_EQ(with_key.rc, kExitOk) << "the key file is not needed: " << with_key.err;
}

TEST_P(AuditVerify, AnEditedEntryIsNamed) {
  auto entries = append("ZS20250303EDIT0001", 5);
  const auto& victim = entries[2];
  sql("UPDATE audit_log SET actor = ? WHERE chain = ? AND seq = ?",
      {std::string("someone-else"), std::int64_t{victim.chain}, victim.seq});
  auto o = verify();
  EXPECT_EQ(o.rc, kExitInvalid) << o.out;
  const std::string line = "chain " + std::to_string(victim.chain) + ": BROKEN at seq " + std::to_string(victim.seq);
  EXPECT_NE(o.out.find(line), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("edited"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("audit log BROKEN: 1 of 16 chains"), std::string::npos) << o.out;
}

TEST_P(AuditVerify, AnEditedDetailIsNamedEvenWhenItIsNoLongerJson) {
  auto entries = append("ZS20250303EDIT0002", 3);
  sql("UPDATE audit_log SET detail_json = ? WHERE chain = ? AND seq = ?",
      {std::string("{broken"), std::int64_t{entries[1].chain}, entries[1].seq});
  auto o = verify();
  EXPECT_EQ(o.rc, kExitInvalid);
  EXPECT_NE(o.out.find("chain " + std::to_string(entries[1].chain) + ": BROKEN at seq " + std::to_string(entries[1].seq)),
            std::string::npos)
      << o.out;
}

TEST_P(AuditVerify, DeletedEntriesAreNamed) {
  auto middle = append("ZS20250303DELE0001", 5);
  std::string other = "ZS20250303DELE0002";
  for (char c = 'A'; domain::audit_chain_of(other) == middle[0].chain; ++c) other.back() = c;
  auto tail = append(other, 4);
  sql("DELETE FROM audit_log WHERE chain = ? AND seq = ?", {std::int64_t{middle[0].chain}, middle[3].seq});
  sql("DELETE FROM audit_log WHERE chain = ? AND seq = ?", {std::int64_t{tail[0].chain}, tail[3].seq});
  auto o = verify();
  EXPECT_EQ(o.rc, kExitInvalid);
  EXPECT_NE(o.out.find("chain " + std::to_string(middle[0].chain) + ": BROKEN at seq " + std::to_string(middle[3].seq) +
                       ": entry " + std::to_string(middle[3].seq) + " missing (deleted)"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("chain " + std::to_string(tail[0].chain) + ": BROKEN at seq " + std::to_string(tail[3].seq)),
            std::string::npos)
      << "deleted from the end: " << o.out;
  EXPECT_NE(o.out.find("audit log BROKEN: 2 of 16 chains"), std::string::npos) << o.out;
}

TEST(AuditVerifyUsage, BadArgumentsAndUnreadableDatabases) {
  EXPECT_EQ(run_cli({"audit"}).rc, kExitUsage);
  EXPECT_EQ(run_cli({"audit", "verify"}).rc, kExitUsage);
  EXPECT_EQ(run_cli({"audit", "check", "--db", "sqlite:x.db"}).rc, kExitUsage);
  EXPECT_EQ(run_cli({"audit", "verify", "--db", "postgres://x"}).rc, kExitUsage);
  EXPECT_EQ(run_cli({"audit", "verify", "--db", "sqlite:x.db", "extra"}).rc, kExitUsage);
  EXPECT_EQ(run_cli({"audit", "--help"}).rc, kExitOk);
  const auto empty = std::filesystem::temp_directory_path() / ("zhishen-audit-empty-" + std::to_string(::getpid()) + ".db");
  auto o = run_cli({"audit", "verify", "--db", "sqlite:" + empty.string()});
  EXPECT_EQ(o.rc, kExitInvalid) << o.out << o.err;
  EXPECT_NE(o.err.find("store."), std::string::npos) << o.err;
  std::filesystem::remove(empty);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerify, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::cli
