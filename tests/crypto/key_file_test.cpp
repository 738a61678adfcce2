// The administrator's key file: generate, load, and every refusal.
#include "zhishen/crypto/key_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {
namespace {

namespace fs = std::filesystem;

const std::string kHexKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

class KeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "zhishen-key-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, ec);
    fs::remove_all(dir_, ec);
  }

  fs::path write(const std::string& name, const std::string& text, mode_t mode = 0600) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    EXPECT_EQ(::chmod(p.c_str(), mode), 0);
    return p;
  }

  static std::string load_id(const fs::path& p) {
    auto r = load_key_file(p);
    return r.ok() ? "ok" : r.error().id;
  }

  static std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }

  fs::path dir_;
};

TEST_F(KeyFile, GenerateThenLoadRoundTrips) {
  const fs::path p = dir_ / "master.key";
  ASSERT_TRUE(generate_key_file(p).ok());
  auto a = load_key_file(p);
  ASSERT_TRUE(a.ok()) << a.error().message;
  auto b = load_key_file(p);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b->decrypt(a->encrypt("11010519491231002X", "cases.applicant_id"), "cases.applicant_id"),
            "11010519491231002X");
  EXPECT_EQ(a->blind_index("citizen_id", "x"), b->blind_index("citizen_id", "x"));
}

TEST_F(KeyFile, GeneratedFileIsMode0600WithACommentAndOneKey) {
  const fs::path p = dir_ / "master.key";
  const mode_t old_umask = ::umask(0);  // a permissive umask must not widen the mode
  const Status made = generate_key_file(p);
  ::umask(old_umask);
  ASSERT_TRUE(made.ok());
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  const std::string text = read_all(p);
  EXPECT_EQ(text.front(), '#');
  EXPECT_NE(text.find("lost"), std::string::npos);
  const std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_EQ(last.size(), 65u);  // 64 hex characters and a newline
  EXPECT_TRUE(from_hex(last.substr(0, 64)).ok());
}

TEST_F(KeyFile, TwoGeneratedKeysDiffer) {
  ASSERT_TRUE(generate_key_file(dir_ / "a.key").ok());
  ASSERT_TRUE(generate_key_file(dir_ / "b.key").ok());
  EXPECT_NE(load_key_file(dir_ / "a.key")->blind_index("d", "v"), load_key_file(dir_ / "b.key")->blind_index("d", "v"));
}

TEST_F(KeyFile, RefusesToOverwrite) {
  const fs::path p = dir_ / "master.key";
  ASSERT_TRUE(generate_key_file(p).ok());
  const std::string before = read_all(p);
  const Status again = generate_key_file(p);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().id, "crypto.key.exists");
  EXPECT_EQ(read_all(p), before);

  fs::create_symlink(dir_ / "elsewhere.key", dir_ / "link.key");  // dangling symlink: not followed
  const Status via_link = generate_key_file(dir_ / "link.key");
  ASSERT_FALSE(via_link.ok());
  EXPECT_EQ(via_link.error().id, "crypto.key.exists");
  EXPECT_FALSE(fs::exists(dir_ / "elsewhere.key"));
}

TEST_F(KeyFile, ReportsAnUnwritableLocation) {
  const Status s = generate_key_file(dir_ / "no-such-dir" / "master.key");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().id, "crypto.key.unwritable");
}

TEST_F(KeyFile, RefusesAFileOthersCanRead) {
  const fs::path p = write("open.key", kHexKey + "\n", 0644);
  auto r = load_key_file(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "crypto.key.permissions");
  EXPECT_NE(r.error().message.find("chmod 600"), std::string::npos);
  for (mode_t mode : {0640u, 0604u, 0610u, 0602u, 0601u}) {
    EXPECT_EQ(load_id(write("m.key", kHexKey + "\n", mode)), "crypto.key.permissions") << std::oct << mode;
  }
  EXPECT_EQ(load_id(write("ok.key", kHexKey + "\n", 0400)), "ok");
}

TEST_F(KeyFile, ReportsMissingAndUnreadableFiles) {
  EXPECT_EQ(load_id(dir_ / "absent.key"), "crypto.key.missing");
  EXPECT_EQ(load_id(dir_ / "absent-dir" / "x.key"), "crypto.key.missing");
  fs::create_directory(dir_ / "a-directory");
  fs::permissions(dir_ / "a-directory", fs::perms::owner_all);
  EXPECT_EQ(load_id(dir_ / "a-directory"), "crypto.key.unreadable");
  if (::geteuid() != 0) {  // root reads anything
    EXPECT_EQ(load_id(write("noread.key", kHexKey + "\n", 0200)), "crypto.key.unreadable");
  }
}

TEST_F(KeyFile, AcceptsCommentsBlankLinesCrLfAndEitherCase) {
  const std::string upper = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
  for (const std::string& text : {kHexKey, kHexKey + "\n", "# Zhishen key\n# keep safe\n" + kHexKey + "\n",
                                  "\n# c\n\n" + kHexKey + "\n\n", "# c\r\n" + upper + "\r\n"}) {
    auto r = load_key_file(write("k.key", text));
    ASSERT_TRUE(r.ok()) << r.error().message;
    // 00 01 ... 1f: the same key as the known-answer test in field_cipher_test.cpp
    EXPECT_EQ(r->blind_index("citizen_id", "11010519491231002x"),
              "1d882cfe6b459c253d699cf1cfca8b19b3a0097d10248fcf4453857c56fa7763");
  }
}

TEST_F(KeyFile, RefusesMalformedContent) {
  const std::string bad_digit = "z" + kHexKey.substr(1);
  for (const std::string& text :
       {std::string(), std::string("\n"), std::string("# only a comment\n"), kHexKey.substr(0, 62) + "\n",
        kHexKey + "00\n", bad_digit + "\n", " " + kHexKey + "\n", kHexKey + " \n", kHexKey + "\n" + kHexKey + "\n",
        kHexKey + "\n# trailing comment\n", std::string(100 * 1024, '#')}) {
    const fs::path p = write("bad.key", text);
    auto r = load_key_file(p);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().id, "crypto.key.format") << text;
    EXPECT_EQ(r.error().message.find(kHexKey.substr(0, 16)), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(p.string()), std::string::npos);
  }
}

}  // namespace
}  // namespace zhishen::crypto
