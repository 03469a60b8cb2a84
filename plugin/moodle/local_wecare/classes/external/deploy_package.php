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
use local_wecare\local\activity_settings;
use local_wecare\local\deployer;
use moodle_exception;

/**
 * local_wecare_deploy_package: create, or update in place, the SCORM or H5P activity a course holds
 * under a stable idnumber, from a package the caller uploaded with webservice/upload.php.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class deploy_package extends external_api {
    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'Id of the course the activity belongs to'),
            'sectionnum' => new external_value(PARAM_INT, 'Section number (0 = general section); created when missing'),
            'idnumber' => new external_value(PARAM_RAW_TRIMMED,
                'Stable course-module idnumber (letters, digits, . _ : -; at most 100 characters) that identifies '
                . 'the activity across deployments'),
            'type' => new external_value(PARAM_ALPHANUMEXT, 'Activity type: scorm or h5pactivity'),
            'name' => new external_value(PARAM_TEXT, 'Activity name shown in the course'),
            'draftitemid' => new external_value(PARAM_INT,
                'Draft item id from webservice/upload.php holding exactly one package file; 0 to change only '
                . 'settings of an existing activity', VALUE_DEFAULT, 0),
            'packagehash' => new external_value(PARAM_ALPHANUM,
                'SHA-1 (hex) of the package: checked against the uploaded file, or, without an upload, against the '
                . 'deployed package', VALUE_DEFAULT, ''),
            'intro' => new external_value(PARAM_TEXT, 'Plain-text summary of the activity', VALUE_DEFAULT, ''),
            'sectionname' => new external_value(PARAM_TEXT,
                'Name given to the section when it is created or has no name yet (never renames a named section)',
                VALUE_DEFAULT, ''),
            'completion' => new external_value(PARAM_ALPHA,
                'Completion rule: passed, completed or passedorcompleted (SCORM status), passgrade (grade at or '
                . 'above passmark), none', VALUE_DEFAULT, 'passedorcompleted'),
            'passmark' => new external_value(PARAM_FLOAT, 'Passing grade as a percentage 0-100 (required by passgrade)',
                VALUE_DEFAULT, 0),
            'visible' => new external_value(PARAM_BOOL,
                'Visible to learners; omitted = visible when created, unchanged when updated', VALUE_DEFAULT, null,
                NULL_ALLOWED),
        ]);
    }

    /**
     * Deploys one package.
     *
     * @param int $courseid course id
     * @param int $sectionnum section number
     * @param string $idnumber course-module idnumber
     * @param string $type scorm or h5pactivity
     * @param string $name activity name
     * @param int $draftitemid draft item id holding the package, or 0
     * @param string $packagehash SHA-1 of the package, or ''
     * @param string $intro summary
     * @param string $sectionname name for a new section
     * @param string $completion completion rule
     * @param float $passmark passing percentage
     * @param bool|null $visible visibility
     * @return array
     */
    public static function execute(int $courseid, int $sectionnum, string $idnumber, string $type, string $name,
            int $draftitemid = 0, string $packagehash = '', string $intro = '', string $sectionname = '',
            string $completion = 'passedorcompleted', float $passmark = 0, ?bool $visible = null): array {
        $params = self::validate_parameters(self::execute_parameters(), [
            'courseid' => $courseid, 'sectionnum' => $sectionnum, 'idnumber' => $idnumber, 'type' => $type,
            'name' => $name, 'draftitemid' => $draftitemid, 'packagehash' => $packagehash, 'intro' => $intro,
            'sectionname' => $sectionname, 'completion' => $completion, 'passmark' => $passmark, 'visible' => $visible,
        ]);

        $course = get_course($params['courseid']);
        $context = \context_course::instance($course->id);
        self::validate_context($context);
        require_capability('local/wecare:deploy', $context);
        require_capability('moodle/course:manageactivities', $context);

        if (!preg_match('/^[A-Za-z0-9._:-]{1,100}$/', $params['idnumber'])) {
            throw new moodle_exception('invalididnumber', 'local_wecare', '', s($params['idnumber']));
        }
        if (!in_array($params['type'], activity_settings::TYPES, true)) {
            throw new moodle_exception('invalidtype', 'local_wecare', '', s($params['type']));
        }
        if (!in_array($params['completion'], activity_settings::COMPLETIONS, true)
                || ($params['type'] === 'h5pactivity' && !in_array($params['completion'], ['none', 'passgrade'], true))) {
            throw new moodle_exception('invalidcompletion', 'local_wecare', '',
                ['type' => $params['type'], 'completion' => s($params['completion'])]);
        }
        if ($params['passmark'] < 0 || $params['passmark'] > 100
                || ($params['completion'] === 'passgrade' && $params['passmark'] <= 0)) {
            throw new moodle_exception('invalidpassmark', 'local_wecare', '', $params['passmark']);
        }
        $maxsection = (int) get_config('moodlecourse', 'maxsections') ?: 52;
        if ($params['sectionnum'] < 0 || $params['sectionnum'] > $maxsection) {
            throw new moodle_exception('invalidsection', 'local_wecare', '', $params['sectionnum']);
        }
        if (trim($params['name']) === '') {
            throw new moodle_exception('emptyname', 'local_wecare');
        }
        $params['name'] = \core_text::substr($params['name'], 0, 255);
        $params['packagehash'] = strtolower($params['packagehash']);

        return deployer::deploy($course, $params);
    }

    /**
     * Return description.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'cmid' => new external_value(PARAM_INT, 'Course module id of the activity'),
            'instanceid' => new external_value(PARAM_INT, 'Id of the scorm or h5pactivity instance'),
            'status' => new external_value(PARAM_ALPHA, 'created, updated or unchanged'),
            'changes' => new external_multiple_structure(
                new external_value(PARAM_ALPHA,
                    'What changed: package, name, intro, section, visible, completion, settings, coursecompletion'),
                'What this call changed (empty when unchanged)'
            ),
            'packagehash' => new external_value(PARAM_ALPHANUM, 'SHA-1 (hex) of the package the activity now plays'),
            'warnings' => new external_warnings(),
        ]);
    }
}
