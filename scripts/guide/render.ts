/**
 * Renders the trainer guide of one variant as one self-contained, accessible HTML document:
 * styles inline, images as data URIs, no script, no network.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Competence, ModuleIR, ProgrammeIR } from '../ir/types.ts';
import { activityAnchor, demoteHeadings, faceToFaceActivities, renderBlock, taskMarks, wrapTables, type RenderContext } from './activities.ts';
import { escapeHtml } from '../html/escape.ts';
import { anchorId } from './escape.ts';
import { inlineModuleMedia, type MediaProblem } from './media.ts';
import { fill, formatMinutes, guideStrings, type GuideStrings } from './strings.ts';

export interface TocEntry {
  id: string;
  title: string;
  level: 1 | 2;
}

/** The guide cut where pages break anyway, so that each piece can be printed on its own. */
export interface GuidePrintParts {
  /** `<!DOCTYPE html>` to `</head>`: the same for every piece. */
  head: string;
  /** Cover and table of contents (with empty `.toc-page` slots for the page numbers). */
  front: string;
  /** One body per chapter, in order; each starts a page. */
  chapters: string[];
}

export interface RenderedGuide {
  html: string;
  toc: TocEntry[];
  print: GuidePrintParts;
  /** Media that could not be read or inlined; the format reports them as warnings. */
  problems: MediaProblem[];
}

export const guideCssPath = fileURLToPath(new URL('../../templates/guide/guide.css', import.meta.url));

export async function renderGuide(programme: ProgrammeIR): Promise<RenderedGuide> {
  const s = guideStrings(programme.variant);
  const css = await readFile(guideCssPath, 'utf8');
  const competences = new Map<string, Competence>();
  for (const area of programme.framework.areas) for (const competence of area.competences) competences.set(competence.id, competence);
  const competenceLabel = (id: string) => {
    const competence = competences.get(id);
    return competence ? `${id} — ${competence.title}` : id;
  };
  const problems: MediaProblem[] = [];
  const toc: TocEntry[] = [];
  const section = (id: string, title: string, level: 1 | 2 = 1) => {
    toc.push({ id, title, level });
    return id;
  };

  const parts: string[] = [];
  parts.push(renderOverview(programme, s, section('presentacion', s.overview)));
  parts.push(renderBlendedPath(programme, s, section('itinerario', s.blendedPath)));
  parts.push(renderCompetences(programme, s, section('competencias', s.outcomesAndCompetences)));
  for (const module of programme.modules) {
    parts.push(await renderModuleChapter(module, programme, s, competenceLabel, problems, section));
  }
  if (programme.assessment) {
    parts.push(await renderModuleChapter(programme.assessment, programme, s, competenceLabel, problems, section, s.assessment));
  }
  parts.push(renderReviews(programme, s, section('revision', s.reviews)));
  parts.push(renderSources(programme, s, section('fuentes', s.sources)));

  const title = `${s.title} · ${programme.programme.title}`;
  const head = `<!DOCTYPE html>
<html lang="${escapeHtml(programme.variant.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wecare-toolkit">
<title>${escapeHtml(title)} (${escapeHtml(programme.variant.name)})</title>
<style>${css}</style>
</head>
`;
  const front = `<a class="skip-link" href="#contenido">${escapeHtml(s.skipToContent)}</a>
<header class="cover">
<p class="cover-kicker">${escapeHtml(s.title)}</p>
<h1>${escapeHtml(programme.programme.title)}</h1>
<p class="cover-variant">${escapeHtml(s.variant)}: ${escapeHtml(programme.variant.name)} (${escapeHtml(programme.variant.locale)})</p>
<p class="cover-note">${escapeHtml(s.generated)} · ${escapeHtml(programme.programme.id)}</p>
</header>
${renderToc(toc, s)}`;
  const html = `${head}<body>
${front}
<main id="contenido">
${parts.join('\n')}
</main>
</body>
</html>
`;
  return { html, toc, print: { head, front, chapters: parts }, problems };
}

