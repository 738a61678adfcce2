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

std::string materials_text(const std::vector<domain::Material>& materials) {
  json::Array out;
  out.reserve(materials.size());
  for (const auto& m : materials) {
    out.push_back(json::Object{{"code", m.code},
                               {"name", m.name},
                               {"mime", m.mime},
                               {"sha256", m.sha256},
                               {"size", static_cast<double>(m.size)},
                               {"extracted", m.extracted}});
  }
  return json::to_json(out);
}

std::vector<domain::Material> parse_materials(const std::string& text) {
  const json::Value v = parse_stored_json(text, "case materials");
  if (!v.is_array()) throw StoreFault("store.io", "stored case materials are not a list");
  std::vector<domain::Material> out;
  out.reserve(v.as_array().size());
  for (const auto& e : v.as_array()) {
    const auto text_of = [&](const char* k) {
      const json::Value* x = e.find(k);
      if (x == nullptr || !x->is_string()) throw StoreFault("store.io", std::string("stored material lacks ") + k);
      return x->as_string();
    };
    const json::Value* size = e.find("size");
    const json::Value* extracted = e.find("extracted");
    if (size == nullptr || !size->is_number() || extracted == nullptr) {
      throw StoreFault("store.io", "stored material lacks its size or fields");
    }
    out.push_back(domain::Material{text_of("code"), text_of("name"), text_of("mime"), text_of("sha256"),
                                   static_cast<std::int64_t>(size->as_number()), *extracted});
  }
  return out;
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

namespace {

json::Value opt_seconds(const std::optional<Instant>& t) {
  return t ? json::Value(static_cast<double>(t->time_since_epoch().count())) : json::Value();
}

std::int64_t seconds_of(const json::Value* v, const char* what) {
  if (v == nullptr || !v->is_number()) throw StoreFault("store.io", std::string("stored clock lacks ") + what);
  return static_cast<std::int64_t>(v->as_number());
}

}  // namespace

std::string clocks_json(const std::vector<lifecycle::ClockRecord>& clocks) {
  json::Array out;
  for (const auto& k : clocks) {
    json::Array susp;
    for (const auto& x : k.suspensions) {
      susp.push_back(json::Array{static_cast<double>(x.begin.time_since_epoch().count()), opt_seconds(x.end)});
    }
    out.push_back(json::Object{{"kind", std::string(lifecycle::to_string(k.kind))},
                               {"started", static_cast<double>(k.started.time_since_epoch().count())},
                               {"span", k.span_workdays},
                               {"stopped", opt_seconds(k.stopped)},
                               {"suspensions", std::move(susp)}});
  }
  return json::to_json(out);
}

std::vector<lifecycle::ClockRecord> parse_clocks(const std::string& text) {
  const json::Value v = parse_stored_json(text, "clocks");
  if (!v.is_array()) throw StoreFault("store.io", "stored clocks are not an array");
  std::vector<lifecycle::ClockRecord> out;
  for (const auto& c : v.as_array()) {
    lifecycle::ClockRecord k;
    const json::Value* kind = c.find("kind");
    if (kind == nullptr || !kind->is_string()) throw StoreFault("store.io", "stored clock lacks its kind");
    k.kind = stored_enum<lifecycle::DeadlineKind>(kind->as_string(), lifecycle::parse_deadline_kind, "deadline kind");
    k.started = instant_of(seconds_of(c.find("started"), "its start"));
    k.span_workdays = static_cast<int>(seconds_of(c.find("span"), "its span"));
    if (const json::Value* st = c.find("stopped"); st != nullptr && st->is_number()) {
      k.stopped = instant_of(static_cast<std::int64_t>(st->as_number()));
    }
    const json::Value* susp = c.find("suspensions");
    if (susp == nullptr || !susp->is_array()) throw StoreFault("store.io", "stored clock lacks its suspensions");
    for (const auto& e : susp->as_array()) {
      if (!e.is_array() || e.as_array().size() != 2 || !e.as_array()[0].is_number()) {
        throw StoreFault("store.io", "stored suspension has the wrong shape");
      }
      calendar::Suspension x{instant_of(static_cast<std::int64_t>(e.as_array()[0].as_number())), std::nullopt};
      if (e.as_array()[1].is_number()) x.end = instant_of(static_cast<std::int64_t>(e.as_array()[1].as_number()));
      k.suspensions.push_back(x);
    }
    out.push_back(std::move(k));
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
