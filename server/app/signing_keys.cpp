// Loading (and on demand making) the departments' signing keys at start (see signing_keys.hpp).
#include "signing_keys.hpp"

#include <Poco/Logger.h>

#include <filesystem>

namespace zhishen::server {

Status load_signing_keys(ServerContext& ctx) {
  namespace fs = std::filesystem;
  const ServerConfig& c = ctx.config();
  if (c.generate_missing_keys && !fs::exists(c.key_passphrase_file)) {
    if (auto st = crypto::generate_passphrase_file(c.key_passphrase_file); !st) return st;
    ctx.log().warning("created the signing-key passphrase file %s", c.key_passphrase_file);
  }
  if (!fs::exists(c.key_passphrase_file) && !fs::exists(c.key_dir)) {
    ctx.log().warning("no signing keys (%s): e-certificates cannot be issued until keys are generated", c.key_dir);
    return {};
  }
  auto passphrase = crypto::read_passphrase_file(c.key_passphrase_file);
  if (!passphrase) return passphrase.error();
  auto ring = crypto::KeyRing::load(c.key_dir, *passphrase, c.sm2_id);
  if (!ring) return ring.error();
  if (c.generate_missing_keys) {
    crypto::SignatureAlgorithm algorithm = crypto::SignatureAlgorithm::sm2_sm3;
    if (c.key_algorithm == "ecdsa-p256") {
      algorithm = crypto::SignatureAlgorithm::ecdsa_p256_sha256;
    } else if (c.key_algorithm != "sm2") {
      return make_error("keys.algorithm.unknown", "certificates.algorithm must be sm2 or ecdsa-p256");
    }
    std::vector<domain::Department> departments;
    if (auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
          departments = tx.directory().departments();
          return {};
        });
        !st) {
      return st;
    }
    bool made = false;
    for (const domain::Department& d : departments) {
      if (ring->can_sign(d.code) || !crypto::valid_department_code(d.code)) continue;
      auto id = crypto::generate_department_key(c.key_dir, d.code, algorithm, *passphrase, ctx.now());
      if (!id) return id.error();
      ctx.log().warning("created signing key %s for department %s in %s: back it up", *id, d.code, c.key_dir);
      made = true;
    }
    if (made) {
      ring = crypto::KeyRing::load(c.key_dir, *passphrase, c.sm2_id);
      if (!ring) return ring.error();
    }
  }
  for (const auto& k : ring->public_keys()) {
    if (k.signing) ctx.log().information("department %s signs with %s (%s)", k.department, k.key_id, k.algorithm);
  }
  ctx.set_keys(std::make_shared<crypto::KeyRing>(std::move(ring).value()));
  return {};
}

}  // namespace zhishen::server
