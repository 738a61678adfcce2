// E-certificates over the real socket, on SQLite and MariaDB: issued when the re-check confirms an
// approval (before the case completes), verified by number and as a presented file, one changed
// byte caught, the signature checked by stock openssl, recalled with the publicity withdrawn when
// the decision is revoked, the signed revocation list, publicity published by a reviewer, the
// certificate number found in the inbox, and bad requests refused with their ids.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "casework_fixture.hpp"
#include "cli/cli_runner.hpp"
#include "rate_limiter.hpp"
#include "support/run_command.hpp"
#include "zhishen/crypto/key_ring.hpp"
#include "zhishen/crypto/signed_envelope.hpp"
#include "zhishen/json/canonical.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server::testing {
namespace {

namespace fs = std::filesystem;

// `zhishen cert verify ...` in process: its exit status, and what it printed in `out`.
int cli(const std::vector<std::string>& args, std::string& out) {
  const auto o = cli::testing::run_cli(args);
  out = o.out + o.err;
  return o.rc;
}

// A scratch directory for files a verifier holds.
struct Scratch {
  explicit Scratch(const std::string& tag)
      : dir(fs::temp_directory_path() / ("zhishen-cert-" + std::to_string(::getpid()) + "-" + tag)) {
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string put(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  }
  fs::path dir;
};

class Certificates : public CaseworkTest {
 protected:
  // An approved hygiene-licence case (FZ-WJW, e-certificate, publicity) confirmed at re-check.
  std::string issued_case() {
    const std::string no = submit(kHygieneItem, "approved_hotel_with_central_ac.json");
    auto done = act(no, "confirm_recheck", other_reviewer_);
    EXPECT_EQ(done.status, 200) << done.text;
    return no;
  }
  std::string cert_no_of(const std::string& case_no) {
    auto c = get("/api/v1/cases/" + case_no, other_reviewer_.token);
    const json::Value* cert = c.body.find("certificate");
    return cert != nullptr && cert->is_object() ? cert->find("no")->as_string() : std::string();
  }
  std::string verdict(const std::string& cert_no) {
    auto r = server_->call("GET", "/api/v1/certificates/" + cert_no + "/verify");
    EXPECT_EQ(r.status, 200) << r.text;
    return r.body.find("verdict") != nullptr ? r.body.find("verdict")->as_string() : r.text;
  }
  Reply present(const std::string& file) {
    return server_->call("POST", "/api/v1/certificates/verify", file, "", {{"Content-Type", "application/json"}});
  }
  std::string public_pem(const std::string& key_id) {
    auto keys = server_->call("GET", "/api/v1/certificates/keys");
    for (const auto& k : keys.body.find("keys")->as_array()) {
      if (k.find("key_id")->as_string() == key_id) return k.find("pem")->as_string();
    }
    return {};
  }
};

TEST_P(Certificates, TheRecheckIssuesASignedCertificateBeforeTheCaseCompletes) {
  const std::string no = issued_case();
  auto c = get("/api/v1/cases/" + no, other_reviewer_.token);
  EXPECT_EQ(c.body.find("state")->as_string(), "completed");
  std::vector<std::string> actions;
  for (const auto& h : c.body.find("history")->as_array()) actions.push_back(h.find("action")->as_string());
  const auto issue = std::find(actions.begin(), actions.end(), "issue_certificate");
  ASSERT_NE(issue, actions.end()) << c.text;
  EXPECT_EQ(*(issue + 1), "complete") << "the certificate comes before 办结 (001 Art.19)";
  const json::Value& cert = *c.body.find("certificate");
  ASSERT_TRUE(cert.is_object()) << c.text;
  const std::string cert_no = cert.find("no")->as_string();
  EXPECT_EQ(cert_no, "ZZ" + no.substr(2));
  EXPECT_EQ(cert.find("state")->as_string(), "valid");
  EXPECT_EQ(cert.find("type")->as_string(), "公共场所卫生许可证");
  EXPECT_EQ(cert.find("algorithm")->as_string(), "SM2-SM3");
  EXPECT_FALSE(cert.find("valid_until")->is_null()) << "the hygiene licence runs four years";
  const json::Value& pub = *c.body.find("publicity");
  ASSERT_TRUE(pub.is_object()) << c.text;
  EXPECT_EQ(pub.find("state")->as_string(), "pending");
  EXPECT_EQ(verdict(cert_no), "valid");

  // The signed file: valid as presented; one changed byte in a field or the signature: tampered.
  auto file = get("/api/v1/certificates/" + cert_no, other_reviewer_.token);
  ASSERT_EQ(file.status, 200) << file.text;
  EXPECT_EQ(get("/api/v1/certificates/" + cert_no, reviewer_.token).error_id(), "certificate.not_found")
      << "another department's staff do not get the file";
  auto as_presented = present(file.text);
  ASSERT_EQ(as_presented.status, 200) << as_presented.text;
  EXPECT_EQ(as_presented.body.find("verdict")->as_string(), "valid");
  std::string changed = file.text;
  const std::size_t at = changed.find("\"issued_on\": \"") + 14 + 9;  // the last digit of the issue date
  changed[at] = changed[at] == '1' ? '2' : '1';
  EXPECT_EQ(present(changed).body.find("verdict")->as_string(), "tampered");
  auto env = crypto::read_envelope(file.text, crypto::kCertificateFormat);
  ASSERT_TRUE(env.ok());
  crypto::SignedEnvelope forged = *env;
  forged.signature.value[10] ^= 0x01;
  EXPECT_EQ(present(json::to_json(crypto::envelope_json(forged))).body.find("verdict")->as_string(), "tampered");
  std::string infinite = file.text;  // a number with no canonical form (it overflows to infinity)
  infinite.replace(infinite.find("\"body\": {"), 9, "\"body\": {\"extra\": 1e999,");
  auto inf = present(infinite);
  ASSERT_EQ(inf.status, 200) << inf.text;
  EXPECT_EQ(inf.body.find("verdict")->as_string(), "tampered");

  // The offline CLI: valid with the department's public key; the changed file is tampered.
  Scratch scratch("cli-" + GetParam());
  const std::string pem = scratch.put("dept.pem", public_pem(env->signature.key_id));
  std::string said;
  EXPECT_EQ(cli({"cert", "verify", scratch.put("c.json", file.text), "--pubkey", pem}, said), 0) << said;
  EXPECT_EQ(said.rfind("valid: " + cert_no, 0), 0u) << said;
  EXPECT_EQ(cli({"cert", "verify", scratch.put("t.json", changed), "--pubkey", pem}, said), 1) << said;
  EXPECT_EQ(said.rfind("tampered: ", 0), 0u) << said;
  EXPECT_EQ(cli({"cert", "verify", scratch.put("c2.json", file.text), "--pubkey", pem, "--today", "2099-01-01"}, said), 1);
  EXPECT_EQ(said.rfind("expired: ", 0), 0u) << said;
  EXPECT_EQ(cli({"cert", "verify", scratch.put("bad.json", "{}"), "--pubkey", pem}, said), 1);
  EXPECT_NE(said.find("envelope.invalid"), std::string::npos) << said;
  EXPECT_EQ(cli({"cert", "verify", "--pubkey", pem}, said), 2);

  // Stock openssl verifies the department's signature over the canonical body (docs/certificates.md).
  const fs::path dir = fs::temp_directory_path() / ("zhishen-cert-" + std::to_string(::getpid()) + GetParam());
  fs::create_directories(dir);
  std::ofstream(dir / "pub.pem") << public_pem(env->signature.key_id);
  std::ofstream(dir / "body.json", std::ios::binary) << json::canonical(env->body).value();
  std::ofstream(dir / "sig.der", std::ios::binary)
      << std::string(env->signature.value.begin(), env->signature.value.end());
  const std::string verify = "openssl dgst -sm3 -verify '" + (dir / "pub.pem").string() + "' -signature '" +
                             (dir / "sig.der").string() + "' -sigopt distid:1234567812345678 '" +
                             (dir / "body.json").string() + "' 2>&1";
  EXPECT_NE(zhishen::testing::run_command(verify).find("Verified OK"), std::string::npos);
  std::ofstream(dir / "body.json", std::ios::binary) << json::canonical(forged.body).value() << " ";
  EXPECT_NE(zhishen::testing::run_command(verify).find("Verification failure"), std::string::npos);
  fs::remove_all(dir);

  // The printed certificate: a real PDF with its number, holder and issuer; the approver's copy has the
  // holder's number in clear.
  auto pdf = get("/api/v1/cases/" + no + "/documents/certificate.pdf", other_approver_.token);
  ASSERT_EQ(pdf.status, 200) << pdf.text.substr(0, 300);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  const fs::path pdf_file = fs::temp_directory_path() / ("zhishen-cert-" + std::to_string(::getpid()) + GetParam() + ".pdf");
  std::ofstream(pdf_file, std::ios::binary) << pdf.text;
  EXPECT_NE(zhishen::testing::run_command("qpdf --check '" + pdf_file.string() + "' 2>&1").find("No syntax or stream encoding errors"),
            std::string::npos);
  std::string text;
  for (char ch : zhishen::testing::run_command("pdftotext '" + pdf_file.string() + "' -")) {
    if (ch != ' ' && ch != '\n') text += ch;
  }
  fs::remove(pdf_file);
  for (const std::string& expected : {cert_no, std::string("公共场所卫生许可证"), std::string("福州市卫生健康委员会")}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/certificate.pdf", other_reviewer_.token).status, 200);

  // The inbox finds the case by its certificate number.
  auto found = get("/api/v1/inbox?q=" + cert_no, other_reviewer_.token);
  ASSERT_EQ(found.status, 200) << found.text;
  ASSERT_EQ(found.body.find("cases")->as_array().size(), 1u);
  EXPECT_EQ(found.body.find("cases")->as_array()[0].find("case_no")->as_string(), no);
}

TEST_P(Certificates, RevokingRecallsTheCertificateAndWithdrawsThePublicityInOneStep) {
  const std::string no = issued_case();
  const std::string cert_no = cert_no_of(no);
  ASSERT_FALSE(cert_no.empty());
  auto file = get("/api/v1/certificates/" + cert_no, other_reviewer_.token).text;
  const json::Object revoke{{"reason", "申请人隐瞒卫生检测不合格情况"}, {"legal_basis", "《行政许可法》第六十九条"}};
  auto r = act(no, "revoke", other_approver_, revoke);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body.find("certificate")->find("state")->as_string(), "revoked");
  EXPECT_EQ(r.body.find("publicity")->find("state")->as_string(), "withdrawn");
  auto v = server_->call("GET", "/api/v1/certificates/" + cert_no + "/verify");
  EXPECT_EQ(v.body.find("verdict")->as_string(), "revoked");
  EXPECT_EQ(v.body.find("revoke_reason")->as_string(), "申请人隐瞒卫生检测不合格情况");
  EXPECT_FALSE(v.body.find("revoked_at")->is_null());
  EXPECT_EQ(present(file).body.find("verdict")->as_string(), "revoked") << "the file the holder kept is revoked too";

  // The department's revocation list names it and is signed with the department's key.
  auto list = server_->call("GET", "/api/v1/certificates/revoked?department=FZ-WJW");
  ASSERT_EQ(list.status, 200) << list.text;
  auto env = crypto::read_envelope(list.text, crypto::kRevocationListFormat);
  ASSERT_TRUE(env.ok()) << list.text;
  EXPECT_TRUE(crypto::verify_envelope(*env, public_pem(env->signature.key_id)).ok());
  const auto& entries = env->body.find("entries")->as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].find("no")->as_string(), cert_no);
  auto empty = server_->call("GET", "/api/v1/certificates/revoked?department=FZ-SCJG");
  ASSERT_EQ(empty.status, 200);
  EXPECT_TRUE(empty.body.find("body")->find("entries")->as_array().empty());
  EXPECT_EQ(server_->call("GET", "/api/v1/certificates/revoked?department=NOPE").error_id(), "department.not_found");
  EXPECT_EQ(server_->call("GET", "/api/v1/certificates/revoked").error_id(), "department.not_found");

