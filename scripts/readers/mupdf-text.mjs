// Prints the text current MuPDF (MuPDF.js) extracts from a PDF, page by
// page, pages separated by a form feed: toStructuredText().asText(), as
// MuPDF-based readers copy it. Usage: node mupdf-text.mjs file.pdf, or
// node mupdf-text.mjs --serve to read one path a line (see serve.mjs).
import { readFileSync } from "node:fs";
import * as mupdf from "mupdf";
import { serve } from "./serve.mjs";

function extract(path) {
  const doc = mupdf.Document.openDocument(readFileSync(path), "application/pdf");
  const pages = [];
  for (let i = 0; i < doc.countPages(); i++) {
    pages.push(doc.loadPage(i).toStructuredText("preserve-whitespace").asText());
  }
  return pages.join("\f");
}

if (process.argv[2] === "--serve") {
  await serve(extract);
} else {
  process.stdout.write(extract(process.argv[2]));
}
