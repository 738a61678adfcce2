// Signed JSON envelopes (see signed_envelope.hpp).
#include "zhishen/crypto/signed_envelope.hpp"

#include "zhishen/crypto/hash.hpp"
#include "zhishen/crypto/signing_key.hpp"
#include "zhishen/json/canonical.hpp"
#include "zhishen/json/parse.hpp"

namespace zhishen::crypto {
namespace {

Error invalid(const std::string& what) { return make_error("envelope.invalid", what); }

const std::string* string_member(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}

}  // namespace

json::Value envelope_json(const SignedEnvelope& e) {
  const auto& v = e.signature.value;
  json::Object sig{{"algorithm", e.signature.algorithm}, {"key_id", e.signature.key_id}};
  if (!e.sm2_id.empty()) sig.emplace_back("sm2_id", e.sm2_id);
  sig.emplace_back("value", to_base64(std::string_view(reinterpret_cast<const char*>(v.data()), v.size())));
  return json::Object{{"format", e.format}, {"body", e.body}, {"signature", std::move(sig)}};
}

Result<SignedEnvelope> read_envelope(std::string_view text, std::string_view expected_format) {
  auto doc = json::parse(text);
  if (!doc) return invalid("not JSON: " + doc.error().message);
  if (!doc->is_object()) return invalid("the document is not a JSON object");
  const std::string* format = string_member(*doc, "format");
  if (format == nullptr) return invalid("\"format\" is missing");
  if (*format != expected_format) {
    return make_error("envelope.format", "expected a " + std::string(expected_format) + " document, not " + *format);
  }
  const json::Value* body = doc->find("body");
  if (body == nullptr || !body->is_object()) return invalid("\"body\" is missing or not an object");
  const json::Value* sig = doc->find("signature");
  if (sig == nullptr || !sig->is_object()) return invalid("\"signature\" is missing or not an object");
  const std::string* algorithm = string_member(*sig, "algorithm");
  const std::string* key_id = string_member(*sig, "key_id");
  const std::string* value = string_member(*sig, "value");
  if (algorithm == nullptr || key_id == nullptr || value == nullptr) {
    return invalid("\"signature\" needs algorithm, key_id and value strings");
  }
  auto der = from_base64(*value);
  if (!der) return invalid("the signature value is not base64");
  SignedEnvelope e;
  e.format = *format;
  e.body = *body;
  e.signature = {*key_id, *algorithm, ports::Bytes(der->begin(), der->end())};
  if (const std::string* id = string_member(*sig, "sm2_id")) e.sm2_id = *id;
  return e;
}

Status verify_envelope(const SignedEnvelope& e, std::string_view public_pem) {
  auto key = VerifyingKey::load(public_pem, e.sm2_id.empty() ? std::string(kDefaultSm2Id) : e.sm2_id);
  if (!key) return key.error();
  if (to_string(key->algorithm()) != e.signature.algorithm) {
    return make_error("crypto.signature.invalid", "the envelope names " + e.signature.algorithm + " but the key is " +
                                                       std::string(to_string(key->algorithm())));
  }
  auto bytes = json::canonical(e.body);
  if (!bytes) return bytes.error();
  const auto& v = e.signature.value;
  return key->verify(*bytes, std::string_view(reinterpret_cast<const char*>(v.data()), v.size()));
}

}  // namespace zhishen::crypto
