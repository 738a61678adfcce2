#include "zhishen/rules/value.hpp"

#include <algorithm>

namespace zhishen::rules {

Val make_string(Arena& arena, std::string_view text) {
  char* p = arena.make_array<char>(text.size());
  if (!text.empty()) std::memcpy(p, text.data(), text.size());
  return Val::string_ref({p == nullptr ? "" : p, text.size()});
}

Val make_array(Arena& arena, const Val* items, std::size_t n) {
  auto* data = static_cast<ArrayData*>(arena.allocate(sizeof(ArrayData), alignof(ArrayData)));
  Val* copy = arena.make_array<Val>(n);
  if (n != 0) std::copy(items, items + n, copy);
  data->size = static_cast<std::uint32_t>(n);
  data->items = copy;
  return Val::array(data);
}

Val make_empty_array(Arena& arena) { return make_array(arena, nullptr, 0); }

Val make_object(Arena& arena, const Member* members, std::size_t n) {
  auto* data = static_cast<ObjectData*>(arena.allocate(sizeof(ObjectData), alignof(ObjectData)));
  Member* copy = arena.make_array<Member>(n);
  if (n != 0) std::copy(members, members + n, copy);
  data->size = static_cast<std::uint32_t>(n);
  data->members = copy;
  return Val::object(data);
}

void ValList::grow() {
  const std::size_t cap = cap_ == 0 ? 8 : cap_ * 2;
  Val* items = arena_.make_array<Val>(cap);
  if (size_ != 0) std::copy(items_, items_ + size_, items);
  items_ = items;
  cap_ = cap;
}

Val ValList::finish() {
  auto* data = static_cast<ArrayData*>(arena_.allocate(sizeof(ArrayData), alignof(ArrayData)));
  data->size = static_cast<std::uint32_t>(size_);
  data->items = items_;
  return Val::array(data);
}

}  // namespace zhishen::rules
