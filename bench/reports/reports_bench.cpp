// Time and size of the printed documents: a receipt (median of many), and ledgers of 1,000 /
// 10,000 / 20,000 rows. Writes the ledgers to DIR for the comparison run (bench/reports/run.sh).
//   zhishen_reports_bench DIR [ROWS...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "zhishen/reports/documents.hpp"
#include "zhishen/reports/render.hpp"

using namespace zhishen::reports;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

LedgerData ledger_data(int rows) {
  LedgerData l;
  l.department_name = "福州市市场监督管理局";
  l.period = "2026-01-01 至 2026-12-31";
  l.doc_no = "TZ-2026";
  l.generated_at = "2026-11-22 09:15";
  for (int i = 0; i < rows; ++i) {
    l.rows.push_back({"ZS2026" + std::to_string(100000000 + i), i % 7 == 0 ? "福州市台江区林记食杂店" : "周明辉",
                      i % 2 ? "个体工商户设立登记" : "仅销售预包装食品备案", i % 5 ? "准予许可" : "不予许可",
                      "2026-11-0" + std::to_string(1 + i % 9) + " 09:00", "2026-11-1" + std::to_string(i % 9) + " 10:00",
                      i % 3 ? "" : "ZZ-" + std::to_string(i), i % 4 ? "" : "2026-11-20"});
  }
  return l;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: zhishen_reports_bench DIR [ROWS...]\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::vector<int> sizes;
  for (int i = 2; i < argc; ++i) sizes.push_back(std::stoi(argv[i]));
  if (sizes.empty()) sizes = {1000, 10000, 20000};

  CaseFacts c{"ZS20261018BA061214", "个体工商户设立登记", "350100-SCJG-XK-0001", "福州市市场监督管理局", "周明辉",
              "居民身份证", "3501**********9159", "网上办事大厅", "2026年10月18日 08:46", "2026年10月18日 08:46",
              "准予许可", "HZ20261018000123", "https://zhishen.fuzhou.gov.cn/verify/ZS20261018BA061214",
              "2026-11-22 09:15"};
  ReceiptData r{c, "2026年10月20日 10:02", "快递送达：福州市鼓楼区五四路158号。", "原营业执照正本", "2026年11月3日"};
  std::vector<double> times;
  std::size_t size = 0;
  for (int i = 0; i < 200; ++i) {
    const auto t0 = Clock::now();
    auto pdf = render_pdf(receipt(r));
    times.push_back(ms(t0));
    if (!pdf) return 1;
    size = pdf->pdf.size();
  }
  std::sort(times.begin(), times.end());
  std::printf("receipt: %.2f ms median, %.2f ms p95 (200 renders), %.1f KB\n", times[100], times[190],
              static_cast<double>(size) / 1024.0);
  for (int rows : sizes) {
    const LedgerData data = ledger_data(rows);
    const auto t0 = Clock::now();
    auto pdf = render_pdf(ledger(data));
    const double t = ms(t0);
    if (!pdf) return 1;
    std::printf("ledger %6d rows: %7.1f ms, %5d pages, %7.1f KB\n", rows, t, pdf->pages,
                static_cast<double>(pdf->pdf.size()) / 1024.0);
    std::ofstream(dir + "/ledger-" + std::to_string(rows) + ".pdf", std::ios::binary) << pdf->pdf;
  }
  return 0;
}