  // Offline: the holder's file checked against the signed list says revoked, with date and reason.
  Scratch scratch("list-" + GetParam());
  std::string said;
  const std::vector<std::string> verify = {"cert", "verify", scratch.put("c.json", file), "--pubkey",
                                           scratch.put("dept.pem", public_pem(env->signature.key_id)), "--revoked",
                                           scratch.put("list.json", list.text)};
  EXPECT_EQ(cli(verify, said), 1) << said;
  EXPECT_EQ(said.rfind("revoked: " + cert_no, 0), 0u) << said;
  EXPECT_NE(said.find("申请人隐瞒卫生检测不合格情况"), std::string::npos) << said;
  std::string forged_list = list.text;
  forged_list.replace(forged_list.find(cert_no), cert_no.size(), "ZZ00000000FFFFFFFF");
  std::vector<std::string> forged = verify;
  forged.back() = scratch.put("forged.json", forged_list);
  EXPECT_EQ(cli(forged, said), 1);
  EXPECT_NE(said.find("cert.revocation_list.invalid"), std::string::npos) << said;

  // The publicity record says 撤销 in the national 当前状态 field.
  std::optional<domain::PublicityRecord> p;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    p = tx.supervision().publicity_for(no);
    return {};
  });
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->fields.find("XK_ZT")->as_string(), "1");
  EXPECT_EQ(p->fields.find("XK_XKBH")->as_string(), cert_no);
}

