// Planner mode (ADR 0010): draw or edit a reforestation / green project polygon and give it its plan project, year
// and agency; edit the district allocation table (lock values, re-balance the rest); view the audit history and undo.
// Every check is the server's: the page shows the server's message. Data text goes in through el() (textContent).
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
    const state = { on: false, year: thaiYear(), editing: null, sketch: null, projects: [], table: null, history: [] };

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
    const yearInput = el('input', { id: 'planner-year', type: 'number', min: 2560, max: 2600, value: state.year });
    yearInput.addEventListener('change', () => { state.year = Number(yearInput.value); refresh(); });
    const userInput = el('input', { id: 'planner-user', type: 'text', maxlength: 100, value: localStorage.getItem('gis.user') ?? '' });
    userInput.addEventListener('change', () => localStorage.setItem('gis.user', userInput.value.trim()));
    const user = () => userInput.value.trim() || null;

    function say(text, isError = false) {
      fill(message, text);
      message.className = isError ? 'error' : 'ok';
    }

    async function run(action, done) {
      try {
        await action();
        if (done) say(done);
      } catch (e) {
        say(e.message, true);
      }
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
      const typed = Object.fromEntries(new FormData(form));
      const props = current ? current.getProperties() : { project_code: typed.project, name: typed.area_name };
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
      const feature = state.editing ?? state.sketch;
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
      };
      await run(async () => {
        if (state.editing) await api.send(`/api/planner/areas/${encodeURIComponent(state.editing.get('id'))}`, body, { method: 'PUT' });
        else await api.send('/api/planner/areas', body);
        fill(form);
        cancel();
        await refresh(true);
      }, t('saved'));
    }

    async function remove(id) {
      await run(async () => {
        await api.send(`/api/planner/areas/${encodeURIComponent(id)}?${new URLSearchParams(user() ? { user: user() } : {})}`, undefined, { method: 'DELETE' });
        cancel();
        await refresh(true);
      }, t('saved'));
    }

    async function refresh(edited = false) {
      await run(async () => {
        const [collection, projects, table, history] = await Promise.all([
          api.getJson('/api/planner/areas', { year: state.year }),
          api.getJson('/api/planner/projects'),
          api.getJson('/api/planner/allocation', { year: state.year }),
          api.getJson('/api/planner/history', { limit: 50 }),
        ]);
        const source = areas.getSource();
        source.clear();
        source.addFeatures(geojson.readFeatures(collection));
        Object.assign(state, { projects, table, history });
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
      const targetInput = el('input', { id: 'planner-target', type: 'number', min: 1, value: stored ? table.target_rai : 1000 });
      const rows = table.rows.map((r) => {
        const allocated = el('input', { type: 'number', min: 0, class: 'planner-allocated', value: r.allocation_rai ?? '', disabled: !stored });
        allocated.addEventListener('change', () => run(async () => {
          await api.send(`/api/planner/allocation/${state.year}/${encodeURIComponent(r.code)}`, { allocation_rai: Number(allocated.value), user: user() }, { method: 'PUT' });
          await refresh(true);
        }, t('saved')));
        const lock = el('input', { type: 'checkbox', class: 'planner-lock', checked: r.locked, disabled: !stored });
        lock.addEventListener('change', () => run(async () => {
          await api.send(`/api/planner/allocation/${state.year}/${encodeURIComponent(r.code)}/lock`, { locked: lock.checked, user: user() });
          await refresh(true);
        }, t('saved')));
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
            ? el('button', { id: 'planner-rebalance', type: 'button', onclick: () => run(async () => {
              await api.send(`/api/planner/allocation/${state.year}/rebalance`, { target_rai: Number(targetInput.value), user: user() });
              await refresh(true);
            }, t('saved')) }, t('rebalance'))
            : el('button', { id: 'planner-create-table', type: 'button', onclick: () => run(async () => {
              await api.send('/api/planner/allocation', { year: state.year, target_rai: Number(targetInput.value), weight: 'area', user: user() });
              await refresh(true);
            }, t('saved')) }, t('createTable'))),
        el('table', {},
          el('thead', {}, el('tr', {}, el('th', {}, t('districtCol')), el('th', {}, t('greenCol')), el('th', {}, t('allocatedCol')), el('th', {}, t('lockCol')))),
          el('tbody', {}, rows),
          el('tfoot', {}, el('tr', {}, el('td', {}, '∑'), el('td', {}, number(table.rows.reduce((s, r) => s + r.projects_rai, 0), 2)), el('td', { id: 'planner-total' }, stored ? String(total) : ''), el('td', {})))));
    }

    function renderHistory() {
      fill(historyBox,
        el('h3', {}, t('history')),
        state.history.length === 0 ? el('p', {}, t('noHistory')) : el('ol', { reversed: true },
          state.history.map((c) => el('li', { dataset: { changeId: c.id }, class: c.undone_by ? 'undone' : '' },
            el('span', { class: 'when' }, formatDateTime(c.changed_at)), ' ',
            el('strong', {}, c.changed_by), ' ',
            el('span', { class: 'summary' }, `#${c.id} ${(language() === 'th' && c.summary_th) || c.summary}`), ' ',
            el('button', {
              type: 'button', class: 'planner-undo', disabled: !c.can_undo, title: c.undo_blocked_by ?? '',
              onclick: () => run(async () => {
                await api.send(`/api/planner/history/${c.id}/undo`, { user: user() });
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
        message, form, historyBox, tableBox);
      if (state.on && state.table) { renderForm(); renderTable(); renderHistory(); }
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
