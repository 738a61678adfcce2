// Demo seeding (demo_seed.hpp): the supervisory office, the accounts and the channels through the
// directory service, then the cases (demo_cases.cpp), and the credentials file.
#include "demo_seed.hpp"

#include <Poco/Logger.h>

#include <fstream>
#include <ostream>

#include "services/directory_admin.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Role;

const char* const kActor = "demo-seed";
const char* const kNotice =
    "DEMO ONLY: these passwords, TOTP secrets and channel tokens were made by zhishen-server --seed-demo and are "
    "stored here in the clear. Never use them, or this database, in production.";

// The 效能办: supervisors and administrators work here, across the item departments.
const domain::Department kOffice{"FZ-XZFW", "福州市行政（市民）服务中心管理委员会", ""};
const char* const kWorkDepartment = "FZ-SCJG";  // the reviewer's and approver's department, when present

// 16 characters: upper, lower, digit and '-' (passes the password policy), random.
std::string demo_password() {
  static const std::string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  std::string p = "Zs-";
  const std::string bytes = crypto::random_bytes(13);
  for (std::size_t i = 0; i < 12; ++i) p += alphabet[static_cast<unsigned char>(bytes[i]) % alphabet.size()];
  return p + std::to_string(static_cast<unsigned char>(bytes[12]) % 10);
}

struct AccountSpec {
  Role role;
  const char* username;
  const char* display_name;
  bool in_office;
};

}  // namespace

bool demo_seed_wanted(ServerContext& ctx) {
  bool empty = false;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    empty = tx.directory().staff(std::nullopt).empty();
    return {};
  });
  return empty;
}

Result<DemoSeedReport> seed_demo(ServerContext& ctx, int cases_per_sample) {
  DemoSeedReport report;
  auto office = put_department(ctx, kOffice, kActor);
  if (!office) return office.error();
  std::string work_department = kWorkDepartment;
  const auto departments = list_departments(ctx);
  if (std::none_of(departments.begin(), departments.end(), [&](const auto& d) { return d.code == work_department; })) {
    for (const auto& d : departments) {
      if (d.code != kOffice.code) {
        work_department = d.code;
        break;
      }
    }
  }

  const AccountSpec specs[] = {{Role::reviewer, "demo-reviewer", "审核员（演示）", false},
                               {Role::approver, "demo-approver", "审批负责人（演示）", false},
                               {Role::supervisor, "demo-supervisor", "督办员（演示）", true},
                               {Role::admin, "demo-admin", "系统管理员（演示）", true}};
  for (const auto& s : specs) {
    NewUser u{s.username, s.display_name, s.in_office ? kOffice.code : work_department, {s.role}, demo_password()};
    const std::string password = u.password;
    auto created = create_user(ctx, std::move(u), kActor);
    if (!created) return created.error();
    report.accounts.push_back({std::string(lifecycle::to_string(s.role)), s.username, password, created->totp_secret,
                               created->otpauth_uri});
  }
  for (const auto& [name, kind] : std::vector<std::pair<std::string, std::string>>{
           {"web-hall", "web"}, {"app", "app"}, {"kiosk", "kiosk"}, {"wechat", "wechat"}, {"counter", "counter"}}) {
    auto created = create_channel(ctx, name, kind, kActor);
    if (!created) return created.error();
    report.channels.push_back({name, created->token});
  }
  if (auto st = seed_demo_cases(ctx, cases_per_sample, report); !st) return st.error();
  return report;
}

Status write_demo_credentials(const DemoSeedReport& report, const std::filesystem::path& file) {
  json::Array accounts;
  for (const auto& a : report.accounts) {
    accounts.push_back(json::Object{{"role", a.role}, {"username", a.username}, {"password", a.password},
                                    {"totp_secret", a.totp_secret}});
  }
  json::Array channels;
  for (const auto& c : report.channels) channels.push_back(json::Object{{"name", c.name}, {"token", c.token}});
  const std::string text = json::to_json(json::Object{
                               {"notice", kNotice}, {"accounts", std::move(accounts)}, {"channels", std::move(channels)}}) +
                           "\n";
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  {
    std::ofstream create(file, std::ios::binary | std::ios::trunc);  // empty until the mode is 0600
    if (!create) return make_error("demo.credentials.unwritable", "cannot write " + file.string());
  }
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace, ec);
  if (ec) return make_error("demo.credentials.unwritable", "cannot restrict " + file.string() + ": " + ec.message());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return make_error("demo.credentials.unwritable", "cannot write " + file.string());
  return {};
}

Status seed_demo_on_start(ServerContext& ctx, const std::filesystem::path& file, std::ostream& out) {
  if (!demo_seed_wanted(ctx)) {
    out << "zhishen-server: demo data already present (staff accounts exist); the first run's credentials are in "
        << file.string() << (std::filesystem::exists(file) ? "" : " (missing)") << "\n";
    return {};
  }
  out << "zhishen-server: seeding demo data (accounts, channels, sample applications)..." << std::endl;
  auto report = seed_demo(ctx);
  if (!report) return report.error();
  if (auto st = write_demo_credentials(*report, file); !st) return st;
  out << "zhishen-server: DEMO ONLY — demo credentials (also in " << file.string() << ", mode 0600):\n";
  for (const auto& a : report->accounts) {
    out << "  " << a.role << ": " << a.username << "  password " << a.password << "\n    TOTP " << a.otpauth_uri << "\n";
  }
  for (const auto& c : report->channels) out << "  channel " << c.name << ": token " << c.token << "\n";
  out << "zhishen-server: " << report->cases << " demo cases;";
  for (const auto& [light, n] : report->by_light) out << " " << light << " " << n;
  out << "\n";
  return {};
}

}  // namespace zhishen::server
