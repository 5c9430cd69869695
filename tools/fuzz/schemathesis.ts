/**
 * How the test suite runs Schemathesis (tools/fuzz/schemathesis.e2e.spec.ts): the checks, the bounds,
 * and the one summary line it prints. Bounded so that both runs together stay under ~4 minutes on the
 * 2-core machine: MAX_EXAMPLES generated cases per operation, fuzzing phase only, a fixed seed (a run
 * is reproducible; change it with FUZZ_SEED), no shrinking.
 */

/** 5xx, a response that breaks its documented schema, a status the document does not list. */
export const FUZZ_CHECKS = ['not_a_server_error', 'response_schema_conformance', 'status_code_conformance'] as const;
export const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 3);
export const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
/** Schemathesis phases: `fuzzing` in the suite; `coverage,fuzzing` explores boundaries for longer (FUZZ_PHASES). */
export const PHASES = process.env.FUZZ_PHASES ?? 'fuzzing';

export function fuzzArguments(options: { schema: string; url: string; reportDir: string; headers: string[] }): string[] {
  return [
    'run',
    options.schema,
    '--url',
    options.url,
    '--checks',
    FUZZ_CHECKS.join(','),
    '--phases',
    PHASES,
    '--max-examples',
    String(MAX_EXAMPLES),
    '--seed',
    String(SEED),
    '--no-shrink',
    // One worker: with two, Hypothesis (describing its strategies) runs into CPython 3.11's
    // `SystemError: AST constructor recursion depth mismatch` now and then, a tool error, not a finding.
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--report',
    'json',
    '--report-dir',
    options.reportDir,
    ...options.headers.flatMap((header) => ['--header', header]),
  ];
}

/** The parts of Schemathesis's JSON report (`--report json`) the test reads. */
export interface FuzzReport {
  schemathesis_version: string;
  running_time: number;
  exit_code: number;
  operations: { selected: number; tested: number; skipped: number };
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: { code: string; title: string; count: number; operations: unknown[] }[];
  errors: unknown[];
}

/** `schemathesis 4.32.5: 2 runs (anonymous 31 operations, clerk 169), 812 test cases, 0 failures, 0 errors in 150.2 s` */
export function summaryLine(runs: { who: string; report: FuzzReport }[]): string | null {
  if (runs.length === 0) return null;
  const sum = (f: (r: FuzzReport) => number) => runs.reduce((total, { report }) => total + f(report), 0);
  const who = runs.map(({ who, report }) => `${who} ${report.operations.tested} operations`).join(', ');
  return (
    `schemathesis ${runs[0]?.report.schemathesis_version}: ${runs.length} runs (${who}), ${sum((r) => r.test_cases.generated)} test cases, ` +
    `${sum((r) => r.test_cases.unique_failures)} failures, ${sum((r) => r.errors.length)} errors ` +
    `in ${sum((r) => r.running_time).toFixed(1)} s (phases ${PHASES}, max ${MAX_EXAMPLES} examples per operation, seed ${SEED})`
  );
}
