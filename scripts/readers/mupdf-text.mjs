// Prints the text current MuPDF (MuPDF.js) extracts from a PDF, page by
// page, pages separated by a form feed: toStructuredText().asText(), as
// MuPDF-based readers copy it. Usage: node mupdf-text.mjs file.pdf
import { readFileSync } from "node:fs";
import * as mupdf from "mupdf";

const doc = mupdf.Document.openDocument(readFileSync(process.argv[2]), "application/pdf");
const pages = [];
for (let i = 0; i < doc.countPages(); i++) {
  pages.push(doc.loadPage(i).toStructuredText("preserve-whitespace").asText());
}
process.stdout.write(pages.join("\f"));
