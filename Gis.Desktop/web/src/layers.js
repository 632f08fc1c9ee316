// The map's layers, their styles and legends. Colours of districts, hotspots, land classes, project areas and the
// province come from the server's MapStyles (catalog.colors), so the screen, an exported map and QGIS agree.
import VectorLayer from 'ol/layer/Vector.js';
import VectorTileLayer from 'ol/layer/VectorTile.js';
import TileLayer from 'ol/layer/Tile.js';
import VectorSource from 'ol/source/Vector.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import XYZ from 'ol/source/XYZ.js';
import MVT from 'ol/format/MVT.js';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { withQuery } from './api.js';
import { formatNumber, nameOf, t } from './i18n.js';

function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Fill opacity of the district colours: the land use or base map below stays visible through them. */
export const districtAlpha = 0.8;

/** Opacity of the heat map layer: district outlines and names stay readable through its colours. */
export const heatOpacity = 0.85;

/** The class a district falls in under a metric, from the numbers of /api/districts/metrics. */
export function districtClass(metric, row, countBreaks) {
  if (!row) return null;
  if (metric === 'change') return row.hotspots.status;
  if (metric === 'green') return row.green ? row.green.class : null;
  const n = row.hotspots.count;
  // A period the store covers on no day has no count (null): drawn as no data, not in the lowest class.
  if (n === null) return 'no-data';
  return countBreaks.findIndex((limit) => n <= limit);
}

/** Class breaks of the count metric: four classes of equal count ranges, rounded. */
export function countBreaksOf(rows) {
  const max = Math.max(1, ...rows.map((r) => r.hotspots.count ?? 0));
  const step = Math.ceil(max / 4);
  return [step, step * 2, step * 3, step * 4];
}

/** The colour of each class of each metric. */
export function classColors(colors) {
  return {
    change: { met: colors.met, 'not-met': colors.not_met, 'no-baseline': colors.no_verdict, incomplete: colors.no_verdict },
    green: {
      'green-none': colors.greens[0], 'green-low': colors.greens[1], 'green-mid': colors.greens[2], 'green-met': colors.greens[3],
      'zero-allocation': colors.zero_allocation, 'no-allocation': colors.no_verdict,
    },
    // Counts: the hotspot reds, light to dark, with the plain fill for the lowest class.
    count: [colors.plain, ...colors.hotspot],
  };
}

