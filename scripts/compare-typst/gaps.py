#!/usr/bin/env python3
"""Word-gap statistics of the justified body lines of a PDF.

Reads `pdftotext -bbox-layout` XHTML on stdin. A body line is a line whose
words are of the most common height (the body size) and that spans the
full measure (both ends within a hyphen's width of the measure's edges,
or past them): the
justified lines, whose gaps justification stretched or shrank. Paragraph
ends, headings, the dateline and the footer are left out.
Prints: lines, mean gap, max gap, max of per-line mean gap (points).
"""
import sys
import xml.etree.ElementTree as ET
from collections import Counter

NS = "{http://www.w3.org/1999/xhtml}"
root = ET.parse(sys.stdin).getroot()
lines = []
for page in root.iter(NS + "page"):
    for line in page.iter(NS + "line"):
        words = []
        for w in line.iter(NS + "word"):
            words.append(tuple(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
        if words:
            lines.append(sorted(words))
if not lines:
    sys.exit("no text")
heights = Counter(round(w[3] - w[1], 1) for ws in lines for w in ws)
body = heights.most_common(1)[0][0]
lines = [ws for ws in lines if all(abs((w[3] - w[1]) - body) < 0.15 for w in ws)]
# The measure's edges are where most lines start and end: Typst hangs
# punctuation and hyphens a little past them.
left = Counter(round(ws[0][0]) for ws in lines).most_common(1)[0][0]
right = Counter(round(ws[-1][2]) for ws in lines).most_common(1)[0][0]
# Within a hyphen's width (3.6 pt at 11 pt) of the edges: the hyphen drawn
# at a hyphenated line's end is no text, so pdftotext ends the line's last
# word before it.
EDGE = 4.0
gaps, line_means = [], []
for ws in lines:
    if ws[0][0] > left + EDGE or ws[-1][2] < right - EDGE or len(ws) < 2:
        continue
    g = [b[0] - a[2] for a, b in zip(ws, ws[1:])]
    gaps += g
    line_means.append(sum(g) / len(g))
if not gaps:
    sys.exit("no justified lines")
print(f"{len(line_means)} {sum(gaps) / len(gaps):.2f} {max(gaps):.2f} {max(line_means):.2f}")
