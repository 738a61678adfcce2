#pragma once
// Canvas: the thin layer over libharu the layout engine draws with — the fonts (SimSun / SimHei
// over GBK-EUC-H for Chinese, Helvetica for ASCII so that it extracts as itself), measuring,
// wrapping and drawing UTF-8 text in runs of the two, lines, rectangles, QR codes, a red round
// seal. libharu reports
// errors through a callback: the first one is kept and render_pdf turns it into report.render.
// Owns the HPDF_Doc. One thread at a time.

#include <hpdf.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gbk.hpp"

namespace zhishen::reports::detail {

enum class Face { body, bold };  // SimSun + Helvetica, SimHei + Helvetica-Bold

// A text converted once for measuring and drawing: runs of ASCII (Helvetica) and GBK (SimSun).
struct Prepared {
  struct Run {
    bool latin;
    std::string bytes;
  };
  std::vector<Run> runs;
  int missing = 0;  // characters GBK lacks, printed as □
};

// A QR code's modules, row by row from the top, `width` × `width`; true: dark.
struct QrModules {
  int width = 0;
  std::vector<bool> dark;
};

// `payload` (any bytes) in 8-bit mode at error correction M, or L when M cannot hold it (up to
// 2,953 bytes); nothing when even L cannot.
std::optional<QrModules> encode_qr(const std::string& payload);

class Canvas {
 public:
  Canvas();
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  HPDF_Page add_page(bool landscape);
  const std::vector<HPDF_Page>& pages() const { return pages_; }

  Prepared prepare(std::string_view utf8);
  double width(const Prepared& p, double size, Face face) const;
  double width(std::string_view utf8, double size, Face face);
  // Lines of at most `max_width` points: breaks between Chinese characters and between Latin
  // words (a longer word is cut), never before closing punctuation; "\n" breaks too.
  std::vector<std::string> wrap(std::string_view utf8, double size, Face face, double max_width);
  void text(HPDF_Page page, double x, double y, std::string_view utf8, double size, Face face);
  void text(HPDF_Page page, double x, double y, const Prepared& p, double size, Face face);
  void line(HPDF_Page page, double x1, double y1, double x2, double y2, double width);
  void fill_rect(HPDF_Page page, double x, double y, double w, double h, double grey);
  void stroke_rect(HPDF_Page page, double x, double y, double w, double h, double width);
  // A QR code of `payload` with its lower-left corner at (x, y), `size` points wide; false when
  // the payload cannot be encoded.
  bool qr(HPDF_Page page, double x, double y, double size, const std::string& payload);
  void qr(HPDF_Page page, double x, double y, double size, const QrModules& code);
  // A red round seal centred at (cx, cy): a ring, a five-pointed star in the middle and `name`
  // along the upper rim, set in SimHei sized to fit; drawn in multiply blend so that text under it
  // stays legible, as stamped ink does.
  void seal(HPDF_Page page, double cx, double cy, double radius, std::string_view name);

  bool failed() const { return error_ != 0; }
  std::string error_text() const;
  int replaced() const { return replaced_; }
  std::string save();  // the PDF bytes

 private:
  HPDF_Font font(bool latin, Face face) const;
  double run_width(const Prepared::Run& r, double size, Face face) const;
  static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self);

  HPDF_Doc doc_;
  HPDF_ExtGState multiply_ = nullptr;
  HPDF_Font cjk_ = nullptr, cjk_bold_ = nullptr, latin_ = nullptr, latin_bold_ = nullptr;
  std::vector<HPDF_Page> pages_;
  Gbk gbk_;
  unsigned long error_ = 0, detail_ = 0;
  int replaced_ = 0;
};

}  // namespace zhishen::reports::detail
