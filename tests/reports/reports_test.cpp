// The printed documents checked as real PDFs: qpdf --check passes, pdftotext finds the Chinese
// text and the numbers, pdfinfo counts the pages the renderer says, long tables repeat their
// header on every page, and pdftoppm renders them (PNG samples in build/report-samples/ to look at).
#include <gtest/gtest.h>

#include <sstream>

#include "pdf_checks.hpp"
#include "zhishen/reports/documents.hpp"
#include "zhishen/reports/render.hpp"

namespace zhishen::reports {
namespace {

using testing::pages_of;
using testing::run;
using testing::text_of;
using testing::write;

CaseFacts facts() {
  CaseFacts c;
  c.case_no = "ZS20261018BA061214";
  c.item_name = "个体工商户设立登记";
  c.item_code = "350100-SCJG-XK-0001";
  c.department_name = "福州市市场监督管理局";
  c.applicant_name = "周明辉";
  c.applicant_id_label = "居民身份证";
  c.applicant_id = "3501**********9159";
  c.channel = "网上办事大厅";
  c.submitted_at = "2026年10月18日 08:46";
  c.decided_at = "2026年10月18日 08:46";
  c.outcome = "准予许可";
  c.receipt_no = "HZ20261018000123";
  c.verify_url = "https://zhishen.fuzhou.gov.cn/verify/ZS20261018BA061214";
  c.generated_at = "2026-11-22 09:15";
  return c;
}

TEST(Reports, ReceiptIsSmallReadableAndComplete) {
  ReceiptData r{facts(), "2026年10月20日 10:02", "快递送达：福州市鼓楼区五四路158号，联系电话138****0103。", "原营业执照正本",
                "2026年11月3日"};
  auto pdf = render_pdf(receipt(r));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_LE(pdf->pdf.size(), 200u * 1024) << "receipt target: 200 KB";
  EXPECT_EQ(pdf->pages, 1);
  EXPECT_EQ(pdf->replaced, 0);
  const auto file = write("receipt", *pdf);
  EXPECT_EQ(pages_of(file), 1);
  const std::string text = text_of(file);
  for (const char* expected : {"办结回执", "福州市市场监督管理局", "ZS20261018BA061214", "周明辉", "个体工商户设立登记",
                               "准予许可", "HZ20261018000123", "快递送达", "原营业执照正本", "2026年11月3日",
                               "第1页/共1页", "生成时间：2026-11-2209:15", "350100-SCJG-XK-0001"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(Reports, EveryNoticeSaysWhatItIs) {
  NoticeData n{facts(), "榕市监许〔2026〕123号", "申请人提交的经营场所使用证明与登记住所不一致",
               "《中华人民共和国行政许可法》第三十八条第二款", {"经营场所使用证明（需与住所一致）", "经营者身份证明复印件"},
               "2026年11月5日", true, "福州市人民政府"};
  for (auto kind : {NoticeKind::acceptance, NoticeKind::non_acceptance, NoticeKind::correction, NoticeKind::refusal,
                    NoticeKind::revocation}) {
    auto pdf = render_pdf(notice(kind, n));
    ASSERT_TRUE(pdf.ok());
    const std::string name = "notice-" + std::to_string(static_cast<int>(kind));
    const auto file = write(name, *pdf);
    const std::string text = text_of(file);
    EXPECT_NE(text.find(notice_title(kind)), std::string::npos) << name;
    EXPECT_NE(text.find("榕市监许〔2026〕123号"), std::string::npos) << name;
    EXPECT_NE(text.find("ZS20261018BA061214"), std::string::npos) << name;
    if (kind == NoticeKind::correction) {
      EXPECT_NE(text.find("1.经营场所使用证明"), std::string::npos) << text;
      EXPECT_NE(text.find("2.经营者身份证明复印件"), std::string::npos) << text;
    }
    if (kind == NoticeKind::refusal || kind == NoticeKind::revocation || kind == NoticeKind::non_acceptance) {
      EXPECT_NE(text.find("行政复议"), std::string::npos) << name;
    }
    if (kind == NoticeKind::revocation) {
      EXPECT_NE(text.find("一年内不得再次申请"), std::string::npos);
    }
  }
}

TEST(Reports, LongChineseTextWrapsWithoutLosingCharacters) {
  Document d;
  d.title = "说明";
  d.department = "测试部门";
  std::string para;
  for (int i = 0; i < 40; ++i) para += "申请人应当如实提交有关材料和反映真实情况，并对其申请材料实质内容的真实性负责。";
  para += "ABC-123 a-very-long-latin-word-without-any-space-that-is-longer-than-a-line-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  d.blocks.push_back(paragraph(para));
  d.blocks.push_back(paragraph("生僻字𠀀不在GBK中。"));
  auto pdf = render_pdf(d);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->replaced, 1);  // 𠀀 (U+20000) printed as "□"
  const auto file = write("wrapping", *pdf);
  std::string text = run("pdftotext '" + file.string() + "' -");
  std::string joined;
  for (char c : text) {
    if (c != '\n') joined += c;
  }
  EXPECT_NE(joined.find("实质内容的真实性负责。申请人应当"), std::string::npos);
  EXPECT_NE(joined.find("生僻字□不在GBK中"), std::string::npos);
  // No line starts with closing punctuation.
  std::istringstream lines(text);
  for (std::string l; std::getline(lines, l);) {
    EXPECT_NE(l.rfind("，", 0), 0u) << l;
    EXPECT_NE(l.rfind("。", 0), 0u) << l;
  }
}

TEST(Reports, SupervisionReportHasItsFourParts) {
  SupervisionData s;
  s.scope = "全部部门";
  s.period = "2026-11-01 至 2026-11-30";
  s.doc_no = "DC-202611";
  s.generated_at = "2026-11-22 09:15";
  s.lights = {{"福州市市场监督管理局", "仅销售预包装食品备案", "3", "0", "5"},
              {"福州市市场监督管理局", "个体工商户设立登记", "2", "1", "8"}};
  s.overdue = {{"ZS20261018BA061214", "FZ-SCJG", "个体工商户设立登记", "周明辉", "30天8小时", "DB-1"}};
  s.tickets = {{"DB-1", "ZS20261018BA061214", "FZ-SCJG", "督办中", "超期未办结", "2026-11-25 17:00", ""}};
  s.figures = {{"审批件数", "46 件"}, {"自动审批占比", "87.0%"}};
  auto pdf = render_pdf(supervision_report(s));
  ASSERT_TRUE(pdf.ok());
  const auto file = write("supervision", *pdf);
  const std::string text = text_of(file);
  for (const char* expected : {"督查督办报告", "一、在办件亮灯情况", "合计", "13", "二、超期案件", "ZS20261018BA061214",
                               "三、挂号督办", "DB-1", "四、效能指标", "87.0%"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
}

// A case number is ZS + date + 8 upper-case hex digits: each digit eight times covers the widest.
std::vector<std::string> widest_case_numbers() {
  std::vector<std::string> numbers;
  for (char c : std::string("0123456789ABCDEF")) numbers.push_back("ZS20261122" + std::string(8, c));
  return numbers;
}

// The widest case numbers stay on one line in the ledger (pdftotext finds them whole) — a wrapped
// number once split a row of the ledger.
TEST(Reports, LedgerCaseNumbersNeverWrap) {
  LedgerData l;
  l.department_name = "福州市市场监督管理局";
  l.period = "2026-11-22 至 2026-11-22";
  l.doc_no = "TZ-1";
  l.generated_at = "2026-11-22 18:51";
  std::vector<std::string> numbers = widest_case_numbers();
  numbers.push_back("ZS20261122BD5BD4D4");
  for (const auto& no : numbers) {
    l.rows.push_back({no, "福州鑫悦便利连锁有限公司", "仅销售预包装食品备案", "自动准予许可（复核不通过）", "2026-11-22 18:51",
                      "2026-11-22 18:51", "ZZ-2026-000123", "2026-11-22 18:51"});
  }
  auto pdf = render_pdf(ledger(l));
  ASSERT_TRUE(pdf.ok());
  const std::string text = text_of(write("ledger-wide-numbers", *pdf));
  for (const auto& no : numbers) EXPECT_NE(text.find(no), std::string::npos) << no << "\n" << text;
}

TEST(Reports, SupervisionCaseNumbersNeverWrap) {
  SupervisionData s;
  s.scope = "全部部门";
  s.period = "2026-11-01 至 2026-11-30";
  s.doc_no = "DC-1";
  s.generated_at = "2026-11-22 09:15";
  const std::vector<std::string> numbers = widest_case_numbers();
  for (const auto& no : numbers) {
    s.overdue.push_back({no, "FZ-SCJG", "个体工商户设立登记", "福州鑫悦便利连锁有限公司", "30天8小时", "DB-1"});
    s.tickets.push_back({"DB-20261122-0001", no, "FZ-SCJG", "督办中", "超期未办结", "2026-11-25 17:00", "已办结"});
  }
  auto pdf = render_pdf(supervision_report(s));
  ASSERT_TRUE(pdf.ok());
  const std::string text = text_of(write("supervision-wide-numbers", *pdf));
  for (const auto& no : numbers) {
    const auto first = text.find(no);
    EXPECT_NE(first, std::string::npos) << no;
    if (first != std::string::npos) {
      EXPECT_NE(text.find(no, first + 1), std::string::npos) << no << " in both tables";
    }
  }
}

TEST(Reports, LedgerTablesBreakAcrossPagesWithTheirHeader) {
  LedgerData l;
  l.department_name = "福州市市场监督管理局";
  l.period = "2026-11-01 至 2026-11-30";
  l.doc_no = "TZ-202611";
  l.generated_at = "2026-11-22 09:15";
  for (int i = 0; i < 1000; ++i) {
    l.rows.push_back({"ZS202611" + std::to_string(10000000 + i), i % 7 == 0 ? "福州市台江区林记食杂店（个体工商户）" : "周明辉",
                      i % 2 ? "个体工商户设立登记" : "仅销售预包装食品备案", i % 5 ? "准予许可" : "不予许可",
                      "2026-11-0" + std::to_string(1 + i % 9) + " 09:00", "2026-11-1" + std::to_string(i % 9) + " 10:00",
                      i % 3 ? "" : "ZZ-" + std::to_string(i), ""});
  }
  auto pdf = render_pdf(ledger(l));
  ASSERT_TRUE(pdf.ok());
  const auto file = write("ledger-1000", *pdf);
  EXPECT_GT(pdf->pages, 20);
  EXPECT_EQ(pages_of(file), pdf->pages);
  for (int page : {2, pdf->pages}) {
    const std::string text = text_of(file, page);
    EXPECT_NE(text.find("申请编号"), std::string::npos) << "header repeated on page " << page;
    EXPECT_NE(text.find("第" + std::to_string(page) + "页/共" + std::to_string(pdf->pages) + "页"),
              std::string::npos);
  }
  const std::string last = text_of(file, pdf->pages);
  EXPECT_NE(last.find("合计1000件"), std::string::npos) << last;
  EXPECT_NE(last.find("ZS20261110000999"), std::string::npos);
  EXPECT_NE(text_of(file, 1).find("ZS20261110000000"), std::string::npos);
}

}  // namespace
}  // namespace zhishen::reports
