<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

namespace local_wecare\local;

/**
 * Reads a page of course progress with a fixed number of queries, whatever the page size:
 * enrolled users, completion states, course completions, grades and attempts, each in one query.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class course_progress {
    /**
     * One page of progress, shaped as local_wecare_get_course_progress returns it (without warnings).
     *
     * @param \stdClass $course course record
     * @param int $page page from 0
     * @param int $perpage page size
     * @param bool $onlyactive only active enrolments
     * @param bool $withgrades include grades
     * @return array
     */
    public static function read(\stdClass $course, int $page, int $perpage, bool $onlyactive, bool $withgrades): array {
        global $DB, $CFG;
        require_once($CFG->libdir . '/enrollib.php');
        $context = \context_course::instance($course->id);

        $gradeitems = self::grade_items($course->id);
        $activities = self::activities($course, $gradeitems);
        $total = count_enrolled_users($context, '', 0, $onlyactive);
        $users = get_enrolled_users($context, '', 0, 'u.id, u.username, u.idnumber', 'u.id ASC',
            $page * $perpage, $perpage, $onlyactive);

        $result = [
            'course' => [
                'id' => (int) $course->id,
                'shortname' => $course->shortname,
                'idnumber' => (string) $course->idnumber,
                'completionenabled' => (bool) $course->enablecompletion,
                'hascriteria' => $DB->record_exists('course_completion_criteria', ['course' => $course->id]),
            ],
            'activities' => array_values(array_map(fn($a) => $a['public'], $activities)),
            'totalparticipants' => $total,
            'page' => $page,
            'perpage' => $perpage,
            'participants' => [],
        ];
        if (!$users) {
            return $result;
        }

        $userids = array_keys($users);
        $active = self::active_users($context, $userids);
        $states = self::completion_states(array_keys($activities), $userids);
        $completions = self::course_completions($course->id, $userids);
        $grades = $withgrades ? self::grades($gradeitems, $userids) : [];
        $attempts = self::attempts($activities, $userids);
        $groups = self::groups((int) $course->id, $userids);

        foreach ($users as $user) {
            $participant = [
                'userid' => (int) $user->id,
                'username' => $user->username,
                'idnumber' => (string) $user->idnumber,
                'active' => isset($active[$user->id]),
                'coursecompleted' => !empty($completions[$user->id]),
                'timecompleted' => (int) ($completions[$user->id] ?? 0),
                'groups' => $groups[$user->id] ?? [],
                'activities' => [],
            ];
            if ($withgrades && isset($gradeitems['course'], $grades[$gradeitems['course']->id][$user->id])) {
                $participant['coursegrade'] = $grades[$gradeitems['course']->id][$user->id];
            }
            foreach ($activities as $cmid => $activity) {
                $state = $states[$cmid][$user->id] ?? null;
                $entry = [
                    'cmid' => $cmid,
                    'state' => $state ? (int) $state->completionstate : 0,
                    'timemodified' => $state ? (int) $state->timemodified : 0,
                ];
                $itemid = $activity['gradeitemid'];
                if ($withgrades && $itemid && isset($grades[$itemid][$user->id])) {
                    $entry['grade'] = $grades[$itemid][$user->id];
                }
                if (isset($activity['attempttable'])) {
                    $entry['attempts'] = (int) ($attempts[$cmid][$user->id] ?? 0);
                }
                $participant['activities'][] = $entry;
            }
            $result['participants'][] = $participant;
        }
        return $result;
    }

    /**
     * Course-total and activity (item number 0) grade items, keyed 'course' and 'modname:instance'.
     *
     * @param int $courseid course id
     * @return \stdClass[]
     */
    private static function grade_items(int $courseid): array {
        global $DB;
        $records = $DB->get_records_select('grade_items',
            "courseid = ? AND (itemtype = 'course' OR (itemtype = 'mod' AND itemnumber = 0))",
            [$courseid], 'id', 'id, itemtype, itemmodule, iteminstance, grademax, gradepass');
        $items = [];
        foreach ($records as $record) {
            $key = $record->itemtype === 'course' ? 'course' : $record->itemmodule . ':' . $record->iteminstance;
            $items[$key] = $record;
        }
        return $items;
    }

    /**
     * Activities that track completion or are graded, in course order.
     *
     * @param \stdClass $course course record
     * @param \stdClass[] $gradeitems from grade_items()
     * @return array cmid => ['public' => returned fields, 'gradeitemid' => ?int, 'attempttable' => ?string, 'instance' => int]
     */
    private static function activities(\stdClass $course, array $gradeitems): array {
        $modinfo = get_fast_modinfo($course, -1);
        $attempttables = ['scorm' => ['scorm_attempt', 'scormid'], 'h5pactivity' => ['h5pactivity_attempts', 'h5pactivityid']];
        $activities = [];
        foreach ($modinfo->get_cms() as $cm) {
            if (!empty($cm->deletioninprogress)) {
                continue;
            }
            $item = $gradeitems[$cm->modname . ':' . $cm->instance] ?? null;
            if (!$cm->completion && !$item) {
                continue;
            }
            $public = [
                'cmid' => (int) $cm->id,
                'idnumber' => (string) $cm->idnumber,
                'modname' => $cm->modname,
                'name' => $cm->name,
                'sectionnum' => (int) $cm->sectionnum,
                'visible' => (bool) $cm->visible,
                'completion' => (int) $cm->completion,
            ];
            if ($item) {
                $public['grademax'] = (float) $item->grademax;
                $public['gradepass'] = (float) $item->gradepass;
            }
            $activities[(int) $cm->id] = [
                'public' => $public,
                'gradeitemid' => $item ? (int) $item->id : null,
                'attempttable' => $attempttables[$cm->modname] ?? null,
                'instance' => (int) $cm->instance,
            ];
        }
        return $activities;
    }

    /**
     * Which of these users have an active enrolment.
     *
     * @param \context_course $context course context
     * @param int[] $userids users
     * @return array userid => true
     */
    private static function active_users(\context_course $context, array $userids): array {
        global $DB;
        [$enrolsql, $enrolparams] = get_enrolled_sql($context, '', 0, true);
        [$insql, $inparams] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED, 'au');
        $ids = $DB->get_fieldset_sql("SELECT je.id FROM ($enrolsql) je WHERE je.id $insql", $enrolparams + $inparams);
        return array_fill_keys($ids, true);
    }

    /**
     * Course groups of these users.
     *
     * @param int $courseid course
     * @param int[] $userids users
     * @return array userid => list of ['id', 'idnumber', 'name']
     */
    private static function groups(int $courseid, array $userids): array {
        global $DB;
        [$usql, $uparams] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED, 'u');
        $rs = $DB->get_recordset_sql("SELECT gm.id, gm.userid, g.id AS groupid, g.idnumber, g.name
                                        FROM {groups_members} gm
                                        JOIN {groups} g ON g.id = gm.groupid
                                       WHERE g.courseid = :courseid AND gm.userid $usql
                                    ORDER BY g.id", ['courseid' => $courseid] + $uparams);
        $groups = [];
        foreach ($rs as $record) {
            $groups[(int) $record->userid][] = ['id' => (int) $record->groupid, 'idnumber' => (string) $record->idnumber,
                'name' => $record->name];
        }
        $rs->close();
        return $groups;
    }

    /**
     * Stored completion states.
     *
     * @param int[] $cmids activities
     * @param int[] $userids users
     * @return array cmid => userid => record
     */
    private static function completion_states(array $cmids, array $userids): array {
        global $DB;
        if (!$cmids) {
            return [];
        }
        [$cmsql, $cmparams] = $DB->get_in_or_equal($cmids, SQL_PARAMS_NAMED, 'cm');
        [$usql, $uparams] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED, 'u');
        $rs = $DB->get_recordset_select('course_modules_completion', "coursemoduleid $cmsql AND userid $usql",
            $cmparams + $uparams, '', 'id, coursemoduleid, userid, completionstate, timemodified');
        $states = [];
        foreach ($rs as $record) {
            $states[(int) $record->coursemoduleid][(int) $record->userid] = $record;
        }
        $rs->close();
        return $states;
    }

    /**
     * Course completion times.
     *
     * @param int $courseid course
     * @param int[] $userids users
     * @return array userid => timecompleted (only completed users)
     */
    private static function course_completions(int $courseid, array $userids): array {
        global $DB;
        [$usql, $uparams] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED, 'u');
        return $DB->get_records_select_menu('course_completions',
            "course = :course AND userid $usql AND timecompleted IS NOT NULL AND timecompleted > 0",
            ['course' => $courseid] + $uparams, '', 'userid, timecompleted');
    }

    /**
     * Final grades.
     *
     * @param \stdClass[] $gradeitems from grade_items()
     * @param int[] $userids users
     * @return array itemid => userid => float
     */
    private static function grades(array $gradeitems, array $userids): array {
        global $DB;
        if (!$gradeitems) {
            return [];
        }
        [$isql, $iparams] = $DB->get_in_or_equal(array_map(fn($i) => (int) $i->id, array_values($gradeitems)),
            SQL_PARAMS_NAMED, 'gi');
        [$usql, $uparams] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED, 'u');
        $rs = $DB->get_recordset_select('grade_grades', "itemid $isql AND userid $usql AND finalgrade IS NOT NULL",
            $iparams + $uparams, '', 'id, itemid, userid, finalgrade');
        $grades = [];
        foreach ($rs as $record) {
            $grades[(int) $record->itemid][(int) $record->userid] = (float) $record->finalgrade;
        }
        $rs->close();
        return $grades;
    }

    /**
     * SCORM and H5P attempts started per activity and user.
     *
     * @param array $activities from activities()
     * @param int[] $userids users
     * @return array cmid => userid => count
     */
    private static function attempts(array $activities, array $userids): array {
        global $DB;
        $bytable = [];
        foreach ($activities as $cmid => $activity) {
            if ($activity['attempttable']) {
                [$table, $field] = $activity['attempttable'];
                $bytable[$table]['field'] = $field;
                $bytable[$table]['instances'][$activity['instance']] = $cmid;
            }
        }
        $counts = [];
        $manager = $DB->get_manager();
        foreach ($bytable as $table => $spec) {
            if (!$manager->table_exists($table)) {
                continue;
            }
            $field = $spec['field'];
            [$isql, $iparams] = $DB->get_in_or_equal(array_keys($spec['instances']), SQL_PARAMS_NAMED, 'i');
            [$usql, $uparams] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED, 'u');
            $rs = $DB->get_recordset_sql("SELECT $field AS instance, userid, COUNT(DISTINCT attempt) AS attempts
                                            FROM {{$table}}
                                           WHERE $field $isql AND userid $usql
                                        GROUP BY $field, userid", $iparams + $uparams);
            foreach ($rs as $record) {
                $cmid = $spec['instances'][(int) $record->instance];
                $counts[$cmid][(int) $record->userid] = (int) $record->attempts;
            }
            $rs->close();
        }
        return $counts;
    }
}
