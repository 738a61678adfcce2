// tr(), error_text() and label(): the desktop's words, English msgids translated by the catalog
// the app installs (desktop/po/zh_CN.po: Simplified Chinese, the default).
#include "zhishen/desk/i18n.hpp"

#include <map>
#include <string_view>
#include <vector>

#include "zhishen/core/date.hpp"

namespace zhishen::desk {
namespace {

// Marks a msgid for xgettext where it is not translated at once (tables).
#define N_(text) text

std::function<std::string(const char*)>& translator() {
  static std::function<std::string(const char*)> t;
  return t;
}

// Codes the server sends → English msgids (translated through tr()).
const std::map<std::string_view, const char*>& labels() {
  static const std::map<std::string_view, const char*> m = {
      // states
      {"submitted", N_("Submitted")},
      {"precheck_failed", N_("Failed pre-check")},
      {"not_accepted", N_("Not accepted")},
      {"auto_approved", N_("Approved automatically (re-check due)")},
      {"auto_rejected", N_("Refused automatically (re-check due)")},
      {"manual_review", N_("Manual review")},
      {"correction_requested", N_("Correction requested (clock stopped)")},
      {"resubmitted", N_("Resubmitted after correction")},
      {"suspended", N_("Suspended")},
      {"recheck_confirmed", N_("Re-check confirmed")},
      {"recheck_failed", N_("Re-check failed")},
      {"manual_approved", N_("Approved manually")},
      {"certificate_issued", N_("Certificate issued")},
      {"completed", N_("Completed")},
      {"publicised", N_("Publicised")},
      {"archived", N_("Archived")},
      {"revoked", N_("Revoked")},
      {"withdrawn", N_("Withdrawn by the applicant")},
      // staff actions
      {"claim", N_("Claim")},
      {"assign", N_("Assign")},
      {"start_review", N_("Start review")},
      {"confirm_recheck", N_("Confirm re-check")},
      {"fail_recheck", N_("Fail re-check")},
      {"reopen", N_("Reopen review")},
      {"manual_approve", N_("Approve")},
      {"manual_reject", N_("Refuse")},
      {"request_correction", N_("Request correction")},
      {"suspend", N_("Suspend")},
      {"resume", N_("Resume")},
      {"revoke", N_("Revoke")},
      {"issue_certificate", N_("Issue certificate")},
      {"publicise", N_("Publicise")},
      // automatic outcomes
      {"approved", N_("Approved")},
      {"rejected", N_("Refused")},
      {"ineligible", N_("Ineligible")},
      {"none", N_("Not decided automatically")},
      // identity assurance (实名认证级别)
      {"primary", N_("Basic")},
      {"mid_high", N_("Medium-high")},
      {"high", N_("High")},
      // lights
      {"green", N_("Green")},
      {"yellow", N_("Yellow")},
      {"red", N_("Red")},
      // channels
      {"web-hall", N_("Online hall")},
      {"app", N_("Mobile app")},
      {"kiosk", N_("Self-service kiosk")},
      {"wechat", N_("WeChat")},
      {"counter", N_("Counter")},
      // flags
      {"duplicate_channel", N_("Applied through another channel")},
      {"risk_warning", N_("Risk warning")},
      // trace
      {"passed", N_("Passed")},
      {"failed", N_("Failed")},
      {"error", N_("Error")},
      {"skipped", N_("Not evaluated")},
      {"eligibility", N_("Eligibility")},
      {"review_points", N_("Review points")},
      {"risk_prompts", N_("Risk prompts")},
      // ticket states
      {"open", N_("Open")},
      {"answered", N_("Answered")},
      {"closed", N_("Closed")},
      // staff roles
      {"reviewer", N_("Reviewer")},
      {"approver", N_("Approver")},
      {"supervisor", N_("Supervisor")},
      {"admin", N_("Administrator")},
      // channel kinds (app, kiosk, wechat, counter above)
      {"web", N_("Online hall")},
      // work outside the system (体外循环) on the board
      {"certificate_without_case", N_("Certificate without a case")},
      {"publicity_without_case", N_("Publicity without a case")},
      {"completed_without_certificate", N_("Completed without a certificate")},
      // item versions
      {"draft", N_("Draft")},
      {"active", N_("In force")},
      {"retired", N_("Retired")},
  };
  return m;
}

// Error ids the user meets at the desk → what to tell them.
const std::map<std::string_view, const char*>& explanations() {
  static const std::map<std::string_view, const char*> m = {
      {"net.unreachable", N_("The server cannot be reached. Check the address and the network.")},
      {"net.timeout", N_("The server did not answer in time. Try again.")},
      {"net.tls", N_("A secure connection to the server could not be made.")},
      {"net.address.invalid", N_("The server address is not valid (e.g. https://host:8443).")},
      {"net.certificate.untrusted", N_("The server's certificate is not trusted yet.")},
      {"net.certificate.changed",
       N_("The server presents a different certificate from the one trusted before. Do not continue; ask the "
       "administrator.")},
      {"trust.store.io", N_("The trusted certificate could not be saved.")},
      {"auth.login.failed", N_("Wrong user name, password or verification code.")},
      {"auth.login.locked", N_("The account is locked after repeated failures. Try later or ask the administrator.")},
      {"auth.session.expired", N_("Your session has expired. Please log in again.")},
      {"auth.session.invalid", N_("Your session has ended. Please log in again.")},
      {"auth.session.missing", N_("Please log in.")},
      {"auth.forbidden", N_("Your role may not do this.")},
      {"store.conflict", N_("Someone else changed this case first. The case has been reloaded; check it and try again.")},
      {"store.unavailable", N_("The server's database is unavailable. Try again later.")},
      {"store.busy", N_("The server is busy. Try again shortly.")},
      {"case.not_found", N_("No such case in your department.")},
      {"case.transition.invalid", N_("This action is not possible in the case's current state.")},
      {"case.transition.forbidden", N_("Your role may not take this action.")},
      {"case.transition.reason_required", N_("A reason is required.")},
      {"case.transition.legal_basis_required", N_("A legal basis is required.")},
      {"case.transition.guard_failed", N_("The case does not meet the conditions for this action.")},
      {"case.assignee.invalid", N_("The assignee must be an active reviewer or approver of the department.")},
      {"api.reply.invalid", N_("The server gave an answer this program does not understand.")},
      {"desk.field.missing", N_("Please fill in every field.")},
      {"desk.totp.invalid", N_("The verification code has 6 digits.")},
      {"desk.correction.items_missing", N_("List at least one material to supply.")},
      {"desk.roles.missing", N_("Choose at least one role.")},
      {"desk.password.mismatch", N_("The two passwords differ.")},
      {"desk.selection.missing", N_("Select a line in the list first.")},
      {"desk.sample.invalid", N_("A sample file is JSON with \"expected\" and \"application\".")},
      {"desk.samples.missing", N_("Choose the sample files to run first.")},
      {"desk.calendar.invalid", N_("This is not a holiday-cn file (it needs \"year\" and \"days\").")},
      {"desk.file.empty", N_("The file is empty.")},
      {"desk.file.write", N_("The file could not be written.")},
      {"desk.viewer.failed", N_("No program to show the document could be started.")},
      {"desk.print.failed", N_("The document could not be sent to the printer.")},
      {"desk.period.invalid", N_("Choose the first and the last day of the period.")},
      {"desk.period.reversed", N_("The last day of the period is before its first day.")},
      {"desk.period.too_long", N_("A period is at most 366 days.")},
      {"desk.item.invalid", N_("An item code has letters, digits, '-', '_' and '.' only (e.g. 350100-SCJG-GG-0001).")},
      {"desk.department.invalid", N_("A department code has letters, digits, '-', '_' and '.' only (e.g. FZ-SCJG).")},
      // printed documents and the ledger (the server's ids)
      {"document.not_available", N_("This case has no such document in its state or history.")},
      {"document.kind.unknown", N_("No such document.")},
      {"statistics.period.invalid", N_("The period is not valid: both days are needed, in order, at most 366 days apart.")},
      {"supervision.param.invalid", N_("A filter is not valid.")},
      {"ledger.too_large", N_("More than 50,000 decisions in the period: choose a shorter period or one item.")},
      // administration (the server's ids)
      {"auth.password.weak",
       N_("The password is too weak: at least 10 characters with three of lower-case letters, upper-case letters, "
          "digits and other characters, and not the user name.")},
      {"directory.username.invalid", N_("A user name is 3 to 64 of a-z, 0-9, '.', '_' and '-'.")},
      {"directory.display_name.invalid", N_("The name is 1 to 100 characters.")},
      {"directory.roles.invalid", N_("Choose one or more different roles.")},
      {"directory.department.not_found", N_("No such department in the directory.")},
      {"directory.user.not_found", N_("No such staff account.")},
      {"directory.user.duplicate", N_("An account with this user name exists already.")},
      {"directory.user.self_lockout", N_("You cannot deactivate your own account or take away your own administrator role.")},
      {"directory.channel.name.invalid", N_("A channel name is 2 to 64 of a-z, 0-9 and '-'.")},
      {"directory.channel.kind.invalid", N_("Choose the kind of channel.")},
      {"directory.channel.not_found", N_("No such channel.")},
      {"directory.channel.duplicate", N_("A channel with this name exists already.")},
      {"directory.channel.revoked", N_("The channel is revoked.")},
      {"item.not_found", N_("No such item.")},
      {"item.version.not_found", N_("No such version of the item.")},
      {"item.catalogue.invalid", N_("Activating this version would leave a catalogue the server cannot load.")},
      {"bench.cases.missing", N_("Choose the sample files to run first.")},
      {"calendar.file.year_mismatch", N_("The file is for another year.")},
      {"dataset.name.invalid", N_("A dataset name is 1 to 64 of a-z, 0-9 and '_'.")},
      {"dataset.csv.empty", N_("The CSV file is empty.")},
      {"dataset.csv.header", N_("The CSV header must be key,<field>,... with distinct field names.")},
      {"dataset.csv.no_rows", N_("The CSV file has no valid record; the stored dataset is kept.")},
  };
  return m;
}

}  // namespace

void set_translator(std::function<std::string(const char*)> translate) { translator() = std::move(translate); }

std::string tr(const char* msgid) {
  const auto& t = translator();
  return t ? t(msgid) : std::string(msgid);
}

std::string error_text(const Error& e) {
  const auto& m = explanations();
  auto it = m.find(e.id);
  std::string text = it != m.end() ? tr(it->second) : (e.message.empty() ? tr("The request failed.") : e.message);
  return text + " [" + e.id + "]";
}

std::string short_time(const std::string& iso) {
  if (iso.size() < 16) return iso;
  const auto t = parse_instant(iso);
  std::string s = t ? format_instant(*t, UtcOffset{}).substr(0, 16) : iso.substr(0, 16);
  s[10] = ' ';
  return s;
}

std::string short_deadline(const std::string& iso) {
  const auto t = parse_instant(iso);
  return t ? format_deadline(*t, UtcOffset{}) : short_time(iso);
}

std::string fill(const std::string& text, std::initializer_list<std::string> args) {
  const std::vector<std::string> a(args);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const auto n = static_cast<std::size_t>(text[i + 1] - '1');
      if (n < a.size()) {
        out += a[n];
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string label(const std::string& code) {
  const auto& m = labels();
  auto it = m.find(code);
  return it != m.end() ? tr(it->second) : code;
}

}  // namespace zhishen::desk
