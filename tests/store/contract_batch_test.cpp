// Store contract: the batch methods (create_many, add_decisions, in_flight_elsewhere_many,
// append_many, find_many/put_many, active_bans, enqueue_many) give what their one-value forms
// give, value by value, across the multi-row chunk sizes (37 rows = a chunk of 32, then 5 exactly).
#include <set>

#include "contract_support.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/domain/audit_chain.hpp"

namespace zhishen::store::testing {
namespace {

constexpr std::size_t kMany = 37;

std::string case_no(std::size_t i) { return "BT-" + std::to_string(1000 + i); }

// Valid GB 11643 numbers are not needed here: the store keys on the normalised text.
std::string id_number(std::size_t i) { return "3501021990010" + std::to_string(10000 + i); }

std::vector<domain::CaseFile> many_cases() {
  std::vector<domain::CaseFile> files;
  for (std::size_t i = 0; i < kMany; ++i) {
    auto f = sample_case(case_no(i));
    f.applicant.id_number = id_number(i);
    f.channel = i % 2 == 0 ? "web-hall" : "app";
    f.application = json::Object{{"form", json::Object{{"i", static_cast<int>(i)}}}};
    files.push_back(std::move(f));
  }
  return files;
}

Status create_all(ports::StoreTx& t, const std::vector<domain::CaseFile>& files) {
  std::vector<const domain::CaseFile*> ptrs;
  for (const auto& f : files) ptrs.push_back(&f);
  return t.cases().create_many(ptrs);
}

TEST_P(StoreContract, SummariesGiveTheCasesThatExistAcrossInListChunks) {
  const auto files = many_cases();
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(create_all(t, files).ok());
  });
  std::vector<std::string> asked;
  for (std::size_t i = 0; i < kMany; ++i) asked.push_back(case_no(i));
  for (std::size_t i = 0; i < 40; ++i) asked.push_back("MISSING-" + std::to_string(i));  // 77: two IN lists
  tx([&](ports::StoreTx& t) {
    auto got = t.cases().summaries(asked);
    ASSERT_EQ(got.size(), kMany);
    std::set<std::string> numbers;
    for (const auto& s : got) {
      numbers.insert(s.case_no);
      const std::size_t i = static_cast<std::size_t>(std::stoi(s.case_no.substr(3)) - 1000);
      EXPECT_EQ(s.channel, files[i].channel) << s.case_no;
      EXPECT_EQ(s.applicant_name, files[i].applicant.name) << s.case_no;
      EXPECT_EQ(s.state, files[i].record.state) << s.case_no;
    }
    EXPECT_EQ(numbers.size(), kMany);
    EXPECT_TRUE(t.cases().summaries({}).empty());
  });
}

TEST_P(StoreContract, CreateManyStoresEveryCaseAndItsDecisions) {
  const auto files = many_cases();
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(create_all(t, files).ok());
    std::vector<ports::NewDecision> ds;
    std::vector<std::string> texts(kMany);
    for (std::size_t i = 0; i < kMany; ++i) {
      ds.push_back({case_no(i), domain::DecisionRecord{0, "auto", i % 3 == 0 ? "approved" : "manual_review", static_cast<int>(i),
                                                       json::Object{{"i", static_cast<int>(i)}}, "system", at(static_cast<long>(i))}});
      if (i % 2 == 1) {  // the detail given as text: stored as it is, record.detail not read
        texts[i] = R"({"i":)" + std::to_string(i) + "}";
        ds.back().record.detail = json::Object{{"not", "read"}};
        ds.back().detail_json = texts[i];
      }
    }
    ASSERT_TRUE(t.cases().add_decisions(ds).ok());
  });
  tx([&](ports::StoreTx& t) {
    EXPECT_EQ(t.cases().count({}), static_cast<std::int64_t>(kMany));
    for (std::size_t i = 0; i < kMany; ++i) {
      auto back = t.cases().load(case_no(i));
      ASSERT_TRUE(back.ok()) << case_no(i);
      EXPECT_EQ(back.value().applicant.id_number, id_number(i));
      EXPECT_EQ(back.value().application, files[i].application);
      EXPECT_EQ(back.value().channel, files[i].channel);
      auto ds = t.cases().decisions(case_no(i));
      ASSERT_EQ(ds.size(), 1u) << case_no(i);
      EXPECT_EQ(ds[0].rule_set_version, static_cast<int>(i));
      EXPECT_EQ(ds[0].detail, json::Value(json::Object{{"i", static_cast<int>(i)}}));
    }
  });
}