function renderToc(toc: TocEntry[], s: GuideStrings): string {
  const items: string[] = [];
  let open = false;
  for (const entry of toc) {
    const link = `<a href="#${entry.id}"><span class="toc-title">${escapeHtml(entry.title)}</span><span class="toc-page" data-target="${entry.id}"></span></a>`;
    if (entry.level === 1) {
      if (open) items.push('</ol></li>');
      items.push(`<li>${link}<ol>`);
      open = true;
    } else {
      items.push(`<li>${link}</li>`);
    }
  }
  if (open) items.push('</ol></li>');
  // Empty nested lists are invalid for some checkers: drop them.
  const list = items.join('').replace(/<ol><\/ol>/g, '');
  return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${escapeHtml(s.contents)}</h2><ol>${list}</ol></nav>`;
}

function renderOverview(programme: ProgrammeIR, s: GuideStrings, id: string): string {
  const online = programme.modules.reduce((sum, module) => sum + module.duration.online, 0);
  const faceToFace = programme.modules.reduce((sum, module) => sum + module.duration.faceToFace, 0);
  const rows = programme.modules
    .map((module, index) => `<tr><td>${index + 1}</td><th scope="row"><a href="#${anchorId('mod', module.id)}">${escapeHtml(module.title)}</a></th><td>${escapeHtml(module.summary)}</td><td class="num">${escapeHtml(formatMinutes(module.duration.online, s))}</td><td class="num">${escapeHtml(formatMinutes(module.duration.faceToFace, s))}</td></tr>`)
    .join('');
  return `<section class="chapter" aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(s.overview)}</h2>
<dl class="facts">
<div><dt>${escapeHtml(s.programme)}</dt><dd>${escapeHtml(programme.programme.title)}</dd></div>
<div><dt>${escapeHtml(s.variant)}</dt><dd>${escapeHtml(programme.variant.name)}</dd></div>
<div><dt>${escapeHtml(s.modulesCount)}</dt><dd>${programme.modules.length}</dd></div>
<div><dt>${escapeHtml(s.totalOnline)}</dt><dd>${escapeHtml(formatMinutes(online, s))}</dd></div>
<div><dt>${escapeHtml(s.totalFaceToFace)}</dt><dd>${escapeHtml(formatMinutes(faceToFace, s))}</dd></div>
<div><dt>${escapeHtml(s.passMark)}</dt><dd>${programme.programme.defaults.passMark} %</dd></div>
</dl>
<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(s.table)}"><table>
<caption>${escapeHtml(s.modulesCount)}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${escapeHtml(s.module)}</th><th scope="col">${escapeHtml(s.summary)}</th><th scope="col">${escapeHtml(s.online)}</th><th scope="col">${escapeHtml(s.faceToFace)}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function renderBlendedPath(programme: ProgrammeIR, s: GuideStrings, id: string): string {
  const modules = programme.modules
    .map((module, index) => {
      const sessions = module.lessons.flatMap((lesson) => faceToFaceActivities(lesson.blocks).map((activity) => ({ lesson, activity })));
      const sessionMinutes = sessions.reduce((sum, { activity }) => sum + activity.durationMinutes, 0);
      const lessons = module.lessons.map((lesson) => `<li><a href="#${anchorId('mod', module.id, lesson.id)}">${escapeHtml(lesson.title)}</a></li>`).join('');
      const sessionItems = sessions
        .map(({ activity }) => `<li><a href="#${activityAnchor(activity.id)}">${escapeHtml(activity.title)}</a> — ${escapeHtml(s.mode[activity.mode])}, ${escapeHtml(formatMinutes(activity.durationMinutes, s))}</li>`)
        .join('');
      const mismatch = sessions.length && sessionMinutes !== module.duration.faceToFace
        ? `<p class="note">${escapeHtml(fill(s.plannedVsActivities, { planned: formatMinutes(module.duration.faceToFace, s), activities: formatMinutes(sessionMinutes, s) }))}</p>`
        : '';
      return `<section class="path-module" aria-labelledby="path-${anchorId(module.id)}">
<h3 id="path-${anchorId(module.id)}">${index + 1}. ${escapeHtml(module.title)}</h3>
<div class="path-grid">
<div class="path-online"><h4>${escapeHtml(s.online)} · ${escapeHtml(formatMinutes(module.duration.online, s))}</h4><ol>${lessons}</ol></div>
<div class="path-f2f"><h4>${escapeHtml(s.faceToFace)} · ${escapeHtml(formatMinutes(module.duration.faceToFace, s))}</h4>${sessionItems ? `<ul>${sessionItems}</ul>` : `<p>${escapeHtml(s.noSessions)}</p>`}${mismatch}</div>
</div>
</section>`;
    })
    .join('\n');
  return `<section class="chapter" aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(s.blendedPath)}</h2>
<p>${escapeHtml(s.blendedPathIntro)}</p>
${modules}
</section>`;
}

