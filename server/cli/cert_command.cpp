// `zhishen cert verify FILE --pubkey PEM`: checks an e-certificate file (zhishen-certificate/1, as
// the API and the QR code give it) offline with the issuing department's public key, optionally
// against the department's signed revocation list. Prints the verdict — valid, revoked (date and
// reason), expired or tampered — and what the certificate says. See docs/certificates.md.
#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "json_files.hpp"
#include "zhishen/certificates/certificate.hpp"
#include "zhishen/crypto/signed_envelope.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen cert verify FILE --pubkey PEM [--revoked LIST [--list-pubkey PEM]] [--today YYYY-MM-DD]\n"
    "       checks the certificate file's signature with the department's public key (PEM),\n"
    "       its validity on --today (default: today, China time) and, with --revoked, the\n"
    "       department's signed revocation list (GET /api/v1/certificates/revoked?department=...),\n"
    "       itself checked with --list-pubkey (default: --pubkey).\n"
    "       exit 0: valid; 1: revoked, expired or tampered (or a file that cannot be read); 2: usage.\n";

int refuse(std::ostream& err, const Error& e) {
  err << "zhishen: " << e.id << ": " << e.message << "\n";
  return kExitInvalid;
}

}  // namespace

int cert_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args.front() != "verify") return usage_error(err, "cert: expected 'verify'", kUsage);
  auto parsed = parse_args(Args(args.begin() + 1, args.end()), {"pubkey", "revoked", "list-pubkey", "today"});
  if (!parsed) return usage_error(err, parsed.error().message, kUsage);
  if (parsed->positionals.size() != 1 || !parsed->has("pubkey")) {
    return usage_error(err, "cert verify needs one FILE and --pubkey", kUsage);
  }
  Date today = local_date(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()),
                          UtcOffset{});
  if (auto t = parsed->last("today")) {
    auto d = Date::parse(*t);
    if (!d) return usage_error(err, "--today: " + d.error().message, kUsage);
    today = *d;
  }
  auto file = read_file(parsed->positionals.front());
  if (!file) return refuse(err, file.error());
  auto pem = read_file(*parsed->last("pubkey"));
  if (!pem) return refuse(err, pem.error());
  auto cert = crypto::read_envelope(*file, crypto::kCertificateFormat);
  if (!cert) return refuse(err, cert.error());
  const Status signature = crypto::verify_envelope(*cert, *pem);
  if (!signature && signature.error().id != "crypto.signature.invalid") return refuse(err, signature.error());

  const std::string no = json::string_at(cert->body, {"no"});
  std::optional<Instant> revoked_at;
  std::string revoked_when, revoke_reason;
  if (auto list_path = parsed->last("revoked")) {
    auto list_text = read_file(*list_path);
    if (!list_text) return refuse(err, list_text.error());
    auto list_pem = parsed->has("list-pubkey") ? read_file(*parsed->last("list-pubkey")) : Result<std::string>(*pem);
    if (!list_pem) return refuse(err, list_pem.error());
    auto list = crypto::read_envelope(*list_text, crypto::kRevocationListFormat);
    if (!list) return refuse(err, list.error());
    if (auto st = crypto::verify_envelope(*list, *list_pem); !st) {
      return refuse(err, make_error("cert.revocation_list.invalid",
                                    "the revocation list's signature does not verify: " + st.error().message));
    }
    if (json::string_at(list->body, {"department", "code"}) != json::string_at(cert->body, {"issuer", "code"})) {
      return refuse(err, make_error("cert.revocation_list.department",
                                    "the revocation list is another department's than the certificate's issuer"));
    }
    if (const json::Value* entries = list->body.find("entries"); entries != nullptr && entries->is_array()) {
      for (const json::Value& e : entries->as_array()) {
        if (json::string_at(e, {"no"}) != no) continue;
        revoked_when = json::string_at(e, {"revoked_at"});
        revoke_reason = json::string_at(e, {"reason"});
        auto at = parse_instant(revoked_when);
        revoked_at = at ? *at : Instant{};
      }
    }
  }
  const auto verdict = certificates::judge(signature, cert->body, revoked_at, today);
  out << certificates::to_string(verdict) << ": " << no << " " << json::string_at(cert->body, {"type"}) << "\n"
      << "  holder: " << json::string_at(cert->body, {"holder", "name"}) << "\n"
      << "  issuer: " << json::string_at(cert->body, {"issuer", "name"}) << " (" << json::string_at(cert->body, {"issuer", "uscc"})
      << "), key " << cert->signature.key_id << " " << cert->signature.algorithm << "\n"
      << "  issued on " << json::string_at(cert->body, {"issued_on"}) << ", valid until "
      << (cert->body.find("valid_until") != nullptr && cert->body.find("valid_until")->is_string()
              ? cert->body.find("valid_until")->as_string()
              : std::string("long-term (长期)"))
      << "\n";
  if (verdict == certificates::Verdict::revoked) out << "  revoked at " << revoked_when << ": " << revoke_reason << "\n";
  if (verdict == certificates::Verdict::tampered) {
    out << "  the signature does not match the content: a field or the signature was changed, or this is another "
           "department's key\n";
  }
  return verdict == certificates::Verdict::valid ? kExitOk : kExitInvalid;
}

}  // namespace zhishen::cli
