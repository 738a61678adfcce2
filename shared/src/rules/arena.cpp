#include "zhishen/rules/arena.hpp"

#include <algorithm>

namespace zhishen::rules {
namespace {
constexpr std::size_t kFirstBlock = 64 * 1024;
}

void* Arena::allocate_slow(std::size_t bytes, std::size_t align) {
  // Move to the next kept block if it fits, else allocate a new one (doubling).
  while (true) {
    if (cur_ != nullptr) {
      total_ += used_;
      ++block_index_;
    }
    if (block_index_ < blocks_.size()) {
      cur_ = blocks_[block_index_].get();
      cap_ = sizes_[block_index_];
      used_ = 0;
      const std::size_t p = (used_ + align - 1) & ~(align - 1);
      if (p + bytes <= cap_) {
        used_ = p + bytes;
        return cur_ + p;
      }
      continue;
    }
    const std::size_t want = std::max({kFirstBlock, bytes + align, cap_ * 2});
    if (total_ + want > limit_) throw ArenaLimit();
    blocks_.push_back(std::make_unique<std::byte[]>(want));
    sizes_.push_back(want);
    cur_ = blocks_.back().get();
    cap_ = want;
    used_ = 0;
    const std::size_t p = (used_ + align - 1) & ~(align - 1);
    used_ = p + bytes;
    return cur_ + p;
  }
}

void Arena::reset() {
  // Keep only the first block: a run that once needed a lot does not pin it forever.
  if (blocks_.size() > 1) {
    blocks_.resize(1);
    sizes_.resize(1);
  }
  cur_ = blocks_.empty() ? nullptr : blocks_[0].get();
  cap_ = blocks_.empty() ? 0 : sizes_[0];
  used_ = 0;
  total_ = 0;
  block_index_ = 0;
}

}  // namespace zhishen::rules
