/**
 * `wecare build --format moodlexml` and `--format gift`: the scored questions of every module
 * (and of the diagnostic assessment) as question-bank files for Moodle's import, one file per
 * module in `dist/<variant>/questions/`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, BuiltArtifact, FormatCompiler } from '../../build/formats.ts';
import { questionBank, type BankModule } from './collect.ts';
import { gift } from './gift.ts';
import { moodleXml, type QuestionFileResult } from './moodle-xml.ts';

function questionFormat(format: 'moodlexml' | 'gift', extension: string, write: (bank: BankModule) => QuestionFileResult): FormatCompiler {
  return {
    format,
    async build(context: BuildContext) {
      const dir = path.join(context.outDir, context.programme.variant.code, 'questions');
      const artifacts: BuiltArtifact[] = [];
      for (const bank of questionBank(context.programme)) {
        const { text, skipped } = write(bank);
        for (const problem of skipped) {
          const { source } = problem.question;
          context.report({
            file: source.file,
            line: source.line,
            column: source.column,
            // Moodle XML holds every kind: a question it cannot hold is a content problem. GIFT's gaps are known.
            severity: format === 'gift' ? 'info' : 'error',
            ruleId: `${format}-export`,
            message: `Question "${problem.question.id}" is not in the ${format === 'gift' ? 'GIFT' : 'Moodle XML'} file: ${problem.message}.`,
            lang: 'en',
          });
        }
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, `${bank.module.id}${extension}`);
        await writeFile(file, text);
        artifacts.push({ format, path: file, bytes: Buffer.byteLength(text) });
      }
      return artifacts;
    },
  };
}

export const moodleXmlFormat = questionFormat('moodlexml', '.moodle.xml', moodleXml);
/** `.txt`: Moodle's GIFT import accepts text/plain files only. */
export const giftFormat = questionFormat('gift', '.gift.txt', gift);
