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
use moodle_exception;
use stored_file;

/**
 * Finds the package a caller uploaded to its draft area and validates it with Moodle's own checks
 * before any activity is touched, so a bad package never leaves a half-made activity behind.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class package_validator {
    /**
     * The one file in the current user's draft area $draftitemid.
     *
     * @param int $draftitemid item id returned by webservice/upload.php
     * @return stored_file
     * @throws moodle_exception when the draft area is empty or holds more than one file
     */
    public static function draft_package(int $draftitemid): stored_file {
        global $USER;
        $usercontext = \context_user::instance($USER->id);
        $files = get_file_storage()->get_area_files($usercontext->id, 'user', 'draft', $draftitemid, 'id', false);
        if (count($files) === 0) {
            throw new moodle_exception('draftempty', 'local_wecare', '', $draftitemid);
        }
        if (count($files) > 1) {
            throw new moodle_exception('draftmanyfiles', 'local_wecare', '', $draftitemid);
        }
        return reset($files);
    }

    /**
     * Moodle's SCORM package validation (imsmanifest.xml at the root of a readable zip).
     *
     * @param stored_file $file the uploaded zip
     * @throws moodle_exception invalidscorm with Moodle's own reason
     */
    public static function validate_scorm(stored_file $file): void {
        global $CFG;
        require_once($CFG->dirroot . '/mod/scorm/lib.php');
        $errors = scorm_validate_package($file);
        if ($errors) {
            throw new moodle_exception('invalidscorm', 'local_wecare', '', implode(' ', $errors));
        }
    }

    /**
     * Refuses zip directory entries (Moodle's H5P validator rejects such packages only when the content
     * is first viewed), then runs Moodle's H5P validation, which reports libraries that are neither in
     * the package nor installed on the site, or that the caller may not install.
     *
     * @param stored_file $file the uploaded .h5p
     * @param \context $context where the activity lives (for the library capability)
     * @throws moodle_exception h5pdirectoryentries or invalidh5p with the validator's messages
     */
    public static function validate_h5p(stored_file $file, \context $context): void {
        $entries = $file->list_files(get_file_packer('application/zip'));
        if (!is_array($entries)) {
            throw new moodle_exception('invalidh5p', 'local_wecare', '', get_string('badzip', 'local_wecare'));
        }
        $directories = [];
        foreach ($entries as $entry) {
            if (!empty($entry->is_directory)) {
                $directories[] = $entry->pathname;
            }
        }
        if ($directories) {
            throw new moodle_exception('h5pdirectoryentries', 'local_wecare', '', implode(', ', array_slice($directories, 0, 5)));
        }

        $onlyupdatelibs = !has_capability('moodle/h5p:updatelibraries', $context);
        $factory = new factory();
        if (!\core_h5p\api::is_valid_package($file, $onlyupdatelibs, false, $factory)) {
            $messages = h5p_helper::get_messages(new \stdClass(), $factory);
            $reasons = [];
            foreach ($messages->error ?: [] as $error) {
                $reasons[] = is_object($error) ? $error->message : (string) $error;
            }
            foreach ($messages->info ?: [] as $info) {
                $reasons[] = (string) $info;
            }
            $text = $reasons ? implode(' ', array_unique($reasons)) : get_string('unknownreason', 'local_wecare');
            throw new moodle_exception('invalidh5p', 'local_wecare', '', $text);
        }
    }
}
