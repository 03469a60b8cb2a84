import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIB, LIBRARIES, packageClosure, patchFor, runtimeClosure, SUB_CONTENT_JSON_PATHS } from '../../scripts/h5p/libraries.ts';
import { COVER_TAGS, QUIZ_INTRO_TAGS, QUIZ_TITLE_TAGS } from '../../scripts/h5p/content/blocks.ts';
import { TAGS } from '../../scripts/h5p/content/questions.ts';
import { hasStandards, noteStandards, standardsH5p } from './helpers.ts';

noteStandards();

const folder = (name: string) => name.replace(' ', '-');
const asStrings = (list: string[] | undefined) => (list ?? []).map((entry) => entry.replace(/-(\d+\.\d+)$/, ' $1'));

describe('H5P library table', () => {
  it('chooses the newest patch that runs on the target core API', () => {
    expect(patchFor(LIB.multiChoice, '1.27')).toEqual({ patch: 26, coreApi: '1.27' });
    expect(patchFor(LIB.multiChoice, '1.28')).toEqual({ patch: 27, coreApi: '1.28' });
    expect(patchFor(LIB.questionSet, '1.27')?.patch).toBe(9);
    expect(patchFor(LIB.column, '1.26')).toBeUndefined();
    expect(patchFor('FontAwesome 4.5', '1.27')).toBeNull();
  });

  it('computes runtime and package closures', () => {
    expect(new Set(runtimeClosure([LIB.trueFalse]))).toEqual(
      new Set([LIB.trueFalse, 'FontAwesome 4.5', 'H5P.Question 1.5', 'H5P.JoubelUI 1.3', 'H5P.Transition 1.0', 'H5P.FontIcons 1.0', 'H5P.Components 1.0', 'jQuery.ui 1.10']),
    );
    // QuestionSet itself does not bring H5P.Question.
    expect(runtimeClosure([LIB.questionSet])).not.toContain('H5P.Question 1.5');
    const withEditor = packageClosure([LIB.multiChoice]);
    expect(withEditor).toContain('H5PEditor.TableList 1.0');
    expect(runtimeClosure([LIB.multiChoice])).not.toContain('H5PEditor.RangeList 1.0');
  });
});

describe.skipIf(!hasStandards)('H5P library table matches ../shared/standards/h5p', () => {
  const deps = hasStandards ? (JSON.parse(readFileSync(path.join(standardsH5p, 'dependencies.json'), 'utf8')) as Record<string, Record<string, any>>) : {};
  const entries = Object.entries(LIBRARIES);

  it.each(entries.map(([name]) => name))('%s: versions, core API and dependencies', (name) => {
    const facts = LIBRARIES[name]!;
    const data = deps.contentTypes?.[folder(name)] ?? deps.supportLibraries?.[folder(name)];
    expect(data, `${name} is not in dependencies.json`).toBeDefined();
    if (data!.notFetched) {
      expect(facts.patches).toEqual([]);
      return;
    }
    const head = facts.patches.at(-1)!;
    expect(`${facts.major}.${facts.minor}.${head.patch}`).toBe(data!.version);
    expect(head.coreApi ?? null).toBe(data!.coreApi);
    const compatible = data!.coreApiCompatible127;
    expect(facts.patches.some((p) => `${facts.major}.${facts.minor}.${p.patch}` === compatible.version)).toBe(true);
    expect(patchFor(name, '1.27')?.patch).toBe(Number(compatible.version.split('.')[2]));
    expect(new Set(facts.preloaded)).toEqual(new Set(asStrings(data!.preloadedDependencies)));
    expect(new Set(facts.editor)).toEqual(new Set(asStrings(data!.editorDependencies)));
    expect(facts.runnable).toBe(data!.runnable === 1);
    if (data!.runtimeClosure) expect(new Set(runtimeClosure([name]).filter((n) => n !== name))).toEqual(new Set(asStrings(data!.runtimeClosure)));
    if (data!.packageClosure) expect(new Set(packageClosure([name]).filter((n) => n !== name))).toEqual(new Set(asStrings(data!.packageClosure)));
    const subContent = Object.fromEntries((data!.subContentFields ?? []).map((field: { path: string; options: string[] }) => [field.path, field.options]));
    expect(facts.subContent ?? {}).toEqual(subContent);
  });

  it('knows where each sub-content field sits in content.json (lists, flattened groups)', () => {
    const jsonPath = (fields: any[], segments: string[]): string => {
      let out = '';
      let container: any = { type: 'group', fields };
      segments.forEach((segment, index) => {
        let field: any;
        if (container.type === 'list') {
          field = container.field;
          out += '[]';
        } else {
          field = container.fields.find((candidate: any) => candidate.name === segment);
          // Below the top level, a group with one field is flattened away.
          const flattened = index > 0 && container.fields.length === 1;
          if (!flattened) out += `${out ? '.' : ''}${segment}`;
        }
        expect(field?.name).toBe(segment);
        container = field;
      });
      return out;
    };
    for (const [name, facts] of Object.entries(LIBRARIES)) {
      for (const semanticsPath of Object.keys(facts.subContent ?? {})) {
        const semantics = JSON.parse(readFileSync(path.join(standardsH5p, folder(name), 'semantics.json'), 'utf8'));
        expect(jsonPath(semantics, semanticsPath.split('/')), `${name} ${semanticsPath}`).toBe(SUB_CONTENT_JSON_PATHS[semanticsPath]);
      }
    }
  });

  it('uses exactly the tags each HTML field allows', () => {
    const fieldTags = (library: string, fieldPath: string): string[] | undefined => {
      let fields: any[] = JSON.parse(readFileSync(path.join(standardsH5p, folder(library), 'semantics.json'), 'utf8'));
      let field: any;
      for (const name of fieldPath.split('/')) {
        field = fields.find((candidate) => candidate.name === name);
        fields = field?.fields ?? (field?.field ? [field.field] : []);
      }
      return field?.tags;
    };
    const expected: Array<[readonly string[], string, string]> = [
      [TAGS.questionText, LIB.multiChoice, 'question'],
      [TAGS.questionText, LIB.trueFalse, 'question'],
      [TAGS.choiceText, LIB.multiChoice, 'answers/answer/text'],
      [TAGS.choiceFeedback, LIB.multiChoice, 'answers/answer/tipsAndFeedback/chosenFeedback'],
      [TAGS.blanksText, LIB.blanks, 'text'],
      [TAGS.blanksQuestion, LIB.blanks, 'questions/question'],
      [TAGS.dragTask, LIB.dragText, 'taskDescription'],
      [TAGS.text, LIB.text, 'text'],
      [QUIZ_INTRO_TAGS, LIB.questionSet, 'introPage/introduction'],
      [QUIZ_TITLE_TAGS, LIB.questionSet, 'introPage/title'],
      [COVER_TAGS, LIB.book, 'bookCover/coverDescription'],
    ];
    for (const [tags, library, fieldPath] of expected) expect([...tags].sort(), `${library} ${fieldPath}`).toEqual([...(fieldTags(library, fieldPath) ?? ['(none)'])].sort());
  });

  it('the library.json of each content type agrees on the major and minor version', () => {
    for (const name of Object.values(LIB)) {
      const json = JSON.parse(readFileSync(path.join(standardsH5p, folder(name), 'library.json'), 'utf8'));
      expect(`${json.machineName} ${json.majorVersion}.${json.minorVersion}`).toBe(name);
    }
  });
});
