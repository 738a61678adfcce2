// TrustStore: pinned fingerprints persisted per server, corrupt lines ignored, the file private
// (0600) and written atomically, trust.store.io when it cannot be written.
#include "zhishen/desk/trust_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace zhishen::desk {
namespace {

namespace fs = std::filesystem;

// "XY:XY:…" with every byte `b`.
std::string fp(unsigned b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i > 0) out += ':';
    out += kHex[(b >> 4) & 0xFU];
    out += kHex[b & 0xFU];
  }
  return out;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class TrustStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
#ifndef _WIN32
    const std::string pid = std::to_string(::getpid());
#else
    const std::string pid = "w";
#endif
    dir_ = fs::temp_directory_path() / ("zhishen-trust-test-" + pid + "-" + std::to_string(++counter));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    std::error_code ec;
#ifndef _WIN32
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
#endif
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(TrustStoreTest, MissingFileIsEmpty) {
  TrustStore s(dir_ / "none" / "trust.txt");
  EXPECT_EQ(s.pinned("host:8443"), "");
}

TEST_F(TrustStoreTest, PinCreatesDirectoryAndPersistsAcrossInstances) {
  const fs::path file = dir_ / "nested" / "config" / "trusted-servers.txt";
  {
    TrustStore s(file);
    ASSERT_TRUE(s.pin("a.example:8443", fp(0xAB)).ok());
    std::string lower = fp(0xCD);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(s.pin("10.0.0.1:9000", lower).ok());
    EXPECT_EQ(s.pinned("a.example:8443"), fp(0xAB));
    EXPECT_EQ(s.pinned("10.0.0.1:9000"), fp(0xCD));  // stored upper-case
  }
  ASSERT_TRUE(fs::is_regular_file(file));
  EXPECT_FALSE(fs::exists(fs::path(file.string() + ".tmp")));  // the temporary file was renamed
  TrustStore again(file);
  EXPECT_EQ(again.pinned("a.example:8443"), fp(0xAB));
  EXPECT_EQ(again.pinned("10.0.0.1:9000"), fp(0xCD));
  EXPECT_EQ(again.pinned("a.example:8444"), "");
  EXPECT_NE(read_all(file).find("a.example:8443 " + fp(0xAB) + "\n"), std::string::npos);
}

TEST_F(TrustStoreTest, RepinReplacesAndForgetRemoves) {
  const fs::path file = dir_ / "trust.txt";
  TrustStore s(file);
  ASSERT_TRUE(s.pin("h:1", fp(0x01)).ok());
  ASSERT_TRUE(s.pin("h:1", fp(0x02)).ok());
  EXPECT_EQ(s.pinned("h:1"), fp(0x02));
  EXPECT_EQ(TrustStore(file).pinned("h:1"), fp(0x02));
  ASSERT_TRUE(s.forget("h:1").ok());
  EXPECT_EQ(s.pinned("h:1"), "");
  EXPECT_EQ(TrustStore(file).pinned("h:1"), "");
  EXPECT_TRUE(s.forget("never-pinned:1").ok());
}

TEST_F(TrustStoreTest, IgnoresCorruptLines) {
  fs::create_directories(dir_);
  const fs::path file = dir_ / "trust.txt";
  {
    std::ofstream out(file, std::ios::binary);
    out << "# a comment\n"
        << "\n"
        << "good.example:8443 " << fp(0x11) << "\n"
        << "short.example:8443 AB:CD\n"
        << "nofingerprint.example:8443\n"
        << "extra.example:8443 " << fp(0x22) << " trailing\n"
        << "badhex.example:8443 " << std::string(95, 'Z') << "\n"
        << std::string("\x00\xff\xfe garbage \x01", 13) << "\n"
        << "crlf.example:8443 " << fp(0x33) << "\r\n"
        << "   spaced.example:8443    " << fp(0x44) << "   \n"
        << std::string(5000, 'x') << "\n"
        << "last.example:1 " << fp(0x55);  // no final newline
  }
  TrustStore s(file);
  EXPECT_EQ(s.pinned("good.example:8443"), fp(0x11));
  EXPECT_EQ(s.pinned("short.example:8443"), "");
  EXPECT_EQ(s.pinned("nofingerprint.example:8443"), "");
  EXPECT_EQ(s.pinned("extra.example:8443"), "");
  EXPECT_EQ(s.pinned("badhex.example:8443"), "");
  EXPECT_EQ(s.pinned("crlf.example:8443"), fp(0x33));
  EXPECT_EQ(s.pinned("spaced.example:8443"), fp(0x44));
  EXPECT_EQ(s.pinned("last.example:1"), fp(0x55));

  // A pin rewrites the file with the good lines only.
  ASSERT_TRUE(s.pin("new.example:8443", fp(0x66)).ok());
  const std::string text = read_all(file);
  EXPECT_EQ(text.find("garbage"), std::string::npos);
  EXPECT_EQ(text.find("short.example"), std::string::npos);
  TrustStore again(file);
  EXPECT_EQ(again.pinned("good.example:8443"), fp(0x11));
  EXPECT_EQ(again.pinned("new.example:8443"), fp(0x66));
  EXPECT_EQ(again.pinned("last.example:1"), fp(0x55));
}

