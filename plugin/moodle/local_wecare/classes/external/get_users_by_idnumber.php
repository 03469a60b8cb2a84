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

/**
 * local_wecare_get_users_by_idnumber: the accounts of many participants in one query, with only the
 * fields the roster sync compares. core_user_get_users_by_field builds a full profile per user
 * (custom fields, preferences, pictures), which is most of a sync rerun's time on large rosters.
 *
 * The idnumbers travel as one newline-separated text, so a call for thousands of participants is
 * one form field and stays within PHP's max_input_vars.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_users_by_idnumber extends external_api {
    /** Most idnumbers one call takes. */
    const MAX_IDNUMBERS = 10000;

    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'idnumbers' => new external_value(PARAM_RAW, 'User idnumbers, one per line (at most ' . self::MAX_IDNUMBERS . ')'),
        ]);
    }

    /**
     * Reads the accounts whose idnumber is listed (deleted accounts excluded).
     *
     * @param string $idnumbers idnumbers, one per line
     * @return array
     */
    public static function execute(string $idnumbers): array {
        global $DB;
        $params = self::validate_parameters(self::execute_parameters(), ['idnumbers' => $idnumbers]);
        $context = \context_system::instance();
        self::validate_context($context);
        require_capability('local/wecare:readaccounts', $context);
        require_capability('moodle/user:viewalldetails', $context);
        require_capability('moodle/user:viewhiddendetails', $context);

        $wanted = array_values(array_unique(array_filter(array_map('trim', explode("\n", $params['idnumbers'])), 'strlen')));
        if (count($wanted) > self::MAX_IDNUMBERS) {
            throw new \invalid_parameter_exception('at most ' . self::MAX_IDNUMBERS . ' idnumbers per call');
        }
        $users = [];
        foreach (array_chunk($wanted, 1000) as $chunk) {
            [$insql, $inparams] = $DB->get_in_or_equal($chunk, SQL_PARAMS_NAMED);
            $records = $DB->get_records_select('user', "deleted = 0 AND idnumber $insql", $inparams, 'id',
                'id, username, idnumber, firstname, lastname, email, auth, suspended, lang');
            foreach ($records as $record) {
                $users[] = [
                    'id' => (int) $record->id,
                    'username' => $record->username,
                    'idnumber' => $record->idnumber,
                    'firstname' => $record->firstname,
                    'lastname' => $record->lastname,
                    'fullname' => fullname($record),
                    'email' => $record->email,
                    'auth' => $record->auth,
                    'suspended' => (bool) $record->suspended,
                    'lang' => $record->lang,
                ];
            }
        }
        return ['users' => $users];
    }

    /**
     * Return description.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'users' => new external_multiple_structure(new external_single_structure([
                'id' => new external_value(PARAM_INT, 'User id'),
                'username' => new external_value(PARAM_RAW, 'Username'),
                'idnumber' => new external_value(PARAM_RAW, 'Idnumber (the participant id)'),
                'firstname' => new external_value(PARAM_NOTAGS, 'First name'),
                'lastname' => new external_value(PARAM_NOTAGS, 'Last name'),
                'fullname' => new external_value(PARAM_NOTAGS, 'Full name'),
                'email' => new external_value(PARAM_RAW, 'E-mail address'),
                'auth' => new external_value(PARAM_PLUGIN, 'Authentication plugin'),
                'suspended' => new external_value(PARAM_BOOL, 'Account suspended'),
                'lang' => new external_value(PARAM_LANG, 'Preferred language'),
            ]), 'Accounts found, ordered by id; an idnumber with no account is simply absent'),
        ]);
    }
}
