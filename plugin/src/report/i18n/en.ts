/** The Moodle progress report's text in English: the reference catalogue. `{name}` marks a placeholder. */
export const en = {
  title: 'Training progress',
  meta: 'Generated {date} · {participants} participants · personal data: participant id only.',
  noData: 'No data.',
  byIntake: 'Progress by intake',
  byVariant: 'Progress by variant (country)',
  byModule: 'Progress by module (activity)',
  averageScore: 'average {score} %',
  stuckTitle: 'Where participants stop',
  stuckIntro: 'Each participant’s first incomplete activity, by course; in brackets, days since their last progress in the course.',
  noActivity: 'no activity',
  startedUndated: 'started, no date recorded',
  idleDays: '{n} d',
  nobodyStuck: 'Nobody: everyone has completed their activities.',
  courses: 'Courses',
  course: 'Course',
  activity: 'Activity',
  variant: 'Variant',
  participants: 'Participants',
  identifiers: 'Ids',
  activities: 'Activities',
  courseCompleted: 'Course completed',
  noCompletionCriteria: 'no completion criteria',
};

export type ReportStrings = typeof en;
