/**
 * One schema per YAML concern. Each field's `doc` says what it means; docs/authoring.md repeats
 * these descriptions with examples.
 */
import { words } from '../validate/messages.ts';
import {
  anything, array, frameworkId, id, minutes, number, object, oneOf, optional, percentage, record, required, text, url, variantCode,
} from './schema.ts';
import type { z } from 'zod';

const buildFormats = ['scorm12', 'scorm2004', 'web', 'h5p', 'guide', 'mbz', 'moodlexml', 'gift'] as const;

/** `content/programme.yaml`. Unknown top-level keys are errors. */
export const programmeSchema = object({
  id: required(id(), 'Programme id: lower-case letters, digits and dashes; used in package identifiers.'),
  title: required(text(), 'Programme title shown to learners and trainers.'),
  language: required(oneOf(['es', 'en'] as const), 'Language of the text, and default language of `wecare check` messages.'),
  variants: optional(array(variantCode(), { min: 1 }), 'Variant codes shipped, in order; default: every file in content/variants/, sorted.'),
  defaults: optional(
    object({
      passMark: optional(percentage(), 'Percentage a learner needs on a module\'s scored quizzes; default 70.'),
      formats: optional(array(oneOf(buildFormats)), 'Formats `wecare build` writes when none is asked for; default: all.'),
    }),
    'Defaults modules inherit.',
  ),
  moodle: optional(anything(), 'Moodle connection and course settings, read by `wecare moodle` (see docs/moodle.md).'),
});
export type ProgrammeYaml = z.output<typeof programmeSchema>;

const citation = object({
  text: required(text(), 'How the source is cited, e.g. "Real Decreto 1593/2011".'),
  url: optional(url(), 'Where to read it.'),
});

/** `content/variants/<code>.yaml`. Keys outside the shape are free data for `:var[path]`. */
export const variantSchema = object(
  {
    code: required(variantCode(), 'Two-letter code; must match the file name.'),
    name: required(text(), 'Country name in the programme language.'),
    locale: required(text({ pattern: /^[a-z]{2,3}(?:-[A-Z]{2})?$/, expected: () => 'es-ES, es-CO, it-IT…' }), 'BCP 47 locale of the learner text.'),
    currency: required(
      object({ code: required(text({ pattern: /^[A-Z]{3}$/, expected: () => 'ISO 4217 (EUR, COP…)' }), 'ISO 4217 code.'), symbol: required(text(), 'Symbol, e.g. €.') }),
      'Currency for prices and wages.',
    ),
    emergencyNumber: required(text(), 'Number to call in an emergency (`:var[emergencyNumber]`).'),
    legalReferences: optional(
      array(object({ id: required(id(), 'Id for `:cite{ref=…}`.'), title: required(text(), 'Citation text.'), url: optional(url(), 'Where to read it.') })),
      'Legal references lessons cite by id with `:cite{ref=id}`.',
    ),
    ui: optional(record(text({ nonEmpty: false })), 'Overrides of player interface strings, by key.'),
    localise: optional(
      object({
        from: required(variantCode(), 'Variant the values were copied from by `wecare variant add`.'),
        values: required(record(text()), 'Key path → digest of the copied value; `wecare check` warns while the value is unchanged.'),
      }),
      'Values still holding another country\'s data (written by `wecare variant add`); delete a line once its value is this country\'s.',
    ),
  },
  { unknownKeys: 'keep' },
);
export type VariantYaml = z.output<typeof variantSchema>;

/** `content/competences.yaml`. */
export const competencesSchema = object({
  areas: required(
    array(
      object({
        id: required(frameworkId(), 'Area id, e.g. A1.'),
        title: required(text(), 'Area title.'),
        competences: required(
          array(
            object({
              id: required(frameworkId(), 'Competence id, e.g. C1.1; modules and activities refer to it.'),
              title: required(text(), 'Competence title.'),
              description: optional(text(), 'Longer description.'),
              outcomes: optional(
                array(
                  object({
                    id: required(frameworkId(), 'Outcome id, e.g. C1.1-K1.'),
                    type: required(oneOf(['knowledge', 'skills', 'autonomy'] as const), 'EQF descriptor type.'),
                    eqf: required(number({ min: 1, max: 8, integer: true, expected: (lang) => words[lang].eqf }), 'EQF level 1–8.'),
                    text: required(text(), 'The outcome, as the learner will be able to do it.'),
                  }),
                ),
                'Learning outcomes of the competence.',
              ),
              national: optional(
                record(object({ text: required(text(), 'What the national framework says.'), sources: optional(array(citation), 'Its sources.') })),
                'Per-variant national entries, by variant code.',
              ),
            }),
          ),
          'Competences in the area.',
        ),
      }),
    ),
    'Competence areas, in order.',
  ),
});
export type CompetencesYaml = z.output<typeof competencesSchema>;

/** `content/glossary.yaml`. Per-variant wording under the variant code (`es:`, `co:`). */
export const glossaryTermSchema = object(
  {
    id: required(id(), 'Term id used in `:term[id]`.'),
    default: required(text(), 'Wording for variants without their own.'),
    definition: optional(text(), 'Definition shown in the glossary.'),
  },
  // Per-variant wording: any two-letter key.
  { unknownKeys: 'keep' },
);

export const glossarySchema = object({
  terms: required(
    array(glossaryTermSchema),
    'Glossary terms.',
  ),
});

/** Front matter of `modules/<nn-slug>/module.md` (and `content/assessment/module.md`). */
export const moduleFrontMatterSchema = object({
  id: required(id(), 'Stable module id, unique in the programme.'),
  title: required(text(), 'Module title.'),
  summary: optional(text(), 'One or two sentences for catalogues.'),
  duration: optional(
    object({ online: optional(minutes(), 'Online minutes.'), faceToFace: optional(minutes(), 'Face-to-face minutes.') }),
    'Planned time in minutes.',
  ),
  competences: optional(array(frameworkId()), 'Competence ids the module covers.'),
  outcomes: optional(
    array(frameworkId()),
    'Learning outcome ids the module teaches, listed to learners as what they will be able to do; default: every outcome of its competences.',
  ),
  passMark: optional(percentage(), 'Percentage to pass; default: the programme default.'),
  variants: optional(array(variantCode(), { min: 1 }), 'Variants the module exists in; default: all.'),
});
export type ModuleFrontMatter = z.output<typeof moduleFrontMatterSchema>;

/** Front matter of a lesson file `NN-slug.md`. */
export const lessonFrontMatterSchema = object({
  id: required(id(), 'Stable lesson id, unique in its module.'),
  title: required(text(), 'Lesson title.'),
  variants: optional(array(variantCode(), { min: 1 }), 'Variants the lesson exists in; default: all the module\'s.'),
});
export type LessonFrontMatter = z.output<typeof lessonFrontMatterSchema>;

export const freeData = anything;
