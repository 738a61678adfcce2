#pragma once
// An in-memory CaseStore port fake with the port's optimistic-concurrency contract.
// Thread-safety: single-threaded tests only.

#include <map>

#include "zhishen/ports/case_store.hpp"

namespace zhishen::testing {

class MemoryCaseStore final : public ports::CaseStore {
 public:
  Result<ports::StoredCase> load(const std::string& case_no) const override {
    auto it = cases_.find(case_no);
    if (it == cases_.end()) return make_error("store.not_found", "no case " + case_no);
    return it->second;
  }
  Status create(const ports::StoredCase& c) override {
    if (!cases_.emplace(c.case_no, c).second) return make_error("store.duplicate", "case exists: " + c.case_no);
    return {};
  }
  Status save(const ports::StoredCase& c, std::int64_t expected_version) override {
    auto it = cases_.find(c.case_no);
    if (it == cases_.end()) return make_error("store.not_found", "no case " + c.case_no);
    if (it->second.record.version != expected_version) return make_error("store.conflict", "version moved");
    it->second = c;
    return {};
  }

 private:
  std::map<std::string, ports::StoredCase> cases_;
};

}  // namespace zhishen::testing
