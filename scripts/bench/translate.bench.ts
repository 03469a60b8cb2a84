/**
 * Translation round trip on the sample programme (content/ + modules/, copied), with a variant
 * `xa` (locale en-XA) added: export of every unit to XLIFF 2.0, import of the translated files,
 * and what the translated variant adds to `wecare check`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { exportVariant } from '../translate/export.ts';
import { extractFile } from '../translate/extract.ts';
import { importTranslations } from '../translate/import.ts';
import { loadContent } from '../parse/content.ts';
import { parseMarkdown } from '../parse/markdown.ts';
import { parseYaml } from '../parse/yaml-source.ts';
import { extractOptions, forgetExtractedUnits, moduleUnits, translationTargets } from '../translate/programme.ts';
import { forgetReadTranslations, readTranslations } from '../translate/store.ts';
import { checkProgramme, createIncrementalChecker } from '../validate/check-cache.ts';
import type { BenchSection } from './run.ts';
import { median, ms, nodeStartMs } from './stats.ts';

interface Time {
  wall: number;
  cpu: number;
}

/** Wall-clock and CPU milliseconds of one call. */
async function timeOnce(fn: () => Promise<unknown> | unknown): Promise<Time> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const medians = (times: Time[]): Time => ({ wall: median(times.map((t) => t.wall)), cpu: median(times.map((t) => t.cpu)) });

/**
 * Runs `fn` `runs` times; returns the medians of wall-clock and CPU milliseconds. The machine is
 * shared, so CPU time (user + system of this process) is what compares runs fairly; wall-clock is shown too.
 */
async function timeRuns(runs: number, fn: () => Promise<unknown> | unknown): Promise<Time> {
  const times: Time[] = [];
  for (let run = 0; run < runs; run += 1) times.push(await timeOnce(fn));
  return medians(times);
}

/**
 * Cases compared with each other, in turn: after `warm` rounds, each of `rounds` rounds gives every
 * case a turn of `untimed` runs then `timed` runs, so that what slows the shared machine down for a
 * while falls on all of them alike. Medians per case. `before` runs ahead of each call, outside the time.
 */
async function timeInTurns<K extends string>(
  plan: { warm: number; rounds: number; untimed?: number; timed?: number },
  cases: Record<K, { before?: () => void; run: () => Promise<unknown> }>,
): Promise<Record<K, Time>> {
  const times = Object.fromEntries(Object.keys(cases).map((key) => [key, [] as Time[]])) as Record<K, Time[]>;
  for (let round = 0; round < plan.warm + plan.rounds; round += 1) {
    for (const key of Object.keys(cases) as K[]) {
      for (let run = 0; run < (plan.untimed ?? 0) + (plan.timed ?? 1); run += 1) {
        cases[key].before?.();
        const time = await timeOnce(cases[key].run);
        if (round >= plan.warm && run >= (plan.untimed ?? 0)) times[key].push(time);
      }
    }
  }
  return Object.fromEntries(Object.entries(times).map(([key, list]) => [key, medians(list as Time[])])) as Record<K, Time>;
}

const both = (time: Time) => `${ms(time.cpu)} | ${ms(time.wall)}`;

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Fills every target with its source in ⟦ ⟧ markers (what a translator's tool would return). */
function pseudoTranslate(xliff: string): string {
  return xliff.replace(/(<source xml:space="preserve">)([\s\S]*?)(<\/source>)/g, (whole, _open: string, inner: string) => {
    const target = inner.replace(/(^|>)([^<]+)(?=<|$)/g, (_m, before: string, text: string) => `${before}${/\p{L}/u.test(text) ? `⟦${text}⟧` : text}`);
    return `${whole}\n        <target xml:space="preserve">${target}</target>`;
  });
}

/** Turns of the new-process checks: each is six processes, and a start-up varies by tens of milliseconds. */
const PROCESS_TURNS = 21;

/**
 * `wecare check` as a designer runs it: a new process of the compiled CLI, wall-clock from spawn to
 * exit. It exits 1 when the programme has errors: after the edit, the new paragraph has no translation.
 */
function checkProcess(root: string, variants: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.join(repo, 'bin/wecare.js'), 'check', '--root', root, '--variant', variants.join(',')], { encoding: 'utf8' });
  const wall = performance.now() - start;
  if (result.status !== 0 && !(result.status === 1 && /^\d+ errors?, /m.test(result.stderr))) throw new Error(`wecare check --root ${root} failed: ${result.stderr || result.stdout}`);
  return wall;
}

