// The side panel: a district's numbers for both targets with its trend and responsible projects, or a hotspot's
// details. Every text from the data goes in through el()/textContent.
import { el, fill, svg } from './dom.js';
import { t, nameOf, formatNumber, formatPeriod, formatPeriodsIn, formatDay, language } from './i18n.js';
import { classColors } from './layers.js';

function row(label, value, attributes = {}) {
  return el('tr', {}, el('th', { scope: 'row' }, label), el('td', attributes, value));
}

function badge(cls, color) {
  return el('span', { class: 'badge', style: `background:${color}` }, t(cls));
}

function signed(value) {
  if (value === null || value === undefined) return '–';
  return `${value > 0 ? '+' : ''}${formatNumber(value, 2)} %`;
}

/** The year under a bar of a date range: BE on the Thai page, CE in English. */
function yearOf(isoDay) {
  const year = Number(isoDay.slice(0, 4));
  return language() === 'th' ? year + 543 : year;
}

/** A count, or "no data" when the store covers none of its days (null): no data is never shown as 0. */
function countOrNoData(value, decimals = 0) {
  return value === null ? t('trend.nodata') : formatNumber(value, decimals);
}

/** A small bar chart of counts over periods (SVG, no library): the chosen period dark, earlier ones light. */
export function trendChart(trend, color) {
  const width = 280;
  const height = 120;
  const pad = { left: 36, right: 6, top: 10, bottom: 22 };
  const max = Math.max(1, ...trend.map((p) => p.count ?? 0));
  const w = (width - pad.left - pad.right) / trend.length;
  const y = (v) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'trend' });
  chart.append(svg('title', {}, t('trend')));
  for (const tick of [0, max]) {
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), stroke: '#DDD' }));
    chart.append(svg('text', { x: pad.left - 4, y: y(tick) + 4, 'text-anchor': 'end', 'font-size': 10 }, formatNumber(tick)));
  }
  trend.forEach((p, i) => {
    const last = i === trend.length - 1;
    const x = pad.left + i * w + w * 0.15;
    if (p.count === null) {
      // No covered day in the period: a marked gap, never a bar of 0.
      const gap = svg('text', { x: x + w * 0.35, y: y(0) - 4, 'text-anchor': 'middle', 'font-size': 9, class: 'no-data' }, t('trend.nodata'));
      gap.append(svg('title', {}, `${formatPeriod(p.label)}: ${t('trend.nodata')}`));
      chart.append(gap);
    } else {
      const bar = svg('rect', { x, y: y(p.count), width: w * 0.7, height: Math.max(0, y(0) - y(p.count)), fill: last ? color : '#C9C9C9' });
      bar.append(svg('title', {}, `${formatPeriod(p.label)}: ${formatNumber(p.count)}`));
      chart.append(bar);
    }
    chart.append(svg('text', { x: x + w * 0.35, y: height - 8, 'text-anchor': 'middle', 'font-size': 10 }, p.year ?? yearOf(p.from)));
  });
  return chart;
}

