// var, missing, missing_some and array literals.
#include <charconv>

#include "ops.hpp"

namespace zhishen::rules {
namespace {

long canonical_index(std::string_view s) {
  if (s.empty() || s.size() > 10 || (s.size() > 1 && s[0] == '0')) return -1;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v < 4294967295L ? v : -1;
}

// Index of the `unit`-th UTF-16 code unit of s as a one-unit string (WTF-8), or undefined.
Val char_at(Evaluator& e, std::string_view s, long unit) {
  if (unit < 0) return Val::undef();
  const std::size_t u = static_cast<std::size_t>(unit);
  if (u >= js::utf16_length(s)) return Val::undef();
  return make_string(e.arena(), js::utf16_slice(s, u, 1));
}

}  // namespace

Val Ops::property(Evaluator& e, const Val& data, std::string_view key, long index) {
  switch (data.kind) {
    case Kind::object: {
      const Val* v = find_member(data, key);
      return v != nullptr ? *v : Val::undef();
    }
    case Kind::array:
      if (index >= 0) return static_cast<std::uint32_t>(index) < data.a->size ? data.a->items[index] : Val::undef();
      if (key == "length") return Val::number(data.a->size);
      return Val::undef();
    case Kind::string:
      if (index >= 0) return char_at(e, data.str(), index);
      if (key == "length") return Val::number(static_cast<double>(js::utf16_length(data.str())));
      return Val::undef();
    default:
      return Val::undef();  // numbers and booleans: no own properties in JSON terms
  }
}

Val Ops::var(Evaluator& e, const Node& n, const Val& data) {
  Val result;
  Val not_found = Val::null();
  if (n.args.size() > 1) {
    not_found = e.eval(n.args[1], data);
    if (not_found.kind == Kind::undefined) not_found = Val::null();
  }
  if (n.static_path) {
    if (n.whole_data) {
      result = data;
    } else {
      Val cur = data;
      result = cur;
      for (const PathStep& step : n.path) {
        if (cur.is_nullish()) {
          result = not_found;
          break;
        }
        if (cur.kind == Kind::object) {
          const ObjectData& o = *cur.o;
          const std::uint32_t i = find_member_index(o, step.key, step.hint.get());
          if (i < o.size) step.hint.set(i);
          cur = i < o.size ? o.members[i].value : Val::undef();
        } else {
          cur = property(e, cur, step.key, step.index);
        }
        if (cur.kind == Kind::undefined) {
          result = not_found;
          break;
        }
        result = cur;
      }
    }
    if (e.reads_ != nullptr && !n.whole_data) e.reads_->push_back(Read{n.path_text, result});
    return result;
  }
  // Dynamic path: String(a).split(".")
  const Val a = e.eval(n.args[0], data);
  if (a.is_nullish() || (a.kind == Kind::string && a.len == 0)) return data;
  std::string text;
  js::append_string(text, a);
  const Val found = walk_path(e, data, text, not_found);
  if (e.reads_ != nullptr) e.reads_->push_back(Read{text, found});
  return found;
}

Val Ops::walk_path(Evaluator& e, const Val& data, std::string_view text, const Val& not_found) {
  Val cur = data;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = text.find('.', start);
    const std::string_view key = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (cur.is_nullish()) return not_found;
    cur = property(e, cur, key, canonical_index(key));
    if (cur.kind == Kind::undefined) return not_found;
    if (dot == std::string_view::npos) return cur;
    start = dot + 1;
  }
}

namespace {

// missing over a list of keys: each key whose var value is null or "".
Val missing_of(Evaluator& e, const Val* keys, std::size_t count, const Val& data) {
  ValList out(e.arena());
  for (std::size_t i = 0; i < count; ++i) {
    const Val& key = keys[i];
    Val value;
    if (key.is_nullish() || (key.kind == Kind::string && key.len == 0)) {
      value = data;
    } else {
      std::string text;
      js::append_string(text, key);
      value = Ops::walk_path(e, data, text, Val::null());
    }
    if (value.kind == Kind::null || (value.kind == Kind::string && value.len == 0)) out.push(key);
  }
  return out.finish();
}

}  // namespace

Val Ops::missing(Evaluator& e, const Node& n, const Val& data) {
  std::vector<Val> args;
  args.reserve(n.args.size());
  for (const auto& a : n.args) args.push_back(e.eval(a, data));
  if (!args.empty() && args[0].kind == Kind::array) return missing_of(e, args[0].a->items, args[0].a->size, data);
  return missing_of(e, args.data(), args.size(), data);
}

Val Ops::missing_some(Evaluator& e, const Node& n, const Val& data) {
  const Val need = e.eval(n.args[0], data);
  const Val options = e.eval(n.args[1], data);
  // json-logic-js: apply({"missing": options}) then options.length - missing.length >= need.
  Val are_missing;
  double length = 0;
  if (options.kind == Kind::array) {
    const Val* items = options.a->items;
    std::size_t count = options.a->size;
    if (count > 0 && items[0].kind == Kind::array) {  // {"missing": [[...]]} takes the inner array
      are_missing = missing_of(e, items[0].a->items, items[0].a->size, data);
    } else {
      are_missing = missing_of(e, items, count, data);
    }
    length = static_cast<double>(count);
  } else {
    are_missing = missing_of(e, &options, 1, data);
    length = options.kind == Kind::string ? static_cast<double>(js::utf16_length(options.str()))
                                          : std::numeric_limits<double>::quiet_NaN();
  }
  const Val present = Val::number(length - are_missing.a->size);
  if (js::ge(present, need)) return make_empty_array(e.arena());
  return are_missing;
}

Val Ops::array_literal(Evaluator& e, const Node& n, const Val& data) {
  Val* items = e.arena().make_array<Val>(n.args.size());
  for (std::size_t i = 0; i < n.args.size(); ++i) items[i] = e.eval(n.args[i], data);
  auto* header = static_cast<ArrayData*>(e.arena().allocate(sizeof(ArrayData), alignof(ArrayData)));
  header->size = static_cast<std::uint32_t>(n.args.size());
  header->items = items;
  return Val::array(header);
}

Val Ops::const_array(Evaluator& e, const Node& n) {
  // A fresh identity over the folded items (json-logic-js maps a literal array anew every time).
  auto* header = static_cast<ArrayData*>(e.arena().allocate(sizeof(ArrayData), alignof(ArrayData)));
  *header = *n.constant.a;
  return Val::array(header);
}

}  // namespace zhishen::rules
