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
use local_wecare\local\deployed_activity;

/**
 * local_wecare_get_deployed_packages: what a course holds under the toolkit's idnumbers, so that
 * `wecare moodle deploy` can plan (and skip unchanged packages) without uploading anything.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_deployed_packages extends external_api {
    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'Course id'),
            'idnumberprefix' => new external_value(PARAM_RAW_TRIMMED,
                'Only activities whose idnumber starts with this ("" = every SCORM and H5P activity with an idnumber)',
                VALUE_DEFAULT, ''),
        ]);
    }

    /**
     * Lists the course's SCORM and H5P activities that have an idnumber.
     *
     * @param int $courseid course id
     * @param string $idnumberprefix idnumber prefix
     * @return array
     */
    public static function execute(int $courseid, string $idnumberprefix = ''): array {
        $params = self::validate_parameters(self::execute_parameters(),
            ['courseid' => $courseid, 'idnumberprefix' => $idnumberprefix]);
        $course = get_course($params['courseid']);
        $context = \context_course::instance($course->id);
        self::validate_context($context);
        require_capability('local/wecare:deploy', $context);

        $activities = [];
        foreach (deployed_activity::list($course->id, $params['idnumberprefix']) as $cm) {
            $activities[] = deployed_activity::describe($cm);
        }
        return [
            'courseid' => (int) $course->id,
            'completionenabled' => (bool) $course->enablecompletion,
            'activities' => $activities,
        ];
    }

    /**
     * One activity, as deploy_package compares it.
     *
     * @return external_single_structure
     */
    public static function activity_structure(): external_single_structure {
        return new external_single_structure([
            'cmid' => new external_value(PARAM_INT, 'Course module id'),
            'instanceid' => new external_value(PARAM_INT, 'Id of the scorm or h5pactivity instance'),
            'idnumber' => new external_value(PARAM_RAW, 'Course-module idnumber'),
            'type' => new external_value(PARAM_ALPHANUMEXT, 'scorm or h5pactivity'),
            'name' => new external_value(PARAM_TEXT, 'Activity name'),
            'intro' => new external_value(PARAM_RAW, 'Summary as stored'),
            'sectionnum' => new external_value(PARAM_INT, 'Section number'),
            'visible' => new external_value(PARAM_BOOL, 'Visible to learners'),
            'packagehash' => new external_value(PARAM_ALPHANUM, 'SHA-1 (hex) of the package file, "" when none'),
            'packagefilename' => new external_value(PARAM_FILE, 'File name of the package, "" when none'),
            'completion' => new external_value(PARAM_ALPHA,
                'Completion rule: none, passed, completed, passedorcompleted, passgrade, or other (set by hand)'),
            'passmark' => new external_value(PARAM_FLOAT, 'Passing grade as a percentage of the maximum grade (0 = none)'),
            'settingsmatch' => new external_value(PARAM_BOOL,
                'Whether grading and display settings are the toolkit\'s (false: the next deployment resets them)'),
        ]);
    }

    /**
     * Return description.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'courseid' => new external_value(PARAM_INT, 'Course id'),
            'completionenabled' => new external_value(PARAM_BOOL, 'Whether completion tracking is on in the course'),
            'activities' => new external_multiple_structure(self::activity_structure(), 'Activities, oldest first'),
        ]);
    }
}