TEST_P(Certificates, AReviewerPublishesThePublicityRecord) {
  const std::string no = issued_case();
  auto before = get("/api/v1/cases/" + no, other_reviewer_.token);
  const std::string actions = json::to_json(*before.body.find("available_actions"));
  EXPECT_NE(actions.find("publicise"), std::string::npos) << actions;
  EXPECT_EQ(before.body.find("light")->as_string(), "green") << "publicity is due in 7 working days";
  auto done = act(no, "publicise", other_reviewer_);
  ASSERT_EQ(done.status, 200) << done.text;
  EXPECT_EQ(done.body.find("state")->as_string(), "publicised");
  EXPECT_EQ(done.body.find("publicity")->find("state")->as_string(), "published");
  EXPECT_EQ(act(no, "publicise", other_reviewer_).error_id(), "case.transition.invalid");
}

TEST_P(Certificates, PublicityExportsInTheNationalFieldOrderAndTheBoardListsWorkOutsideTheSystem) {
  const std::string no = issued_case();
  const std::string cert_no = cert_no_of(no);
  auto csv = get("/api/v1/publicity.csv", other_reviewer_.token);
  ASSERT_EQ(csv.status, 200) << csv.text;
  EXPECT_EQ(csv.text.rfind("\xEF\xBB\xBF行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),", 0), 0u)
      << csv.text.substr(0, 200);
  const std::size_t row = csv.text.find("\r\n") + 2;
  EXPECT_NE(csv.text.find(cert_no, row), std::string::npos) << csv.text;
  EXPECT_NE(csv.text.find("福州市卫生健康委员会", row), std::string::npos);
  EXPECT_EQ(get("/api/v1/publicity.csv", reviewer_.token).text.find(cert_no), std::string::npos)
      << "another department's records are not exported to FZ-SCJG";
  EXPECT_EQ(get("/api/v1/publicity.csv?state=withdrawn", other_reviewer_.token).text.find(cert_no), std::string::npos);
  EXPECT_EQ(get("/api/v1/publicity.csv?state=bogus", other_reviewer_.token).error_id(), "publicity.request.invalid");

  auto clean = get("/api/v1/board", supervisor_.token);
  ASSERT_EQ(clean.status, 200);
  EXPECT_TRUE(clean.body.find("outside_system")->as_array().empty()) << clean.text.substr(0, 400);
  // A certificate and a publicity record that no case in the system produced (体外循环).
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    domain::Certificate ghost;
    ghost.cert_no = "ZZ20260101GHOST001";
    ghost.case_no = "ZS20260101GHOST001";
    ghost.department_code = "FZ-WJW";
    ghost.type = "公共场所卫生许可证";
    ghost.content = json::Object{};
    ghost.issued_at = server_->ctx().now();
    ghost.algorithm = "SM2-SM3";
    EXPECT_TRUE(tx.supervision().put_certificate(ghost).ok());
    EXPECT_TRUE(tx.supervision().put_publicity({0, "ZS20260101GHOST002", "FZ-SCJG", json::Object{}, ghost.issued_at,
                                                std::nullopt, std::nullopt}).ok());
    return {};
  });
  auto board = get("/api/v1/board", supervisor_.token);
  const std::string outside = json::to_json(*board.body.find("outside_system"));
  EXPECT_NE(outside.find("\"kind\":\"certificate_without_case\",\"ref\":\"ZZ20260101GHOST001\""), std::string::npos)
      << outside;
  EXPECT_NE(outside.find("\"kind\":\"publicity_without_case\",\"ref\":\"ZS20260101GHOST002\""), std::string::npos)
      << outside;
  EXPECT_EQ(json::to_json(*get("/api/v1/board", other_reviewer_.token).body.find("outside_system")).find("GHOST002"),
            std::string::npos)
      << "a department sees its own";
}

