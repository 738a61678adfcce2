#pragma once
// Demo data for ./run.sh (zhishen-server --seed-demo FILE), only into a database without staff
// accounts: one account per role (reviewer and approver in the market-supervision department,
// supervisor and admin across departments) through the directory service, the five channels
// (web-hall, app, kiosk, wechat, counter), and a few hundred cases built from the shipped samples'
// applications. The cases are submitted through the channel service and worked on through the
// casework service as of instants in the past (a seeding context with its own clock), so that
// every lifecycle state and every light (green / yellow / red at the real now) is on the inbox and
// the board at once; the system's and the applicant's own steps (e-certificate issue, 公示, 归档,
// 补正, 撤回), which no service performs yet, go through the store port the same way a service does.
// Seeded staff steps are recorded with the actor "demo-seed".
//
// The credentials (passwords, base32 TOTP secrets, channel tokens) are DEMO ONLY: they are printed
// and written in the clear to FILE, {"notice", "accounts":[{role, username, password, totp_secret}],
// "channels":[{name, token}]}, mode 0600.
//
// Ownership: plain values. Thread-safety: run once at start-up from the main thread (request
// threads may already be serving; every write is a store transaction).

#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "context.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::server {

struct DemoAccount {
  std::string role;
  std::string username;
  std::string password;
  std::string totp_secret;  // base32
  std::string otpauth_uri;
};

struct DemoChannel {
  std::string name;
  std::string token;
};

struct DemoSeedReport {
  std::vector<DemoAccount> accounts;
  std::vector<DemoChannel> channels;
  int cases = 0;
  std::map<std::string, int> by_state;  // lifecycle state name -> cases
  std::map<std::string, int> by_light;  // green / yellow / red -> cases
};

// True when the database has no staff account, the only case --seed-demo touches.
bool demo_seed_wanted(ServerContext& ctx);

// Seeds accounts, channels and cases (cases_per_sample of each shipped sample, at least one).
// Errors: the directory's and the store's ids; demo.catalogue.empty when no item is active.
Result<DemoSeedReport> seed_demo(ServerContext& ctx, int cases_per_sample = 5);

// The credentials file: JSON as above, written with mode 0600 (demo.credentials.unwritable).
Status write_demo_credentials(const DemoSeedReport& report, const std::filesystem::path& file);

// zhishen-server --seed-demo FILE: on a database without staff accounts, seeds, writes FILE and
// prints every account (role, username, password, otpauth:// URI of its TOTP secret) and channel
// token to `out`; otherwise only says where the credentials of the first run are.
Status seed_demo_on_start(ServerContext& ctx, const std::filesystem::path& file, std::ostream& out);

// Seeds the cases only (seed_demo's second half; tests use it on their own).
// Needs the channel named in each plan to exist in the context.
Status seed_demo_cases(ServerContext& ctx, int cases_per_sample, DemoSeedReport& report);

}  // namespace zhishen::server
