<?php
// Test tooling for tests/moodle/real-moodle.test.ts, run as the site's web user with the site's own
// PHP CLI: it is not part of Moodle and installs nothing. Core has no web service that creates a
// quiz or adds questions to one, so this script does it through Moodle's public API.
//
// php quiz-attempts.php <plan.json>   (MOODLE_SRC = the site's code)
//
// For each quiz of the plan: creates a quiz in the course, adds the questions found by idnumber
// under the plan's question category (imported before with Moodle's own importer), then, as the
// learner, makes one attempt per answer set, submits it and has Moodle grade it. Prints JSON: per
// quiz and attempt, each question's mark and the attempt's total.
//
// Responses name choices by their authoring position, never by Moodle's shuffled position:
//   choice {chosen: [option index…]}        multichoice (single or several answers)
//   truefalse {value: bool}                 truefalse
//   gaps {values: [text…]}                  multianswer (cloze) short answers, one per gap
//   words {values: [word…]}                 ddwtos, one word per gap
//   match {choices: [pair index…]}          match: for each left item, the pair whose right item is chosen
//   order {order: [item index…]}            ordering

define('CLI_SCRIPT', true);
require(getenv('MOODLE_SRC') . '/config.php');
require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/mod/quiz/locallib.php');
require_once($CFG->libdir . '/questionlib.php');

use mod_quiz\quiz_attempt;
use mod_quiz\quiz_settings;

$plan = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
\core\session\manager::set_user(get_admin());
$course = get_course((int)$plan['courseid']);
$learner = core_user::get_user((int)$plan['userid'], '*', MUST_EXIST);
$bankcontext = question_bank_context($course);

$result = [];
foreach ($plan['quizzes'] as $quizplan) {
    \core\session\manager::set_user(get_admin());
    $questionids = find_questions($bankcontext, $quizplan['category'], $quizplan['questions']);
    $quiz = create_quiz($course, $quizplan['name'], $questionids);
    \core\session\manager::set_user($learner);
    $attempts = [];
    $last = null;
    foreach ($quizplan['attempts'] as $number => $attemptplan) {
        [$attempt, $marks] = attempt_quiz($quiz, $learner, $number + 1, $last, $questionids, $attemptplan['responses']);
        $attempts[] = ['label' => $attemptplan['label'], 'marks' => $marks, 'sumgrades' => (float)$attempt->sumgrades];
        $last = $attempt;
    }
    $result[] = ['name' => $quizplan['name'], 'cmid' => (int)$quiz->cmid, 'maxsumgrades' => (float)$quiz->sumgrades, 'attempts' => $attempts];
}
echo json_encode(['quizzes' => $result]);

/** The context questions are imported into: the course's default question bank (5.0), else the course. */
function question_bank_context(stdClass $course): context {
    $helper = '\core_question\local\bank\question_bank_helper';
    if (class_exists($helper) && method_exists($helper, 'get_default_open_instance_system_type')) {
        $bank = $helper::get_default_open_instance_system_type($course, true);
        return context_module::instance($bank->id);
    }
    return context_course::instance($course->id);
}

/** Latest version of each question idnumber under the category with idnumber $category (and its subcategories), in plan order. */
function find_questions(context $context, string $category, array $idnumbers): array {
    global $DB;
    $top = $DB->get_record('question_categories', ['contextid' => $context->id, 'idnumber' => $category], 'id', MUST_EXIST);
    $categories = question_categorylist($top->id);
    [$insql, $params] = $DB->get_in_or_equal(is_array($categories) ? $categories : explode(',', $categories));
    $ids = [];
    foreach ($idnumbers as $idnumber) {
        $sql = "SELECT qv.questionid
                  FROM {question_bank_entries} qbe
                  JOIN {question_versions} qv ON qv.questionbankentryid = qbe.id
                 WHERE qbe.idnumber = ? AND qbe.questioncategoryid $insql
              ORDER BY qv.version DESC";
        $found = $DB->get_records_sql($sql, array_merge([$idnumber], $params), 0, 1);
        if (!$found) {
            throw new moodle_exception('generalexceptionmessage', 'error', '', "question $idnumber not found under category $category");
        }
        $ids[$idnumber] = (int)reset($found)->questionid;
    }
    return $ids;
}