TEST_P(Certificates, BadVerificationRequestsAreRefusedWithTheirIds) {
  EXPECT_EQ(server_->call("GET", "/api/v1/certificates/ZZ20260101FFFFFFFF/verify").error_id(),
            "certificate.not_found");
  EXPECT_EQ(present("{\"format\":\"zhishen-certificate/1\"}").error_id(), "envelope.invalid");
  EXPECT_EQ(present("{\"format\":\"something-else\",\"body\":{}}").error_id(), "envelope.format");
  EXPECT_EQ(present("{\"format\":\"zhishen-certificate/1\",\"body\":{\"no\":\"ZZ1\"},"
                    "\"signature\":{\"algorithm\":\"SM2-SM3\",\"key_id\":\"x\",\"value\":\"AAAA\"}}")
                .error_id(),
            "certificate.not_found");
  EXPECT_EQ(present("[1,2]").status, 400);
  EXPECT_EQ(server_->call("GET", "/api/v1/certificates/ZZ1").status, 401) << "the file needs a staff session";
  // An approval of an item without a certificate completes with none.
  const std::string food = submit(kFoodItem, "approved_convenience_store.json");
  ASSERT_EQ(act(food, "confirm_recheck", reviewer_).status, 200);
  EXPECT_TRUE(get("/api/v1/cases/" + food, reviewer_.token).body.find("certificate")->is_null());
  EXPECT_EQ(get("/api/v1/cases/" + food + "/documents/certificate.pdf", reviewer_.token).error_id(),
            "document.not_available");
}

