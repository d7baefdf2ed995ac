// Prints the text pdf.js (Firefox's reader) extracts from a PDF, page by
// page, pages separated by a form feed, the way a reader copying the text
// layer would get it: text items in order, a line feed where pdf.js ends a
// line or the next item sits on another baseline. Usage:
// node pdfjs-text.mjs file.pdf, or node pdfjs-text.mjs --serve to read one
// path a line (see serve.mjs).
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { serve } from "./serve.mjs";

async function extract(path) {
  const data = new Uint8Array(readFileSync(path));
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let s = "";
    let y = null;
    for (const item of content.items) {
      if (item.str === undefined) continue;
      const itemY = item.transform[5];
      if (y !== null && item.str !== "" && Math.abs(itemY - y) > 1 && !s.endsWith("\n")) s += "\n";
      if (item.str !== "") y = itemY;
      s += item.str;
      if (item.hasEOL) s += "\n";
    }
    pages.push(s);
  }
  await doc.destroy();
  return pages.join("\f");
}

if (process.argv[2] === "--serve") {
  await serve(extract);
} else {
  process.stdout.write(await extract(process.argv[2]));
}
