/**
 * The trainer guide of the real sample programme (content/ + modules/, through the real loader):
 * every face-to-face activity, trainer note, answer key, review and source of every module and of
 * the diagnostic assessment is in it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import { htmlToText } from '../../scripts/guide/escape.ts';
import { renderGuide, type RenderedGuide } from '../../scripts/guide/render.ts';
import type { Activity, ModuleIR, ProgrammeIR } from '../../scripts/ir/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function activitiesOf(module: ModuleIR): Activity[] {
  return module.lessons.flatMap((lesson) => lesson.blocks).flatMap((block): Activity[] => {
    if (block.kind === 'html' || block.kind === 'image') return [];
    return block.kind === 'quiz' ? [block, ...block.questions] : [block];
  });
}

describe('trainer guide of the sample programme (co)', () => {
  let programme: ProgrammeIR;
  let guide: RenderedGuide;

  beforeAll(async () => {
    const loaded = await loadProgramme(repoRoot, { variants: ['co'] });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    programme = loaded.programmes[0]!;
    guide = await renderGuide(programme);
  });

  it('inlines every image and reports no media problem', () => {
    expect(guide.problems.map((p) => p.message)).toEqual([]);
    expect(guide.html).not.toMatch(/<img\b[^>]*\bsrc="(?!data:)/);
  });

  it('has every activity of every module and of the assessment, face-to-face ones in full', () => {
    const modules = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
    expect(programme.assessment).toBeDefined();
    let faceToFace = 0;
    for (const module of modules) {
      for (const activity of activitiesOf(module)) {
        expect(guide.html, `${module.id}: ${activity.id}`).toContain(`data-activity-id="${activity.id}"`);
        if (activity.kind === 'face-to-face') {
          faceToFace++;
          expect(guide.html).toContain(activity.stepsHtml);
          for (const material of activity.materials) expect(guide.html).toContain(material);
        }
      }
    }
    expect(faceToFace).toBeGreaterThanOrEqual(programme.modules.length);
  });

  it('has every trainer note, every review and every cited source', () => {
    const text = htmlToText(guide.html);
    let notes = 0;
    for (const module of [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])]) {
      for (const lesson of module.lessons) for (const note of lesson.trainerNotes) {
        notes++;
        expect(guide.html).toContain(note.html);
      }
      for (const review of module.reviews) expect(text).toContain(`${review.source.file}:${review.source.line}`);
      for (const source of module.sources) expect(text).toContain(htmlToText(source.text));
    }
    expect(notes).toBeGreaterThan(0);
  });

  it('has a TOC entry for every module, lesson and chapter, each pointing at an id in the document', () => {
    for (const module of programme.modules) expect(guide.toc.some((entry) => entry.id === `mod-${module.id}`)).toBe(true);
    const lessons = programme.modules.reduce((sum, module) => sum + module.lessons.length, 0) + (programme.assessment?.lessons.length ?? 0);
    expect(guide.toc.filter((entry) => entry.level === 2)).toHaveLength(lessons);
    for (const entry of guide.toc) expect(guide.html).toContain(`id="${entry.id}"`);
    expect(new Set(guide.toc.map((entry) => entry.id)).size).toBe(guide.toc.length);
  });
});
