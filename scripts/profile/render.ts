/** HTML pages of the profile: one per learner and the cohort summary. Everything interpolated is escaped. */
import { escapeHtml } from '../html/escape.ts';
import type { AssessmentMap } from './assessment-map.ts';
import { cohortChart, competenceChart } from './chart.ts';
import type { CohortSummary } from './cohort.ts';
import { profileText, type ProfileText } from './strings.ts';
import { profileCss } from './styles.ts';
import type { CompetenceResult, LearnerProfile, Measure, ProfileThresholds } from './types.ts';

const percent = (s: ProfileText, value: number | null) => (value === null ? s.noData : `${Math.round(value * 100)} %`);

function page(lang: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wecare-toolkit">
<title>${escapeHtml(title)}</title>
<style>${profileCss}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function measureText(s: ProfileText, measure: Measure, count: (answered: number, total: number) => string): string {
  return `${percent(s, measure.value)} <span class="muted">(${escapeHtml(count(measure.answered, measure.total))})</span>`;
}

function competenceCard(s: ProfileText, result: CompetenceResult, moduleTitle: (id: string) => string): string {
  const badges = result.gaps.length
    ? `<ul class="badges" aria-label="${escapeHtml(s.gaps)}">${result.gaps.map((gap) => `<li class="badge gap">${escapeHtml(s.gap[gap])}</li>`).join('')}</ul>${result.gaps.map((gap) => `<p class="help">${escapeHtml(s.gapHelp[gap])}</p>`).join('')}`
    : result.knowledge.value === null
      ? ''
      : `<ul class="badges"><li class="badge ok">${escapeHtml(s.noGaps)}</li></ul>`;
  const modules = result.gaps.includes('knowledge') && result.modules.length
    ? `<p class="help"><strong>${escapeHtml(s.modules)}:</strong> ${result.modules.map((id) => escapeHtml(moduleTitle(id))).join('; ')}</p>`
    : '';
  return `<li class="card${result.gaps.length ? ' has-gap' : ''}" data-competence="${escapeHtml(result.competenceId)}">
<h3>${escapeHtml(result.competenceId)} ${escapeHtml(result.title)}</h3>
<dl class="facts"><div><dt>${escapeHtml(s.confidence)}</dt><dd>${measureText(s, result.confidence, s.statementsAnswered)}</dd></div><div><dt>${escapeHtml(s.knowledge)}</dt><dd>${measureText(s, result.knowledge, s.answered)}</dd></div></dl>
${badges}${modules}
</li>`;
}

export function renderLearnerPage(profile: LearnerProfile, map: AssessmentMap, thresholds: ProfileThresholds): string {
  const s = profileText(map.programme.variant);
  const moduleTitle = (id: string) => map.programme.modules.find((module) => module.id === id)?.title ?? id;
  const competences = profile.areas.flatMap((area) => area.competences);
  const withGaps = competences.filter((c) => c.gaps.length).length;
  const display = profile.name ? `${profile.name} (${profile.learnerId})` : profile.learnerId;
  const areas = profile.areas
    .filter((area) => area.competences.length)
    .map((area, index) => `<section class="area" aria-labelledby="area-${index}">
<h2 id="area-${index}">${escapeHtml(area.areaId)} — ${escapeHtml(area.title)}</h2>
<dl class="facts"><div><dt>${escapeHtml(s.confidence)}</dt><dd>${measureText(s, area.confidence, s.statementsAnswered)}</dd></div><div><dt>${escapeHtml(s.knowledge)}</dt><dd>${measureText(s, area.knowledge, s.answered)}</dd></div></dl>
${competenceChart(s, area.competences, thresholds.lowKnowledge, `chart-${index}`)}
<ul class="cards">${area.competences.map((c) => competenceCard(s, c, moduleTitle)).join('')}</ul>
</section>`)
    .join('\n');
  const modules = profile.recommendedModules.length
    ? `<ol class="modules">${profile.recommendedModules.map((module) => `<li><strong>${escapeHtml(module.title)}</strong> — ${escapeHtml(s.modulesFor)}: ${module.competences.map(escapeHtml).join(', ')}</li>`).join('')}</ol>`
    : `<p>${escapeHtml(s.noModules)}</p>`;
  const body = `<header>
<p class="kicker">${escapeHtml(s.profileTitle)}</p>
<h1>${escapeHtml(display)}</h1>
<p class="muted">${escapeHtml(map.programme.programme.title)} · ${escapeHtml(s.variant)}: ${escapeHtml(map.programme.variant.name)}</p>
</header>
<main>
<section aria-labelledby="summary">
<h2 id="summary">${escapeHtml(s.gaps)}</h2>
<p>${escapeHtml(s.summary(withGaps, competences.length))}</p>
${profile.unanswered > 0 ? `<p class="notice">${escapeHtml(s.unanswered(profile.unanswered))}</p>` : ''}
<h3>${escapeHtml(s.modules)}</h3>
${modules}
</section>
${areas}
</main>
<footer><p class="muted">${escapeHtml(s.generated)}</p></footer>`;
  return page(map.programme.variant.locale, `${s.profileTitle} — ${display}`, body);
}

export function renderCohortPage(summary: CohortSummary, map: AssessmentMap, thresholds: ProfileThresholds, learnerLinks: Array<{ href: string; label: string }>): string {
  const s = profileText(map.programme.variant);
  const lacking = summary.competences.filter((c) => c.lacking).sort((a, b) => (b.gapShare ?? 0) - (a.gapShare ?? 0));
  const headers = [s.assessed, s.gapShare, s.gap['over-confidence'], s.gap['under-confidence'], s.meanKnowledge, s.meanConfidence];
  const cell = (index: number, value: string) => `<td class="num" role="cell" data-label="${escapeHtml(headers[index]!)}">${value}</td>`;
  const rows = summary.competences
    .map((c) => `<tr role="row" class="${c.lacking ? 'lacking' : ''}"><th scope="row" role="rowheader">${escapeHtml(c.competenceId)} ${escapeHtml(c.title)}${c.lacking ? ` <span class="badge gap">${escapeHtml(s.lackingBadge)}</span>` : ''}</th>${[
      String(c.assessed),
      c.gapShare === null ? escapeHtml(s.noData) : `${Math.round(c.gapShare * 100)} % (${c.gapCounts.knowledge})`,
      String(c.gapCounts['over-confidence']),
      String(c.gapCounts['under-confidence']),
      escapeHtml(percent(s, c.meanKnowledge)),
      escapeHtml(percent(s, c.meanConfidence)),
    ].map((value, index) => cell(index, value)).join('')}</tr>`)
    .join('');
  const body = `<header>
<p class="kicker">${escapeHtml(s.cohortTitle)}</p>
<h1>${escapeHtml(map.programme.programme.title)}</h1>
<p class="muted">${escapeHtml(s.variant)}: ${escapeHtml(map.programme.variant.name)} · ${escapeHtml(s.learners)}: ${summary.learners}</p>
</header>
<main>
<section aria-labelledby="lacking">
<h2 id="lacking">${escapeHtml(s.lacking)}</h2>
<p class="muted">${escapeHtml(s.lackingRule(Math.round(thresholds.cohortLacking * 100)))}</p>
${lacking.length ? `<ul>${lacking.map((c) => `<li><strong>${escapeHtml(c.competenceId)} ${escapeHtml(c.title)}</strong>: ${Math.round((c.gapShare ?? 0) * 100)} % ${escapeHtml(s.gapShare.toLowerCase())}</li>`).join('')}</ul>` : `<p>${escapeHtml(s.lackingNone)}</p>`}
${cohortChart(s, summary.competences.map((c) => ({ id: c.competenceId, title: c.title, share: c.gapShare, lacking: c.lacking })), thresholds.cohortLacking)}
<h3>${escapeHtml(s.cohortModules)}</h3>
${summary.modules.length ? `<ol class="modules">${summary.modules.map((m) => `<li><strong>${escapeHtml(m.title)}</strong> — ${escapeHtml(s.modulesFor)}: ${m.competences.map(escapeHtml).join(', ')}</li>`).join('')}</ol>` : `<p>${escapeHtml(s.noModules)}</p>`}
</section>
<section aria-labelledby="by-competence">
<h2 id="by-competence">${escapeHtml(s.competence)}</h2>
<div class="table-wrap"><table class="stack" role="table">
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${escapeHtml(s.competence)}</th>${headers.map((header) => `<th scope="col" role="columnheader">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody role="rowgroup">${rows}</tbody>
</table></div>
</section>
<section aria-labelledby="profiles">
<h2 id="profiles">${escapeHtml(s.profiles)}</h2>
<ul>${learnerLinks.map((link) => `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></li>`).join('')}</ul>
</section>
</main>
<footer><p class="muted">${escapeHtml(s.generated)}</p></footer>`;
  return page(map.programme.variant.locale, `${s.cohortTitle} — ${map.programme.programme.title}`, body);
}
