// Reads YAML as yaml-language-server does (the `yaml` package, YAML 1.2 core schema), so a test can
// see whether a document means the same data to it as to the catalogue's loader. Reads {id: text} on
// stdin; writes {id: {"data": value} or {"error": message}} on stdout. A number JSON cannot carry
// (Infinity, NaN) is written as {"non-finite number": "Infinity"} so that it never compares equal.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const texts = JSON.parse(readFileSync(0, "utf8"));
const marked = (key, value) =>
  typeof value === "number" && !Number.isFinite(value) ? { "non-finite number": String(value) } : value;
const results = {};
for (const [id, text] of Object.entries(texts)) {
  try {
    results[id] = { data: JSON.parse(JSON.stringify(parse(text, { version: "1.2" }), marked)) };
  } catch (error) {
    results[id] = { error: error.message };
  }
}
process.stdout.write(JSON.stringify(results));