TEST_P(StoreContract, CreateManyWithATakenNumberFailsAndTheTransactionLeavesNothing) {
  auto files = many_cases();
  files[30].case_no = files[3].case_no;  // a repeat inside the batch
  auto st = store_->transact([&](ports::StoreTx& t) -> Status {
    return create_all(t, files);
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().id, "store.duplicate");
  tx([&](ports::StoreTx& t) { EXPECT_EQ(t.cases().count({}), 0); });

  auto st2 = store_->transact([&](ports::StoreTx& t) -> Status {
    std::vector<ports::NewDecision> ds{{"BT-NONE", domain::DecisionRecord{0, "auto", "approved", 1, json::Object{},
                                                                          "system", at(0)}}};
    return t.cases().add_decisions(ds);
  });
  EXPECT_EQ(st2.error().id, "store.not_found");
}

// batch_writes(): the inserts may reach the store late (MySQL: together, at the commit); the
// transaction's answer and its effects are the same.
TEST_P(StoreContract, BatchedWritesCommitEverythingOrNothing) {
  const auto files = many_cases();
  std::vector<domain::CaseFile> few(files.begin(), files.begin() + 3);
  auto st = store_->transact([&](ports::StoreTx& t) -> Status {
    t.batch_writes();
    t.audit().append_many({domain::AuditEntry{0, at(1), "web-hall", "applicant", "application.submit", few[0].case_no,
                                              json::Object{}, "", ""}});
    if (auto created = create_all(t, few); !created) return created;
    // A read inside the transaction sees the rows written before it.
    EXPECT_EQ(t.cases().count({}), 3);
    const std::vector<domain::IdempotencyRecord> answers{{7, "k-1", "h", 201, "{}", at(1)}};
    return t.idempotency().put_many(answers);
  });
  ASSERT_TRUE(st.ok()) << st.error().id;
  tx([&](ports::StoreTx& t) {
    EXPECT_EQ(t.cases().count({}), 3);
    EXPECT_TRUE(t.idempotency().find(7, "k-1").has_value());
  });

  // A taken case number: the transaction ends with store.duplicate and keeps nothing of its own
  // (neither the audit record nor the idempotency answer written before or after the clash).
  std::vector<domain::CaseFile> clash(files.begin() + 2, files.begin() + 5);  // files[2] is taken
  st = store_->transact([&](ports::StoreTx& t) -> Status {
    t.batch_writes();
    t.audit().append_many({domain::AuditEntry{0, at(2), "web-hall", "applicant", "application.submit", clash[1].case_no,
                                              json::Object{}, "", ""}});
    if (auto created = create_all(t, clash); !created) return created;
    const std::vector<domain::IdempotencyRecord> answers{{7, "k-2", "h", 201, "{}", at(2)}};
    return t.idempotency().put_many(answers);
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().id, "store.duplicate");
  tx([&](ports::StoreTx& t) {
    EXPECT_EQ(t.cases().count({}), 3);
    EXPECT_FALSE(t.idempotency().find(7, "k-2").has_value());
    const int chain = domain::audit_chain_of(clash[1].case_no);
    for (const auto& e : t.audit().range(chain, 1, 100)) EXPECT_NE(e.target, clash[1].case_no);
  });
}

TEST_P(StoreContract, InFlightElsewhereManyAnswersEachQueryInOrder) {
  const auto files = many_cases();
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(create_all(t, files).ok());
  });
  tx([&](ports::StoreTx& t) {
    std::vector<ports::InFlightQuery> qs;
    for (std::size_t i = 0; i < kMany; ++i) qs.push_back({id_number(i), files[0].item_code, "web-hall"});
    qs.push_back({id_number(1), "OTHER-ITEM", "web-hall"});
    qs.push_back({"000000000000000000", files[0].item_code, "web-hall"});
    auto answers = t.cases().in_flight_elsewhere_many(qs);
    ASSERT_EQ(answers.size(), qs.size());
    for (std::size_t i = 0; i < kMany; ++i) {
      if (i % 2 == 0) {
        EXPECT_FALSE(answers[i].has_value()) << i;  // came through web-hall itself
      } else {
        ASSERT_TRUE(answers[i].has_value()) << i;
        EXPECT_EQ(*answers[i], case_no(i));
      }
      EXPECT_EQ(answers[i], t.cases().in_flight_elsewhere(id_number(i), files[0].item_code, "web-hall"));
    }
    EXPECT_FALSE(answers[kMany].has_value());
    EXPECT_FALSE(answers[kMany + 1].has_value());
  });
}

