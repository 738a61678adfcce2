#include "sql_repos.hpp"
#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen::store {
namespace {
const char* kItemColumns = "item_code, version, department_code, name, guide_json, rules_json, status, created_at, created_by";
}

Status SqlCatalogueRepo::put_item_version(const domain::ItemVersion& v) {
  return insert_unique(c_,
                       "INSERT INTO item_versions (item_code, version, department_code, name, guide_json, rules_json,"
                       " status, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?)",
                       {v.item_code, std::int64_t{v.version}, v.department_code, v.name, json_text(v.guide),
                        json_text(v.rules), v.status, sql_instant(v.created_at), v.created_by},
                       "item " + v.item_code + " version " + std::to_string(v.version) + " exists");
}

std::vector<domain::ItemVersion> SqlCatalogueRepo::items_where(const std::string& where,
                                                               std::initializer_list<SqlValue> params) {
  std::vector<domain::ItemVersion> out;
  for (const auto& r : query(c_, std::string("SELECT ") + kItemColumns + " FROM item_versions " + where, params)) {
    out.push_back(domain::ItemVersion{r.text(0), static_cast<int>(r.int64(1)), r.text(2), r.text(3),
                                      parse_stored_json(r.text(4), "item guide"), parse_stored_json(r.text(5), "rule set"),
                                      r.text(6), instant_of(r.int64(7)), r.text(8)});
  }
  return out;
}

std::optional<domain::ItemVersion> SqlCatalogueRepo::item_version(const std::string& code, int version) {
  auto v = items_where("WHERE item_code = ? AND version = ?", {code, std::int64_t{version}});
  if (v.empty()) return std::nullopt;
  return v[0];
}

std::optional<domain::ItemVersion> SqlCatalogueRepo::active_item(const std::string& code) {
  auto v = items_where("WHERE item_code = ? AND status = 'active'", {code});
  if (v.empty()) return std::nullopt;
  return v[0];
}

Status SqlCatalogueRepo::activate_item_version(const std::string& code, int version) {
  if (!item_version(code, version)) {
    return make_error("store.not_found", "no item " + code + " version " + std::to_string(version));
  }
  exec(c_, "UPDATE item_versions SET status = 'retired' WHERE item_code = ? AND status = 'active'", {code});
  exec(c_, "UPDATE item_versions SET status = 'active' WHERE item_code = ? AND version = ?", {code, std::int64_t{version}});
  return {};
}

std::vector<domain::ItemVersion> SqlCatalogueRepo::active_items() {
  return items_where("WHERE status = 'active' ORDER BY item_code", {});
}

Status SqlCatalogueRepo::replace_dataset(const std::string& name, const std::string& description,
                                         const std::map<std::string, json::Value>& records) {
  exec(c_, "DELETE FROM dataset_records WHERE name = ?", {name});
  exec(c_, "DELETE FROM datasets WHERE name = ?", {name});
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  exec(c_, "INSERT INTO datasets (name, description, record_count, updated_at) VALUES (?,?,?,?)",
       {name, description, static_cast<std::int64_t>(records.size()), sql_instant(now)});
  for (const auto& [key, record] : records) {
    // Keys may be citizen ID numbers (credit blacklist): kept as a blind index and encrypted.
    auto st = insert_unique(c_, "INSERT INTO dataset_records (name, key_index, key_enc, record_json) VALUES (?,?,?,?)",
                            {name, codec_.index("dataset:" + name, key), codec_.seal(key, "dataset_records.key:" + name),
                             json_text(record)},
                            "dataset " + name + " has two records for one key");
    if (!st) return st;
  }
  return {};
}

std::optional<json::Value> SqlCatalogueRepo::dataset_record(const std::string& name, const std::string& key) {
  auto rows = query(c_, "SELECT record_json FROM dataset_records WHERE name = ? AND key_index = ?",
                    {name, codec_.index("dataset:" + name, key)});
  if (rows.empty()) return std::nullopt;
  return parse_stored_json(rows[0].text(0), "dataset record");
}

std::vector<std::string> SqlCatalogueRepo::dataset_names() {
  std::vector<std::string> out;
  for (const auto& r : query(c_, "SELECT name FROM datasets ORDER BY name")) out.push_back(r.text(0));
  return out;
}

std::map<std::string, json::Value> SqlCatalogueRepo::dataset(const std::string& name) {
  std::map<std::string, json::Value> out;
  for (const auto& r : query(c_, "SELECT key_enc, record_json FROM dataset_records WHERE name = ?", {name})) {
    out.emplace(codec_.open(r, 0, "dataset_records.key:" + name), parse_stored_json(r.text(1), "dataset record"));
  }
  return out;
}

Status SqlCatalogueRepo::put_calendar_notice(const calendar::YearNotice& notice, const std::string& by) {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::string text = json_text(calendar::year_notice_to_json(notice));
  exec(c_, "DELETE FROM calendar_notices WHERE year = ?", {std::int64_t{notice.year}});
  exec(c_, "INSERT INTO calendar_notices (year, notice_json, updated_at, updated_by) VALUES (?,?,?,?)",
       {std::int64_t{notice.year}, text, sql_instant(now), by});
  return {};
}

std::vector<calendar::YearNotice> SqlCatalogueRepo::calendar_notices() {
  std::vector<calendar::YearNotice> out;
  for (const auto& r : query(c_, "SELECT notice_json FROM calendar_notices ORDER BY year")) {
    auto n = calendar::year_notice_from_json(parse_stored_json(r.text(0), "calendar notice"));
    if (!n) throw StoreFault("store.io", "stored calendar notice is invalid: " + n.error().message);
    out.push_back(std::move(n).value());
  }
  return out;
}

std::vector<domain::ItemVersion> SqlCatalogueRepo::item_versions(const std::string& code) {
  if (code.empty()) return items_where("ORDER BY item_code, version", {});
  return items_where("WHERE item_code = ? ORDER BY version", {code});
}

std::optional<std::string> SqlCatalogueRepo::setting(const std::string& name) {
  auto rows = query(c_, "SELECT setting_value FROM settings WHERE setting_name = ?", {name});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

Status SqlCatalogueRepo::put_setting(const std::string& name, const std::string& value, Instant at) {
  if (exec(c_, "UPDATE settings SET setting_value = ?, updated_at = ? WHERE setting_name = ?",
           {value, sql_instant(at), name}) == 0) {
    exec(c_, "INSERT INTO settings (setting_name, setting_value, updated_at) VALUES (?,?,?)",
         {name, value, sql_instant(at)});
  }
  return {};
}

}  // namespace zhishen::store
