#include "bootstrap.hpp"

#include <Poco/Logger.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "zhishen/calendar/holiday_files.hpp"
#include "zhishen/json/parse.hpp"

namespace zhishen::server {
namespace {

namespace fs = std::filesystem;

Result<json::Value> read_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return make_error("server.import.unreadable", "cannot read " + p.string());
  std::stringstream buf;
  buf << in.rdbuf();
  auto v = json::parse(buf.str());
  if (!v) return make_error(v.error().id, p.string() + ": " + v.error().message);
  return v;
}

Status import_calendar(ServerContext& ctx, ports::StoreTx& tx) {
  if (!tx.catalogue().calendar_notices().empty()) return {};
  auto cal = calendar::load_holiday_dir(ctx.config().holidays_dir);
  if (!cal) return cal.error();
  for (const auto& n : cal->notices()) {
    if (auto st = tx.catalogue().put_calendar_notice(n, "import"); !st) return st;
  }
  ctx.log().information("imported %z holiday notices from %s", cal->notices().size(), ctx.config().holidays_dir);
  return {};
}

Status import_items(ServerContext& ctx, ports::StoreTx& tx) {
  if (!tx.catalogue().active_items().empty() || !fs::is_directory(ctx.config().items_dir)) return {};
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(ctx.config().items_dir)) {
    if (fs::exists(e.path() / "item.json") && fs::exists(e.path() / "rules.json")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) {
    auto guide = read_json(d / "item.json");
    if (!guide) return guide.error();
    auto rules = read_json(d / "rules.json");
    if (!rules) return rules.error();
    const json::Value* code = guide->find("code");
    const json::Value* name = guide->find("name");
    const json::Value* dept = guide->find("department");
    if (code == nullptr || !code->is_string() || name == nullptr || !name->is_string() || dept == nullptr ||
        dept->find("code") == nullptr) {
      return make_error("server.import.item", d.string() + "/item.json lacks code, name or department");
    }
    domain::Department department{dept->find("code")->as_string(),
                                  dept->find("name") != nullptr ? dept->find("name")->as_string() : "",
                                  dept->find("uscc") != nullptr ? dept->find("uscc")->as_string() : ""};
    if (auto st = tx.directory().put_department(department); !st) return st;
    domain::ItemVersion v{code->as_string(), 1, department.code, name->as_string(), *guide, *rules, "draft",
                          ctx.now(), "import"};
    if (auto st = tx.catalogue().put_item_version(v); !st) return st;
    if (auto st = tx.catalogue().activate_item_version(v.item_code, 1); !st) return st;
  }
  ctx.log().information("imported %z items from %s", dirs.size(), ctx.config().items_dir);
  return {};
}

Status import_datasets(ServerContext& ctx, ports::StoreTx& tx) {
  if (!tx.catalogue().dataset_names().empty() || !fs::is_directory(ctx.config().shared_data_dir)) return {};
  for (const auto& e : fs::directory_iterator(ctx.config().shared_data_dir)) {
    if (e.path().extension() != ".json") continue;
    auto doc = read_json(e.path());
    if (!doc) return doc.error();
    const json::Value* name = doc->find("dataset");
    const json::Value* records = doc->find("records");
    if (name == nullptr || !name->is_string() || records == nullptr || !records->is_object()) {
      return make_error("server.import.dataset", e.path().string() + " lacks dataset or records");
    }
    std::map<std::string, json::Value> rows;
    for (const auto& [k, v] : records->as_object()) rows[k] = v;
    const json::Value* desc = doc->find("description");
    if (auto st = tx.catalogue().replace_dataset(name->as_string(), desc != nullptr && desc->is_string() ? desc->as_string() : "",
                                                 rows);
        !st) {
      return st;
    }
  }
  return {};
}

}  // namespace

Status import_if_empty(ServerContext& ctx) {
  return ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (auto st = import_calendar(ctx, tx); !st) return st;
    if (auto st = import_items(ctx, tx); !st) return st;
    return import_datasets(ctx, tx);
  });
}

Status load_snapshots(ServerContext& ctx) {
  return ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto cal = calendar::WorkdayCalendar::build(tx.catalogue().calendar_notices());
    if (!cal) return cal.error();
    ctx.set_calendar(std::make_shared<const calendar::WorkdayCalendar>(std::move(cal).value()));
    auto cat = ItemCatalogue::build(tx.catalogue().active_items());
    if (!cat) return cat.error();
    ctx.set_catalogue(std::make_shared<const ItemCatalogue>(std::move(cat).value()));
    auto data = std::make_shared<adapters::FileSharedData>();
    for (const auto& name : tx.catalogue().dataset_names()) {
      json::Object records;
      for (auto& [k, v] : tx.catalogue().dataset(name)) records.emplace_back(k, std::move(v));
      if (auto st = data->add(json::Object{{"dataset", name}, {"records", std::move(records)}}, name); !st) return st;
    }
    ctx.set_shared_data(std::move(data));
    ctx.set_channels(tx.directory().channels());
    return {};
  });
}

}  // namespace zhishen::server
