// Store contract: cases, events, clocks, decisions, queries. Runs on SQLite and on MariaDB.
#include "contract_support.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::store::testing {
namespace {

using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

TEST_P(StoreContract, MigratedToTheLatestSchema) {
  auto report = database_status(db_->url());
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->before, report->latest);
  auto again = migrate_database(db_->url());  // idempotent
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->after, again->latest);
  if (GetParam() == std::string("mysql")) {
    // MySQL commits DDL at once: a migration cut short before its version was recorded runs again
    // over its own index and column changes (here 2 and 5, which add indexes and a column).
    auto c = connect(db_->url());
    exec(*c, "DELETE FROM schema_migrations WHERE version IN (2, 3, 5)");
    c.reset();
    auto redone = migrate_database(db_->url());
    ASSERT_TRUE(redone.ok()) << redone.error().id << ": " << redone.error().message;
    EXPECT_EQ(redone->after, redone->latest);
    tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(sample_case("ZS-0099")).ok()); });
  }
}

TEST_P(StoreContract, ADatabaseNewerThanTheProgramRefusesToOpen) {
  auto c = connect(db_->url());
  exec(*c, "INSERT INTO schema_migrations (version, applied_at, description) VALUES (999, 0, 'from the future')");
  c.reset();
  auto s = open_store(db_->url(), test_cipher());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().id, "store.schema.too_new");
  EXPECT_EQ(migrate_database(db_->url()).error().id, "store.schema.too_new");
}

TEST_P(StoreContract, CaseRoundTrip) {
  auto f = sample_case("ZS-0001");
  f.record = lifecycle::apply(f.record, request(Action::request_correction, Role::reviewer, 60)).value();
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(f).ok()); });
  tx([&](ports::StoreTx& t) {
    auto back = t.cases().load("ZS-0001");
    ASSERT_TRUE(back.ok()) << back.error().id;
    EXPECT_EQ(*back, f);
    EXPECT_TRUE(back->record.clocks[0].suspended());
  });
}

TEST_P(StoreContract, PersonalDataIsNotStoredInClear) {
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(sample_case("ZS-0002")).ok()); });
  auto c = connect(db_->url());
  auto rows = query(*c, "SELECT applicant_id_enc, applicant_phone_enc, applicant_address_enc, application_enc FROM cases");
  ASSERT_EQ(rows.size(), 1u);
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string raw = rows[0].text(i);
    EXPECT_EQ(raw.find("11010519491231002X"), std::string::npos);
    EXPECT_EQ(raw.find("13800000000"), std::string::npos);
    EXPECT_EQ(raw.find("五四路"), std::string::npos);
    EXPECT_EQ(raw.find("便利店"), std::string::npos);
  }
  EXPECT_EQ(query(*c, "SELECT applicant_id_masked FROM cases")[0].text(0), "1101**********002X");
}

// Since migration 5 a case's materials are one sealed value of its row; a case stored before has
// a case_materials row per material (materials_enc NULL) and still reads them.
TEST_P(StoreContract, MaterialsAreOneSealedValueAndOlderRowsStillRead) {
  auto f = sample_case("ZS-0004");
  f.materials.push_back({"floor_plan", "平面图", "image/png", std::string(64, 'b'), 9, json::Value(json::Object{})});
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(f).ok()); });
  auto c = connect(db_->url());
  EXPECT_TRUE(query(*c, "SELECT seq FROM case_materials").empty());
  const std::string sealed = query(*c, "SELECT materials_enc FROM cases WHERE case_no = 'ZS-0004'").at(0).text(0);
  EXPECT_EQ(sealed.find("营业执照"), std::string::npos);
  EXPECT_EQ(sealed.find("91350100M000100Y43"), std::string::npos);
  tx([&](ports::StoreTx& t) { EXPECT_EQ(t.cases().load("ZS-0004").value().materials, f.materials); });

  // The same case as stored before migration 5.
  const auto cipher = test_cipher();
  exec(*c, "UPDATE cases SET materials_enc = NULL WHERE case_no = 'ZS-0004'");
  for (std::size_t i = 0; i < f.materials.size(); ++i) {
    const auto& m = f.materials[i];
    exec(*c, "INSERT INTO case_materials (case_no, seq, code, name, mime, sha256, size, extracted_enc)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         {f.case_no, static_cast<std::int64_t>(i), m.code, m.name, m.mime, m.sha256, m.size,
          Blob{cipher.encrypt(json::to_json(m.extracted), "case_materials.extracted:" + f.case_no)}});
  }
  tx([&](ports::StoreTx& t) { EXPECT_EQ(t.cases().load("ZS-0004").value(), f); });

  // A sealed value moved to another case does not open there (store.io, not silently empty).
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(sample_case("ZS-0005")).ok()); });
  exec(*c, "UPDATE cases SET materials_enc = (SELECT materials_enc FROM (SELECT materials_enc FROM cases"
           " WHERE case_no = 'ZS-0005') x) WHERE case_no = 'ZS-0004'");
  try {
    (void)store_->transact([&](ports::StoreTx& t) -> Status { return t.cases().load("ZS-0004").ok() ? Status{} : Status{}; });
    FAIL() << "a sealed value of another case must not open";
  } catch (const StoreFault& fault) {
    EXPECT_EQ(fault.id(), "store.io");
  }
}

