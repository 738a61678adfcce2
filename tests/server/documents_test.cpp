// Printed documents over the real socket, on SQLite and MariaDB: a completed case's receipt, the
// notices of refusals, corrections and revocations, the ledger as PDF and CSV — checked as real
// PDFs (qpdf --check, pdftotext) — and the refusals: a document a case does not have, an unknown
// kind, another department's case, a bad period.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/run_command.hpp"

#include "casework_fixture.hpp"

namespace zhishen::server::testing {
namespace {

namespace fs = std::filesystem;

std::string run(const std::string& command) { return zhishen::testing::run_command(command); }

// The PDF's text without spaces or line breaks, after qpdf --check passed.
std::string pdf_text(const std::string& bytes, const std::string& name) {
  const fs::path file = fs::temp_directory_path() / ("zhishen-doc-" + std::to_string(::getpid()) + "-" + name + ".pdf");
  std::ofstream(file, std::ios::binary) << bytes;
  EXPECT_NE(run("qpdf --check '" + file.string() + "' 2>&1").find("No syntax or stream encoding errors"),
            std::string::npos)
      << name;
  std::string out;
  for (char c : run("pdftotext '" + file.string() + "' -")) {
    if (c != ' ' && c != '\n') out += c;
  }
  fs::remove(file);
  return out;
}

class Documents : public CaseworkTest {};

TEST_P(Documents, ACompletedCaseHasItsReceiptAndOnlyTheDocumentsItsHistoryGives) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  auto early = get("/api/v1/cases/" + no + "/documents/receipt.pdf", reviewer_.token);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_id(), "document.not_available");
  ASSERT_EQ(act(no, "confirm_recheck", reviewer_).status, 200);
  auto r = get("/api/v1/cases/" + no + "/documents/receipt.pdf", reviewer_.token);
  ASSERT_EQ(r.status, 200) << r.text.substr(0, 300);
  EXPECT_EQ(r.header("Content-Type"), "application/pdf");
  EXPECT_EQ(r.text.rfind("%PDF-", 0), 0u);
  EXPECT_LT(r.text.size(), 200u * 1024);
  const std::string text = pdf_text(r.text, "receipt");
  for (const std::string& expected : {std::string("办结回执"), no, std::string("福州鑫悦便利连锁有限公司"),
                                     std::string("仅销售预包装食品备案"), std::string("准予许可"),
                                     std::string("第1页/共1页")}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("91350102MA2YK3T70Y"), std::string::npos) << "the receipt masks the ID number";
  // The receipt was kept when the case completed; every request answers those very bytes.
  std::optional<domain::StoredDocument> kept;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    kept = tx.supervision().document(no, "receipt");
    return {};
  });
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->bytes, r.text);
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/receipt.pdf", approver_.token).text, r.text);
  const std::string full = pdf_text(get("/api/v1/cases/" + no + "/documents/acceptance.pdf", approver_.token).text, "full");
  EXPECT_NE(full.find("91350102MA2YK3T70Y"), std::string::npos) << "an approver's copy of a notice has it";
  // The decision deadline promised at acceptance, though the case is decided: the end of a
  // working day (24:00), never a dash or the next day's 00:00.
  EXPECT_NE(full.find("24:00前作出决定。"), std::string::npos) << full;

  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/acceptance.pdf", reviewer_.token).status, 200);
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/refusal.pdf", reviewer_.token).error_id(), "document.not_available");
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/revocation.pdf", reviewer_.token).error_id(), "document.not_available");
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/poster.pdf", reviewer_.token).error_id(), "document.kind.unknown");
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/receipt.docx", reviewer_.token).status, 404);
  EXPECT_EQ(get("/api/v1/cases/" + no + "/documents/receipt.pdf", other_reviewer_.token).error_id(), "case.not_found");

  // Revoked with the ban: the revocation decision says so.
  const json::Object revoke{{"reason", "申请人提供虚假材料"}, {"legal_basis", "《行政许可法》第六十九条"}, {"ban", true}};
  ASSERT_EQ(act(no, "revoke", approver_, revoke).status, 200);
  auto rv = get("/api/v1/cases/" + no + "/documents/revocation.pdf", approver_.token);
  ASSERT_EQ(rv.status, 200);
  const std::string rt = pdf_text(rv.text, "revocation");
  EXPECT_NE(rt.find("撤销行政审批决定书"), std::string::npos);
  EXPECT_NE(rt.find("申请人提供虚假材料"), std::string::npos);
  EXPECT_NE(rt.find("一年内不得再次申请"), std::string::npos);
}

