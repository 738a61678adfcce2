#pragma once
// Start-up of the e-certificate keys: reads the passphrase file and the key directory into the
// context's KeyRing. With certificates.generate_missing, first makes a random passphrase file and a
// key pair for every department that has no signing key (logged, so administrators back them up).
// Errors: the KeyRing's and the passphrase file's (crypto.key.*), keys.algorithm.unknown.
// Thread-safety: start-up only.

#include "context.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::server {

Status load_signing_keys(ServerContext& ctx);

}  // namespace zhishen::server
