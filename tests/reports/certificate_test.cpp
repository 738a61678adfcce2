// The printed e-certificate (电子证照) checked as a real PDF: one A4 page that qpdf accepts, whose
// text pdftotext finds (the number, the holder, the department, the validity, the wrapped business
// scope), whose QR code holds a ~1,800-byte signed certificate that zbarimg (zbar-tools, when
// installed) reads back byte for byte from a 200 dpi rendering, and which still prints when the
// payload is too long for any QR code. Samples in build/report-samples/.
#include <gtest/gtest.h>


#include "pdf_checks.hpp"
#include "zhishen/reports/documents.hpp"
#include "zhishen/reports/render.hpp"

namespace zhishen::reports {
namespace {

using testing::out_dir;
using testing::pages_of;
using testing::run;
using testing::text_of;
using testing::write;

const std::string kScope =
    "日用百货、针纺织品、服装鞋帽、五金交电、家用电器、电子产品、文具用品、体育用品及器材的零售；预包装食品"
    "（不含冷藏冷冻食品）销售；烟草制品零售；餐饮服务（不产生油烟、异味、废气）；家政服务；洗染服务；"
    "日用电器修理；复印、打印、传真服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）";

// The signed certificate as the server would put it in the QR code: UTF-8 JSON of about 1,800
// bytes (the facts, the signature and the key's fingerprint).
std::string payload() {
  std::string sig;  // a DER SM2 signature, base64: ~96 characters
  for (int i = 0; sig.size() < 96; ++i) sig += "MEUCIQDx7" + std::to_string(1000 + i * 37) + "kQv+/";
  std::string p = R"({"v":1,"type":"营业执照（个体工商户）","no":"DZZZ-350102-2026-000418",)"
                  R"("holder":{"name":"张三","id_type":"统一社会信用代码","id":"92350102MA2Y7K3DX0"},)"
                  R"("fields":[["经营者","张三"],["组成形式","个人经营"],["经营场所","福建省福州市鼓楼区五四路158号环球广场1层103室"],)"
                  R"(["经营范围",")" + kScope + R"("]],)"
                  R"("dept":{"name":"福州市鼓楼区市场监督管理局","uscc":"113501000037025851"},)"
                  R"("issued":"2026-11-22","valid_until":"2029-11-21","case":"ZS20261122BA000418",)"
                  R"("alg":"SM2-SM3","kid":"FZGL-SCJG-2026-01","sid":"1234567812345678",)"
                  R"("verify":"https://zhishen.fuzhou.gov.cn/verify/DZZZ-350102-2026-000418",)"
                  R"("sig":")" + sig + R"("})";
  // Padding the way a real file grows: the key's SubjectPublicKeyInfo, base64.
  std::string spki = "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE";
  while (p.size() + spki.size() + 12 < 1800) spki += "Zk9x3Qa+L7wJt2";
  p.insert(p.size() - 1, R"(,"pub":")" + spki + "\"");
  return p;
}

CertificatePrint certificate() {
  CertificatePrint c;
  c.title = "营业执照（个体工商户）";
  c.cert_no = "DZZZ-350102-2026-000418";
  c.holder_name = "张三";
  c.holder_id_label = "统一社会信用代码";
  c.holder_id = "92350102MA2Y7K3DX0";
  c.fields = {{"经营者", "张三"},
              {"组成形式", "个人经营"},
              {"经营场所", "福建省福州市鼓楼区五四路158号环球广场1层103室"},
              {"经营范围", kScope}};
  c.department_name = "福州市鼓楼区市场监督管理局";
  c.department_uscc = "113501000037025851";
  c.issued_on = "2026年11月22日";
  c.valid_until = "2029年11月21日";
  c.case_no = "ZS20261122BA000418";
  c.algorithm = "SM2-SM3";
  c.key_id = "FZGL-SCJG-2026-01";
  c.signature_digest = "3A7F-09C2-E14B-77D0";
  c.qr_payload = payload();
  c.verify_hint = "扫描二维码或访问 https://zhishen.fuzhou.gov.cn/verify 输入证照编号核验";
  c.generated_at = "2026-11-22 09:15";
  return c;
}

std::string without(std::string text, const std::string& what) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what)) text.erase(at, what.size());
  return text;
}

