// Runs a reader's extract(path) once per line of standard input, so that a
// test suite starts node once per reader instead of once per file. Each
// answer is "ok <bytes>\n" or "error <bytes>\n" followed by that many bytes
// of UTF-8: the extracted text, or why the file could not be read.
import { createInterface } from "node:readline";

export async function serve(extract) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const path of lines) {
    if (path === "") continue;
    let kind = "ok";
    let text;
    try {
      text = await extract(path);
    } catch (e) {
      kind = "error";
      text = String(e && e.stack ? e.stack : e);
    }
    const body = Buffer.from(text, "utf8");
    process.stdout.write(`${kind} ${body.length}\n`);
    process.stdout.write(body);
  }
}
