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
 * English strings for local_wecare.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['activitynotfound'] = 'The course has no activity with idnumber "{$a}". Deploy it first.';
$string['activitynotracking'] = 'The activity with idnumber "{$a}" does not track completion, so it cannot be a course completion criterion.';
$string['badzip'] = 'The file is not a readable zip archive.';
$string['criterialocked'] = 'Learners already have course completion data, so Moodle locks the completion criteria. Repeat with unlock to replace them (course completion data is then deleted and recalculated).';
$string['draftempty'] = 'The draft area {$a} holds no file: upload the package with webservice/upload.php using the same token first.';
$string['draftmanyfiles'] = 'The draft area {$a} holds more than one file: upload each package into its own draft area.';
$string['duplicateidnumber'] = 'The course holds more than one activity with idnumber "{$a}". Give each a different idnumber in Moodle, then deploy again.';
$string['emptyname'] = 'The activity name is empty.';
$string['h5pdirectoryentries'] = 'The H5P package contains directory entries ({$a}); Moodle\'s H5P validator rejects such packages. Rebuild it without directory entries.';
$string['h5pnotdeployed'] = 'The H5P content of activity {$a->cmid} could not be prepared for learners yet: {$a->reason}';
$string['invalidcompletion'] = 'Completion rule "{$a->completion}" is not available for {$a->type}. SCORM: passed, completed, passedorcompleted, passgrade or none; H5P: passgrade or none.';
$string['invalidh5p'] = 'Moodle\'s H5P validation refused the package: {$a}';
$string['invalididnumber'] = 'Idnumber "{$a}" is not valid: use 1 to 100 letters, digits, dots, underscores, colons or hyphens.';
$string['invalidpassmark'] = 'Pass mark {$a} is not valid: use a percentage between 0 and 100 (above 0 for the passgrade rule).';
$string['invalidscorm'] = 'Moodle\'s SCORM validation refused the package: {$a}';
$string['invalidsection'] = 'Section {$a} is outside the range this site allows.';
$string['invalidtype'] = 'Activity type "{$a}" is not supported: use scorm or h5pactivity.';
$string['locktimeout'] = 'Another deployment of "{$a}" is running. Try again in a minute.';
$string['noactivities'] = 'No activity was given.';
$string['nogradeaccess'] = 'You may not view all grades in this course, so grades are left out.';
$string['packagehashmismatch'] = 'The uploaded package does not match: expected SHA-1 {$a->expected}, received {$a->actual}. Upload it again.';
$string['packagerequired'] = 'Activity "{$a}" needs a package: upload it and pass its draft item id.';
$string['pluginname'] = 'WeCare toolkit';
$string['privacy:metadata'] = 'The WeCare toolkit plugin stores no personal data. It creates activities and reads completion, grades and attempts that Moodle itself stores.';
$string['sitecompletiondisabled'] = 'Completion tracking is disabled on this site, so the completion rule of "{$a}" has no effect. Enable it under Site administration > Advanced features.';
$string['typemismatch'] = 'The course already has a {$a->existing} activity with idnumber "{$a->idnumber}", not {$a->requested}. Rename or delete it in Moodle, then deploy again.';
$string['unknownreason'] = 'no reason given';
$string['wecare:deploy'] = 'Deploy WeCare toolkit packages and set course completion criteria';
$string['wecare:viewprogress'] = 'View every participant\'s progress through the WeCare toolkit';
$string['wecare:readaccounts'] = 'Read roster participants\' accounts in bulk through the WeCare toolkit';
