/**
 * The `lang` of every generated page is the language of the interface text it shows: the trainer
 * guide, the professional profile and the Moodle report, rendered for non-Spanish locales.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportHtml, summarise } from '../../plugin/src/report/render.ts';
import { guideFormat } from '../../scripts/guide/format.ts';
import { renderGuide } from '../../scripts/guide/render.ts';
import { guideFileName } from '../../scripts/guide/strings.ts';
import { MissingInterfaceStrings } from '../../scripts/i18n/resolve.ts';
import type { ProgrammeIR } from '../../scripts/ir/types.ts';
import { buildAssessmentMap } from '../../scripts/profile/assessment-map.ts';
import { summariseCohort } from '../../scripts/profile/cohort.ts';
import { computeLearnerProfile, defaultThresholds } from '../../scripts/profile/compute.ts';
import { renderCohortPage, renderLearnerPage } from '../../scripts/profile/render.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { profileProgramme } from '../profile/fixture.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-i18n-pages-'));

function withLocale(programme: ProgrammeIR, locale: string): ProgrammeIR {
  const modules = programme.modules.map((module) => ({ ...module, locale }));
  return { ...programme, variant: { ...programme.variant, locale }, modules, ...(programme.assessment ? { assessment: { ...programme.assessment, locale } } : {}) };
}

const htmlLang = (html: string) => html.match(/<html lang="([^"]+)">/)?.[1];

describe('trainer guide', () => {
  it.each([
    ['de-AT', 'Leitfaden für Kursleiterinnen und Kursleiter', 'Lösungen'],
    ['de-DE', 'Leitfaden für Trainerinnen und Trainer', 'Lösungen'],
    ['nl-BE', 'Handleiding voor de lesgever', 'Antwoordsleutel'],
    ['it-IT', 'Guida del formatore', 'Soluzioni'],
    ['pt-PT', 'Guia do formador', 'Chave de respostas'],
  ])('is written in %s and says so in lang', async (locale, title, answerKey) => {
    const { html } = await renderGuide(withLocale(sampleProgramme('es', path.join(dir, locale)), locale));
    expect(htmlLang(html)).toBe(locale);
    expect(html).toContain(title);
    expect(html).toContain(answerKey);
    expect(html).not.toContain('Guía del formador');
    expect(html).not.toContain('Clave de respuestas');
  });

  it.each([
    ['es-ES', 'guia-formador'],
    ['es-CO', 'guia-instructor'],
    ['it-IT', 'guida-formatore'],
    ['fr-BE', 'guide-formateur'],
    ['nl-BE', 'handleiding-lesgever'],
    ['de-AT', 'leitfaden-kursleitung'],
    ['en', 'trainer-guide'],
  ])('is written to a file named in %s: %s.html', async (locale, name) => {
    const root = path.join(dir, `file-${locale}`);
    const programme = withLocale(sampleProgramme('es', path.join(root, 'src')), locale);
    const artifacts = await guideFormat.build({ root, outDir: path.join(root, 'dist'), programme, options: { guidePdf: false }, report: () => undefined });
    expect(artifacts.map((artifact) => path.relative(root, artifact.path))).toEqual([`dist/es/guide/${name}.html`]);
  });

  it('takes its file name from the variant\'s ui, kept to letters, digits and dashes', () => {
    expect(guideFileName({ locale: 'es-CO', ui: { 'guide.fileName': 'Guía del facilitador' } })).toBe('guia-del-facilitador');
    expect(guideFileName({ locale: 'it-IT', ui: { 'guide.fileName': '../../etc/passwd' } })).toBe('etc-passwd');
    expect(guideFileName({ locale: 'it-IT', ui: { 'guide.fileName': '///' } })).toBe('guide');
  });

  it('refuses a locale with no interface strings', async () => {
    await expect(renderGuide(withLocale(sampleProgramme('es', path.join(dir, 'sv')), 'sv-SE'))).rejects.toThrow(MissingInterfaceStrings);
  });
});

describe('professional profile', () => {
  it('is written in the variant language (pt-PT) and says so in lang', () => {
    const programme = withLocale(profileProgramme('es', path.join(dir, 'profile')), 'pt-PT');
    const map = buildAssessmentMap(programme);
    const interactions = [1, 2, 3].map((n) => ({ id: `diag-sa.${n}`, response: '3', result: 'neutral', origin: { file: 'results.csv', row: n + 1 } }));
    const profile = computeLearnerProfile(map, { learnerId: 'L1', interactions, origin: { file: 'results.csv', row: 2 } }, [])!;
    const page = renderLearnerPage(profile, map, defaultThresholds);
    expect(htmlLang(page)).toBe('pt-PT');
    expect(page).toContain('Perfil profissional');
    expect(page).toContain('Confiança (autoavaliação)');
    expect(page).not.toContain('Confianza');
    const cohort = renderCohortPage(summariseCohort([profile], map, defaultThresholds), map, defaultThresholds, []);
    expect(htmlLang(cohort)).toBe('pt-PT');
    expect(cohort).toContain('Resumo da turma');
    expect(cohort).toContain('Perfis individuais');
  });
});

describe('Moodle report', () => {
  const summary = summarise({ generatedAt: '2026-12-01T10:00:00Z', participants: 0, courses: [], rows: [], courseCompletion: [] } as unknown as Parameters<typeof summarise>[0]);

  it('is written in the locale asked for and says so in lang', () => {
    const french = reportHtml(summary, 'fr-BE');
    expect(htmlLang(french)).toBe('fr-BE');
    expect(french).toContain('<h1>Avancement de la formation</h1>');
    expect(french).toContain('Pas de données.');
    expect(french).not.toContain('Progreso');
    expect(htmlLang(reportHtml(summary))).toBe('es');
    expect(reportHtml(summary)).toContain('<h1>Progreso de la formación</h1>');
  });

  it('refuses a locale with no strings', () => {
    expect(() => reportHtml(summary, 'sv-SE')).toThrow(MissingInterfaceStrings);
  });
});