function renderCompetences(programme: ProgrammeIR, s: GuideStrings, id: string): string {
  const modules = programme.modules;
  const header = modules.map((module, index) => `<th scope="col"><abbr title="${escapeHtml(module.title)}">M${index + 1}</abbr></th>`).join('');
  const rows = programme.framework.areas
    .map((area) => {
      const areaRow = `<tr class="area-row"><th scope="rowgroup" colspan="${modules.length + 1}">${escapeHtml(area.id)} — ${escapeHtml(area.title)}</th></tr>`;
      const competenceRows = area.competences
        .map((competence) => {
          const cells = modules
            .map((module) => (module.competences.includes(competence.id) ? `<td class="yes"><span aria-hidden="true">●</span><span class="visually-hidden">${escapeHtml(s.matrixYes)}</span></td>` : `<td class="no"><span class="visually-hidden">${escapeHtml(s.matrixNo)}</span></td>`))
            .join('');
          return `<tr><th scope="row">${escapeHtml(competence.id)} ${escapeHtml(competence.title)}</th>${cells}</tr>`;
        })
        .join('');
      return areaRow + competenceRows;
    })
    .join('');
  const legend = modules.map((module, index) => `<li><strong>M${index + 1}</strong> ${escapeHtml(module.title)}</li>`).join('');
  const framework = programme.framework.areas
    .map((area) => `<h3>${escapeHtml(area.id)} — ${escapeHtml(area.title)}</h3>${area.competences.map((competence) => renderCompetence(competence, s)).join('')}`)
    .join('');
  return `<section class="chapter" aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(s.outcomesAndCompetences)}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(s.table)}"><table class="matrix">
<caption>${escapeHtml(s.matrixCaption)}</caption>
<thead><tr><th scope="col">${escapeHtml(s.competence)}</th>${header}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
<ul class="legend">${legend}</ul>
${framework}
</section>`;
}

function renderCompetence(competence: Competence, s: GuideStrings): string {
  const outcomes = competence.outcomes.length
    ? `<ul class="outcomes">${competence.outcomes.map((outcome) => `<li><span class="outcome-id">${escapeHtml(outcome.id)}</span> ${escapeHtml(outcome.text)} <span class="tag">${escapeHtml(s.outcomeType[outcome.type])} · ${escapeHtml(s.eqf)} ${outcome.eqfLevel}</span></li>`).join('')}</ul>`
    : '';
  const national = competence.national
    ? `<div class="national"><p><span class="meta-label">${escapeHtml(s.national)}:</span> ${escapeHtml(competence.national.text)}</p>${competence.national.sources.length ? `<ul class="sources">${competence.national.sources.map(renderCitation).join('')}</ul>` : ''}</div>`
    : '';
  return `<div class="competence"><h4>${escapeHtml(competence.id)} ${escapeHtml(competence.title)}</h4>${competence.description ? `<p>${escapeHtml(competence.description)}</p>` : ''}${outcomes}${national}</div>`;
}

function renderCitation(citation: { text: string; url?: string }): string {
  const safeUrl = citation.url && /^https?:\/\//i.test(citation.url) ? citation.url : undefined;
  return `<li>${escapeHtml(citation.text)}${safeUrl ? ` — <a href="${escapeHtml(safeUrl)}">${escapeHtml(safeUrl)}</a>` : ''}</li>`;
}

