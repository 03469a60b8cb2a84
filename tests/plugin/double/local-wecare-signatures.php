<?php
// This file is part of wecare-toolkit's tests, distributed under the GNU GPL v3 or later.
//
// Prints the web-service signatures of plugin/moodle/local_wecare as JSON, in the shape of
// ../shared/moodle-recorded/functions.json, so the Moodle test double enforces exactly what the
// PHP declares. Two modes:
//   php local-wecare-signatures.php                 stand-ins for core_external (php-cli only, CI)
//   php local-wecare-signatures.php --moodle=<dir>  a real Moodle with local_wecare installed
// Both must print the same JSON; tests/plugin/deploy/signatures.test.ts checks the first against
// the committed local-wecare-signatures.json.

$pluginroot = realpath(__DIR__ . '/../../../plugin/moodle/local_wecare');
$moodle = null;
foreach (array_slice($argv, 1) as $arg) {
    if (strpos($arg, '--moodle=') === 0) {
        $moodle = substr($arg, strlen('--moodle='));
    }
}

if ($moodle !== null) {
    define('CLI_SCRIPT', true);
    require($moodle . '/config.php');
} else {
    define('MOODLE_INTERNAL', true);
    wecare_define_standins();
    spl_autoload_register(function (string $class) use ($pluginroot): void {
        $prefix = 'local_wecare\\';
        if (strpos($class, $prefix) === 0) {
            $file = $pluginroot . '/classes/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require_once($file);
            }
        }
    });
}

$functions = [];
require($pluginroot . '/db/services.php');
$out = [];
foreach ($functions as $name => $definition) {
    $class = $definition['classname'];
    $out[$name] = [
        'name' => $name,
        'type' => $definition['type'],
        'parameters' => wecare_describe($class::execute_parameters()),
        'returns' => wecare_describe($class::execute_returns()),
    ];
}
ksort($out);
echo json_encode(['functions' => $out], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";

/**
 * One description as functions.json writes it.
 *
 * @param object|null $desc an external_description
 * @return array|null
 */
function wecare_describe($desc): ?array {
    if ($desc === null) {
        return null;
    }
    $names = [VALUE_REQUIRED => 'VALUE_REQUIRED', VALUE_OPTIONAL => 'VALUE_OPTIONAL', VALUE_DEFAULT => 'VALUE_DEFAULT'];
    $class = get_class($desc);
    $short = substr($class, strrpos($class, '\\') + 1);
    $kind = [
        'external_value' => 'value',
        'external_single_structure' => 'single_structure',
        'external_function_parameters' => 'function_parameters',
        'external_multiple_structure' => 'multiple_structure',
        'external_warnings' => 'multiple_structure',
    ][$short];
    $out = ['kind' => $kind];
    if ($kind === 'value') {
        $out['type'] = $desc->type;
    }
    $out['desc'] = $desc->desc;
    $out['required'] = $names[$desc->required];
    $out['allownull'] = (bool) $desc->allownull;
    if ($desc->required === VALUE_DEFAULT) {
        $out['default'] = $desc->default;
    }
    if ($kind === 'single_structure' || $kind === 'function_parameters') {
        $out['keys'] = [];
        foreach ($desc->keys as $key => $child) {
            $out['keys'][$key] = wecare_describe($child);
        }
    } else if ($kind === 'multiple_structure') {
        $out['content'] = wecare_describe($desc->content);
    }
    return $out;
}

/**
 * Minimal stand-ins for Moodle's core_external description classes and PARAM_ constants: enough
 * to evaluate execute_parameters() and execute_returns() without a Moodle install.
 */
function wecare_define_standins(): void {
    $params = ['INT' => 'int', 'FLOAT' => 'float', 'BOOL' => 'bool', 'TEXT' => 'text', 'RAW' => 'raw',
        'RAW_TRIMMED' => 'raw_trimmed', 'ALPHA' => 'alpha', 'ALPHANUM' => 'alphanum', 'ALPHANUMEXT' => 'alphanumext',
        'PLUGIN' => 'plugin', 'FILE' => 'file', 'NOTAGS' => 'notags', 'URL' => 'url', 'COMPONENT' => 'component',
        'AREA' => 'area', 'LANG' => 'lang'];
    foreach ($params as $name => $value) {
        define('PARAM_' . $name, $value);
    }
    define('VALUE_REQUIRED', 1);
    define('VALUE_OPTIONAL', 2);
    define('VALUE_DEFAULT', 0);
    define('NULL_ALLOWED', true);
    define('NULL_NOT_ALLOWED', false);
    eval(<<<'PHP'
namespace core_external;
abstract class external_description {
    public $desc; public $required; public $default; public $allownull;
    public function __construct($desc, $required, $default, $allownull = NULL_NOT_ALLOWED) {
        $this->desc = $desc; $this->required = $required; $this->default = $default; $this->allownull = (bool) $allownull;
    }
}
class external_value extends external_description {
    public $type;
    public function __construct($type, $desc = '', $required = VALUE_REQUIRED, $default = null, $allownull = NULL_ALLOWED) {
        parent::__construct($desc, $required, $default, $allownull); $this->type = $type;
    }
}
class external_single_structure extends external_description {
    public $keys;
    public function __construct(array $keys, $desc = '', $required = VALUE_REQUIRED, $default = null, $allownull = NULL_NOT_ALLOWED) {
        parent::__construct($desc, $required, $default, $allownull); $this->keys = $keys;
    }
}
class external_function_parameters extends external_single_structure {
    public function __construct(array $keys, $desc = '', $required = VALUE_REQUIRED, $default = null) {
        parent::__construct($keys, $desc, $required, $default);
    }
}
class external_multiple_structure extends external_description {
    public $content;
    public function __construct(external_description $content, $desc = '', $required = VALUE_REQUIRED, $default = null, $allownull = NULL_NOT_ALLOWED) {
        parent::__construct($desc, $required, $default, $allownull); $this->content = $content;
    }
}
class external_warnings extends external_multiple_structure {
    public function __construct($itemdesc = 'item', $itemiddesc = 'item id',
            $warningcodedesc = 'the warning code can be used by the client app to implement specific behaviour') {
        parent::__construct(new external_single_structure([
            'item' => new external_value(PARAM_TEXT, $itemdesc, VALUE_OPTIONAL),
            'itemid' => new external_value(PARAM_INT, $itemiddesc, VALUE_OPTIONAL),
            'warningcode' => new external_value(PARAM_ALPHANUM, $warningcodedesc),
            'message' => new external_value(PARAM_RAW, 'untranslated english message to explain the warning'),
        ], 'warning'), 'list of warnings', VALUE_OPTIONAL);
    }
}
abstract class external_api {
}
PHP);
}
