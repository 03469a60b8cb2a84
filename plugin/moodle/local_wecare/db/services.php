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

/**
 * Web-service functions of local_wecare and the "WeCare toolkit" service.
 *
 * The service lists exactly the functions `wecare moodle sync|report|deploy` call: this plugin's own
 * functions and the core ones the toolkit uses. A site administrator authorises the toolkit's user on
 * it and creates one token for that service (Site administration > Server > Web services).
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$functions = [
    'local_wecare_deploy_package' => [
        'classname' => 'local_wecare\external\deploy_package',
        'description' => 'Create or update a SCORM or H5P activity identified by its idnumber from a package in the '
            . 'caller\'s draft area; never creates a duplicate.',
        'type' => 'write',
        'capabilities' => 'local/wecare:deploy, moodle/course:manageactivities, mod/scorm:addinstance, '
            . 'mod/h5pactivity:addinstance',
        'ajax' => false,
    ],
    'local_wecare_get_deployed_packages' => [
        'classname' => 'local_wecare\external\get_deployed_packages',
        'description' => 'List the SCORM and H5P activities of a course that have an idnumber, with the SHA-1 of '
            . 'their package and their completion settings, so a deployment can plan without uploading.',
        'type' => 'read',
        'capabilities' => 'local/wecare:deploy',
        'ajax' => false,
    ],
    'local_wecare_get_course_progress' => [
        'classname' => 'local_wecare\external\get_course_progress',
        'description' => 'Every enrolled participant\'s activity completion, grades, attempts and course completion '
            . 'for one course, one page of participants per call.',
        'type' => 'read',
        'capabilities' => 'local/wecare:viewprogress, moodle/grade:viewall',
        'ajax' => false,
    ],
    'local_wecare_get_users_by_idnumber' => [
        'classname' => 'local_wecare\external\get_users_by_idnumber',
        'description' => 'The accounts of many participants by idnumber in one query, with only the fields the roster '
            . 'sync compares (core_user_get_users_by_field builds a full profile per user).',
        'type' => 'read',
        'capabilities' => 'local/wecare:readaccounts, moodle/user:viewalldetails, moodle/user:viewhiddendetails',
        'ajax' => false,
    ],
    'local_wecare_set_completion_criteria' => [
        'classname' => 'local_wecare\external\set_completion_criteria',
        'description' => 'Make course completion require every listed activity (by idnumber); core Moodle has no '
            . 'web service that sets completion criteria.',
        'type' => 'write',
        'capabilities' => 'local/wecare:deploy, moodle/course:update',
        'ajax' => false,
    ],
];

$services = [
    'WeCare toolkit' => [
        'shortname' => 'local_wecare',
        'functions' => [
            // This plugin.
            'local_wecare_deploy_package',
            'local_wecare_get_deployed_packages',
            'local_wecare_get_course_progress',
            'local_wecare_get_users_by_idnumber',
            'local_wecare_set_completion_criteria',
            // Site and courses.
            'core_webservice_get_site_info',
            'core_course_get_courses_by_field',
            'core_course_get_contents',
            // Roster sync: users, enrolments, cohorts, groups.
            'core_user_get_users_by_field',
            'core_user_create_users',
            'core_user_update_users',
            'core_enrol_get_enrolled_users',
            'core_enrol_get_users_courses',
            'enrol_manual_enrol_users',
            'core_cohort_get_cohorts',
            'core_cohort_search_cohorts',
            'core_cohort_create_cohorts',
            'core_cohort_get_cohort_members',
            'core_cohort_add_cohort_members',
            'core_cohort_delete_cohort_members',
            'core_group_get_course_groups',
            'core_group_create_groups',
            'core_group_get_group_members',
            'core_group_add_group_members',
            'core_group_delete_group_members',
            // Completion report without this plugin's bulk function (fallback).
            'core_completion_get_activities_completion_status',
            'core_completion_get_course_completion_status',
            'gradereport_user_get_grade_items',
            'mod_scorm_get_scorms_by_courses',
            'mod_scorm_get_scorm_attempt_count',
            'mod_h5pactivity_get_h5pactivities_by_courses',
            'mod_h5pactivity_get_attempts',
            // Diagnostic assessment results for `wecare profile` (pulled by `wecare moodle report`).
            'mod_scorm_get_scorm_scoes',
            'mod_scorm_get_scorm_sco_tracks',
            'mod_h5pactivity_get_results',
            // Competence framework (`wecare moodle competencies`).
            'core_competency_list_competency_frameworks',
            'core_competency_create_competency_framework',
            'core_competency_update_competency_framework',
            'core_competency_list_competencies',
            'core_competency_create_competency',
            'core_competency_update_competency',
            'core_competency_list_course_competencies',
            'core_competency_add_competency_to_course',
        ],
        'restrictedusers' => 1,
        'enabled' => 0,
        // The toolkit uploads packages through webservice/upload.php with this service's token.
        'uploadfiles' => 1,
        'downloadfiles' => 0,
    ],
];