export function showDistrict(app, d) {
  const palette = classColors(app.catalog.colors);
  const h = d.hotspots;
  const g = d.green;
  const projects = d.projects.length === 0 ? el('p', { class: 'muted' }, t('projects.none')) : el('ul', { class: 'projects' },
    d.projects.map((p) => el('li', {},
      el('button', {
        class: 'link', type: 'button', title: t('projects.show'), dataset: { project: p.code },
        onclick: () => app.highlightProject(p.code),
      }, `${p.code} ${nameOf(p)}`),
      el('span', { class: 'muted' }, ` · ${t(`kind.${p.kind}`)} · ${p.fiscal_year}`))));
  fill(app.panel,
    el('h2', { id: 'panel-title' }, nameOf(d), el('span', { class: 'muted' }, ` (${d.code})`)),
    el('p', { class: 'muted' }, formatPeriod(d.period.label)),
    el('h3', {}, t('hotspot.target')),
    d.coverage.period ? el('p', { class: 'muted', id: 'coverage' },
      `${t('coverage.period')}: ${language() === 'th' ? d.coverage.period.th : d.coverage.period.en}`,
      d.coverage.baseline ? ` · ${t('coverage.baseline')}: ${language() === 'th' ? d.coverage.baseline.th : d.coverage.baseline.en}` : '') : null,
    el('table', { class: 'numbers', id: 'hotspot-numbers' },
      row(t('count'), countOrNoData(h.count), { 'data-field': 'count' }),
      row(`${t('baseline.count')} (${formatPeriod(d.baseline)})`, countOrNoData(h.baseline, Number.isInteger(h.baseline) ? 0 : 1), { 'data-field': 'baseline' }),
      row(t('change'), signed(h.change_pct), { 'data-field': 'change_pct' }),
      row(t('target'), signed(h.target_pct), { 'data-field': 'target_pct' }),
      row(t('status'), badge(h.status, palette.change[h.status]), { 'data-field': 'status', 'data-value': h.status })),
    el('h3', {}, t('trend')),
    trendChart(d.trend, app.catalog.colors.hotspot[1]),
    el('h3', {}, t('green.target'), d.green_years ? el('span', { class: 'muted' }, ` (${d.green_years.from} → ${d.green_years.to})`) : null),
    g ? el('table', { class: 'numbers', id: 'green-numbers' },
      row(t('gain'), `${formatNumber(g.gain_rai, 1)} ${t('rai')}`),
      row(t('loss'), `${formatNumber(g.loss_rai, 1)} ${t('rai')}`),
      row(t('net'), `${formatNumber(g.net_rai, 1)} ${t('rai')}`, { 'data-field': 'net_rai' }),
      row(t('projects.rai'), `${formatNumber(g.projects_rai, 1)} ${t('rai')}`),
      row(t('allocation'), g.allocation_rai === null ? '–' : `${formatNumber(g.allocation_rai)} ${t('rai')}`),
      row(t('status'), badge(g.class, palette.green[g.class]))) : el('p', { class: 'muted' }, t('no-green')),
    el('h3', {}, t('projects.responsible')),
    projects);
}

export function showHotspot(app, h) {
  const confidence = h.confidence_pct !== null ? `${t(`conf.${h.confidence}`)} (${h.confidence_pct} %)` : t(`conf.${h.confidence}`);
  fill(app.panel,
    el('h2', { id: 'panel-title' }, t('hotspots'), el('span', { class: 'muted' }, ` #${h.id}`)),
    el('table', { class: 'numbers', id: 'hotspot-detail' },
      row(t('satellite'), `${h.satellite} (${h.instrument})`, { 'data-field': 'satellite' }),
      row(t('localtime'), `${formatDay(h.local_time.slice(0, 10))} ${h.local_time.slice(11)}`, { 'data-field': 'local_time', 'data-value': h.local_time }),
      row(t('confidence'), confidence),
      row(t('frp'), h.frp_mw === null ? '–' : `${formatNumber(h.frp_mw, 1)} MW`),
      row(t('landclass'), h.land_class ? `${t(`lc.${h.land_class}`)} (${h.landuse_snapshot})` : t('lc.unmapped')),
      row(t('district'), h.district_code ? `${nameOf({ name_th: h.district_name_th, name_en: h.district_name_en })} (${h.district_code})` : '–'),
      row(t('projectarea'), h.project_areas.length === 0 ? t('none') : el('span', {}, h.project_areas.map((a) =>
        el('button', { class: 'link', type: 'button', onclick: () => app.highlightProject(a.code) }, `${a.code} ${nameOf(a)}`))))),
    h.superseded ? el('p', { class: 'warning' }, t('superseded')) : null,
    el('p', { class: 'muted' }, `${h.latitude.toFixed(5)}, ${h.longitude.toFixed(5)} · ${h.version}`));
}

export function showCell(app, n) {
  fill(app.panel, el('h2', { id: 'panel-title' }, t('hotspots')), el('p', {}, `${formatNumber(n)} ${t('detections')}`), el('p', { class: 'muted' }, t('cell.zoom')));
}

export function showHint(app, warnings = []) {
  fill(app.panel,
    el('p', { class: 'muted' }, t('panel.hint')),
    warnings.length ? el('div', { class: 'notes' }, el('h3', {}, t('warnings')), el('ul', {}, warnings.map((w) => el('li', {}, language() === 'th' ? formatPeriodsIn(w.th) : w.en)))) : null);
}
