// CI's closing line from vitest JSON reports: "tests: N passed, N failed". A test file that fails
// before or around its tests (an import error, a failing hook) reports no failed test, yet it failed:
// each such file counts as one failure, so a red run never ends with "0 failed".
// Usage: node scripts/ci-summary.mjs REPORT.json [REPORT.json ...]; exits 1 when anything failed.

import { readFileSync } from "node:fs";

/** Passed and failed counts of one vitest JSON report. */
export function countReport(report) {
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed").length;
    if (file.status === "failed" && failedTests === 0) failed += 1;
  }
  return { passed: report.numPassedTests ?? 0, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let passed = 0;
  let failed = 0;
  for (const path of process.argv.slice(2)) {
    try {
      const c = countReport(JSON.parse(readFileSync(path, "utf8")));
      passed += c.passed;
      failed += c.failed;
    } catch (e) {
      // No report at all: the runner itself did not get as far as writing one.
      process.stderr.write(`ci: no test report at ${path} (${e.message})\n`);
      failed += 1;
    }
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
