// Comparison, arithmetic and string operators.
#include <cmath>
#include <limits>

#include "ops.hpp"

namespace zhishen::rules {

Val Ops::compare(Evaluator& e, const Node& n, const Val& data) {
  const Val a = e.eval(n.args[0], data);
  const Val b = e.eval(n.args[1], data);
  switch (n.op) {
    case Op::eq: return Val::boolean(js::loose_equals(a, b));
    case Op::ne: return Val::boolean(!js::loose_equals(a, b));
    case Op::strict_eq: return Val::boolean(js::strict_equals(a, b));
    case Op::strict_ne: return Val::boolean(!js::strict_equals(a, b));
    case Op::gt: return Val::boolean(js::gt(a, b));
    case Op::ge: return Val::boolean(js::ge(a, b));
    case Op::lt:
    case Op::le: {
      const bool first = n.op == Op::lt ? js::lt(a, b) : js::le(a, b);
      if (n.args.size() < 3) return Val::boolean(first);
      const Val c = e.eval(n.args[2], data);
      if (c.kind == Kind::undefined) return Val::boolean(first);
      if (!first) return Val::boolean(false);
      return Val::boolean(n.op == Op::lt ? js::lt(b, c) : js::le(b, c));
    }
    default: return Val::undef();
  }
}

Val Ops::arithmetic(Evaluator& e, const Node& n, const Val& data) {
  switch (n.op) {
    case Op::add: {
      double acc = 0;  // reduce((a, b) => parseFloat(a) + parseFloat(b), 0)
      for (const auto& a : n.args) acc = (acc == 0 ? 0.0 : acc) + js::parse_float(e.eval(a, data));
      return Val::number(acc);
    }
    case Op::mul: {
      Val first = e.eval(n.args[0], data);
      if (n.args.size() == 1) return first;  // reduce without an initial value returns it untouched
      double acc = js::parse_float(first);
      for (std::size_t i = 1; i < n.args.size(); ++i) {
        if (i > 1) acc = acc == 0 ? 0.0 : acc;  // parseFloat(String(acc))
        acc = acc * js::parse_float(e.eval(n.args[i], data));
      }
      return Val::number(acc);
    }
    case Op::sub: {
      const Val a = e.eval(n.args[0], data);
      const Val b = n.args.size() > 1 ? e.eval(n.args[1], data) : Val::undef();
      if (b.kind == Kind::undefined) return Val::number(-js::to_number(a));
      return Val::number(js::to_number(a) - js::to_number(b));
    }
    case Op::div: {
      const double a = js::to_number(e.eval(n.args[0], data));
      return Val::number(a / js::to_number(e.eval(n.args[1], data)));
    }
    case Op::mod: {
      const double a = js::to_number(e.eval(n.args[0], data));
      const double b = js::to_number(e.eval(n.args[1], data));
      if (std::isinf(b) && std::isfinite(a)) return Val::number(a);
      return Val::number(std::fmod(a, b));
    }
    default: return Val::undef();
  }
}

Val Ops::min_max(Evaluator& e, const Node& n, const Val& data) {
  const bool is_min = n.op == Op::min;
  double acc = is_min ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  bool nan = false;
  for (const auto& a : n.args) {
    const double x = js::to_number(e.eval(a, data));  // every argument is converted, even after a NaN
    if (std::isnan(x)) nan = true;
    if (is_min ? (x < acc || (x == 0 && acc == 0 && std::signbit(x))) : (x > acc || (x == 0 && acc == 0 && !std::signbit(x)))) acc = x;
  }
  return Val::number(nan ? std::numeric_limits<double>::quiet_NaN() : acc);
}

Val Ops::cat(Evaluator& e, const Node& n, const Val& data) {
  std::string out;
  for (const auto& a : n.args) js::append_join(out, e.eval(a, data));
  return make_string(e.arena(), out);
}

namespace {

// String.prototype.substr(start, length) over UTF-16 code units.
std::string substr_units(std::string_view s, double start, const Val& length) {
  const double size = static_cast<double>(js::utf16_length(s));
  double from = start;
  if (std::isinf(from) && from < 0) from = 0;
  else if (from < 0) from = std::max(size + from, 0.0);
  else from = std::min(from, size);
  double count = length.kind == Kind::undefined ? size : js::to_integer_or_infinity(length);
  count = std::min(std::max(count, 0.0), size);
  const double stop = std::min(from + count, size);
  if (stop <= from) return {};
  return js::utf16_slice(s, static_cast<std::size_t>(from), static_cast<std::size_t>(stop - from));
}

}  // namespace

Val Ops::substr(Evaluator& e, const Node& n, const Val& data) {
  const Val source = e.eval(n.args[0], data);
  const Val start = arg(e, n, 1, data);
  const Val end = arg(e, n, 2, data);
  std::string text;
  js::append_string(text, source);  // String(source)
  const double from = js::to_integer_or_infinity(start);
  if (js::lt(end, Val::number(0))) {
    // PHP-like negative end: drop that many units from the end of substr(start).
    const std::string temp = substr_units(text, from, Val::undef());
    const double length = static_cast<double>(js::utf16_length(temp));
    // temp.length + end, with JavaScript's +: a string, array or object operand concatenates.
    Val keep = Val::number(length + js::to_number(end));
    std::string joined;
    if (end.kind == Kind::string || end.kind == Kind::array || end.kind == Kind::object) {
      js::append_string(joined, Val::number(length));
      js::append_string(joined, end);
      keep = Val::string_ref(joined);
    }
    return make_string(e.arena(), substr_units(temp, 0, keep));
  }
  return make_string(e.arena(), substr_units(text, from, end));
}

}  // namespace zhishen::rules
