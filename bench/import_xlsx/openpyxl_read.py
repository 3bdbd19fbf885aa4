"""The anchor of the xlsx import benchmark (scripts/bench-xlsx): Debian's python3-openpyxl
reading a workbook in read-only mode (its streaming reader), counting rows, non-empty cells
and the bytes of their text, as bench/import_xlsx/table_count does through jz::OpenTable.

Usage: /usr/bin/python3 openpyxl_read.py FILE.xlsx
"""
import sys

from openpyxl import load_workbook


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: openpyxl_read.py FILE.xlsx", file=sys.stderr)
        return 2
    workbook = load_workbook(sys.argv[1], read_only=True)
    sheet = workbook.worksheets[0]
    rows = cells = size = 0
    for row in sheet.iter_rows(values_only=True):
        if not any(value is not None for value in row):
            continue  # an empty row, skipped as jz::OpenTable skips it
        rows += 1
        for value in row:
            if value is not None:
                cells += 1
                size += len(str(value).encode("utf-8"))
    workbook.close()
    print(f"{sys.argv[1]} (openpyxl): {rows} rows, {cells} cells, {size} bytes of cell text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
