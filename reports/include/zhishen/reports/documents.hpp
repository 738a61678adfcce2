#pragma once
// The printed documents (R9): each builder turns plain case facts into a Document in the wording
// of Chinese administrative documents. The caller (the server) gathers the facts and decides which
// document a case may have; builders only write. Plain functions; any thread.

#include <string>
#include <utility>
#include <vector>

#include "zhishen/reports/document.hpp"

namespace zhishen::reports {

// What a case document says about its case. Times as printed, e.g. "2026年10月18日 08:46".
struct CaseFacts {
  std::string case_no;
  std::string item_name;
  std::string item_code;
  std::string department_name;
  std::string applicant_name;
  std::string applicant_id_label;  // 居民身份证 / 统一社会信用代码
  std::string applicant_id;        // as printed (masked by the caller where it must be)
  std::string channel;             // 网上办事大厅 …
  std::string submitted_at;
  std::string decided_at;
  std::string outcome;             // 准予许可 / 不予许可 / …
  std::string receipt_no;
  std::string verify_url;          // printed and put in the QR code with the case number
  std::string generated_at;
};

struct ReceiptData {
  CaseFacts c;
  std::string completed_at;
  std::string delivery;        // 自行取件：地点… / 快递送达：地址…; empty: no paper result
  std::string originals;       // the original certificates to hand back, or empty
  std::string originals_due;   // by when (e.g. "2026年12月4日"), with `originals`
};

enum class NoticeKind {
  acceptance,      // 受理通知书
  non_acceptance,  // 不予受理通知书
  correction,      // 补齐补正通知书 (the one-time list)
  refusal,         // 不予许可决定书
  revocation,      // 撤销行政审批决定书
};

struct NoticeData {
  CaseFacts c;
  std::string doc_no;        // 文书编号
  std::string reason;
  std::string legal_basis;
  std::vector<std::string> items;  // correction: the materials to supply or correct
  std::string due;           // acceptance: decision due; correction: supply by
  bool ban = false;          // revocation: the one-year ban
  std::string review_body;   // where to apply for administrative review (行政复议机关)
};

struct LedgerRow {
  std::string case_no;
  std::string applicant;
  std::string item;
  std::string decision;
  std::string decided_at;
  std::string rechecked_at;
  std::string certificate_no;
  std::string publicised_at;
};

struct LedgerData {
  std::string department_name;  // or 全部部门
  std::string period;            // "2026-11-01 至 2026-11-30"
  std::string item_filter;       // "" for all items
  std::string doc_no;
  std::string generated_at;
  std::vector<LedgerRow> rows;
};

// The supervision report for a period (督查督办报告): lights by department and item, the overdue
// cases, the supervision tickets, and the efficiency figures.
struct SupervisionData {
  std::string scope;    // 全部部门 or a department's name
  std::string period;   // "2026-11-01 至 2026-11-30"
  std::string doc_no;
  std::string generated_at;
  std::vector<std::vector<std::string>> lights;   // department, item, green, yellow, red
  std::vector<std::vector<std::string>> overdue;  // case, department, item, applicant, overdue by, ticket
  std::vector<std::vector<std::string>> tickets;  // ticket, case, department, state, reason, answer due, answer
  std::vector<Field> figures;                     // label, value
};

// An e-certificate (电子证照) as printed: the signed facts, the issuing department's seal and a QR code
// carrying `qr_payload` verbatim (the certificate file a verifier checks offline).
struct CertificatePrint {
  std::string title;             // 证照名称, e.g. 营业执照（个体工商户）
  std::string cert_no;           // 证照编号
  std::string holder_name;
  std::string holder_id_label;   // 统一社会信用代码 / 公民身份号码
  std::string holder_id;         // as printed
  std::vector<std::pair<std::string, std::string>> fields;  // content lines (label, value), in order
  std::string department_name;   // 发证机关
  std::string department_uscc;
  std::string issued_on;         // 2026年11月22日
  std::string valid_until;       // 2029年11月21日, or 长期
  std::string case_no;
  std::string algorithm;         // SM2-SM3 | ECDSA-P256-SHA256
  std::string key_id;
  std::string signature_digest;  // short fingerprint of the signature, printed small
  std::string qr_payload;        // put in the QR code verbatim (may be up to ~2,000 bytes of UTF-8 JSON)
  std::string verify_hint;       // printed under the QR code, e.g. 扫描二维码或访问 https://… 核验
  std::string generated_at;
};

Document receipt(const ReceiptData& d);
Document supervision_report(const SupervisionData& d);
Document notice(NoticeKind kind, const NoticeData& d);
Document ledger(const LedgerData& d);
const char* notice_title(NoticeKind kind);
// One A4 page (certificate_document.cpp): 电子证照 and the certificate's name, its facts in a ruled
// box, a large QR code of `qr_payload` at the foot with `verify_hint` under it, the department's
// red seal over the closing, the signature facts in small print. A payload too long for any QR
// code prints the hint alone.
Document certificate_document(const CertificatePrint& c);

}  // namespace zhishen::reports
