// The time bar: period (fire season, fiscal year or dates; BE labels) and a day slider that replays the period
// day by day (the hotspot tiles are then of that one local day).
import { el, fill } from './dom.js';
import { t, formatDay, formatPeriod, language } from './i18n.js';

const dayMs = 86400000;
const isoOf = (ms) => new Date(ms).toISOString().slice(0, 10);
const msOf = (iso) => Date.parse(`${iso}T00:00:00Z`);

/** The first and last day of a period label (as Gis.Core.Periods.Period, season ending in May). */
export function periodRange(label) {
  const [kind, year] = label.split(':');
  const ce = Number(year) - 543;
  if (kind === 'season') return [`${ce}-01-01`, `${ce}-05-31`];
  if (kind === 'fiscal') return [`${ce - 1}-10-01`, `${ce}-09-30`];
  if (kind === 'year') return [`${ce}-01-01`, `${ce}-12-31`];
  return label.split('..');
}

export function createTimebar(app, onChange) {
  const bar = document.getElementById('timebar');
  const { catalog } = app;
  let timer = null;

  const render = () => {
    const [kind] = app.state.period.includes('..') ? ['dates'] : app.state.period.split(':');
    const [first, last] = periodRange(app.state.period);
    const days = Math.round((msOf(last) - msOf(first)) / dayMs) + 1;
    const kindSelect = el('select', { id: 'period-kind', 'aria-label': t('period') },
      ['season', 'fiscal', 'dates'].map((k) => el('option', { value: k, selected: k === kind }, t(`period.${k}`))));
    const years = kind === 'fiscal' ? catalog.fiscal_years : catalog.seasons;
    const yearSelect = el('select', { id: 'period-year', 'aria-label': t('period') },
      [...years].reverse().map((y) => el('option', { value: y, selected: app.state.period === `${kind}:${y}` }, formatPeriod(`${kind}:${y}`))));
    const fromInput = el('input', { type: 'date', id: 'period-from', value: first, 'aria-label': t('from') });
    const toInput = el('input', { type: 'date', id: 'period-to', value: last, 'aria-label': t('to') });
    // The browser draws a date input in its own locale's CE: on the Thai page each one is followed by its day in BE.
    const beOf = (input) => {
      const label = el('output', { id: `${input.id}-be`, class: 'be-day', for: input.id }, input.value ? formatDay(input.value) : '');
      input.addEventListener('input', () => { label.textContent = input.value ? formatDay(input.value) : ''; });
      return label;
    };
    const [fromBe, toBe] = language() === 'th' ? [beOf(fromInput), beOf(toInput)] : [null, null];
    const apply = el('button', { type: 'button', id: 'period-apply', onclick: () => {
      const next = kindSelect.value === 'dates' ? `${fromInput.value}..${toInput.value}` : `${kindSelect.value}:${yearSelect.value}`;
      stop();
      onChange({ period: next, day: null });
    } }, t('apply'));
    kindSelect.addEventListener('change', () => {
      const dates = kindSelect.value === 'dates';
      yearSelect.hidden = dates;
      fromInput.hidden = toInput.hidden = !dates;
      for (const be of [fromBe, toBe]) if (be) be.hidden = !dates;
      const list = kindSelect.value === 'fiscal' ? catalog.fiscal_years : catalog.seasons;
      fill(yearSelect, [...list].reverse().map((y) => el('option', { value: y }, formatPeriod(`${kindSelect.value}:${y}`))));
    });
    yearSelect.hidden = kind === 'dates';
    fromInput.hidden = toInput.hidden = kind !== 'dates';
    for (const be of [fromBe, toBe]) if (be) be.hidden = kind !== 'dates';

    const index = app.state.day ? Math.round((msOf(app.state.day) - msOf(first)) / dayMs) + 1 : 0;
    const slider = el('input', { type: 'range', id: 'day-slider', min: 0, max: days, step: 1, value: index, 'aria-label': t('day') });
    const dayLabel = el('output', { id: 'day-label', for: 'day-slider' }, app.state.day ? formatDay(app.state.day) : t('day.all'));
    slider.addEventListener('input', () => {
      const i = Number(slider.value);
      dayLabel.textContent = i === 0 ? t('day.all') : formatDay(isoOf(msOf(first) + (i - 1) * dayMs));
    });
    slider.addEventListener('change', () => {
      const i = Number(slider.value);
      onChange({ day: i === 0 ? null : isoOf(msOf(first) + (i - 1) * dayMs) });
    });
    const play = el('button', { type: 'button', id: 'day-play', onclick: () => (timer ? stop() : start(first, days)) }, timer ? t('pause') : t('play'));
    fill(bar,
      el('label', {}, t('period'), ' ', kindSelect), yearSelect, fromInput, fromBe, toInput, toBe, apply,
      el('span', { class: 'period-label', id: 'period-label' }, formatPeriod(app.state.period)),
      el('label', { class: 'day' }, t('day'), ' ', slider), dayLabel, play);
  };

  // Replays the period: one day a second, from the chosen day (or the first) to the last, then stops.
  function start(first, days) {
    let i = app.state.day ? Math.round((msOf(app.state.day) - msOf(first)) / dayMs) + 1 : 0;
    timer = setInterval(() => {
      i += 1;
      if (i > days) { stop(); render(); return; }
      onChange({ day: isoOf(msOf(first) + (i - 1) * dayMs) });
    }, 1000);
    render();
  }
  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return { render };
}
