// FieldCipher: round trips, random nonces, every way a ciphertext can be wrong, blind indexes,
// a known-answer vector computed independently (Python `cryptography`), and concurrent use.
#include "zhishen/crypto/field_cipher.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {
namespace {

using MasterKey = std::array<std::uint8_t, FieldCipher::kMasterKeySize>;

MasterKey random_key() {
  const std::string raw = random_bytes(FieldCipher::kMasterKeySize);
  MasterKey key{};
  std::memcpy(key.data(), raw.data(), key.size());
  return key;
}

MasterKey counting_key() {  // 00 01 02 ... 1f
  MasterKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  return key;
}

std::string decrypt_id(const FieldCipher& cipher, std::string_view blob, std::string_view ad = {}) {
  auto r = cipher.decrypt(blob, ad);
  return r.ok() ? "ok" : r.error().id;
}

TEST(FieldCipher, RoundTripsEmptySmallChineseAndLargeInputs) {
  const FieldCipher cipher(random_key());
  std::string large(1024 * 1024, '\0');
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>(i * 7 + 3);
  for (const std::string& plain : {std::string(), std::string("11010519491231002X"), std::string("13800138000"),
                                   std::string("福建省福州市鼓楼区五四路 158 号 申请人：张三"),
                                   std::string("a\0b", 3), large}) {
    const std::string blob = cipher.encrypt(plain, "cases.applicant_address");
    EXPECT_EQ(blob.size(), plain.size() + FieldCipher::kOverhead);
    EXPECT_EQ(static_cast<std::uint8_t>(blob[0]), FieldCipher::kFormatVersion);
    auto back = cipher.decrypt(blob, "cases.applicant_address");
    ASSERT_TRUE(back.ok()) << back.error().id;
    EXPECT_EQ(*back, plain);
  }
  auto no_ad = cipher.decrypt(cipher.encrypt("张三"));
  ASSERT_TRUE(no_ad.ok());
  EXPECT_EQ(*no_ad, "张三");
}

TEST(FieldCipher, CiphertextDoesNotContainThePlaintext) {
  const FieldCipher cipher(random_key());
  const std::string plain = "11010519491231002X11010519491231002X";
  EXPECT_EQ(cipher.encrypt(plain).find("11010519491231002X"), std::string::npos);
}

TEST(FieldCipher, TwoEncryptionsOfTheSameValueDiffer) {
  const FieldCipher cipher(random_key());
  const std::string a = cipher.encrypt("11010519491231002X");
  const std::string b = cipher.encrypt("11010519491231002X");
  EXPECT_NE(a, b);
  EXPECT_NE(a.substr(1, FieldCipher::kNonceSize), b.substr(1, FieldCipher::kNonceSize));
  EXPECT_EQ(*cipher.decrypt(a), *cipher.decrypt(b));
}

TEST(FieldCipher, DecryptsAnIndependentlyComputedVector) {
  // HKDF-SHA256 and AES-256-GCM by Python's `cryptography` package, from the format in the header.
  const FieldCipher cipher(counting_key());
  auto blob = from_hex(
      "01a0a1a2a3a4a5a6a7a8a9aaab08fb4acba73266299cdb54f75679f45c83341b2d51e5695b4132fbd74beeb9bb2183c838e7da4c8ff95e70");
  ASSERT_TRUE(blob.ok());
  auto plain = cipher.decrypt(*blob, "cases.applicant_name");
  ASSERT_TRUE(plain.ok()) << plain.error().id;
  EXPECT_EQ(*plain, "张三，福州市鼓楼区");
  EXPECT_EQ(cipher.blind_index("citizen_id", "11010519491231002x"),
            "1d882cfe6b459c253d699cf1cfca8b19b3a0097d10248fcf4453857c56fa7763");
}

TEST(FieldCipher, RefusesAnotherKeyOrOtherAssociatedData) {
  const FieldCipher cipher(random_key());
  const FieldCipher other(random_key());
  const std::string blob = cipher.encrypt("13800138000", "cases.applicant_phone");
  EXPECT_EQ(decrypt_id(cipher, blob, "cases.applicant_phone"), "ok");
  EXPECT_EQ(decrypt_id(other, blob, "cases.applicant_phone"), "crypto.decrypt.auth");
  EXPECT_EQ(decrypt_id(cipher, blob, "cases.applicant_id"), "crypto.decrypt.auth");  // moved to another column
  EXPECT_EQ(decrypt_id(cipher, blob), "crypto.decrypt.auth");
  EXPECT_EQ(decrypt_id(cipher, cipher.encrypt("13800138000"), "cases.applicant_phone"), "crypto.decrypt.auth");
}

TEST(FieldCipher, DetectsAFlippedBitInEveryRegion) {
  const FieldCipher cipher(random_key());
  const std::string blob = cipher.encrypt("张三 13800138000", "row 42");
  const std::size_t tag_at = blob.size() - FieldCipher::kTagSize;
  struct Region { const char* name; std::size_t first, last; const char* id; };
  const Region regions[] = {{"version", 0, 0, "crypto.decrypt.format"},
                            {"nonce", 1, FieldCipher::kNonceSize, "crypto.decrypt.auth"},
                            {"ciphertext", 1 + FieldCipher::kNonceSize, tag_at - 1, "crypto.decrypt.auth"},
                            {"tag", tag_at, blob.size() - 1, "crypto.decrypt.auth"}};
  for (const Region& region : regions) {
    for (std::size_t i = region.first; i <= region.last; ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string bad = blob;
        bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
        EXPECT_EQ(decrypt_id(cipher, bad, "row 42"), region.id) << region.name << " byte " << i << " bit " << bit;
      }
    }
  }
  EXPECT_EQ(decrypt_id(cipher, blob, "row 42"), "ok");
}

