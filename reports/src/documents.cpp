// The wording of each printed document.
#include "zhishen/reports/documents.hpp"

#include <cstdlib>
#include <map>

namespace zhishen::reports {
namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "—" : s; }

std::vector<Field> case_fields(const CaseFacts& c) {
  return {{"申请编号", c.case_no},
          {"事项名称", c.item_name + (c.item_code.empty() ? "" : "（" + c.item_code + "）")},
          {"申请人", c.applicant_name},
          {or_dash(c.applicant_id_label), or_dash(c.applicant_id)},
          {"申请渠道", or_dash(c.channel)},
          {"提交时间", or_dash(c.submitted_at)}};
}

std::string qr_payload(const CaseFacts& c) {
  return c.case_no + (c.verify_url.empty() ? "" : "\n" + c.verify_url);
}

Document base(const CaseFacts& c, std::string title, std::string doc_no) {
  Document d;
  d.title = std::move(title);
  d.department = c.department_name;
  d.doc_no = std::move(doc_no);
  d.generated_at = c.generated_at;
  d.qr_payload = qr_payload(c);
  d.qr_caption = "扫码核验";
  d.seal_text = c.department_name + "（盖章）";
  return d;
}

std::string remedy(const NoticeData& d) {
  const std::string body = d.review_body.empty() ? "本级人民政府或者上一级主管部门" : d.review_body;
  return "申请人如对本决定不服，可以自收到本文书之日起六十日内向" + body +
         "申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。";
}

}  // namespace

const char* notice_title(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::acceptance: return "受理通知书";
    case NoticeKind::non_acceptance: return "不予受理通知书";
    case NoticeKind::correction: return "补齐补正材料通知书";
    case NoticeKind::refusal: return "不予行政许可决定书";
    case NoticeKind::revocation: return "撤销行政审批决定书";
  }
  return "";
}

Document receipt(const ReceiptData& r) {
  const CaseFacts& c = r.c;
  Document d = base(c, "办结回执", c.receipt_no);
  d.blocks.push_back(line(c.applicant_name + "："));
  d.blocks.push_back(paragraph("您于" + or_dash(c.submitted_at) + "通过" + or_dash(c.channel) + "提交的“" + c.item_name +
                               "”申请（申请编号：" + c.case_no + "），已于" + or_dash(r.completed_at) +
                               "办结，办理结果为：" + or_dash(c.outcome) + "。"));
  auto f = case_fields(c);
  f.push_back({"办理结果", or_dash(c.outcome)});
  f.push_back({"办结时间", or_dash(r.completed_at)});
  f.push_back({"回执编号", or_dash(c.receipt_no)});
  d.blocks.push_back(fields(std::move(f)));
  d.blocks.push_back(heading("结果领取"));
  d.blocks.push_back(paragraph(r.delivery.empty() ? "本事项办理结果以电子形式送达，无纸质结果文件。" : r.delivery));
  if (!r.originals.empty()) {
    d.blocks.push_back(heading("原件回收"));
    d.blocks.push_back(paragraph("请于" + or_dash(r.originals_due) + "前，将以下原件提交至服务窗口或以快递方式寄送：" +
                                 r.originals + "。逾期未提交的，将依照有关规定处理。"));
  }
  d.blocks.push_back(paragraph("如有疑问，请凭申请编号向" + c.department_name +
                               "咨询，或扫描本回执右上角二维码核验真伪" +
                               (c.verify_url.empty() ? "" : "（" + c.verify_url + "）") + "。"));
  d.seal_date = or_dash(r.completed_at).substr(0, or_dash(r.completed_at).find(' '));
  return d;
}

Document notice(NoticeKind kind, const NoticeData& n) {
  const CaseFacts& c = n.c;
  Document d = base(c, notice_title(kind), n.doc_no);
  d.blocks.push_back(line(c.applicant_name + "："));
  const std::string intro = "你（单位）于" + or_dash(c.submitted_at) + "提出的“" + c.item_name + "”申请（申请编号：" +
                            c.case_no + "）";
  switch (kind) {
    case NoticeKind::acceptance:
      d.blocks.push_back(paragraph(intro + "，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条"
                                           "的规定，本机关决定予以受理" +
                                   (n.due.empty() ? std::string("。") : "，并将于" + n.due + "前作出决定。")));
      break;
    case NoticeKind::non_acceptance:
      d.blocks.push_back(paragraph(intro + "，经审查，" + or_dash(n.reason) + "。根据" + or_dash(n.legal_basis) +
                                   "的规定，本机关决定不予受理。"));
      d.blocks.push_back(paragraph(remedy(n)));
      break;
    case NoticeKind::correction:
      d.blocks.push_back(paragraph(intro + "，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》"
                                           "第三十二条的规定，现一次性告知你（单位）需要补齐补正的全部内容如下："));
      d.blocks.push_back(list(n.items));
      d.blocks.push_back(paragraph((n.due.empty() ? std::string("请") : "请于" + n.due + "前") +
                                   "补齐补正上述材料。补正期间不计入办理时限；补齐补正后，本机关将继续办理。"));
      break;
    case NoticeKind::refusal:
      d.blocks.push_back(paragraph(intro + "，经审查，" + or_dash(n.reason) + "。根据" + or_dash(n.legal_basis) +
                                   "的规定，本机关决定不予行政许可。"));
      d.blocks.push_back(paragraph(remedy(n)));
      break;
    case NoticeKind::revocation:
      d.blocks.push_back(paragraph("本机关对你（单位）“" + c.item_name + "”申请（申请编号：" + c.case_no + "）作出的" +
                                   or_dash(c.outcome) + "决定，经复核，" + or_dash(n.reason) + "。根据" +
                                   or_dash(n.legal_basis) + "的规定，本机关决定撤销该行政审批决定。"));
      if (n.ban) {
        d.blocks.push_back(paragraph("你（单位）自本决定作出之日起一年内不得再次申请该行政审批事项。"));
      }
      d.blocks.push_back(paragraph(remedy(n)));
      break;
  }
  d.blocks.push_back(fields(case_fields(c)));
  d.seal_date = c.generated_at.substr(0, c.generated_at.find(' '));
  return d;
}

