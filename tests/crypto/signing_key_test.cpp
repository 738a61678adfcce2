// Department signing keys: SM3 against published vectors, SM2-SM3 and ECDSA P-256 round trips,
// tampering, wrong passphrases and keys, and signatures checked by the stock `openssl` command
// line exactly as docs/certificates.md tells a verifier to run it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "support/run_command.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/crypto/signing_key.hpp"

namespace zhishen::crypto {
namespace {

namespace fs = std::filesystem;

std::string bytes_of_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// From OpenSSL's test/recipes/30-test_evp_data/evpmd_sm3.txt (Apache-2.0), which cites
// draft-shen-sm3-hash-01 and draft-shen-sm2-ecdsa-02.
TEST(Sm3, PublishedVectors) {
  EXPECT_EQ(sm3_hex("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  EXPECT_EQ(sm3_hex(bytes_of_hex("6162636461626364616263646162636461626364616263646162636461626364"
                                 "6162636461626364616263646162636461626364616263646162636461626364")),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  EXPECT_EQ(sm3_hex(bytes_of_hex(
                "0090414C494345313233405941484F4F2E434F4D787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E4"
                "9863E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A421DEBD61B62EAB6746434EBC3CC315E32220B"
                "3BADD50BDC4C4E6C147FEDD43D0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A20AE4C7798AA0"
                "F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9"
                "FE0C6BB798E857")),
            "f4a38489e32b45b6f876e3ac2168ca392362dc8f23459c1d1146fc3dbfb7bc9a");
}

class Keys : public ::testing::TestWithParam<SignatureAlgorithm> {};

// GB/T 32918.5-2016 / GM/T 0003.5-2012 Annex A on the recommended curve sm2p256v1, with the default
// identity 1234567812345678 (as ../shared/reference/sm2-sm3/sm2_standard_vectors.json collects it
// from OpenSSL's sm2_internal_test.c): the published signature (r, s) of "message digest" verifies
// with the published public key through our VerifyingKey, and a changed message or s does not.
std::string der_integer(const std::string& big_endian) {
  std::string v = big_endian;
  if (static_cast<unsigned char>(v.front()) & 0x80) v.insert(v.begin(), '\0');
  return std::string{'\x02', static_cast<char>(v.size())} + v;
}

TEST(Sm2, StandardVectorVerifies) {
  const std::string x = bytes_of_hex("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020");
  const std::string y = bytes_of_hex("CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13");
  // SubjectPublicKeyInfo { id-ecPublicKey, sm2p256v1 (1.2.156.10197.1.301) }, uncompressed point.
  const std::string spki = bytes_of_hex("3059301306072A8648CE3D020106082A811CCF5501822D03420004") + x + y;
  std::string pem = "-----BEGIN PUBLIC KEY-----\n" + to_base64(spki) + "\n-----END PUBLIC KEY-----\n";
  auto key = VerifyingKey::load(pem);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key->algorithm(), SignatureAlgorithm::sm2_sm3);
  const std::string r = bytes_of_hex("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3");
  const std::string s = bytes_of_hex("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA");
  const std::string body = der_integer(r) + der_integer(s);
  const std::string sig = std::string{'\x30', static_cast<char>(body.size())} + body;
  EXPECT_TRUE(key->verify("message digest", sig).ok());
  EXPECT_EQ(key->verify("message digesT", sig).error().id, "crypto.signature.invalid");
  std::string other_s = s;
  other_s.back() = static_cast<char>(other_s.back() ^ 1);
  const std::string body2 = der_integer(r) + der_integer(other_s);
  EXPECT_FALSE(key->verify("message digest", std::string{'\x30', static_cast<char>(body2.size())} + body2).ok());
  // Under another signer identity the same signature does not verify (the identity is in ZA).
  auto alice = VerifyingKey::load(pem, "ALICE123@YAHOO.COM");
  ASSERT_TRUE(alice.ok());
  EXPECT_FALSE(alice->verify("message digest", sig).ok());
}

TEST_P(Keys, SignVerifyTamperAndWrongKeys) {
  auto pair = generate_key_pair(GetParam(), "correct horse battery");
  ASSERT_TRUE(pair.ok());
  EXPECT_NE(pair->private_pem.find("BEGIN ENCRYPTED PRIVATE KEY"), std::string::npos);
  EXPECT_NE(pair->public_pem.find("BEGIN PUBLIC KEY"), std::string::npos);
  EXPECT_EQ(generate_key_pair(GetParam(), "short").error().id, "crypto.key.passphrase");
  EXPECT_EQ(SigningKey::load(pair->private_pem, "wrong passphrase").error().id, "crypto.key.passphrase");
  auto key = SigningKey::load(pair->private_pem, "correct horse battery");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->algorithm(), GetParam());
  auto pub = VerifyingKey::load(pair->public_pem);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->algorithm(), GetParam());
  const std::string message = R"({"cert_no":"DZZZ-2026-000001","holder":"福州鑫悦便利连锁有限公司"})";
  const std::string sig = key->sign(message);
  EXPECT_TRUE(pub->verify(message, sig).ok());
  std::string changed = message;
  changed[10] = '9';
  EXPECT_EQ(pub->verify(changed, sig).error().id, "crypto.signature.invalid");
  std::string bad_sig = sig;
  bad_sig[bad_sig.size() / 2] = static_cast<char>(bad_sig[bad_sig.size() / 2] ^ 0x01);
  EXPECT_EQ(pub->verify(message, bad_sig).error().id, "crypto.signature.invalid");
  auto other = VerifyingKey::load(generate_key_pair(GetParam(), "another passphrase")->public_pem);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->verify(message, sig).error().id, "crypto.signature.invalid");
  EXPECT_EQ(VerifyingKey::load("not a key").error().id, "crypto.key.invalid");
  EXPECT_EQ(pub->verify(message, "").error().id, "crypto.signature.invalid");
}

