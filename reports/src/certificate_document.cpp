// The wording of the printed e-certificate (电子证照).
#include "zhishen/reports/documents.hpp"

namespace zhishen::reports {
namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "—" : s; }

}  // namespace

Document certificate_document(const CertificatePrint& c) {
  Document d;
  d.title = "电子证照";
  d.subtitle = c.title;
  d.department = c.department_name;
  d.doc_no = c.cert_no;
  d.doc_no_label = "证照编号";
  d.generated_at = c.generated_at;
  d.qr_payload = c.qr_payload;
  d.qr_caption = c.verify_hint;
  d.qr_at_foot = true;
  std::vector<Field> f = {{"证照编号", or_dash(c.cert_no)},
                          {"持证人", or_dash(c.holder_name)},
                          {c.holder_id_label.empty() ? "证件号码" : c.holder_id_label, or_dash(c.holder_id)}};
  for (const auto& [label, value] : c.fields) f.push_back({label, or_dash(value)});
  f.push_back({"发证机关", or_dash(c.department_name)});
  f.push_back({"发证机关信用代码", or_dash(c.department_uscc)});  // its 统一社会信用代码
  f.push_back({"发证日期", or_dash(c.issued_on)});
  f.push_back({"有效期至", or_dash(c.valid_until)});
  f.push_back({"办件编号", or_dash(c.case_no)});
  d.blocks.push_back(box(std::move(f)));
  d.seal_date = c.issued_on;  // under the seal, which bears the department's name
  d.seal_name = c.department_name;
  d.fine_print = "签名算法 " + or_dash(c.algorithm) + " · 密钥 " + or_dash(c.key_id) + " · 签名摘要 " +
                 or_dash(c.signature_digest);
  return d;
}

}  // namespace zhishen::reports