TEST(Certificate, PrintsItsFactsOnOnePage) {
  auto pdf = render_pdf(certificate_document(certificate()));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->pages, 1);
  EXPECT_EQ(pdf->replaced, 0);
  const auto file = write("certificate", *pdf);
  EXPECT_EQ(pages_of(file), 1);
  const std::string text = text_of(file);
  for (const char* expected : {"电子证照", "营业执照（个体工商户）", "DZZZ-350102-2026-000418", "张三", "92350102MA2Y7K3DX0",
                               "福州市鼓楼区市场监督管理局", "113501000037025851", "有效期至", "2029年11月21日",
                               "ZS20261122BA000418", "证照编号：DZZZ-350102-2026-000418", "签名算法SM2-SM3",
                               "密钥FZGL-SCJG-2026-01", "签名摘要3A7F-09C2-E14B-77D0", "第1页/共1页",
                               "https://zhishen.fuzhou.gov.cn/verify"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // The business scope wraps over several lines and loses no character (the label, centred
  // beside them, may fall between two of its lines in pdftotext's reading order).
  EXPECT_NE(without(text, "经营范围").find(without(kScope, "经营范围")), std::string::npos) << text;
  // 40 characters (3 bytes each) are more than a line holds.
  EXPECT_EQ(run("pdftotext '" + file.string() + "' -").find(kScope.substr(0, 120)), std::string::npos)
      << "the scope should wrap";
}

TEST(Certificate, LongTermValidityAndCharactersOutsideGbk) {
  CertificatePrint c = certificate();
  c.valid_until = "长期";
  c.holder_name = "张𠀀";  // U+20000: printed as □
  c.fields[0].second = "张𠀀";
  c.holder_id_label = "公民身份号码";
  c.holder_id = "350102********1234";
  auto pdf = render_pdf(certificate_document(c));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->pages, 1);
  EXPECT_EQ(pdf->replaced, 2);
  const auto file = write("certificate-long-term", *pdf);
  const std::string text = text_of(file);
  EXPECT_NE(text.find("有效期至长期"), std::string::npos) << text;
  EXPECT_NE(text.find("张□"), std::string::npos) << text;
  EXPECT_NE(text.find("公民身份号码350102********1234"), std::string::npos) << text;
}

TEST(Certificate, QrCodeCarriesTheWholePayload) {
  CertificatePrint c = certificate();
  const std::string p = c.qr_payload;
  ASSERT_GE(p.size(), 1750u);
  ASSERT_LE(p.size(), 2000u);
  c.qr_payload.clear();
  auto bare = render_pdf(certificate_document(c));
  c.qr_payload = p;
  auto full = render_pdf(certificate_document(c));
  ASSERT_TRUE(bare.ok() && full.ok());
  // The QR code (about 160 × 160 modules, drawn as filled runs) is the bulk of the page.
  EXPECT_GT(full->pdf.size(), bare->pdf.size() + 4000) << bare->pdf.size() << " → " << full->pdf.size();
  EXPECT_EQ(full->pages, 1);
  // 2,000 bytes, the most a certificate file may be, fits as well.
  c.qr_payload = p + std::string(2000 - p.size(), 'x');
  auto most = render_pdf(certificate_document(c));
  ASSERT_TRUE(most.ok());
  EXPECT_GT(most->pdf.size(), bare->pdf.size() + 4000);
  EXPECT_EQ(most->pages, 1);

  if (run("command -v zbarimg").empty()) GTEST_SKIP() << "zbarimg (zbar-tools) not installed: the QR code is not decoded";
  const auto file = write("certificate-qr", *full);
  const auto png = out_dir() / "certificate-qr-200";
  run("pdftoppm -r 200 -png -singlefile '" + file.string() + "' '" + png.string() + "'");
  std::string decoded = run("zbarimg --raw -q -Sbinary '" + png.string() + ".png' 2>/dev/null");
  while (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
  EXPECT_EQ(decoded, p);
}

TEST(Certificate, PayloadNoQrCodeHoldsPrintsTheHintAlone) {
  CertificatePrint c = certificate();
  c.qr_payload = std::string(4000, 'A') + c.qr_payload;  // beyond 2,953 bytes, QR version 40-L
  auto pdf = render_pdf(certificate_document(c));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->pages, 1);
  const auto file = write("certificate-no-qr", *pdf);
  const std::string text = text_of(file);
  EXPECT_NE(text.find("扫描二维码或访问https://zhishen.fuzhou.gov.cn/verify输入证照编号核验"), std::string::npos) << text;
  EXPECT_NE(text.find("DZZZ-350102-2026-000418"), std::string::npos);
}

}  // namespace
}  // namespace zhishen::reports
