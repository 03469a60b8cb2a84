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

use moodle_exception;

/**
 * Reads the toolkit's activities back from a course: found by course-module idnumber, described
 * with the SHA-1 of their package (Moodle's file content hash) and their completion settings.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class deployed_activity {
    /**
     * SCORM and H5P course modules of a course whose idnumber starts with $prefix ('' for any non-empty idnumber).
     *
     * @param int $courseid course id
     * @param string $prefix idnumber prefix
     * @return \stdClass[] course_modules records with modname and sectionnum, keyed by cm id
     */
    public static function list(int $courseid, string $prefix = ''): array {
        global $DB;
        [$insql, $params] = $DB->get_in_or_equal(activity_settings::TYPES, SQL_PARAMS_NAMED, 'mod');
        $params['courseid'] = $courseid;
        $params['prefix'] = $DB->sql_like_escape($prefix) . '%';
        $like = $DB->sql_like('cm.idnumber', ':prefix');
        $sql = "SELECT cm.*, m.name AS modname, cs.section AS sectionnum
                  FROM {course_modules} cm
                  JOIN {modules} m ON m.id = cm.module
                  JOIN {course_sections} cs ON cs.id = cm.section
                 WHERE cm.course = :courseid AND m.name $insql AND cm.idnumber <> '' AND $like
                       AND cm.deletioninprogress = 0
              ORDER BY cm.id";
        return $DB->get_records_sql($sql, $params);
    }

    /**
     * The course module of a course with exactly this idnumber, of any type, or null.
     *
     * @param int $courseid course id
     * @param string $idnumber course-module idnumber
     * @return \stdClass|null course_modules record with modname and sectionnum
     * @throws moodle_exception duplicateidnumber when the course already holds two modules with it
     */
    public static function find(int $courseid, string $idnumber): ?\stdClass {
        global $DB;
        $sql = "SELECT cm.*, m.name AS modname, cs.section AS sectionnum
                  FROM {course_modules} cm
                  JOIN {modules} m ON m.id = cm.module
                  JOIN {course_sections} cs ON cs.id = cm.section
                 WHERE cm.course = :courseid AND cm.idnumber = :idnumber AND cm.deletioninprogress = 0";
        $records = $DB->get_records_sql($sql, ['courseid' => $courseid, 'idnumber' => $idnumber]);
        if (count($records) > 1) {
            throw new moodle_exception('duplicateidnumber', 'local_wecare', '', $idnumber);
        }
        return $records ? reset($records) : null;
    }

    /**
     * What the toolkit compares before deciding whether an activity needs updating.
     *
     * @param \stdClass $cm record from list() or find()
     * @return array see get_deployed_packages::activity_structure()
     */
    public static function describe(\stdClass $cm): array {
        global $DB, $CFG;
        require_once($CFG->libdir . '/gradelib.php');
        $instance = $DB->get_record($cm->modname, ['id' => $cm->instance], '*', MUST_EXIST);
        $package = self::package_file($cm);
        $gradeitem = \grade_item::fetch([
            'itemtype' => 'mod', 'itemmodule' => $cm->modname, 'iteminstance' => $cm->instance,
            'itemnumber' => 0, 'courseid' => $cm->course,
        ]);
        $passmark = 0.0;
        if ($gradeitem && (float) $gradeitem->grademax > 0) {
            $passmark = round((float) $gradeitem->gradepass * 100 / (float) $gradeitem->grademax, 2);
        }
        $settingsmatch = true;
        foreach (activity_settings::instance_fields($cm->modname) as $field => $value) {
            if (property_exists($instance, $field) && (string) $instance->$field !== (string) $value
                    && (float) $instance->$field !== (float) $value) {
                $settingsmatch = false;
            }
        }
        return [
            'cmid' => (int) $cm->id,
            'instanceid' => (int) $cm->instance,
            'idnumber' => $cm->idnumber,
            'type' => $cm->modname,
            'name' => $instance->name,
            'intro' => (string) $instance->intro,
            'sectionnum' => (int) $cm->sectionnum,
            'visible' => (bool) $cm->visible,
            'packagehash' => $package ? $package->get_contenthash() : '',
            'packagefilename' => $package ? $package->get_filename() : '',
            'completion' => activity_settings::completion_of($cm, $instance),
            'passmark' => $passmark,
            'settingsmatch' => $settingsmatch,
        ];
    }

    /**
     * The package file an activity plays, if any.
     *
     * @param \stdClass $cm course_modules record with modname
     * @return \stored_file|null
     */
    public static function package_file(\stdClass $cm): ?\stored_file {
        $context = \context_module::instance($cm->id);
        $files = get_file_storage()->get_area_files($context->id, 'mod_' . $cm->modname, 'package', 0, 'id', false);
        return $files ? reset($files) : null;
    }
}