TEST_F(TrustStoreTest, ADirectoryInPlaceOfTheFileIsAnEmptyStore) {
  fs::create_directories(dir_ / "trust.txt");
  TrustStore s(dir_ / "trust.txt");
  EXPECT_EQ(s.pinned("h:1"), "");
  auto st = s.pin("h:1", fp(0x01));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().id, "trust.store.io");
}

TEST_F(TrustStoreTest, InvalidInputRefused) {
  TrustStore s(dir_ / "trust.txt");
  const std::vector<std::string> bad_fingerprints{"", "AB", fp(0x01) + ":", fp(0x01).substr(1) + "G",
                                                  std::string(95, ':')};
  for (const std::string& bad : bad_fingerprints) {
    auto st = s.pin("h:1", bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().id, "trust.fingerprint.invalid");
  }
  for (const std::string& bad : std::vector<std::string>{"", "has space:1", "#comment:1", "tab\t:1", "line\n:1"}) {
    auto st = s.pin(bad, fp(0x01));
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().id, "trust.fingerprint.invalid");
  }
  EXPECT_FALSE(fs::exists(dir_ / "trust.txt"));
  EXPECT_TRUE(TrustStore::valid_fingerprint(fp(0xAB)));
  EXPECT_EQ(fp(0xAB).size(), 95U);
}

#ifndef _WIN32
TEST_F(TrustStoreTest, FileIsPrivate) {
  const fs::path file = dir_ / "trust.txt";
  const mode_t old = ::umask(0);  // even with a permissive umask
  TrustStore s(file);
  auto st = s.pin("h:1", fp(0x01));
  ::umask(old);
  ASSERT_TRUE(st.ok());
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777U, 0600U);
  // Re-pinning keeps it private.
  ASSERT_TRUE(s.pin("h:2", fp(0x02)).ok());
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777U, 0600U);
}

#endif

TEST_F(TrustStoreTest, UnwritableDirectoryGivesIoError) {
  // The directory cannot be created: a regular file stands where it should be (fails as root too).
  fs::create_directories(dir_);
  { std::ofstream(dir_ / "blocker") << "x"; }
  TrustStore s(dir_ / "blocker" / "sub" / "trust.txt");
  auto st = s.pin("h:1", fp(0x01));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().id, "trust.store.io");
  EXPECT_NE(st.error().message.find("blocker"), std::string::npos);
  EXPECT_EQ(s.pinned("h:1"), "");  // the in-memory pin is unchanged
}

TEST_F(TrustStoreTest, TwoInstancesOnOneFileMerge) {
  const fs::path file = dir_ / "trust.txt";
  TrustStore a(file);
  TrustStore b(file);
  ASSERT_TRUE(a.pin("a:1", fp(0x0A)).ok());
  ASSERT_TRUE(b.pin("b:1", fp(0x0B)).ok());  // b re-reads the file before writing
  TrustStore c(file);
  EXPECT_EQ(c.pinned("a:1"), fp(0x0A));
  EXPECT_EQ(c.pinned("b:1"), fp(0x0B));
}

TEST_F(TrustStoreTest, ConcurrentPins) {
  const fs::path file = dir_ / "trust.txt";
  TrustStore s(file);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (unsigned t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (unsigned i = 0; i < 10; ++i) {
        const std::string server = "s" + std::to_string(t) + "-" + std::to_string(i) + ":8443";
        if (!s.pin(server, fp(t * 16 + i)).ok()) ++failures;
        if (s.pinned(server) != fp(t * 16 + i)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  TrustStore again(file);
  for (unsigned t = 0; t < 8; ++t) {
    for (unsigned i = 0; i < 10; ++i) {
      EXPECT_EQ(again.pinned("s" + std::to_string(t) + "-" + std::to_string(i) + ":8443"), fp(t * 16 + i));
    }
  }
}

}  // namespace
}  // namespace zhishen::desk
