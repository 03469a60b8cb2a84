/**
 * Moodle's core competency functions on the test double: frameworks, competencies (a tree by
 * parentid) and course links, with the recorded Moodle 5.0 answer shapes. Signatures: the recorded
 * ones (../shared/moodle-recorded/functions.json) and, for the two update functions it lacks,
 * competency-signatures.json (extracted the same way from a Moodle 5.0.6+ site).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MoodleException, type FunctionHandler, type MoodleDouble } from './server.ts';
import type { FunctionSignature } from './signatures.ts';
import type { CompetencyFrameworkRecord, CompetencyRecord, DoubleState } from './state.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const extraSignatures = (JSON.parse(readFileSync(path.join(here, 'competency-signatures.json'), 'utf8')) as { functions: Record<string, FunctionSignature> }).functions;

const TIME = 1795353096;
const nextId = (map: Map<number, unknown>) => Math.max(0, ...map.keys()) + 1;

/** Moodle's persistent validation error for a taken idnumber (invalid_persistent_exception). */
const idnumberTaken = () => new MoodleException('core\\invalid_persistent_exception', 'invalidpersistent', 'Invalid persistent', 'idnumber: This ID number is already in use');

function frameworkShape(state: DoubleState, framework: CompetencyFrameworkRecord) {
  const count = [...state.competencies.values()].filter((c) => c.competencyframeworkid === framework.id).length;
  return {
    shortname: framework.shortname, idnumber: framework.idnumber, description: framework.description, descriptionformat: 1, visible: true, scaleid: framework.scaleid,
    scaleconfiguration: framework.scaleconfiguration, contextid: framework.contextid, taxonomies: framework.taxonomies, id: framework.id, timecreated: TIME, timemodified: TIME,
    usermodified: 2, canmanage: true, competenciescount: count, contextname: 'System', contextnamenoprefix: 'System',
  };
}

function competencyShape(state: DoubleState, competency: CompetencyRecord) {
  const ancestors: number[] = [];
  for (let parent = state.competencies.get(competency.parentid); parent; parent = state.competencies.get(parent.parentid)) ancestors.unshift(parent.id);
  return {
    shortname: competency.shortname, idnumber: competency.idnumber, description: competency.description, descriptionformat: 1, sortorder: competency.sortorder,
    parentid: competency.parentid, path: `/0/${ancestors.map((id) => `${id}/`).join('')}`, ruleoutcome: 0, ruletype: null, ruleconfig: null, scaleid: null,
    scaleconfiguration: null, competencyframeworkid: competency.competencyframeworkid, id: competency.id, timecreated: TIME, timemodified: TIME, usermodified: 2,
  };
}

type Fields<T> = Partial<T> & { id?: number };

