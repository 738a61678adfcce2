// render_pdf: the layout engine over Canvas — pages with header and footer, the title and QR code
// on the first page, then the blocks top to bottom, breaking pages where they run out, then the
// closing (with the red seal, and the large QR code of a certificate at its left).
#include "zhishen/reports/render.hpp"

#include <algorithm>
#include <numeric>

#include "canvas.hpp"

namespace zhishen::reports {
namespace {

using detail::Canvas;
using detail::Face;

constexpr double kMargin = 56.7;   // 2 cm
constexpr double kHeader = 30.0;   // the header band below the top margin
constexpr double kFooter = 24.0;   // the footer band above the bottom margin
constexpr double kTitleSize = 20.0;
constexpr double kBodySize = 11.5;
constexpr double kTableSize = 9.0;
constexpr double kQrSize = 78.0;
constexpr double kSubtitleSize = 15.0;
constexpr double kSealRadius = 59.5;  // 42 mm across, the size of an official round seal
constexpr double kCaptionSize = 8.5;  // under the foot QR code
constexpr double kFineSize = 7.5;     // the fine print under the closing

class Layout {
 public:
  Layout(Canvas& c, const Document& d) : c_(c), d_(d) {
    page_ = c_.add_page(d.landscape);
    w_ = HPDF_Page_GetWidth(page_);
    h_ = HPDF_Page_GetHeight(page_);
    y_ = top();
  }

  void run() {
    first_page();
    for (const auto& b : d_.blocks) block(b);
    if (d_.qr_at_foot) {
      foot();
    } else {
      seal();
      fine_print();
    }
    footers();
  }

 private:
  double top() const { return h_ - kMargin - kHeader; }
  double bottom() const { return kMargin + kFooter; }
  double left() const { return kMargin; }
  double right() const { return w_ - kMargin; }
  double width() const { return right() - left(); }

  void new_page() {
    page_ = c_.add_page(d_.landscape);
    y_ = top();
  }
  void ensure(double height) {
    if (y_ - height < bottom()) new_page();
  }

  void first_page() {
    const bool corner_qr = !d_.qr_payload.empty() && !d_.qr_at_foot;
    double title_top = y_ - 6;
    if (corner_qr) {
      const double qx = right() - kQrSize, qy = y_ - kQrSize;
      c_.qr(page_, qx, qy, kQrSize, d_.qr_payload);
      if (!d_.qr_caption.empty()) {
        const double cw = c_.width(d_.qr_caption, 7, Face::body);
        c_.text(page_, right() - std::max(cw, kQrSize) + (std::max(cw, kQrSize) - cw) / 2, qy - 8, d_.qr_caption, 7,
                Face::body);
      }
      title_top = y_ - 22;
    }
    const double max_title = width() - (corner_qr ? 2 * (kQrSize + 8) : 0);
    double y = title_top;
    for (const auto& line : c_.wrap(d_.title, kTitleSize, Face::bold, max_title)) {
      y -= kTitleSize * 1.3;
      c_.text(page_, left() + (width() - c_.width(line, kTitleSize, Face::bold)) / 2, y, line, kTitleSize, Face::bold);
    }
    if (!d_.subtitle.empty()) y -= 4;
    for (const auto& line : c_.wrap(d_.subtitle, kSubtitleSize, Face::bold, max_title)) {
      if (line.empty()) continue;
      y -= kSubtitleSize * 1.5;
      c_.text(page_, left() + (width() - c_.width(line, kSubtitleSize, Face::bold)) / 2, y, line, kSubtitleSize,
              Face::bold);
    }
    y_ = std::min(y - (d_.subtitle.empty() ? 18 : 14), corner_qr ? y_ - kQrSize - 20 : y - 18);
  }

  void lines_at(double x, const std::vector<std::string>& lines, double size, Face face, double leading) {
    for (const auto& l : lines) {
      ensure(leading);
      y_ -= leading;
      c_.text(page_, x, y_ + (leading - size) / 2, l, size, face);
    }
  }

