"""Decoys: papers a crawl brings in named like a disclosure (某某局2026年部门预算.pdf) that are not one.

Made at test time, as the real ones come: PDFs with a Chinese text layer (a 巡察通告,
a policy 通知, a 政府信息公开申请表 drawn as a ruled form, a 政府网站工作年度报表, a
绩效自评表 standing alone), a scanned letter (an image-only PDF) and an HTML page saved
with a .pdf name. The Chinese text is set in Adobe's standard CJK font STSong-Light
(UniGB-UCS2-H, not embedded): every PDF reader maps it to Unicode without font files.
The scanned letter is drawn with PIL in the Chinese fonts embedded in the seed PDFs
(the machine may have no Chinese font of its own).
"""
from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.conftest import RAW

PAGE_W, PAGE_H = 595, 842
MARGIN = 72


@dataclass
class Decoy:
    """A decoy file: its name, its bytes, and the words its refusal should say it looks like."""

    name: str
    content: bytes
    looks_like: str


# --- PDF with a Chinese text layer ------------------------------------------------------

def _hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().encode() + b">"


def text_at(x: float, y: float, text: str, size: float = 12) -> bytes:
    """Content-stream operators that print `text` with its baseline at (x, y), y from the top."""
    return b"BT /F1 %.1f Tf %.1f %.1f Td " % (size, x, PAGE_H - y) + _hex(text) + b" Tj ET"


def rule(x0: float, y0: float, x1: float, y1: float) -> bytes:
    """A ruling line from (x0, y0) to (x1, y1), y from the top."""
    return b"0.6 w %.1f %.1f m %.1f %.1f l S" % (x0, PAGE_H - y0, x1, PAGE_H - y1)


def prose(lines: list[str], top: float = 90, size: float = 12, leading: float = 22, width: int = 36) -> list[bytes]:
    """Lines of prose from `top` down, each wrapped at `width` characters (a paragraph as printed)."""
    ops, y = [], top
    for line in lines:
        chunks = [line[i:i + width] for i in range(0, len(line), width)] or [""]
        for chunk in chunks:
            ops.append(text_at(MARGIN, y, chunk, size))
            y += leading
    return ops


def grid(rows: list[list[str]], top: float, widths: list[float], height: float = 24, size: float = 10,
         open_below: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset()) -> list[bytes]:
    """A ruled table: every cell boxed, its text at the left of the cell; a cell (r, c) in
    `open_below` has no rule under it, so it runs into the row below."""
    ops = []
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    for r, row in enumerate(rows):
        y = top + r * height
        for c, text in enumerate(row):
            if text:
                ops.append(text_at(xs[c] + 3, y + height / 2 + size / 2 - 1, text, size))
    for r in range(len(rows) + 1):
        y = top + r * height
        ops += [rule(xs[c], y, xs[c + 1], y) for c in range(len(widths)) if (r - 1, c) not in open_below]
    for x in xs:
        ops.append(rule(x, top, x, top + len(rows) * height))
    return ops


