// E-certificates and publicity records in the server (see certificates.hpp).
#include "certificates.hpp"

#include <Poco/Logger.h>

#include "case_followups.hpp"
#include "case_support.hpp"
#include "case_view.hpp"
#include "documents.hpp"
#include "permissions.hpp"
#include "zhishen/certificates/certificate.hpp"
#include "zhishen/crypto/signed_envelope.hpp"
#include "zhishen/crypto/signing_key.hpp"
#include "zhishen/json/canonical.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

// "2026-11-22" as the exchange format writes dates: "2026/11/22".
std::string slashed(std::string date) {
  for (char& c : date) {
    if (c == '-') c = '/';
  }
  return date;
}

// A certificate judged now: its verdict and what a verifier may see (no identity number).
json::Value verdict_json(const domain::Certificate& c, certificates::Verdict v, Instant now) {
  static const std::map<certificates::Verdict, const char*> kLabels = {
      {certificates::Verdict::valid, "有效"}, {certificates::Verdict::revoked, "已撤销"},
      {certificates::Verdict::expired, "已过期"}, {certificates::Verdict::tampered, "已被篡改"}};
  const json::Value& body = c.content;
  json::Object out{{"no", c.cert_no},
                   {"verdict", std::string(certificates::to_string(v))},
                   {"verdict_label", kLabels.at(v)},
                   {"type", c.type},
                   {"holder_name", c.holder_name},
                   {"issuer", json::Object{{"code", json::string_at(body, {"issuer", "code"})},
                                           {"name", json::string_at(body, {"issuer", "name"})},
                                           {"uscc", json::string_at(body, {"issuer", "uscc"})}}},
                   {"issued_on", json::string_at(body, {"issued_on"})},
                   {"valid_until", body.find("valid_until") != nullptr ? *body.find("valid_until") : json::Value()},
                   {"key_id", c.key_id},
                   {"algorithm", c.algorithm},
                   {"checked_at", format_instant(now, UtcOffset{})}};
  if (v == certificates::Verdict::revoked) {
    out.emplace_back("revoked_at", instant_json(c.revoked_at));
    out.emplace_back("revoke_reason", c.revoke_reason);
  }
  return out;
}

// The stored certificate's signature checked with the key ring: the key must be known and belong
// to the department the body names as issuer.
Status check_signature(ServerContext& ctx, const json::Value& body, const ports::Signature& sig) {
  auto bytes = certificates::signed_bytes(body);
  if (!bytes) return bytes.error();
  const auto keys = ctx.keys();
  const auto dept = keys->department_of(sig.key_id);
  if (!dept || *dept != json::string_at(body, {"issuer", "code"})) {
    return make_error("signer.unknown_key", "key " + sig.key_id + " is not the issuing department's");
  }
  return keys->verify(ports::Bytes(bytes->begin(), bytes->end()), sig);
}

ports::Signature signature_of(const domain::Certificate& c) {
  return {c.key_id, c.algorithm, ports::Bytes(c.signature.begin(), c.signature.end())};
}

Result<domain::Certificate> find_certificate(ServerContext& ctx, const std::string& cert_no) {
  std::optional<domain::Certificate> c;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    c = tx.supervision().certificate(cert_no);
    return {};
  });
  if (!st) return st.error();
  if (!c) return make_error("certificate.not_found", "no certificate " + cert_no);
  return *c;
}

std::string holder_category(const domain::CaseFile& f, const std::string& item_name) {
  if (item_name.find("个体工商户") != std::string::npos) return "个体工商户";
  return f.applicant.type == "enterprise" ? "法人及非法人组织" : "自然人";
}

