// Hashes and HMAC against published vectors (FIPS 180-2, RFC 4231), hex, comparison, randomness.
#include "zhishen/crypto/hash.hpp"

#include <gtest/gtest.h>

#include <set>

#include "zhishen/crypto/fault.hpp"

namespace zhishen::crypto {
namespace {

std::string bytes(std::size_t n, char c) { return std::string(n, c); }

TEST(Sha256, MatchesFips180Vectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const auto raw = sha256("abc");
  EXPECT_EQ(raw[0], 0xba);
  EXPECT_EQ(raw[31], 0xad);
  EXPECT_EQ(to_hex(raw), sha256_hex("abc"));
}

TEST(HmacSha256, MatchesRfc4231TestCases1To4) {
  EXPECT_EQ(hmac_sha256_hex(bytes(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256_hex(bytes(20, '\xaa'), bytes(50, '\xdd')),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  std::string key4;
  for (char c = 1; c <= 25; ++c) key4 += c;
  EXPECT_EQ(hmac_sha256_hex(key4, bytes(50, '\xcd')),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
}

TEST(HmacSha256, AcceptsEmptyKeyAndData) {
  // openssl dgst -sha256 -hmac '' < /dev/null
  EXPECT_EQ(hmac_sha256_hex("", ""), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(Hex, RoundTripsAllBytes) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  const std::string hex = to_hex(all);
  EXPECT_EQ(hex.substr(0, 8), "00010203");
  EXPECT_EQ(hex.substr(hex.size() - 4), "feff");
  auto back = from_hex(hex);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, all);
  EXPECT_EQ(*from_hex("ABcd"), "\xab\xcd");
  EXPECT_EQ(*from_hex(""), "");
}

TEST(Hex, RejectsOddLengthAndNonHexDigits) {
  for (const char* bad : {"a", "abc", "zz", "0g", " 00", "00 ", "0x00", "ａａ"}) {
    auto r = from_hex(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().id, "crypto.hex.invalid") << bad;
  }
}

TEST(Hex, ErrorMessageDoesNotEchoTheInput) {
  auto r = from_hex("00112233445566778899aabbccddeeffXX");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find("0011223344"), std::string::npos) << r.error().message;
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(RandomBytes, GivesTheRequestedLengthAndVaries) {
  EXPECT_EQ(random_bytes(0), "");
  EXPECT_EQ(random_bytes(1000).size(), 1000u);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(random_bytes(16));
  EXPECT_EQ(seen.size(), 100u);
}

TEST(CryptoFault, CarriesTheInternalId) {
  const CryptoFault fault("EVP_CIPHER_CTX_new failed");
  EXPECT_EQ(fault.id(), "crypto.internal");
  EXPECT_STREQ(fault.what(), "EVP_CIPHER_CTX_new failed");
}

}  // namespace
}  // namespace zhishen::crypto
