/**
 * The Moodle test double. `createMoodleDouble()` gives a site with the core functions the toolkit
 * uses; `double.register(name, { handler, signature? })` and `double.route(path, handler)` add more
 * (the local_wecare functions and webservice/upload.php live in their own file).
 */
import { installCompetencyFunctions } from './competencies.ts';
import { installCoreFunctions } from './core-functions.ts';
import { MoodleDouble, type MoodleDoubleOptions } from './server.ts';

export { MoodleDouble, MoodleException, type Fault, type FaultKind, type FunctionHandler, type HandlerContext, type MoodleDoubleOptions, type RecordedCall } from './server.ts';
export { recordedSignatures, recordedDir, validateParams, checkReturns, type FunctionSignature, type Desc } from './signatures.ts';
export { seedCourse, seedUser, seedModule, seedEnrolment, seedProgress, nextId, type DoubleState } from './state.ts';
export { coreHandlers, installCoreFunctions } from './core-functions.ts';
export { competencyHandlers, installCompetencyFunctions } from './competencies.ts';

export function createMoodleDouble(options: MoodleDoubleOptions = {}): MoodleDouble {
  return installCompetencyFunctions(installCoreFunctions(new MoodleDouble(options)));
}
