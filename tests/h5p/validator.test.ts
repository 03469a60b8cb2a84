import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validatePackage, validatePackageFiles } from '../../scripts/h5p/validate/package.ts';
import { createZip, readZip } from '../../scripts/package/zip.ts';
import { buildSample, hasStandards, noteStandards, rawZip, standardsSemantics } from './helpers.ts';

type Json = Record<string, any>;

let book: Map<string, Buffer>;
let quiz: Map<string, Buffer>;

beforeAll(async () => {
  noteStandards();
  const build = await buildSample('es');
  book = await readZip(readFileSync(build.byName.get('m01-demo.h5p')!));
  quiz = await readZip(readFileSync(build.byName.get('m01-quiz.h5p')!));
});

/** A copy of a package with content.json (or h5p.json) changed by `mutate`. */
function mutated(files: Map<string, Buffer>, mutate: (content: Json, h5p: Json) => void): Map<string, Buffer> {
  const copy = new Map(files);
  const content = JSON.parse(copy.get('content/content.json')!.toString());
  const h5p = JSON.parse(copy.get('h5p.json')!.toString());
  mutate(content, h5p);
  copy.set('content/content.json', Buffer.from(JSON.stringify(content)));
  copy.set('h5p.json', Buffer.from(JSON.stringify(h5p)));
  return copy;
}

const codes = (files: Map<string, Buffer>, withSemantics = false) =>
  validatePackageFiles(files, { coreApi: '1.27', ...(withSemantics ? { semantics: standardsSemantics! } : {}) }).issues.map((issue) => issue.code);

const firstMultiChoice = (content: Json) => content.chapters[0].params.content.find((item: Json) => item.content.library === 'H5P.MultiChoice 1.16').content;

