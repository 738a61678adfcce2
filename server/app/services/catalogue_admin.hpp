#pragma once
// Catalogue administration (BRIEF R1, R2, R4, R5; administrators only): item versions with their
// guides and rule sets (list, add a draft, run the rule test bench, activate), the holiday calendar
// (list, read a year, replace a year's notice) and the shared datasets (list, import from CSV).
// Independent of HTTP: handlers/admin_catalogue.cpp translates. Every change is audited in the
// transaction that makes it, and the in-memory snapshot it affects is rebuilt afterwards:
//   activation      -> the item catalogue (new applications use the new version; open cases keep
//                      the version they were decided with: a case stores its item version)
//   calendar year   -> the calendar, then the derived deadline columns of every open case
//   dataset import  -> the shared datasets
//
// Error ids: item.not_found, item.version.not_found (404); item.guide.missing /
// item.guide.invalid (422, body lists every issue {id, field}); item.rules.mismatch (the documents
// name another item); item.department.unknown (the guide's department is not in the directory);
// rules.* from load_rule_set (422, with "path"); item.catalogue.invalid (activation would leave an
// unloadable catalogue); rules.case.schema / bench.cases.missing (test bench input);
// calendar.* from year_notice_from_json / WorkdayCalendar::build, calendar.year.invalid;
// dataset.name.invalid, dataset.csv.empty, dataset.csv.header, dataset.csv.no_rows (nothing valid to
// import: the stored dataset is kept); http.content_type (not text/csv); store ids.
// Thread-safety: any request thread; snapshot rebuilds are serialised so that two administrators'
// changes cannot overwrite each other's snapshot.

#include <string>

#include "../context.hpp"
#include "../http/api.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

struct AdminAnswer {
  int status = 200;
  json::Value body;
};

// Items and versions.
Result<AdminAnswer> list_items(ServerContext& ctx);
Result<AdminAnswer> list_item_versions(ServerContext& ctx, const std::string& code);
Result<AdminAnswer> get_item_version(ServerContext& ctx, const std::string& code, const std::string& version);
// body {"guide": {...}, "rules": {...}} -> draft version n+1 (the server numbers versions: the stored
// rules.version and guide.smart_approval.ruleset_version are set to it).
Result<AdminAnswer> create_item_version(ServerContext& ctx, const Principal& who, const std::string& code,
                                        const json::Value& body);
// body {"cases": [{"name"?, "expected", "application"}, ...]} -> PASS / FAIL / ERROR per case.
Result<AdminAnswer> test_item_version(ServerContext& ctx, const std::string& code, const std::string& version,
                                      const json::Value& body);
Result<AdminAnswer> activate_item_version(ServerContext& ctx, const Principal& who, const std::string& code,
                                          const std::string& version);

// The holiday calendar.
Result<AdminAnswer> list_calendar(ServerContext& ctx);
Result<AdminAnswer> get_calendar_year(ServerContext& ctx, const std::string& year);
// body: a holiday-cn notice whose "year" is `year`. Answers how many open cases' deadlines moved.
Result<AdminAnswer> put_calendar_year(ServerContext& ctx, const Principal& who, const std::string& year,
                                      const json::Value& body);

// Shared datasets.
Result<AdminAnswer> list_datasets(ServerContext& ctx);
// csv: the request body; dry_run: report without storing.
Result<AdminAnswer> import_dataset(ServerContext& ctx, const Principal& who, const std::string& name,
                                   const std::string& csv, const std::string& description, bool dry_run);

}  // namespace zhishen::server
