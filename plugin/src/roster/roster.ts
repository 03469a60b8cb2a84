/**
 * The roster as programme staff export it, turned into participants. Every problem names its row
 * (header = row 1). Bad rows are reported and left out; the caller decides whether to refuse the
 * whole run (`--strict`).
 */
import { detectDelimiter } from '../../../scripts/csv/csv.ts';
import { CsvError, decodeUtf8, parseCsv } from './csv.ts';

export type ParticipantStatus = 'active' | 'withdrawn' | 'paused' | 'completed';

export interface Participant {
  row: number;
  /** Participant id; Moodle's `idnumber`. */
  id: string;
  firstname: string;
  lastname: string;
  /** As written, trimmed. */
  email: string;
  variant: string;
  intake: string;
  phase: string;
  /** Empty when the roster has no group for this participant. */
  group: string;
  status: ParticipantStatus;
}

export interface RosterProblem {
  row: number;
  column?: string;
  message: string;
}

export interface Roster {
  participants: Participant[];
  problems: RosterProblem[];
  /** Rows with data (bad ones included). */
  rows: number;
  delimiter: ',' | ';';
}

export interface RosterRules {
  /** Variant codes (lower case) and their accepted spellings. */
  variants: Record<string, string[]>;
  /** Phases known for each variant. */
  phases: Record<string, string[]>;
}

type Column = 'id' | 'firstname' | 'lastname' | 'email' | 'variant' | 'intake' | 'phase' | 'group' | 'status';

const headerAliases: Record<Column, string[]> = {
  id: ['id', 'participant id', 'participant_id', 'participantid', 'idnumber', 'id participante', 'id_participante'],
  firstname: ['first name', 'first_name', 'firstname', 'given name', 'nombre', 'nombres'],
  lastname: ['last name', 'last_name', 'lastname', 'surname', 'family name', 'apellido', 'apellidos'],
  email: ['email', 'e-mail', 'mail', 'correo', 'correo electronico', 'correo_electronico', 'email address'],
  variant: ['variant', 'country', 'country / variant', 'country/variant', 'variante', 'pais'],
  intake: ['intake', 'cohort', 'convocatoria', 'promocion', 'cohorte'],
  phase: ['phase', 'fase', 'etapa'],
  group: ['group', 'grupo'],
  status: ['status', 'estado', 'state'],
};
const requiredColumns: Column[] = ['id', 'firstname', 'lastname', 'email', 'variant', 'intake', 'phase', 'status'];

const statusAliases: Record<string, ParticipantStatus> = {
  active: 'active', activo: 'active', activa: 'active', enrolled: 'active',
  withdrawn: 'withdrawn', baja: 'withdrawn', retirado: 'withdrawn', retirada: 'withdrawn', dropped: 'withdrawn',
  paused: 'paused', 'on hold': 'paused', 'on-hold': 'paused', pausa: 'paused', pausado: 'paused', pausada: 'paused',
  completed: 'completed', finished: 'completed', finalizado: 'completed', finalizada: 'completed', completado: 'completed', completada: 'completed',
};

/** The characters Moodle accepts in a username (we derive usernames from ids). */
export const idPattern = /^[A-Za-z0-9_.@-]+$/;
const emailPattern = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[A-Za-z]{2,}$/;

export const normaliseHeader = (text: string) =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/\s+/g, ' ');

export function parseRoster(bytes: Uint8Array, rules: RosterRules): Roster {
  const text = decodeUtf8(bytes);
  const delimiter = detectDelimiter(text);
  const records = parseCsv(text, delimiter);
  const [header, ...data] = records;
  if (!header) throw new CsvError('the roster is empty: it needs a header row and one row per participant.', 1);
  const columns = mapHeader(header.fields);

  const participants: Participant[] = [];
  const problems: RosterProblem[] = [];
  const seenIds = new Map<string, number>();
  const seenEmails = new Map<string, { row: number; id: string }>();
  const variantOf = new Map<string, string>();
  for (const [code, aliases] of Object.entries(rules.variants)) {
    for (const alias of [code, ...aliases]) variantOf.set(normaliseHeader(alias), code);
  }

  for (const record of data) {
    const get = (column: Column) => (columns[column] === undefined ? '' : (record.fields[columns[column]!] ?? '').trim());
    const bad = (column: Column | undefined, message: string) => problems.push({ row: record.row, column, message });
    const id = get('id');
    const before = problems.length;
    if (!id) bad('id', 'missing participant id');
    else if (!idPattern.test(id)) bad('id', `id "${id}" may contain only letters, digits and . _ - @`);
    const firstname = get('firstname');
    const lastname = get('lastname');
    if (!firstname) bad('firstname', 'missing first name');
    if (!lastname) bad('lastname', 'missing last name');
    const email = get('email');
    if (!email) bad('email', 'missing email');
    else if (!emailPattern.test(email)) bad('email', `"${email}" is not an email address`);
    const variantText = get('variant');
    const variant = variantOf.get(normaliseHeader(variantText));
    if (!variantText) bad('variant', 'missing variant (country)');
    else if (!variant) bad('variant', `unknown variant "${variantText}" (known: ${Object.keys(rules.variants).join(', ')})`);
    const phase = get('phase');
    if (!phase) bad('phase', 'missing phase');
    else if (variant && !(rules.phases[variant] ?? []).includes(phase)) bad('phase', `unknown phase "${phase}" for variant ${variant} (known: ${(rules.phases[variant] ?? []).join(', ') || 'none'})`);
    const intake = get('intake');
    if (!intake) bad('intake', 'missing intake');
    const statusText = get('status');
    const status = statusAliases[normaliseHeader(statusText)];
    if (!status) bad('status', statusText ? `unknown status "${statusText}" (use active, withdrawn, paused or completed)` : 'missing status');
    if (id && seenIds.has(id.toLowerCase())) bad('id', `duplicate id "${id}" (first on row ${seenIds.get(id.toLowerCase())})`);
    const emailKey = email.toLowerCase();
    const emailOwner = seenEmails.get(emailKey);
    if (email && emailOwner && emailOwner.id.toLowerCase() !== id.toLowerCase()) bad('email', `email ${email} is also given to ${emailOwner.id} on row ${emailOwner.row}`);
    if (problems.length > before) continue;
    seenIds.set(id.toLowerCase(), record.row);
    seenEmails.set(emailKey, { row: record.row, id });
    participants.push({ row: record.row, id, firstname, lastname, email, variant: variant!, intake, phase, group: get('group'), status: status! });
  }
  return { participants, problems, rows: data.length, delimiter };
}

function mapHeader(fields: string[]): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  fields.forEach((field, index) => {
    const name = normaliseHeader(field);
    for (const [column, aliases] of Object.entries(headerAliases) as Array<[Column, string[]]>) {
      if (aliases.includes(name) && columns[column] === undefined) columns[column] = index;
    }
  });
  const missing = requiredColumns.filter((column) => columns[column] === undefined);
  if (missing.length) {
    throw new CsvError(`the header (row 1) lacks the column(s) ${missing.join(', ')}. Found: ${fields.map((f) => `"${f.trim()}"`).join(', ')}. Expected e.g.: id, first_name, last_name, email, variant, intake, phase, group, status.`, 1);
  }
  return columns;
}
