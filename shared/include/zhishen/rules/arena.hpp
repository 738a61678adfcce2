#pragma once
// Arena: a bump allocator for the values of one evaluation (or one compiled rule's constants).
//
// Allocation is a pointer bump inside the current block; reset() forgets everything at once and
// keeps the first block for reuse, so evaluating many applications allocates almost nothing from
// the heap. Nothing allocated here has a destructor run: only trivially destructible data lives in
// an arena. A byte limit guards against runaway rules (e.g. merge doubling an array): past it,
// allocate() throws ArenaLimit, which the evaluator turns into the error rules.eval.limit.
//
// Ownership: the arena owns its blocks; values pointing into it die with reset() or the arena.
// Thread-safety: none; one arena per thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <stdexcept>
#include <vector>

namespace zhishen::rules {

struct ArenaLimit : std::runtime_error {
  ArenaLimit() : std::runtime_error("rules arena limit reached") {}
};

class Arena {
 public:
  static constexpr std::size_t kDefaultLimit = std::size_t{256} << 20;  // 256 MiB

  explicit Arena(std::size_t limit = kDefaultLimit) : limit_(limit) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* allocate(std::size_t bytes, std::size_t align = alignof(std::max_align_t)) {
    std::size_t p = (used_ + align - 1) & ~(align - 1);
    if (cur_ == nullptr || p + bytes > cap_) return allocate_slow(bytes, align);
    used_ = p + bytes;
    return cur_ + p;
  }

  template <class T>
  T* make_array(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return nullptr;
    return static_cast<T*>(allocate(sizeof(T) * n, alignof(T)));
  }

  // Forgets every allocation; keeps the first block.
  void reset();

  std::size_t bytes_in_use() const { return total_ + used_; }

 private:
  void* allocate_slow(std::size_t bytes, std::size_t align);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::vector<std::size_t> sizes_;
  std::byte* cur_ = nullptr;
  std::size_t cap_ = 0;
  std::size_t used_ = 0;
  std::size_t total_ = 0;  // bytes in blocks before the current one
  std::size_t block_index_ = 0;
  std::size_t limit_;
};

}  // namespace zhishen::rules