// intake_facts reads in one statement what the three batch lookups give one by one.
TEST_P(StoreContract, IntakeFactsAreTheBatchLookupsInOne) {
  const auto files = many_cases();
  std::vector<domain::IdempotencyRecord> answers;
  for (std::size_t i = 0; i < kMany; i += 3) {
    answers.push_back({static_cast<std::int64_t>(1 + i % 2), "key-" + std::to_string(i), std::string(64, 'c'), 201,
                       R"({"case_no":"智审-)" + case_no(i) + "\"}", at(static_cast<long>(i))});
  }
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(create_all(t, files).ok());
    ASSERT_TRUE(t.idempotency().put_many(answers).ok());
    ASSERT_TRUE(t.supervision().add_ban({0, id_number(4), files[0].item_code, "ZS-1", at(0), at(1000), "虚假材料"}).ok());
    ASSERT_TRUE(t.supervision().add_ban({0, id_number(7), files[0].item_code, "ZS-2", at(0), at(2000), "虚假材料"}).ok());
  });
  tx([&](ports::StoreTx& t) {
    std::vector<ports::IntakeQuery> qs;
    for (std::size_t i = 0; i < kMany; ++i) {
      qs.push_back({static_cast<std::int64_t>(1 + i % 2), "key-" + std::to_string(i), id_number(i), files[0].item_code,
                    "web-hall"});
    }
    qs.push_back({5, "key-0", "000000000000000000", "OTHER-ITEM", "app"});  // knows nothing
    const auto facts = t.intake_facts(qs, at(500));
    ASSERT_EQ(facts.size(), qs.size());
    std::size_t stored = 0, banned = 0, elsewhere = 0;
    for (std::size_t i = 0; i < qs.size(); ++i) {
      const auto& q = qs[i];
      EXPECT_EQ(facts[i].stored, t.idempotency().find(q.channel_id, q.idempotency_key)) << i;
      EXPECT_EQ(facts[i].ban, t.supervision().active_ban(q.id_number, q.item_code, at(500))) << i;
      EXPECT_EQ(facts[i].in_flight_elsewhere, t.cases().in_flight_elsewhere(q.id_number, q.item_code, q.channel)) << i;
      stored += facts[i].stored.has_value();
      banned += facts[i].ban.has_value();
      elsewhere += facts[i].in_flight_elsewhere.has_value();
    }
    EXPECT_EQ(stored, answers.size());
    EXPECT_EQ(banned, 2U);
    EXPECT_EQ(elsewhere, kMany / 2);  // the odd ones came through "app"
    ASSERT_TRUE(facts[0].stored.has_value());
    EXPECT_EQ(facts[0].stored->response, answers[0].response);
    EXPECT_TRUE(t.intake_facts({}, at(500)).empty());
  });
}

TEST_P(StoreContract, AppendManyChainsEveryEntryInOrderAcrossChains) {
  std::vector<domain::AuditEntry> in;
  for (std::size_t i = 0; i < 3 * kMany; ++i) {
    in.push_back(domain::AuditEntry{0, at(static_cast<long>(i)), "system", "system", "case.submit", case_no(i % kMany),
                                    json::Object{{"n", static_cast<int>(i)}}, "", ""});
  }
  std::vector<domain::AuditEntry> out;
  tx([&](ports::StoreTx& t) { t.audit().append(in[0]); });  // a chain that already has a head
  tx([&](ports::StoreTx& t) { out = t.audit().append_many(in); });
  ASSERT_EQ(out.size(), in.size());
  std::set<int> chains;
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].chain, domain::audit_chain_of(in[i].target));
    EXPECT_EQ(out[i].detail, in[i].detail);  // the order given
    chains.insert(out[i].chain);
  }
  EXPECT_GT(chains.size(), 4u);
  std::size_t stored = 0;
  for (int chain : chains) {
    std::vector<domain::AuditEntry> all;
    tx([&](ports::StoreTx& t) { all = t.audit().range(chain, 1, 1000); });
    EXPECT_FALSE(domain::first_broken_link(all, domain::kAuditGenesisHash, crypto::sha256_hex).has_value())
        << "chain " << chain;
    for (std::size_t k = 0; k < all.size(); ++k) EXPECT_EQ(all[k].seq, static_cast<std::int64_t>(k + 1));
    stored += all.size();
  }
  EXPECT_EQ(stored, in.size() + 1);
  tx([&](ports::StoreTx& t) { t.audit().append(in[5]); });  // the heads moved on with the batch
  std::vector<domain::AuditEntry> chain5;
  tx([&](ports::StoreTx& t) { chain5 = t.audit().range(out[5].chain, 1, 1000); });
  EXPECT_FALSE(domain::first_broken_link(chain5, domain::kAuditGenesisHash, crypto::sha256_hex).has_value());
}

