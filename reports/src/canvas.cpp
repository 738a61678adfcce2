#include "canvas.hpp"

#include <qrencode.h>

#include <cstdio>
#include <memory>
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

bool Canvas::qr(HPDF_Page page, double x, double y, double size, const std::string& payload) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M),
                                                  &QRcode_free);
  if (!code) return false;
  const int n = code->width;
  const double m = size / (n + 8);  // a quiet zone of 4 modules on each side
  HPDF_Page_SetGrayFill(page, 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      if ((code->data[row * n + col] & 1) == 0) continue;
      HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x + (col + 4) * m), static_cast<HPDF_REAL>(y + size - (row + 5) * m),
                          static_cast<HPDF_REAL>(m), static_cast<HPDF_REAL>(m));
    }
  }
  HPDF_Page_Fill(page);
  return true;
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