TEST_P(StoreContract, AnotherKeyCannotReadPersonalData) {
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(sample_case("ZS-0003")).ok()); });
  auto other = open_store(db_->url(), test_cipher(9));
  ASSERT_TRUE(other.ok());
  try {
    (void)(*other)->transact([&](ports::StoreTx& t) -> Status { return t.cases().load("ZS-0003").ok() ? Status{} : Status{}; });
    FAIL() << "a wrong key must not read the data";
  } catch (const StoreFault& f) {
    EXPECT_EQ(f.id(), "store.io");
    EXPECT_EQ(std::string(f.what()).find("11010519491231002X"), std::string::npos);
  }
}

TEST_P(StoreContract, DuplicateCaseNumber) {
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(t.cases().create(sample_case("ZS-0004")).ok());
    auto again = t.cases().create(sample_case("ZS-0004"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().id, "store.duplicate");
  });
  tx([&](ports::StoreTx& t) { EXPECT_EQ(t.cases().load("nope").error().id, "store.not_found"); });
}

TEST_P(StoreContract, OptimisticConcurrency) {
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(sample_case("ZS-0005")).ok()); });
  domain::CaseFile a, b;
  tx([&](ports::StoreTx& t) {
    a = t.cases().load("ZS-0005").value();
    b = a;
  });
  a.record = lifecycle::apply(a.record, request(Action::route_manual, Role::system, 10)).value();
  b.record = lifecycle::apply(b.record, request(Action::auto_approve, Role::system, 10)).value();
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().save(a, 0).ok()); });
  tx([&](ports::StoreTx& t) {
    auto lost = t.cases().save(b, 0);
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.error().id, "store.conflict");
    EXPECT_EQ(t.cases().load("ZS-0005")->record.state, State::manual_review);
    EXPECT_EQ(t.cases().save(a, a.record.version).error().id, "store.version.invalid");
    auto ghost = a;
    ghost.case_no = "ZS-GHOST";
    EXPECT_EQ(t.cases().save(ghost, 0).error().id, "store.not_found");
  });
}