// A department without a signing key: the approval waits in recheck_confirmed; once an
// administrator has generated a key and reloaded, the waiting certificate is issued and the case
// completes (the timer does the same on its next tick).
class CertificatesWithoutKeys : public Certificates {
 protected:
  void configure(ServerConfig& c) override { c.generate_missing_keys = false; }
};

TEST_P(CertificatesWithoutKeys, AnApprovalWaitsForItsDepartmentsKeyAndIsIssuedWhenTheKeyArrives) {
  const std::string no = submit(kHygieneItem, "approved_hotel_with_central_ac.json");
  auto r = act(no, "confirm_recheck", other_reviewer_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body.find("state")->as_string(), "recheck_confirmed");
  EXPECT_TRUE(r.body.find("certificate")->is_null());
  EXPECT_EQ(server_->call("GET", "/api/v1/certificates/revoked?department=FZ-WJW").error_id(), "signer.no_key");

  const ServerConfig& c = server_->ctx().config();
  ASSERT_TRUE(crypto::generate_passphrase_file(c.key_passphrase_file).ok());
  auto pass = crypto::read_passphrase_file(c.key_passphrase_file);
  ASSERT_TRUE(pass.ok());
  ASSERT_TRUE(crypto::generate_department_key(c.key_dir, "FZ-WJW", crypto::SignatureAlgorithm::sm2_sm3, *pass,
                                              server_->ctx().now())
                  .ok());
  EXPECT_EQ(server_->call("POST", "/api/v1/admin/keys/reload", "", other_reviewer_.token).error_id(), "auth.forbidden");
  auto reload = server_->call("POST", "/api/v1/admin/keys/reload", "", admin_.token);
  ASSERT_EQ(reload.status, 200) << reload.text;
  EXPECT_EQ(reload.body.find("issued_waiting")->as_number(), 1);
  auto c2 = get("/api/v1/cases/" + no, other_reviewer_.token);
  EXPECT_EQ(c2.body.find("state")->as_string(), "completed");
  ASSERT_TRUE(c2.body.find("certificate")->is_object());
  EXPECT_EQ(verdict(c2.body.find("certificate")->find("no")->as_string()), "valid");
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/receipt.pdf", other_reviewer_.token).status, 200);
}

TEST(RateLimiter, BucketOfPerMinuteRefillsOverTheMinutePerClient) {
  RateLimiter limit(3);
  const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limit.allow("10.0.0.1", t0)) << i;
  EXPECT_FALSE(limit.allow("10.0.0.1", t0));
  EXPECT_TRUE(limit.allow("10.0.0.2", t0));  // another client has its own bucket
  EXPECT_FALSE(limit.allow("10.0.0.1", t0 + std::chrono::seconds(19)));
  EXPECT_TRUE(limit.allow("10.0.0.1", t0 + std::chrono::seconds(21)));  // one token back in 20 s
  EXPECT_FALSE(limit.allow("10.0.0.1", t0 + std::chrono::seconds(22)));
  EXPECT_EQ(limit.retry_after_seconds(), 20);
  RateLimiter none(0);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(none.allow("10.0.0.1", t0));
}

