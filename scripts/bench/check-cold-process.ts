/**
 * Run by check.bench.ts in a new Node process: loads the checker, then checks the programme at
 * argv[2] once with no cache — a cold check as `wecare check` runs it, JIT included — and prints
 * the two durations as JSON.
 */
const started = performance.now();
const { checkProgramme } = await import('../validate/check-cache.ts');
const loaded = performance.now();
const result = await checkProgramme(process.argv[2]!, { cache: false });
const checked = performance.now();
const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
process.stdout.write(JSON.stringify({ startup: loaded - started, check: checked - loaded, errors }) + '\n');
