// Store contract: audit chain, idempotency, directory, catalogue, supervision records.
#include "contract_support.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/domain/audit_chain.hpp"

namespace zhishen::store::testing {
namespace {

domain::AuditEntry entry(const std::string& action, const std::string& target) {
  return domain::AuditEntry{0, at(1), "zhang.san", "reviewer", action, target, json::Object{{"k", "值"}}, "", ""};
}

TEST_P(StoreContract, AuditEntriesChainAndTamperingShows) {
  int chain = -1;
  tx([&](ports::StoreTx& t) {
    auto a = t.audit().append(entry("case.submit", "ZS-1"));
    auto b = t.audit().append(entry("case.transition", "ZS-1"));
    chain = a.chain;
    EXPECT_EQ(a.chain, domain::audit_chain_of("ZS-1"));
    EXPECT_EQ(b.chain, a.chain);  // one case, one chain
    EXPECT_EQ(a.seq, 1);
    EXPECT_EQ(b.seq, 2);
    EXPECT_EQ(a.prev_hash, domain::kAuditGenesisHash);
    EXPECT_EQ(b.prev_hash, a.hash);
    EXPECT_EQ(a.hash, crypto::sha256_hex(a.prev_hash + domain::audit_canonical(a)));
  });
  tx([&](ports::StoreTx& t) { t.audit().append(entry("case.archive", "ZS-1")); });
  std::vector<domain::AuditEntry> all;
  tx([&](ports::StoreTx& t) { all = t.audit().range(chain, 1, 100); });
  ASSERT_EQ(all.size(), 3u);
  EXPECT_FALSE(domain::first_broken_link(all, domain::kAuditGenesisHash, crypto::sha256_hex).has_value());
  tx([&](ports::StoreTx& t) { EXPECT_EQ(t.audit().recent(2).size(), 2u); });

  auto c = connect(db_->url());
  exec(*c, "UPDATE audit_log SET target = 'ZS-9' WHERE chain = ? AND seq = 2", {std::int64_t{chain}});
  tx([&](ports::StoreTx& t) { all = t.audit().range(chain, 1, 100); });
  EXPECT_EQ(domain::first_broken_link(all, domain::kAuditGenesisHash, crypto::sha256_hex), 2);
  exec(*c, "DELETE FROM audit_log WHERE chain = ? AND seq = 2", {std::int64_t{chain}});
  tx([&](ports::StoreTx& t) { all = t.audit().range(chain, 1, 100); });
  EXPECT_EQ(domain::first_broken_link(all, domain::kAuditGenesisHash, crypto::sha256_hex), 3);  // a gap
}

TEST_P(StoreContract, IdempotencyKeys) {
  tx([&](ports::StoreTx& t) {
    domain::IdempotencyRecord r{1, "key-1", std::string(64, 'f'), 201, R"({"case_no":"ZS-1"})", at(0)};
    ASSERT_TRUE(t.idempotency().put(r).ok());
    EXPECT_EQ(t.idempotency().put(r).error().id, "store.duplicate");
    EXPECT_EQ(t.idempotency().find(1, "key-1"), r);
    EXPECT_FALSE(t.idempotency().find(2, "key-1").has_value());  // keys are per channel
  });
}

TEST_P(StoreContract, DocumentsAreKeptAsIssuedAndEncrypted) {
  const std::string pdf = std::string("%PDF-1.3 周明辉 福州市鼓楼区五四路158号\x00\x01", 48);
  domain::StoredDocument d{"ZS-1", "receipt", pdf, std::string(64, 'e'), at(5)};
  tx([&](ports::StoreTx& t) {
    ASSERT_TRUE(t.supervision().put_document(d).ok());
    EXPECT_EQ(t.supervision().put_document(d).error().id, "store.duplicate");
  });
  tx([&](ports::StoreTx& t) {
    EXPECT_EQ(t.supervision().document("ZS-1", "receipt"), d);
    EXPECT_FALSE(t.supervision().document("ZS-1", "refusal").has_value());
  });
  auto c = connect(db_->url());
  auto rows = query(*c, "SELECT content_enc FROM case_documents WHERE case_no = 'ZS-1'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0).find("周明辉"), std::string::npos) << "stored encrypted";
}

TEST_P(StoreContract, DepartmentsStaffAndChannels) {
  tx([&](ports::StoreTx& t) {
    auto& d = t.directory();
    ASSERT_TRUE(d.put_department({"FZ-SCJG", "福州市市场监督管理局", "11350100MB0P7K3D1B"}).ok());
    ASSERT_TRUE(d.put_department({"FZ-SCJG", "福州市市场监管局", "11350100MB0P7K3D1B"}).ok());  // update
    ASSERT_TRUE(d.put_department({"FZ-SCJG", "福州市市场监管局", "11350100MB0P7K3D1B"}).ok());  // unchanged
    EXPECT_EQ(d.department("FZ-SCJG")->name, "福州市市场监管局");
    EXPECT_EQ(d.departments().size(), 1u);

    domain::StaffAccount a;
    a.username = "li.si";
    a.display_name = "李四";
    a.department_code = "FZ-SCJG";
    a.roles = {lifecycle::Role::reviewer, lifecycle::Role::approver};
    a.password_hash = "$scrypt$...";
    a.totp_secret = "JBSWY3DPEHPK3PXP";
    a.created_at = at(0);
    auto id = d.create_staff(a);
    ASSERT_TRUE(id.ok());
    a.id = *id;
    EXPECT_EQ(d.create_staff(a).error().id, "store.duplicate");
    EXPECT_EQ(d.staff_by_username("li.si"), a);
    a.failed_logins = 3;
    a.locked_until = at(900);
    a.roles = {lifecycle::Role::supervisor};
    ASSERT_TRUE(d.update_staff(a).ok());
    EXPECT_EQ(d.staff_by_id(a.id), a);
    EXPECT_EQ(d.staff("FZ-SCJG").size(), 1u);
    EXPECT_TRUE(d.staff("FZ-OTHER").empty());
    auto ghost = a;
    ghost.id = 999999;
    EXPECT_EQ(d.update_staff(ghost).error().id, "store.not_found");

    domain::Channel ch{0, "web-hall", "web", std::string(64, '1'), true, at(0), std::nullopt};
    auto cid = d.create_channel(ch);
    ASSERT_TRUE(cid.ok());
    ch.id = *cid;
    EXPECT_EQ(d.create_channel(ch).error().id, "store.duplicate");
    EXPECT_EQ(d.channel_by_token_hash(std::string(64, '1')), ch);
    ch.token_hash = std::string(64, '2');  // rotation
    ASSERT_TRUE(d.update_channel(ch).ok());
    EXPECT_FALSE(d.channel_by_token_hash(std::string(64, '1')).has_value());
    EXPECT_EQ(d.channel_by_name("web-hall")->token_hash, std::string(64, '2'));
    EXPECT_EQ(d.channels().size(), 1u);
  });
  auto c = connect(db_->url());
  EXPECT_EQ(query(*c, "SELECT totp_secret_enc FROM staff")[0].text(0).find("JBSWY3DPEHPK3PXP"), std::string::npos);
}

TEST_P(StoreContract, ItemVersionsDatasetsAndCalendar) {
  tx([&](ports::StoreTx& t) {
    auto& cat = t.catalogue();
    domain::ItemVersion v{"ITEM-1", 1, "FZ-SCJG", "食品", json::Object{{"name", "食品"}},
                          json::Object{{"version", 1}}, "draft", at(0), "admin"};
    ASSERT_TRUE(cat.put_item_version(v).ok());
    EXPECT_EQ(cat.put_item_version(v).error().id, "store.duplicate");
    v.version = 2;
    ASSERT_TRUE(cat.put_item_version(v).ok());
    EXPECT_FALSE(cat.active_item("ITEM-1").has_value());
    ASSERT_TRUE(cat.activate_item_version("ITEM-1", 1).ok());
    EXPECT_EQ(cat.active_item("ITEM-1")->version, 1);
    ASSERT_TRUE(cat.activate_item_version("ITEM-1", 2).ok());
    EXPECT_EQ(cat.active_item("ITEM-1")->version, 2);
    EXPECT_EQ(cat.item_version("ITEM-1", 1)->status, "retired");
    EXPECT_EQ(cat.activate_item_version("ITEM-1", 9).error().id, "store.not_found");
    EXPECT_EQ(cat.active_items().size(), 1u);

    ASSERT_TRUE(cat.replace_dataset("credit_blacklist", "失信", {{"11010519491231002X", json::Object{{"r", "x"}}}}).ok());
    EXPECT_EQ(cat.dataset_record("credit_blacklist", "11010519491231002x"), json::Value(json::Object{{"r", "x"}}));
    EXPECT_FALSE(cat.dataset_record("credit_blacklist", "nobody").has_value());
    ASSERT_TRUE(cat.replace_dataset("credit_blacklist", "失信", {{"B", json::Object{}}}).ok());
    EXPECT_FALSE(cat.dataset_record("credit_blacklist", "11010519491231002X").has_value());
    EXPECT_EQ(cat.dataset_names(), std::vector<std::string>{"credit_blacklist"});
    auto whole = cat.dataset("credit_blacklist");
    ASSERT_EQ(whole.size(), 1u);
    EXPECT_EQ(whole.begin()->first, "B");

    calendar::YearNotice n{2027, {"https://www.gov.cn/x"}, {{Date(2027, 1, 1), true, "元旦"}}};
    ASSERT_TRUE(cat.put_calendar_notice(n, "admin").ok());
    n.days.push_back({Date(2027, 2, 6), false, "春节"});
    ASSERT_TRUE(cat.put_calendar_notice(n, "admin").ok());  // replaces
    auto notices = cat.calendar_notices();
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0].days.size(), 2u);
  });
}

TEST_P(StoreContract, TicketsCertificatesBansPublicityEvaluationsOutbox) {
  tx([&](ports::StoreTx& t) {
    auto& s = t.supervision();
    domain::Ticket tk{0, "DB-1", "ZS-1", "FZ-SCJG", "open", "超期未办", "supervisor", at(0), at(86400), "", "", {}, "", {}};
    ASSERT_TRUE(s.open_ticket(tk).ok());
    EXPECT_EQ(s.open_ticket(tk).error().id, "store.duplicate");
    tk.state = "answered";
    tk.response = "已办结";
    tk.responded_by = "li.si";
    tk.responded_at = at(100);
    ASSERT_TRUE(s.update_ticket(tk).ok());
    auto back = s.ticket("DB-1");
    ASSERT_TRUE(back.has_value());
    tk.id = back->id;
    EXPECT_EQ(*back, tk);
    EXPECT_EQ(s.tickets("FZ-SCJG", "answered").size(), 1u);
    EXPECT_TRUE(s.tickets(std::nullopt, "open").empty());

    domain::Certificate cert;
    cert.cert_no = "C-1";
    cert.case_no = "ZS-1";
    cert.department_code = "FZ-SCJG";
    cert.type = "备案回执";
    cert.holder_name = "张三";
    cert.holder_id_type = "citizen_id";
    cert.holder_id_number = "11010519491231002X";
    cert.content = json::Object{{"no", "C-1"}};
    cert.issued_at = at(10);
    cert.valid_until = Date(2031, 1, 1);
    cert.algorithm = "SM2-SM3";
    cert.key_id = "k1";
    cert.signature = std::string("\x30\x45\x00\x01", 4);
    ASSERT_TRUE(s.put_certificate(cert).ok());
    EXPECT_EQ(s.put_certificate(cert).error().id, "store.duplicate");
    EXPECT_EQ(s.certificate("C-1"), cert);
    ASSERT_TRUE(s.revoke_certificate("C-1", at(20), "虚假材料").ok());
    EXPECT_EQ(s.revoke_certificate("C-1", at(21), "again").error().id, "store.conflict");
    EXPECT_EQ(s.revoke_certificate("C-X", at(21), "x").error().id, "store.not_found");
    ASSERT_EQ(s.revoked_certificates("FZ-SCJG").size(), 1u);

    domain::Ban ban{0, "11010519491231002X", "ITEM-1", "ZS-1", at(0), at(365 * 86400), "虚假材料"};
    ASSERT_TRUE(s.add_ban(ban).ok());
    EXPECT_TRUE(s.active_ban("11010519491231002x", "ITEM-1", at(1000)).has_value());
    EXPECT_FALSE(s.active_ban("11010519491231002X", "ITEM-2", at(1000)).has_value());
    EXPECT_FALSE(s.active_ban("11010519491231002X", "ITEM-1", at(366 * 86400)).has_value());

    domain::PublicityRecord p{0, "ZS-1", "FZ-SCJG", json::Object{{"XK_XDR_MC", "张三"}}, at(7 * 86400), {}, {}};
    ASSERT_TRUE(s.put_publicity(p).ok());
    EXPECT_EQ(s.put_publicity(p).error().id, "store.duplicate");
    auto pub = s.publicity_for("ZS-1");
    ASSERT_TRUE(pub.has_value());
    pub->withdrawn_at = at(50);
    ASSERT_TRUE(s.update_publicity(*pub).ok());
    EXPECT_EQ(s.publicity_for("ZS-1")->withdrawn_at, at(50));

    domain::Evaluation e{"ZS-1", "不满意", "等太久", "web-hall", at(60)};
    ASSERT_TRUE(s.put_evaluation(e).ok());
    EXPECT_EQ(s.put_evaluation(e).error().id, "store.duplicate");
    EXPECT_EQ(s.evaluation("ZS-1"), e);

    domain::OutboxMessage m{0, "ZS-1", "13800000000", "decision.approved", "您的申请已通过", at(0), 0, at(0), {}, ""};
    auto mid = s.enqueue(m);
    ASSERT_TRUE(mid.ok());
    auto due = s.due_messages(at(1), 10);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].recipient, "13800000000");
    due[0].sent_at = at(2);
    ASSERT_TRUE(s.update_message(due[0]).ok());
    EXPECT_TRUE(s.due_messages(at(3), 10).empty());
  });
  auto c = connect(db_->url());
  EXPECT_EQ(query(*c, "SELECT recipient_enc FROM outbox")[0].text(0).find("13800000000"), std::string::npos);
  EXPECT_EQ(query(*c, "SELECT holder_id_enc FROM certificates")[0].text(0).find("11010519491231002X"), std::string::npos);
}

}  // namespace
}  // namespace zhishen::store::testing
