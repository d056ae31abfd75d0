#!/usr/bin/python3
"""md2man.py - a man page from one Markdown file, for the few constructs
tracker's documents use: headings, paragraphs, fenced code, "- " lists,
tables (as tagged paragraphs) and `code`. So seeds/FORMAT.md is the one
source of tracker-format(5).

Usage: md2man.py FILE.md NAME SECTION TITLE VERSION DATE > NAME.SECTION"""
import re
import sys


def inline(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    return "\\&" + text if text[:1] in (".", "'") else text


def cells(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def convert(lines, name, title):
    out, para = [], []

    def flush():
        if para:
            out.extend([".PP", inline(" ".join(para))])
            para.clear()

    i = 0
    while i < len(lines):
        row = lines[i]
        if row.startswith("# "):
            flush()
            out += [".SH NAME", f"{name} \\- {inline(title)}", ".SH DESCRIPTION"]
        elif row.startswith("#"):
            flush()
            out.append(".SH " + inline(row.lstrip("#").strip().upper()))
        elif row.startswith("```"):
            flush()
            out += [".PP", ".nf", ".RS 4"]
            i += 1
            while not lines[i].startswith("```"):
                out.append(inline(lines[i]) if lines[i] else "")
                i += 1
            out += [".RE", ".fi"]
        elif row.startswith("|"):
            flush()
            head = cells(row)
            i += 2                               # the header and the |---| line
            while i < len(lines) and lines[i].startswith("|"):
                c = cells(lines[i])
                out += [".TP", inline(c[0])]
                out.append(inline("; ".join(f"{h}: {v}" for h, v in zip(head[1:], c[1:]))))
                i += 1
            continue
        elif row.startswith("- "):
            flush()
            item = [row[2:]]
            while i + 1 < len(lines) and lines[i + 1].startswith("  "):
                i += 1
                item.append(lines[i].strip())
            out += [".IP \\(bu 2", inline(" ".join(item))]
        elif not row.strip():
            flush()
        else:
            para.append(row.strip())
        i += 1
    flush()
    return "\n".join(out)


def main():
    path, name, section, title, version, date = sys.argv[1:7]
    lines = open(path, encoding="utf-8").read().splitlines()
    print(f".\\\" Generated from {path.split('/')[-1]} by man/md2man.py: edit that file.")
    print(f'.TH {name.upper()} {section} "{date}" "tracker {version}" "File Formats"')
    print(convert(lines, name, title))


main()
