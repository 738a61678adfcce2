#include "codec.hpp"

#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::store {

std::string json_text(const json::Value& v) { return json::to_json(v); }

json::Value parse_stored_json(const std::string& text, const char* what) {
  auto v = json::parse(text);
  if (!v) throw StoreFault("store.io", std::string("stored ") + what + " is not valid JSON: " + v.error().message);
  return std::move(v).value();
}

calendar::Light parse_light(const std::string& s) {
  if (s == "green") return calendar::Light::green;
  if (s == "yellow") return calendar::Light::yellow;
  if (s == "red") return calendar::Light::red;
  throw StoreFault("store.io", "unknown light \"" + s + "\" in the database");
}

std::string terms_json(const lifecycle::CaseTerms& t) {
  return json::to_json(json::Object{{"recheck_span_workdays", t.recheck_span_workdays},
                                    {"commitment_span_workdays", t.commitment_span_workdays},
                                    {"publicity_span_workdays", t.publicity_span_workdays},
                                    {"issues_certificate", t.issues_certificate},
                                    {"publicity_required", t.publicity_required},
                                    {"ban_on_false_information", t.ban_on_false_information}});
}

lifecycle::CaseTerms parse_terms(const std::string& text) {
  const json::Value v = parse_stored_json(text, "case terms");
  lifecycle::CaseTerms t;
  auto num = [&](const char* k, int& out) {
    if (const auto* x = v.find(k); x != nullptr && x->is_number()) out = static_cast<int>(x->as_number());
  };
  auto flag = [&](const char* k, bool& out) {
    if (const auto* x = v.find(k); x != nullptr && x->is_bool()) out = x->as_bool();
  };
  num("recheck_span_workdays", t.recheck_span_workdays);
  num("commitment_span_workdays", t.commitment_span_workdays);
  num("publicity_span_workdays", t.publicity_span_workdays);
  flag("issues_certificate", t.issues_certificate);
  flag("publicity_required", t.publicity_required);
  flag("ban_on_false_information", t.ban_on_false_information);
  return t;
}

std::string suspensions_json(const std::vector<calendar::Suspension>& s) {
  json::Array a;
  for (const auto& x : s) {
    a.push_back(json::Array{static_cast<double>(x.begin.time_since_epoch().count()),
                            x.end ? json::Value(static_cast<double>(x.end->time_since_epoch().count())) : json::Value()});
  }
  return json::to_json(a);
}

std::vector<calendar::Suspension> parse_suspensions(const std::string& text) {
  const json::Value v = parse_stored_json(text, "suspensions");
  std::vector<calendar::Suspension> out;
  if (!v.is_array()) throw StoreFault("store.io", "stored suspensions are not an array");
  for (const auto& e : v.as_array()) {
    if (!e.is_array() || e.as_array().size() != 2 || !e.as_array()[0].is_number()) {
      throw StoreFault("store.io", "stored suspension has the wrong shape");
    }
    calendar::Suspension s{instant_of(static_cast<std::int64_t>(e.as_array()[0].as_number())), std::nullopt};
    if (e.as_array()[1].is_number()) s.end = instant_of(static_cast<std::int64_t>(e.as_array()[1].as_number()));
    out.push_back(s);
  }
  return out;
}

std::string Codec::open(const Row& r, std::size_t i, const std::string& where) const {
  auto plain = cipher_.decrypt(r.text(i), where);
  if (!plain) {
    throw StoreFault("store.io", "cannot decrypt " + where.substr(0, where.find(':')) + " (" + plain.error().id +
                                     "): wrong key file or tampered data");
  }
  return std::move(plain).value();
}

}  // namespace zhishen::store
