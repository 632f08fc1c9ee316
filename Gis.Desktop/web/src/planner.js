// Planner mode (ADR 0010): draw or edit a reforestation / green project polygon and give it its plan project, year
// and agency; edit the district allocation table (lock values, re-balance the rest); view the audit history and undo.
// Every check is the server's: the page shows the server's message. Data text goes in through el() (textContent).
// Every save names the version it was based on; a stale one comes back 409 with what changed since, by whom and when,
// shown in the conflict box with a reload that keeps the planner's unsaved edit on the page (ADR 0035).
import Feature from 'ol/Feature.js';
import Control from 'ol/control/Control.js';
import Collection from 'ol/Collection.js';
import DoubleClickZoom from 'ol/interaction/DoubleClickZoom.js';
import Draw from 'ol/interaction/Draw.js';
import Modify from 'ol/interaction/Modify.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { fromLonLat } from 'ol/proj.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import { el, fill } from './dom.js';
import { addStrings, formatDateTime, language, onLanguage } from './i18n.js';
import './planner.css';

addStrings({
  planner: { th: 'โหมดวางแผน', en: 'Planner mode' },
  plannerOff: { th: 'ปิดโหมดวางแผน', en: 'Leave planner mode' },
  fold: { th: 'ย่อ', en: 'Fold' },
  unfold: { th: 'ขยาย', en: 'Unfold' },
  year: { th: 'ปี (พ.ศ.)', en: 'Year (BE)' },
  user: { th: 'ผู้แก้ไข', en: 'Your name' },
  area: { th: 'พื้นที่โครงการ', en: 'Project area' },
  project: { th: 'โครงการตามแผน', en: 'Plan project' },
  newProject: { th: '— โครงการใหม่ —', en: '— new project —' },
  projectName: { th: 'ชื่อโครงการ', en: 'Project name' },
  agency: { th: 'หน่วยงาน', en: 'Agency' },
  kind: { th: 'เป้าหมาย', en: 'Target' },
  kindGreen: { th: 'พื้นที่สีเขียว', en: 'Green area' },
  kindHotspot: { th: 'ลดจุดความร้อน', en: 'Hotspot reduction' },
  areaName: { th: 'ชื่อแปลง', en: 'Plot name' },
  draw: { th: 'วาดรูปแปลง', en: 'Draw polygon' },
  cancel: { th: 'ยกเลิก', en: 'Cancel' },
  remove: { th: 'ลบแปลง', en: 'Delete area' },
  drawHint: { th: 'คลิกบนแผนที่เพื่อวางจุด คลิกจุดแรกเพื่อปิดรูป', en: 'Click on the map to place vertices; click the first one to close.' },
  editing: { th: 'กำลังแก้ไขแปลง', en: 'Editing area' },
  saved: { th: 'บันทึกแล้ว', en: 'Saved' },
  undone: { th: 'ย้อนกลับแล้ว', en: 'Undone' },
  allocationTable: { th: 'การจัดสรรเป้าหมายรายอำเภอ', en: 'District allocation' },
  districtCol: { th: 'อำเภอ', en: 'District' },
  greenCol: { th: 'โครงการ (ไร่)', en: 'Projects (rai)' },
  allocatedCol: { th: 'จัดสรร (ไร่)', en: 'Allocated (rai)' },
  lockCol: { th: 'ล็อก', en: 'Lock' },
  provinceTarget: { th: 'เป้าหมายจังหวัด (ไร่)', en: 'Province target (rai)' },
  rebalance: { th: 'ปรับสมดุล', en: 'Re-balance' },
  createTable: { th: 'สร้างตารางจัดสรร', en: 'Create allocation' },
  history: { th: 'ประวัติการแก้ไข', en: 'History' },
  undo: { th: 'ย้อนกลับ', en: 'Undo' },
  noHistory: { th: 'ยังไม่มีการแก้ไข', en: 'No changes yet' },
  conflictTitle: { th: 'มีผู้อื่นแก้ไขข้อมูลนี้หลังจากที่คุณเปิดไว้ — ยังไม่ได้บันทึกการแก้ไขของคุณ', en: 'Someone changed this after you loaded it — your edit was not saved' },
  conflictOutside: { th: 'แก้ไขนอกประวัติของโหมดวางแผน (QGIS หรือ SQL)', en: 'changed outside the planner\'s history (QGIS or SQL)' },
  conflictReload: { th: 'โหลดใหม่ (เก็บการแก้ไขของฉันไว้)', en: 'Reload (keep my edit)' },
  conflictRetry: { th: 'บันทึกการแก้ไขของฉันอีกครั้ง', en: 'Save my edit again' },
  conflictDiscard: { th: 'ทิ้งการแก้ไขของฉัน', en: 'Discard my edit' },
  keptEdit: { th: 'การแก้ไขของคุณ (เส้นประ) ยังไม่ได้บันทึก แปลงที่บันทึกไว้แสดงเป็นพื้นทึบ — กดบันทึกเพื่อใช้ของคุณแทน', en: 'Your unsaved edit (dashed) is kept; the stored area is shown filled. Save to put yours over it.' },
  keptValue: { th: 'ค่าของคุณ (ยังไม่ได้บันทึก)', en: 'Your value (not saved)' },
  polygonChanged: { th: 'รูปแปลงเปลี่ยน', en: 'polygon changed' },
  rowCreated: { th: 'สร้างใหม่', en: 'created' },
  rowDeleted: { th: 'ถูกลบ', en: 'deleted' },
  filterPerson: { th: 'ผู้แก้ไข', en: 'Person' },
  filterProject: { th: 'โครงการ', en: 'Project' },
  filterDistrict: { th: 'อำเภอ', en: 'District' },
  filterFrom: { th: 'ตั้งแต่วันที่', en: 'From' },
  filterTo: { th: 'ถึงวันที่', en: 'To' },
  filterAll: { th: 'ทั้งหมด', en: 'All' },
});

