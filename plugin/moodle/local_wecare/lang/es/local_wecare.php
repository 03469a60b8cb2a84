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
 * Spanish strings for local_wecare.
 *
 * @package    local_wecare
 * @copyright  2026 WeCare toolkit contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['activitynotfound'] = 'El curso no tiene ninguna actividad con el número de ID «{$a}». Despliéguela primero.';
$string['activitynotracking'] = 'La actividad con número de ID «{$a}» no registra la finalización, así que no puede ser un criterio de finalización del curso.';
$string['badzip'] = 'El archivo no es un zip legible.';
$string['criterialocked'] = 'Hay participantes con datos de finalización del curso, por lo que Moodle bloquea los criterios. Repita con unlock para sustituirlos (los datos de finalización del curso se borran y se vuelven a calcular).';
$string['draftempty'] = 'El área de borrador {$a} no contiene ningún archivo: suba primero el paquete con webservice/upload.php y el mismo token.';
$string['draftmanyfiles'] = 'El área de borrador {$a} contiene más de un archivo: suba cada paquete en su propia área de borrador.';
$string['duplicateidnumber'] = 'El curso tiene más de una actividad con el número de ID «{$a}». Asigne a cada una un número de ID distinto en Moodle y vuelva a desplegar.';
$string['emptyname'] = 'El nombre de la actividad está vacío.';
$string['h5pdirectoryentries'] = 'El paquete H5P contiene entradas de directorio ({$a}); el validador H5P de Moodle rechaza esos paquetes. Vuelva a generarlo sin entradas de directorio.';
$string['h5pnotdeployed'] = 'El contenido H5P de la actividad {$a->cmid} aún no se ha podido preparar para el alumnado: {$a->reason}';
$string['invalidcompletion'] = 'La regla de finalización «{$a->completion}» no está disponible para {$a->type}. SCORM: passed, completed, passedorcompleted, passgrade o none; H5P: passgrade o none.';
$string['invalidh5p'] = 'La validación H5P de Moodle ha rechazado el paquete: {$a}';
$string['invalididnumber'] = 'El número de ID «{$a}» no es válido: use de 1 a 100 letras, cifras, puntos, guiones bajos, dos puntos o guiones.';
$string['invalidpassmark'] = 'La nota de aprobado {$a} no es válida: use un porcentaje entre 0 y 100 (mayor que 0 con la regla passgrade).';
$string['invalidscorm'] = 'La validación SCORM de Moodle ha rechazado el paquete: {$a}';
$string['invalidsection'] = 'La sección {$a} está fuera del rango que permite este sitio.';
$string['invalidtype'] = 'El tipo de actividad «{$a}» no está admitido: use scorm o h5pactivity.';
$string['locktimeout'] = 'Hay otro despliegue de «{$a}» en curso. Inténtelo de nuevo en un minuto.';
$string['noactivities'] = 'No se ha indicado ninguna actividad.';
$string['nogradeaccess'] = 'No tiene permiso para ver todas las calificaciones de este curso, así que se omiten.';
$string['packagehashmismatch'] = 'El paquete subido no coincide: se esperaba el SHA-1 {$a->expected} y se ha recibido {$a->actual}. Súbalo de nuevo.';
$string['packagerequired'] = 'La actividad «{$a}» necesita un paquete: súbalo e indique su identificador de borrador.';
$string['pluginname'] = 'Herramientas WeCare';
$string['privacy:metadata'] = 'El complemento de herramientas WeCare no guarda datos personales. Crea actividades y lee la finalización, las calificaciones y los intentos que guarda el propio Moodle.';
$string['sitecompletiondisabled'] = 'El seguimiento de la finalización está desactivado en este sitio, así que la regla de finalización de «{$a}» no tiene efecto. Actívelo en Administración del sitio > Características avanzadas.';
$string['typemismatch'] = 'El curso ya tiene una actividad {$a->existing} con el número de ID «{$a->idnumber}», no {$a->requested}. Cámbiele el número de ID o bórrela en Moodle y vuelva a desplegar.';
$string['unknownreason'] = 'sin motivo indicado';
$string['wecare:deploy'] = 'Desplegar paquetes de las herramientas WeCare y fijar los criterios de finalización del curso';
$string['wecare:viewprogress'] = 'Ver el progreso de todos los participantes mediante las herramientas WeCare';
$string['wecare:readaccounts'] = 'Leer en bloque las cuentas de los participantes mediante las herramientas WeCare';
