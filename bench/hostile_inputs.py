#!/usr/bin/env python3
"""Writes the worst cases of issue 12 (hardening) for timing and peak-RSS measurements.

    bench/hostile_inputs.py OUT_DIR

Each file is samples/pass-template.docx with one part replaced or extended; the same cases
are regression tests in tests/hostile.rs (generated there too, smaller where a debug build
would be slow). Measure each with

    /usr/bin/time -v target/release/fgcheck check OUT_DIR/NAME.docx -q --no-config

See docs/limits.md ("Measured") for the figures before and after the hardening.
"""

import os
import random
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE = os.path.join(ROOT, "samples", "pass-template.docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VOCABULARY = (
    "quantum key distribution network management trusted node relay storage interface "
    "application requirement clause deliverable proposal contribution security protocol"
).split()


def words(size, seed=12):
    """About `size` bytes of words from a small vocabulary: deflates about 10:1, far under
    the 250:1 bomb ratio, so only the caps that issue 12 added can stop it."""
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        word = rng.choice(VOCABULARY)
        parts.append(word)
        total += len(word) + 1
    return " ".join(parts)


def rewrite(out, name, replace=None, extra=None):
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(
        os.path.join(out, name), "w", zipfile.ZIP_DEFLATED
    ) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename](data.decode("utf-8")).encode("utf-8")
            target.writestr(item.filename, data)
        for part, data in (extra or {}).items():
            target.writestr(part, data)


def in_body(xml, fragment):
    """Inserts `fragment` at the start of the body (before the header table)."""
    at = xml.index("<w:body>") + len("<w:body>")
    return xml[:at] + fragment + xml[at:]


def at_body_end(xml, fragment):
    at = xml.rindex("<w:sectPr")
    return xml[:at] + fragment + xml[at:]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)

    # A header-like row: one 16 MiB w:t in the first cell, 4,096 empty w:ins in the next.
    first = "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % words(16 << 20)
    marks = "<w:p>%s<w:r><w:t>x</w:t></w:r></w:p>" % (
        '<w:ins w:id="1" w:author="a"/>' * 4096
    )
    row = (
        "<w:tbl><w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr></w:tbl>" % (first, marks)
    )
    rewrite(out, "revision-marks.docx", {"word/document.xml": lambda x: in_body(x, row)})

    # 200,000 and 1,000,000 header relationships to the same part.
    for count, name in ((200_000, "rels-200k.docx"), (1_000_000, "rels-1m.docx")):
        rels = "".join(
            '<Relationship Id="rIdH%d" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/header" Target="header1.xml"/>' % i
            for i in range(count)
        )
        rewrite(
            out,
            name,
            {
                "word/_rels/document.xml.rels": lambda x, r=rels: x.replace(
                    "</Relationships>", r + "</Relationships>"
                )
            },
        )

    # One 200 MB w:t as the title (the first paragraph of the body).
    title = '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % words(200 << 20)
    rewrite(out, "title-200mb.docx", {"word/document.xml": lambda x: in_body(x, title)})

    # A 240 MB body paragraph (one w:t): language identification used to read all of it.
    paragraph = '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % words(
        240_000_000, seed=5
    )
    rewrite(
        out,
        "paragraph-240mb.docx",
        {"word/document.xml": lambda x: at_body_end(x, paragraph)},
    )

    # 200 paragraphs of 1 MiB in one header-table cell.
    cell = "".join(
        '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % words(1 << 20, seed=i)
        for i in range(200)
    )
    table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Title:</w:t></w:r></w:p></w:tc><w:tc>%s</w:tc></w:tr></w:tbl>" % cell
    rewrite(out, "cell-200mb.docx", {"word/document.xml": lambda x: in_body(x, table)})


if __name__ == "__main__":
    main()
