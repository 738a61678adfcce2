#include "canvas.hpp"

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <numbers>
#include <stdexcept>

namespace zhishen::reports::detail {
namespace {

// UTF-8 closing punctuation that must not start a line (it hangs at the end of the previous one).
bool closing(std::string_view u) {
  static constexpr std::string_view kClosing[] = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」",
                                                  "』", "】", "”", "’", "…", "％"};
  for (auto c : kClosing) {
    if (u == c) return true;
  }
  return u.size() == 1 && (u == "," || u == "." || u == ";" || u == ":" || u == ")" || u == "!" || u == "?");
}

bool ascii_printable(unsigned char c) { return c >= 0x20 && c < 0x7F; }

}  // namespace

std::optional<QrModules> encode_qr(const std::string& payload) {
  if (payload.empty() || payload.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return std::nullopt;
  for (const QRecLevel level : {QR_ECLEVEL_M, QR_ECLEVEL_L}) {
    // 8-bit mode over the bytes as they are (QRcode_encodeData: NUL bytes too), the smallest version that holds them.
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeData(static_cast<int>(payload.size()), reinterpret_cast<const unsigned char*>(payload.data()), 0,
                          level),
        &QRcode_free);
    if (!code || code->width <= 0) continue;
    QrModules out;
    out.width = code->width;
    const auto n = static_cast<std::size_t>(code->width);
    out.dark.resize(n * n);
    for (std::size_t i = 0; i < n * n; ++i) out.dark[i] = (code->data[i] & 1) != 0;
    return out;
  }
  return std::nullopt;
}

void Canvas::on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self) {
  auto* c = static_cast<Canvas*>(self);
  if (c->error_ == 0) {
    c->error_ = error;
    c->detail_ = detail;
  }
}

Canvas::Canvas() : doc_(HPDF_New(&Canvas::on_error, this)) {
  if (doc_ == nullptr) throw std::runtime_error("libharu could not create a document");
  HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
  HPDF_SetPagesConfiguration(doc_, 64);  // a pages tree, not one flat list of hundreds of pages
  HPDF_UseCNSFonts(doc_);
  HPDF_UseCNSEncodings(doc_);
  cjk_ = HPDF_GetFont(doc_, "SimSun", "GBK-EUC-H");
  cjk_bold_ = HPDF_GetFont(doc_, "SimHei", "GBK-EUC-H");
  latin_ = HPDF_GetFont(doc_, "Helvetica", nullptr);
  latin_bold_ = HPDF_GetFont(doc_, "Helvetica-Bold", nullptr);
}

Canvas::~Canvas() { HPDF_Free(doc_); }

std::string Canvas::error_text() const {
  char buf[96];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04lX (detail %lu)", error_, detail_);
  return buf;
}

HPDF_Page Canvas::add_page(bool landscape) {
  HPDF_Page p = HPDF_AddPage(doc_);
  HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
  pages_.push_back(p);
  return p;
}

HPDF_Font Canvas::font(bool latin, Face face) const {
  if (latin) return face == Face::bold ? latin_bold_ : latin_;
  return face == Face::bold ? cjk_bold_ : cjk_;
}

Prepared Canvas::prepare(std::string_view utf8) {
  Prepared out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const bool latin = ascii_printable(static_cast<unsigned char>(utf8[i]));
    std::size_t j = i;
    while (j < utf8.size() && ascii_printable(static_cast<unsigned char>(utf8[j])) == latin) {
      j += latin ? 1 : utf8_length(static_cast<unsigned char>(utf8[j]));
    }
    j = std::min(j, utf8.size());
    const std::string_view part = utf8.substr(i, j - i);
    std::string bytes;
    if (latin) {
      bytes.assign(part);
    } else {
      for (char c : part) {  // control characters (tabs, stray newlines) print as spaces
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
        bytes += c;
      }
      bytes = gbk_.convert(bytes, &out.missing);
    }
    out.runs.push_back(Prepared::Run{latin, std::move(bytes)});
    i = j;
  }
  return out;
}

double Canvas::run_width(const Prepared::Run& r, double size, Face face) const {
  if (!r.latin) {
    // Adobe-GB1 in GBK-EUC-H: every double-byte character is 1000 units wide, a single byte (the
    // space that stands for a control character) 500 — the same as libharu's width table, without
    // its linear search per character.
    std::size_t units = 0;
    for (std::size_t i = 0; i < r.bytes.size(); ++i) {
      if (static_cast<unsigned char>(r.bytes[i]) >= 0x81 && i + 1 < r.bytes.size()) {
        units += 1000;
        ++i;
      } else {
        units += 500;
      }
    }
    return static_cast<double>(units) * size / 1000.0;
  }
  const HPDF_TextWidth w = HPDF_Font_TextWidth(font(r.latin, face), reinterpret_cast<const HPDF_BYTE*>(r.bytes.data()),
                                               static_cast<HPDF_UINT>(r.bytes.size()));
  return static_cast<double>(w.width) * size / 1000.0;
}

