#include "sql_repos.hpp"

namespace zhishen::store {
namespace {

std::string roles_text(const std::vector<lifecycle::Role>& roles) {
  std::string s;
  for (auto r : roles) s += (s.empty() ? "" : ",") + std::string(lifecycle::to_string(r));
  return s;
}

std::vector<lifecycle::Role> parse_roles(const std::string& text) {
  std::vector<lifecycle::Role> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    out.push_back(stored_enum<lifecycle::Role>(name, lifecycle::parse_role, "role"));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

const char* kStaffColumns =
    "id, username, display_name, department_code, roles, password_hash, totp_secret_enc, active, failed_logins,"
    " locked_until, created_at, totp_last_step";
const char* kChannelColumns = "id, name, kind, token_hash, active, created_at, revoked_at";

domain::Channel channel_of(const Row& r) {
  return domain::Channel{r.int64(0), r.text(1), r.text(2), r.text(3), r.int64(4) != 0, instant_of(r.int64(5)),
                         opt_instant(r, 6)};
}

}  // namespace

Status SqlDirectoryRepo::put_department(const domain::Department& d) {
  if (exec(c_, "UPDATE departments SET name = ?, uscc = ? WHERE code = ?", {d.name, d.uscc, d.code}) > 0) return {};
  if (department(d.code)) return {};  // unchanged (MySQL reports 0 rows for an identical update)
  return insert_unique(c_, "INSERT INTO departments (code, name, uscc) VALUES (?,?,?)", {d.code, d.name, d.uscc},
                       "department " + d.code + " exists");
}

std::optional<domain::Department> SqlDirectoryRepo::department(const std::string& code) {
  auto rows = query(c_, "SELECT code, name, uscc FROM departments WHERE code = ?", {code});
  if (rows.empty()) return std::nullopt;
  return domain::Department{rows[0].text(0), rows[0].text(1), rows[0].text(2)};
}

std::vector<domain::Department> SqlDirectoryRepo::departments() {
  std::vector<domain::Department> out;
  for (const auto& r : query(c_, "SELECT code, name, uscc FROM departments ORDER BY code")) {
    out.push_back(domain::Department{r.text(0), r.text(1), r.text(2)});
  }
  return out;
}

Result<std::int64_t> SqlDirectoryRepo::create_staff(const domain::StaffAccount& a) {
  auto st = insert_unique(
      c_,
      "INSERT INTO staff (username, display_name, department_code, roles, password_hash, totp_secret_enc, active,"
      " failed_logins, locked_until, created_at, totp_last_step) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {a.username, a.display_name, a.department_code, roles_text(a.roles), a.password_hash,
       codec_.seal(a.totp_secret, "staff.totp:" + a.username), sql_bool(a.active), std::int64_t{a.failed_logins},
       sql_opt_instant(a.locked_until), sql_instant(a.created_at), a.totp_last_step},
      "user " + a.username + " exists");
  if (!st) return st.error();
  return c_.last_insert_id();
}

std::vector<domain::StaffAccount> SqlDirectoryRepo::staff_where(const std::string& where,
                                                                std::initializer_list<SqlValue> params) {
  std::vector<domain::StaffAccount> out;
  for (const auto& r : query(c_, std::string("SELECT ") + kStaffColumns + " FROM staff " + where, params)) {
    domain::StaffAccount a;
    a.id = r.int64(0);
    a.username = r.text(1);
    a.display_name = r.text(2);
    a.department_code = r.text(3);
    a.roles = parse_roles(r.text(4));
    a.password_hash = r.text(5);
    a.totp_secret = codec_.open(r, 6, "staff.totp:" + a.username);
    a.active = r.int64(7) != 0;
    a.failed_logins = static_cast<int>(r.int64(8));
    a.locked_until = opt_instant(r, 9);
    a.created_at = instant_of(r.int64(10));
    a.totp_last_step = r.int64(11);
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<domain::StaffAccount> SqlDirectoryRepo::staff_by_username(const std::string& username) {
  auto v = staff_where("WHERE username = ?", {username});
  if (v.empty()) return std::nullopt;
  return v[0];
}

std::optional<domain::StaffAccount> SqlDirectoryRepo::staff_by_id(std::int64_t id) {
  auto v = staff_where("WHERE id = ?", {id});
  if (v.empty()) return std::nullopt;
  return v[0];
}

Status SqlDirectoryRepo::update_staff(const domain::StaffAccount& a) {
  if (!staff_by_id(a.id)) return make_error("store.not_found", "no staff account " + std::to_string(a.id));
  exec(c_,
       "UPDATE staff SET display_name = ?, department_code = ?, roles = ?, password_hash = ?, totp_secret_enc = ?,"
       " active = ?, failed_logins = ?, locked_until = ?, totp_last_step = ? WHERE id = ?",
       {a.display_name, a.department_code, roles_text(a.roles), a.password_hash,
        codec_.seal(a.totp_secret, "staff.totp:" + a.username), sql_bool(a.active), std::int64_t{a.failed_logins},
        sql_opt_instant(a.locked_until), a.totp_last_step, a.id});
  return {};
}

std::vector<domain::StaffAccount> SqlDirectoryRepo::staff(const std::optional<std::string>& department_code) {
  if (department_code) return staff_where("WHERE department_code = ? ORDER BY username", {*department_code});
  return staff_where("ORDER BY username", {});
}

Result<std::int64_t> SqlDirectoryRepo::create_channel(const domain::Channel& ch) {
  auto st = insert_unique(c_,
                          "INSERT INTO channels (name, kind, token_hash, active, created_at, revoked_at) VALUES (?,?,?,?,?,?)",
                          {ch.name, ch.kind, ch.token_hash, sql_bool(ch.active), sql_instant(ch.created_at),
                           sql_opt_instant(ch.revoked_at)},
                          "channel " + ch.name + " exists (or its token is not unique)");
  if (!st) return st.error();
  return c_.last_insert_id();
}

std::vector<domain::Channel> SqlDirectoryRepo::channels_where(const std::string& where,
                                                              std::initializer_list<SqlValue> params) {
  std::vector<domain::Channel> out;
  for (const auto& r : query(c_, std::string("SELECT ") + kChannelColumns + " FROM channels " + where, params)) {
    out.push_back(channel_of(r));
  }
  return out;
}

std::optional<domain::Channel> SqlDirectoryRepo::channel_by_token_hash(const std::string& token_hash) {
  auto v = channels_where("WHERE token_hash = ?", {token_hash});
  if (v.empty()) return std::nullopt;
  return v[0];
}

std::optional<domain::Channel> SqlDirectoryRepo::channel_by_name(const std::string& name) {
  auto v = channels_where("WHERE name = ?", {name});
  if (v.empty()) return std::nullopt;
  return v[0];
}

Status SqlDirectoryRepo::update_channel(const domain::Channel& ch) {
  if (channels_where("WHERE id = ?", {ch.id}).empty()) return make_error("store.not_found", "no channel " + ch.name);
  try {
    exec(c_, "UPDATE channels SET kind = ?, token_hash = ?, active = ?, revoked_at = ? WHERE id = ?",
         {ch.kind, ch.token_hash, sql_bool(ch.active), sql_opt_instant(ch.revoked_at), ch.id});
  } catch (const StoreFault& f) {
    if (f.id() == "store.duplicate") return make_error("store.duplicate", "that token is already in use");
    throw;
  }
  return {};
}

std::vector<domain::Channel> SqlDirectoryRepo::channels() { return channels_where("ORDER BY name", {}); }

}  // namespace zhishen::store