TEST_P(Documents, ARefusalThatStandsCompletesWithItsReceiptAndRefusalDecision) {
  const std::string no = submit(kFoodItem, "rejected_name_mismatch.json");
  auto done = act(no, "confirm_recheck", reviewer_);  // the automatic refusal stands: completed at once
  ASSERT_EQ(done.status, 200) << done.text;
  EXPECT_EQ(state_of(no), "completed");
  auto r = get("/api/v1/cases/" + no + "/documents/receipt.pdf", reviewer_.token);
  ASSERT_EQ(r.status, 200) << r.text.substr(0, 300);
  EXPECT_NE(pdf_text(r.text, "refused-receipt").find("不予许可"), std::string::npos);
  auto refusal = get("/api/v1/cases/" + no + "/documents/refusal.pdf", reviewer_.token);
  ASSERT_EQ(refusal.status, 200) << refusal.text.substr(0, 300);
  EXPECT_NE(pdf_text(refusal.text, "refusal").find("不予行政许可决定书"), std::string::npos);
}

TEST_P(Documents, TheCorrectionNoticeListsTheOneTimeItems) {
  const std::string no = submit(kFoodItem, "manual_credit_blacklist.json");
  auto asked = act(no, "request_correction", reviewer_,
                   {{"reason", "请补正以下材料"}, {"items", json::Array{"营业执照副本复印件", "食品安全管理制度文本"}}});
  ASSERT_EQ(asked.status, 200) << asked.text;
  auto r = get("/api/v1/cases/" + no + "/documents/correction.pdf", reviewer_.token);
  ASSERT_EQ(r.status, 200) << r.text.substr(0, 300);
  const std::string text = pdf_text(r.text, "correction");
  EXPECT_NE(text.find("补齐补正材料通知书"), std::string::npos);
  EXPECT_NE(text.find("1.营业执照副本复印件"), std::string::npos) << text;
  EXPECT_NE(text.find("2.食品安全管理制度文本"), std::string::npos) << text;
  // No deadline for supplying them (the decision clock stands still meanwhile): none is printed.
  EXPECT_NE(text.find("制度文本请补齐补正上述材料。"), std::string::npos) << text;
  EXPECT_EQ(text.find("—"), std::string::npos) << text;
}

