// The map workstation page: builds the map, the layer list with legends, the side panel and the time bar, and
// wires them. `app` (also window.gis) is what modes (modes.js) and the browser tests use.
import 'ol/ol.css';
import './style.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Point from 'ol/geom/Point.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import { fromLonLat } from 'ol/proj.js';
import { createEmpty, extend } from 'ol/extent.js';
import * as api from './api.js';
import { el, fill } from './dom.js';
import { t, onLanguage, setLanguage, language, formatPeriod, formatDay } from './i18n.js';
import { createLayers, legendOf, countBreaksOf } from './layers.js';
import { showDistrict, showHotspot, showCell, showHint } from './panel.js';
import { createTimebar } from './timebar.js';
import { loadSettings, openSettings } from './settings.js';
import { modes } from './modes.js';
import { mapPng } from './snapshot.js';
import { canImport, openImport } from './imports.js';
import { openUsers } from './users.js';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

/** The default period: the fire season of the latest year with detections (BE), else this year's. */
function defaultPeriod(catalog) {
  const year = catalog.seasons.length ? catalog.seasons[catalog.seasons.length - 1] : new Date().getFullYear() + 543;
  return `season:${year}`;
}

async function signOut() {
  // To the form whatever the answer: a session that already ended (expired, account disabled) has nothing to end.
  try {
    await api.send('/api/signout', undefined);
  } finally {
    window.location.assign('/signin');
  }
}

