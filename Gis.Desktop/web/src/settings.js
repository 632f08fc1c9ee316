// Settings kept in this browser (localStorage): the optional online base map. Off by default, so the workstation
// works with no internet; only a URL the user types is ever fetched from outside.
import { el, fill } from './dom.js';
import { t } from './i18n.js';

const key = 'gis.basemap';

export function loadSettings() {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? '{}');
    return { url: typeof stored.url === 'string' ? stored.url : '', attribution: typeof stored.attribution === 'string' ? stored.attribution : '' };
  } catch {
    return { url: '', attribution: '' };
  }
}

/** A URL template the XYZ source can use: http(s) with {z}, {x} and {y}. */
export function validBaseMapUrl(url) {
  return url === '' || (/^https?:\/\//.test(url) && url.includes('{z}') && url.includes('{x}') && (url.includes('{y}') || url.includes('{-y}')));
}

export function openSettings(app, onSave) {
  const current = loadSettings();
  const url = el('input', { type: 'url', id: 'basemap-url', value: current.url, size: 60, placeholder: 'https://…/{z}/{x}/{y}.png' });
  const attribution = el('input', { type: 'text', id: 'basemap-attribution', value: current.attribution, size: 60 });
  const message = el('p', { class: 'error', role: 'alert' });
  const dialog = el('dialog', { id: 'settings' },
    el('h2', {}, t('settings')),
    el('label', {}, t('settings.basemap'), el('br'), url),
    el('p', { class: 'muted' }, t('settings.offline')),
    el('label', {}, t('settings.attribution'), el('br'), attribution),
    message,
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'settings-save', onclick: () => {
        const value = url.value.trim();
        if (!validBaseMapUrl(value)) { fill(message, 'http(s)://…{z}…{x}…{y}'); return; }
        localStorage.setItem(key, JSON.stringify({ url: value, attribution: attribution.value.trim() }));
        dialog.close();
        dialog.remove();
        onSave(loadSettings());
      } }, t('save')),
      el('button', { type: 'button', onclick: () => { dialog.close(); dialog.remove(); } }, t('close'))));
  document.body.append(dialog);
  dialog.showModal();
}
