#pragma once
// HttpApi: the Api and the AdminApi over the Transport port — JSON requests and answers of
// docs/api.md turned into the typed values of api.hpp and admin_api.hpp (the admin calls are in
// http_admin_api.cpp). It keeps the session token after login (cleared on logout and on
// any auth.session.* answer, so the caller goes back to the login screen).
//
// Errors: the server's {"error":{"id","message"}} becomes Error{id, message}; an answer that is not
// the JSON expected becomes `api.reply.invalid`; transport failures keep their net.* ids. Documents
// and the ledger answer the body's bytes as the server sent them (PDF, CSV).
// Ownership: borrows the Transport, which must outlive it. Thread-safety: any thread; the token
// is guarded by a mutex.

#include <mutex>

#include "zhishen/desk/admin_api.hpp"
#include "zhishen/desk/api.hpp"
#include "zhishen/desk/transport.hpp"

namespace zhishen::desk {

class HttpApi final : public Api, public AdminApi {
 public:
  explicit HttpApi(Transport& transport) : transport_(transport) {}

  Result<std::string> fingerprint() override { return transport_.fingerprint(); }
  std::string pinned() const override { return transport_.pinned(); }
  Status trust(const std::string& fingerprint) override { return transport_.pin(fingerprint); }

  Result<Session> login(const std::string& username, const std::string& password, const std::string& totp) override;
  Status logout() override;
  bool logged_in() const;

  Result<InboxPage> inbox(const InboxQuery& q) override;
  Result<CaseDetail> case_detail(const std::string& case_no) override;
  Result<CaseDetail> act(const std::string& case_no, const std::string& action, const ActionInput& in) override;
  Result<std::vector<AssignOutcome>> assign(const std::vector<std::string>& case_nos, std::int64_t assignee_id) override;

  Result<Board> board() override;
  Result<std::vector<CaseRow>> overdue(int limit) override;
  Result<std::vector<Ticket>> tickets(const std::string& state) override;
  Result<Ticket> open_ticket(const std::string& case_no, const std::string& reason) override;
  Result<Ticket> respond_ticket(const std::string& ticket_no, const std::string& response) override;
  Result<Ticket> close_ticket(const std::string& ticket_no, const std::string& note) override;
  Result<json::Value> statistics(const std::string& from, const std::string& to) override;
  Result<std::string> document(const std::string& case_no, const std::string& kind) override;
  Result<std::string> ledger(const LedgerQuery& q, bool csv) override;

  // AdminApi (administrators; everyone else gets auth.forbidden).
  Result<std::vector<DepartmentInfo>> departments() override;
  Result<std::vector<AdminUser>> users() override;
  Result<CreatedUser> create_user(const NewUser& u) override;
  Result<AdminUser> set_active(std::int64_t id, bool active) override;
  Result<CreatedUser> reset_totp(std::int64_t id) override;
  Result<AdminUser> unlock(std::int64_t id) override;
  Result<AdminUser> set_password(std::int64_t id, const std::string& password) override;
  Result<std::vector<ChannelInfo>> channels() override;
  Result<CreatedChannel> create_channel(const std::string& name, const std::string& kind) override;
  Result<CreatedChannel> rotate_channel(const std::string& name) override;
  Result<ChannelInfo> revoke_channel(const std::string& name) override;
  Result<std::vector<ItemInfo>> items() override;
  Result<std::vector<VersionInfo>> versions(const std::string& code) override;
  Result<BenchResult> test_version(const std::string& code, int version, const json::Value& cases) override;
  Result<int> activate(const std::string& code, int version) override;
  Result<std::vector<CalendarYear>> calendar() override;
  Result<CalendarChange> put_calendar(int year, const std::string& json_text) override;
  Result<std::vector<DatasetInfo>> datasets() override;
  Result<json::Value> import_dataset(const std::string& name, const std::string& csv, bool dry_run) override;

  // The query string of an inbox request (percent-encoded), e.g. "limit=200&offset=0&light=red".
  static std::string inbox_query_string(const InboxQuery& q);
  // The query string of a ledger request, e.g. "from=2026-11-01&to=2026-11-22&item=350100-SCJG-GG-0001".
  static std::string ledger_query_string(const LedgerQuery& q);

 private:
  // One request; 2xx answers their JSON body, anything else the error it carries.
  Result<json::Value> call(const std::string& method, const std::string& target, const json::Value* body);
  // The same with a body sent as it is (e.g. CSV text, a JSON file's own text).
  Result<json::Value> call_text(const std::string& method, const std::string& target, const std::string& body,
                                const std::string& content_type);
  // A GET whose 2xx answer is not JSON (a PDF, a CSV file): the body's bytes as they are; errors
  // as call() reads them.
  Result<std::string> call_bytes(const std::string& target);
  // The error a non-2xx reply carries (an auth.session.* error also forgets the token).
  Error reply_error(const HttpReply& reply);
  std::string token() const;

  Transport& transport_;
  mutable std::mutex mu_;
  std::string token_;
};

// Percent-encodes a query parameter value (UTF-8 bytes; unreserved characters kept).
std::string url_encode(const std::string& s);

}  // namespace zhishen::desk
