#pragma once
// render_pdf: a Document as PDF bytes — A4 (landscape for wide tables), Simplified Chinese set in
// the Adobe-GB1 fonts every Chinese PDF reader has (SimSun for text, SimHei for titles; not
// embedded, so a receipt is a few KB: docs/reports.md says why), Latin letters and digits in
// Helvetica so that they extract as themselves; the department and document number in each
// page's header, "第 x 页 / 共 y 页" and the generation time in each footer, a QR code on the first
// page (an e-certificate's large at the foot, beside a red round seal); paragraphs wrap between any
// two Chinese characters (and between Latin words), never starting a line with closing
// punctuation; tables break across pages with their header repeated.
//
// Errors: report.render (libharu failed; the message says how). Characters outside GBK are
// printed as "□" and counted in Rendered::replaced.
// Thread-safety: any thread; each call has its own PDF document.

#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/reports/document.hpp"

namespace zhishen::reports {

struct Rendered {
  std::string pdf;    // the bytes
  int pages = 0;
  int replaced = 0;   // characters not in GBK, printed as "□"
};

Result<Rendered> render_pdf(const Document& doc);

}  // namespace zhishen::reports