json::Value publicity_fields_of(const domain::CaseFile& f, const CompiledItem* item,
                                const std::optional<domain::Certificate>& cert, const domain::Department& dept,
                                Instant now) {
  const std::string item_name = item != nullptr ? item->name : f.item_code;
  const bool organisation = f.applicant.id_type == "uscc";
  const std::string decided = slashed(local_date(f.decided_at.value_or(now), UtcOffset{}).to_string());
  std::string valid_until = "2099/12/31";  // the exchange format's 长期
  std::string licence_name;
  if (cert) {
    if (const json::Value* v = cert->content.find("valid_until"); v != nullptr && v->is_string()) {
      valid_until = slashed(v->as_string());
    }
    licence_name = cert->type;
  }
  const std::string case_ref = cert ? cert->cert_no : f.case_no;
  json::Object out;
  auto put = [&](const char* code, std::string value) { out.emplace_back(code, std::move(value)); };
  put("XK_XDR_MC", f.applicant.name);
  put("XK_XDR_LB", holder_category(f, item_name));
  put("XK_XDR_SHXYM", organisation ? f.applicant.id_number : "");
  for (const char* code : {"XK_XDR_GSZC", "XK_XDR_ZZJG", "XK_XDR_SWDJ", "XK_XDR_SYDW", "XK_XDR_SHZZ", "XK_FRDB",
                           "XK_FR_ZJLX", "XK_FR_ZJHM"}) {
    put(code, "");
  }
  // A natural person's number is published masked (personal information is not made public).
  put("XK_XDR_ZJLX", organisation ? "" : "身份证");
  put("XK_XDR_ZJHM", organisation ? "" : domain::mask_id(f.applicant.id_number));
  put("XK_XKWS", "准予行政许可决定书");
  put("XK_WSH", case_ref);
  put("XK_XKLB", "普通");
  put("XK_XKZS", licence_name);
  put("XK_XKBH", cert ? cert->cert_no : "");
  put("XK_NR", "准予" + item_name);
  put("XK_JDRQ", decided);
  put("XK_YXQZ", decided);
  put("XK_YXQZI", valid_until);
  put("XK_XKJG", dept.name);
  put("XK_XKJGDM", dept.uscc);
  put("XK_ZT", "0");  // 0 正常, 1 撤销 (see docs/certificates.md)
  put("XK_LYDW", dept.name);
  put("XK_LYDWDM", dept.uscc);
  put("BZ", "办件编号" + f.case_no);
  return out;
}

}  // namespace

const std::vector<PublicityField>& publicity_fields() {
  static const std::vector<PublicityField> kFields = {
      {"XK_XDR_MC", "行政相对人名称"}, {"XK_XDR_LB", "行政相对人类别"},
      {"XK_XDR_SHXYM", "行政相对人代码_1(统一社会信用代码)"}, {"XK_XDR_GSZC", "行政相对人代码_2(工商注册号)"},
      {"XK_XDR_ZZJG", "行政相对人代码_3(组织机构代码)"}, {"XK_XDR_SWDJ", "行政相对人代码_4(税务登记号)"},
      {"XK_XDR_SYDW", "行政相对人代码_5(事业单位证书号)"}, {"XK_XDR_SHZZ", "行政相对人代码_6(社会组织登记证号)"},
      {"XK_FRDB", "法定代表人"}, {"XK_FR_ZJLX", "法定代表人证件类型"}, {"XK_FR_ZJHM", "法定代表人证件号码"},
      {"XK_XDR_ZJLX", "证件类型"}, {"XK_XDR_ZJHM", "证件号码"}, {"XK_XKWS", "行政许可决定文书名称"},
      {"XK_WSH", "行政许可决定文书号"}, {"XK_XKLB", "许可类别"}, {"XK_XKZS", "许可证书名称"},
      {"XK_XKBH", "许可编号"}, {"XK_NR", "许可内容"}, {"XK_JDRQ", "许可决定日期"}, {"XK_YXQZ", "有效期自"},
      {"XK_YXQZI", "有效期至"}, {"XK_XKJG", "许可机关"}, {"XK_XKJGDM", "许可机关统一社会信用代码"},
      {"XK_ZT", "当前状态"}, {"XK_LYDW", "数据来源单位"}, {"XK_LYDWDM", "数据来源单位统一社会信用代码"},
      {"BZ", "备注"}};
  return kFields;
}

