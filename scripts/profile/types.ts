/**
 * The professional profile: what `wecare profile` reads and computes.
 *
 * Any results source (a CSV or JSON exported from an LMS, SCORM tracks pulled from Moodle by
 * `wecare moodle report`) is first turned into `LearnerInteractions`, the one adapter type the
 * computation reads. docs/profile.md documents the file formats.
 */

/** Where a record came from, for messages that send staff to the right row. */
export interface RecordOrigin {
  file: string;
  /** 1-based row (CSV, counting the header as row 1) or record number (JSON, SCORM). */
  row?: number;
  /** A JSON path or SCORM element, when more precise than the row. */
  pointer?: string;
}

/** One recorded answer: the SCORM interaction fields the profile needs. */
export interface InteractionRecord {
  /** The interaction id, as the player writes it (docs/tracking.md): activity id, or `<activityId>.<statementId>`. */
  id: string;
  /** SCORM 1.2 `student_response` / 2004 `learner_response`; may be empty (a question not answered). */
  response: string;
  /** `correct`, `wrong` / `incorrect`, `neutral`, … when the source has it; otherwise the response is scored from the assessment. */
  result?: string;
  /** ISO time or SCORM time, informative only. */
  timestamp?: string;
  /** `h5p-subcontent`: `id` is an H5P subContentId (a UUID derived from the activity id), resolved through the assessment. */
  idKind?: 'h5p-subcontent';
  origin: RecordOrigin;
}

/** A learner's interactions with the diagnostic assessment, in the order they were recorded. */
export interface LearnerInteractions {
  learnerId: string;
  name?: string;
  /** Variant code (`es`, `co`); absent: the programme's default variant for this run. */
  variant?: string;
  interactions: InteractionRecord[];
  origin: RecordOrigin;
}

export type ResultsFormat = 'csv' | 'json' | 'scorm' | 'h5p';

/** Thresholds, as fractions 0–1. Defaults in compute.ts, documented in docs/profile.md. */
export interface ProfileThresholds {
  /** Knowledge below this is a gap. */
  lowKnowledge: number;
  /** Knowledge at or above this is high (for under-confidence). */
  highKnowledge: number;
  /** Confidence at or above this is high (for over-confidence). */
  highConfidence: number;
  /** Confidence below this is low (for under-confidence). */
  lowConfidence: number;
  /** Cohort summary: a competence is lacking when at least this share of learners has a knowledge gap in it. */
  cohortLacking: number;
}

export type GapKind = 'knowledge' | 'over-confidence' | 'under-confidence';

export interface Measure {
  /** 0–1, or null when nothing was answered: never a silent zero. */
  value: number | null;
  answered: number;
  total: number;
}

export interface CompetenceResult {
  competenceId: string;
  title: string;
  areaId: string;
  confidence: Measure;
  knowledge: Measure;
  gaps: GapKind[];
  /** Module ids whose competences include this one, in programme order. */
  modules: string[];
}

export interface AreaResult {
  areaId: string;
  title: string;
  confidence: Measure;
  knowledge: Measure;
  competences: CompetenceResult[];
}

export interface LearnerProfile {
  learnerId: string;
  name?: string;
  variant: string;
  areas: AreaResult[];
  /** Module ids that close at least one gap, most gaps closed first. */
  recommendedModules: Array<{ moduleId: string; title: string; competences: string[] }>;
  /** Interactions that were known but not used (reflections, duplicates overridden by later records). */
  ignored: number;
  /** Questions or statements of the assessment this learner did not answer. */
  unanswered: number;
}