  void block(const Block& b) {
    switch (b.kind) {
      case Block::Kind::heading: {
        ensure(kBodySize * 3.2);  // a heading never ends a page alone
        y_ -= 6;
        lines_at(left(), c_.wrap(b.text, 13, Face::bold, width()), 13, Face::bold, 13 * 1.6);
        break;
      }
      case Block::Kind::paragraph:
      case Block::Kind::line: {
        // First-line indent of two characters, as Chinese official documents are set.
        const double indent = b.kind == Block::Kind::paragraph ? 2 * kBodySize : 0.0;
        auto lines = c_.wrap(b.text, kBodySize, Face::body, width() - indent);
        if (lines.size() > 1) {  // the rest may use the full width
          std::string rest;
          for (std::size_t i = 1; i < lines.size(); ++i) rest += lines[i];
          auto more = c_.wrap(rest, kBodySize, Face::body, width());
          lines.resize(1);
          lines.insert(lines.end(), more.begin(), more.end());
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
          ensure(kBodySize * 1.7);
          y_ -= kBodySize * 1.7;
          c_.text(page_, left() + (i == 0 ? indent : 0), y_ + 4, lines[i], kBodySize, Face::body);
        }
        y_ -= 4;
        break;
      }
      case Block::Kind::fields: {
        double label_w = 0;
        for (const auto& f : b.fields) label_w = std::max(label_w, c_.width(f.label + "：", kBodySize, Face::bold));
        label_w = std::min(label_w + 6, width() * 0.35);
        for (const auto& f : b.fields) {
          auto values = c_.wrap(f.value.empty() ? "—" : f.value, kBodySize, Face::body, width() - label_w);
          const double leading = kBodySize * 1.7;
          ensure(leading);
          y_ -= leading;
          c_.text(page_, left(), y_ + 4, f.label + "：", kBodySize, Face::bold);
          c_.text(page_, left() + label_w, y_ + 4, values[0], kBodySize, Face::body);
          for (std::size_t i = 1; i < values.size(); ++i) {
            ensure(leading);
            y_ -= leading;
            c_.text(page_, left() + label_w, y_ + 4, values[i], kBodySize, Face::body);
          }
        }
        y_ -= 6;
        break;
      }
      case Block::Kind::list: {
        const double leading = kBodySize * 1.7;
        int n = 0;
        for (const auto& item : b.items) {
          const std::string mark = std::to_string(++n) + ". ";
          const double mark_w = c_.width("00. ", kBodySize, Face::body);
          auto lines = c_.wrap(item, kBodySize, Face::body, width() - mark_w - 2 * kBodySize);
          for (std::size_t i = 0; i < lines.size(); ++i) {
            ensure(leading);
            y_ -= leading;
            if (i == 0) c_.text(page_, left() + 2 * kBodySize, y_ + 4, mark, kBodySize, Face::body);
            c_.text(page_, left() + 2 * kBodySize + mark_w, y_ + 4, lines[i], kBodySize, Face::body);
          }
        }
        y_ -= 6;
        break;
      }
      case Block::Kind::table:
        table(b.table);
        break;
      case Block::Kind::box:
        box(b.fields);
        break;
    }
  }

