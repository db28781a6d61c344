// Adds up the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const [vitestReport, playwrightReport] = process.argv.slice(2);

if (vitestReport && existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // A file that failed to load has no test results of its own: count it once, and don't count a describe
  // block as a failure on top of the failed tests inside it.
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.length);
  failed += (r.numFailedTests ?? 0) + brokenFiles.length;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  console.log(`vitest report missing (${vitestReport}): counting it as a failure`);
  failed += 1;
}

if (playwrightReport && existsSync(playwrightReport)) {
  const s = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
} else {
  console.log(`Playwright report missing (${playwrightReport}): counting it as a failure`);
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