Status issue_if_due(ServerContext& ctx, ports::StoreTx& tx, domain::CaseFile& f, const CompiledItem* item,
                    Instant now) {
  const State s = f.record.state;
  if ((s != State::recheck_confirmed && s != State::manual_approved) || !f.record.terms.issues_certificate) return {};
  if (item == nullptr) return {};
  auto dept = tx.directory().department(f.department_code);
  if (!dept) return make_error("department.not_found", "department " + f.department_code + " of case " + f.case_no);
  const json::Value& guide = item->version.guide;
  certificates::IssueFacts facts;
  facts.item_name = item->name;
  facts.certificate_type = json::string_at(guide, {"result", "name"});
  if (facts.certificate_type.empty()) facts.certificate_type = item->name;
  if (const json::Value* ff = guide.find("form_fields")) facts.form_fields = *ff;
  facts.issuer = *dept;
  if (const json::Value* r = guide.find("result"); r != nullptr) {
    if (const json::Value* y = r->find("validity_years"); y != nullptr && y->is_number() && y->as_number() >= 1 &&
                                                          y->as_number() <= 100) {
      facts.validity_years = static_cast<int>(y->as_number());
    }
  }
  facts.now = now;
  auto cert = certificates::issue(f, facts, *ctx.keys());
  if (!cert) {
    if (cert.error().id == "signer.no_key") {
      ctx.log().warning("case %s waits for its e-certificate: %s", f.case_no, cert.error().message);
      return {};
    }
    return cert.error();
  }
  if (auto st = tx.supervision().put_certificate(*cert); !st) return st;
  for (Action a : {Action::issue_certificate, Action::complete}) {
    auto moved = lifecycle::apply(f.record, {a, Role::system, "system", now,
                                             a == Action::issue_certificate ? "电子证照 " + cert->cert_no : "发证后办结",
                                             "", false});
    if (!moved) return moved.error();
    f.record = std::move(moved).value();
  }
  return {};
}

int issue_waiting(ServerContext& ctx, std::size_t limit) {
  ports::InboxQuery q;
  q.states = {State::recheck_confirmed, State::manual_approved};
  q.limit = limit;
  std::vector<domain::CaseSummary> waiting;
  if (auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
        waiting = tx.cases().inbox(q);
        return {};
      });
      !st) {
    return 0;
  }
  auto cat = ctx.catalogue();
  int issued = 0;
  for (const auto& w : waiting) {
    const CompiledItem* item = cat->find(w.item_code);
    if (item == nullptr || !item->terms.issues_certificate || !ctx.keys()->can_sign(w.department_code)) continue;
    const Instant now = ctx.now();
    auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      auto f = tx.cases().load(w.case_no);
      if (!f) return f.error();
      const domain::CaseFile before = *f;
      if (auto s = issue_if_due(ctx, tx, *f, item, now); !s) return s;
      if (f->record.state == before.record.state) return {};
      refresh_deadlines(ctx, *f);
      auto receipt = render_receipt(ctx, tx, *f);  // before the case's row is written
      if (!receipt) return receipt.error();
      if (auto s = tx.cases().save(*f, before.record.version); !s) return s;
      Principal system;
      system.staff.username = "system";
      if (auto s = record_followups(tx, system, item, before, *f, Action::issue_certificate, {}, now); !s) return s;
      if (auto s = record_publicity(ctx, tx, before, *f, now); !s) return s;
      if (auto s = keep_receipt(tx, *receipt); !s) return s;
      ++issued;
      return {};
    });
    if (!st) ctx.log().warning("case %s: its e-certificate is still waiting: %s", w.case_no, st.error().id);
  }
  return issued;
}

Status record_publicity(ServerContext& ctx, ports::StoreTx& tx, const domain::CaseFile& before,
                        const domain::CaseFile& after, Instant now) {
  if (after.record.state == State::publicised && before.record.state != State::publicised) {
    auto p = tx.supervision().publicity_for(after.case_no);
    if (p && !p->published_at) {
      p->published_at = now;
      return tx.supervision().update_publicity(*p);
    }
    return {};
  }
  const bool completed_now = after.record.state == State::completed && before.record.state != State::completed;
  if (!completed_now || after.record.decision != lifecycle::Decision::approved ||
      !after.record.terms.publicity_required) {
    return {};
  }
  if (tx.supervision().publicity_for(after.case_no)) return {};
  auto dept = tx.directory().department(after.department_code);
  if (!dept) return make_error("department.not_found", "department " + after.department_code);
  auto cat = ctx.catalogue();
  const auto cert = tx.supervision().certificate(certificates::certificate_number(after.case_no));
  domain::PublicityRecord p;
  p.case_no = after.case_no;
  p.department_code = after.department_code;
  p.fields = publicity_fields_of(after, cat->find(after.item_code), cert, *dept, now);
  p.due_at = after.due_at.value_or(now);
  auto id = tx.supervision().put_publicity(p);
  if (!id) return id.error();
  return {};
}