double Canvas::width(const Prepared& p, double size, Face face) const {
  double w = 0;
  for (const auto& r : p.runs) w += run_width(r, size, face);
  return w;
}

double Canvas::width(std::string_view utf8, double size, Face face) { return width(prepare(utf8), size, face); }

std::vector<std::string> Canvas::wrap(std::string_view utf8, double size, Face face, double max_width) {
  std::vector<std::string> lines;
  // Hard breaks first.
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = utf8.find('\n', start);
    const std::string_view para = utf8.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (width(para, size, face) <= max_width) {
      lines.emplace_back(para);
    } else {
      // Units: a Latin word, a space, or one other character.
      std::string current;
      double current_w = 0;
      std::size_t i = 0;
      while (i < para.size()) {
        std::size_t n;
        const auto c = static_cast<unsigned char>(para[i]);
        if (c == ' ') {
          n = 1;
        } else if (ascii_printable(c)) {
          n = 1;
          while (i + n < para.size() && ascii_printable(static_cast<unsigned char>(para[i + n])) && para[i + n] != ' ') ++n;
        } else {
          n = std::min(utf8_length(c), para.size() - i);
        }
        std::string_view unit = para.substr(i, n);
        double w = width(unit, size, face);
        if (current_w + w > max_width && !current.empty() && !closing(unit)) {
          lines.push_back(current);
          current.clear();
          current_w = 0;
          if (unit == " ") {  // no line starts with a space
            i += n;
            continue;
          }
        }
        if (w > max_width && n > 1 && ascii_printable(c)) {  // a word longer than the line: cut it
          std::size_t fit = 1;
          while (fit < n && width(unit.substr(0, fit + 1), size, face) <= max_width - current_w) ++fit;
          unit = unit.substr(0, fit);
          n = fit;
          w = width(unit, size, face);
        }
        current += unit;
        current_w += w;
        i += n;
      }
      if (!current.empty() || lines.empty()) lines.push_back(current);
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

void Canvas::text(HPDF_Page page, double x, double y, std::string_view utf8, double size, Face face) {
  if (!utf8.empty()) text(page, x, y, prepare(utf8), size, face);
}

void Canvas::text(HPDF_Page page, double x, double y, const Prepared& p, double size, Face face) {
  if (p.runs.empty()) return;
  replaced_ += p.missing;  // counted when drawn, however often measured
  HPDF_Page_BeginText(page);
  HPDF_Page_MoveTextPos(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y));
  for (const auto& r : p.runs) {
    HPDF_Page_SetFontAndSize(page, font(r.latin, face), static_cast<HPDF_REAL>(size));
    HPDF_Page_ShowText(page, r.bytes.c_str());
  }
  HPDF_Page_EndText(page);
}

void Canvas::line(HPDF_Page page, double x1, double y1, double x2, double y2, double width) {
  HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(width));
  HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(x1), static_cast<HPDF_REAL>(y1));
  HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(x2), static_cast<HPDF_REAL>(y2));
  HPDF_Page_Stroke(page);
}

void Canvas::fill_rect(HPDF_Page page, double x, double y, double w, double h, double grey) {
  HPDF_Page_SetGrayFill(page, static_cast<HPDF_REAL>(grey));
  HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), static_cast<HPDF_REAL>(w),
                      static_cast<HPDF_REAL>(h));
  HPDF_Page_Fill(page);
  HPDF_Page_SetGrayFill(page, 0);
}

void Canvas::stroke_rect(HPDF_Page page, double x, double y, double w, double h, double width) {
  HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(width));
  HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), static_cast<HPDF_REAL>(w),
                      static_cast<HPDF_REAL>(h));
  HPDF_Page_Stroke(page);
}

bool Canvas::qr(HPDF_Page page, double x, double y, double size, const std::string& payload) {
  const auto code = encode_qr(payload);
  if (!code) return false;
  qr(page, x, y, size, *code);
  return true;
}

void Canvas::qr(HPDF_Page page, double x, double y, double size, const QrModules& code) {
  const int n = code.width;
  const double m = size / (n + 8);  // a quiet zone of 4 modules on each side
  HPDF_Page_SetGrayFill(page, 0);
  for (int row = 0; row < n; ++row) {
    // One rectangle per run of dark modules in a row: no hairline seams between neighbours when
    // rasterised, and a smaller page.
    for (int col = 0; col < n;) {
      if (!code.dark[static_cast<std::size_t>(row * n + col)]) {
        ++col;
        continue;
      }
      int end = col + 1;
      while (end < n && code.dark[static_cast<std::size_t>(row * n + end)]) ++end;
      HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x + (col + 4) * m), static_cast<HPDF_REAL>(y + size - (row + 5) * m),
                          static_cast<HPDF_REAL>((end - col) * m), static_cast<HPDF_REAL>(m));
      col = end;
    }
  }
  HPDF_Page_Fill(page);
}

