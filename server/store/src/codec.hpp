#pragma once
// Conversions between domain values and SQL values, shared by the repositories: instants as epoch
// seconds, optionals as NULL, JSON documents as text, enums by their stable names, and personal
// data through the FieldCipher (encrypted with the table, column and row as associated data, so a
// ciphertext copied to another row or column does not decrypt).
// Thread-safety: stateless functions; Codec's cipher is used through const methods only.

#include <optional>
#include <string>
#include <vector>

#include "zhishen/calendar/light.hpp"
#include "zhishen/core/date.hpp"
#include "zhishen/crypto/field_cipher.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/lifecycle/case_record.hpp"
#include "zhishen/store/sql.hpp"

namespace zhishen::store {

inline SqlValue sql_instant(Instant t) { return static_cast<std::int64_t>(t.time_since_epoch().count()); }
inline SqlValue sql_opt_instant(const std::optional<Instant>& t) {
  return t ? sql_instant(*t) : SqlValue{nullptr};
}
inline SqlValue sql_opt_int(const std::optional<std::int64_t>& v) { return v ? SqlValue{*v} : SqlValue{nullptr}; }
inline Instant instant_of(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }
// cases.due_at for a case without a running deadline: sorts after every real one.
inline constexpr std::int64_t kNoDeadline = 9'000'000'000'000'000'000;
inline SqlValue sql_due(const std::optional<Instant>& t) {
  return t ? sql_instant(*t) : SqlValue{kNoDeadline};
}
inline std::optional<Instant> due_of(const Row& r, std::size_t i) {
  const std::int64_t v = r.int64(i);
  return v == kNoDeadline ? std::nullopt : std::optional<Instant>(instant_of(v));
}
inline std::optional<Instant> opt_instant(const Row& r, std::size_t i) {
  auto v = r.opt_int64(i);
  return v ? std::optional<Instant>(instant_of(*v)) : std::nullopt;
}
inline SqlValue sql_bool(bool b) { return std::int64_t{b ? 1 : 0}; }

std::string json_text(const json::Value& v);
// A stored JSON document; a corrupt one is a fault (store.io), not bad input.
json::Value parse_stored_json(const std::string& text, const char* what);

calendar::Light parse_light(const std::string& s);

// A case's materials (cases.materials_enc, sealed): [{"code","name","mime","sha256","size","extracted"}].
std::string materials_text(const std::vector<domain::Material>& materials);
std::vector<domain::Material> parse_materials(const std::string& text);

std::string terms_json(const lifecycle::CaseTerms& t);
lifecycle::CaseTerms parse_terms(const std::string& text);
// The deadline clocks of a case: [{"kind","started","span","stopped","suspensions":[[begin,end|null]]}].
std::string clocks_json(const std::vector<lifecycle::ClockRecord>& clocks);
std::vector<lifecycle::ClockRecord> parse_clocks(const std::string& text);

// Parses a stored enum name; a name the program does not know is a fault (store.io).
template <class E, class Parse>
E stored_enum(const std::string& name, Parse parse, const char* what) {
  auto v = parse(name);
  if (!v) throw StoreFault("store.io", std::string("unknown ") + what + " \"" + name + "\" in the database");
  return *v;
}

class Codec {
 public:
  explicit Codec(const crypto::FieldCipher& cipher) : cipher_(cipher) {}
  Blob seal(std::string_view plaintext, const std::string& where) const {
    return Blob{cipher_.encrypt(plaintext, where)};
  }
  // A value that does not decrypt means a wrong key file or tampering: a fault, never silently empty.
  std::string open(const Row& r, std::size_t i, const std::string& where) const;
  std::string index(std::string_view domain, std::string_view value) const { return cipher_.blind_index(domain, value); }

 private:
  const crypto::FieldCipher& cipher_;
};

}  // namespace zhishen::store