TEST_P(Keys, StockOpensslVerifiesOurSignatures) {
  auto pair = generate_key_pair(GetParam(), "correct horse battery");
  ASSERT_TRUE(pair.ok());
  auto key = SigningKey::load(pair->private_pem, "correct horse battery");
  ASSERT_TRUE(key.ok());
  const fs::path dir = fs::temp_directory_path() / ("zhishen-sign-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string message = "证照编号 DZZZ-2026-000001";
  std::ofstream(dir / "pub.pem") << pair->public_pem;
  std::ofstream(dir / "msg.bin", std::ios::binary) << message;
  std::ofstream(dir / "sig.der", std::ios::binary) << key->sign(message);
  std::ofstream(dir / "bad.bin", std::ios::binary) << message + ".";
  const bool sm2 = GetParam() == SignatureAlgorithm::sm2_sm3;
  auto openssl_verify = [&](const char* file) {
    const std::string cmd = std::string("cd '") + dir.string() + "' && openssl dgst " + (sm2 ? "-sm3" : "-sha256") +
                            " -verify pub.pem -signature sig.der" +
                            (sm2 ? " -sigopt distid:1234567812345678" : "") + " " + file + " 2>&1";
    return zhishen::testing::run_command(cmd);
  };
  EXPECT_NE(openssl_verify("msg.bin").find("Verified OK"), std::string::npos) << openssl_verify("msg.bin");
  EXPECT_NE(openssl_verify("bad.bin").find("Verification failure"), std::string::npos);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Algorithms, Keys,
                         ::testing::Values(SignatureAlgorithm::sm2_sm3, SignatureAlgorithm::ecdsa_p256_sha256),
                         [](const auto& param_info) {
                           return param_info.param == SignatureAlgorithm::sm2_sm3 ? std::string("Sm2Sm3") : std::string("P256");
                         });

}  // namespace
}  // namespace zhishen::crypto
