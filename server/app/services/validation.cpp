#include "validation.hpp"

#include <algorithm>

#include "zhishen/identity/citizen_id.hpp"
#include "zhishen/identity/uscc.hpp"

namespace zhishen::server {
namespace {

Error field(const char* id, const std::string& name, const std::string& what) {
  return make_error(id, name + ": " + what);
}

const std::string* text(const json::Value& obj, const char* key) {
  const json::Value* v = obj.find(key);
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}

int level(const std::string& l) {
  if (l == "mid_high") return 2;
  if (l == "primary") return 1;
  if (l == "none") return 0;
  return -1;
}

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

bool auth_level_sufficient(const std::string& have, const std::string& need) {
  return level(have) >= level(need);
}

Result<domain::Applicant> parse_applicant(const json::Value& body, Date today) {
  const json::Value* a = body.find("applicant");
  if (a == nullptr || !a->is_object()) return make_error("application.field.missing", "applicant: required (an object)");
  domain::Applicant out;
  const std::string* type = text(*a, "type");
  if (type == nullptr || (*type != "person" && *type != "enterprise")) {
    return field("application.field.invalid", "applicant.type", "must be person or enterprise");
  }
  out.type = *type;
  const std::string* name = text(*a, "name");
  if (name == nullptr || name->empty() || name->size() > 200) {
    return field("application.field.invalid", "applicant.name", "required, at most 200 bytes");
  }
  out.name = *name;
  const std::string* id_type = text(*a, "id_type");
  const std::string expected_type = out.type == "person" ? "citizen_id" : "uscc";
  if (id_type == nullptr || *id_type != expected_type) {
    return field("application.field.invalid", "applicant.id_type", "must be " + expected_type + " for a " + out.type);
  }
  out.id_type = *id_type;
  const std::string* id = text(*a, "id_number");
  if (id == nullptr || id->empty()) return field("application.field.missing", "applicant.id_number", "required");
  if (out.id_type == "citizen_id") {
    auto v = identity::validate_citizen_id(*id, today);
    if (!v) return make_error(v.error().id, "applicant.id_number: " + v.error().message);
    out.id_number = v->number;
  } else {
    auto v = identity::validate_uscc(*id);
    if (!v) return make_error(v.error().id, "applicant.id_number: " + v.error().message);
    out.id_number = v->code;
  }
  const std::string* phone = text(*a, "phone");
  out.phone = phone != nullptr ? *phone : "";
  const std::string* address = text(*a, "address");
  out.address = address != nullptr ? *address : "";
  const std::string* auth = text(*a, "auth_level");
  if (auth == nullptr || level(*auth) < 0) {
    return field("application.field.invalid", "applicant.auth_level", "must be none, primary or mid_high");
  }
  out.auth_level = *auth;
  return out;
}

Status validate_form(const CompiledItem& item, const json::Value& form, bool precheck_only) {
  if (!form.is_object()) return make_error("application.field.invalid", "form: must be an object");
  const json::Value* fields = item.version.guide.find("form_fields");
  if (fields == nullptr || !fields->is_array()) return {};
  std::string missing;
  for (const auto& f : fields->as_array()) {
    const json::Value* name = f.find("name");
    if (name == nullptr || !name->is_string()) continue;
    const std::string path = "form." + name->as_string();
    if (precheck_only &&
        std::find(item.precheck_fields.begin(), item.precheck_fields.end(), path) == item.precheck_fields.end()) {
      continue;
    }
    const json::Value* v = form.find(name->as_string());
    const json::Value* required = f.find("required");
    const bool is_required = required != nullptr && required->is_bool() && required->as_bool();
    if (v == nullptr || v->is_null() || (v->is_string() && v->as_string().empty())) {
      if (is_required) missing += (missing.empty() ? "" : ", ") + path;
      continue;
    }
    const json::Value* type = f.find("type");
    const std::string t = type != nullptr && type->is_string() ? type->as_string() : "string";
    const bool ok = (t == "number" && v->is_number()) || (t == "boolean" && v->is_bool()) ||
                    (t == "array" && v->is_array()) ||
                    (t == "date" && v->is_string() && Date::parse(v->as_string()).ok()) ||
                    (t == "string" && v->is_string()) || (t != "number" && t != "boolean" && t != "array" &&
                                                          t != "date" && t != "string");
    if (!ok) return field("application.field.type", path, "must be a " + t);
  }
  if (!missing.empty()) return make_error("application.field.missing", "required: " + missing);
  return {};
}

Result<std::vector<domain::Material>> parse_materials(const json::Value& body) {
  std::vector<domain::Material> out;
  const json::Value* list = body.find("materials");
  if (list == nullptr) return out;
  if (!list->is_array()) return make_error("application.field.invalid", "materials: must be an array");
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const auto& m = list->as_array()[i];
    const std::string at = "materials[" + std::to_string(i) + "]";
    if (!m.is_object()) return field("application.field.invalid", at, "must be an object");
    domain::Material x;
    const std::string* code = text(m, "code");
    const std::string* name = text(m, "name");
    const std::string* sha = text(m, "sha256");
    const json::Value* size = m.find("size");
    if (code == nullptr || code->empty() || name == nullptr) return field("application.field.invalid", at, "needs code and name");
    if (sha == nullptr || !is_hex64(*sha)) return field("application.field.invalid", at + ".sha256", "must be 64 lower-case hex characters");
    if (size == nullptr || !size->is_number() || size->as_number() < 0) {
      return field("application.field.invalid", at + ".size", "must be a number of bytes >= 0");
    }
    x.code = *code;
    x.name = *name;
    x.sha256 = *sha;
    x.size = static_cast<std::int64_t>(size->as_number());
    const std::string* mime = text(m, "mime");
    x.mime = mime != nullptr ? *mime : "";
    if (const json::Value* e = m.find("extracted"); e != nullptr) x.extracted = *e;
    out.push_back(std::move(x));
  }
  return out;
}

Status validate_delivery(const json::Value& body) {
  const json::Value* d = body.find("delivery");
  if (d == nullptr) return {};
  const std::string* method = d->is_object() ? text(*d, "method") : nullptr;
  if (method == nullptr || (*method != "pickup" && *method != "express")) {
    return field("application.field.invalid", "delivery.method", "must be pickup or express");
  }
  if (*method == "express") {
    const std::string* address = text(*d, "address");
    if (address == nullptr || address->empty()) return field("application.field.missing", "delivery.address", "required for express");
  }
  return {};
}

}  // namespace zhishen::server
