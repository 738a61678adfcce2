#pragma once
// LoginPresenter: the login screen's logic — server address, user, password, TOTP code; the
// server certificate trusted once by its SHA-256 fingerprint (pinned afterwards) and a changed
// certificate refused; then the session.
//
// Ownership: borrows the view, the connector and the runner (all outlive it; the view owns it).
// Thread-safety: UI thread only (network work goes through the TaskRunner).

#include <functional>
#include <string>

#include "zhishen/desk/api.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk {

// Gives the Api for a server address (built or reused by the app); net.address.invalid.
class Connector {
 public:
  virtual ~Connector() = default;
  virtual Result<Api*> connect(const std::string& address) = 0;
};

class LoginView {
 public:
  virtual ~LoginView() = default;
  virtual void set_busy(bool busy) = 0;
  virtual void show_error(const std::string& text) = 0;
  // Asks whether to trust a certificate seen for the first time (modal; true: trust it).
  virtual bool confirm_trust(const std::string& address, const std::string& fingerprint) = 0;
  // Warns that the certificate differs from the pinned one (the login stops).
  virtual void show_changed_certificate(const std::string& address, const std::string& pinned,
                                        const std::string& presented) = 0;
  virtual void logged_in(Api& api, const Session& session) = 0;
};

struct LoginInput {
  std::string address;
  std::string username;
  std::string password;
  std::string totp;
};

class LoginPresenter {
 public:
  LoginPresenter(LoginView& view, Connector& connector, TaskRunner& runner)
      : view_(view), connector_(connector), runner_(runner) {}

  // Checks the fields, then the certificate, then logs in. Ignored while a login is running.
  void submit(const LoginInput& in);
  bool busy() const { return busy_; }

 private:
  void finish(const Error* error);
  void log_in(Api* api, const LoginInput& in);

  LoginView& view_;
  Connector& connector_;
  TaskRunner& runner_;
  bool busy_ = false;
  Alive alive_ = make_alive();
};

}  // namespace zhishen::desk