  // Fields in a ruled box: the label centred in a shaded cell at the left, the value wrapping in
  // the cell beside it; a row never splits across pages, the box closes and reopens around a break.
  void box(const std::vector<Field>& fs) {
    if (fs.empty()) return;
    constexpr double size = kBodySize, pad = 3.5, leading = kBodySize * 1.45;
    double label_w = 0;
    for (const auto& f : fs) label_w = std::max(label_w, c_.width(f.label, size, Face::bold));
    label_w = std::min(label_w + 2 * pad + size, width() * 0.35);  // and one character of air
    const double value_w = width() - label_w - 2 * pad;
    auto baseline = [&](double line_top) { return line_top - leading / 2 - 0.36 * size; };  // CJK set centred
    y_ -= 4;
    ensure(leading + 2 * pad);
    double box_top = y_;  // the box's top on this page
    auto close = [&]() { c_.stroke_rect(page_, left(), y_, width(), box_top - y_, 0.9); };
    for (const auto& f : fs) {
      const auto labels = c_.wrap(f.label, size, Face::bold, label_w - 2 * pad);
      const auto values = c_.wrap(f.value.empty() ? "—" : f.value, size, Face::body, value_w);
      const std::size_t lines = std::max(labels.size(), values.size());
      const double h = static_cast<double>(lines) * leading + 2 * pad;
      if (y_ - h < bottom() && y_ < box_top) {
        close();
        new_page();
        box_top = y_;
      }
      c_.fill_rect(page_, left(), y_ - h, label_w, h, 0.94);
      c_.line(page_, left(), y_, left() + label_w, y_, 0.4);  // the rule above, which the shading covered
      double ly = y_ - (h - static_cast<double>(labels.size()) * leading) / 2;
      for (const auto& l : labels) {
        c_.text(page_, left() + (label_w - c_.width(l, size, Face::bold)) / 2, baseline(ly), l, size, Face::bold);
        ly -= leading;
      }
      double vy = y_ - (h - static_cast<double>(values.size()) * leading) / 2;
      for (const auto& v : values) {
        c_.text(page_, left() + label_w + pad, baseline(vy), v, size, Face::body);
        vy -= leading;
      }
      c_.line(page_, left() + label_w, y_, left() + label_w, y_ - h, 0.4);
      y_ -= h;
      c_.line(page_, left(), y_, right(), y_, 0.4);
    }
    close();
    y_ -= 10;
  }

  void table(const Table& t) {
    if (t.columns.empty()) return;
    const double total = std::accumulate(t.columns.begin(), t.columns.end(), 0.0,
                                         [](double s, const Column& c) { return s + std::max(c.weight, 0.01); });
    std::vector<double> widths;
    for (const auto& c : t.columns) widths.push_back(width() * std::max(c.weight, 0.01) / total);
    constexpr double pad = 3.0;
    const double leading = kTableSize * 1.35;
    // A row's cells converted once: measured, wrapped only when too wide, then drawn.
    using Lines = std::vector<detail::Prepared>;
    auto cell_lines = [&](const std::string& text, std::size_t col, Face face) {
      Lines out;
      detail::Prepared whole = c_.prepare(text);
      if (c_.width(whole, kTableSize, face) <= widths[col] - 2 * pad) {
        out.push_back(std::move(whole));
      } else {
        for (const auto& l : c_.wrap(text, kTableSize, face, widths[col] - 2 * pad)) out.push_back(c_.prepare(l));
      }
      return out;
    };
    auto layout_row = [&](const std::vector<std::string>& cells, Face face, std::vector<Lines>& lines) {
      lines.assign(t.columns.size(), Lines{});
      std::size_t most = 1;
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        lines[i] = cell_lines(i < cells.size() ? cells[i] : std::string(), i, face);
        most = std::max(most, lines[i].size());
      }
      return static_cast<double>(most) * leading + 2 * pad;
    };
    auto draw_row = [&](const std::vector<Lines>& lines, double h, Face face, double shade) {
      if (shade < 1.0) c_.fill_rect(page_, left(), y_ - h, width(), h, shade);
      double x = left();
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        double y = y_ - pad;
        for (const auto& l : lines[i]) {
          y -= leading;
          const double tx = t.columns[i].align_right ? x + widths[i] - pad - c_.width(l, kTableSize, face) : x + pad;
          c_.text(page_, tx, y + (leading - kTableSize) / 2 + 1, l, kTableSize, face);
        }
        x += widths[i];
      }
      y_ -= h;
      c_.line(page_, left(), y_, right(), y_, 0.3);
    };
    std::vector<std::string> titles;
    for (const auto& c : t.columns) titles.push_back(c.title);
    std::vector<Lines> header_lines, lines;
    const double header_h = layout_row(titles, Face::bold, header_lines);
    auto header = [&]() {
      c_.line(page_, left(), y_, right(), y_, 0.6);
      draw_row(header_lines, header_h, Face::bold, 0.9);
    };
    ensure(header_h + leading + 2 * pad);
    header();
    auto row = [&](const std::vector<std::string>& cells, Face face, double shade) {
      const double h = layout_row(cells, face, lines);
      if (y_ - h < bottom()) {
        new_page();
        header();  // the header again on every page the table continues on
      }
      draw_row(lines, h, face, shade);
    };
    for (const auto& r : t.rows) row(r, Face::body, 1.0);
    if (!t.totals.empty()) row(t.totals, Face::bold, 0.95);
    y_ -= 8;
  }

