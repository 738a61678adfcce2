// KeyRing: department signing keys from a key directory (see key_ring.hpp).
#include "zhishen/crypto/key_ring.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "new_file.hpp"
#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrivateSuffix = ".key.pem";
constexpr std::string_view kPublicSuffix = ".pub.pem";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Result<std::string> read_small_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("crypto.key.unreadable", "cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return make_error("crypto.key.unreadable", "cannot read " + path.string());
  std::string s = text.str();
  if (s.size() > 64 * 1024) return make_error("crypto.key.unreadable", path.string() + " is larger than 64 KiB");
  return s;
}

std::string key_id_for(const std::string& department, Instant now) {
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{now - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return department + "-" + buf;
}

}  // namespace

struct KeyRing::Impl {
  struct Public {
    std::string department;
    VerifyingKey key;
    std::string pem;
  };
  std::map<std::string, Public> publics;              // by key id
  std::map<std::string, std::pair<std::string, SigningKey>> signers;  // department -> (key id, key)
};

KeyRing::KeyRing() = default;
KeyRing::KeyRing(KeyRing&&) noexcept = default;
KeyRing& KeyRing::operator=(KeyRing&&) noexcept = default;
KeyRing::~KeyRing() = default;

bool valid_department_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

Result<KeyRing> KeyRing::load(const fs::path& dir, std::string_view passphrase, std::string sm2_id) {
  KeyRing ring;
  ring.impl_ = std::make_unique<Impl>();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return ring;  // no keys yet: nothing signs
  std::vector<fs::path> departments;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_directory() && valid_department_code(entry.path().filename().string())) {
      departments.push_back(entry.path());
    }
  }
  if (ec) return make_error("crypto.key.unreadable", "cannot list " + dir.string() + ": " + ec.message());
  for (const fs::path& dept_dir : departments) {
    const std::string department = dept_dir.filename().string();
    std::vector<std::string> publics, privates;
    for (const auto& entry : fs::directory_iterator(dept_dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (ends_with(name, kPublicSuffix)) publics.push_back(name.substr(0, name.size() - kPublicSuffix.size()));
      if (ends_with(name, kPrivateSuffix)) privates.push_back(name.substr(0, name.size() - kPrivateSuffix.size()));
    }
    for (const std::string& key_id : publics) {
      const fs::path path = dept_dir / (key_id + std::string(kPublicSuffix));
      auto pem = read_small_file(path);
      if (!pem) return pem.error();
      auto key = VerifyingKey::load(*pem, sm2_id);
      if (!key) return make_error("crypto.key.unreadable", path.string() + ": " + key.error().message);
      ring.impl_->publics.emplace(key_id, Impl::Public{department, std::move(key).value(), *pem});
    }
    // The newest private key that has its public key and opens with the passphrase signs.
    std::sort(privates.rbegin(), privates.rend());
    for (const std::string& key_id : privates) {
      if (ring.impl_->publics.count(key_id) == 0) continue;
      const fs::path path = dept_dir / (key_id + std::string(kPrivateSuffix));
      auto pem = read_small_file(path);
      if (!pem) return pem.error();
      auto key = SigningKey::load(*pem, passphrase, sm2_id);
      if (!key) continue;  // another passphrase (an old key): it still verifies through its .pub.pem
      ring.impl_->signers.emplace(department, std::make_pair(key_id, std::move(key).value()));
      break;
    }
  }
  return ring;
}

Result<ports::Signature> KeyRing::sign(const std::string& department, const ports::Bytes& message) {
  if (!impl_) return make_error("signer.no_key", "no signing keys are loaded");
  auto it = impl_->signers.find(department);
  if (it == impl_->signers.end()) {
    return make_error("signer.no_key", "department " + department + " has no signing key (zhishen keys generate)");
  }
  const SigningKey& key = it->second.second;
  const std::string der =
      key.sign(std::string_view(reinterpret_cast<const char*>(message.data()), message.size()));
  return ports::Signature{it->second.first, std::string(to_string(key.algorithm())),
                          ports::Bytes(der.begin(), der.end())};
}