void Canvas::seal(HPDF_Page page, double cx, double cy, double radius, std::string_view name) {
  constexpr double pi = std::numbers::pi;
  if (multiply_ == nullptr) {
    multiply_ = HPDF_CreateExtGState(doc_);
    HPDF_ExtGState_SetBlendMode(multiply_, HPDF_BM_MULTIPLY);
  }
  auto real = [](double v) { return static_cast<HPDF_REAL>(v); };
  HPDF_Page_GSave(page);
  HPDF_Page_SetExtGState(page, multiply_);
  HPDF_Page_SetRGBStroke(page, 0.85f, 0.07f, 0.10f);
  HPDF_Page_SetRGBFill(page, 0.85f, 0.07f, 0.10f);
  // The ring.
  const double ring = radius * 0.045;
  HPDF_Page_SetLineWidth(page, real(ring));
  HPDF_Page_Circle(page, real(cx), real(cy), real(radius - ring / 2));
  HPDF_Page_Stroke(page);
  // The star: ten corners, alternately on the outer and the inner circle, the first one up.
  const double outer = radius * 0.3, inner = outer * 0.382;
  for (int i = 0; i < 10; ++i) {
    const double a = pi / 2 + i * pi / 5, rr = i % 2 == 0 ? outer : inner;
    const double px = cx + rr * std::cos(a), py = cy + rr * std::sin(a);
    if (i == 0) {
      HPDF_Page_MoveTo(page, real(px), real(py));
    } else {
      HPDF_Page_LineTo(page, real(px), real(py));
    }
  }
  HPDF_Page_ClosePath(page);
  HPDF_Page_Fill(page);
  // The name along the upper rim, each character upright towards the rim, left to right clockwise.
  std::vector<std::string_view> chars;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(name[i])), name.size() - i);
    chars.push_back(name.substr(i, n));
    i += n;
  }
  if (!chars.empty()) {
    // Over at most 200 degrees, which leaves the lower part free for the date; a long name is set
    // in narrowed characters, as seal engravers do, and only then smaller.
    const double count = static_cast<double>(chars.size());
    const double max_span = 200.0 * pi / 180.0, gap = radius * 0.05;
    auto baseline = [&](double s) { return radius - ring - gap - 0.88 * s; };
    double size = radius * 0.22;
    auto squeeze_for = [&](double s) { return max_span * baseline(s) / (count * s * 1.1); };
    double squeeze = std::min(1.0, squeeze_for(size));
    while (squeeze < 0.6 && size > radius * 0.1) {
      size *= 0.95;
      squeeze = std::min(1.0, squeeze_for(size));
    }
    squeeze = std::max(squeeze, 0.6);
    const double rb = baseline(size), natural = size * squeeze * 1.1 / rb;
    const double step = std::min({std::max(natural, pi / count), natural * 1.7, max_span / count});
    const double span = step * count;
    for (std::size_t i = 0; i < chars.size(); ++i) {
      const double theta = pi / 2 + span / 2 - (static_cast<double>(i) + 0.5) * step, phi = theta - pi / 2;
      const Prepared p = prepare(chars[i]);
      if (p.runs.empty()) continue;
      replaced_ += p.missing;
      const double w = width(p, size, Face::bold) * squeeze;
      const double ox = cx + rb * std::cos(theta) - w / 2 * std::cos(phi);
      const double oy = cy + rb * std::sin(theta) - w / 2 * std::sin(phi);
      HPDF_Page_BeginText(page);
      HPDF_Page_SetTextMatrix(page, real(squeeze * std::cos(phi)), real(squeeze * std::sin(phi)), real(-std::sin(phi)),
                              real(std::cos(phi)), real(ox), real(oy));
      for (const auto& r : p.runs) {
        HPDF_Page_SetFontAndSize(page, font(r.latin, Face::bold), real(size));
        HPDF_Page_ShowText(page, r.bytes.c_str());
      }
      HPDF_Page_EndText(page);
    }
  }
  HPDF_Page_GRestore(page);
}

std::string Canvas::save() {
  if (HPDF_SaveToStream(doc_) != HPDF_OK) return {};
  std::string out(HPDF_GetStreamSize(doc_), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  out.resize(size);
  return out;
}

}  // namespace zhishen::reports::detail
