// `zhishen keys generate`: a department's e-certificate signing key pair, written where the server
// reads it (certificates.key_dir): DIR/<department>/<key id>.key.pem (PKCS#8, encrypted under the
// passphrase file's first line, mode 0600) and <key id>.pub.pem. An existing key is never
// overwritten; a second key for the same department is a rotation (the newest signs, the old public
// key keeps verifying). See docs/certificates.md.
#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "zhishen/crypto/key_ring.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen keys generate --department CODE --passphrase-file FILE [--create-passphrase]\n"
    "                             [--algorithm sm2|ecdsa-p256] [--dir DIR]\n"
    "       writes DIR/CODE/<key id>.key.pem (encrypted PKCS#8, mode 0600) and <key id>.pub.pem.\n"
    "       --passphrase-file: its first line is the passphrase (the file must be mode 0600);\n"
    "       --create-passphrase makes that file with a random passphrase when it does not exist.\n"
    "       --algorithm: sm2 (SM2 with SM3, the default) or ecdsa-p256. --dir: var/keys/signing.\n"
    "       exit 0: written; 1: refused (bad department, key exists, unreadable passphrase); 2: usage.\n";

}  // namespace

int keys_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args.front() != "generate") return usage_error(err, "keys: expected 'generate'", kUsage);
  auto parsed = parse_args(Args(args.begin() + 1, args.end()), {"department", "passphrase-file", "algorithm", "dir"},
                           {"create-passphrase"});
  if (!parsed) return usage_error(err, parsed.error().message, kUsage);
  const auto department = parsed->last("department");
  const auto pass_file = parsed->last("passphrase-file");
  if (!department || !pass_file || !parsed->positionals.empty()) {
    return usage_error(err, "keys generate needs --department and --passphrase-file", kUsage);
  }
  const std::string algorithm_name = parsed->last("algorithm").value_or("sm2");
  crypto::SignatureAlgorithm algorithm = crypto::SignatureAlgorithm::sm2_sm3;
  if (algorithm_name == "ecdsa-p256") {
    algorithm = crypto::SignatureAlgorithm::ecdsa_p256_sha256;
  } else if (algorithm_name != "sm2") {
    return usage_error(err, "--algorithm must be sm2 or ecdsa-p256", kUsage);
  }
  const std::string dir = parsed->last("dir").value_or("var/keys/signing");
  if (parsed->has("create-passphrase") && !std::filesystem::exists(*pass_file)) {
    if (auto st = crypto::generate_passphrase_file(*pass_file); !st) {
      err << "zhishen: " << st.error().id << ": " << st.error().message << "\n";
      return kExitInvalid;
    }
    out << "created passphrase file " << *pass_file << " (mode 0600): keep it apart from backups of the keys\n";
  }
  auto passphrase = crypto::read_passphrase_file(*pass_file);
  if (!passphrase) {
    err << "zhishen: " << passphrase.error().id << ": " << passphrase.error().message << "\n";
    return kExitInvalid;
  }
  auto id = crypto::generate_department_key(dir, *department, algorithm, *passphrase,
                                            std::chrono::time_point_cast<std::chrono::seconds>(
                                                std::chrono::system_clock::now()));
  if (!id) {
    err << "zhishen: " << id.error().id << ": " << id.error().message << "\n";
    return kExitInvalid;
  }
  const std::filesystem::path base = std::filesystem::path(dir) / *department / *id;
  out << "key " << *id << " (" << (algorithm == crypto::SignatureAlgorithm::sm2_sm3 ? "SM2-SM3" : "ECDSA-P256-SHA256")
      << ") for department " << *department << "\n"
      << "  private key: " << base.string() << ".key.pem (encrypted, mode 0600)\n"
      << "  public key:  " << base.string() << ".pub.pem\n"
      << "restart zhishen-server to sign with it; keep the old .pub.pem files so earlier certificates verify.\n";
  return kExitOk;
}

}  // namespace zhishen::cli
