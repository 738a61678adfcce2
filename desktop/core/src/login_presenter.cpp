#include "zhishen/desk/login_presenter.hpp"

#include <algorithm>

#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk {
namespace {

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

struct Probe {  // what the worker learnt about the server's certificate
  Api* api = nullptr;
  std::optional<Error> error;
  std::string presented;
  std::string pinned;
};

}  // namespace

void LoginPresenter::finish(const Error* error) {
  busy_ = false;
  view_.set_busy(false);
  if (error != nullptr) view_.show_error(error_text(*error));
}

void LoginPresenter::submit(const LoginInput& raw) {
  if (busy_) return;
  LoginInput in{trimmed(raw.address), trimmed(raw.username), raw.password, trimmed(raw.totp)};
  if (in.address.empty() || in.username.empty() || in.password.empty() || in.totp.empty()) {
    view_.show_error(error_text(make_error("desk.field.missing", "")));
    return;
  }
  if (in.totp.size() != 6 || !std::all_of(in.totp.begin(), in.totp.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    view_.show_error(error_text(make_error("desk.totp.invalid", "")));
    return;
  }
  busy_ = true;
  view_.set_busy(true);
  async<Probe>(
      runner_, alive_,
      [connector = &connector_, address = in.address]() {
        Probe p;
        auto api = connector->connect(address);
        if (!api) {
          p.error = api.error();
          return p;
        }
        p.api = *api;
        auto fp = p.api->fingerprint();
        if (!fp) {
          p.error = fp.error();
          return p;
        }
        p.presented = *fp;
        p.pinned = p.api->pinned();
        return p;
      },
      [this, in](Probe p) {
        if (p.error) return finish(&*p.error);
        if (p.pinned.empty()) {
          if (!view_.confirm_trust(in.address, p.presented)) return finish(nullptr);
          if (auto st = p.api->trust(p.presented); !st) return finish(&st.error());
        } else if (p.pinned != p.presented) {
          finish(nullptr);
          view_.show_changed_certificate(in.address, p.pinned, p.presented);
          return;
        }
        log_in(p.api, in);
      });
}

void LoginPresenter::log_in(Api* api, const LoginInput& in) {
  async<Result<Session>>(
      runner_, alive_, [api, in]() { return api->login(in.username, in.password, in.totp); },
      [this, api](Result<Session> s) {
        if (!s) return finish(&s.error());
        finish(nullptr);
        view_.logged_in(*api, *s);
      });
}

}  // namespace zhishen::desk
