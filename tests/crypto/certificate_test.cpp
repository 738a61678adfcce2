// E-certificates end to end below the server: department key rings (rotation keeps old public keys,
// the newest key signs), a case's certificate issued through the Signer port, its signed file
// checked with the public key alone, one changed byte caught, and the verdicts.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "zhishen/certificates/certificate.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/crypto/key_ring.hpp"
#include "zhishen/crypto/signed_envelope.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::crypto {
namespace {

namespace fs = std::filesystem;

const std::string kPass = "correct horse battery";

class KeyRingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("zhishen-keyring-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

Instant at(int h, int m, int s) {
  return Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} + std::chrono::hours{h} +
                 std::chrono::minutes{m} + std::chrono::seconds{s}};
}

domain::CaseFile sample_case() {
  domain::CaseFile f;
  f.case_no = "ZS20261122ABCD1234";
  f.item_code = "350100-SCJG-XK-0001";
  f.applicant = {"person", "张三", "citizen_id", "350102199001011234", "13800000000", "福州市", "mid_high"};
  f.application = json::Object{{"form", json::Object{{"operator_name", "张三"},
                                                     {"operator_id_number", "350102199001011234"},
                                                     {"premises_address", "福州市鼓楼区五四路1号"},
                                                     {"is_residential", false},
                                                     {"business_scope", json::Array{"预包装食品销售", "日用百货"}},
                                                     {"employees", 3}}}};
  return f;
}

certificates::IssueFacts facts(Instant now, std::optional<int> years) {
  certificates::IssueFacts x;
  x.item_name = "个体工商户设立登记";
  x.certificate_type = "营业执照（个体工商户）";
  x.form_fields = json::parse(
                      R"([{"name":"operator_name","label":"经营者姓名"},{"name":"operator_id_number","label":"经营者公民身份号码"},
                          {"name":"premises_address","label":"经营场所"},{"name":"is_residential","label":"是否将住宅改变为经营性用房"},
                          {"name":"business_scope","label":"经营范围"},{"name":"employees","label":"从业人员人数"},
                          {"name":"absent","label":"未填"}])")
                      .value();
  x.issuer = {"FZ-SCJG", "福州市市场监督管理局", "11350100MB0P7K3D1B"};
  x.validity_years = years;
  x.now = now;
  return x;
}

TEST_F(KeyRingTest, RotationSignsWithTheNewestKeyAndOldSignaturesStillVerify) {
  auto old_id = generate_department_key(dir_, "FZ-SCJG", SignatureAlgorithm::sm2_sm3, kPass, at(1, 0, 0));
  ASSERT_TRUE(old_id.ok()) << old_id.error().message;
  EXPECT_EQ(*old_id, "FZ-SCJG-20261122T010000Z");
  EXPECT_EQ(fs::status(dir_ / "FZ-SCJG" / (*old_id + ".key.pem")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  auto ring = KeyRing::load(dir_, kPass);
  ASSERT_TRUE(ring.ok());
  const ports::Bytes msg = {'a', 'b', 'c'};
  auto first = ring->sign("FZ-SCJG", msg);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->key_id, *old_id);
  EXPECT_EQ(first->algorithm, "SM2-SM3");

  auto new_id = generate_department_key(dir_, "FZ-SCJG", SignatureAlgorithm::ecdsa_p256_sha256, kPass, at(2, 0, 0));
  ASSERT_TRUE(new_id.ok());
  fs::remove(dir_ / "FZ-SCJG" / (*old_id + ".key.pem"));  // the old private key retired, its public key kept
  auto rotated = KeyRing::load(dir_, kPass);
  ASSERT_TRUE(rotated.ok());
  auto second = rotated->sign("FZ-SCJG", msg);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->key_id, *new_id);
  EXPECT_EQ(second->algorithm, "ECDSA-P256-SHA256");
  EXPECT_TRUE(rotated->verify(msg, *first).ok()) << "a certificate signed before the rotation stays valid";
  EXPECT_TRUE(rotated->verify(msg, *second).ok());
  EXPECT_EQ(rotated->department_of(*old_id), "FZ-SCJG");
  ASSERT_EQ(rotated->public_keys().size(), 2u);
  EXPECT_TRUE(rotated->public_keys()[1].signing);

  ports::Signature forged = *second;
  forged.value[forged.value.size() / 2] ^= 0x01;
  EXPECT_EQ(rotated->verify(msg, forged).error().id, "signer.bad_signature");
  forged = *first;
  forged.key_id = "FZ-SCJG-19990101T000000Z";
  EXPECT_EQ(rotated->verify(msg, forged).error().id, "signer.unknown_key");
  forged = *first;
  forged.algorithm = "ECDSA-P256-SHA256";
  EXPECT_EQ(rotated->verify(msg, forged).error().id, "signer.bad_signature");
  EXPECT_EQ(rotated->sign("FZ-WJW", msg).error().id, "signer.no_key");
}