export const competencyHandlers: Record<string, FunctionHandler> = {
  core_competency_list_competency_frameworks: (_params, { state }) => [...state.competencyFrameworks.values()].sort((a, b) => a.shortname.localeCompare(b.shortname)).map((f) => frameworkShape(state, f)),

  core_competency_create_competency_framework: ({ competencyframework: data }: { competencyframework: Fields<CompetencyFrameworkRecord> }, { state }) => {
    if ([...state.competencyFrameworks.values()].some((f) => f.idnumber === data.idnumber)) throw idnumberTaken();
    const record: CompetencyFrameworkRecord = {
      id: nextId(state.competencyFrameworks), shortname: data.shortname ?? '', idnumber: data.idnumber ?? '', description: data.description ?? '', contextid: data.contextid ?? 1,
      scaleid: data.scaleid ?? 0, scaleconfiguration: data.scaleconfiguration ?? '', taxonomies: data.taxonomies ?? '',
    };
    state.competencyFrameworks.set(record.id, record);
    return frameworkShape(state, record);
  },

  core_competency_update_competency_framework: ({ competencyframework: data }: { competencyframework: Fields<CompetencyFrameworkRecord> }, { state }) => {
    const record = state.competencyFrameworks.get(data.id ?? 0);
    if (!record) throw MoodleException.missingRecord('competency_framework', data.id ?? 0);
    if (data.idnumber !== undefined && [...state.competencyFrameworks.values()].some((f) => f.idnumber === data.idnumber && f.id !== record.id)) throw idnumberTaken();
    Object.assign(record, Object.fromEntries(Object.entries(data).filter(([key]) => key in record && key !== 'id')));
    return true;
  },

  core_competency_list_competencies: ({ filters }: { filters: Array<{ column: string; value: string }> }, { state }) => {
    return [...state.competencies.values()]
      .filter((competency) => filters.every((filter) => String((competency as unknown as Record<string, unknown>)[filter.column]) === filter.value))
      .map((competency) => competencyShape(state, competency));
  },

  core_competency_create_competency: ({ competency: data }: { competency: Fields<CompetencyRecord> }, { state }) => {
    const frameworkid = data.competencyframeworkid ?? 0;
    if (!state.competencyFrameworks.has(frameworkid)) throw MoodleException.missingRecord('competency_framework', frameworkid);
    const siblings = [...state.competencies.values()].filter((c) => c.competencyframeworkid === frameworkid);
    if (siblings.some((c) => c.idnumber === data.idnumber)) throw idnumberTaken();
    const parentid = data.parentid ?? 0;
    if (parentid && state.competencies.get(parentid)?.competencyframeworkid !== frameworkid) throw new MoodleException('core\\invalid_persistent_exception', 'invalidpersistent', 'Invalid persistent', 'parentid: Invalid data');
    const record: CompetencyRecord = {
      id: nextId(state.competencies), shortname: data.shortname ?? '', idnumber: data.idnumber ?? '', description: data.description ?? '', competencyframeworkid: frameworkid,
      parentid, sortorder: siblings.filter((c) => c.parentid === parentid).length,
    };
    state.competencies.set(record.id, record);
    return competencyShape(state, record);
  },

  core_competency_update_competency: ({ competency: data }: { competency: Fields<CompetencyRecord> }, { state }) => {
    const record = state.competencies.get(data.id ?? 0);
    if (!record) throw MoodleException.missingRecord('competency', data.id ?? 0);
    if (data.parentid !== undefined && data.parentid !== record.parentid) throw new MoodleException('coding_exception', 'codingerror', 'Coding error detected, it must be fixed by a programmer: Use the api::set_parent_competency() to change the parent of a competency.');
    for (const key of ['shortname', 'idnumber', 'description'] as const) if (data[key] !== undefined) record[key] = data[key]!;
    return true;
  },

  core_competency_add_competency_to_course: ({ courseid, competencyid }: { courseid: number; competencyid: number }, { state }) => {
    if (!state.courses.has(courseid)) throw MoodleException.missingRecord('course', courseid);
    if (!state.competencies.has(competencyid)) throw MoodleException.missingRecord('competency', competencyid);
    const linked = state.courseCompetencies.get(courseid) ?? [];
    if (linked.includes(competencyid)) return false;
    state.courseCompetencies.set(courseid, [...linked, competencyid]);
    return true;
  },

  core_competency_list_course_competencies: ({ id }: { id: number }, { state }) => {
    if (!state.courses.has(id)) throw MoodleException.missingRecord('course', id);
    return (state.courseCompetencies.get(id) ?? []).map((competencyid, sortorder) => ({
      competency: competencyShape(state, state.competencies.get(competencyid)!),
      coursecompetency: { courseid: id, competencyid, sortorder, ruleoutcome: 1, id: sortorder + 1, timecreated: TIME, timemodified: TIME, usermodified: 2 },
    }));
  },
};

/** Registers the competency functions on `double`, each with its signature. */
export function installCompetencyFunctions(double: MoodleDouble): MoodleDouble {
  for (const [name, handler] of Object.entries(competencyHandlers)) double.register(name, { handler, signature: extraSignatures[name] });
  return double;
}