Status KeyRing::verify(std::string_view message, const std::string& key_id, std::string_view signature) const {
  if (!impl_) return make_error("signer.unknown_key", "no keys are loaded");
  auto it = impl_->publics.find(key_id);
  if (it == impl_->publics.end()) return make_error("signer.unknown_key", "unknown key id " + key_id);
  if (auto st = it->second.key.verify(message, signature); !st) {
    return make_error("signer.bad_signature", "the signature does not verify with key " + key_id);
  }
  return {};
}

Status KeyRing::verify(const ports::Bytes& message, const ports::Signature& signature) const {
  if (impl_) {
    auto it = impl_->publics.find(signature.key_id);
    if (it != impl_->publics.end() && to_string(it->second.key.algorithm()) != signature.algorithm) {
      return make_error("signer.bad_signature", "key " + signature.key_id + " is not a " + signature.algorithm + " key");
    }
  }
  return verify(std::string_view(reinterpret_cast<const char*>(message.data()), message.size()), signature.key_id,
                std::string_view(reinterpret_cast<const char*>(signature.value.data()), signature.value.size()));
}

bool KeyRing::can_sign(const std::string& department) const {
  return impl_ && impl_->signers.count(department) != 0;
}

std::optional<std::string> KeyRing::department_of(const std::string& key_id) const {
  if (!impl_) return std::nullopt;
  auto it = impl_->publics.find(key_id);
  if (it == impl_->publics.end()) return std::nullopt;
  return it->second.department;
}

std::vector<PublicKeyInfo> KeyRing::public_keys() const {
  std::vector<PublicKeyInfo> out;
  if (!impl_) return out;
  for (const auto& [key_id, p] : impl_->publics) {
    auto s = impl_->signers.find(p.department);
    out.push_back({p.department, key_id, std::string(to_string(p.key.algorithm())), p.pem,
                   s != impl_->signers.end() && s->second.first == key_id});
  }
  std::stable_sort(out.begin(), out.end(), [](const PublicKeyInfo& a, const PublicKeyInfo& b) {
    return a.department < b.department;
  });
  return out;
}

Result<std::string> generate_department_key(const fs::path& dir, const std::string& department,
                                            SignatureAlgorithm algorithm, std::string_view passphrase, Instant now) {
  if (!valid_department_code(department)) {
    return make_error("keys.department.invalid", "a department code is 1-64 of A-Z a-z 0-9 _ -");
  }
  auto pair = generate_key_pair(algorithm, passphrase);
  if (!pair) return pair.error();
  const fs::path dept_dir = dir / department;
  std::error_code ec;
  fs::create_directories(dept_dir, ec);
  if (ec) return make_error("crypto.key.unwritable", "cannot create " + dept_dir.string() + ": " + ec.message());
  ::chmod(dept_dir.c_str(), 0700);
  const std::string key_id = key_id_for(department, now);
  const fs::path priv = dept_dir / (key_id + std::string(kPrivateSuffix));
  const fs::path pub = dept_dir / (key_id + std::string(kPublicSuffix));
  if (auto st = detail::write_new_file(pub, pair->public_pem, 0644, "a key with this id exists (wait a second)"); !st) {
    return st.error();
  }
  if (auto st = detail::write_new_file(priv, pair->private_pem, 0600, "a key with this id exists"); !st) {
    fs::remove(pub, ec);
    return st.error();
  }
  return key_id;
}

Result<std::string> read_passphrase_file(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return make_error("crypto.key.missing", "passphrase file " + path.string() + " does not exist");
  }
  if ((st.st_mode & 077) != 0) {
    return make_error("crypto.key.permissions", "passphrase file " + path.string() + " is readable by others; chmod 600 it");
  }
  auto text = read_small_file(path);
  if (!text) return text.error();
  std::string line = text->substr(0, text->find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return make_error("crypto.key.passphrase", "passphrase file " + path.string() + " has an empty first line");
  return line;
}

Status generate_passphrase_file(const fs::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  return detail::write_new_file(path, to_base64(random_bytes(24)) + "\n", 0600, "refusing to replace a passphrase");
}

}  // namespace zhishen::crypto