json::Value certificate_summary(ports::StoreTx& tx, const std::string& case_no) {
  auto c = tx.supervision().certificate(certificates::certificate_number(case_no));
  if (!c) return nullptr;
  return json::Object{{"no", c->cert_no},
                      {"type", c->type},
                      {"issued_at", format_instant(c->issued_at, UtcOffset{})},
                      {"valid_until", c->valid_until ? json::Value(c->valid_until->to_string()) : json::Value()},
                      {"state", c->revoked_at ? "revoked" : "valid"},
                      {"revoked_at", instant_json(c->revoked_at)},
                      {"revoke_reason", c->revoke_reason},
                      {"key_id", c->key_id},
                      {"algorithm", c->algorithm}};
}

json::Value publicity_summary(ports::StoreTx& tx, const std::string& case_no) {
  auto p = tx.supervision().publicity_for(case_no);
  if (!p) return nullptr;
  const char* state = p->withdrawn_at ? "withdrawn" : p->published_at ? "published" : "pending";
  return json::Object{{"state", state},
                      {"due_at", format_instant(p->due_at, UtcOffset{})},
                      {"published_at", instant_json(p->published_at)},
                      {"withdrawn_at", instant_json(p->withdrawn_at)}};
}

reports::CertificatePrint certificate_print(ServerContext& ctx, const domain::Certificate& c, bool full) {
  const json::Value& body = c.content;
  reports::CertificatePrint p;
  p.title = c.type;
  p.cert_no = c.cert_no;
  p.holder_name = c.holder_name;
  p.holder_id_label = c.holder_id_type == "uscc" ? "统一社会信用代码" : "公民身份号码";
  p.holder_id = full ? c.holder_id_number : domain::mask_id(c.holder_id_number);
  if (const json::Value* lines = body.find("content"); lines != nullptr && lines->is_array()) {
    for (const json::Value& l : lines->as_array()) p.fields.emplace_back(json::string_at(l, {"label"}), json::string_at(l, {"value"}));
  }
  p.department_name = json::string_at(body, {"issuer", "name"});
  p.department_uscc = json::string_at(body, {"issuer", "uscc"});
  const std::string issued = json::string_at(body, {"issued_on"});
  const auto issued_on = Date::parse(issued);
  p.issued_on = issued_on ? chinese_date(*issued_on) : issued;
  p.valid_until = c.valid_until ? chinese_date(*c.valid_until) : "长期";
  p.case_no = c.case_no;
  p.algorithm = c.algorithm;
  p.key_id = c.key_id;
  p.signature_digest = crypto::sm3_hex(c.signature).substr(0, 16);
  const std::string base = ctx.config().verify_url_base;
  const std::string where = base.empty() ? "审批系统 /api/v1/certificates/" + c.cert_no + "/verify"
                                         : base + c.cert_no;
  if (full) {
    p.qr_payload = json::to_json(certificate_file(ctx, c));
    p.verify_hint = "扫描二维码可取得签名证照文件离线核验（zhishen cert verify），或访问 " + where + " 核验";
  } else {
    p.qr_payload = base.empty() ? c.cert_no : base + c.cert_no;
    p.verify_hint = "扫描二维码或访问 " + where + " 核验";
  }
  p.generated_at = format_instant(ctx.now(), UtcOffset{}).substr(0, 16);
  if (p.generated_at.size() > 10) p.generated_at[10] = ' ';
  return p;
}

json::Value certificate_file(ServerContext& ctx, const domain::Certificate& c) {
  crypto::SignedEnvelope e;
  e.format = std::string(crypto::kCertificateFormat);
  e.body = c.content;
  e.signature = signature_of(c);
  if (c.algorithm == "SM2-SM3") e.sm2_id = ctx.config().sm2_id;
  return crypto::envelope_json(e);
}

Result<json::Value> verify_stored(ServerContext& ctx, const std::string& cert_no) {
  auto c = find_certificate(ctx, cert_no);
  if (!c) return c.error();
  const Instant now = ctx.now();
  const Status sig = check_signature(ctx, c->content, signature_of(*c));
  const auto v = certificates::judge(sig, c->content, c->revoked_at, local_date(now, UtcOffset{}));
  return verdict_json(*c, v, now);
}