TEST(FieldCipher, RejectsTruncatedAndExtendedInput) {
  const FieldCipher cipher(random_key());
  const std::string blob = cipher.encrypt("", "x");
  ASSERT_EQ(blob.size(), FieldCipher::kOverhead);
  EXPECT_EQ(decrypt_id(cipher, blob, "x"), "ok");
  for (std::size_t n = 0; n < FieldCipher::kOverhead; ++n) {
    EXPECT_EQ(decrypt_id(cipher, blob.substr(0, n), "x"), "crypto.decrypt.format") << n;
  }
  const std::string longer = cipher.encrypt("11010519491231002X", "x");
  EXPECT_EQ(decrypt_id(cipher, longer.substr(0, longer.size() - 1), "x"), "crypto.decrypt.auth");
  EXPECT_EQ(decrypt_id(cipher, longer.substr(0, FieldCipher::kOverhead), "x"), "crypto.decrypt.auth");
  EXPECT_EQ(decrypt_id(cipher, longer + "!", "x"), "crypto.decrypt.auth");
  EXPECT_EQ(decrypt_id(cipher, std::string(100, '\x02')), "crypto.decrypt.format");  // unknown version
}

TEST(FieldCipher, BlindIndexIsStablePerKeyAndSeparatesDomains) {
  const MasterKey key = random_key();
  const FieldCipher a(key);
  const FieldCipher b(key);
  const FieldCipher other(random_key());
  const std::string index = a.blind_index("citizen_id", "11010519491231002X");
  EXPECT_EQ(index.size(), 64u);
  EXPECT_EQ(index, b.blind_index("citizen_id", "11010519491231002X"));
  EXPECT_EQ(index, a.blind_index("citizen_id", "11010519491231002X"));
  EXPECT_NE(index, other.blind_index("citizen_id", "11010519491231002X"));
  EXPECT_NE(index, a.blind_index("phone", "11010519491231002X"));
  EXPECT_NE(a.blind_index("citizen_id", "11010519491231002X"), a.blind_index("citizen_id", "110105194912310038"));
  // domain/value boundary: ("ab", "c") and ("a", "bc") differ
  EXPECT_NE(a.blind_index("ab", "C"), a.blind_index("a", "BC"));
  EXPECT_THROW((void)a.blind_index(std::string("a\0b", 3), "x"), std::invalid_argument);
}

TEST(FieldCipher, BlindIndexNormalizesCaseAndSpaces) {
  const FieldCipher cipher(random_key());
  const std::string index = cipher.blind_index("citizen_id", "11010519491231002X");
  EXPECT_EQ(cipher.blind_index("citizen_id", "11010519491231002x"), index);
  EXPECT_EQ(cipher.blind_index("citizen_id", " 110105 19491231 002x "), index);
  EXPECT_EQ(cipher.blind_index("phone", "138 0013 8000"), cipher.blind_index("phone", "13800138000"));
  EXPECT_NE(cipher.blind_index("phone", "138-0013-8000"), cipher.blind_index("phone", "13800138000"));
  EXPECT_EQ(FieldCipher::normalize_for_index(" ab Z9x 张三 "), "ABZ9X张三");
  EXPECT_EQ(FieldCipher::normalize_for_index(""), "");
}