export function createLayers(app) {
  const { colors } = app.catalog;
  const palette = classColors(colors);
  const outline = new Stroke({ color: colors.outline, width: 1.2 });
  const styleCache = new Map();

  const districtStyle = (feature) => {
    const code = feature.get('code');
    const row = app.state.metrics?.byCode.get(code);
    const cls = districtClass(app.state.metric, row, app.state.metrics?.countBreaks ?? []);
    const fillColor = (app.state.metric === 'count' ? palette.count[cls] : palette[app.state.metric][cls])
      ?? (cls === 'no-data' ? colors.no_verdict : colors.plain);
    const selected = app.state.selectedDistrict === code;
    // Over the land use the districts are washed out, so the parcels below stay readable; under the heat map almost
    // white, so its pale lowest classes do not melt into the verdict orange.
    const alpha = heat.getVisible() ? 0.12 : (landuse.getVisible() ? 0.35 : districtAlpha);
    const key = `${fillColor}|${selected}|${alpha}`;
    if (!styleCache.has(key)) {
      styleCache.set(key, new Style({
        fill: new Fill({ color: withAlpha(fillColor, alpha) }),
        stroke: selected ? new Stroke({ color: '#000000', width: 3 }) : outline,
      }));
    }
    return styleCache.get(key);
  };
  // Names in their own layer above the hotspots, so points never hide them; decluttered, so they never overlap.
  const labelStyle = (feature, resolution) => (resolution > 600 ? null : new Style({
    geometry: (f) => f.get('label_point'),
    text: new Text({
      text: nameOf(feature.getProperties()),
      font: '12px "Noto Sans Thai", "Noto Sans", sans-serif',
      fill: new Fill({ color: '#1A1A1A' }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
    }),
  }));

  const districts = new VectorLayer({ properties: { id: 'districts' }, source: new VectorSource(), style: districtStyle, zIndex: 2 });
  const labels = new VectorLayer({ properties: { id: 'labels' }, source: districts.getSource(), style: labelStyle, zIndex: 7, declutter: true });
  districts.on('change:visible', () => labels.setVisible(districts.getVisible()));
  const province = new VectorLayer({
    properties: { id: 'province' }, source: new VectorSource(), zIndex: 4,
    style: new Style({ stroke: new Stroke({ color: colors.province, width: 2.5 }) }),
  });

  const landStyles = Object.fromEntries(Object.entries(colors.land_classes).map(([k, c]) => [k, new Style({ fill: new Fill({ color: c }) })]));
  const landuse = new VectorLayer({
    properties: { id: 'landuse' }, source: new VectorSource(), zIndex: 1, visible: false,
    style: (f) => landStyles[f.get('land_class')],
  });
  landuse.on('change:visible', () => { styleCache.clear(); districts.changed(); });

  const projectStyle = (feature) => {
    const highlighted = app.state.highlightedProject === feature.get('project_code');
    const kind = colors.projects[feature.get('target_kind')] ? feature.get('target_kind') : 'other';
    const color = colors.projects[kind];
    return new Style({
      // Highlight in magenta: apart from every district fill (verdict blue and orange, greens, greys) and the reds.
      fill: new Fill({ color: highlighted ? 'rgba(204, 0, 153, 0.45)' : withAlpha(color, 0.2) }),
      stroke: new Stroke({ color: highlighted ? '#CC0099' : color, width: highlighted ? 3 : 1.5, lineDash: highlighted ? undefined : [4, 3] }),
    });
  };
  const projects = new VectorLayer({ properties: { id: 'projects' }, source: new VectorSource(), zIndex: 3, visible: false, style: projectStyle });

  const hotspotStyles = new Map();
  const confidenceIndex = { l: 0, n: 1, h: 2 };
  const hotspotStyle = (feature) => {
    const c = confidenceIndex[feature.get('confidence')] ?? 1;
    const n = feature.get('n') ?? 1;
    // Grid cells grow with the square root of their count, so area follows the number of detections.
    const radius = n > 1 ? Math.min(10, 2 + 0.7 * Math.sqrt(n)) : 3.5;
    const key = `${c}|${radius.toFixed(0)}`;
    if (!hotspotStyles.has(key)) {
      hotspotStyles.set(key, new Style({
        image: new Circle({ radius, fill: new Fill({ color: colors.hotspot[c] }), stroke: new Stroke({ color: colors.hotspot_outline, width: 0.75 }) }),
      }));
    }
    return hotspotStyles.get(key);
  };
  const hotspotQuery = () => ({ period: app.state.period, day: app.state.day, instrument: app.state.instrument });
  const hotspotSource = () => {
    const source = new VectorTileSource({ format: new MVT(), maxZoom: 14, url: withQuery('/api/tiles/hotspots/{z}/{x}/{y}.pbf', hotspotQuery()) });
    source.on('tileloadend', () => { app.loads.hotspotTiles += 1; });
    return source;
  };
  const hotspots = new VectorTileLayer({
    properties: { id: 'hotspots' }, source: hotspotSource(), style: hotspotStyle, zIndex: 5, renderMode: 'hybrid', declutter: false,
  });
  // The same detections as a density surface (ADR 0012): 512-pixel PNG tiles on the grid of the vector tiles.
  const heatSource = () => {
    const source = new XYZ({ url: withQuery('/api/tiles/heat/{z}/{x}/{y}.png', hotspotQuery()), tileSize: 512, maxZoom: 16 });
    source.on('tileloadend', () => { app.loads.heatTiles += 1; });
    return source;
  };
  // Above the district fills, below project areas, the province outline and the names, which stay readable over it.
  const heat = new TileLayer({ properties: { id: 'heat' }, source: heatSource(), zIndex: 2.5, opacity: heatOpacity, visible: false });
  heat.on('change:visible', () => { styleCache.clear(); districts.changed(); });
  /** The hotspot layer of the layer list: points or heat map, as app.state.hotspotView says. */
  const hotspotLayer = {
    getVisible: () => hotspots.getVisible() || heat.getVisible(),
    setVisible(visible) {
      hotspots.setVisible(visible && app.state.hotspotView !== 'heat');
      heat.setVisible(visible && app.state.hotspotView === 'heat');
    },
  };

  // A ring around the hotspot whose details the panel shows.
  const marker = new VectorLayer({
    properties: { id: 'marker' }, source: new VectorSource(), zIndex: 6,
    style: new Style({ image: new Circle({ radius: 10, stroke: new Stroke({ color: '#0B5394', width: 3 }) }) }),
  });

  const base = new TileLayer({ properties: { id: 'basemap' }, zIndex: 0, visible: false });

  return {
    base, landuse, districts, projects, province, hotspots, heat, hotspotLayer,
    labels,
    all: [base, landuse, districts, projects, province, hotspots, heat, marker, labels],
    markHotspot(coordinate) {
      marker.getSource().clear();
      if (coordinate) marker.getSource().addFeature(new Feature(new Point(coordinate)));
    },
    /** New tiles after a change of period, day or sensor. */
    refreshHotspots() { hotspots.setSource(hotspotSource()); heat.setSource(heatSource()); },
    /** Shows the hotspots as 'points' (by confidence) or 'heat' (density); the layer's on/off stays as it was. */
    setHotspotView(view) {
      const visible = hotspotLayer.getVisible();
      app.state.hotspotView = view === 'heat' ? 'heat' : 'points';
      hotspotLayer.setVisible(visible);
    },
    restyleDistricts() { styleCache.clear(); districts.changed(); labels.changed(); },
    restyleProjects() { projects.changed(); },
    setBaseMap(url, attribution) {
      if (!url) { base.setVisible(false); base.setSource(null); return; }
      base.setSource(new XYZ({ url, attributions: attribution || undefined, crossOrigin: null, maxZoom: 19 }));
      base.setVisible(true);
    },
    palette,
  };
}

/** Legend rows [{ color, label, shape }] of a layer in the current state. */
export function legendOf(id, app) {
  const { colors } = app.catalog;
  const palette = classColors(colors);
  if (id === 'districts') {
    const metric = app.state.metric;
    if (metric === 'count') {
      const breaks = app.state.metrics?.countBreaks ?? [];
      let low = 0;
      const rows = breaks.map((limit, i) => {
        const row = { color: palette.count[i], label: `${low} – ${limit}` };
        low = limit + 1;
        return row;
      });
      const noData = app.state.metrics?.districts.some((d) => d.hotspots.count === null);
      return noData ? [...rows, { color: colors.no_verdict, label: t('trend.nodata') }] : rows;
    }
    if (metric === 'green' && !app.state.metrics?.green) return [{ color: colors.no_verdict, label: t('no-green') }];
    return Object.entries(palette[metric]).map(([cls, color]) => ({ color, label: t(cls) }));
  }
  if (id === 'hotspots' && app.state.hotspotView === 'heat') {
    // Classes in detections per 100 km²: lower limit inclusive, the last one open.
    const { breaks, colors: ramp, bandwidth_m: bandwidth } = app.catalog.heat;
    return [
      { color: null, label: t('heat.unit').replace('{km}', formatNumber(bandwidth / 1000)), shape: 'note' },
      ...breaks.map((low, i) => ({
        color: ramp[i],
        label: i + 1 < breaks.length ? `${formatNumber(low)} – ${formatNumber(breaks[i + 1])}` : `≥ ${formatNumber(low)}`,
      })).reverse(),
      // A lone detection's density at its centre: 3 / (pi h²), per 100 km².
      { color: null, label: t('heat.note').replace('{peak}', formatNumber(300 / (Math.PI * (bandwidth / 1000) ** 2), 1)), shape: 'note' },
    ];
  }
  if (id === 'hotspots') {
    return [
      ...['h', 'n', 'l'].map((c, i) => ({ color: colors.hotspot[2 - i], label: t(`conf.${c}`), shape: 'dot' })),
      { color: null, label: t('hotspots.grid'), shape: 'note' },
    ];
  }
  if (id === 'landuse') return Object.entries(colors.land_classes).map(([cls, color]) => ({ color, label: t(`lc.${cls}`) }));
  if (id === 'projects') {
    return [
      ...['hotspot', 'green', 'other'].map((kind) => ({ color: colors.projects[kind], label: t(`kind.${kind}`), shape: 'dash' })),
    ];
  }
  if (id === 'province') return [{ color: colors.province, label: t('province'), shape: 'line' }];
  return [];
}