  void seal() {
    if (d_.seal_text.empty() && d_.seal_date.empty() && d_.seal_name.empty()) return;
    if (d_.seal_name.empty()) {
      ensure(kBodySize * 6);
      closing_lines(y_ - kBodySize * 4.3);
      y_ -= kBodySize * 6.1;
      return;
    }
    ensure(2 * kSealRadius + kBodySize * 2);
    const double cy = y_ - kBodySize - kSealRadius;
    seal_over(closing_lines(first_baseline(cy)), cy);
    y_ = cy - kSealRadius - kBodySize;
  }

  int closing_count() const { return (d_.seal_text.empty() ? 0 : 1) + (d_.seal_date.empty() ? 0 : 1); }

  // Where the closing's first baseline goes for a seal centred at height `cy`: the lines centred
  // in the lower half, under the star, as a stamp sits on the date (without a seal: centred on cy).
  double first_baseline(double cy) const {
    const double middle = d_.seal_name.empty() ? cy : cy - kSealRadius * 0.45;
    return middle + (closing_count() - 1) * kBodySize * 0.9 - kBodySize * 0.38;
  }

  // The closing lines, the first baseline at `y`: right-aligned a character in from the right
  // margin, or with a seal each centred under it (its centre as far right as the margin allows).
  // Answers the seal's centre.
  double closing_lines(double y) {
    double widest = 0;
    for (const auto* s : {&d_.seal_text, &d_.seal_date}) widest = std::max(widest, c_.width(*s, kBodySize, Face::body));
    const double cx = std::min(right() - kBodySize - widest / 2, right() - kSealRadius);
    for (const auto* s : {&d_.seal_text, &d_.seal_date}) {
      if (s->empty()) continue;
      const double w = c_.width(*s, kBodySize, Face::body);
      c_.text(page_, d_.seal_name.empty() ? right() - kBodySize - w : cx - w / 2, y, *s, kBodySize, Face::body);
      y -= kBodySize * 1.8;
    }
    return cx;
  }

  // The red seal centred at (cx, cy), drawn last so that it lies on the lines as ink does.
  void seal_over(double cx, double cy) {
    if (!d_.seal_name.empty()) c_.seal(page_, cx, cy, kSealRadius, d_.seal_name);
  }

  // Small centred lines under the closing.
  void fine_print() {
    if (d_.fine_print.empty()) return;
    const auto lines = c_.wrap(d_.fine_print, kFineSize, Face::body, width());
    ensure(static_cast<double>(lines.size()) * kFineSize * 1.5 + 6);
    y_ -= 6;
    for (const auto& l : lines) {
      y_ -= kFineSize * 1.5;
      c_.text(page_, left() + (width() - c_.width(l, kFineSize, Face::body)) / 2, y_, l, kFineSize, Face::body);
    }
  }

