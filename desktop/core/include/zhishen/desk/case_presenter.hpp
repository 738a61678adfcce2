#pragma once
// CasePresenter: one case on screen (案件详情) — applicant, form, materials with hashes, the
// decision trace rule by rule, warnings, history, deadlines with lights — and the actions the
// server offers this user now. Each action asks what the lifecycle table requires (reason, legal
// basis, the correction checklist, the ban), confirms an irreversible one, sends it against the
// version the user saw, and shows the server's answer; a conflict (someone else acted first)
// reloads the case and says so. It also offers the case's printed documents (文书: the receipt and
// the notices its state and history give) and downloads the PDF the server produced, for the view
// to preview, save or print.
//
// Ownership: borrows the view, the Api and the runner; the view owns it. Thread-safety: UI thread.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zhishen/desk/api.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk {

// What an action needs from the user, for the view's dialog.
struct ActionSpec {
  std::string action;        // e.g. "revoke"
  std::string title;         // translated button text
  bool needs_reason = false;
  bool needs_legal_basis = false;
  bool asks_reason = false;  // a reason field is shown (optional unless needs_reason)
  bool checklist = false;    // request_correction: the materials to supply, one per line
  bool may_ban = false;      // revoke: the one-year ban
  bool irreversible = false; // asks for confirmation
  std::string confirm_text;  // the confirmation question (translated)
  std::vector<std::string> material_names;  // offered for the checklist
};

using TextRows = std::vector<std::vector<std::string>>;

// What the user does with a downloaded document: open it in the system's PDF viewer, save it
// where they choose, or send it to the printer.
enum class DocumentUse { preview, save, print };

// The e-certificate as the user reads it, label and value: number, type, issued, valid until
// (长期 when without end), state.
std::vector<std::pair<std::string, std::string>> certificate_lines(const Certificate& c);
// The certificate's state: 有效, or 已于 <time> 撤销：<reason>.
std::string certificate_state_text(const Certificate& c);
// The publicity record's state: 待公示（公示期限 <due>）, 已公示（<time>）, 已撤下（<time>）.
std::string publicity_text(const Publicity& p);

// The translated title of a document kind (receipt → 办结回执, …); the kind itself when unknown.
std::string document_title(const std::string& kind);
// Whether the bytes are a PDF file (they start with "%PDF-").
bool is_pdf(const std::string& bytes);

// What `action` on this case needs, by the lifecycle table (reason, legal basis, ban) and the
// action's nature (the correction checklist, confirmation of irreversible steps).
ActionSpec make_action_spec(const CaseDetail& d, const std::string& action);
// The input checked against the spec: case.transition.reason_required,
// case.transition.legal_basis_required, desk.correction.items_missing; nullopt when complete.
std::optional<Error> check_action_input(const ActionSpec& spec, const ActionInput& in);

class CaseView {
 public:
  virtual ~CaseView() = default;
  virtual void show_case() = 0;  // read the presenter's getters
  virtual void show_error(const std::string& text) = 0;
  virtual void show_status(const std::string& text) = 0;
  virtual void set_busy(bool busy) = 0;
  virtual void session_lost() = 0;
  // The modal dialog of an action: fills `in` (reason, legal basis, items, ban) and confirms;
  // false when the user cancels.
  virtual bool ask_action(const ActionSpec& spec, ActionInput& in) = 0;
  // The case changed on the server (the inbox and board refresh).
  virtual void case_changed(const std::string& case_no) = 0;
  // A document arrived (the PDF's bytes, checked): write it and preview, save or print it.
  virtual void document_ready(const std::string& kind, const std::string& bytes, DocumentUse use) = 0;
};

class CasePresenter {
 public:
  CasePresenter(CaseView& view, Api& api, TaskRunner& runner, std::string case_no);

  void load();
  bool loaded() const { return loaded_; }
  const CaseDetail& detail() const { return detail_; }
  const std::string& case_no() const { return case_no_; }

  std::string title() const;
  std::vector<std::pair<std::string, std::string>> summary() const;    // label, value
  std::vector<std::pair<std::string, std::string>> applicant() const;  // label, value
  std::vector<std::pair<std::string, std::string>> form() const;       // field, value
  TextRows materials() const;  // name, code, type, size, SHA-256
  TextRows trace() const;      // rule, section, result, description, message, legal basis, values read
  TextRows history() const;    // time, action, from → to, by, reason, legal basis
  TextRows deadlines() const;  // kind, due, light, paused
  std::vector<std::pair<std::string, std::string>> actions() const;  // code, button text
  // The e-certificate (certificate_lines), empty without one; the publicity record as one line
  // (label, publicity_text), empty without one.
  std::vector<std::pair<std::string, std::string>> certificate() const;
  std::vector<std::pair<std::string, std::string>> publicity() const;

  ActionSpec spec(const std::string& action) const;
  // The user pressed an action's button: ask, check, send.
  void request_action(const std::string& action);
  // Sends an action with the input given (the dialog's result); checks required fields first.
  void perform(const std::string& action, ActionInput in);

  // The documents this case has by its state and history: receipt (办结回执, once completed),
  // certificate (电子证照, when the case has an e-certificate, also a revoked one), acceptance
  // (受理通知书, unless not accepted), non_acceptance (不予受理通知书), correction (补齐补正材料通知书,
  // after a correction request), refusal (不予行政许可决定书, a final refusal), revocation
  // (撤销行政审批决定书). Pairs of kind and translated title.
  std::vector<std::pair<std::string, std::string>> documents() const;
  // Downloads a document on a worker thread and hands the PDF to view.document_ready(); errors
  // (document.not_available, …) through show_error, auth.session.* through session_lost.
  void fetch_document(const std::string& kind, DocumentUse use);
  // The file name of a document of this case, e.g. "ZS20260302A3F09C21-receipt.pdf".
  std::string document_file_name(const std::string& kind) const;

 private:
  bool lost(const Error& e);

  CaseView& view_;
  Api& api_;
  TaskRunner& runner_;
  std::string case_no_;
  CaseDetail detail_;
  bool loaded_ = false;
  bool busy_ = false;
  Alive alive_ = make_alive();
};

// A JSON value as one line of text (strings bare, the rest as JSON).
std::string value_text(const json::Value& v);

}  // namespace zhishen::desk