TEST_P(Documents, TheLedgerListsTheDecisionsOfThePeriodAsPdfAndCsv) {
  const std::string a = submit(kFoodItem, "approved_convenience_store.json");
  const std::string b = submit(kFoodItem, "rejected_name_mismatch.json");
  const std::string foreign = submit(kHygieneItem, "approved_hotel_with_central_ac.json");
  const std::string failed = submit(kFoodItem, "approved_cold_chain_with_abnormal_warning.json");
  const std::string revoked = submit(kFoodItem, "approved_tobacco_licence_warning.json");
  ASSERT_EQ(act(a, "confirm_recheck", reviewer_).status, 200);
  ASSERT_EQ(act(failed, "fail_recheck", reviewer_, {{"reason", "经营场所与登记地址不一致"}}).status, 200);
  ASSERT_EQ(act(revoked, "confirm_recheck", reviewer_).status, 200);
  ASSERT_EQ(act(revoked, "revoke", approver_, {{"reason", "申请人提供虚假材料"}, {"legal_basis", "《行政许可法》第六十九条"}})
                .status,
            200);
  ASSERT_EQ(act(foreign, "confirm_recheck", other_reviewer_).status, 200);  // issues its e-certificate
  ASSERT_EQ(act(foreign, "publicise", other_reviewer_).status, 200);
  const std::string today = format_instant(server_->ctx().now(), UtcOffset{}).substr(0, 10);
  const std::string q = "?from=" + today + "&to=" + today;
  auto pdf = get("/api/v1/ledger.pdf" + q, reviewer_.token);
  ASSERT_EQ(pdf.status, 200) << pdf.text.substr(0, 300);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  const std::string text = pdf_text(pdf.text, "ledger");
  EXPECT_NE(text.find("行政审批办件台账"), std::string::npos);
  EXPECT_NE(text.find(a), std::string::npos) << a << "\n" << text;
  EXPECT_NE(text.find(b), std::string::npos) << b << "\n" << text;
  EXPECT_EQ(text.find(foreign), std::string::npos) << "another department's case";
  EXPECT_NE(text.find("合计4件"), std::string::npos) << text;
  auto csv = get("/api/v1/ledger.csv" + q + "&item=" + kFoodItem, reviewer_.token);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.text.rfind("\xEF\xBB\xBF序号,申请编号", 0), 0u);
  EXPECT_NE(csv.text.find(a), std::string::npos);
  EXPECT_NE(csv.text.find("自动不予许可"), std::string::npos);
  auto all = get("/api/v1/ledger.csv" + q, supervisor_.token);  // supervisors: every department
  EXPECT_NE(all.text.find(foreign), std::string::npos);
  // 序号,申请编号,申请人,事项,审批结果,决定时间,复核时间,证照编号,公示时间 of a case's line.
  const auto fields = [&](const std::string& no) {
    std::vector<std::string> out;
    const auto at = all.text.find("," + no + ",");
    if (at == std::string::npos) return out;
    const auto begin = all.text.rfind('\n', at) + 1;
    std::stringstream line(all.text.substr(begin, all.text.find("\r\n", at) - begin));
    for (std::string f; std::getline(line, f, ',');) out.push_back(f);
    out.resize(9);
    return out;
  };
  EXPECT_EQ(fields(a)[4], "自动准予许可");
  EXPECT_FALSE(fields(a)[6].empty()) << "re-checked";
  EXPECT_TRUE(fields(b)[6].empty());
  EXPECT_EQ(fields(failed)[4], "自动准予许可（复核不通过）");
  EXPECT_EQ(fields(revoked)[4], "自动准予许可（已撤销）");
  EXPECT_EQ(fields(foreign)[7].rfind("ZZ", 0), 0u) << "its certificate number";
  EXPECT_FALSE(fields(foreign)[8].empty()) << "publicised";
  EXPECT_TRUE(fields(a)[7].empty() && fields(a)[8].empty());
  EXPECT_EQ(get("/api/v1/ledger.pdf?from=" + today, reviewer_.token).error_id(), "statistics.period.invalid");
  EXPECT_EQ(get("/api/v1/ledger.pdf" + q + "&colour=red", reviewer_.token).error_id(), "supervision.param.invalid");
}

TEST_P(Documents, TheSupervisionReportGathersLightsOverdueTicketsAndFigures) {
  const std::string open = submit(kFoodItem, "manual_credit_blacklist.json");
  const std::string today = format_instant(server_->ctx().now(), UtcOffset{}).substr(0, 10);
  auto r = get("/api/v1/supervision/report.pdf?from=" + today + "&to=" + today, supervisor_.token);
  ASSERT_EQ(r.status, 200) << r.text.substr(0, 300);
  const std::string text = pdf_text(r.text, "supervision");
  for (const char* expected : {"督查督办报告", "在办件亮灯情况", "超期案件", "挂号督办", "效能指标", "自动审批占比",
                               "仅销售预包装食品备案", "全部部门"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  auto own = get("/api/v1/supervision/report.pdf?from=" + today + "&to=" + today, reviewer_.token);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(pdf_text(own.text, "own").find("全部部门"), std::string::npos) << "a reviewer's report is their department's";
  EXPECT_EQ(get("/api/v1/supervision/report.pdf", supervisor_.token).error_id(), "statistics.period.invalid");
}

INSTANTIATE_TEST_SUITE_P(Backends, Documents, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