describe('H5P package validator: archive and h5p.json rules (no semantics needed)', () => {
  it('accepts the packages the build writes', () => {
    expect(codes(book)).toEqual([]);
    expect(codes(quiz)).toEqual([]);
  });

  it('rejects an .html file in content/ and SVG in content/', () => {
    const copy = new Map(book);
    copy.set('content/page.html', Buffer.from('<p>hola</p>'));
    copy.set('content/images/x.svg', Buffer.from('<svg/>'));
    const report = validatePackageFiles(copy, { coreApi: '1.27' });
    expect(report.issues.filter((i) => i.code === 'not-in-whitelist').map((i) => i.path).sort()).toEqual(['content/images/x.svg', 'content/page.html']);
  });

  it('names files without an extension as such', () => {
    const copy = new Map(book);
    copy.set('content/README', Buffer.from('x'));
    copy.set('H5P.Column-1.18/LICENSE', Buffer.from('x'));
    const report = validatePackageFiles(copy, { coreApi: '1.27' });
    expect(report.issues.filter((i) => i.code === 'not-in-whitelist').map((i) => `${i.path}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "content/README: files without an extension are not allowed in content/",
        "H5P.Column-1.18/LICENSE: files without an extension are not allowed in library folders",
      ]
    `);
  });

  it('rejects directory entries and ".." paths in the archive', async () => {
    const entries = [...book].map(([name, data]) => ({ name, data }));
    const withDirectory = await validatePackage(rawZip([{ name: 'content/', data: '' }, ...entries]));
    expect(withDirectory.issues.map((i) => i.code)).toContain('directory-entry');
    const withParent = await validatePackage(rawZip([...entries, { name: 'content/../../evil.json', data: '{}' }]));
    expect(withParent.ok).toBe(false);
    expect(withParent.issues.map((i) => i.code)).toEqual(['unsafe-path']);
  });

  it('rejects a package whose h5p.json does not list the main library or a dependency', () => {
    expect(codes(mutated(quiz, (_c, h5p) => { h5p.preloadedDependencies = h5p.preloadedDependencies.filter((d: Json) => d.machineName !== 'H5P.QuestionSet'); }))).toContain('main-library-not-listed');
    expect(codes(mutated(quiz, (_c, h5p) => { h5p.preloadedDependencies = h5p.preloadedDependencies.filter((d: Json) => d.machineName !== 'H5P.JoubelUI'); }))).toContain('missing-dependency');
  });

  it('rejects sub-content whose library version h5p.json does not list, and non-UUID subContentIds', () => {
    const issues = codes(mutated(quiz, (content) => {
      content.questions[0].library = 'H5P.MultiChoice 1.15';
      content.questions[1].subContentId = 'm01-q-tf';
    }));
    expect(issues).toContain('missing-dependency');
    expect(issues).toContain('invalid-subcontent-id');
  });

  it('rejects the wrong library version for a field even without semantics, from the project’s library table', () => {
    const report = validatePackageFiles(mutated(book, (content) => { firstMultiChoice(content).library = 'H5P.QuestionSet 1.21'; }), { coreApi: '1.27' });
    expect(report.issues.find((i) => i.code === 'library-not-allowed')?.message).toBe('wrong library version: "H5P.QuestionSet 1.21", this field accepts "H5P.QuestionSet 1.20"');
    expect(codes(mutated(book, (content) => { content.chapters[1].library = 'H5P.Column 1.17'; }))).toContain('library-not-allowed');
  });

  it('rejects missing required h5p.json fields and a content file that is not in the archive', () => {
    expect(codes(mutated(book, (_c, h5p) => { delete h5p.title; h5p.license = 'cc-by'; }))).toEqual(expect.arrayContaining(['invalid-h5p-json']));
    const copy = new Map(book);
    const image = [...copy.keys()].find((name) => name.startsWith('content/images/'))!;
    copy.delete(image);
    expect(codes(copy)).toContain('missing-content-file');
  });

  it('rejects bundled libraries that need a newer core API or sit in a mismatched folder', () => {
    const copy = new Map(book);
    const library = { machineName: 'H5P.Column', majorVersion: 1, minorVersion: 18, patchVersion: 7, runnable: 1, coreApi: { majorVersion: 1, minorVersion: 28 } };
    copy.set('H5P.Column-1.18/library.json', Buffer.from(JSON.stringify(library)));
    copy.set('H5P.Colum-1.18/library.json', Buffer.from(JSON.stringify(library)));
    const issues = codes(copy);
    expect(issues).toContain('api-version-unsupported');
    expect(issues).toContain('library-directory-name-mismatch');
    // With one library folder present, every other needed library must be bundled too.
    expect(issues).toContain('missing-library');
  });
});

describe.skipIf(!hasStandards)('H5P package validator: content.json against semantics.json', () => {
  it('rejects the wrong library version for a field (Column 1.18 takes QuestionSet 1.20, not 1.21)', () => {
    const report = validatePackageFiles(
      mutated(book, (content) => {
        firstMultiChoice(content).library = 'H5P.QuestionSet 1.21';
      }),
      { semantics: standardsSemantics!, coreApi: '1.27' },
    );
    const issue = report.issues.find((i) => i.code === 'library-not-allowed');
    expect(issue?.message).toBe('wrong library version: "H5P.QuestionSet 1.21", this field accepts "H5P.QuestionSet 1.20"');
  });

  it('rejects a missing required field', () => {
    expect(codes(mutated(book, (content) => { delete firstMultiChoice(content).params.question; }), true)).toEqual(['missing-required-field']);
  });

  it('rejects a tag the field does not allow, and unsafe attributes', () => {
    expect(codes(mutated(book, (content) => { firstMultiChoice(content).params.question = '<table><tr><td>x</td></tr></table>'; }), true)).toEqual(
      expect.arrayContaining(['disallowed-tag']),
    );
    expect(codes(mutated(book, (content) => { firstMultiChoice(content).params.question = '<p onclick="x()">x</p>'; }), true)).toEqual(['disallowed-attribute']);
  });

  it('rejects unescaped plain text, unknown keys, invalid options and numbers out of range', () => {
    const issues = codes(
      mutated(quiz, (content) => {
        content.texts.next = 'Siguiente <b>';
        content.surprise = true;
        content.progressType = 'bars';
        content.passPercentage = 150;
      }),
      true,
    );
    expect(issues.sort()).toEqual(['invalid-option', 'out-of-range', 'unescaped-text', 'unknown-key']);
  });

  it('rejects sub-content metadata H5P would alter', () => {
    const issues = codes(mutated(quiz, (content) => { content.questions[0].metadata.title = '<b>Pregunta</b>'; content.questions[1].metadata.license = 'MIT'; }), true);
    expect(issues.sort()).toEqual(['invalid-option', 'unescaped-text']);
  });

  it('rejects a single-field group that is not flattened (book chapters)', () => {
    const issues = codes(mutated(book, (content) => { content.chapters = content.chapters.map((chapter: Json) => ({ chapter })); }), true);
    expect(issues).toEqual(['not-flattened', 'not-flattened']);
  });
});
