#pragma once
// Snapshot<T>: an immutable value that can be replaced while readers hold the old one (the holiday
// calendar after an import, the item catalogue after an activation).
// Thread-safety: get() and set() from any thread.

#include <memory>
#include <mutex>

namespace zhishen::server {

template <class T>
class Snapshot {
 public:
  std::shared_ptr<const T> get() const {
    std::lock_guard lock(mu_);
    return value_;
  }
  void set(std::shared_ptr<const T> v) {
    std::lock_guard lock(mu_);
    value_ = std::move(v);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const T> value_;
};

}  // namespace zhishen::server
