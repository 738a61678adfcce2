#include <ostream>

#include "cli.hpp"
#include "commands.hpp"
#include "holidays_option.hpp"
#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen::cli {

namespace {
constexpr const char* kUsage = "usage: zhishen describe\n";
}

int describe_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (!args.empty()) return usage_error(err, "describe takes no arguments", kUsage);
  out << "智审 Zhishen " << ZHISHEN_VERSION << " — 智能审批服务端与审批监管工作台\n"
      << "Zhishen — smart-approval server and reviewer & supervision workstation\n\n"
      << "This build provides the approval core and the administrator's CLI:\n"
      << "  - working-day calendar (工作日历) with 调休 and clock-stop deadlines, red/yellow lights\n"
      << "  - GB 11643 citizen ID and GB 32100 unified social credit code checks\n"
      << "  - the case lifecycle state machine (受理 → 审批 → 复核 → 发证 → 办结 → 公示 → 归档, 撤销)\n"
      << "  - the rules engine (JsonLogic-compatible, compiled, with approval extensions) and\n"
      << "    automatic decisions with traces; the item catalogue in data/items\n\n";
  const std::string dir = holidays_dir(ParsedArgs{});
  auto cal = calendar::load_holiday_dir(dir);
  if (cal) {
    const auto& years = cal->covered_years();
    out << "Holiday calendar: " << dir << " (years " << *years.begin() << "–" << *years.rbegin() << ", "
        << years.size() << " notices)\n";
  } else {
    out << "Holiday calendar: " << dir << " unavailable (" << cal.error().id << ")\n";
  }
  out << "\nTry:\n"
      << "  zhishen calendar is-workday 2024-02-18 2024-02-12\n"
      << "  zhishen calendar add-workdays --from 2024-02-08 --days 3\n"
      << "  zhishen id check 11010519491231002X 91350100M000100Y43\n"
      << "  zhishen items check data/items\n"
      << "  zhishen decide --ruleset data/items/350100-SCJG-GG-0001/rules.json \\\n"
      << "      --application data/items/350100-SCJG-GG-0001/samples/approved_convenience_store.json\n"
      << "  zhishen --help\n";
  return kExitOk;
}

}  // namespace zhishen::cli
