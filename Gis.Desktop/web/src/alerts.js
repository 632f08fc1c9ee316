// Alert rules for officers (ADR 0041): the rules stored (what each watches, whom it tells, messages waiting and
// delivered), a form for a new one (the province, a district, or a polygon drawn on the map, with a buffer,
// thresholds and recipients), a test that shows what a rule would send now (writes nothing), and removal. The page
// offers it from the officer role up; the server checks every request again. Every check is the server's.
import Control from 'ol/control/Control.js';
import Draw from 'ol/interaction/Draw.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import { el, fill } from './dom.js';
import { addStrings, formatNumber, nameOf, onLanguage } from './i18n.js';
import './alerts.css';

addStrings({
  alerts: { th: 'การแจ้งเตือน', en: 'Alerts' },
  alertsOff: { th: 'ปิดการแจ้งเตือน', en: 'Close alerts' },
  alertRules: { th: 'กฎการแจ้งเตือนจุดความร้อนใหม่', en: 'New-hotspot alert rules' },
  alertNone: { th: 'ยังไม่มีกฎ', en: 'No rules yet' },
  alertNew: { th: 'กฎใหม่', en: 'New rule' },
  alertName: { th: 'ชื่อกฎ', en: 'Rule name' },
  alertArea: { th: 'พื้นที่', en: 'Area' },
  alertProvince: { th: 'ทั้งจังหวัด', en: 'whole province' },
  alertDistrict: { th: 'อำเภอ', en: 'district' },
  alertDrawn: { th: 'วาดบนแผนที่', en: 'drawn on the map' },
  alertDraw: { th: 'วาดพื้นที่', en: 'Draw area' },
  alertDrawHint: { th: 'คลิกบนแผนที่เพื่อวางจุด คลิกจุดแรกเพื่อปิดรูป', en: 'Click on the map to place vertices; click the first one to close.' },
  alertDrawnOk: { th: 'วาดพื้นที่แล้ว', en: 'Area drawn' },
  alertBuffer: { th: 'ระยะรอบพื้นที่ (เมตร)', en: 'Buffer (m)' },
  alertConfidence: { th: 'ความเชื่อมั่นขั้นต่ำ', en: 'Lowest confidence' },
  alertAny: { th: 'ทุกระดับ', en: 'any' },
  alertFrp: { th: 'FRP ขั้นต่ำ (MW)', en: 'Lowest FRP (MW)' },
  alertEmails: { th: 'อีเมล (คั่นด้วย ,)', en: 'E-mail (comma-separated)' },
  alertWebhook: { th: 'Webhook URL', en: 'Webhook URL' },
  alertLanguage: { th: 'ภาษาของข้อความ', en: 'Message language' },
  alertAdd: { th: 'เพิ่มกฎ', en: 'Add rule' },
  alertAdded: { th: 'เพิ่มกฎแล้ว', en: 'Rule added' },
  alertTest: { th: 'ทดสอบ', en: 'Test' },
  alertRemove: { th: 'ลบ', en: 'Remove' },
  alertRemoved: {
    th: 'ลบกฎแล้ว ข้อความที่ยังไม่ได้ส่ง {held} ข้อความถูกเก็บไว้ นำกลับมาได้ด้วย gis alerts restore {name}',
    en: 'Rule removed; its {held} messages not yet sent are held: gis alerts restore {name} brings them back',
  },
  alertRemoveAsk: {
    th: 'ลบกฎนี้? ข้อความที่ยังไม่ได้ส่งจะถูกเก็บไว้จนกว่าจะนำกฎกลับมา',
    en: 'Remove this rule? Its messages not yet sent are held until it is restored.',
  },
  alertWaiting: { th: 'รอส่ง', en: 'waiting' },
  alertDelivered: { th: 'ส่งแล้ว', en: 'delivered' },
  alertNothing: { th: 'ขณะนี้ไม่มีจุดความร้อนใหม่ที่กฎนี้จะแจ้ง', en: 'Nothing this rule would tell about now' },
  alertWould: { th: 'ข้อความที่กฎนี้จะส่งขณะนี้ (ยังไม่ได้ส่ง):', en: 'What this rule would send now (not sent):' },
});

