/**
 * The idnumbers of the programme's competency framework in Moodle, shared by
 * `wecare moodle competencies` (which creates it) and the course backup (whose competency links
 * Moodle's restore maps by these idnumbers).
 */
import type { ProgrammeInfo } from '../../ir/types.ts';

/** Framework idnumber: the programme id (`wecare-hca`). */
export const frameworkIdnumber = (programme: Pick<ProgrammeInfo, 'id'>) => programme.id;

/** Areas, competences and outcomes keep their framework ids (`A1`, `C1.1`, `C1.1-K1`). */
export const competencyIdnumber = (id: string) => id;
