// TOTP and HOTP against RFC 6238 appendix B (SHA-1) and RFC 4226 appendix D, base32, the ±1 step
// window, and the provisioning URI.
#include "zhishen/crypto/totp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace zhishen::crypto {
namespace {

const std::string kRfcKey = "12345678901234567890";
const std::string kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";  // base32 of kRfcKey

Instant at(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

TEST(Hotp, MatchesRfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t c = 0; c < 10; ++c) EXPECT_EQ(hotp_code(kRfcKey, c), expected[c]) << c;
}

TEST(Totp, MatchesRfc6238AppendixBSha1) {
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [t, code] : vectors) {
    EXPECT_EQ(hotp_code(kRfcKey, static_cast<std::uint64_t>(totp_step(at(t))), 8), code) << t;
    // The 6-digit code is the last six digits of the 8-digit one.
    EXPECT_EQ(*totp_code(kRfcSecret, at(t)), std::string(code).substr(2)) << t;
  }
}

TEST(Totp, StepsAreThirtySeconds) {
  EXPECT_EQ(totp_step(at(0)), 0);
  EXPECT_EQ(totp_step(at(29)), 0);
  EXPECT_EQ(totp_step(at(30)), 1);
  EXPECT_EQ(totp_step(at(1111111109)), 37037036);
}

TEST(Totp, AcceptsOneStepEitherSideAndSaysWhichStep) {
  const Instant now = at(1234567890);
  const std::int64_t step = totp_step(now);
  EXPECT_EQ(verify_totp(kRfcSecret, *totp_code(kRfcSecret, now), now), step);
  EXPECT_EQ(verify_totp(kRfcSecret, *totp_code(kRfcSecret, now - std::chrono::seconds(30)), now), step - 1);
  EXPECT_EQ(verify_totp(kRfcSecret, *totp_code(kRfcSecret, now + std::chrono::seconds(30)), now), step + 1);
  EXPECT_FALSE(verify_totp(kRfcSecret, *totp_code(kRfcSecret, now - std::chrono::seconds(60)), now));
  EXPECT_FALSE(verify_totp(kRfcSecret, *totp_code(kRfcSecret, now + std::chrono::seconds(60)), now));
}

TEST(Totp, RefusesMalformedCodesAndSecrets) {
  const Instant now = at(1234567890);
  const std::string good = *totp_code(kRfcSecret, now);
  for (const std::string& bad : {std::string(), std::string("12345"), std::string("1234567"), good + " ",
                                 " " + good.substr(1), std::string("abcdef"), std::string("１２３４５６")}) {
    EXPECT_FALSE(verify_totp(kRfcSecret, bad, now)) << bad;
  }
  EXPECT_FALSE(verify_totp("not base32!", good, now));
  EXPECT_FALSE(verify_totp("", good, now));
  EXPECT_EQ(totp_code("0189", now).error().id, "totp.secret.invalid");
}

TEST(Base32, MatchesRfc4648AndIgnoresCaseSpacesAndPadding) {
  const std::pair<const char*, const char*> vectors[] = {{"f", "MY"},         {"fo", "MZXQ"},       {"foo", "MZXW6"},
                                                         {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(plain), encoded);
    EXPECT_EQ(*base32_decode(encoded), plain);
  }
  EXPECT_EQ(base32_encode(kRfcKey), kRfcSecret);
  EXPECT_EQ(*base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), kRfcKey);
  EXPECT_EQ(*base32_decode("MZXW6YQ="), "foob");
  EXPECT_EQ(base32_decode("MZ1W").error().id, "totp.secret.invalid");
  EXPECT_EQ(base32_decode("").error().id, "totp.secret.invalid");
}

TEST(Totp, SecretsAreTwentyRandomBytes) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string s = generate_totp_secret();
    EXPECT_EQ(s.size(), 32u);
    EXPECT_EQ(base32_decode(s)->size(), 20u);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(Totp, ProvisioningUriIsPercentEncoded) {
  EXPECT_EQ(otpauth_uri(kTotpIssuer, "li.ming@fz", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/%E6%99%BA%E5%AE%A1%20Zhishen:li.ming%40fz?secret=JBSWY3DPEHPK3PXP"
            "&issuer=%E6%99%BA%E5%AE%A1%20Zhishen&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace zhishen::crypto
