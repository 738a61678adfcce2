#include "admin_support.hpp"

#include "../http/status.hpp"

namespace zhishen::server {

AdminAnswer error_answer(const Error& e, json::Object extra) {
  json::Object err{{"id", e.id}, {"message", e.message}};
  for (auto& member : extra) err.push_back(std::move(member));
  return AdminAnswer{status_for(e.id), json::Object{{"error", std::move(err)}}};
}

json::Object json_path_of(const Error& e) {
  const auto at = e.message.rfind(" at $");
  if (at == std::string::npos) return {};
  std::string path = e.message.substr(at + 4);
  if (const auto space = path.find(' '); space != std::string::npos) path.resize(space);
  return json::Object{{"path", path}};
}

std::string actor_of(const Principal& who) {
  return who.kind == Principal::Kind::staff ? who.staff.username : std::string("system");
}

void audit(ports::StoreTx& tx, ServerContext& ctx, const Principal& who, const std::string& action,
           const std::string& target, json::Value detail) {
  tx.audit().append({0, ctx.now(), actor_of(who), "admin", action, target, std::move(detail), "", ""});
}

Result<domain::ItemVersion> load_version(ServerContext& ctx, const std::string& code, const std::string& version) {
  int number = 0;
  bool numeric = !version.empty() && version.size() <= 9;
  for (char c : version) {
    numeric = numeric && c >= '0' && c <= '9';
    if (numeric) number = number * 10 + (c - '0');
  }
  Result<domain::ItemVersion> out = make_error("item.not_found", "no item " + code);
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (numeric) {
      if (auto v = tx.catalogue().item_version(code, number)) {
        out = std::move(*v);
        return {};
      }
    }
    if (!tx.catalogue().item_versions(code).empty()) {
      out = make_error("item.version.not_found", "item " + code + " has no version " + version);
    }
    return {};
  });
  return out;
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace zhishen::server
