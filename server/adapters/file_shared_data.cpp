#include "zhishen/adapters/file_shared_data.hpp"

#include <fstream>
#include <sstream>

#include "zhishen/json/parse.hpp"

namespace zhishen::adapters {

Status FileSharedData::add(const json::Value& doc, const std::string& origin) {
  const json::Value* name = doc.find("dataset");
  const json::Value* records = doc.find("records");
  if (name == nullptr || !name->is_string() || name->as_string().empty() || records == nullptr || !records->is_object()) {
    return make_error("shared_data.file.schema", origin + ": needs \"dataset\" (string) and \"records\" (object)");
  }
  auto& target = datasets_[name->as_string()];
  target.clear();
  for (const auto& [key, record] : records->as_object()) target.emplace(key, record);
  return {};
}

Result<FileSharedData> FileSharedData::load_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return make_error("shared_data.dir.unreadable", "cannot list " + dir.string() + ": " + ec.message());
  FileSharedData out;
  std::map<std::string, std::string> origins;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) return make_error("shared_data.dir.unreadable", "cannot list " + dir.string() + ": " + ec.message());
    if (it->path().extension() != ".json") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto doc = json::parse(buf.str());
    if (!doc) return make_error("shared_data.file.json", it->path().string() + ": " + doc.error().message);
    const json::Value* name = doc->find("dataset");
    if (name != nullptr && name->is_string() && origins.count(name->as_string()) != 0) {
      return make_error("shared_data.dataset.duplicate", "dataset \"" + name->as_string() + "\" is in both " +
                                                             origins[name->as_string()] + " and " + it->path().string());
    }
    if (auto st = out.add(*doc, it->path().string()); !st) return st.error();
    origins[name->as_string()] = it->path().string();
  }
  return out;
}

Result<std::optional<json::Value>> FileSharedData::lookup(const std::string& dataset, const std::string& key) const {
  auto ds = datasets_.find(dataset);
  if (ds == datasets_.end()) return make_error("shared_data.unknown_dataset", "no dataset \"" + dataset + "\"");
  auto rec = ds->second.find(key);
  if (rec == ds->second.end()) return std::optional<json::Value>{};
  return std::optional<json::Value>{rec->second};
}

std::size_t FileSharedData::record_count(const std::string& dataset) const {
  auto ds = datasets_.find(dataset);
  return ds == datasets_.end() ? 0 : ds->second.size();
}

}  // namespace zhishen::adapters