export async function renderModuleChapter(
  module: ModuleIR,
  programme: ProgrammeIR,
  s: GuideStrings,
  competenceLabel: (id: string) => string,
  problems: MediaProblem[],
  section: (id: string, title: string, level?: 1 | 2) => string,
  heading?: string,
): Promise<string> {
  const index = programme.modules.indexOf(module);
  const title = heading ?? `${s.module} ${index + 1}. ${module.title}`;
  const id = section(anchorId('mod', module.id), title);
  const media = await inlineModuleMedia(module, problems);
  const ctx: RenderContext = { s, competenceLabel, media, missingMedia: [] };
  const outcomes = module.outcomes.length
    ? `<h3>${escapeHtml(s.outcomes)}</h3><ul class="outcomes">${module.outcomes.map((outcome) => `<li><span class="outcome-id">${escapeHtml(outcome.id)}</span> ${escapeHtml(outcome.text)}</li>`).join('')}</ul>`
    : '';
  const lessons = module.lessons
    .map((lesson, lessonIndex) => {
      const lessonId = section(anchorId('mod', module.id, lesson.id), `${lessonIndex + 1}. ${lesson.title}`, 2);
      const notesAfter = (position: number) =>
        lesson.trainerNotes
          .filter((note) => note.afterBlock === position)
          .map((note) => `<aside class="trainer-note" aria-label="${escapeHtml(s.trainerNote)}"><p class="note-label">${escapeHtml(s.trainerNote)}</p>${note.html}</aside>`)
          .join('');
      const blocks = [notesAfter(-1), ...lesson.blocks.map((block, blockIndex) => renderBlock(block, ctx) + notesAfter(blockIndex))];
      // Notes placed past the last block (defensive: the parser should not produce them) still show.
      const stray = lesson.trainerNotes.filter((note) => note.afterBlock >= lesson.blocks.length || note.afterBlock < -1);
      blocks.push(...stray.map((note) => `<aside class="trainer-note" aria-label="${escapeHtml(s.trainerNote)}"><p class="note-label">${escapeHtml(s.trainerNote)}</p>${note.html}</aside>`));
      return `<section class="lesson" aria-labelledby="${lessonId}"><h3 id="${lessonId}">${escapeHtml(s.lesson)} ${lessonIndex + 1}. ${escapeHtml(lesson.title)}</h3>${blocks.join('\n')}</section>`;
    })
    .join('\n');
  for (const src of ctx.missingMedia) problems.push({ module, message: `Image "${src}" is not one of the module's media files; the trainer guide cannot inline it.` });
  const intro = module === programme.assessment ? `<p>${escapeHtml(s.assessmentIntro)}</p>` : '';
  return `<section class="chapter module" aria-labelledby="${id}" data-module-id="${escapeHtml(module.id)}">
<h2 id="${id}">${escapeHtml(title)}</h2>
${intro}
<p class="lead">${escapeHtml(module.summary)}</p>
<dl class="facts">
<div><dt>${escapeHtml(s.online)}</dt><dd>${escapeHtml(formatMinutes(module.duration.online, s))}</dd></div>
<div><dt>${escapeHtml(s.faceToFace)}</dt><dd>${escapeHtml(formatMinutes(module.duration.faceToFace, s))}</dd></div>
<div><dt>${escapeHtml(s.passMark)}</dt><dd>${module.passMark} %</dd></div>
<div><dt>${escapeHtml(s.competencesLabel)}</dt><dd>${module.competences.map((c) => escapeHtml(competenceLabel(c))).join('; ')}</dd></div>
</dl>
${outcomes}
${module.introHtml ? `<h3>${escapeHtml(s.introduction)}</h3><div class="learner-content">${wrapTables(taskMarks(demoteHeadings(module.introHtml)), s.table)}</div>` : ''}
${lessons}
</section>`;
}

function renderReviews(programme: ProgrammeIR, s: GuideStrings, id: string): string {
  const modules = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
  const rows = modules.flatMap((module) =>
    module.reviews.map((review) => {
      const lesson = module.lessons.find((candidate) => candidate.id === review.lessonId);
      const where = `${module.title}${lesson ? ` › ${lesson.title}` : ''}`;
      return `<tr><td>${escapeHtml(where)}<br><code>${escapeHtml(`${review.source.file}:${review.source.line}`)}</code></td><td>${escapeHtml(review.text)}</td></tr>`;
    }),
  );
  const body = rows.length
    ? `<p>${escapeHtml(s.reviewsIntro)}</p><div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(s.table)}"><table class="reviews"><caption class="visually-hidden">${escapeHtml(s.reviews)}</caption><thead><tr><th scope="col">${escapeHtml(s.where)}</th><th scope="col">${escapeHtml(s.what)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
    : `<p>${escapeHtml(s.noReviews)}</p>`;
  return `<section class="chapter" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(s.reviews)}</h2>${body}</section>`;
}

function renderSources(programme: ProgrammeIR, s: GuideStrings, id: string): string {
  const modules = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
  const groups = modules
    .map((module) => `<h3>${escapeHtml(module.title)}</h3>${module.sources.length ? `<ul class="sources">${module.sources.map(renderCitation).join('')}</ul>` : `<p>${escapeHtml(s.noSources)}</p>`}`)
    .join('');
  return `<section class="chapter" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(s.sources)}</h2>${groups}</section>`;
}
