#include "zhishen/rules/compiled_rule.hpp"

#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/rules/val_json.hpp"

namespace zhishen::rules {
namespace {

// A path segment for error messages: .name when it is a plain identifier, else ["..."].
std::string member_path(const std::string& parent, const std::string& key) {
  bool plain = !key.empty();
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return parent + "." + key;
  std::string quoted;
  json::append_quoted(quoted, key);
  return parent + "[" + quoted + "]";
}

long canonical_index(const std::string& s) {
  if (s.empty() || s.size() > 10) return -1;
  if (s.size() > 1 && s[0] == '0') return -1;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v < 4294967295L ? v : -1;
}

class Compiler {
 public:
  Compiler(Arena& constants, std::vector<std::string>& datasets) : constants_(constants), datasets_(datasets) {}

  Result<Node> compile(const json::Value& v, const std::string& path) {
    if (v.is_array()) {
      Node n;
      n.op = Op::array_literal;
      bool all_constant = true;
      const auto& items = v.as_array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto child = compile(items[i], path + "[" + std::to_string(i) + "]");
        if (!child) return child.error();
        all_constant = all_constant && child->op == Op::literal;
        n.args.push_back(std::move(child).value());
      }
      if (all_constant) {  // fold: evaluation only makes a fresh header over these items
        std::vector<Val> vals;
        for (const auto& a : n.args) vals.push_back(a.constant);
        n.op = Op::const_array;
        n.constant = make_array(constants_, vals.data(), vals.size());
        n.args.clear();
      }
      return n;
    }
    if (!v.is_object() || v.as_object().size() != 1) {
      Node n;
      n.op = Op::literal;
      n.constant = from_json(v, constants_);
      return n;
    }
    const auto& [name, operand] = v.as_object().front();
    const std::string op_path = member_path(path, name);
    const OperatorInfo* info = find_operator(name);
    if (info == nullptr) {
      return make_error("rules.parse.unknown_operator", "unknown operator \"" + name + "\" at " + path);
    }
    Node n;
    n.op = info->op;
    if (operand.is_array()) {
      const auto& items = operand.as_array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto child = compile(items[i], op_path + "[" + std::to_string(i) + "]");
        if (!child) return child.error();
        n.args.push_back(std::move(child).value());
      }
    } else {
      auto child = compile(operand, op_path);
      if (!child) return child.error();
      n.args.push_back(std::move(child).value());
    }
    const std::size_t count = n.args.size();
    if (count < info->min_args || (info->max_args != kAnyCount && count > info->max_args)) {
      std::string expected = info->min_args == info->max_args ? std::to_string(info->min_args)
                             : info->max_args == kAnyCount
                                 ? "at least " + std::to_string(info->min_args)
                                 : std::to_string(info->min_args) + " to " + std::to_string(info->max_args);
      return make_error("rules.parse.arity", "\"" + name + "\" takes " + expected + " argument(s), got " +
                                                 std::to_string(count) + " at " + path);
    }
    if (n.op == Op::var) prepare_var(n);
    if (n.op == Op::lookup) {
      const Node& ds = n.args[0];
      if (ds.op != Op::literal || ds.constant.kind != Kind::string || ds.constant.len == 0) {
        return make_error("rules.parse.malformed",
                          "lookup's first argument must be a dataset name (a string) at " + op_path + "[0]");
      }
      datasets_.emplace_back(ds.constant.str());
    }
    return n;
  }

 private:
  // A var whose path is a literal is pre-split (String(a).split(".")).
  static void prepare_var(Node& n) {
    if (n.args.empty()) {
      n.static_path = true;
      n.whole_data = true;
      return;
    }
    const Node& p = n.args[0];
    if (p.op != Op::literal) return;
    const Val& c = p.constant;
    if (c.kind == Kind::null || (c.kind == Kind::string && c.len == 0)) {
      n.static_path = true;
      n.whole_data = true;
      return;
    }
    if (c.kind != Kind::string && c.kind != Kind::number) return;
    std::string text;
    if (c.kind == Kind::string) text.assign(c.str());
    else json::append_number(text, c.n);
    n.static_path = true;
    n.path_text = text;
    std::size_t start = 0;
    for (;;) {
      const std::size_t dot = text.find('.', start);
      PathStep step;
      step.key = text.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      step.index = canonical_index(step.key);
      n.path.push_back(std::move(step));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }

  Arena& constants_;
  std::vector<std::string>& datasets_;
};

}  // namespace

Result<std::shared_ptr<const CompiledRule>> compile(const json::Value& rule) {
  std::shared_ptr<CompiledRule> out(new CompiledRule());
  Compiler c(*out->constants_, out->datasets_);
  auto root = c.compile(rule, "$");
  if (!root) return root.error();
  out->root_ = std::move(root).value();
  out->source_ = rule;
  return std::shared_ptr<const CompiledRule>(std::move(out));
}

Result<std::shared_ptr<const CompiledRule>> compile_text(std::string_view rule_json) {
  auto v = json::parse(rule_json);
  if (!v) return v.error();
  return compile(*v);
}

}  // namespace zhishen::rules