const areaStyle = {
  green: new Style({ fill: new Fill({ color: 'rgba(46, 139, 87, 0.45)' }), stroke: new Stroke({ color: '#1E5E3A', width: 2 }) }),
  hotspot: new Style({ fill: new Fill({ color: 'rgba(230, 126, 34, 0.40)' }), stroke: new Stroke({ color: '#A04000', width: 2 }) }),
};
const sketchStyle = new Style({ fill: new Fill({ color: 'rgba(41, 98, 255, 0.25)' }), stroke: new Stroke({ color: '#2962FF', width: 2, lineDash: [6, 4] }) });
const number = (value, digits) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

export default {
  id: 'planner',
  install(app) {
    const { map, api, t, geojson } = app;
    const state = {
      on: false, year: thaiYear(), editing: null, sketch: null, projects: [], table: null, history: [], people: [],
      // The history view's filters (server-side); the conflict of the last refused save and the edit it kept.
      filter: { person: '', project: '', district: '', from: '', to: '' }, conflict: null, kept: null,
    };

    // Between the province outline (4) and the hotspots (5): detections inside a plot stay visible on it.
    const areas = new VectorLayer({ properties: { id: 'planner-areas' }, source: new VectorSource(), style: (f) => areaStyle[f.get('kind')] ?? areaStyle.green, visible: false, zIndex: 4.5 });
    const sketches = new VectorLayer({ properties: { id: 'planner-sketch' }, source: new VectorSource(), style: sketchStyle, zIndex: 7 });
    map.addLayer(areas);
    map.addLayer(sketches);
    const draw = new Draw({ source: sketches.getSource(), type: 'Polygon', style: sketchStyle });
    const editable = new Collection();
    const modify = new Modify({ features: editable });
    // While a polygon is drawn or edited, clicks belong to the sketch: the page's own click (district and hotspot
    // panels) stands aside (main.js reads app.state.sketching).
    const sketching = (drawing, modifying) => {
      draw.setActive(drawing);
      modify.setActive(modifying);
      app.state.sketching = drawing || modifying;
    };
    sketching(false, false);
    map.addInteraction(draw);
    map.addInteraction(modify);
    draw.on('drawend', (e) => {
      state.sketch = e.feature;
      editable.clear();
      editable.push(e.feature);
      sketching(false, true);
      renderForm();
    });

    // The toggle and the pane live on the map as controls, so other panels of the page never overwrite them.
    const toggle = el('button', { id: 'planner-toggle', class: 'planner-toggle', type: 'button', onclick: () => setOn(!state.on) });
    const pane = el('div', { id: 'planner-pane', class: 'planner-pane', hidden: true });
    map.addControl(new Control({ element: el('div', { class: 'ol-unselectable ol-control planner-toggle-box' }, toggle) }));
    map.addControl(new Control({ element: pane }));

    const message = el('p', { id: 'planner-message', role: 'status' });
    const form = el('form', { id: 'planner-form', onsubmit: (e) => { e.preventDefault(); save(); } });
    const tableBox = el('section', { id: 'planner-allocation' });
    const historyBox = el('section', { id: 'planner-history' });
    const conflictBox = el('section', { id: 'planner-conflict', role: 'alert', hidden: true });
    const yearInput = el('input', { id: 'planner-year', type: 'number', min: 2560, max: 2600, value: state.year });
    yearInput.addEventListener('change', () => { state.year = Number(yearInput.value); refresh(); });
    const userInput = el('input', { id: 'planner-user', type: 'text', maxlength: 100, value: localStorage.getItem('gis.user') ?? '' });
    userInput.addEventListener('change', () => localStorage.setItem('gis.user', userInput.value.trim()));
    const user = () => userInput.value.trim() || null;

    function say(text, isError = false) {
      fill(message, text);
      message.className = isError ? 'error' : 'ok';
    }

    // retry: what re-sends the refused request with the version a reload brings, when the page offers that.
    async function run(action, done, retry) {
      try {
        await action();
        if (done) say(done);
      } catch (e) {
        say(e.message, true);
        if (e.status === 409 && e.body?.conflict) showConflict(e.body.conflict, retry);
      }
    }

    function showConflict(conflict, retry) {
      state.conflict = { conflict, retry, reloaded: false };
      renderConflict();
    }

    function fieldText(f) {
      if (f.field.endsWith('geom')) return `${f.field.slice(0, -4)}${t('polygonChanged')}`;
      if (f.field.endsWith('row')) return `${f.field.slice(0, -3)}${f.after === null ? t('rowDeleted') : t('rowCreated')}`;
      return `${f.field}: ${f.before ?? '–'} → ${f.after ?? '–'}`;
    }

    function renderConflict() {
      const c = state.conflict;
      conflictBox.hidden = !c;
      if (!c) { fill(conflictBox); return; }
      const changes = c.conflict.changes;
      fill(conflictBox,
        el('h3', {}, t('conflictTitle')),
        changes.length === 0 ? el('p', {}, t('conflictOutside')) : el('ul', {}, changes.map((x) => el('li', { dataset: { changeId: x.id } },
          el('span', { class: 'when' }, formatDateTime(x.changed_at)), ' ', el('strong', { class: 'who' }, x.changed_by), ' ',
          el('span', { class: 'summary' }, `#${x.id} ${(language() === 'th' && x.summary_th) || x.summary}`),
          x.fields.length ? el('ul', { class: 'fields' }, x.fields.map((f) => el('li', {}, fieldText(f)))) : null))),
        el('div', { class: 'planner-buttons' },
          c.reloaded
            ? (c.retry ? el('button', { id: 'planner-conflict-retry', type: 'button', onclick: () => run(c.retry, t('saved'), c.retry) }, t('conflictRetry')) : null)
            : el('button', { id: 'planner-conflict-reload', type: 'button', onclick: reloadKeeping }, t('conflictReload')),
          el('button', { id: 'planner-conflict-discard', type: 'button', onclick: () => { clearConflict(); cancel(); refresh(); } }, t('conflictDiscard'))));
    }

    function clearConflict() {
      state.conflict = null;
      state.kept = null;
      renderConflict();
    }

    // Reloads what is stored and puts the planner's unsaved edit back over it: a polygon as a dashed sketch (the stored
    // one stays filled below), typed fields as typed, an allocation value in its field. Nothing they did is dropped.
    async function reloadKeeping() {
      const editing = state.editing;
      const shape = (state.sketch ?? editing)?.getGeometry()?.clone();
      const typed = Object.fromEntries(new FormData(form));
      state.conflict.reloaded = true;
      await refresh();
      if (shape) {
        const fresh = editing ? areas.getSource().getFeatures().find((f) => f.get('id') === editing.get('id')) : null;
        cancel();
        const sketch = new Feature(shape);
        sketches.getSource().addFeature(sketch);
        Object.assign(state, { editing: fresh ?? null, sketch, kept: { project_code: typed.project, name: typed.area_name, typed } });
        editable.push(sketch);
        sketching(false, true);
        renderForm();
      }
      renderConflict();
    }

    function setOn(on) {
      state.on = on;
      // The click that closes a polygon often comes as the second of a double click: it must not zoom the map.
      for (const i of map.getInteractions().getArray()) if (i instanceof DoubleClickZoom) i.setActive(!on);
      pane.hidden = !on;
      areas.setVisible(on);
      if (!on) cancel();
      fill(toggle, on ? t('plannerOff') : t('planner'));
      toggle.setAttribute('aria-pressed', String(on));
      if (on) refresh();
    }

    map.on('singleclick', (e) => {
      if (!state.on || draw.getActive()) return;
      const hit = map.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === areas });
      if (hit) startEdit(hit);
    });

    function startDraw() {
      cancel();
      sketching(true, false);
      say(t('drawHint'));
    }

    function startEdit(feature) {
      cancel();
      state.editing = feature;
      editable.push(feature);
      sketching(false, true);
      renderForm();
    }

    function cancel() {
      draw.abortDrawing();
      sketching(false, false);
      editable.clear();
      sketches.getSource().clear();
      state.sketch = null;
      state.kept = null;
      if (state.editing) areas.getSource().changed();
      state.editing = null;
      renderForm();
    }

    function field(label, input) {
      return el('label', {}, el('span', {}, label), input);
    }

    function renderForm() {
      const current = state.editing;
      // Re-rendering (after a draw, a language change) keeps what the planner typed; an area picked on the map brings its own.
      const typed = state.kept?.typed ?? Object.fromEntries(new FormData(form));
      const props = current ? { ...current.getProperties(), ...(state.kept ?? {}) } : { project_code: typed.project, name: typed.area_name };
      const projectSelect = el('select', { id: 'planner-project', name: 'project' },
        el('option', { value: '' }, t('newProject')),
        state.projects.map((p) => el('option', { value: p.code, selected: props.project_code === p.code }, `${p.code} ${p.name} (${p.agency})`)));
      const isNew = () => projectSelect.value === '';
      const newBox = el('div', { id: 'planner-new-project', hidden: !!props.project_code },
        field(t('projectName'), el('input', { id: 'planner-new-name', name: 'new_name', maxlength: 300, value: typed.new_name ?? '' })),
        field(t('agency'), el('input', { id: 'planner-agency', name: 'agency', maxlength: 300, value: typed.agency ?? '' })),
        field(t('kind'), el('select', { id: 'planner-kind', name: 'kind' },
          el('option', { value: 'green', selected: typed.kind === 'green' }, t('kindGreen')),
          el('option', { value: 'hotspot', selected: typed.kind === 'hotspot' }, t('kindHotspot')))));
      projectSelect.addEventListener('change', () => { newBox.hidden = !isNew(); });
      const canSave = !!(state.sketch || current);
      fill(form,
        el('h3', {}, current ? `${t('editing')} #${props.id}` : t('area')),
        state.kept ? el('p', { id: 'planner-kept', class: 'planner-kept' }, t('keptEdit')) : null,
        field(t('project'), projectSelect),
        newBox,
        field(t('areaName'), el('input', { id: 'planner-area-name', name: 'area_name', maxlength: 300, value: props.name ?? '' })),
        el('div', { class: 'planner-buttons' },
          el('button', { id: 'planner-draw', type: 'button', onclick: startDraw }, t('draw')),
          el('button', { id: 'planner-save', type: 'submit', disabled: !canSave }, t('save')),
          el('button', { id: 'planner-cancel', type: 'button', onclick: cancel, disabled: !canSave }, t('cancel')),
          current ? el('button', { id: 'planner-delete', type: 'button', onclick: () => remove(props.id) }, t('remove')) : null));
    }

    async function save() {
      // A kept or drawn sketch is the planner's shape; without one, the stored area they modified in place.
      const feature = state.sketch ?? state.editing;
      if (!feature) return;
      const data = new FormData(form);
      const projectCode = data.get('project');
      const body = {
        geometry: geojson.writeGeometryObject(feature.getGeometry(), { decimals: 7 }),
        year: state.year,
        name: data.get('area_name') || null,
        project_code: projectCode || null,
        new_project: projectCode ? null : { name: data.get('new_name'), agency: data.get('agency') },
        kind: projectCode ? null : data.get('kind'),
        user: user(),
        version: state.editing ? state.editing.get('version') : null,
      };
      await run(async () => {
        if (state.editing) await api.send(`/api/planner/areas/${encodeURIComponent(state.editing.get('id'))}`, body, { method: 'PUT' });
        else await api.send('/api/planner/areas', body);
        fill(form);
        clearConflict();
        cancel();
        await refresh(true);
      }, t('saved'));
    }

    async function remove(id) {
      const version = state.editing?.get('version');
      await run(async () => {
        await api.send(`/api/planner/areas/${encodeURIComponent(id)}?${new URLSearchParams({ ...(user() ? { user: user() } : {}), version })}`, undefined, { method: 'DELETE' });
        cancel();
        await refresh(true);
      }, t('saved'));
    }

    async function refresh(edited = false) {
      await run(async () => {
        const [collection, projects, table, history, people] = await Promise.all([
          api.getJson('/api/planner/areas', { year: state.year }),
          api.getJson('/api/planner/projects'),
          api.getJson('/api/planner/allocation', { year: state.year }),
          api.getJson('/api/planner/history', { limit: 50, ...state.filter }),
          api.getJson('/api/planner/history/people'),
        ]);
        const source = areas.getSource();
        source.clear();
        source.addFeatures(geojson.readFeatures(collection));
        Object.assign(state, { projects, table, history, people });
        renderForm();
        renderTable();
        renderHistory();
        pane.dataset.loaded = String(Number(pane.dataset.loaded ?? 0) + 1);
      });
      // The main map's district colours (green added vs allocation) and its project layer follow the edit too.
      if (edited && app.refreshMetrics) app.refreshMetrics().catch((e) => say(e.message, true));
      if (edited && app.reloadProjects) app.reloadProjects().catch((e) => say(e.message, true));
    }

    function renderTable() {
      const table = state.table;
      const stored = table.rows.some((r) => r.allocation_rai !== null);
      const targetInput = el('input', { id: 'planner-target', type: 'number', min: 1, value: state.kept?.target ?? (stored ? table.target_rai : 1000) });
      // An edit sends the version of the table it was made on; a refused one is kept (state.kept) until saved or discarded.
      const edit = (path, body, kept, method) => {
        const send = async () => {
          await api.send(path, { ...body, user: user(), version: state.table.version }, method ? { method } : undefined);
          clearConflict();
          await refresh(true);
        };
        return run(send, t('saved'), send).finally(() => {
          if (state.conflict && !state.kept) state.kept = kept;
        });
      };
      const kept = state.kept ?? {};
      const rows = table.rows.map((r) => {
        const mine = kept.code === r.code ? kept : null;
        const allocated = el('input', {
          type: 'number', min: 0, class: mine?.value !== undefined ? 'planner-allocated planner-unsaved' : 'planner-allocated',
          value: mine?.value ?? r.allocation_rai ?? '', disabled: !stored, title: mine?.value !== undefined ? t('keptValue') : '',
        });
        allocated.addEventListener('change', () => edit(`/api/planner/allocation/${state.year}/${encodeURIComponent(r.code)}`,
          { allocation_rai: Number(allocated.value) }, { code: r.code, value: Number(allocated.value) }, 'PUT'));
        const lock = el('input', { type: 'checkbox', class: 'planner-lock', checked: mine?.locked ?? r.locked, disabled: !stored });
        lock.addEventListener('change', () => edit(`/api/planner/allocation/${state.year}/${encodeURIComponent(r.code)}/lock`,
          { locked: lock.checked }, { code: r.code, locked: lock.checked }));
        return el('tr', { dataset: { code: r.code } },
          el('td', {}, `${r.code} ${r.name_th}`),
          el('td', { class: 'planner-green' }, number(r.projects_rai, 2)),
          el('td', {}, allocated),
          el('td', {}, lock));
      });
      const total = table.rows.reduce((sum, r) => sum + (r.allocation_rai ?? 0), 0);
      fill(tableBox,
        el('h3', {}, `${t('allocationTable')} ${state.year}`),
        el('div', { class: 'planner-buttons' },
          field(t('provinceTarget'), targetInput),
          stored
            ? el('button', { id: 'planner-rebalance', type: 'button', onclick: () => edit(`/api/planner/allocation/${state.year}/rebalance`,
              { target_rai: Number(targetInput.value) }, { target: Number(targetInput.value) }) }, t('rebalance'))
            : el('button', { id: 'planner-create-table', type: 'button', onclick: () => run(async () => {
              await api.send('/api/planner/allocation', { year: state.year, target_rai: Number(targetInput.value), weight: 'area', user: user() });
              await refresh(true);
            }, t('saved')) }, t('createTable'))),
        el('table', {},
          el('thead', {}, el('tr', {}, el('th', {}, t('districtCol')), el('th', {}, t('greenCol')), el('th', {}, t('allocatedCol')), el('th', {}, t('lockCol')))),
          el('tbody', {}, rows),
          el('tfoot', {}, el('tr', {}, el('td', {}, '∑'), el('td', {}, number(table.rows.reduce((s, r) => s + r.projects_rai, 0), 2)), el('td', { id: 'planner-total' }, stored ? String(total) : ''), el('td', {})))));
    }

    function historyFilters() {
      const f = state.filter;
      const changed = (name) => (e) => { f[name] = e.target.value; reloadHistory(); };
      const select = (name, options) => el('select', { id: `planner-filter-${name}`, onchange: changed(name) },
        el('option', { value: '' }, t('filterAll')),
        options.map(([value, label]) => el('option', { value, selected: f[name] === value }, label)));
      return el('div', { class: 'planner-filters' },
        field(t('filterPerson'), select('person', state.people.map((p) => [p, p]))),
        field(t('filterProject'), select('project', state.projects.map((p) => [p.code, `${p.code} ${p.name}`]))),
        field(t('filterDistrict'), select('district', (state.table?.rows ?? []).map((r) => [r.code, `${r.code} ${language() === 'th' ? r.name_th : r.name_en}`]))),
        field(t('filterFrom'), el('input', { id: 'planner-filter-from', type: 'date', value: f.from, onchange: changed('from') })),
        field(t('filterTo'), el('input', { id: 'planner-filter-to', type: 'date', value: f.to, onchange: changed('to') })));
    }

    async function reloadHistory() {
      await run(async () => {
        state.history = await api.getJson('/api/planner/history', { limit: 50, ...state.filter });
        renderHistory();
        historyBox.dataset.loaded = String(Number(historyBox.dataset.loaded ?? 0) + 1);
      });
    }

    function renderHistory() {
      fill(historyBox,
        el('h3', {}, t('history')),
        historyFilters(),
        state.history.length === 0 ? el('p', {}, t('noHistory')) : el('ol', { reversed: true },
          state.history.map((c) => el('li', { dataset: { changeId: c.id }, class: c.undone_by ? 'undone' : '' },
            el('span', { class: 'when' }, formatDateTime(c.changed_at)), ' ',
            el('strong', {}, c.changed_by), ' ',
            el('span', { class: 'summary' }, `#${c.id} ${(language() === 'th' && c.summary_th) || c.summary}`), ' ',
            el('button', {
              type: 'button', class: 'planner-undo', disabled: !c.can_undo, title: c.undo_blocked_by ?? '',
              onclick: () => run(async () => {
                await api.send(`/api/planner/history/${c.id}/undo`, { user: user() });
                clearConflict();
                cancel();
                await refresh(true);
              }, t('undone')),
            }, t('undo'))))));
    }

    onLanguage(() => {
      fill(toggle, state.on ? t('plannerOff') : t('planner'));
      fill(pane,
        el('h2', {}, t('planner'), ' ', el('button', {
          type: 'button', id: 'planner-collapse', class: 'planner-collapse', 'aria-expanded': String(!pane.classList.contains('collapsed')),
          // Folded, the pane leaves the map free to look at while the mode (and an unsaved sketch) stays on.
          onclick: (e) => {
            const folded = pane.classList.toggle('collapsed');
            e.currentTarget.setAttribute('aria-expanded', String(!folded));
            fill(e.currentTarget, folded ? t('unfold') : t('fold'));
          },
        }, pane.classList.contains('collapsed') ? t('unfold') : t('fold'))),
        el('div', { class: 'planner-buttons' }, field(t('year'), yearInput), app.session.account ? null : field(t('user'), userInput)),
        message, conflictBox, form, historyBox, tableBox);
      if (state.on && state.table) { renderForm(); renderTable(); renderHistory(); renderConflict(); }
    });

    // For tests and scripts: the map pixel of a longitude, latitude, and a view centred on one.
    window.gisPlanner = {
      pixelOf: (lon, lat) => map.getPixelFromCoordinate(fromLonLat([lon, lat])),
      centre: (lon, lat, zoom) => new Promise((resolve) => {
        map.once('rendercomplete', () => resolve());
        map.getView().setCenter(fromLonLat([lon, lat]));
        map.getView().setZoom(zoom);
      }),
    };
  },
};

/** The current Buddhist Era year (CE + 543). */
function thaiYear() {
  return new Date().getFullYear() + 543;
}
