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

use core_h5p\factory;
use core_h5p\helper as h5p_helper;

/**
 * The settings the toolkit gives its activities: grading and display as documented in the
 * toolkit's docs/moodle.md, and the completion rule the programme asks for.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class activity_settings {
    /** Activity types the toolkit deploys. */
    const TYPES = ['scorm', 'h5pactivity'];

    /** Completion rules: SCORM status rules, a passing grade, or no completion tracking. */
    const COMPLETIONS = ['none', 'passed', 'completed', 'passedorcompleted', 'passgrade'];

    /** SCORM completionstatusrequired bits (mod_scorm's scorm_status_options()). */
    const SCORM_STATUS_BITS = ['passed' => 2, 'completed' => 4, 'passedorcompleted' => 6];

    /**
     * Grading and display fields of the activity instance, enforced on create and update.
     *
     * SCORM (docs/moodle.md, "SCORM activity settings"): current window, 100 % × 640, no entry page,
     * course structure hidden, no Moodle navigation (the package has its own), no preview mode,
     * highest grade of the highest attempt out of 100, unlimited attempts, no forced new attempt,
     * mastery score does not override status, no auto-commit (the package commits itself).
     * H5P: highest attempt out of 100, tracking on, no frame buttons (small screens).
     *
     * @param string $type scorm or h5pactivity
     * @return array field => value
     */
    public static function instance_fields(string $type): array {
        if ($type === 'scorm') {
            return [
                'popup' => 0,
                'width' => 100,
                'height' => 640,
                'skipview' => 2,
                'hidebrowse' => 1,
                'displaycoursestructure' => 0,
                'hidetoc' => 1,
                'nav' => 0,
                'displayattemptstatus' => 1,
                'grademethod' => 1,
                'maxgrade' => 100,
                'maxattempt' => 0,
                'whatgrade' => 0,
                'forcenewattempt' => 0,
                'lastattemptlock' => 0,
                'forcecompleted' => 0,
                'masteryoverride' => 0,
                'auto' => 0,
                'autocommit' => 0,
                'updatefreq' => 0,
            ];
        }
        $core = (new factory())->get_core();
        $buttons = (object) ['frame' => 0, 'export' => 0, 'embed' => 0, 'copyright' => 0];
        return [
            'grade' => 100,
            'grademethod' => 1,
            'enabletracking' => 1,
            'reviewmode' => 1,
            'displayoptions' => h5p_helper::get_display_options($core, $buttons),
        ];
    }

    /**
     * Course-module and instance fields for a completion rule.
     *
     * @param string $type scorm or h5pactivity
     * @param string $completion one of COMPLETIONS
     * @return array field => value (course-module fields and, for SCORM, completionstatusrequired)
     */
    public static function completion_fields(string $type, string $completion): array {
        $fields = [
            'completion' => COMPLETION_TRACKING_AUTOMATIC,
            'completionview' => 0,
            'completionexpected' => 0,
            'completionusegrade' => 0,
            'completionpassgrade' => 0,
            'completiongradeitemnumber' => null,
        ];
        if ($type === 'scorm') {
            $fields['completionstatusrequired'] = null;
            $fields['completionscorerequired'] = null;
            $fields['completionstatusallscos'] = 0;
        }
        if ($completion === 'none') {
            $fields['completion'] = COMPLETION_TRACKING_NONE;
        } else if ($completion === 'passgrade') {
            $fields['completionusegrade'] = 1;
            $fields['completionpassgrade'] = 1;
            $fields['completiongradeitemnumber'] = 0;
        } else {
            $fields['completionstatusrequired'] = self::SCORM_STATUS_BITS[$completion];
        }
        return $fields;
    }

    /**
     * Reads an existing activity's completion rule back as one of COMPLETIONS ('other' when set by hand).
     *
     * @param \stdClass $cm course_modules record
     * @param \stdClass $instance the activity's own record
     * @return string
     */
    public static function completion_of(\stdClass $cm, \stdClass $instance): string {
        if ((int) $cm->completion === COMPLETION_TRACKING_NONE) {
            return 'none';
        }
        if ((int) $cm->completion !== COMPLETION_TRACKING_AUTOMATIC || !empty($cm->completionview)) {
            return 'other';
        }
        $status = isset($instance->completionstatusrequired) ? (int) $instance->completionstatusrequired : 0;
        $usesgrade = !empty($cm->completionpassgrade) && $cm->completiongradeitemnumber !== null;
        if ($status && !$usesgrade && empty($instance->completionscorerequired)) {
            $mode = array_search($status, self::SCORM_STATUS_BITS, true);
            return $mode === false ? 'other' : $mode;
        }
        if ($usesgrade && !$status) {
            return 'passgrade';
        }
        return 'other';
    }
}
