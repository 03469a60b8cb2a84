/**
 * imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th edition (built with xml2js), and the checks
 * the XSDs cannot make: identifierref targets, the default organization, listed files.
 */
import { Builder, parseStringPromise } from 'xml2js';
import type { ModuleIR, ProgrammeIR } from '../ir/types.ts';
import { resolveStrings } from '../../templates/player/i18n/index.ts';

export type ScormPackaging = 'scorm12' | 'scorm2004';

/** An XML NCName (xs:ID) built from free text. */
export function ncName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

const minutesToIso = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
};

export interface ManifestInput {
  module: ModuleIR;
  programme: ProgrammeIR;
  /** Every file of the package except the manifest, forward slashes. */
  files: string[];
  launch: string;
}

function ids(input: ManifestInput, kind: ScormPackaging) {
  const base = ncName(`${input.programme.programme.id}.${input.programme.variant.code}.${input.module.id}`);
  return { manifest: `${base}.${kind}`, org: `org.${base}`, item: `item.${base}`, res: `res.${base}` };
}

/** The duration sentence learners see, in the module's language. */
const durationText = (module: ModuleIR) =>
  (resolveStrings(module.locale).duration ?? '').replace('{online}', String(module.duration.online)).replace('{f2f}', String(module.duration.faceToFace));

const builder = () => new Builder({ xmldec: { version: '1.0', encoding: 'UTF-8' }, renderOpts: { pretty: true, indent: '  ', newline: '\n' } });

export function manifest12(input: ManifestInput): string {
  const { module } = input;
  const id = ids(input, 'scorm12');
  const lang = module.locale;
  const langstring = (text: string) => ({ 'imsmd:langstring': { _: text, $: { 'xml:lang': lang } } });
  return builder().buildObject({
    manifest: {
      $: {
        identifier: id.manifest,
        version: '1.0',
        xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
        'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
        'xmlns:imsmd': 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
      },
      metadata: {
        schema: 'ADL SCORM',
        schemaversion: '1.2',
        'imsmd:lom': {
          'imsmd:general': {
            'imsmd:title': langstring(module.title),
            'imsmd:language': lang,
            'imsmd:description': langstring(module.summary || module.title),
          },
          'imsmd:educational': {
            'imsmd:typicallearningtime': { 'imsmd:datetime': minutesToIso(module.duration.online), 'imsmd:description': langstring(durationText(module)) },
          },
        },
      },
      organizations: {
        $: { default: id.org },
        organization: {
          $: { identifier: id.org, structure: 'hierarchical' },
          title: module.title,
          item: { $: { identifier: id.item, identifierref: id.res, isvisible: 'true' }, title: module.title },
        },
      },
      resources: {
        resource: {
          $: { identifier: id.res, type: 'webcontent', 'adlcp:scormtype': 'sco', href: input.launch },
          file: input.files.map((href) => ({ $: { href } })),
        },
      },
    },
  });
}

export function manifest2004(input: ManifestInput): string {
  const { module } = input;
  const id = ids(input, 'scorm2004');
  const lang = module.locale;
  const langstring = (text: string) => ({ 'lom:string': { _: text, $: { language: lang } } });
  return builder().buildObject({
    manifest: {
      $: {
        identifier: id.manifest,
        version: '1.0',
        xmlns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
        'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
        'xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
        'xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
        'xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
        'xmlns:lom': 'http://ltsc.ieee.org/xsd/LOM',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation': 'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd http://ltsc.ieee.org/xsd/LOM lom.xsd',
      },
      metadata: {
        schema: 'ADL SCORM',
        schemaversion: '2004 4th Edition',
        'lom:lom': {
          'lom:general': {
            'lom:identifier': { 'lom:catalog': 'wecare', 'lom:entry': `${input.programme.programme.id}/${input.programme.variant.code}/${module.id}` },
            'lom:title': langstring(module.title),
            'lom:language': lang,
            'lom:description': langstring(module.summary || module.title),
          },
          'lom:technical': { 'lom:format': 'text/html' },
          'lom:educational': {
            'lom:typicalLearningTime': { 'lom:duration': minutesToIso(module.duration.online), 'lom:description': langstring(durationText(module)) },
          },
        },
      },
      organizations: {
        $: { default: id.org },
        organization: {
          $: { identifier: id.org },
          title: module.title,
          item: {
            $: { identifier: id.item, identifierref: id.res },
            title: module.title,
            'imsss:sequencing': { 'imsss:deliveryControls': { $: { completionSetByContent: 'true', objectiveSetByContent: 'true' } } },
          },
        },
      },
      resources: {
        resource: {
          $: { identifier: id.res, type: 'webcontent', 'adlcp:scormType': 'sco', href: input.launch },
          file: input.files.map((href) => ({ $: { href } })),
        },
      },
    },
  });
}

/**
 * Problems in a built manifest that XSD validation does not see: the default organization and
 * every identifierref must name an element of the manifest, every listed file must be in the
 * package, and every packaged file must be listed.
 */
export async function verifyManifest(xml: string, packageFiles: string[]): Promise<string[]> {
  const doc = await parseStringPromise(xml, { explicitArray: true });
  const root = doc.manifest;
  const problems: string[] = [];
  const identifiers = new Set<string>();
  const refs: string[] = [];
  const listed = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '$') {
        const attrs = value as Record<string, string>;
        if (attrs.identifier) identifiers.add(attrs.identifier);
        if (attrs.identifierref) refs.push(attrs.identifierref);
      } else walk(value);
    }
  };
  walk(root);
  const organizations = root.organizations?.[0];
  const orgDefault = organizations?.$?.default as string | undefined;
  const orgIds = (organizations?.organization ?? []).map((o: { $: { identifier: string } }) => o.$.identifier);
  if (!orgDefault || !orgIds.includes(orgDefault)) problems.push(`organizations default "${orgDefault ?? ''}" names no organization`);
  for (const ref of refs) if (!identifiers.has(ref)) problems.push(`identifierref "${ref}" names nothing in the manifest`);
  const files = new Set(packageFiles);
  for (const resource of root.resources?.[0]?.resource ?? []) {
    const href = resource.$?.href as string | undefined;
    if (href && !files.has(href)) problems.push(`launch file "${href}" is not in the package`);
    for (const file of resource.file ?? []) {
      const fileHref = file.$.href as string;
      listed.add(fileHref);
      if (!files.has(fileHref)) problems.push(`listed file "${fileHref}" is not in the package`);
    }
  }
  for (const file of packageFiles) if (file !== 'imsmanifest.xml' && !listed.has(file)) problems.push(`packaged file "${file}" is not listed in the manifest`);
  return problems;
}