function samplePlusVariant(locale: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-translate-'));
  cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  cpSync(path.join(repo, 'modules'), path.join(root, 'modules'), { recursive: true });
  const programmeFile = path.join(root, 'content/programme.yaml');
  const programme = readFileSync(programmeFile, 'utf8');
  writeFileSync(programmeFile, programme.replace(/^variants: \[([^\]]*)\]/m, (_m, list: string) => `variants: [${list}, xa]`));
  const source = readFileSync(path.join(root, 'content/variants/es.yaml'), 'utf8');
  writeFileSync(path.join(root, 'content/variants/xa.yaml'), source.replace(/^code: es$/m, 'code: xa').replace(/^locale: .*$/m, `locale: ${locale}`));
  // Modules restricted to some countries (`variants: [es, co]`) are opened to xa too: the whole sample is measured.
  for (const dir of [...readdirSync(path.join(root, 'modules')).map((name) => `modules/${name}`), 'content/assessment']) {
    const moduleFile = path.join(root, dir, 'module.md');
    if (!existsSync(moduleFile)) continue;
    const text = readFileSync(moduleFile, 'utf8');
    writeFileSync(moduleFile, text.replace(/^variants: \[([^\]]*)\]/m, (_m, list: string) => `variants: [${list}, xa]`));
  }
  return root;
}

