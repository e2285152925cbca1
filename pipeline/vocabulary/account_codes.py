"""Account codes (科目编码) → normalized row keys.

- Functional classification (支出功能分类): 类 3 digits, 款 5, 项 7 (``2010301``).
- Economic classification (部门预算支出经济分类): 类 3, 款 5 (``30101``).
- Codes printed in split 类/款/项 columns are joined with 款 and 项 zero-padded to
  two digits: ``201 | 3 | 1`` → ``2010301``; ``301 | 2`` → ``30102``.
- A 6-digit number before a name is an organisation/unit code (单位代码), not an account.
- Government economic classification codes (政府预算支出经济分类, 5xx) printed after a
  3xx code go in the secondary code, not the row key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = re.compile(r"^\d+$")
# '2120899 其他…', '2130201-行政运行' (Beijing prints code and name joined by a hyphen)
_CODE_THEN_NAME = re.compile(
    r"^(?P<code>\d{3}(?:\d{2}){0,2})\s*[-－—]?\s*(?P<name>[\u4e00-\u9fffA-Za-z（(\[【].*)$")
_UNIT_CODE = re.compile(r"^\d{6}$")
_UNIT_CODE_THEN_NAME = re.compile(r"^(?P<code>\d{6})\s+(?P<name>\S.*)$")


def is_code_head(text: str) -> bool:
    """A cell that can start an account code: 3, 5 or 7 digits."""
    return bool(_DIGITS.match(text)) and len(text) in (3, 5, 7)


def is_code_part(text: str) -> bool:
    """A 款 or 项 part printed in its own column: 1 or 2 digits."""
    return bool(_DIGITS.match(text)) and 1 <= len(text) <= 2


_LOOK_ALIKE_DIGITS = str.maketrans({"l": "1", "I": "1", "L": "1", "|": "1", "O": "0", "o": "0"})
_LOOK_ALIKE_PART = re.compile(r"^[0-9lIL|Oo]{1,2}$")


def read_ocr_code_parts(label_cells: list[str]) -> list[str]:
    """OCR'd label cells with a 款/项 part read back as digits where Tesseract took its 1s
    and 0s for letters (210 | LI | 行政事业单位医疗 → 210 | 11): only a cell of one or two
    such characters right after a code head or part (blank cells between are skipped)."""
    out = list(label_cells)
    after_code = False
    for i, text in enumerate(label_cells):
        if not text:
            continue
        if after_code and not _DIGITS.match(text) and _LOOK_ALIKE_PART.match(text):
            out[i] = text.translate(_LOOK_ALIKE_DIGITS)
        after_code = is_code_head(out[i]) or is_code_part(out[i])
    return out


def is_unit_code(text: str) -> bool:
    """A 6-digit organisation/unit code (单位代码), not an account code."""
    return bool(_UNIT_CODE.match(text))


def join_code(parts: list[str]) -> str | None:
    """Join split 类/款/项 parts: ['201', '3', '1'] → '2010301'. None when not a code."""
    if not parts or not is_code_head(parts[0]):
        return None
    code = parts[0]
    for part in parts[1:]:
        if not is_code_part(part) or len(code) >= 7:
            return None
        code += part.zfill(2)
    return code


def split_code_and_name(text: str) -> tuple[str, str] | None:
    """'2120899 其他国有土地使用权出让收入安排的支出' → ('2120899', '其他…'); None otherwise."""
    m = _CODE_THEN_NAME.match(text.strip())
    if not m:
        return None
    return m.group("code"), m.group("name").strip()


def split_unit_code_and_name(text: str) -> tuple[str, str] | None:
    """'436 青龙满族自治县行政审批局' style prefixes use short codes too; this one is 6 digits."""
    m = _UNIT_CODE_THEN_NAME.match(text.strip())
    if not m:
        return None
    return m.group("code"), m.group("name").strip()


def classification(code: str) -> str:
    """functional (支出功能分类, 2xx) or economic (经济分类, 3xx/5xx)."""
    return "functional" if code.startswith("2") else "economic"


def level(code: str) -> int:
    """1 = 类, 2 = 款, 3 = 项."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0)


def parent(code: str) -> str | None:
    """The code one level up (项 → 款, 款 → 类); None for a 类 or a code of another length."""
    return code[: len(code) - 2] if len(code) in (5, 7) else None


@dataclass
class RowCodes:
    """What the label cells of one row say about the account."""

    account_code: str | None = None
    secondary_code: str | None = None
    unit_code: str | None = None
    name: str = ""  # the name printed after the account code (or the row's only text)
    secondary_name: str = ""  # the name printed after the secondary code
    name_cells: list[int] | None = None  # positions of the cells that hold `name`


def read_row_codes(label_cells: list[str]) -> RowCodes:
    """Read account code, secondary (5xx) code, unit code and names from a row's label cells.

    Label cells are the cells left of the amount columns, already cleaned. Leading
    short numbers (序号 row numbers) are skipped; the first run of digit cells that
    starts with a 3/5/7-digit head is the account code (split parts joined); a later
    digit run is the secondary code; a 6-digit cell is a unit code (单位代码).
    """
    out = RowCodes(name_cells=[])
    runs: list[list[str]] = []
    names: dict[int, list[str]] = {}
    current: list[str] | None = None

    def add_name(text: str, pos: int) -> None:
        run = max(len(runs) - 1, 0)
        names.setdefault(run, []).append(text)
        if run == 0:
            out.name_cells.append(pos)

    for pos, text in enumerate(label_cells):
        if not text:
            continue
        if _DIGITS.match(text):
            if is_unit_code(text):
                out.unit_code = out.unit_code or text
                current = None
            elif is_code_head(text):
                current = [text]
                runs.append(current)
            elif is_code_part(text) and current is not None and len(current) < 3:
                current.append(text)
            # other numbers (row numbers, 栏次) are not part of a code
            continue
        current = None
        pair = split_code_and_name(text)
        if pair and (not runs or _joined_code_cell(text)):
            # a code printed with its name in one cell; a later such cell is another
            # classification's code ('2130201-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资')
            runs.append([pair[0]])
            add_name(pair[1], pos)
            continue
        unit_pair = split_unit_code_and_name(text)
        if unit_pair:
            out.unit_code = out.unit_code or unit_pair[0]
            add_name(unit_pair[1], pos)
            continue
        add_name(text, pos)
    codes = [join_code(r) for r in runs]
    first, second = 0, 1
    if len(codes) > 1 and codes[0] and codes[1] and codes[0].startswith("5") and codes[1].startswith("3"):
        # a 政府预算支出经济分类 (5xx) code printed before the 部门 economic (3xx) one: the
        # 3xx code is the account, the 5xx code its secondary code (never the row key)
        first, second = 1, 0
    if codes and codes[first]:
        out.account_code = codes[first]
        if len(codes) > 1 and codes[second]:
            out.secondary_code = codes[second]
    out.name = "".join("".join(names.get(first, [])).split())
    out.secondary_name = "".join("".join(names.get(second, [])).split())
    return out


def _joined_code_cell(text: str) -> bool:
    """A cell printing a code and its name joined by a hyphen ('50101-工资奖金津补贴')."""
    return bool(re.match(r"^\d{3}(?:\d{2}){0,2}\s*[-－—]", text.strip()))