def cjk_pdf(pages: list[list[bytes]]) -> bytes:
    """A PDF whose pages hold these content-stream operators, with the font F1 = STSong-Light (GB1)."""
    n = len(pages)
    font = 3 + 2 * n
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n))
               + b"] /Count %d >>" % n]
    for i, ops in enumerate(pages):
        content = b"\n".join(ops)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (PAGE_W, PAGE_H, 4 + 2 * i, font))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects += [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [%d 0 R] >>" % (font + 1),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 2 >> /FontDescriptor %d 0 R /DW 1000 >>" % (font + 2),
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    from tests.pdfbytes import _assemble

    return _assemble(objects)


# --- the decoys ---------------------------------------------------------------------------

def inspection_notice() -> bytes:
    """A 巡察通告 of three pages (the notice, the 受理范围, the contacts)."""
    return cjk_pdf([
        prose(["中共某某市委第三巡察组", "关于巡察某某市财政局党组的通告", "",
               "根据市委巡察工作统一部署，市委第三巡察组于2026年3月1日至5月31日对某某市财政局党组开展常规巡察。",
               "巡察期间设立专门值班电话和邮政信箱，主要受理反映某某市财政局党组领导班子及其成员、下一级党组织领导班子"
               "主要负责人和重要岗位领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、"
               "工作纪律和生活纪律等方面的举报和反映。"]),
        prose(["二、受理范围", "根据巡察工作有关规定，巡察组主要受理反映被巡察党组织领导班子及其成员的来信来电来访，"
               "其他不属于巡察受理范围的信访问题，将按规定交由被巡察单位和有关部门处理。"]),
        prose(["三、联系方式", "值班电话：0535-1234567（工作日8:30—17:30）", "邮政信箱：某某市A001号邮政信箱",
               "特此通告。", "", "中共某某市委第三巡察组", "2026年3月1日"]),
    ])


def policy_notice() -> bytes:
    """A 通知 about publishing budgets: it names 部门预算 and the tables, and holds none."""
    return cjk_pdf([prose([
        "某某市财政局关于做好2026年部门预算公开工作的通知", "各区县财政局，市级各部门：",
        "为进一步做好部门预算公开工作，根据《中华人民共和国预算法》有关规定，现就有关事项通知如下：",
        "一、公开内容。各部门应公开部门预算情况说明和部门预算表，包括收支总表、收入总表、支出总表、"
        "财政拨款收支总表等，并对“三公”经费增减变化原因作出说明。",
        "二、公开时间。各部门应在财政部门批复预算后20日内向社会公开。",
        "三、工作要求。各部门要高度重视，明确责任，确保按时公开。",
        "特此通知。", "", "某某市财政局", "2026年1月15日"])])


def application_form() -> bytes:
    """A 政府信息公开申请表: a ruled form whose fields ask for a department's 部门预算."""
    rows = [
        ["申请人信息", "公民", "姓名", "", "工作单位", ""],
        ["", "", "证件名称", "", "证件号码", ""],
        ["", "", "联系电话", "", "电子邮箱", ""],
        ["", "", "通信地址", "", "邮政编码", ""],
        ["所需信息情况", "所需信息的内容描述", "某某局2026年部门预算", "", "", ""],
        ["", "获取信息的方式", "邮寄", "电子邮件", "当面领取", ""],
        ["申请人签名（盖章）", "", "", "申请日期", "年月日", ""],
    ]
    return cjk_pdf([prose(["政府信息公开申请表"], top=80, size=16)
                    + grid(rows, top=110, widths=[80, 80, 90, 80, 60, 60])])


def website_report() -> bytes:
    """A 政府网站工作年度报表: a table of counts, no budget anywhere."""
    rows = [
        ["网站名称", "某某市财政局门户网站"],
        ["首页网址", "http://czj.example.gov.cn"],
        ["独立用户访问总量（个）", "123456"],
        ["网站总访问量（次）", "987654"],
        ["信息发布总数（条）", "1520"],
        ["其中：概况类信息更新量", "35"],
        ["政务动态信息更新量", "860"],
        ["信息公开目录信息更新量", "625"],
        ["办事服务事项数量（项）", "48"],
        ["留言办理收到留言数量（条）", "96"],
    ]
    return cjk_pdf([prose(["某某市财政局政府网站工作年度报表", "（2025年度）", "填报单位：某某市财政局"], top=80)
                    + grid(rows, top=160, widths=[200, 220])
                    + prose(["单位负责人：张三  审核人：李四  填报人：王五", "联系电话：0535-1234567  填报日期：2026年1月20日"],
                            top=430)])


def performance_form() -> bytes:
    """A 项目支出绩效自评表 standing alone: amounts, but of a performance form."""
    rows = [
        ["项目名称", "信息化运维项目", "", "", "", ""],
        ["主管部门", "某某市财政局", "实施单位", "信息中心", "", ""],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
        ["年度资金总额", "120.00", "120.00", "118.50", "98.75%", "9.9"],
        ["其中：财政拨款", "120.00", "120.00", "118.50", "—", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "运维系统数量", "12个", "12个", "20"],
        ["效益指标", "社会效益指标", "系统可用率", "≥99%", "99.6%", "30"],
    ]
    return cjk_pdf([prose(["2025年度项目支出绩效自评表"], top=80, size=16)
                    + grid(rows, top=110, widths=[90, 80, 80, 80, 70, 50])])


def html_page() -> bytes:
    """A web page a crawl saved under the PDF's name (the page that links to it)."""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<title>某某局2026年部门预算 - 某某市人民政府</title></head><body>"
            "<div class=\"article\"><h1>某某局2026年部门预算</h1><p>附件：<a href=\"/files/2026bmys.pdf\">"
            "某某局2026年部门预算.pdf</a></p></div></body></html>\n").encode()