TEST(RateLimiter, ForgetsFullBucketsRatherThanGrowingWithoutEnd) {
  RateLimiter limit(2);
  const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (std::size_t i = 0; i + 1 < RateLimiter::kMaxClients; ++i) limit.allow("c" + std::to_string(i), t0);
  EXPECT_TRUE(limit.allow("busy", t0 + std::chrono::seconds(50)));
  EXPECT_TRUE(limit.allow("busy", t0 + std::chrono::seconds(50)));
  // The table is full: a new client makes room by dropping the buckets full again (the others'),
  // not the one still empty.
  EXPECT_TRUE(limit.allow("late", t0 + std::chrono::seconds(60)));
  EXPECT_FALSE(limit.allow("busy", t0 + std::chrono::seconds(61)));
}

TEST(CertificateVerify, AClientPastTheLimitIsToldToWait) {
  TestServer server("sqlite", nullptr, [](ServerConfig& c) { c.verify_per_minute = 3; });
  ASSERT_TRUE(server.ok()) << server.reason();
  const std::string path = "/api/v1/certificates/ZZ20260101FFFFFFFF/verify";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(server.call("GET", path).error_id(), "certificate.not_found") << i;
  auto refused = server.call("GET", path);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.error_id(), "request.rate_limited");
  EXPECT_EQ(refused.header("Retry-After"), "20");
  // A presented file counts against the same address; the public keys do not.
  EXPECT_EQ(server.call("POST", "/api/v1/certificates/verify", "{}", "", {{"Content-Type", "application/json"}})
                .error_id(),
            "request.rate_limited");
  EXPECT_EQ(server.call("GET", "/api/v1/certificates/keys").status, 200);
}

// Behind a trusted reverse proxy each client has its own limit (the address the proxy adds to
// X-Forwarded-For); without the setting the header is not believed, so a client cannot escape its
// limit by writing one.
TEST(CertificateVerify, BehindATrustedProxyEachForwardedClientHasItsOwnLimit) {
  const std::string path = "/api/v1/certificates/ZZ20260101FFFFFFFF/verify";
  const auto from = [&](TestServer& s, const std::string& client) {
    return s.call("GET", path, "", "", {{"X-Forwarded-For", "6.6.6.6, " + client}}).error_id();
  };
  {
    TestServer server("sqlite", nullptr, [](ServerConfig& c) {
      c.verify_per_minute = 2;
      c.trusted_proxies = "127.0.0.1";
    });
    ASSERT_TRUE(server.ok()) << server.reason();
    for (int i = 0; i < 2; ++i) EXPECT_EQ(from(server, "198.51.100.1"), "certificate.not_found") << i;
    EXPECT_EQ(from(server, "198.51.100.1"), "request.rate_limited");
    EXPECT_EQ(from(server, "198.51.100.2"), "certificate.not_found");  // another client behind the proxy
    EXPECT_EQ(server.call("GET", path).error_id(), "certificate.not_found");  // the proxy's own address
  }
  {
    TestServer server("sqlite", nullptr, [](ServerConfig& c) { c.verify_per_minute = 2; });
    ASSERT_TRUE(server.ok()) << server.reason();
    for (int i = 0; i < 2; ++i) EXPECT_EQ(from(server, "198.51.100." + std::to_string(i + 1)), "certificate.not_found");
    EXPECT_EQ(from(server, "198.51.100.9"), "request.rate_limited");
  }
}

TEST(ServerStart, ABadTrustedProxyEntryStopsTheStart) {
  TestServer server("sqlite", nullptr, [](ServerConfig& c) { c.trusted_proxies = "127.0.0.1, proxy.example"; });
  EXPECT_FALSE(server.ok());
  EXPECT_NE(server.reason().find("server.config.trusted_proxies"), std::string::npos) << server.reason();
}

INSTANTIATE_TEST_SUITE_P(Backends, CertificatesWithoutKeys, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

INSTANTIATE_TEST_SUITE_P(Backends, Certificates, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
