// Prints the text PDFium (the reader in Chrome and Edge) extracts from a
// PDF, page by page, pages separated by a form feed: FPDFText_GetText over
// each page, as the browser's copy and find get it (@hyzyla/pdfium, PDFium
// built to WebAssembly). Usage: node pdfium-text.mjs file.pdf, or
// node pdfium-text.mjs --serve to read one path a line (see serve.mjs).
import { readFileSync } from "node:fs";
import { PDFiumLibrary } from "@hyzyla/pdfium";
import { serve } from "./serve.mjs";

const library = await PDFiumLibrary.init();

async function extract(path) {
  const doc = await library.loadDocument(readFileSync(path));
  try {
    const pages = [];
    for (const page of doc.pages()) {
      pages.push(page.getText());
    }
    return pages.join("\f");
  } finally {
    doc.destroy();
  }
}

if (process.argv[2] === "--serve") {
  await serve(extract);
} else {
  process.stdout.write(await extract(process.argv[2]));
}
library.destroy();
