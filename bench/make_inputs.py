#!/usr/bin/env python3
"""Writes the inputs of the performance measurements (docs/performance.md) into a folder.

    bench/make_inputs.py OUT_DIR [--paragraphs N]

large.docx      samples/pass-template.docx with N (default 200,000) body paragraphs, about
                58 MB of word/document.xml: a legitimate, very large contribution.
bomb-ratio.docx a 64 MiB run of spaces in document.xml, deflated ~1000:1 (zip bomb).
bomb-laughs.docx billion laughs: nested entity declarations in document.xml (XML bomb).
bomb-deep.docx  100,000 nested content controls (nesting attack).
bomb-entries.docx 10,001 empty entries added to the template (entry-count bomb).

Only the standard library is used (zipfile), so it runs anywhere Python 3 does.
"""

import argparse
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "..", "samples", "pass-template.docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

PARAGRAPH = (
    '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:before="120"/></w:pPr>'
    '<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">'
    "Paragraph {n} of a long contribution on quantum key distribution networks, "
    "their key management and the trusted nodes between them. </w:t></w:r></w:p>"
)


def template_entries():
    with zipfile.ZipFile(TEMPLATE) as z:
        return [(info.filename, z.read(info.filename)) for info in z.infolist()]


def write(path, entries, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in entries:
            z.writestr(name, data)


def with_document(document):
    return [
        (name, document if name == "word/document.xml" else data)
        for name, data in template_entries()
    ]


def large(path, paragraphs):
    entries = template_entries()
    out = []
    for name, data in entries:
        if name == "word/document.xml":
            text = data.decode("utf-8")
            body = "".join(PARAGRAPH.format(n=n) for n in range(paragraphs))
            at = text.rfind("<w:sectPr")
            text = text[:at] + body + text[at:]
            data = text.encode("utf-8")
            print(f"{path}: word/document.xml is {len(data) / 1e6:.1f} MB")
        out.append((name, data))
    write(path, out)


def bombs(folder):
    head = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'
    tail = "</w:t></w:r></w:p></w:body></w:document>"
    spaces = head.encode() + b" " * (64 << 20) + tail.encode()
    write(os.path.join(folder, "bomb-ratio.docx"), with_document(spaces))

    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    for level in range(1, 10):
        laughs += f'<!ENTITY lol{level} "{("&lol%d;" % (level - 1)) * 10}">'
    laughs += f"]>{head}&lol9;{tail}"
    write(os.path.join(folder, "bomb-laughs.docx"), with_document(laughs.encode()))

    depth = 100_000
    deep = f'<w:document xmlns:w="{W}"><w:body>' + "<w:sdt>" * depth + "</w:sdt>" * depth
    deep += "</w:body></w:document>"
    write(os.path.join(folder, "bomb-deep.docx"), with_document(deep.encode()))

    entries = template_entries() + [(f"junk/{i}.xml", b"") for i in range(10_001)]
    write(os.path.join(folder, "bomb-entries.docx"), entries, zipfile.ZIP_STORED)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--paragraphs", type=int, default=200_000)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    large(os.path.join(args.out, "large.docx"), args.paragraphs)
    bombs(args.out)


if __name__ == "__main__":
    main()