  // A certificate's foot, set at the bottom of the page: at the left the QR code, its modules about
  // 1.1 pt (0.39 mm) so that a phone reads 2,000 bytes from paper — down to 0.85 pt when the page
  // is short of room — with its caption under it; at the right the closing under the red seal;
  // the fine print below both. A payload no QR code holds leaves the caption alone.
  void foot() {
    const auto code = detail::encode_qr(d_.qr_payload);
    const double modules = code ? code->width + 8 : 0;  // with the quiet zone
    const double q_best = std::clamp(modules * 1.1, 110.0, 200.0);
    const double q_least = std::min(q_best, std::max(modules * 0.85, 90.0));
    const bool has_closing = closing_count() > 0 || !d_.seal_name.empty();
    const double right_w = !has_closing ? 0.0 : d_.seal_name.empty() ? width() * 0.4 : 2 * kSealRadius + 24;
    const double col = width() - right_w;  // the caption's column
    const auto caption = c_.wrap(d_.qr_caption, kCaptionSize, Face::body, col);
    const double caption_h = d_.qr_caption.empty() ? 0.0 : static_cast<double>(caption.size()) * kCaptionSize * 1.5 + 4;
    const double right_h = !has_closing ? 0.0 : d_.seal_name.empty() ? kBodySize * 4 : 2 * kSealRadius;
    const auto fine = c_.wrap(d_.fine_print, kFineSize, Face::body, width());
    const double fine_h = d_.fine_print.empty() ? 0.0 : static_cast<double>(fine.size()) * kFineSize * 1.5 + 10;
    const double room = y_ - bottom() - 16;  // below the blocks on this page
    const double q = !code ? 0.0 : std::clamp(room - caption_h - fine_h, q_least, q_best);
    const double upper = std::max(q + caption_h, right_h);
    const double h = upper + fine_h;
    ensure(h + 12);
    const double foot_top = bottom() + h + 4;  // the foot sits at the bottom of the page
    const double quiet = code ? 4 * q / modules : 0.0;  // the caption lines up with the code, not its margin
    if (code) c_.qr(page_, left(), foot_top - q, q, *code);
    double cy = code ? foot_top - q : foot_top - (upper - caption_h) / 2;  // alone: level with the seal
    for (const auto& l : caption) {
      cy -= kCaptionSize * 1.5;
      c_.text(page_, left() + quiet, cy, l, kCaptionSize, Face::body);
    }
    if (has_closing) {
      const double seal_cy = foot_top - std::max(q, right_h) / 2;
      seal_over(closing_lines(first_baseline(seal_cy)), seal_cy);
    }
    double fy = foot_top - upper - 10;
    for (const auto& l : fine) {
      fy -= kFineSize * 1.5;
      c_.text(page_, left() + (width() - c_.width(l, kFineSize, Face::body)) / 2, fy, l, kFineSize, Face::body);
    }
    y_ = foot_top - h;
  }

  void footers() {
    const auto& pages = c_.pages();
    const int n = static_cast<int>(pages.size());
    for (int i = 0; i < n; ++i) {
      HPDF_Page p = pages[static_cast<std::size_t>(i)];
      // Header: the department at the left, the document number at the right, a rule below.
      const double hy = h_ - kMargin - 12;
      c_.text(p, left(), hy, d_.department, 9, Face::body);
      if (!d_.doc_no.empty()) {
        const std::string no = d_.doc_no_label + "：" + d_.doc_no;
        c_.text(p, right() - c_.width(no, 9, Face::body), hy, no, 9, Face::body);
      }
      c_.line(p, left(), hy - 6, right(), hy - 6, 0.5);
      // Footer: page x of y in the middle, the generation time at the right.
      const double fy = kMargin;
      const std::string page_no = "第 " + std::to_string(i + 1) + " 页 / 共 " + std::to_string(n) + " 页";
      c_.line(p, left(), fy + 14, right(), fy + 14, 0.3);
      c_.text(p, left() + (width() - c_.width(page_no, 9, Face::body)) / 2, fy, page_no, 9, Face::body);
      if (!d_.generated_at.empty()) {
        const std::string at = "生成时间：" + d_.generated_at;
        c_.text(p, right() - c_.width(at, 8, Face::body), fy, at, 8, Face::body);
      }
      c_.text(p, left(), fy, d_.title, 8, Face::body);
    }
  }

  Canvas& c_;
  const Document& d_;
  HPDF_Page page_;
  double w_ = 0, h_ = 0, y_ = 0;
};

}  // namespace

Result<Rendered> render_pdf(const Document& doc) {
  Canvas canvas;
  Layout layout(canvas, doc);
  layout.run();
  if (canvas.failed()) return make_error("report.render", "the PDF could not be laid out: " + canvas.error_text());
  Rendered out;
  out.pdf = canvas.save();
  if (canvas.failed() || out.pdf.empty()) return make_error("report.render", "the PDF could not be written: " + canvas.error_text());
  out.pages = static_cast<int>(canvas.pages().size());
  out.replaced = canvas.replaced();
  return out;
}

}  // namespace zhishen::reports