TEST_P(StoreContract, IdempotencyKeysManyAtOnce) {
  std::vector<domain::IdempotencyRecord> rs;
  for (std::size_t i = 0; i < kMany; ++i) {
    rs.push_back({static_cast<std::int64_t>(1 + i % 2), "key-" + std::to_string(i), std::string(64, static_cast<char>('a' + i % 6)), 201,
                  R"({"case_no":")" + case_no(i) + "\"}", at(static_cast<long>(i))});
  }
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.idempotency().put_many(rs).ok()); });
  tx([&](ports::StoreTx& t) {
    std::vector<std::pair<std::int64_t, std::string>> keys;
    for (const auto& r : rs) keys.emplace_back(r.channel_id, r.key);
    keys.emplace_back(3, "key-0");  // keys are per channel
    auto found = t.idempotency().find_many(keys);
    ASSERT_EQ(found.size(), keys.size());
    for (std::size_t i = 0; i < rs.size(); ++i) EXPECT_EQ(found[i], rs[i]) << i;
    EXPECT_FALSE(found.back().has_value());
  });
  auto again = store_->transact([&](ports::StoreTx& t) -> Status {
    std::vector<domain::IdempotencyRecord> two{{9, "fresh", std::string(64, 'b'), 201, "{}", at(0)}, rs[7]};
    return t.idempotency().put_many(two);
  });
  EXPECT_EQ(again.error().id, "store.duplicate");
  tx([&](ports::StoreTx& t) { EXPECT_FALSE(t.idempotency().find(9, "fresh").has_value()); });
}

TEST_P(StoreContract, ActiveBansAndOutboxManyAtOnce) {
  tx([&](ports::StoreTx& t) {
    auto& s = t.supervision();
    ASSERT_TRUE(s.add_ban({0, id_number(2), "ITEM-1", "ZS-1", at(0), at(100), "虚假材料"}).ok());
    ASSERT_TRUE(s.add_ban({0, id_number(2), "ITEM-1", "ZS-2", at(0), at(1000), "虚假材料"}).ok());
    ASSERT_TRUE(s.add_ban({0, id_number(5), "ITEM-2", "ZS-3", at(0), at(1000), "虚假材料"}).ok());
    std::vector<ports::ApplicantItem> who;
    for (std::size_t i = 0; i < kMany; ++i) who.push_back({id_number(i), i == 5 ? "ITEM-2" : "ITEM-1"});
    auto bans = s.active_bans(who, at(500));
    ASSERT_EQ(bans.size(), who.size());
    for (std::size_t i = 0; i < kMany; ++i) {
      EXPECT_EQ(bans[i].has_value(), i == 2 || i == 5) << i;
    }
    EXPECT_EQ(bans[2]->case_no, "ZS-2");  // the one lasting longest
    EXPECT_FALSE(s.active_bans(who, at(2000))[2].has_value());

    std::vector<domain::OutboxMessage> ms;
    for (std::size_t i = 0; i < kMany; ++i) {
      ms.push_back({0, case_no(i), "1380000" + std::to_string(1000 + i), "decision.approved", "已通过", at(static_cast<long>(i)), 0,
                    at(0), {}, ""});
    }
    ASSERT_TRUE(s.enqueue_many(ms).ok());
    auto due = s.due_messages(at(10'000), 1000);
    ASSERT_EQ(due.size(), ms.size());
    std::set<std::string> cases;
    for (const auto& m : due) cases.insert(m.case_no);
    EXPECT_EQ(cases.size(), ms.size());

    // The outbox sender's batch updates: a lease over all of them, then all but the first two
    // marked sent; those two come due again after the lease.
    std::vector<std::int64_t> ids;
    for (const auto& m : due) ids.push_back(m.id);
    ASSERT_TRUE(s.lease_messages(ids, at(20'000)).ok());
    EXPECT_TRUE(s.due_messages(at(10'000), 1000).empty());
    ASSERT_TRUE(s.mark_sent(std::span<const std::int64_t>(ids).subspan(2), at(10'001)).ok());
    ASSERT_TRUE(s.mark_sent(std::span<const std::int64_t>(ids).subspan(2), at(10'002)).ok()) << "a second time: no change";
    auto again = s.due_messages(at(20'000), 1000);
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[0].attempts, 0);
    EXPECT_FALSE(again[0].sent_at.has_value());
    ASSERT_TRUE(s.lease_messages({}, at(1)).ok());
    ASSERT_TRUE(s.mark_sent({}, at(1)).ok());
  });
}

}  // namespace
}  // namespace zhishen::store::testing
