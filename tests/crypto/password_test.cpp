// Password hashing: scrypt against the RFC 7914 vector, the encoded format, verification, refusal
// of malformed hashes, and the time one default hash takes.
#include "zhishen/crypto/password.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <regex>

namespace zhishen::crypto {
namespace {

TEST(Password, HashVerifiesAndHasTheDocumentedFormat) {
  const auto started = std::chrono::steady_clock::now();
  const std::clock_t cpu_started = std::clock();
  const std::string h = hash_password("Correct-Horse-9");
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  const auto cpu_ms = (std::clock() - cpu_started) * 1000 / CLOCKS_PER_SEC;
  std::cout << "[ measure  ] scrypt N=2^15 r=8 p=1 hash: " << took.count() << " ms wall, " << cpu_ms << " ms CPU\n";
  EXPECT_TRUE(std::regex_match(h, std::regex(R"(\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43})"))) << h;
  EXPECT_TRUE(verify_password("Correct-Horse-9", h));
  EXPECT_FALSE(verify_password("correct-Horse-9", h));
  EXPECT_FALSE(verify_password("", h));
  EXPECT_EQ(h.find("Correct"), std::string::npos);
}

TEST(Password, EachHashHasItsOwnSalt) {
  const ScryptParams fast{10, 8, 1};
  const std::string a = hash_password("same password", fast);
  const std::string b = hash_password("same password", fast);
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password("same password", a));
  EXPECT_TRUE(verify_password("same password", b));
  EXPECT_EQ(a.rfind("$scrypt$ln=10,r=8,p=1$", 0), 0u);
}

TEST(Password, VerifiesTheRfc7914Vector) {
  // RFC 7914 §12: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
  const std::string encoded =
      "$scrypt$ln=10,r=8,p=16$TmFDbA$"
      "/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWIurzDZLiKjiG/xCSedmDDaxyevuUqD7m2DYMvfoswGQA";
  EXPECT_TRUE(verify_password("password", encoded));
  EXPECT_FALSE(verify_password("passwore", encoded));
}

TEST(Password, MalformedHashesDoNotVerify) {
  const std::string good = hash_password("pw", {10, 8, 1});
  ASSERT_TRUE(verify_password("pw", good));
  const std::string tail = good.substr(good.find("$", 9));  // "$salt$key"
  for (const std::string& bad : {
           std::string(), std::string("pw"), std::string("$scrypt$"), "$bcrypt$ln=10,r=8,p=1" + tail,
           "$scrypt$ln=10,r=8" + tail, "$scrypt$ln=10,r=8,p=1,x=2" + tail, "$scrypt$ln=9,r=8,p=1" + tail,
           "$scrypt$ln=21,r=8,p=1" + tail, "$scrypt$ln=10,r=0,p=1" + tail, "$scrypt$ln=10,r=8,p=99" + tail,
           "$scrypt$ln=x,r=8,p=1" + tail, "$scrypt$ln=10 ,r=8,p=1" + tail, "$scrypt$r=8,ln=10,p=1" + tail,
           good + "$", good + "=", good.substr(0, good.size() - 10), "x" + good,
           "$scrypt$ln=10,r=8,p=1$$" + good.substr(good.rfind('$') + 1), good.substr(0, good.rfind('$')) + "$!!!!",
       }) {
    EXPECT_FALSE(verify_password("pw", bad)) << bad;
  }
}

TEST(Password, AnyBytesMayBeAPassword) {
  const std::string pw = std::string("密码\0with nul", 15) + std::string(300, 'x');
  const std::string h = hash_password(pw, {10, 8, 1});
  EXPECT_TRUE(verify_password(pw, h));
  EXPECT_FALSE(verify_password(pw.substr(0, 8), h));
  EXPECT_TRUE(verify_password("", hash_password("", {10, 8, 1})));
}

}  // namespace
}  // namespace zhishen::crypto