TEST_P(StoreContract, SavingAppendsEventsAndReplacesClocks) {
  auto f = sample_case("ZS-0006");
  tx([&](ports::StoreTx& t) { ASSERT_TRUE(t.cases().create(f).ok()); });
  long clock = 0;
  for (Action a : {Action::request_correction, Action::resubmit, Action::start_review, Action::manual_approve}) {
    tx([&](ports::StoreTx& t) {
      auto cur = t.cases().load("ZS-0006").value();
      const auto expected = cur.record.version;
      const Role role = a == Action::resubmit ? Role::applicant : Role::reviewer;
      cur.record = lifecycle::apply(cur.record, request(a, role, clock += 3600)).value();
      if (a == Action::resubmit) {  // the corrected form and the added material are saved with it
        cur.application = json::Object{{"form", json::Object{{"名称", "补正后的便利店"}}}};
        cur.materials.push_back({"licence_copy", "营业执照副本", "application/pdf", std::string(64, 'c'), 2048,
                                 json::Object{{"pages", 2}}});
        f.application = cur.application;
        f.materials = cur.materials;
      }
      ASSERT_TRUE(t.cases().save(cur, expected).ok());
    });
  }
  tx([&](ports::StoreTx& t) {
    auto back = t.cases().load("ZS-0006").value();
    EXPECT_EQ(back.application, f.application);
    EXPECT_EQ(back.materials, f.materials);
    EXPECT_EQ(back.record.state, State::manual_approved);
    ASSERT_EQ(back.record.history.size(), 4u);
    EXPECT_EQ(back.record.history[3].seq, 4);
    ASSERT_EQ(back.record.clocks[0].suspensions.size(), 1u);
    EXPECT_EQ(back.record.clocks[0].suspensions[0].end, at(7200));
    EXPECT_EQ(back.record.clocks[0].stopped, at(14400));
  });
}

TEST_P(StoreContract, AFailedTransactionLeavesNothing) {
  auto st = store_->transact([&](ports::StoreTx& t) -> Status {
    EXPECT_TRUE(t.cases().create(sample_case("ZS-0007")).ok());
    t.audit().append(domain::AuditEntry{0, at(0), "tester", "reviewer", "case.create", "ZS-0007", json::Object{}, "", ""});
    return make_error("test.abort", "changed my mind");
  });
  EXPECT_EQ(st.error().id, "test.abort");
  EXPECT_THROW((void)store_->transact([&](ports::StoreTx& t) -> Status {
    EXPECT_TRUE(t.cases().create(sample_case("ZS-0008")).ok());
    throw std::runtime_error("crash in the middle");
  }),
               std::runtime_error);
  tx([&](ports::StoreTx& t) {
    EXPECT_EQ(t.cases().load("ZS-0007").error().id, "store.not_found");
    EXPECT_EQ(t.cases().load("ZS-0008").error().id, "store.not_found");
    EXPECT_TRUE(t.audit().recent(10).empty());
  });
}

TEST_P(StoreContract, Decisions) {
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(t.cases().create(sample_case("ZS-0009")).ok());
    domain::DecisionRecord d{0, "auto", "approved", 3, json::Object{{"trace", json::Array{"R1"}}}, "system", at(5)};
    ASSERT_TRUE(t.cases().add_decision("ZS-0009", d).ok());
    d.kind = "recheck";
    ASSERT_TRUE(t.cases().add_decision("ZS-0009", d).ok());
    EXPECT_EQ(t.cases().add_decision("ZS-NONE", d).error().id, "store.not_found");
    auto all = t.cases().decisions("ZS-0009");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].kind, "auto");
    EXPECT_EQ(all[1].kind, "recheck");
    EXPECT_EQ(all[0].detail, d.detail);
    EXPECT_EQ(all[0].rule_set_version, 3);
  });
}

TEST_P(StoreContract, InboxFiltersSortsAndPages) {
  tx([&](ports::StoreTx& t) {
    for (int i = 0; i < 12; ++i) {
      auto f = sample_case("IN-" + std::to_string(100 + i), i % 3 == 0 ? "FZ-WJW" : "FZ-SCJG");
      f.due_at = i == 5 ? std::nullopt : std::optional<Instant>(at(1000 - i * 10));
      if (i % 4 == 0) f.record = lifecycle::apply(f.record, request(Action::route_manual, Role::system, 1)).value();
      f.light = i == 7 ? calendar::Light::red : calendar::Light::green;
      if (i == 8) f.assignee_id = 42;
      ASSERT_TRUE(t.cases().create(f).ok());
    }
  });
  tx([&](ports::StoreTx& t) {
    ports::InboxQuery q;
    q.department_code = "FZ-SCJG";
    auto all = t.cases().inbox(q);
    ASSERT_EQ(all.size(), 8u);
    EXPECT_EQ(t.cases().count(q), 8);
    EXPECT_EQ(all.front().case_no, "IN-111");  // the earliest deadline
    EXPECT_EQ(all.back().case_no, "IN-105");   // no deadline: last
    EXPECT_EQ(all.front().applicant_id_masked, "1101**********002X");
    q.states = {State::manual_review};
    EXPECT_EQ(t.cases().count(q), 2);  // IN-104, IN-108
    q.states.clear();
    q.light = calendar::Light::red;
    ASSERT_EQ(t.cases().inbox(q).size(), 1u);
    q.light.reset();
    q.assignee_id = 42;
    ASSERT_EQ(t.cases().inbox(q).size(), 1u);
    q.assignee_id.reset();
    q.unassigned_only = true;
    EXPECT_EQ(t.cases().count(q), 7);
    q.unassigned_only = false;
    q.due_before = at(1000 - 60);  // strictly before: IN-107..IN-111 minus IN-109 (WJW)
    EXPECT_EQ(t.cases().count(q), 4);
    q.due_before.reset();
    q.limit = 3;
    q.offset = 3;
    auto page = t.cases().inbox(q);
    ASSERT_EQ(page.size(), 3u);
    EXPECT_EQ(page[0].case_no, all[3].case_no);
    ports::InboxQuery every;
    EXPECT_EQ(t.cases().count(every), 12);
    every.item_code = "nope";
    EXPECT_EQ(t.cases().count(every), 0);
  });
}

