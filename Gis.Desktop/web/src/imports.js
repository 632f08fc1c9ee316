// An officer's FIRMS import from the page (ADR 0042): the chosen file goes as it is to the same importer as
// `gis import firms`; what it did (stored, duplicates, rejected lines, days covered) is shown as the server reports it,
// and the map's numbers and hotspots are read again. Offered from the officer up; the server checks the role again.
import { el, fill } from './dom.js';
import { addStrings, t, formatDay, formatNumber } from './i18n.js';

addStrings({
  'import.open': { th: 'นำเข้า FIRMS', en: 'Import FIRMS' },
  'import.title': { th: 'นำเข้าไฟล์จุดความร้อน FIRMS', en: 'Import a FIRMS hotspot file' },
  'import.file': { th: 'ไฟล์ CSV หรือ ZIP จาก FIRMS', en: 'CSV or ZIP file from FIRMS' },
  'import.strict': { th: 'ไม่รับทั้งไฟล์ถ้ามีบรรทัดที่อ่านไม่ได้', en: 'Refuse the whole file if any line is unreadable' },
  'import.run': { th: 'นำเข้า', en: 'Import' },
  'import.running': { th: 'กำลังนำเข้า…', en: 'Importing…' },
  'import.choose': { th: 'เลือกไฟล์ก่อน', en: 'Choose a file first' },
  'import.read': { th: 'อ่าน', en: 'read' },
  'import.stored': { th: 'บันทึกใหม่', en: 'stored' },
  'import.duplicate': { th: 'ซ้ำ (มีอยู่แล้ว)', en: 'duplicate' },
  'import.rejected': { th: 'บรรทัดที่อ่านไม่ได้', en: 'rejected' },
  'import.refused': { th: 'ไม่รับทั้งไฟล์ ไม่มีการบันทึก', en: 'refused: nothing stored' },
  'import.days': { th: 'วันที่มีข้อมูล', en: 'Days covered' },
  'import.nodays': { th: 'ไม่มี', en: 'none' },
  'import.line': { th: 'บรรทัด', en: 'line' },
  'import.by': { th: 'นำเข้าโดย', en: 'Imported by' },
});

/** Whether the page offers the import: the officer and the roles above (the server checks again). */
export function canImport(session) {
  return ['officer', 'planner', 'admin'].includes(session.role);
}

function batchSummary(b) {
  const days = b.days.count === 0 ? t('import.nodays')
    : `${formatDay(b.days.first)} – ${formatDay(b.days.last)} (${formatNumber(b.days.count)})`;
  return el('section', { class: 'import-batch', dataset: { batch: b.batch_id } },
    el('h3', {}, b.source),
    el('table', { class: 'numbers' },
      [['read', b.read], ['stored', b.stored], ['duplicate', b.duplicate], ['rejected', b.rejected]].map(([k, v]) =>
        el('tr', {}, el('th', { scope: 'row' }, t(`import.${k}`)), el('td', { 'data-field': k }, formatNumber(v)))),
      el('tr', {}, el('th', { scope: 'row' }, t('import.days')), el('td', { 'data-field': 'days' }, days))),
    b.refused ? el('p', { class: 'error' }, t('import.refused')) : null,
    b.rejections.length ? el('ul', { class: 'import-rejections' },
      b.rejections.map((r) => el('li', {}, `${t('import.line')} ${r.line}: ${r.reason}`))) : null);
}

/** The import dialog; after a stored file the map's numbers and hotspots are read again. */
export function openImport(app) {
  const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,.zip' });
  const strict = el('input', { type: 'checkbox', id: 'import-strict' });
  const result = el('div', { id: 'import-result', role: 'status' });
  const run = el('button', { type: 'button', id: 'import-run' }, t('import.run'));
  const dialog = el('dialog', { id: 'import' },
    el('h2', {}, t('import.title')),
    el('label', {}, t('import.file'), el('br'), file),
    el('p', {}, el('label', {}, strict, ' ', t('import.strict'))),
    result,
    el('div', { class: 'buttons' }, run,
      el('button', { type: 'button', id: 'import-close', onclick: () => { dialog.close(); dialog.remove(); } }, t('close'))));
  run.addEventListener('click', async () => {
    const chosen = file.files[0];
    if (!chosen) { fill(result, el('p', { class: 'error' }, t('import.choose'))); return; }
    run.disabled = true;
    delete result.dataset.done;
    fill(result, t('import.running'));
    try {
      const answer = await app.api.upload('/api/imports/firms', chosen, { name: chosen.name, strict: strict.checked || null });
      fill(result, el('p', { class: 'muted' }, `${t('import.by')} ${answer.imported_by}`), answer.batches.map(batchSummary),
        answer.refused.map((r) => el('p', { class: 'error' }, r)));
      await app.refreshMetrics();
      app.layers.refreshHotspots();
      result.dataset.done = 'ok';
    } catch (e) {
      fill(result, el('p', { class: 'error', id: 'import-error' }, e.message), (e.body?.batches ?? []).map(batchSummary));
      result.dataset.done = 'error';
    } finally {
      run.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
}