Document supervision_report(const SupervisionData& s) {
  Document d;
  d.title = "督查督办报告";
  d.department = s.scope;
  d.doc_no = s.doc_no;
  d.generated_at = s.generated_at;
  d.landscape = true;
  d.blocks.push_back(fields({{"范围", s.scope}, {"统计期间", s.period}}));
  d.blocks.push_back(heading("一、在办件亮灯情况"));
  Table lights;
  lights.columns = {{"部门", 2.0, false}, {"事项", 2.6, false}, {"绿灯", 0.7, true}, {"黄灯", 0.7, true}, {"红灯", 0.7, true}};
  lights.rows = s.lights;
  long g = 0, y = 0, r = 0;
  for (const auto& row : s.lights) {
    if (row.size() >= 5) {
      g += std::atol(row[2].c_str());
      y += std::atol(row[3].c_str());
      r += std::atol(row[4].c_str());
    }
  }
  lights.totals = {"合计", "", std::to_string(g), std::to_string(y), std::to_string(r)};
  d.blocks.push_back(table(std::move(lights)));
  d.blocks.push_back(heading("二、超期案件"));
  if (s.overdue.empty()) {
    d.blocks.push_back(paragraph("本期无超期案件。"));
  } else {
    Table t;
    t.columns = {{"申请编号", 1.5, false}, {"部门", 0.9, false}, {"事项", 1.8, false}, {"申请人", 1.3, false},
                 {"超期时长", 1.0, false}, {"督办单", 1.2, false}};
    t.rows = s.overdue;
    d.blocks.push_back(table(std::move(t)));
  }
  d.blocks.push_back(heading("三、挂号督办"));
  if (s.tickets.empty()) {
    d.blocks.push_back(paragraph("本期无督办单。"));
  } else {
    Table t;
    t.columns = {{"督办单", 1.2, false}, {"申请编号", 1.5, false}, {"部门", 0.9, false}, {"状态", 0.8, false},
                 {"督办理由", 2.0, false}, {"回复时限", 1.1, false}, {"部门回复", 2.0, false}};
    t.rows = s.tickets;
    d.blocks.push_back(table(std::move(t)));
  }
  d.blocks.push_back(heading("四、效能指标"));
  d.blocks.push_back(fields(s.figures));
  return d;
}

Document ledger(const LedgerData& l) {
  Document d;
  d.title = "行政审批办件台账";
  d.department = l.department_name;
  d.doc_no = l.doc_no;
  d.generated_at = l.generated_at;
  d.landscape = true;
  d.blocks.push_back(fields({{"统计期间", l.period}, {"事项", l.item_filter.empty() ? "全部事项" : l.item_filter},
                             {"件数", std::to_string(l.rows.size())}}));
  Table t;
  t.columns = {{"序号", 0.45, true},   {"申请编号", 1.75, false}, {"申请人", 1.4, false},   {"事项", 1.5, false},
               {"审批结果", 0.9, false}, {"决定时间", 1.1, false},  {"复核时间", 1.1, false}, {"证照编号", 1.1, false},
               {"公示时间", 1.1, false}};
  std::map<std::string, int> by_decision;
  int n = 0;
  for (const auto& r : l.rows) {
    t.rows.push_back({std::to_string(++n), r.case_no, r.applicant, r.item, r.decision, r.decided_at, r.rechecked_at,
                      r.certificate_no, r.publicised_at});
    ++by_decision[r.decision];
  }
  std::string summary;
  for (const auto& [decision, count] : by_decision) {
    summary += (summary.empty() ? "" : "，") + (decision.empty() ? std::string("未决定") : decision) + " " +
               std::to_string(count) + " 件";
  }
  t.totals = {"", "合计 " + std::to_string(l.rows.size()) + " 件", summary, "", "", "", "", "", ""};
  d.blocks.push_back(table(std::move(t)));
  return d;
}

}  // namespace zhishen::reports
