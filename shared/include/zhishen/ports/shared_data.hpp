#pragma once
// Shared-data lookup port (数据共享, BRIEF R4): population, enterprise, credit and list data by
// citizen ID or credit code — the credit blacklist (失信), abnormal operation list (经营异常),
// market-access negative list, industry-structure catalogue. The rules engine's `lookup`
// operator reads through it. The server implements it over the stored datasets and records the
// platform's response times and failures.
//
// Thread-safety: implementations must allow concurrent lookups.

#include <optional>
#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::ports {

class SharedDataLookup {
 public:
  virtual ~SharedDataLookup() = default;
  // The record for `key` in `dataset`, nullopt when there is none; shared_data.unknown_dataset
  // for a dataset name that does not exist, shared_data.unavailable when the source failed.
  virtual Result<std::optional<json::Value>> lookup(const std::string& dataset, const std::string& key) const = 0;
};

}  // namespace zhishen::ports
