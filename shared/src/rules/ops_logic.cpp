// if, and, or, the array operators with scoped data, merge and in.
#include "ops.hpp"

namespace zhishen::rules {

Val Ops::if_(Evaluator& e, const Node& n, const Val& data) {
  const std::size_t count = n.args.size();
  std::size_t i = 0;
  for (; i + 1 < count; i += 2) {
    if (js::truthy(e.eval(n.args[i], data))) return e.eval(n.args[i + 1], data);
  }
  if (count == i + 1) return e.eval(n.args[i], data);
  return Val::null();
}

Val Ops::and_or(Evaluator& e, const Node& n, const Val& data, bool is_and) {
  Val current;
  for (const auto& a : n.args) {
    current = e.eval(a, data);
    if (js::truthy(current) != is_and) return current;
  }
  return current;
}

Val Ops::map(Evaluator& e, const Node& n, const Val& data) {
  const Val scoped = e.eval(n.args[0], data);
  if (scoped.kind != Kind::array) return make_empty_array(e.arena());
  const std::uint32_t size = scoped.a->size;
  Val* items = e.arena().make_array<Val>(size);
  for (std::uint32_t i = 0; i < size; ++i) items[i] = e.eval(n.args[1], scoped.a->items[i]);
  auto* header = static_cast<ArrayData*>(e.arena().allocate(sizeof(ArrayData), alignof(ArrayData)));
  header->size = size;
  header->items = items;
  return Val::array(header);
}

Val Ops::filter(Evaluator& e, const Node& n, const Val& data) {
  const Val scoped = e.eval(n.args[0], data);
  ValList out(e.arena());
  if (scoped.kind == Kind::array) {
    for (std::uint32_t i = 0; i < scoped.a->size; ++i) {
      const Val& item = scoped.a->items[i];
      if (js::truthy(e.eval(n.args[1], item))) out.push(item);
    }
  }
  return out.finish();
}

Val Ops::reduce(Evaluator& e, const Node& n, const Val& data) {
  const Val scoped = e.eval(n.args[0], data);
  Val accumulator = n.args.size() > 2 ? e.eval(n.args[2], data) : Val::null();
  if (scoped.kind != Kind::array) return accumulator;
  static constexpr char kCurrent[] = "current";
  static constexpr char kAccumulator[] = "accumulator";
  for (std::uint32_t i = 0; i < scoped.a->size; ++i) {
    Member* members = e.arena().make_array<Member>(2);
    members[0] = Member{kCurrent, 7, scoped.a->items[i]};
    members[1] = Member{kAccumulator, 11, accumulator};
    auto* header = static_cast<ObjectData*>(e.arena().allocate(sizeof(ObjectData), alignof(ObjectData)));
    header->size = 2;
    header->members = members;
    accumulator = e.eval(n.args[1], Val::object(header));
  }
  return accumulator;
}

Val Ops::quantifier(Evaluator& e, const Node& n, const Val& data, Op op) {
  const Val scoped = e.eval(n.args[0], data);
  if (scoped.kind != Kind::array || scoped.a->size == 0) return Val::boolean(op == Op::none);
  for (std::uint32_t i = 0; i < scoped.a->size; ++i) {
    const bool t = js::truthy(e.eval(n.args[1], scoped.a->items[i]));
    if (op == Op::all && !t) return Val::boolean(false);
    if (op == Op::none && t) return Val::boolean(false);
    if (op == Op::some && t) return Val::boolean(true);
  }
  return Val::boolean(op != Op::some);
}

Val Ops::merge(Evaluator& e, const Node& n, const Val& data) {
  ValList out(e.arena());
  for (const auto& a : n.args) {
    const Val v = e.eval(a, data);
    if (v.kind == Kind::array) {
      for (std::uint32_t i = 0; i < v.a->size; ++i) out.push(v.a->items[i]);
    } else {
      out.push(v);
    }
  }
  return out.finish();
}

Val Ops::in(Evaluator& e, const Node& n, const Val& data) {
  const Val a = e.eval(n.args[0], data);
  const Val b = e.eval(n.args[1], data);
  if (!js::truthy(b) && b.kind != Kind::array) return Val::boolean(false);  // !b (an empty array is truthy in JS)
  if (b.kind == Kind::string) {
    if (a.kind == Kind::string) return Val::boolean(js::contains(b.str(), a.str()));
    e.scratch_.clear();
    js::append_string(e.scratch_, a);
    return Val::boolean(js::contains(b.str(), e.scratch_));
  }
  if (b.kind == Kind::array) {
    for (std::uint32_t i = 0; i < b.a->size; ++i) {
      if (js::strict_equals(b.a->items[i], a)) return Val::boolean(true);
    }
    return Val::boolean(false);
  }
  return Val::boolean(false);  // numbers, booleans, objects have no indexOf
}

}  // namespace zhishen::rules