TEST_F(KeyRingTest, KeysUnderAnotherPassphraseVerifyButDoNotSign) {
  ASSERT_TRUE(generate_department_key(dir_, "FZ-WJW", SignatureAlgorithm::sm2_sm3, kPass, at(1, 0, 0)).ok());
  auto ring = KeyRing::load(dir_, "another passphrase");
  ASSERT_TRUE(ring.ok());
  EXPECT_FALSE(ring->can_sign("FZ-WJW"));
  EXPECT_EQ(ring->public_keys().size(), 1u);
  EXPECT_TRUE(KeyRing::load(dir_ / "absent", kPass).ok()) << "no key directory: a ring that signs nothing";
  EXPECT_EQ(generate_department_key(dir_, "../etc", SignatureAlgorithm::sm2_sm3, kPass, at(1, 0, 0)).error().id,
            "keys.department.invalid");
  EXPECT_EQ(generate_department_key(dir_, "FZ-WJW", SignatureAlgorithm::sm2_sm3, "short", at(3, 0, 0)).error().id,
            "crypto.key.passphrase");
  EXPECT_EQ(generate_department_key(dir_, "FZ-WJW", SignatureAlgorithm::sm2_sm3, kPass, at(1, 0, 0)).error().id,
            "crypto.key.exists");
}

TEST_F(KeyRingTest, PassphraseFilesAreMadeSecretAndReadBack) {
  const fs::path file = dir_ / "signing.pass";
  ASSERT_TRUE(generate_passphrase_file(file).ok());
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  auto pass = read_passphrase_file(file);
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->size(), 32u);
  EXPECT_EQ(generate_passphrase_file(file).error().id, "crypto.key.exists");
  ::chmod(file.c_str(), 0644);
  EXPECT_EQ(read_passphrase_file(file).error().id, "crypto.key.permissions");
  EXPECT_EQ(read_passphrase_file(dir_ / "none").error().id, "crypto.key.missing");
}