TEST_P(StoreContract, LightSweepWindowAndLightUpdates) {
  tx([&](ports::StoreTx& t) {
    for (int i = 0; i < 6; ++i) {
      auto f = sample_case("LS-" + std::to_string(i));
      f.yellow_at = at(100 * i);
      f.due_at = at(100 * i + 50);
      ASSERT_TRUE(t.cases().create(f).ok());
    }
  });
  tx([&](ports::StoreTx& t) {
    // (150, 300]: yellow at 200, 300 and due at 250 -> LS-2 (yellow 200, due 250), LS-3 (yellow 300).
    auto changing = t.cases().lights_changing(at(150), at(300), 100);
    ASSERT_EQ(changing.size(), 2u);
    EXPECT_EQ(changing[0].case_no, "LS-2");
    EXPECT_EQ(changing[1].case_no, "LS-3");
    ASSERT_TRUE(t.cases().set_light("LS-2", calendar::Light::yellow).ok());
    ASSERT_TRUE(t.cases().set_light("LS-2", calendar::Light::yellow).ok());  // unchanged is fine
    EXPECT_EQ(t.cases().set_light("LS-X", calendar::Light::red).error().id, "store.not_found");
    EXPECT_EQ(t.cases().load("LS-2")->light, calendar::Light::yellow);
  });
}

TEST_P(StoreContract, FindByApplicantThroughTheBlindIndex) {
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(t.cases().create(sample_case("AP-1")).ok());
    auto other = sample_case("AP-2");
    other.applicant.id_number = "440524188001010014";
    ASSERT_TRUE(t.cases().create(other).ok());
  });
  tx([&](ports::StoreTx& t) {
    auto found = t.cases().by_applicant("11010519491231002x", 10);  // lower-case x finds it too
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].case_no, "AP-1");
    EXPECT_TRUE(t.cases().by_applicant("110105194912310021", 10).empty());
  });
}

TEST_P(StoreContract, InboxSearchByCaseNumberOrApplicant) {
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(t.cases().create(sample_case("SR-1")).ok());
    auto other = sample_case("SR-2");
    other.applicant.id_number = "440524188001010014";
    ASSERT_TRUE(t.cases().create(other).ok());
    auto third = sample_case("SR-3", "FZ-OTHER");
    ASSERT_TRUE(t.cases().create(third).ok());
  });
  tx([&](ports::StoreTx& t) {
    ports::InboxQuery q;
    q.search = "SR-2";
    auto rows = t.cases().inbox(q);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].case_no, "SR-2");
    q.search = "11010519491231002x";  // the applicant of SR-1 and SR-3
    EXPECT_EQ(t.cases().count(q), 2);
    q.department_code = "FZ-SCJG";  // the scope still applies
    rows = t.cases().inbox(q);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].case_no, "SR-1");
    q.search = "SR-%";  // no pattern matching
    EXPECT_EQ(t.cases().count(q), 0);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::store::testing