export default async function bench(): Promise<BenchSection> {
  const translated = samplePlusVariant('en-XA');
  const ordinary = samplePlusVariant('es-XA');
  try {
    let files: string[] = [];
    let units = 0;
    exportVariant({ root: translated, variant: 'xa' });
    // Export and import run as in a new `wecare translate` process: no units remembered, no stored translation read yet.
    const fresh = () => {
      forgetExtractedUnits(loadContent(translated));
      forgetReadTranslations();
    };
    const exportTimes = await timeRuns(5, () => {
      fresh();
      const result = exportVariant({ root: translated, variant: 'xa' });
      files = result.files.map((f) => f.path);
      units = result.files.reduce((sum, f) => sum + f.units, 0);
    });
    for (const file of files) writeFileSync(file, pseudoTranslate(readFileSync(file, 'utf8')));
    const importTimes = await timeRuns(5, async () => {
      rmSync(path.join(translated, 'translations'), { recursive: true, force: true });
      fresh();
      const result = await importTranslations({ root: translated, files });
      if (result.refusals.length) throw new Error(`import refused: ${result.refusals[0]!.message}`);
    });
    const reexportTimes = await timeRuns(5, () => fresh() ?? exportVariant({ root: translated, variant: 'xa', outDir: path.join(translated, 'dist/again') }));

    // In process, no check cache (every file checked), JIT warm. Only es, co and xa: other variants of the
    // sample (a translated one among them) would blur the comparison.
    const check = (root: string, variants: string[]) => checkProgramme(root, { cache: false, variants });
    const base = ['es', 'co'];
    const all = [...base, 'xa'];
    const checkTranslated = async () => {
      const result = await check(translated, all);
      const problems = result.diagnostics.filter((d) => d.ruleId.startsWith('translation') && d.ruleId !== 'translation-stale');
      if (problems.length) throw new Error(`translated variant not clean: ${problems[0]!.message}`);
    };
    // `content/` is read afresh ahead of each run, outside the time (loadContent remembers one programme's: the
    // other one is loaded first), so that every case starts from the same state.
    const freshContent = (root: string) => {
      loadContent(root === translated ? ordinary : translated);
      return loadContent(root);
    };
    const cold = await timeInTurns({ warm: 2, rounds: 21 }, {
      withoutXa: { before: () => freshContent(translated), run: () => check(translated, base) },
      ordinary: { before: () => freshContent(ordinary), run: () => check(ordinary, all) },
      translated: {
        // As in a new `wecare check` process: no units remembered, the stored translations not read yet.
        before: () => {
          forgetExtractedUnits(freshContent(translated));
          forgetReadTranslations();
        },
        run: () => checkTranslated(),
      },
      // As this row was measured before: the stored translations read by an earlier run of the process.
      translatedReadBefore: { before: () => forgetExtractedUnits(freshContent(translated)), run: () => checkTranslated() },
    });
    // Parts of what the translated variant adds, timed on their own.
    const readStored = await timeRuns(11, () => {
      forgetReadTranslations();
      readTranslations(translated, 'en');
    });
    const content = loadContent(translated);
    const target = translationTargets(content).get('xa')!;
    const seen = moduleUnits(translated, content, target).flatMap((module) => module.files);
    // As the check has them: each file's tree and parsed front matter, and units without translator notes.
    const parsed = seen.map((file) => {
      const tree = parseMarkdown(file.text);
      const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0].value : undefined;
      return { tree, front: yaml === undefined ? undefined : parseYaml(yaml, new VFile({ path: file.path })).parsed };
    });
    const options = { ...extractOptions(content, target), notes: false };
    const extraction = await timeRuns(11, () => seen.forEach((file, index) => extractFile(file.text, file.path, file.kind, options, parsed[index]!.tree, parsed[index]!.front)));

    // A long-lived process (editor, watch): one lesson changes between runs; unchanged files, their units
    // and the stored translations are remembered. The edit is written outside the time. A process checks
    // one programme: each turn starts with untimed runs, which read that programme's content/ again.
    const incrementalCase = async (root: string) => {
      const checker = createIncrementalChecker(root, { variants: all });
      await checker.check();
      const lesson = path.join(root, 'modules/01-cuidado-profesional/01-que-es-cuidar.md');
      const text = readFileSync(lesson, 'utf8');
      let round = 0;
      return {
        text: () => writeFileSync(lesson, text),
        before: () => writeFileSync(lesson, `${text}\nUn párrafo más (${(round += 1)}).\n`),
        run: () => checker.check(),
      };
    };
    const ordinaryEdits = await incrementalCase(ordinary);
    const translatedEdits = await incrementalCase(translated);
    const incremental = await timeInTurns({ warm: 1, rounds: 10, untimed: 2, timed: 5 }, { ordinary: ordinaryEdits, translated: translatedEdits });
    ordinaryEdits.text();
    translatedEdits.text();

    // `wecare check` in a new process, as a designer runs it, in three states of `.wecare-cache/`:
    // none (the first check after a clone), a check ran before and nothing changed, one lesson edited since.
    checkProcess(translated, all); // compiles the CLI if its sources changed
    const nodeStart = nodeStartMs();
    const processTimes = { first: { ordinary: [] as number[], translated: [] as number[] }, unchanged: { ordinary: [] as number[], translated: [] as number[] }, edited: { ordinary: [] as number[], translated: [] as number[] } };
    const lessonPath = 'modules/01-cuidado-profesional/01-que-es-cuidar.md';
    /** Size of `.wecare-cache/check.json` after a first check: every later check reads it. */
    const cacheSize = { ordinary: 0, translated: 0 };
    // The two programmes run each state side by side, the one going first changing every turn, so a
    // busy spell of the shared machine (they last seconds) falls on both of a pair; what translation
    // adds is the median of the pairs' ratios.
    const pairedAdded = { first: [] as number[], unchanged: [] as number[], edited: [] as number[] };
    const programmes: Array<['ordinary' | 'translated', string]> = [['ordinary', ordinary], ['translated', translated]];
    const lesson = (root: string) => path.join(root, lessonPath);
    for (let turn = 0; turn < 2 + PROCESS_TURNS; turn += 1) {
      const inTurn = turn % 2 === 0 ? programmes : [...programmes].reverse();
      const state = (name: keyof typeof processTimes, before?: (root: string) => void) => {
        const walls: Record<string, number> = {};
        for (const [programme, root] of inTurn) {
          before?.(root);
          walls[programme] = checkProcess(root, all);
        }
        if (turn < 2) return;
        processTimes[name].ordinary.push(walls.ordinary!);
        processTimes[name].translated.push(walls.translated!);
        pairedAdded[name].push(((walls.translated! - walls.ordinary!) / walls.ordinary!) * 100);
      };
      state('first', (root) => rmSync(path.join(root, '.wecare-cache'), { recursive: true, force: true }));
      for (const [programme, root] of programmes) cacheSize[programme] = statSync(path.join(root, '.wecare-cache/check.json')).size;
      state('unchanged');
      const texts = new Map(programmes.map(([, root]) => [root, readFileSync(lesson(root), 'utf8')]));
      state('edited', (root) => writeFileSync(lesson(root), `${texts.get(root)}\nUn párrafo más (${turn}).\n`));
      for (const [root, text] of texts) writeFileSync(lesson(root), text);
    }
    const processMedian = (state: keyof typeof processTimes) => {
      const ordinaryWall = median(processTimes[state].ordinary);
      const translatedWall = median(processTimes[state].translated);
      const ofMedians = ((translatedWall - ordinaryWall) / ordinaryWall) * 100;
      const paired = median(pairedAdded[state]);
      // The two estimates differ by what the shared machine did meanwhile: the larger one is the figure.
      return { ordinary: ordinaryWall, translated: translatedWall, ofMedians, paired, added: Math.max(ofMedians, paired) };
    };
    const processRows = (['first', 'unchanged', 'edited'] as const).map((state) => ({ state, ...processMedian(state) }));
    const worstProcessAdded = Math.max(...processRows.map((row) => row.added));
    const withCacheAdded = Math.max(...processRows.filter((row) => row.state !== 'first').map((row) => row.added));

    const roundTrip = { wall: exportTimes.wall + importTimes.wall, cpu: exportTimes.cpu + importTimes.cpu };
    const added = (more: Time, less: Time) => ((more.cpu - less.cpu) / less.cpu) * 100;
    const percent = (value: number) => `${value.toFixed(0)} %`;
    const coldAdded = added(cold.translated, cold.ordinary);
    const incrementalAdded = added(incremental.translated, incremental.ordinary);
    const stateNames = { first: 'no `.wecare-cache/` (the first check after a clone)', unchanged: 'checked before, nothing changed', edited: `checked before, one lesson edited since (${lessonPath})` };
    const markdown = [
      `What \`wecare check\` takes as a designer runs it (a new process of the compiled CLI, wall-clock, medians of ${PROCESS_TURNS} turns after 2; in each turn the two programmes run each state one after the other, the first of them changing every turn, and what translation adds is given both ways: the medians' ratio, and the median of the pairs' ratios; the larger one is the figure): the sample with \`xa\` as an ordinary Spanish variant, against the same sample with \`xa\` translated (locale en-XA, every unit translated). Load average when the runs started: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; \`node -e 0\` took ${ms(nodeStart)} (median of 7), so figures from other sections or other days compare through it.`,
      '',
      '| `wecare check --variant es,co,xa` | xa ordinary | xa translated | translation adds: of the medians | of each pair (median) |',
      '|---|---|---|---|---|',
      ...processRows.map((row) => `| ${stateNames[row.state]} | ${ms(row.ordinary)} | ${ms(row.translated)} | ${percent(row.ofMedians)} | ${percent(row.paired)} |`),
      '',
      `**The time a translated variant adds to \`wecare check\`: at most ${percent(worstProcessAdded)}** of the three states (target: under 20 %: ${worstProcessAdded < 20 ? 'met' : 'not met'}${worstProcessAdded >= 20 && withCacheAdded < 20 ? `; met, at most ${percent(withCacheAdded)}, by every check that has run before` : ''}).`,
      '',
      `What the translated variant adds: its units are extracted from the trees the check parses anyway, compared with the stored translations (read once), and, as in the build, every file the variant sees is processed again from its translated text, so that what a translation breaks (a \`:var[…]\` typed by hand into a stored translation, a stale unit's old code) is reported by the check as the build would report it. With a cache, only the files whose text or translation changed are processed again. The units are cached too, packed as tuples (each unit's fields without their names): \`.wecare-cache/check.json\` holds ${Math.round(cacheSize.translated / 1024)} KB with xa translated and ${Math.round(cacheSize.ordinary / 1024)} KB with xa ordinary, and every check after the first reads it.`,
      '',
      'The same work in one process, without its start-up or the loading of `content/`, so that what translation itself costs shows (tables below): there it is a larger share, because the check\'s own work on the sample is small.',
      '',
      `Sample programme (content/ + modules/) copied with a variant \`xa\`, locale en-XA, shipped in every module: ${units} units in ${files.length} XLIFF files (one per module, plus content.xlf). In-process runs, JIT warm; CPU time of the process and wall-clock (load average when the runs started: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores). Export and import: medians of 5 runs after a first one. Checks: the compared cases take turns, so a busy spell of the shared machine falls on all of them; cold checks: medians of 21 turns each after 2 warm-up rounds; incremental checks: medians of 50 runs each, in turns of 5 timed runs after 2 untimed ones.`,
      '',
      '| measure | CPU | wall-clock |',
      '|---|---|---|',
      `| \`translate export\` (nothing translated yet) | ${both(exportTimes)} |`,
      `| \`translate import\` of every file (all units new) | ${both(importTimes)} |`,
      `| **export + import** (target: under 1 s) | **${ms(roundTrip.cpu)}** | ${ms(roundTrip.wall)} |`,
      `| \`translate export\` again, every unit carrying its stored target | ${both(reexportTimes)} |`,
      `| \`check\`, no cache: es + co | ${both(cold.withoutXa)} |`,
      `| \`check\`, no cache: es + co + xa as an ordinary Spanish variant (locale es-XA) | ${both(cold.ordinary)} |`,
      `| \`check\`, no cache: es + co + xa translated (locale en-XA, every unit translated) | ${both(cold.translated)} |`,
      `| the same, the stored translations read by an earlier run in the process | ${both(cold.translatedReadBefore)} |`,
      `| of which: reading translations/en/*.yaml (${files.length} files), a first read | ${both(readStored)} |`,
      `| of which: extracting the ${seen.reduce((sum, file) => sum + file.units.length, 0)} units of the ${seen.length} files xa sees, from their parse | ${both(extraction)} |`,
      `| incremental checker, one lesson changed: es + co + xa ordinary | ${both(incremental.ordinary)} |`,
      `| incremental checker, one lesson changed: es + co + xa translated | ${both(incremental.translated)} |`,
      '',
      `What translation adds to the check's own work on the same three variants (CPU, in process, no cache): **${percent(coldAdded)}**. With the stored translations read by an earlier run in the process (as this figure was measured before the units were taken from the check's own parse, each case run in a row: 77 % then): **${percent(added(cold.translatedReadBefore, cold.ordinary))}**. In a long-lived process, where unchanged files, their units and the stored translations are remembered: **${percent(incrementalAdded)}**; what is left there is the changed lesson's units and its module's part of the plan. A translated variant against the check without it: +${percent(added(cold.translated, cold.withoutXa))}.`,
      '',
      'Each Markdown file is parsed once: the units are extracted from the tree and front matter the check parses the file into anyway, and are kept with the file\'s result in the check cache (in memory, and in `.wecare-cache/check.json` between runs), so a file the cache has is neither read nor parsed for them. What the cold figure still holds: extracting the units themselves (timed on its own above: walking each tree, building every unit\'s text runs and inline codes, one SHA-256 digest per unit), reading the stored translations once, comparing every unit with its stored translation, and the garbage collection of the units the check keeps until every file is processed (the CPU column counts V8\'s collector threads too).',
    ].join('\n');
    return { title: 'Translation (XLIFF round trip and check)', markdown };
  } finally {
    rmSync(translated, { recursive: true, force: true });
    rmSync(ordinary, { recursive: true, force: true });
  }
}
