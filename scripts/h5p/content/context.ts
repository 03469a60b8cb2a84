import type { ModuleIR, SourceRef } from '../../ir/types.ts';
import { escapePlain, htmlToText } from '../html.ts';
import type { H5pStrings } from '../i18n/index.ts';
import { subContentId } from '../ids.ts';
import { factsOf } from '../libraries.ts';
import type { PackagedImage } from '../media.ts';
import type { H5pRule, Lang, Params } from '../messages.ts';

/** A `library` field value as H5P stores it. */
export interface SubContent {
  library: string;
  params: Record<string, unknown>;
  subContentId: string;
  metadata: { contentType: string; license: 'U'; title: string };
}

/** State shared by the builders of one package. */
export interface ContentContext {
  strings: H5pStrings;
  module: ModuleIR;
  /** Language of build messages. */
  lang: Lang;
  /** H5P core API of the target sites: parameters their library patches lack are not written. */
  coreApi: string;
  /** Reports a warning about something the package cannot show as authored. */
  warn(source: SourceRef, rule: H5pRule, params: Params): void;
  /** Images to write under `content/`, by path. */
  images: Map<string, PackagedImage>;
  /** Every library used as sub-content, in order of first use. */
  usedLibraries: Set<string>;
}

/** Plain-text metadata title: H5P shows it in reports and the book's table of contents. */
export function metadataTitle(htmlOrText: string, fallback: string): string {
  const text = htmlToText(htmlOrText) || fallback;
  return escapePlain(text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text);
}

export function subContent(context: ContentContext, library: string, params: Record<string, unknown>, seed: string, title: string): SubContent {
  context.usedLibraries.add(library);
  return {
    library,
    params,
    subContentId: subContentId(seed),
    metadata: { contentType: factsOf(library).contentType ?? library.split(' ')[0]!, license: 'U', title },
  };
}