Result<json::Value> verify_presented(ServerContext& ctx, const std::string& file_text) {
  auto e = crypto::read_envelope(file_text, crypto::kCertificateFormat);
  if (!e) return e.error();
  const std::string no = json::string_at(e->body, {"no"});
  if (no.empty()) return make_error("envelope.invalid", "the certificate has no number");
  auto stored = find_certificate(ctx, no);
  if (!stored) return stored.error();
  const Instant now = ctx.now();
  Status sig = check_signature(ctx, e->body, e->signature);
  // A good signature over other content than the registry's (an old key's re-signing, or a
  // registry edited behind the system's back) is not the certificate the department issued. The
  // signature checked, the presented body has a canonical form.
  const auto registry = certificates::signed_bytes(stored->content);
  if (sig && (!registry || *registry != certificates::signed_bytes(e->body).value())) {
    sig = make_error("signer.bad_signature", "the presented certificate differs from the registry's");
  }
  const auto v = certificates::judge(sig, e->body, stored->revoked_at, local_date(now, UtcOffset{}));
  return verdict_json(*stored, v, now);
}

Result<json::Value> revocation_list(ServerContext& ctx, const std::string& department) {
  std::vector<domain::Certificate> revoked;
  std::optional<domain::Department> dept;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    dept = tx.directory().department(department);
    if (dept) revoked = tx.supervision().revoked_certificates(department);
    return {};
  });
  if (!st) return st.error();
  if (!dept) return make_error("department.not_found", "no department " + department);
  const Instant now = ctx.now();
  json::Array entries;
  for (const auto& c : revoked) {
    entries.push_back(json::Object{{"no", c.cert_no}, {"revoked_at", instant_json(c.revoked_at)}, {"reason", c.revoke_reason}});
  }
  json::Value body = json::Object{{"schema", std::string(crypto::kRevocationListFormat)},
                                  {"department", json::Object{{"code", dept->code}, {"name", dept->name},
                                                              {"uscc", dept->uscc}}},
                                  {"issued_at", format_instant(now, UtcOffset{})},
                                  {"entries", std::move(entries)}};
  auto bytes = json::canonical(body);
  if (!bytes) return bytes.error();
  auto sig = ctx.keys()->sign(department, ports::Bytes(bytes->begin(), bytes->end()));
  if (!sig) return sig.error();
  crypto::SignedEnvelope e{std::string(crypto::kRevocationListFormat), std::move(body), std::move(sig).value(),
                           ""};
  if (e.signature.algorithm == "SM2-SM3") e.sm2_id = ctx.config().sm2_id;
  return crypto::envelope_json(e);
}

Result<std::string> publicity_csv(ServerContext& ctx, const Principal& who,
                                  const std::map<std::string, std::string>& query) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  std::optional<std::string> department;
  std::string state = "all";
  for (const auto& [key, value] : query) {
    if (key == "department" && !value.empty() && value.size() <= 64) {
      department = value;
    } else if (key == "state" && (value == "pending" || value == "published" || value == "withdrawn" || value == "all")) {
      state = value;
    } else {
      return make_error("publicity.request.invalid", key + ": department=CODE or state=pending|published|withdrawn|all");
    }
  }
  if (auto scope = department_scope(who)) department = *scope;  // reviewers and approvers: their own
  std::vector<domain::PublicityRecord> records;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    records = tx.supervision().publicity_records(department, 100000);
    return {};
  });
  if (!st) return st.error();
  auto field = [](const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < publicity_fields().size(); ++i) out += (i ? "," : "") + field(publicity_fields()[i].name);
  out += "\r\n";
  for (const auto& p : records) {
    const char* s = p.withdrawn_at ? "withdrawn" : p.published_at ? "published" : "pending";
    if (state != "all" && state != s) continue;
    for (std::size_t i = 0; i < publicity_fields().size(); ++i) {
      out += (i ? "," : "") + field(json::string_at(p.fields, {publicity_fields()[i].code}));
    }
    out += "\r\n";
  }
  return out;
}

json::Value public_keys(ServerContext& ctx) {
  json::Array keys;
  for (const auto& k : ctx.keys()->public_keys()) {
    keys.push_back(json::Object{{"department", k.department}, {"key_id", k.key_id}, {"algorithm", k.algorithm},
                                {"signing", k.signing}, {"pem", k.pem}});
  }
  return json::Object{{"keys", std::move(keys)}};
}

}  // namespace zhishen::server
