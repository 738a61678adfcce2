#pragma once
// HttpApi: the Api over the Transport port — JSON requests and answers of docs/api.md turned into
// the typed values of api.hpp. It keeps the session token after login (cleared on logout and on
// any auth.session.* answer, so the caller goes back to the login screen).
//
// Errors: the server's {"error":{"id","message"}} becomes Error{id, message}; an answer that is not
// the JSON expected becomes `api.reply.invalid`; transport failures keep their net.* ids.
// Ownership: borrows the Transport, which must outlive it. Thread-safety: any thread; the token
// is guarded by a mutex.

#include <mutex>

#include "zhishen/desk/api.hpp"
#include "zhishen/desk/transport.hpp"

namespace zhishen::desk {

class HttpApi final : public Api {
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

  // The query string of an inbox request (percent-encoded), e.g. "limit=200&offset=0&light=red".
  static std::string inbox_query_string(const InboxQuery& q);

 private:
  // One request; 2xx answers their JSON body, anything else the error it carries.
  Result<json::Value> call(const std::string& method, const std::string& target, const json::Value* body);
  std::string token() const;

  Transport& transport_;
  mutable std::mutex mu_;
  std::string token_;
};

// Percent-encodes a query parameter value (UTF-8 bytes; unreserved characters kept).
std::string url_encode(const std::string& s);

}  // namespace zhishen::desk
