// The map workstation page: builds the map, the layer list, the side panel and the time bar, and wires them.
import 'ol/ol.css';
import './style.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import * as api from './api.js';
import { el, fill } from './dom.js';
import { t, onLanguage, setLanguage, language } from './i18n.js';
import { modes } from './modes.js';

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

async function start() {
  const session = await api.openSession();
  const districts = new VectorLayer({
    properties: { id: 'districts' },
    source: new VectorSource(),
    style: new Style({ fill: new Fill({ color: '#F2F0EB' }), stroke: new Stroke({ color: '#4D4D4D', width: 1 }) }),
  });
  const map = new Map({ target: 'map', layers: [districts], view: new View({ center: [0, 0], zoom: 2 }) });
  const collection = await api.getJson('/api/layers/districts', { province: session.province });
  districts.getSource().addFeatures(geojson.readFeatures(collection));
  if (districts.getSource().getFeatures().length > 0)
    map.getView().fit(districts.getSource().getExtent(), { padding: [20, 20, 20, 20] });

  const app = { map, api, t, session, geojson, panel: document.getElementById('panel') };
  const toolbar = document.getElementById('toolbar');
  onLanguage(() => fill(toolbar,
    el('h1', {}, t('title')),
    el('button', { id: 'lang', onclick: () => setLanguage(language() === 'th' ? 'en' : 'th') }, t('language'))));
  for (const mode of modes) mode.install(app);
  document.body.dataset.ready = 'true';
  window.gis = app;
}

start().catch((e) => {
  document.body.dataset.ready = 'error';
  fill(document.getElementById('panel'), el('p', { class: 'error' }, `${t('error')}: ${e.message}`));
});
