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

namespace local_wecare\external;

use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use core_external\external_warnings;
use local_wecare\local\course_progress;

/**
 * local_wecare_get_course_progress: one page of a course's enrolled participants with their
 * activity completion, grades, SCORM/H5P attempts and course completion. Core Moodle needs one
 * call per participant for activity completion; this needs one call per page.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_course_progress extends external_api {
    /** Largest page the function serves. */
    const MAX_PER_PAGE = 500;

    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'Course id'),
            'page' => new external_value(PARAM_INT, 'Page of participants, from 0 (ordered by user id)', VALUE_DEFAULT, 0),
            'perpage' => new external_value(PARAM_INT, 'Participants per page, 1-' . self::MAX_PER_PAGE, VALUE_DEFAULT, 100),
            'onlyactive' => new external_value(PARAM_BOOL,
                'Only participants with an active enrolment (suspended ones are otherwise included and flagged)',
                VALUE_DEFAULT, false),
        ]);
    }

    /**
     * Reads one page of progress.
     *
     * @param int $courseid course id
     * @param int $page page number from 0
     * @param int $perpage participants per page
     * @param bool $onlyactive only active enrolments
     * @return array
     */
    public static function execute(int $courseid, int $page = 0, int $perpage = 100, bool $onlyactive = false): array {
        $params = self::validate_parameters(self::execute_parameters(),
            ['courseid' => $courseid, 'page' => $page, 'perpage' => $perpage, 'onlyactive' => $onlyactive]);
        if ($params['page'] < 0) {
            throw new \invalid_parameter_exception('page must be 0 or more');
        }
        if ($params['perpage'] < 1 || $params['perpage'] > self::MAX_PER_PAGE) {
            throw new \invalid_parameter_exception('perpage must be between 1 and ' . self::MAX_PER_PAGE);
        }
        $course = get_course($params['courseid']);
        $context = \context_course::instance($course->id);
        self::validate_context($context);
        require_capability('local/wecare:viewprogress', $context);

        $warnings = [];
        $withgrades = has_capability('moodle/grade:viewall', $context);
        if (!$withgrades) {
            $warnings[] = ['item' => 'course', 'itemid' => $course->id, 'warningcode' => 'nogradeaccess',
                'message' => get_string('nogradeaccess', 'local_wecare')];
        }
        $result = course_progress::read($course, $params['page'], $params['perpage'], $params['onlyactive'], $withgrades);
        $result['warnings'] = $warnings;
        return $result;
    }

    /**
     * Return description.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'course' => new external_single_structure([
                'id' => new external_value(PARAM_INT, 'Course id'),
                'shortname' => new external_value(PARAM_TEXT, 'Course short name'),
                'idnumber' => new external_value(PARAM_RAW, 'Course idnumber'),
                'completionenabled' => new external_value(PARAM_BOOL, 'Completion tracking is on'),
                'hascriteria' => new external_value(PARAM_BOOL, 'Course completion criteria are set'),
            ], 'The course'),
            'activities' => new external_multiple_structure(new external_single_structure([
                'cmid' => new external_value(PARAM_INT, 'Course module id'),
                'idnumber' => new external_value(PARAM_RAW, 'Course-module idnumber ("" when none)'),
                'modname' => new external_value(PARAM_PLUGIN, 'Module type, e.g. scorm, h5pactivity, quiz'),
                'name' => new external_value(PARAM_TEXT, 'Activity name'),
                'sectionnum' => new external_value(PARAM_INT, 'Section number'),
                'visible' => new external_value(PARAM_BOOL, 'Visible to learners'),
                'completion' => new external_value(PARAM_INT, 'Completion tracking: 0 none, 1 manual, 2 automatic'),
                'grademax' => new external_value(PARAM_FLOAT, 'Maximum grade, when the activity has a grade item',
                    VALUE_OPTIONAL),
                'gradepass' => new external_value(PARAM_FLOAT, 'Passing grade (0 = none), when graded', VALUE_OPTIONAL),
            ]), 'Activities that track completion or have a grade, in course order'),
            'totalparticipants' => new external_value(PARAM_INT, 'Participants in the course (all pages)'),
            'page' => new external_value(PARAM_INT, 'This page'),
            'perpage' => new external_value(PARAM_INT, 'Page size'),
            'participants' => new external_multiple_structure(new external_single_structure([
                'userid' => new external_value(PARAM_INT, 'User id'),
                'username' => new external_value(PARAM_RAW, 'Username'),
                'idnumber' => new external_value(PARAM_RAW, 'User idnumber (the programme\'s participant id)'),
                'active' => new external_value(PARAM_BOOL, 'Enrolment active (false: suspended or outside its dates)'),
                'coursecompleted' => new external_value(PARAM_BOOL, 'Course completed'),
                'timecompleted' => new external_value(PARAM_INT, 'When the course was completed (0 = not yet)'),
                'coursegrade' => new external_value(PARAM_FLOAT, 'Course total, when graded', VALUE_OPTIONAL),
                'groups' => new external_multiple_structure(new external_single_structure([
                    'id' => new external_value(PARAM_INT, 'Group id'),
                    'idnumber' => new external_value(PARAM_RAW, 'Group idnumber ("" when none)'),
                    'name' => new external_value(PARAM_TEXT, 'Group name'),
                ]), 'The participant\'s groups in this course'),
                'activities' => new external_multiple_structure(new external_single_structure([
                    'cmid' => new external_value(PARAM_INT, 'Course module id'),
                    'state' => new external_value(PARAM_INT,
                        'Completion state: 0 incomplete, 1 complete, 2 complete and passed, 3 complete and failed'),
                    'timemodified' => new external_value(PARAM_INT, 'When the state last changed (0 = never)'),
                    'grade' => new external_value(PARAM_FLOAT, 'Final grade, when graded', VALUE_OPTIONAL),
                    'attempts' => new external_value(PARAM_INT, 'SCORM or H5P attempts started', VALUE_OPTIONAL),
                ]), 'One entry per activity of the activities list, same order'),
            ]), 'This page\'s participants, by user id'),
            'warnings' => new external_warnings(),
        ]);
    }
}