async function start() {
  const session = await api.openSession();
  const catalog = await api.getJson('/api/catalog');
  const app = {
    api, t, session, catalog, geojson,
    panel: document.getElementById('panel'),
    state: { period: defaultPeriod(catalog), baseline: 'previous', metric: 'change', day: null, instrument: 'VIIRS', hotspotView: 'points', metrics: null, selectedDistrict: null, highlightedProject: null },
    /** Counters the browser tests wait on: each grows when its load has finished. */
    loads: { metrics: 0, districts: 0, hotspotTiles: 0, heatTiles: 0 },
    /** Milliseconds since navigation start: map drawn (districts and hotspot tiles), numbers in (metrics). */
    timings: {},
  };
  /** Longitude, latitude to map coordinates (Web Mercator). */
  app.toMap = (lonLat) => fromLonLat(lonLat);
  window.gis = app;

  const layers = createLayers(app);
  app.layers = layers;
  const map = new Map({
    target: 'map',
    layers: layers.all,
    controls: defaultControls({ attributionOptions: { collapsible: true } }).extend([new ScaleLine()]),
    view: new View({ center: fromLonLat([98.9, 18.8]), zoom: 8, maxZoom: 18 }),
  });
  app.map = map;

  const settings = loadSettings();
  layers.setBaseMap(settings.url, settings.attribution);

  // Offline base: province outline, districts; land use and projects on demand.
  const [districtData, provinceData] = await Promise.all([
    api.getJson('/api/layers/districts'), api.getJson('/api/layers/province'),
  ]);
  const districtFeatures = geojson.readFeatures(districtData);
  for (const f of districtFeatures) f.set('label_point', new Point(fromLonLat([f.get('label_lon'), f.get('label_lat')])));
  layers.districts.getSource().addFeatures(districtFeatures);
  layers.province.getSource().addFeatures(geojson.readFeatures(provinceData));
  app.loads.districts += 1;
  map.once('rendercomplete', () => { app.timings.drawn = performance.now(); });
  const fitProvince = () => {
    // The toolbar, time bar and lists are filled after the map is made: measure the map again before fitting.
    map.updateSize();
    map.getView().fit(layers.districts.getSource().getExtent(), { padding: [20, 20, 20, 20] });
  };
  if (districtFeatures.length > 0) fitProvince();
  else fill(app.panel, el('p', { class: 'error' }, t('nodata')));

  app.refreshMetrics = async () => {
    const metrics = await api.getJson('/api/districts/metrics', { period: app.state.period, baseline: app.state.baseline, instrument: app.state.instrument });
    metrics.byCode = new globalThis.Map(metrics.districts.map((d) => [d.code, d]));
    metrics.countBreaks = countBreaksOf(metrics.districts);
    app.state.metrics = metrics;
    layers.restyleDistricts();
    renderLayerList();
    if (app.state.selectedDistrict) await app.selectDistrict(app.state.selectedDistrict);
    else showHint(app, metrics.warnings);
    app.loads.metrics += 1;
  };

  app.selectDistrict = async (code) => {
    app.state.selectedDistrict = code;
    layers.restyleDistricts();
    const detail = await api.getJson(`/api/districts/${encodeURIComponent(code)}`, { period: app.state.period, baseline: app.state.baseline, instrument: app.state.instrument });
    showDistrict(app, detail);
    app.state.detail = detail;
  };

  let projectsLoaded = null;
  const loadProjects = () => {
    projectsLoaded ??= api.getJson('/api/layers/projects').then((data) => layers.projects.getSource().addFeatures(geojson.readFeatures(data)));
    return projectsLoaded;
  };
  /** Reads the project areas again (after a planner change). */
  app.reloadProjects = async () => {
    projectsLoaded = null;
    layers.projects.getSource().clear();
    await loadProjects();
  };
  let landuseLoaded = null;
  const loadLanduse = () => {
    const snapshot = catalog.snapshots[catalog.snapshots.length - 1];
    if (snapshot === undefined) return Promise.resolve();
    landuseLoaded ??= api.getJson('/api/layers/landuse', { snapshot }).then((data) => layers.landuse.getSource().addFeatures(geojson.readFeatures(data)));
    return landuseLoaded;
  };

  /** Shows a project's areas (turning the layer on) and zooms to them. */
  app.highlightProject = async (code) => {
    await loadProjects();
    layers.projects.setVisible(true);
    app.state.highlightedProject = code;
    layers.restyleProjects();
    renderLayerList();
    const extent = createEmpty();
    for (const f of layers.projects.getSource().getFeatures()) if (f.get('project_code') === code) extend(extent, f.getGeometry().getExtent());
    if (Number.isFinite(extent[0])) map.getView().fit(extent, { padding: [60, 60, 60, 60], maxZoom: 13, duration: 300 });
    else app.panel.append(el('p', { class: 'muted', id: 'project-noarea' }, t('projects.noarea')));
  };

  // --- layer list with legends ------------------------------------------------------------------------------
  const layerList = document.getElementById('layers');
  const layerOrder = [
    ['hotspots', layers.hotspotLayer], ['province', layers.province], ['projects', layers.projects, loadProjects],
    ['districts', layers.districts], ['landuse', layers.landuse, loadLanduse],
  ];
  function legend(id) {
    return el('ul', { class: 'legend', dataset: { legend: id } }, legendOf(id, app).map((r) => el('li', {},
      r.shape === 'note' ? null : el('span', { class: `swatch ${r.shape ?? 'area'}`, style: `--c:${r.color}` }), r.label)));
  }
  function renderLayerList() {
    const metricSelect = el('select', { id: 'metric', 'aria-label': t('metric') },
      ['change', 'green', 'count'].map((m) => el('option', { value: m, selected: app.state.metric === m }, t(`metric.${m}`))));
    metricSelect.addEventListener('change', () => { app.state.metric = metricSelect.value; layers.restyleDistricts(); renderLayerList(); });
    const baselineSelect = el('select', { id: 'baseline', 'aria-label': t('baseline') },
      [['previous', 'baseline.previous'], ['mean:3', 'baseline.mean3']].map(([v, k]) => el('option', { value: v, selected: app.state.baseline === v }, t(k))));
    baselineSelect.addEventListener('change', () => { app.state.baseline = baselineSelect.value; app.refreshMetrics(); });
    // VIIRS by default: the series the district numbers, the trend and the hotspots count.
    const sensorSelect = el('select', { id: 'instrument', 'aria-label': t('sensor') },
      [['VIIRS', 'sensor.viirs'], ['MODIS', 'sensor.modis'], ['all', 'sensor.all']].map(([v, k]) => el('option', { value: v, selected: app.state.instrument === v }, t(k))));
    sensorSelect.addEventListener('change', () => {
      app.state.instrument = sensorSelect.value;
      layers.refreshHotspots();
      app.refreshMetrics();
    });
    // Points coloured by confidence, or the density surface of the same detections.
    const viewSelect = el('select', { id: 'hotspot-view', 'aria-label': t('hotspots.view') },
      ['points', 'heat'].map((v) => el('option', { value: v, selected: app.state.hotspotView === v }, t(`hotspots.${v}`))));
    viewSelect.addEventListener('change', () => { layers.setHotspotView(viewSelect.value); renderLayerList(); });
    fill(layerList, el('h2', {}, t('layers')),
      layerOrder.map(([id, layer, load]) => {
        const box = el('input', { type: 'checkbox', id: `layer-${id}`, checked: layer.getVisible() });
        box.addEventListener('change', async () => {
          if (box.checked && load) await load();
          layer.setVisible(box.checked);
          renderLayerList();
        });
        return el('section', { class: 'layer' },
          el('label', {}, box, ' ', t(id)),
          id === 'districts' ? el('div', { class: 'options' }, el('label', {}, t('metric'), el('br'), metricSelect), el('label', {}, t('baseline'), el('br'), baselineSelect)) : null,
          id === 'hotspots' ? el('div', { class: 'options' }, el('label', {}, t('hotspots.view'), el('br'), viewSelect), el('label', {}, t('sensor'), el('br'), sensorSelect)) : null,
          layer.getVisible() ? legend(id) : null);
      }),
      el('section', { class: 'layer' },
        el('label', {}, el('input', { type: 'checkbox', id: 'layer-basemap', checked: layers.base.getVisible(), disabled: !loadSettings().url, onchange: (e) => layers.base.setVisible(e.target.checked) }), ' ', t('basemap'), ' '),
        el('button', { type: 'button', id: 'open-settings', class: 'link', onclick: () => openSettings(app, (s) => { layers.setBaseMap(s.url, s.attribution); renderLayerList(); }) }, t('settings'))));
  }

  // --- time -------------------------------------------------------------------------------------------------
  const timebar = createTimebar(app, async (change) => {
    const periodChanged = change.period && change.period !== app.state.period;
    Object.assign(app.state, change);
    layers.refreshHotspots();
    timebar.render();
    if (periodChanged) await app.refreshMetrics();
  });
  timebar.render();

  // --- toolbar: title, export, language ---------------------------------------------------------------------
  const toolbar = document.getElementById('toolbar');
  // PNG: the map as on screen (mapPng); PDF: the renderer's map page of the same theme, period and district.
  const exportMap = async (format) => {
    const status = document.getElementById('export-status');
    status.textContent = t('export.running');
    try {
      const theme = { change: 'reduction', green: 'green', count: 'hotspots' }[app.state.metric];
      const blob = format === 'png'
        ? await mapPng(map, [t('title'), formatPeriod(app.state.period), app.state.day ? formatDay(app.state.day) : null,
          t(`metric.${app.state.metric}`)].filter(Boolean).join(' · ')).catch((e) => {
          throw new Error(e.name === 'SecurityError' ? t('export.tainted') : e.message);
        })
        : await (await api.send('/api/export', {
          theme, period: app.state.period, baseline: app.state.baseline, instrument: app.state.instrument, language: language(), format,
          district: app.state.selectedDistrict, hotspots: layers.hotspotLayer.getVisible(), hotspot_view: app.state.hotspotView,
        }, { raw: true })).blob();
      const link = el('a', { href: URL.createObjectURL(blob), download: `gis-${theme}-${app.state.period.replace(/[:.]+/g, '-')}.${format}` });
      document.body.append(link);
      link.click();
      link.remove();
      status.textContent = '';
    } catch (e) {
      status.textContent = `${t('error')}: ${e.message}`;
    }
  };
  onLanguage(() => {
    fill(toolbar,
      el('h1', {}, t('title')),
      el('span', { id: 'export-status', role: 'status' }),
      el('button', { type: 'button', id: 'export-png', onclick: () => exportMap('png') }, `${t('export')} PNG`),
      el('button', { type: 'button', id: 'export-pdf', onclick: () => exportMap('pdf') }, `${t('export')} PDF`),
      // The project gis qgis makes, its hotspot layers in the period on screen (a plain GET: the browser saves the file).
      el('button', { type: 'button', id: 'qgis-project', title: t('qgis.hint'), onclick: () => {
        const link = el('a', { href: api.withQuery('/api/qgis/project.qgz', { lang: language(), period: app.state.period }), download: '' });
        document.body.append(link);
        link.click();
        link.remove();
      } }, t('qgis')),
      canImport(session) ? el('button', { type: 'button', id: 'import-open', onclick: () => openImport(app) }, t('import.open')) : null,
      session.role === 'admin' ? el('button', { type: 'button', id: 'users-open', onclick: () => openUsers(app) }, t('users.open')) : null,
      el('button', { type: 'button', id: 'lang', onclick: () => setLanguage(language() === 'th' ? 'en' : 'th') }, t('language')),
      session.account ? el('span', { id: 'account', title: t(`role.${session.role}`) }, session.account.display_name) : null,
      session.account ? el('button', { type: 'button', id: 'signout', onclick: signOut }, t('signout')) : null);
    renderLayerList();
    timebar.render();
    layers.restyleDistricts();
    if (app.state.detail) showDistrict(app, app.state.detail);
    else if (app.state.metrics) showHint(app, app.state.metrics.warnings);
  });

  // --- clicks: a hotspot (or a grid cell of them) first, else a district ---------------------------------------
  map.on('singleclick', async (event) => {
    if (app.state.sketching) return;
    const hit = map.forEachFeatureAtPixel(event.pixel, (feature, layer) => ({ feature, layer }), { hitTolerance: 4 });
    if (!hit) return;
    try {
      if (hit.layer === layers.hotspots) {
        const id = hit.feature.getId() ?? hit.feature.get('id');
        if (id === undefined || (hit.feature.get('n') ?? 1) > 1) {
          showCell(app, hit.feature.get('n'));
          map.getView().animate({ center: event.coordinate, zoom: Math.max(map.getView().getZoom() + 2, 10), duration: 300 });
          return;
        }
        const detail = await api.getJson(`/api/hotspots/${encodeURIComponent(id)}`);
        layers.markHotspot(fromLonLat([detail.longitude, detail.latitude]));
        showHotspot(app, detail);
        app.state.detail = null;
      } else if (hit.layer === layers.districts || hit.layer === layers.labels) {
        layers.markHotspot(null);
        await app.selectDistrict(hit.feature.get('code'));
      } else if (hit.layer === layers.projects) {
        await app.highlightProject(hit.feature.get('project_code'));
      }
    } catch (e) {
      fill(app.panel, el('p', { class: 'error' }, `${t('error')}: ${e.message}`));
    }
  });
  map.on('pointermove', (event) => {
    map.getTargetElement().style.cursor = map.hasFeatureAtPixel(event.pixel, { layerFilter: (l) => l !== layers.province && l !== layers.landuse && l !== layers.labels }) ? 'pointer' : '';
  });

  await app.refreshMetrics();
  // The page offers only what the role may do; the server checks every request again.
  const allowed = { planner: session.can_plan, alerts: ['officer', 'planner', 'admin'].includes(session.role) };
  for (const mode of modes) if (allowed[mode.id] !== false) mode.install(app);
  if (districtFeatures.length > 0) fitProvince();
  app.timings.ready = performance.now();
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  document.body.dataset.ready = 'error';
  fill(document.getElementById('panel'), el('p', { class: 'error' }, `${t('error')}: ${e.message}`));
});
