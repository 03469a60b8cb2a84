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
 * Creates a toolkit activity or brings an existing one (found by idnumber) in line with the
 * programme: package, name, summary, section, visibility, completion, grading and display.
 * Unchanged activities are left alone; learners' completion is only recalculated when the
 * completion rule itself changes.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class deployer {
    /**
     * Deploys one package.
     *
     * @param \stdClass $course course record
     * @param array $spec validated parameters of local_wecare_deploy_package
     * @return array cmid, instanceid, status (created, updated, unchanged), changes, packagehash, warnings
     */
    public static function deploy(\stdClass $course, array $spec): array {
        global $CFG;
        require_once($CFG->dirroot . '/course/lib.php');
        require_once($CFG->dirroot . '/course/modlib.php');
        require_once($CFG->libdir . '/completionlib.php');

        // One deployment per course and idnumber at a time: two concurrent calls must not both create.
        $lockfactory = \core\lock\lock_config::get_lock_factory('local_wecare_deploy');
        $lock = $lockfactory->get_lock($course->id . '_' . sha1($spec['idnumber']), 60);
        if (!$lock) {
            throw new moodle_exception('locktimeout', 'local_wecare', '', $spec['idnumber']);
        }
        try {
            return self::deploy_locked($course, $spec);
        } finally {
            $lock->release();
        }
    }

    /**
     * The deployment itself, under the lock.
     *
     * @param \stdClass $course course record
     * @param array $spec validated parameters
     * @return array
     */
    private static function deploy_locked(\stdClass $course, array $spec): array {
        global $CFG, $DB;
        $coursecontext = \context_course::instance($course->id);
        $warnings = [];
        $existing = deployed_activity::find($course->id, $spec['idnumber']);
        if ($existing && $existing->modname !== $spec['type']) {
            throw new moodle_exception('typemismatch', 'local_wecare', '',
                ['idnumber' => $spec['idnumber'], 'existing' => $existing->modname, 'requested' => $spec['type']]);
        }

        $file = null;
        if (!empty($spec['draftitemid'])) {
            $file = package_validator::draft_package($spec['draftitemid']);
            if ($spec['packagehash'] !== '' && $spec['packagehash'] !== $file->get_contenthash()) {
                throw new moodle_exception('packagehashmismatch', 'local_wecare', '',
                    ['expected' => $spec['packagehash'], 'actual' => $file->get_contenthash()]);
            }
        }

        $changes = [];
        if (!$course->enablecompletion && $spec['completion'] !== 'none') {
            if (empty($CFG->enablecompletion)) {
                $warnings[] = self::warning('sitecompletiondisabled', $spec['idnumber']);
            } else {
                require_capability('moodle/course:update', $coursecontext);
                $DB->set_field('course', 'enablecompletion', 1, ['id' => $course->id]);
                rebuild_course_cache($course->id, true);
                $course = get_course($course->id);
                $changes[] = 'coursecompletion';
            }
        }

        if (!$existing) {
            if (!$file) {
                throw new moodle_exception('packagerequired', 'local_wecare', '', $spec['idnumber']);
            }
            self::validate($spec['type'], $file, $coursecontext);
            require_capability('mod/' . $spec['type'] . ':addinstance', $coursecontext);
            $created = self::create($course, $spec);
            $changes = array_merge($changes, ['package', 'name', 'section', 'completion', 'settings']);
            $warnings = array_merge($warnings, self::after_package_change($created, $spec['type']));
            return self::result($created, 'created', $changes, $warnings);
        }

        $current = deployed_activity::describe($existing);
        $packagechanged = $file && $file->get_contenthash() !== $current['packagehash'];
        if (!$file && $spec['packagehash'] !== '' && $spec['packagehash'] !== $current['packagehash']) {
            throw new moodle_exception('packagerequired', 'local_wecare', '', $spec['idnumber']);
        }
        if ($packagechanged) {
            self::validate($spec['type'], $file, \context_module::instance($existing->id));
            $changes[] = 'package';
        }
        if ($current['name'] !== $spec['name']) {
            $changes[] = 'name';
        }
        if ($current['intro'] !== $spec['intro']) {
            $changes[] = 'intro';
        }
        if ($spec['visible'] !== null && $current['visible'] !== (bool) $spec['visible']) {
            $changes[] = 'visible';
        }
        $completionchanged = $current['completion'] !== $spec['completion']
            || ($spec['completion'] !== 'none' && abs($current['passmark'] - $spec['passmark']) > 0.005);
        if ($completionchanged) {
            $changes[] = 'completion';
        }
        if (!$current['settingsmatch']) {
            $changes[] = 'settings';
        }
        $sectionchanged = $current['sectionnum'] !== $spec['sectionnum'];
        if ($sectionchanged) {
            $changes[] = 'section';
        }
        if (!array_diff($changes, ['coursecompletion'])) {
            $cm = (object) ['id' => $existing->id, 'instance' => $existing->instance, 'modname' => $existing->modname];
            return self::result($cm, $changes ? 'updated' : 'unchanged', $changes, $warnings);
        }

        $updateneeded = (bool) array_intersect($changes, ['package', 'name', 'intro', 'visible', 'completion', 'settings']);
        if ($updateneeded) {
            self::update($course, $existing, $spec, $packagechanged ? $file : null, $completionchanged);
        }
        if ($sectionchanged) {
            $section = self::section($course, $spec['sectionnum'], $spec['sectionname']);
            moveto_module(get_coursemodule_from_id('', $existing->id, 0, false, MUST_EXIST), $section);
        }
        if ($packagechanged) {
            $warnings = array_merge($warnings, self::after_package_change($existing, $spec['type']));
        }
        return self::result($existing, 'updated', $changes, $warnings);
    }

    /**
     * Validates a package with Moodle's own checks for its type.
     *
     * @param string $type scorm or h5pactivity
     * @param \stored_file $file the package
     * @param \context $context where it will be deployed
     */
    private static function validate(string $type, \stored_file $file, \context $context): void {
        if ($type === 'scorm') {
            package_validator::validate_scorm($file);
        } else {
            package_validator::validate_h5p($file, $context);
        }
    }

    /**
     * Creates the activity.
     *
     * @param \stdClass $course course record
     * @param array $spec validated parameters
     * @return \stdClass with id, instance, modname
     */
    private static function create(\stdClass $course, array $spec): \stdClass {
        self::section($course, $spec['sectionnum'], $spec['sectionname']);
        $info = (object) array_merge(
            activity_settings::instance_fields($spec['type']),
            activity_settings::completion_fields($spec['type'], $spec['completion']),
            [
                'modulename' => $spec['type'],
                'course' => $course->id,
                'section' => $spec['sectionnum'],
                'visible' => $spec['visible'] === null ? 1 : (int) $spec['visible'],
                'visibleoncoursepage' => 1,
                'name' => $spec['name'],
                'cmidnumber' => $spec['idnumber'],
                'introeditor' => ['text' => $spec['intro'], 'format' => FORMAT_PLAIN, 'itemid' => IGNORE_FILE_MERGE],
                'packagefile' => $spec['draftitemid'],
                'gradepass' => self::gradepass($spec),
            ],
        );
        if ($spec['type'] === 'scorm') {
            $info->scormtype = 'local';
            $info->packageurl = '';
            $info->timeopen = 0;
            $info->timeclose = 0;
        }
        $created = create_module($info);
        return (object) ['id' => $created->coursemodule, 'instance' => $created->instance, 'modname' => $spec['type']];
    }

    /**
     * Updates an existing activity's instance and course-module settings.
     *
     * @param \stdClass $course course record
     * @param \stdClass $cm course_modules record with modname
     * @param array $spec validated parameters
     * @param \stored_file|null $file the new package, if it changed
     * @param bool $completionchanged whether learners' completion must be recalculated
     */
    private static function update(\stdClass $course, \stdClass $cm, array $spec, ?\stored_file $file,
            bool $completionchanged): void {
        global $DB;
        $instance = $DB->get_record($cm->modname, ['id' => $cm->instance], '*', MUST_EXIST);
        $info = (object) array_merge(
            (array) $instance,
            activity_settings::instance_fields($cm->modname),
            activity_settings::completion_fields($cm->modname, $spec['completion']),
            [
                'coursemodule' => $cm->id,
                'instance' => $cm->instance,
                'course' => $course->id,
                'visible' => $spec['visible'] === null ? (int) $cm->visible : (int) $spec['visible'],
                'visibleoncoursepage' => (int) $cm->visibleoncoursepage,
                'groupmode' => (int) $cm->groupmode,
                'groupingid' => (int) $cm->groupingid,
                'name' => $spec['name'],
                'cmidnumber' => $spec['idnumber'],
                'introeditor' => ['text' => $spec['intro'], 'format' => FORMAT_PLAIN, 'itemid' => IGNORE_FILE_MERGE],
                'packagefile' => $file ? $spec['draftitemid'] : 0,
                'gradepass' => self::gradepass($spec),
                // Unlocking completion wipes and recalculates every learner's state: only when the rule changed.
                'completionunlocked' => $completionchanged ? 1 : 0,
            ],
        );
        unset($info->id);
        if (!$completionchanged) {
            foreach (['completion', 'completionview', 'completionexpected', 'completionpassgrade'] as $field) {
                $info->$field = $cm->$field;
            }
            $info->completionusegrade = $cm->completiongradeitemnumber === null ? 0 : 1;
            $info->completiongradeitemnumber = $cm->completiongradeitemnumber;
        }
        update_module($info);
    }

    /**
     * The course section with this number, created when missing and named when it has no name yet.
     *
     * @param \stdClass $course course record
     * @param int $sectionnum section number
     * @param string $name name for a new or unnamed section ('' to leave it)
     * @return \stdClass course_sections record
     */
    private static function section(\stdClass $course, int $sectionnum, string $name): \stdClass {
        global $DB;
        course_create_sections_if_missing($course, [$sectionnum]);
        $section = $DB->get_record('course_sections', ['course' => $course->id, 'section' => $sectionnum], '*', MUST_EXIST);
        if ($name !== '' && ($section->name === null || $section->name === '')) {
            course_update_section($course, $section, ['name' => $name]);
            $section = $DB->get_record('course_sections', ['id' => $section->id], '*', MUST_EXIST);
        }
        return $section;
    }

    /**
     * Passing grade on a 0–100 grade item, or null to leave the grade item's pass mark alone.
     *
     * @param array $spec validated parameters
     * @return float|null
     */
    private static function gradepass(array $spec): ?float {
        return $spec['passmark'] > 0 ? (float) $spec['passmark'] : ($spec['completion'] === 'none' ? null : 0.0);
    }

    /**
     * H5P content is deployed (libraries installed, content validated) when first viewed; doing it now
     * turns a broken package into a warning for the person deploying instead of an error for learners.
     *
     * @param \stdClass $cm with id and modname
     * @param string $type scorm or h5pactivity
     * @return array warnings
     */
    private static function after_package_change(\stdClass $cm, string $type): array {
        if ($type !== 'h5pactivity') {
            return [];
        }
        $file = deployed_activity::package_file((object) ['id' => $cm->id, 'modname' => $type]);
        if (!$file) {
            return [self::warning('h5pnotdeployed', (string) $cm->id,
                (object) ['cmid' => $cm->id, 'reason' => get_string('unknownreason', 'local_wecare')])];
        }
        $url = \moodle_url::make_pluginfile_url($file->get_contextid(), $file->get_component(), $file->get_filearea(),
            $file->get_itemid(), $file->get_filepath(), $file->get_filename());
        $factory = new \core_h5p\factory();
        $messages = new \stdClass();
        $config = (object) ['frame' => 0, 'export' => 0, 'embed' => 0, 'copyright' => 0];
        [, $h5pid] = \core_h5p\api::create_content_from_pluginfile_url($url->out(false), $config, $factory, $messages,
            true, true);
        if ($h5pid) {
            return [];
        }
        $messages = \core_h5p\helper::get_messages($messages, $factory);
        $reasons = [];
        foreach ($messages->error ?: [] as $error) {
            $reasons[] = is_object($error) ? $error->message : (string) $error;
        }
        $text = $reasons ? implode(' ', array_unique($reasons)) : get_string('unknownreason', 'local_wecare');
        return [self::warning('h5pnotdeployed', (string) $cm->id, (object) ['cmid' => $cm->id, 'reason' => $text])];
    }

    /**
     * A warning in core_external's format.
     *
     * @param string $code string identifier in local_wecare
     * @param string $item what it is about
     * @param mixed $a placeholder value for the string (default: $item)
     * @return array
     */
    private static function warning(string $code, string $item, $a = null): array {
        return [
            'item' => $item,
            'warningcode' => $code,
            'message' => get_string($code, 'local_wecare', $a ?? $item),
        ];
    }

    /**
     * The function's return value.
     *
     * @param \stdClass $cm with id, instance, modname
     * @param string $status created, updated or unchanged
     * @param string[] $changes what changed
     * @param array $warnings warnings
     * @return array
     */
    private static function result(\stdClass $cm, string $status, array $changes, array $warnings): array {
        $package = deployed_activity::package_file($cm);
        return [
            'cmid' => (int) $cm->id,
            'instanceid' => (int) $cm->instance,
            'status' => $status,
            'changes' => array_values(array_unique($changes)),
            'packagehash' => $package ? $package->get_contenthash() : '',
            'warnings' => $warnings,
        ];
    }
}
