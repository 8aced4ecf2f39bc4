// api-smart-diff (a library, no command line of its own): exit 1 when it classifies any change as
// breaking, 0 when none, 2 when it fails. Used by bench/diff.py only.
import { readFileSync } from "node:fs";
import { apiCompare } from "api-smart-diff";

try {
  const [before, after] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, "utf8")));
  const { diffs } = apiCompare(before, after);
  const breaking = diffs.filter((d) => d.type === "breaking");
  process.stdout.write(JSON.stringify({ breaking: breaking.length, total: diffs.length }) + "\n");
  process.exit(breaking.length ? 1 : 0);
} catch (error) {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(2);
}
