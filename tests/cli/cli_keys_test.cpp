// `zhishen keys generate`: a department's key pair where the server reads it (encrypted private key
// 0600, public key), a rotation's second key beside the first, and refusals with their ids.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "cli_runner.hpp"
#include "zhishen/crypto/key_ring.hpp"

namespace zhishen::cli {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;

class KeysCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("zhishen-cli-keys-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::vector<std::string> generate(const std::string& department) {
    return {"keys", "generate", "--department", department, "--dir", (dir_ / "signing").string(), "--passphrase-file",
            (dir_ / "signing.pass").string()};
  }
  fs::path dir_;
};

TEST_F(KeysCommand, WritesAKeyPairTheServerLoadsAndRefusesWhatItCannotDo) {
  auto missing = run_cli(generate("FZ-SCJG"));
  EXPECT_EQ(missing.rc, kExitInvalid);
  EXPECT_NE(missing.err.find("crypto.key.missing"), std::string::npos) << missing.err;

  auto args = generate("FZ-SCJG");
  args.push_back("--create-passphrase");
  auto made = run_cli(args);
  ASSERT_EQ(made.rc, kExitOk) << made.err;
  EXPECT_NE(made.out.find("key FZ-SCJG-"), std::string::npos) << made.out;
  EXPECT_NE(made.out.find("(SM2-SM3)"), std::string::npos) << made.out;
  EXPECT_EQ(fs::status(dir_ / "signing.pass").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  std::size_t private_keys = 0;
  for (const auto& e : fs::directory_iterator(dir_ / "signing" / "FZ-SCJG")) {
    if (e.path().string().ends_with(".key.pem")) {
      ++private_keys;
      EXPECT_EQ(e.status().permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    }
  }
  EXPECT_EQ(private_keys, 1u);
  auto pass = crypto::read_passphrase_file(dir_ / "signing.pass");
  ASSERT_TRUE(pass.ok());
  auto ring = crypto::KeyRing::load(dir_ / "signing", *pass);
  ASSERT_TRUE(ring.ok());
  EXPECT_TRUE(ring->can_sign("FZ-SCJG"));

  auto ecdsa = generate("FZ-WJW");
  ecdsa.insert(ecdsa.end(), {"--algorithm", "ecdsa-p256"});
  auto second = run_cli(ecdsa);
  ASSERT_EQ(second.rc, kExitOk) << second.err;
  EXPECT_NE(second.out.find("(ECDSA-P256-SHA256)"), std::string::npos) << second.out;

  auto bad = run_cli(generate("../etc"));
  EXPECT_EQ(bad.rc, kExitInvalid);
  EXPECT_NE(bad.err.find("keys.department.invalid"), std::string::npos) << bad.err;
  auto unknown = generate("FZ-RSJ");
  unknown.insert(unknown.end(), {"--algorithm", "rsa"});
  EXPECT_EQ(run_cli(unknown).rc, kExitUsage);
  EXPECT_EQ(run_cli({"keys", "generate", "--department", "FZ-RSJ"}).rc, kExitUsage);
  EXPECT_EQ(run_cli({"keys"}).rc, kExitUsage);
}

}  // namespace
}  // namespace zhishen::cli