function create_quiz(stdClass $course, string $name, array $questionids): stdClass {
    global $DB;
    $settings = [
        'modulename' => 'quiz', 'course' => $course->id, 'section' => 0, 'visible' => 1, 'visibleoncoursepage' => 1,
        'name' => $name, 'cmidnumber' => '', 'introeditor' => ['text' => '', 'format' => FORMAT_HTML, 'itemid' => 0],
        'timeopen' => 0, 'timeclose' => 0, 'timelimit' => 0, 'overduehandling' => 'autosubmit', 'graceperiod' => 0,
        'preferredbehaviour' => 'deferredfeedback', 'attempts' => 0, 'attemptonlast' => 0,
        'grademethod' => QUIZ_GRADEHIGHEST, 'grade' => 100, 'sumgrades' => 0, 'decimalpoints' => 2, 'questiondecimalpoints' => -1,
        'questionsperpage' => 0, 'navmethod' => QUIZ_NAVMETHOD_FREE, 'shuffleanswers' => 1,
        'quizpassword' => '', 'subnet' => '', 'browsersecurity' => '', 'delay1' => 0, 'delay2' => 0,
        'showuserpicture' => 0, 'showblocks' => 0, 'completion' => 0,
    ];
    foreach (['attempt', 'correctness', 'maxmarks', 'marks', 'specificfeedback', 'generalfeedback', 'rightanswer', 'overallfeedback'] as $item) {
        foreach (['during', 'immediately', 'open', 'closed'] as $when) {
            $settings[$item . $when] = 1;
        }
    }
    $module = create_module((object)$settings);
    $quiz = $DB->get_record('quiz', ['id' => $module->instance], '*', MUST_EXIST);
    $quiz->cmid = $module->coursemodule;
    foreach ($questionids as $questionid) {
        quiz_add_quiz_question($questionid, $quiz, 0, 1);
    }
    $quizobj = quiz_settings::create($quiz->id);
    \mod_quiz\grade_calculator::create($quizobj)->recompute_quiz_sumgrades();
    $quiz = $DB->get_record('quiz', ['id' => $quiz->id], '*', MUST_EXIST);
    $quiz->cmid = $module->coursemodule;
    return $quiz;
}

/** One attempt by the learner with the given responses, submitted and graded by Moodle. */
function attempt_quiz(stdClass $quiz, stdClass $learner, int $number, ?stdClass $last, array $questionids, array $responses): array {
    global $DB;
    $quizobj = quiz_settings::create($quiz->id, $learner->id);
    $attempt = quiz_prepare_and_start_new_attempt($quizobj, $number, $last, false, [], [], $learner->id);
    $quba = question_engine::load_questions_usage_by_activity($attempt->uniqueid);
    $slots = [];
    foreach ($quba->get_slots() as $slot) {
        $slots[(int)$quba->get_question($slot, false)->id] = $slot;
    }
    $now = time();
    foreach ($questionids as $idnumber => $questionid) {
        $slot = $slots[$questionid];
        $qa = $quba->get_question_attempt($slot);
        $quba->process_action($slot, post_data($qa, $qa->get_question(), $responses[$idnumber]), $now);
    }
    question_engine::save_questions_usage_by_activity($quba);
    $attemptobj = quiz_attempt::create($attempt->id);
    if (method_exists($attemptobj, 'process_grade_submission')) {
        $attemptobj->process_submit($now, false);
        $attemptobj->process_grade_submission($now);
    } else {
        $attemptobj->process_finish($now, false); // Moodle 4.5 and older.
    }

    $attempt = $DB->get_record('quiz_attempts', ['id' => $attempt->id], '*', MUST_EXIST);
    $graded = question_engine::load_questions_usage_by_activity($attempt->uniqueid);
    $marks = [];
    foreach ($questionids as $idnumber => $questionid) {
        $marks[$idnumber] = (float)$graded->get_question_mark($slots[$questionid]);
    }
    return [$attempt, $marks];
}

/** The form data Moodle's page would post for this response, given this attempt's shuffles. */
function post_data(question_attempt $qa, question_definition $question, array $response): array {
    switch ($response['type']) {
        case 'choice':
            $answerids = array_keys($question->answers);
            sort($answerids, SORT_NUMERIC);
            $order = $question->get_order($qa);
            $single = $question instanceof qtype_multichoice_single_question;
            $data = [];
            foreach ($response['chosen'] as $index) {
                $position = array_search($answerids[$index], $order);
                if ($single) {
                    $data['answer'] = $position;
                } else {
                    $data['choice' . $position] = 1;
                }
            }
            return $data;
        case 'truefalse':
            return ['answer' => $response['value'] ? 1 : 0];
        case 'gaps':
            $data = [];
            foreach ($response['values'] as $index => $value) {
                $data['sub' . ($index + 1) . '_answer'] = $value;
            }
            return $data;
        case 'words':
            $keys = [];
            foreach ($question->get_ordered_choices(1) as $key => $choice) {
                $keys[$choice->text] = $key;
            }
            $data = [];
            foreach ($response['values'] as $index => $word) {
                $data['p' . ($index + 1)] = $keys[$word];
            }
            return $data;
        case 'match':
            $stemids = array_keys($question->stems);
            sort($stemids, SORT_NUMERIC);
            $stemorder = $question->get_stem_order();
            $choiceorder = $question->get_choice_order();
            $data = [];
            foreach ($response['choices'] as $left => $pair) {
                $data['sub' . array_search($stemids[$left], $stemorder)] = array_search($question->right[$stemids[$pair]], $choiceorder);
            }
            return $data;
        case 'order':
            $correct = array_values($question->correctresponse);
            $keys = array_map(fn($index) => $question->answers[$correct[$index]]->md5key, $response['order']);
            return [$question->get_response_fieldname() => implode(',', $keys)];
    }
    throw new coding_exception('unknown response type ' . $response['type']);
}
