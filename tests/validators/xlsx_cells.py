"""Reads an .xlsx workbook with openpyxl (Debian python3-openpyxl) and prints every sheet's
cells as JSON, so tests compare what a real reader sees: {"sheets": [name, ...],
"cells": {name: [[{"type": openpyxl data_type, "value": ...}, ...], ...]}}.
A formula cell has type "f"; a string cell "s"; a number "n".

Usage: xlsx_cells.py FILE.xlsx
"""
import json
import sys

from openpyxl import load_workbook


def main(path):
    book = load_workbook(path)  # not read_only: formula cells keep their "f" type
    out = {"sheets": book.sheetnames, "cells": {}}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            rows.append([{"type": c.data_type, "value": c.value} for c in row])
        out["cells"][sheet.title] = rows
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