TEST(FieldCipher, MovesAndNeverPrintsKeys) {
  const MasterKey key = counting_key();
  FieldCipher first(key);
  const std::string blob = first.encrypt("11010519491231002X");
  FieldCipher moved(std::move(first));
  EXPECT_EQ(*moved.decrypt(blob), "11010519491231002X");
  FieldCipher assigned(random_key());
  assigned = std::move(moved);
  EXPECT_EQ(*assigned.decrypt(blob), "11010519491231002X");
  EXPECT_THROW((void)moved.encrypt("x"), std::logic_error);  // NOLINT(bugprone-use-after-move)

  std::ostringstream out;
  out << assigned;
  EXPECT_EQ(out.str(), "FieldCipher{keys redacted}");
  EXPECT_EQ(out.str().find(to_hex(key)), std::string::npos);
  static_assert(!std::is_copy_constructible_v<FieldCipher>);
  static_assert(!std::is_copy_assignable_v<FieldCipher>);
  static_assert(std::is_nothrow_move_constructible_v<FieldCipher>);
}

TEST(FieldCipher, IsSafeToShareBetweenEightThreads) {
  const FieldCipher cipher(random_key());
  const std::string expected_index = cipher.blind_index("citizen_id", "11010519491231002X");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        const std::string plain = "申请人 " + std::to_string(t) + "-" + std::to_string(i) + std::string(static_cast<std::size_t>(i), 'x');
        const std::string ad = "cases.row." + std::to_string(t);
        auto back = cipher.decrypt(cipher.encrypt(plain, ad), ad);
        if (!back.ok() || *back != plain) ++failures;
        if (cipher.blind_index("citizen_id", "11010519491231002x") != expected_index) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

// One thread encrypting with two ciphers in turn (its encryption context is re-keyed each time),
// past the 64 nonces drawn at once: every nonce differs and each cipher opens only its own.
TEST(FieldCipher, AlternatingCiphersOnOneThreadKeepTheirKeysAndNeverRepeatANonce) {
  const FieldCipher a(random_key());
  const FieldCipher b(random_key());
  std::set<std::string> nonces;
  for (int i = 0; i < 200; ++i) {
    const FieldCipher& mine = i % 3 == 0 ? b : a;
    const FieldCipher& other = i % 3 == 0 ? a : b;
    const std::string plain = "第" + std::to_string(i) + "号";
    const std::string blob = mine.encrypt(plain, "ad");
    nonces.insert(blob.substr(1, FieldCipher::kNonceSize));
    ASSERT_EQ(mine.decrypt(blob, "ad").value(), plain) << i;
    ASSERT_EQ(decrypt_id(other, blob, "ad"), "crypto.decrypt.auth") << i;
  }
  EXPECT_EQ(nonces.size(), 200u);
  // A cipher made after another was destroyed is keyed afresh, whatever address it gets.
  for (int i = 0; i < 3; ++i) {
    const FieldCipher c(random_key());
    const std::string blob = c.encrypt("x");
    EXPECT_EQ(c.decrypt(blob).value(), "x");
    EXPECT_EQ(decrypt_id(a, blob), "crypto.decrypt.auth");
  }
}

// A forked child does not use the nonces its parent drew before the fork.
TEST(FieldCipher, AForkedChildDrawsItsOwnNonces) {
  const FieldCipher cipher(random_key());
  (void)cipher.encrypt("before the fork");  // the parent's pool now holds 63 unused nonces
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string blob = cipher.encrypt("child");
    const ssize_t n = write(fds[1], blob.data() + 1, FieldCipher::kNonceSize);
    _exit(n == static_cast<ssize_t>(FieldCipher::kNonceSize) ? 0 : 1);
  }
  close(fds[1]);
  std::string child_nonce(FieldCipher::kNonceSize, '\0');
  const ssize_t n = read(fds[0], child_nonce.data(), child_nonce.size());
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_EQ(n, static_cast<ssize_t>(FieldCipher::kNonceSize));
  const std::string parent_nonce = cipher.encrypt("parent").substr(1, FieldCipher::kNonceSize);
  EXPECT_NE(child_nonce, parent_nonce);
}

}  // namespace
}  // namespace zhishen::crypto
