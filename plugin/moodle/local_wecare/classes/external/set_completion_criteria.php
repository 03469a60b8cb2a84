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
use moodle_exception;

/**
 * local_wecare_set_completion_criteria: course completion requires every listed activity, found by
 * idnumber. No core web service sets course completion criteria.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class set_completion_criteria extends external_api {
    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'Course id'),
            'idnumbers' => new external_multiple_structure(
                new external_value(PARAM_RAW_TRIMMED, 'Course-module idnumber of an activity that tracks completion'),
                'Activities that must all be complete for the course to be complete'
            ),
            'unlock' => new external_value(PARAM_BOOL,
                'Replace criteria even when learners already have course completion data (that data is deleted and '
                . 'recalculated by Moodle\'s completion tasks); without it such a change is refused', VALUE_DEFAULT, false),
        ]);
    }

    /**
     * Sets the criteria.
     *
     * @param int $courseid course id
     * @param string[] $idnumbers activity idnumbers
     * @param bool $unlock allow replacing locked criteria
     * @return array
     */
    public static function execute(int $courseid, array $idnumbers, bool $unlock = false): array {
        global $CFG, $DB;
        require_once($CFG->libdir . '/completionlib.php');
        require_once($CFG->dirroot . '/completion/criteria/completion_criteria_activity.php');

        $params = self::validate_parameters(self::execute_parameters(),
            ['courseid' => $courseid, 'idnumbers' => $idnumbers, 'unlock' => $unlock]);
        $course = get_course($params['courseid']);
        $context = \context_course::instance($course->id);
        self::validate_context($context);
        require_capability('local/wecare:deploy', $context);
        require_capability('moodle/course:update', $context);

        if (!$params['idnumbers']) {
            throw new moodle_exception('noactivities', 'local_wecare');
        }
        $cmids = [];
        foreach (array_unique($params['idnumbers']) as $idnumber) {
            $cm = deployed_activity::find($course->id, $idnumber);
            if (!$cm) {
                throw new moodle_exception('activitynotfound', 'local_wecare', '', s($idnumber));
            }
            if (!$cm->completion) {
                throw new moodle_exception('activitynotracking', 'local_wecare', '', s($idnumber));
            }
            $cmids[] = (int) $cm->id;
        }
        sort($cmids);

        $completion = new \completion_info($course);
        $current = [];
        foreach ($completion->get_criteria(COMPLETION_CRITERIA_TYPE_ACTIVITY) as $criterion) {
            $current[] = (int) $criterion->moduleinstance;
        }
        sort($current);
        $othercriteria = $DB->count_records_select('course_completion_criteria',
            'course = ? AND criteriatype <> ?', [$course->id, COMPLETION_CRITERIA_TYPE_ACTIVITY]);
        $aggregationok = (int) $completion->get_aggregation_method() === COMPLETION_AGGREGATION_ALL
            && (int) $completion->get_aggregation_method(COMPLETION_CRITERIA_TYPE_ACTIVITY) === COMPLETION_AGGREGATION_ALL;
        if ($current === $cmids && !$othercriteria && $aggregationok) {
            return ['status' => 'unchanged', 'cmids' => $cmids, 'warnings' => []];
        }
        if ($completion->is_course_locked() && !$params['unlock']) {
            throw new moodle_exception('criterialocked', 'local_wecare');
        }

        $transaction = $DB->start_delegated_transaction();
        if (!$course->enablecompletion) {
            $DB->set_field('course', 'enablecompletion', 1, ['id' => $course->id]);
            $course->enablecompletion = 1;
        }
        $completion = new \completion_info($course);
        $completion->clear_criteria(false);
        $criterion = new \completion_criteria_activity();
        $data = (object) ['id' => $course->id, 'criteria_activity' => array_fill_keys($cmids, 1)];
        $criterion->update_config($data);
        foreach ([null, COMPLETION_CRITERIA_TYPE_ACTIVITY] as $type) {
            $aggregation = new \completion_aggregation(['course' => $course->id, 'criteriatype' => $type]);
            $aggregation->setMethod(COMPLETION_AGGREGATION_ALL);
            $aggregation->save();
        }
        $transaction->allow_commit();
        rebuild_course_cache($course->id, true);

        \core\event\course_completion_updated::create(['courseid' => $course->id, 'context' => $context])->trigger();
        return ['status' => $current ? 'updated' : 'created', 'cmids' => $cmids, 'warnings' => []];
    }

    /**
     * Return description.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'status' => new external_value(PARAM_ALPHA, 'created, updated or unchanged'),
            'cmids' => new external_multiple_structure(
                new external_value(PARAM_INT, 'Course module id'), 'Activities the course completion now requires'),
            'warnings' => new \core_external\external_warnings(),
        ]);
    }
}
