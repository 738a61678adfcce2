// render_pdf: the layout engine over Canvas — pages with header and footer, the title and QR code
// on the first page, then the blocks top to bottom, breaking pages where they run out.
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
    seal();
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
    double title_top = y_ - 6;
    if (!d_.qr_payload.empty()) {
      const double qx = right() - kQrSize, qy = y_ - kQrSize;
      c_.qr(page_, qx, qy, kQrSize, d_.qr_payload);
      if (!d_.qr_caption.empty()) {
        const double cw = c_.width(d_.qr_caption, 7, Face::body);
        c_.text(page_, right() - std::max(cw, kQrSize) + (std::max(cw, kQrSize) - cw) / 2, qy - 8, d_.qr_caption, 7,
                Face::body);
      }
      title_top = y_ - 22;
    }
    const double max_title = width() - (d_.qr_payload.empty() ? 0 : 2 * (kQrSize + 8));
    double y = title_top;
    for (const auto& line : c_.wrap(d_.title, kTitleSize, Face::bold, max_title)) {
      y -= kTitleSize * 1.3;
      c_.text(page_, left() + (width() - c_.width(line, kTitleSize, Face::bold)) / 2, y, line, kTitleSize, Face::bold);
    }
    y_ = std::min(y - 18, d_.qr_payload.empty() ? y - 18 : y_ - kQrSize - 20);
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
    }
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
    if (d_.seal_text.empty() && d_.seal_date.empty()) return;
    ensure(kBodySize * 6);
    y_ -= kBodySize * 2.5;
    for (const auto* s : {&d_.seal_text, &d_.seal_date}) {
      if (s->empty()) continue;
      y_ -= kBodySize * 1.8;
      c_.text(page_, right() - c_.width(*s, kBodySize, Face::body) - kBodySize, y_, *s, kBodySize, Face::body);
    }
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
        const std::string no = "文书编号：" + d_.doc_no;
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
