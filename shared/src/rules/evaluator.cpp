#include "zhishen/rules/evaluator.hpp"

#include "ops.hpp"

namespace zhishen::rules {

Evaluator::Evaluator(EvalEnv env) : env_(std::move(env)) {}

void Evaluator::reset() {
  arena_.reset();
  lookup_failures_.clear();
}

Result<Val> Evaluator::evaluate(const CompiledRule& rule, const Val& data) {
  try {
    return eval(rule.root(), data);
  } catch (const ArenaLimit&) {
    return make_error("rules.eval.limit", "the rule's values outgrew the evaluation memory limit");
  } catch (const EvalTimeout&) {
    return make_error("rules.eval.timeout", "the evaluation ran past its time budget");
  }
}

Val Evaluator::eval(const Node& n, const Val& data) {
  if (budget_ != nullptr && (++steps_ & 0xFFFu) == 0 && budget_->expired()) throw EvalTimeout{};
  switch (n.op) {
    case Op::literal: return n.constant;
    case Op::const_array: return Ops::const_array(*this, n);
    case Op::array_literal: return Ops::array_literal(*this, n, data);
    case Op::var: return Ops::var(*this, n, data);
    case Op::missing: return Ops::missing(*this, n, data);
    case Op::missing_some: return Ops::missing_some(*this, n, data);
    case Op::if_: return Ops::if_(*this, n, data);
    case Op::and_: return Ops::and_or(*this, n, data, true);
    case Op::or_: return Ops::and_or(*this, n, data, false);
    case Op::not_: return Val::boolean(!js::truthy(eval(n.args[0], data)));
    case Op::not_not: return Val::boolean(js::truthy(eval(n.args[0], data)));
    case Op::eq:
    case Op::strict_eq:
    case Op::ne:
    case Op::strict_ne:
    case Op::gt:
    case Op::ge:
    case Op::lt:
    case Op::le: return Ops::compare(*this, n, data);
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::mod: return Ops::arithmetic(*this, n, data);
    case Op::min:
    case Op::max: return Ops::min_max(*this, n, data);
    case Op::cat: return Ops::cat(*this, n, data);
    case Op::substr: return Ops::substr(*this, n, data);
    case Op::in: return Ops::in(*this, n, data);
    case Op::merge: return Ops::merge(*this, n, data);
    case Op::map: return Ops::map(*this, n, data);
    case Op::filter: return Ops::filter(*this, n, data);
    case Op::reduce: return Ops::reduce(*this, n, data);
    case Op::all:
    case Op::none:
    case Op::some: return Ops::quantifier(*this, n, data, n.op);
    case Op::log: return Ops::log(*this, n, data);
    case Op::today:
    case Op::now:
    case Op::workdays_between:
    case Op::age_on:
    case Op::valid_citizen_id:
    case Op::valid_uscc:
    case Op::lookup: return Ops::extension(*this, n, data);
  }
  return Val::undef();
}

}  // namespace zhishen::rules
