#pragma once
// FileSharedData: the SharedDataLookup port over JSON files, one per dataset
// ({"dataset": "credit_blacklist", "description": "...", "records": {"<key>": {...}}}), as shipped
// in data/shared/ for demos and tests. The server's database-backed datasets replace it later.
//
// Error ids: shared_data.dir.unreadable, shared_data.file.json, shared_data.file.schema,
// shared_data.dataset.duplicate (loading); shared_data.unknown_dataset (lookup).
//
// Ownership: holds every record in memory. Thread-safety: immutable after load; lookups may run
// concurrently.

#include <filesystem>
#include <map>
#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/ports/shared_data.hpp"

namespace zhishen::adapters {

class FileSharedData final : public ports::SharedDataLookup {
 public:
  static Result<FileSharedData> load_dir(const std::filesystem::path& dir);
  // Adds or replaces a dataset from its document (the same shape as a file).
  Status add(const json::Value& doc, const std::string& origin);

  Result<std::optional<json::Value>> lookup(const std::string& dataset, const std::string& key) const override;

  std::size_t dataset_count() const { return datasets_.size(); }
  std::size_t record_count(const std::string& dataset) const;

 private:
  std::map<std::string, std::map<std::string, json::Value, std::less<>>, std::less<>> datasets_;
};

}  // namespace zhishen::adapters
