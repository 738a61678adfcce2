// E-certificate body, issue and verdict (see certificate.hpp).
#include "zhishen/certificates/certificate.hpp"

#include <chrono>

#include "zhishen/json/canonical.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::certificates {
namespace {

// A form value as a content line prints it; empty when there is nothing to print.
std::string printed(const json::Value& v) {
  switch (v.type()) {
    case json::Type::string: return v.as_string();
    case json::Type::boolean: return v.as_bool() ? "是" : "否";
    case json::Type::number: return json::format_number(v.as_number());
    case json::Type::array: {
      std::string s;
      for (const json::Value& e : v.as_array()) {
        const std::string one = printed(e);
        if (one.empty()) continue;
        if (!s.empty()) s += "；";
        s += one;
      }
      return s;
    }
    default: return {};
  }
}

bool is_identity_number(const std::string& name, const std::string& label) {
  return name.find("id_number") != std::string::npos || label.find("身份号码") != std::string::npos ||
         label.find("证件号码") != std::string::npos;
}

Date years_later_less_a_day(Date d, int years) {
  using namespace std::chrono;
  year_month_day ymd = d.ymd() + std::chrono::years{years};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
  return Date{sys_days{ymd}}.prev();
}

}  // namespace

std::string certificate_number(const std::string& case_no) {
  if (case_no.rfind("ZS", 0) == 0) return "ZZ" + case_no.substr(2);
  return "ZZ-" + case_no;
}

std::optional<std::string> case_number_of(const std::string& cert_no) {
  if (cert_no.rfind("ZZ-", 0) == 0 && cert_no.size() > 3) return cert_no.substr(3);
  if (cert_no.rfind("ZZ", 0) == 0 && cert_no.size() > 2) return "ZS" + cert_no.substr(2);
  return std::nullopt;
}

json::Value certificate_body(const domain::CaseFile& file, const IssueFacts& facts) {
  json::Array lines;
  const json::Value* form = file.application.find("form");
  if (facts.form_fields.is_array() && form != nullptr && form->is_object()) {
    for (const json::Value& field : facts.form_fields.as_array()) {
      const std::string name = json::string_at(field, {"name"});
      const std::string label = json::string_at(field, {"label"});
      if (name.empty() || is_identity_number(name, label)) continue;
      const json::Value* value = form->find(name);
      if (value == nullptr) continue;
      std::string text = printed(*value);
      if (text.empty()) continue;
      lines.push_back(json::Object{{"label", label.empty() ? name : label}, {"value", std::move(text)}});
    }
  }
  const Date issued = local_date(facts.now, facts.offset);
  json::Value valid_until = nullptr;
  if (facts.validity_years && *facts.validity_years > 0) {
    valid_until = years_later_less_a_day(issued, *facts.validity_years).to_string();
  }
  return json::Object{
      {"schema", std::string(kSchema)},
      {"no", certificate_number(file.case_no)},
      {"type", facts.certificate_type},
      {"holder", json::Object{{"name", file.applicant.name},
                              {"id_type", file.applicant.id_type},
                              {"id_number", file.applicant.id_number}}},
      {"item", json::Object{{"code", file.item_code}, {"name", facts.item_name}}},
      {"content", std::move(lines)},
      {"issuer", json::Object{{"code", facts.issuer.code}, {"name", facts.issuer.name}, {"uscc", facts.issuer.uscc}}},
      {"issued_on", issued.to_string()},
      {"valid_until", std::move(valid_until)},
      {"case_no", file.case_no},
  };
}

Result<std::string> signed_bytes(const json::Value& body) { return json::canonical(body); }

Result<domain::Certificate> issue(const domain::CaseFile& file, const IssueFacts& facts, ports::Signer& signer) {
  json::Value body = certificate_body(file, facts);
  auto bytes = signed_bytes(body);
  if (!bytes) return bytes.error();
  auto signature = signer.sign(facts.issuer.code, ports::Bytes(bytes->begin(), bytes->end()));
  if (!signature) return signature.error();
  domain::Certificate c;
  c.cert_no = certificate_number(file.case_no);
  c.case_no = file.case_no;
  c.department_code = facts.issuer.code;
  c.type = facts.certificate_type;
  c.holder_name = file.applicant.name;
  c.holder_id_type = file.applicant.id_type;
  c.holder_id_number = file.applicant.id_number;
  c.valid_until = valid_until_of(body);
  c.content = std::move(body);
  c.issued_at = facts.now;
  c.algorithm = signature->algorithm;
  c.key_id = signature->key_id;
  c.signature.assign(signature->value.begin(), signature->value.end());
  return c;
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::valid: return "valid";
    case Verdict::revoked: return "revoked";
    case Verdict::expired: return "expired";
    case Verdict::tampered: return "tampered";
  }
  return "tampered";
}

std::optional<Date> valid_until_of(const json::Value& body) {
  const json::Value* v = body.find("valid_until");
  if (v == nullptr || !v->is_string()) return std::nullopt;
  auto d = Date::parse(v->as_string());
  if (!d) return std::nullopt;
  return *d;
}

Verdict judge(const Status& signature, const json::Value& body, const std::optional<Instant>& revoked_at,
              Date today) {
  if (!signature) return Verdict::tampered;
  if (revoked_at) return Verdict::revoked;
  if (auto until = valid_until_of(body); until && today > *until) return Verdict::expired;
  return Verdict::valid;
}

}  // namespace zhishen::certificates
