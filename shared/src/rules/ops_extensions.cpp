// The approval extensions (docs/rules.md) and log.
#include "ops.hpp"
#include "zhishen/identity/citizen_id.hpp"
#include "zhishen/identity/uscc.hpp"
#include "zhishen/rules/val_json.hpp"

namespace zhishen::rules {
namespace {

// A date from "YYYY-MM-DD" or an RFC 3339 instant (its local date), else nullopt.
std::optional<Date> date_of(const Val& v, UtcOffset offset) {
  if (v.kind != Kind::string) return std::nullopt;
  if (v.len == 10) {
    auto d = Date::parse(v.str());
    if (d) return *d;
    return std::nullopt;
  }
  auto t = parse_instant(v.str());
  if (t) return local_date(*t, offset);
  return std::nullopt;
}

// Full years from birth to on (a birthday is reached on its day; 29 Feb on 1 Mar in common years).
std::optional<int> age(Date birth, Date on) {
  if (on < birth) return std::nullopt;
  int years = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --years;
  return years;
}

const calendar::WorkdayCalendar& calendar_of(const EvalEnv& env) {
  static const calendar::WorkdayCalendar kMondayToFriday;
  return env.calendar != nullptr ? *env.calendar : kMondayToFriday;
}

}  // namespace

Val Ops::extension(Evaluator& e, const Node& n, const Val& data) {
  const EvalEnv& env = e.env();
  const Date today = local_date(env.now, env.offset);
  switch (n.op) {
    case Op::today: return make_string(e.arena(), today.to_string());
    case Op::now: return make_string(e.arena(), format_instant(env.now, env.offset));
    case Op::workdays_between: {
      const auto a = date_of(e.eval(n.args[0], data), env.offset);
      const auto b = date_of(e.eval(n.args[1], data), env.offset);
      if (!a || !b) return Val::null();
      return Val::number(static_cast<double>(calendar_of(env).workdays_between(*a, *b).value));
    }
    case Op::age_on: {
      const Val who = e.eval(n.args[0], data);
      Date on = today;
      if (n.args.size() > 1) {
        const auto d = date_of(e.eval(n.args[1], data), env.offset);
        if (!d) return Val::null();
        on = *d;
      }
      if (who.kind != Kind::string) return Val::null();
      std::optional<Date> birth;
      if (who.len == 15 || who.len == 18) {
        // Bound birth dates by a far future day: age_on answers for any `on`, the check is elsewhere.
        auto id = identity::validate_citizen_id(who.str(), Date(9999, 12, 31));
        if (id) birth = id->birth_date;
      } else {
        birth = date_of(who, env.offset);
      }
      if (!birth) return Val::null();
      const auto years = age(*birth, on);
      return years ? Val::number(*years) : Val::null();
    }
    case Op::valid_citizen_id: {
      const Val v = e.eval(n.args[0], data);
      return Val::boolean(v.kind == Kind::string && identity::validate_citizen_id(v.str(), today).ok());
    }
    case Op::valid_uscc: {
      const Val v = e.eval(n.args[0], data);
      return Val::boolean(v.kind == Kind::string && identity::validate_uscc(v.str()).ok());
    }
    case Op::lookup: {
      const std::string dataset(n.args[0].constant.str());
      const Val key = e.eval(n.args[1], data);
      if (env.shared_data == nullptr || (key.kind != Kind::string && key.kind != Kind::number)) return Val::null();
      std::string k;
      js::append_string(k, key);
      auto found = env.shared_data->lookup(dataset, k);
      if (!found) {
        e.lookup_failures_.push_back(LookupFailure{dataset, found.error().id});
        return Val::null();
      }
      if (!found->has_value()) return Val::null();
      return from_json(**found, e.arena());
    }
    default: return Val::undef();
  }
}

Val Ops::log(Evaluator& e, const Node& n, const Val& data) {
  const Val v = e.eval(n.args[0], data);
  if (e.env().log) e.env().log(to_json_text(v));
  return v;
}

}  // namespace zhishen::rules