const drawnStyle = new Style({ fill: new Fill({ color: 'rgba(192, 57, 43, 0.15)' }), stroke: new Stroke({ color: '#C0392B', width: 2, lineDash: [6, 4] }) });

export default {
  id: 'alerts',
  install(app) {
    const { map, api, t, geojson } = app;
    const state = { on: false, rules: [], sketch: null, area: 'district', test: null };
    const sketches = new VectorLayer({ properties: { id: 'alerts-sketch' }, source: new VectorSource(), style: drawnStyle, zIndex: 7 });
    map.addLayer(sketches);
    const draw = new Draw({ source: sketches.getSource(), type: 'Polygon', style: drawnStyle });
    draw.setActive(false);
    map.addInteraction(draw);
    // While drawing, clicks belong to the sketch, not to the district and hotspot panels (main.js reads app.state.sketching).
    const drawing = (on) => { draw.setActive(on); app.state.sketching = on; };
    draw.on('drawend', (e) => {
      sketches.getSource().clear();
      state.sketch = e.feature;
      drawing(false);
      say(t('alertDrawnOk'));
    });

    const toggle = el('button', { id: 'alerts-toggle', class: 'alerts-toggle', type: 'button', onclick: () => setOn(!state.on) });
    const pane = el('div', { id: 'alerts-pane', class: 'alerts-pane', hidden: true });
    map.addControl(new Control({ element: el('div', { class: 'ol-unselectable ol-control alerts-toggle-box' }, toggle) }));
    map.addControl(new Control({ element: pane }));
    const message = el('p', { id: 'alerts-message', role: 'status' });
    const list = el('section', { id: 'alerts-rules' });
    const form = el('form', { id: 'alerts-form', onsubmit: (e) => { e.preventDefault(); add(); } });
    const preview = el('section', { id: 'alerts-test' });

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
      pane.hidden = !on;
      sketches.setVisible(on);
      if (!on) drawing(false);
      fill(toggle, on ? t('alertsOff') : t('alerts'));
      toggle.setAttribute('aria-pressed', String(on));
      if (on) refresh();
    }

    async function refresh() {
      await run(async () => {
        state.rules = await api.getJson('/api/alerts/rules');
        renderList();
        pane.dataset.loaded = String(Number(pane.dataset.loaded ?? 0) + 1);
      });
    }

    function renderList() {
      fill(list, el('h3', {}, t('alertRules')),
        state.rules.length === 0 ? el('p', { class: 'muted' }, t('alertNone')) : el('ul', {}, state.rules.map((r) => el('li', { dataset: { rule: r.name } },
          el('strong', {}, r.name), ' ',
          el('span', { class: 'muted' }, [r.area, r.buffer_m > 0 ? `+ ${formatNumber(r.buffer_m)} m` : null,
            r.min_confidence ? `≥ ${t(`conf.${r.min_confidence}`)}` : null, r.min_frp_mw !== null ? `FRP ≥ ${r.min_frp_mw} MW` : null,
            [...r.emails, r.webhook ? `webhook ${r.webhook}` : null].filter(Boolean).join(', '), r.language].filter(Boolean).join(' · ')),
          el('div', { class: 'alerts-counts' }, `${formatNumber(r.waiting)} ${t('alertWaiting')} · ${formatNumber(r.delivered)} ${t('alertDelivered')} `,
            el('button', { type: 'button', class: 'alerts-test', onclick: () => test(r) }, t('alertTest')), ' ',
            el('button', { type: 'button', class: 'alerts-remove', onclick: () => remove(r) }, t('alertRemove')))))));
    }

    function field(label, input) {
      return el('label', {}, el('span', {}, label), input);
    }

    function renderForm() {
      const typed = Object.fromEntries(new FormData(form));
      const areaSelect = el('select', { id: 'alerts-area', name: 'area' },
        ['province', 'district', 'drawn'].map((a) => el('option', { value: a, selected: state.area === a }, t(`alert${a[0].toUpperCase()}${a.slice(1)}`))));
      areaSelect.addEventListener('change', () => { state.area = areaSelect.value; renderForm(); });
      const districts = app.layers.districts.getSource().getFeatures()
        .map((f) => ({ code: f.get('code'), name_th: f.get('name_th'), name_en: f.get('name_en') }))
        .sort((a, b) => a.code.localeCompare(b.code));
      fill(form,
        el('h3', {}, t('alertNew')),
        field(t('alertName'), el('input', { id: 'alerts-name', name: 'name', maxlength: 100, value: typed.name ?? '' })),
        field(t('alertArea'), areaSelect),
        state.area === 'district' ? field(t('alertDistrict'), el('select', { id: 'alerts-district', name: 'district' },
          districts.map((d) => el('option', { value: d.code, selected: typed.district === d.code }, `${d.code} ${nameOf(d)}`)))) : null,
        state.area === 'drawn' ? el('div', { class: 'alerts-buttons' },
          el('button', { id: 'alerts-draw', type: 'button', onclick: () => { sketches.getSource().clear(); state.sketch = null; drawing(true); say(t('alertDrawHint')); } }, t('alertDraw'))) : null,
        field(t('alertBuffer'), el('input', { id: 'alerts-buffer', name: 'buffer', type: 'number', min: 0, max: 100000, value: typed.buffer ?? 0 })),
        field(t('alertConfidence'), el('select', { id: 'alerts-confidence', name: 'confidence' },
          [['', t('alertAny')], ['l', t('conf.l')], ['n', t('conf.n')], ['h', t('conf.h')]].map(([v, label]) => el('option', { value: v, selected: typed.confidence === v }, label)))),
        field(t('alertFrp'), el('input', { id: 'alerts-frp', name: 'frp', type: 'number', min: 0, step: 'any', value: typed.frp ?? '' })),
        field(t('alertEmails'), el('input', { id: 'alerts-emails', name: 'emails', value: typed.emails ?? '' })),
        field(t('alertWebhook'), el('input', { id: 'alerts-webhook', name: 'webhook', value: typed.webhook ?? '' })),
        field(t('alertLanguage'), el('select', { id: 'alerts-language', name: 'language' },
          [['th', 'ไทย'], ['en', 'English']].map(([v, label]) => el('option', { value: v, selected: (typed.language ?? 'th') === v }, label)))),
        el('div', { class: 'alerts-buttons' }, el('button', { id: 'alerts-add', type: 'submit' }, t('alertAdd'))));
    }

    async function add() {
      const data = new FormData(form);
      const body = {
        name: data.get('name'),
        buffer_m: Number(data.get('buffer') || 0),
        min_confidence: data.get('confidence') || null,
        min_frp_mw: data.get('frp') === '' ? null : Number(data.get('frp')),
        emails: String(data.get('emails') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        webhook: data.get('webhook') || null,
        language: data.get('language'),
      };
      if (state.area === 'province') body.province = app.session.province;
      else if (state.area === 'district') body.district = data.get('district');
      // Without a drawn polygon the server says what is missing.
      else if (state.sketch) body.polygon = geojson.writeGeometryObject(state.sketch.getGeometry(), { decimals: 7 });
      await run(async () => {
        await api.send('/api/alerts/rules', body);
        sketches.getSource().clear();
        state.sketch = null;
        form.reset();
        renderForm();
        await refresh();
      }, t('alertAdded'));
    }

    async function test(rule) {
      await run(async () => {
        const result = await api.getJson(`/api/alerts/rules/${rule.id}/test`, { map: true });
        fill(preview, result.count === 0 ? el('p', { class: 'muted' }, `${rule.name}: ${t('alertNothing')}`) : [
          el('p', {}, t('alertWould')),
          el('pre', { id: 'alerts-test-text' }, result.text),
          result.map_png_base64 ? el('img', { id: 'alerts-test-map', alt: result.subject, src: `data:image/png;base64,${result.map_png_base64}` }) : null]);
        preview.dataset.rule = rule.name;
      });
    }

    async function remove(rule) {
      if (!window.confirm(`${rule.name}: ${t('alertRemoveAsk')}`)) return;
      await run(async () => {
        const removed = await api.send(`/api/alerts/rules/${rule.id}`, undefined, { method: 'DELETE' });
        fill(preview);
        await refresh();
        say(t('alertRemoved').replace('{held}', String(removed.held)).replace('{name}', removed.rule));
      });
    }

    onLanguage(() => {
      fill(toggle, state.on ? t('alertsOff') : t('alerts'));
      renderForm();
      fill(pane, el('h2', {}, t('alerts')), message, list, form, preview);
      if (state.on) renderList();
    });
  },
};
