"""The same ledger table drawn with ReportLab (Debian's python3-reportlab), for comparison:
A4 landscape, the built-in non-embedded CJK font STSong-Light, a repeated header row, the same
nine columns and rows as zhishen_reports_bench. Prints one line per size.
    python3 reportlab_ledger.py DIR ROWS..."""
import sys, time
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")

def rows(n):
    out = []
    for i in range(n):
        out.append([str(i + 1), "ZS2026%d" % (100000000 + i), "福州市台江区林记食杂店" if i % 7 == 0 else "周明辉",
                    "个体工商户设立登记" if i % 2 else "仅销售预包装食品备案", "准予许可" if i % 5 else "不予许可",
                    "2026-11-0%d 09:00" % (1 + i % 9), "2026-11-1%d 10:00" % (i % 9), "" if i % 3 else "ZZ-%d" % i,
                    "" if i % 4 else "2026-11-20"])
    return out

def build(path, n):
    head = ["序号", "申请编号", "申请人", "事项", "审批结果", "决定时间", "复核时间", "证照编号", "公示时间"]
    data = [[Paragraph(c, style) for c in head]] + [[Paragraph(c, style) for c in r] for r in rows(n)]
    weights = [0.45, 1.45, 1.5, 1.7, 0.9, 1.1, 1.1, 1.1, 1.1]
    width = landscape(A4)[0] - 2 * 56.7
    table = Table(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(path, pagesize=landscape(A4), leftMargin=56.7, rightMargin=56.7, topMargin=86,
                            bottomMargin=80, title="行政审批办件台账")
    doc.build([table])

if __name__ == "__main__":
    out = sys.argv[1]
    for n in [int(a) for a in sys.argv[2:]]:
        path = "%s/reportlab-ledger-%d.pdf" % (out, n)
        t0 = time.perf_counter()
        build(path, n)
        t = (time.perf_counter() - t0) * 1000
        import os
        print("reportlab ledger %6d rows: %8.1f ms, %7.1f KB" % (n, t, os.path.getsize(path) / 1024))