TEST_F(KeyRingTest, AnIssuedCertificateVerifiesWithThePublicKeyAloneAndOneChangedByteIsCaught) {
  ASSERT_TRUE(generate_department_key(dir_, "FZ-SCJG", SignatureAlgorithm::sm2_sm3, kPass, at(1, 0, 0)).ok());
  auto ring = KeyRing::load(dir_, kPass);
  ASSERT_TRUE(ring.ok());
  auto cert = certificates::issue(sample_case(), facts(at(3, 0, 0), 3), *ring);
  ASSERT_TRUE(cert.ok()) << cert.error().message;
  EXPECT_EQ(cert->cert_no, "ZZ20261122ABCD1234");
  EXPECT_EQ(certificates::case_number_of(cert->cert_no), "ZS20261122ABCD1234");
  const json::Value& body = cert->content;
  EXPECT_EQ(body.find("valid_until")->as_string(), "2029-11-21");  // three years, less a day
  EXPECT_EQ(body.find("issued_on")->as_string(), "2026-11-22");
  const std::string lines = json::to_json(*body.find("content"));
  EXPECT_NE(lines.find("预包装食品销售；日用百货"), std::string::npos) << lines;
  EXPECT_NE(lines.find("\"否\""), std::string::npos);
  EXPECT_EQ(lines.find("350102199001011234"), std::string::npos) << "identity numbers only in holder";
  EXPECT_EQ(lines.find("未填"), std::string::npos);

  const std::string pem = ring->public_keys().at(0).pem;
  SignedEnvelope e{std::string(kCertificateFormat), cert->content,
                   {cert->key_id, cert->algorithm, ports::Bytes(cert->signature.begin(), cert->signature.end())},
                   std::string(kDefaultSm2Id)};
  const std::string file = json::to_json_pretty(envelope_json(e));
  auto read = read_envelope(file, kCertificateFormat);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_TRUE(verify_envelope(*read, pem).ok());

  std::string changed = file;
  const std::size_t name = changed.find("张三");
  ASSERT_NE(name, std::string::npos);
  changed.replace(name, std::string("张三").size(), "张四");
  auto tampered = read_envelope(changed, kCertificateFormat);
  ASSERT_TRUE(tampered.ok());
  EXPECT_EQ(verify_envelope(*tampered, pem).error().id, "crypto.signature.invalid");
  const Date today{2026, 11, 22};
  EXPECT_EQ(certificates::judge(verify_envelope(*tampered, pem), tampered->body, std::nullopt, today),
            certificates::Verdict::tampered);
  EXPECT_EQ(certificates::judge({}, body, std::nullopt, today), certificates::Verdict::valid);
  EXPECT_EQ(certificates::judge({}, body, at(4, 0, 0), today), certificates::Verdict::revoked);
  EXPECT_EQ(certificates::judge({}, body, std::nullopt, Date{2029, 11, 21}), certificates::Verdict::valid);
  EXPECT_EQ(certificates::judge({}, body, std::nullopt, Date{2029, 11, 22}), certificates::Verdict::expired);

  auto forever = certificates::issue(sample_case(), facts(at(3, 0, 0), std::nullopt), *ring);
  ASSERT_TRUE(forever.ok());
  EXPECT_TRUE(forever->content.find("valid_until")->is_null());
  EXPECT_EQ(certificates::judge({}, forever->content, std::nullopt, Date{2099, 1, 1}), certificates::Verdict::valid);
}

TEST(SignedEnvelope, BadFilesAreRefusedWithTheirIds) {
  EXPECT_EQ(read_envelope("not json", kCertificateFormat).error().id, "envelope.invalid");
  EXPECT_EQ(read_envelope("[]", kCertificateFormat).error().id, "envelope.invalid");
  EXPECT_EQ(read_envelope(R"({"format":"zhishen-revocation-list/1","body":{},"signature":{}})", kCertificateFormat)
                .error()
                .id,
            "envelope.format");
  EXPECT_EQ(read_envelope(R"({"format":"zhishen-certificate/1","body":{}})", kCertificateFormat).error().id,
            "envelope.invalid");
  EXPECT_EQ(read_envelope(R"({"format":"zhishen-certificate/1","body":{},
                              "signature":{"algorithm":"SM2-SM3","key_id":"k","value":"***"}})",
                          kCertificateFormat)
                .error()
                .id,
            "envelope.invalid");
  EXPECT_EQ(read_envelope(R"({"format":"zhishen-certificate/1","body":1,
                              "signature":{"algorithm":"SM2-SM3","key_id":"k","value":"AAAA"}})",
                          kCertificateFormat)
                .error()
                .id,
            "envelope.invalid");
}

TEST(Base64, RoundTripsAndRefusesMalformedText) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    auto back = from_base64(to_base64(s));
    ASSERT_TRUE(back.ok()) << s;
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(to_base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(to_base64("fo"), "Zm8=");
  for (std::string bad : {"Zm8", "Zm=8", "Z===", "Zm 8", "Zm8=\n"}) {
    EXPECT_EQ(from_base64(bad).error().id, "crypto.base64.invalid") << bad;
  }
}

}  // namespace
}  // namespace zhishen::crypto