# a letter in the characters the seed PDFs' embedded fonts hold (their subsets lack 函, 敬礼, 贵)
LETTER = ["东山市财政局：", "根据工作安排，我局拟于近期派员前往财政局了解有关情况，请予以支持。",
          "联系人：张明，联系电话：12345678。", "此致", "东山市审计局", "2026年3月1日"]


@cache
def seed_fonts(size: int) -> tuple:
    """PIL fonts made of the Chinese fonts embedded in the seed PDFs (subsets: each holds some glyphs)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from PIL import ImageFont

    found: dict[int, bytes] = {}
    for path in sorted(RAW.glob("[0-9][0-9][0-9]_*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                for obj in pdf[index].get_objects():
                    if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                        continue
                    font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
                    n = ctypes.c_size_t()
                    if not pdfium_c.FPDFFont_GetFontData(font, None, 0, ctypes.byref(n)) or n.value in found:
                        continue
                    data = (ctypes.c_ubyte * n.value)()
                    pdfium_c.FPDFFont_GetFontData(font, data, n.value, ctypes.byref(n))
                    found[n.value] = bytes(data)
        finally:
            pdf.close()
    fonts = []
    for data in found.values():
        try:
            fonts.append(ImageFont.truetype(io.BytesIO(data), size))
        except OSError:
            continue
    return tuple(fonts)


def font_for(ch: str, fonts: tuple):
    """The first font that draws `ch` (not the box it draws for a glyph it lacks), or None."""
    for font in fonts:
        if bytes(font.getmask(ch)) != bytes(font.getmask("\U000f0000")):
            return font
    return None


def scanned_letter() -> bytes | None:
    """The letter, printed and scanned: one grey image page, no text layer (None when the seed fonts
    cannot draw it)."""
    from PIL import Image, ImageDraw

    scale = 200 / 72
    fonts = seed_fonts(int(14 * scale))
    chosen = {ch: font_for(ch, fonts) for ch in set("".join(LETTER))}
    if any(font is None for font in chosen.values()):
        return None
    image = Image.new("L", (int(PAGE_W * scale), int(PAGE_H * scale)), 255)
    draw = ImageDraw.Draw(image)
    y = 90 * scale
    for line in LETTER:
        x = MARGIN * scale
        for ch in line:
            draw.text((x, y), ch, font=chosen[ch], fill=20)
            x += chosen[ch].getlength(ch)
        y += 26 * scale
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200)
    return out.getvalue()


def decoys() -> list[Decoy]:
    """Every decoy, each named like a disclosure."""
    made = [
        Decoy("某某市财政局2026年部门预算.pdf", inspection_notice(), "a notice"),
        Decoy("某某局2026年部门预算公开.pdf", policy_notice(), "a notice"),
        Decoy("某某局2026年度部门预算.pdf", application_form(), "a form"),
        Decoy("某某局2026年单位预算.pdf", website_report(), "a report of another kind"),
        Decoy("某某局2025年度部门决算.pdf", performance_form(), "a performance form"),
        Decoy("某某区某某局2026年部门预算.pdf", html_page(), "an HTML web page saved with a .pdf name"),
    ]
    letter = scanned_letter()
    if letter is not None:
        made.append(Decoy("某某市审计局2026年部门预算.pdf", letter, "a scanned letter"))
    return made


def write_decoys(raw: Path) -> dict[str, Decoy]:
    """Write every decoy into `raw`; by file name."""
    out = {}
    for decoy in decoys():
        (raw / decoy.name).write_bytes(decoy.content)
        out[decoy.name] = decoy
    return out
