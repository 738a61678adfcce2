#include "zhishen/rules/operators.hpp"

#include <array>

namespace zhishen::rules {
namespace {

constexpr std::uint8_t N = kAnyCount;

constexpr std::array<OperatorInfo, 45> kOperators{{
    {"var", Op::var, 0, 2, false},
    {"missing", Op::missing, 0, N, false},
    {"missing_some", Op::missing_some, 2, 2, false},
    {"if", Op::if_, 0, N, false},
    {"?:", Op::if_, 0, N, false},
    {"and", Op::and_, 1, N, false},
    {"or", Op::or_, 1, N, false},
    {"!", Op::not_, 1, 1, false},
    {"!!", Op::not_not, 1, 1, false},
    {"==", Op::eq, 2, 2, false},
    {"===", Op::strict_eq, 2, 2, false},
    {"!=", Op::ne, 2, 2, false},
    {"!==", Op::strict_ne, 2, 2, false},
    {">", Op::gt, 2, 2, false},
    {">=", Op::ge, 2, 2, false},
    {"<", Op::lt, 2, 3, false},
    {"<=", Op::le, 2, 3, false},
    {"+", Op::add, 0, N, false},
    {"-", Op::sub, 1, 2, false},
    {"*", Op::mul, 1, N, false},
    {"/", Op::div, 2, 2, false},
    {"%", Op::mod, 2, 2, false},
    {"min", Op::min, 0, N, false},
    {"max", Op::max, 0, N, false},
    {"cat", Op::cat, 0, N, false},
    {"substr", Op::substr, 1, 3, false},
    {"in", Op::in, 2, 2, false},
    {"merge", Op::merge, 0, N, false},
    {"map", Op::map, 2, 2, false},
    {"filter", Op::filter, 2, 2, false},
    {"reduce", Op::reduce, 2, 3, false},
    {"all", Op::all, 2, 2, false},
    {"none", Op::none, 2, 2, false},
    {"some", Op::some, 2, 2, false},
    {"log", Op::log, 1, 1, false},
    {"today", Op::today, 0, 0, true},
    {"now", Op::now, 0, 0, true},
    {"workdays_between", Op::workdays_between, 2, 2, true},
    {"age_on", Op::age_on, 1, 2, true},
    {"valid_citizen_id", Op::valid_citizen_id, 1, 1, true},
    {"valid_uscc", Op::valid_uscc, 1, 1, true},
    {"lookup", Op::lookup, 2, 2, true},
    // structure ops have no names; listed so operator_name() can answer for every Op
    {"", Op::literal, 0, 0, false},
    {"", Op::array_literal, 0, 0, false},
    {"", Op::const_array, 0, 0, false},
}};

}  // namespace

const OperatorInfo* find_operator(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const auto& info : kOperators) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::span<const OperatorInfo> all_operators() { return {kOperators.data(), kOperators.size() - 3}; }

std::string_view operator_name(Op op) {
  for (const auto& info : kOperators) {
    if (info.op == op) return info.name;
  }
  return "";
}

}  // namespace zhishen::rules
