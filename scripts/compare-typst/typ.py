#!/usr/bin/env python3
"""Writes the body paragraphs of a workspace's statement in one language as
a Typst document set like Communiqué's page: A4, the same margins, font,
size, leading and justification.
  typ.py WORKSPACE STATEMENT-ID LANG > doc.typ"""
import re
import sys
import tomllib

ws, sid, lang = sys.argv[1:4]
with open(f"{ws}/locales/active.{lang}.toml", "rb") as f:
    msgs = tomllib.load(f)
paras = []
k = 1
while f"{sid}.p{k}" in msgs or k == 1:
    m = msgs.get(f"{sid}.p{k}")
    if m is None:
        sys.exit(f"{ws}/locales/active.{lang}.toml: no {sid}.p{k}")
    paras.append(m["other"] if isinstance(m, dict) else m)
    k += 1
rtl = lang in ("ar", "fa", "ckb", "ur", "he")
font = '("Noto Naskh Arabic", "Noto Sans")' if rtl else '"Noto Sans"'
lead = 1.75 if rtl else 1.4
# Communiqué's leading is baseline to baseline; Typst's is the gap between
# one line's bottom edge and the next one's top (1 em with its default edges).
print(f"""#set page(width: 595.28pt, height: 841.89pt,
  margin: (left: {56.69 if rtl else 70.87}pt, right: {70.87 if rtl else 56.69}pt, top: 56.69pt, bottom: 70.87pt))
#set text(font: {font}, size: 11pt, lang: "{lang}", dir: {"rtl" if rtl else "ltr"})
#set par(justify: true, leading: {lead - 1:.2f}em)
#show par: set block(spacing: {0.6 * lead:.2f}em)
""")
for p in paras:
    print('#"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"\n')
