#include "zhishen/items/guide_check.hpp"

#include <algorithm>
#include <initializer_list>

#include "zhishen/identity/uscc.hpp"

namespace zhishen::items {
namespace {

class Checker {
 public:
  std::vector<GuideIssue> issues;

  void missing(const std::string& f) { issues.push_back({"item.guide.missing", f}); }
  void invalid(const std::string& f) { issues.push_back({"item.guide.invalid", f}); }

  static std::string at(const std::string& prefix, const char* name) {
    return prefix.empty() ? name : prefix + "." + name;
  }

  const json::Value* get(const json::Value& obj, const std::string& prefix, const char* name) {
    const json::Value* v = obj.find(name);
    if (v == nullptr || v->is_null()) {
      missing(at(prefix, name));
      return nullptr;
    }
    return v;
  }

  void text(const json::Value& obj, const std::string& prefix, const char* name) {
    const json::Value* v = get(obj, prefix, name);
    if (v == nullptr) return;
    if (!v->is_string()) invalid(at(prefix, name));
    else if (v->as_string().empty()) missing(at(prefix, name));
  }

  void one_of(const json::Value& obj, const std::string& prefix, const char* name,
              std::initializer_list<const char*> allowed) {
    const json::Value* v = get(obj, prefix, name);
    if (v == nullptr) return;
    if (!v->is_string() ||
        std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return v->as_string() == a; })) {
      invalid(at(prefix, name));
    }
  }

  void flag(const json::Value& obj, const std::string& prefix, const char* name) {
    const json::Value* v = get(obj, prefix, name);
    if (v != nullptr && !v->is_bool()) invalid(at(prefix, name));
  }

  // A whole number in [lo, hi]; returns it (or -1).
  double whole(const json::Value& obj, const std::string& prefix, const char* name, double lo, double hi) {
    const json::Value* v = get(obj, prefix, name);
    if (v == nullptr) return -1;
    if (!v->is_number() || v->as_number() < lo || v->as_number() > hi ||
        v->as_number() != static_cast<double>(static_cast<long long>(v->as_number()))) {
      invalid(at(prefix, name));
      return -1;
    }
    return v->as_number();
  }

  void text_list(const json::Value& obj, const std::string& prefix, const char* name) {
    const json::Value* v = get(obj, prefix, name);
    if (v == nullptr) return;
    if (!v->is_array()) return invalid(at(prefix, name));
    if (v->as_array().empty()) return missing(at(prefix, name));
    for (const auto& e : v->as_array()) {
      if (!e.is_string() || e.as_string().empty()) return invalid(at(prefix, name));
    }
  }

  const json::Value* object(const json::Value& obj, const std::string& prefix, const char* name) {
    const json::Value* v = get(obj, prefix, name);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
      invalid(at(prefix, name));
      return nullptr;
    }
    return v;
  }
};

}  // namespace

std::vector<GuideIssue> check_guide(const json::Value& item) {
  Checker c;
  if (!item.is_object()) {
    c.invalid("$");
    return c.issues;
  }
  c.text(item, "", "code");
  c.text(item, "", "basic_code");
  c.text(item, "", "name");
  c.one_of(item, "", "type", {"行政许可", "公共服务"});
  if (const auto* dept = c.object(item, "", "department")) {
    c.text(*dept, "department", "code");
    c.text(*dept, "department", "name");
    c.text(*dept, "department", "uscc");
    if (const auto* u = dept->find("uscc"); u != nullptr && u->is_string() && !u->as_string().empty() &&
                                            !identity::validate_uscc(u->as_string()).ok()) {
      c.invalid("department.uscc");
    }
  }
  c.text_list(item, "", "legal_basis");
  c.text_list(item, "", "acceptance_conditions");
  if (const auto* m = c.get(item, "", "materials")) {
    if (!m->is_array()) {
      c.invalid("materials");
    } else {
      for (std::size_t i = 0; i < m->as_array().size(); ++i) {
        const auto& e = m->as_array()[i];
        const std::string p = "materials[" + std::to_string(i) + "]";
        if (!e.is_object()) {
          c.invalid(p);
          continue;
        }
        c.text(e, p, "code");
        c.text(e, p, "name");
        c.flag(e, p, "required");
      }
    }
  }
  c.text_list(item, "", "process");
  const double statutory = c.whole(item, "", "statutory_limit_workdays", 1, 3650);
  const double commitment = c.whole(item, "", "commitment_limit_workdays", 1, 3650);
  if (statutory > 0 && commitment > statutory) c.invalid("commitment_limit_workdays");
  if (const auto* fees = c.object(item, "", "fees")) {
    c.flag(*fees, "fees", "charged");
    c.text(*fees, "fees", "standard");
  }
  c.text_list(item, "", "handling_form");
  if (const auto* result = c.object(item, "", "result")) {
    c.one_of(*result, "result", "type", {"e_certificate", "approval_document", "none"});
    c.text(*result, "result", "name");
    c.text(*result, "result", "sample");
  }
  c.text(item, "", "consultation_phone");
  c.text(item, "", "complaint_phone");
  if (const auto* sa = c.object(item, "", "smart_approval")) {
    const std::string p = "smart_approval";
    c.flag(*sa, p, "enabled");
    c.one_of(*sa, p, "auth_level", {"none", "primary", "mid_high"});
    c.whole(*sa, p, "ruleset_version", 1, 1e9);
    c.whole(*sa, p, "recheck_span_workdays", 1, 3650);
    if (const auto* ret = c.object(*sa, p, "return_originals")) c.flag(*ret, p + ".return_originals", "required");
    c.flag(*sa, p, "publicity_required");
    c.flag(*sa, p, "ban_on_false_information");
    c.whole(*sa, p, "star_level", 1, 5);
    c.flag(*sa, p, "notification_commitment");
    c.flag(*sa, p, "missing_materials_tolerated");
  }
  return c.issues;
}

}  // namespace zhishen::items
