// Every string of the interface, Thai and English, in one table. t('key') gives the current language's text.
// Texts from the data (district and project names) never come from here: they are shown as stored, in the
// field of the current language (name_th / name_en).

const strings = {
  title: { th: 'แผนที่ไฟป่าและพื้นที่สีเขียว จังหวัดเชียงใหม่', en: 'Fire hotspots and green area, Chiang Mai' },
  language: { th: 'English', en: 'ไทย' },
  signout: { th: 'ออกจากระบบ', en: 'Sign out' },
  'role.viewer': { th: 'ผู้ดู', en: 'viewer' },
  'role.officer': { th: 'เจ้าหน้าที่', en: 'officer' },
  'role.planner': { th: 'ผู้วางแผน', en: 'planner' },
  'role.admin': { th: 'ผู้ดูแลระบบ', en: 'admin' },
  layers: { th: 'ชั้นข้อมูล', en: 'Layers' },
  districts: { th: 'อำเภอ', en: 'Districts' },
  province: { th: 'ขอบเขตจังหวัด', en: 'Province outline' },
  hotspots: { th: 'จุดความร้อน', en: 'Hotspots' },
  landuse: { th: 'การใช้ที่ดิน', en: 'Land use' },
  projects: { th: 'พื้นที่โครงการ', en: 'Project areas' },
  sensor: { th: 'เซนเซอร์', en: 'Sensor' },
  'sensor.viirs': { th: 'VIIRS (ตัวเลขเป้าหมายนับชุดนี้)', en: 'VIIRS (the series the targets count)' },
  'sensor.modis': { th: 'MODIS', en: 'MODIS' },
  'sensor.all': { th: 'ทุกเซนเซอร์', en: 'all sensors' },
  basemap: { th: 'แผนที่ฐานออนไลน์', en: 'Online base map' },
  metric: { th: 'แสดงค่า', en: 'Colour by' },
  'metric.change': { th: 'การเปลี่ยนแปลงจุดความร้อน เทียบเป้าหมาย', en: 'Hotspot change vs target' },
  'metric.green': { th: 'พื้นที่สีเขียวเพิ่ม เทียบเป้าหมายที่จัดสรร', en: 'Green added vs allocation' },
  'metric.count': { th: 'จำนวนจุดความร้อน', en: 'Hotspot count' },
  met: { th: 'บรรลุเป้าหมาย', en: 'target met' },
  'not-met': { th: 'ไม่บรรลุเป้าหมาย', en: 'target not met' },
  'no-baseline': { th: 'ไม่มีฐานเปรียบเทียบ (ฐาน 0)', en: 'no baseline (0 hotspots)' },
  incomplete: { th: 'ข้อมูลไม่ครบทุกวัน (ไม่ตัดสิน)', en: 'incomplete data (no verdict)' },
  'green-none': { th: 'ไม่เพิ่ม หรือลดลง', en: 'no net gain' },
  'green-low': { th: 'น้อยกว่า 50 % ของเป้าหมาย', en: 'below 50 % of allocation' },
  'green-mid': { th: '50 - 99 % ของเป้าหมาย', en: '50 - 99 % of allocation' },
  'green-met': { th: 'ถึงเป้าหมาย', en: 'allocation reached' },
  'zero-allocation': { th: 'เป้าหมายที่จัดสรร 0 ไร่', en: 'allocation 0 rai' },
  'no-allocation': { th: 'ไม่มีเป้าหมายที่จัดสรร', en: 'no allocation stored' },
  'no-green': { th: 'ไม่มีข้อมูลการใช้ที่ดินสองช่วงปี', en: 'no two land-use snapshots' },
  'conf.h': { th: 'ความเชื่อมั่นสูง', en: 'high confidence' },
  'conf.n': { th: 'ความเชื่อมั่นปกติ', en: 'nominal confidence' },
  'conf.l': { th: 'ความเชื่อมั่นต่ำ', en: 'low confidence' },
  'hotspots.grid': { th: 'ย่อแผนที่: จุดรวมเป็นกลุ่ม (ขนาดตามจำนวน)', en: 'zoomed out: points summed per cell (size by count)' },
  'hotspots.view': { th: 'แสดงเป็น', en: 'Show as' },
  'hotspots.points': { th: 'จุด ตามระดับความเชื่อมั่น', en: 'points by confidence' },
  'hotspots.heat': { th: 'แผนที่ความหนาแน่น', en: 'heat map (density)' },
  'heat.unit': { th: 'จำนวนจุดความร้อนต่อ 100 ตร.กม. (นับในรัศมี {km} กม.)', en: 'detections per 100 km² (counted within {km} km)' },
  'heat.note': { th: 'สีเดียวกัน = ความหนาแน่นเท่ากัน ทุกระดับการซูมและทุกช่วงเวลา; จุดเดี่ยวหนึ่งจุดสูงสุด {peak}', en: 'same colour = same density at every zoom and in every period; one lone detection peaks at {peak}' },
  'lc.conservation_forest': { th: 'ป่าอนุรักษ์', en: 'conservation forest' },
  'lc.national_reserved_forest': { th: 'ป่าสงวนแห่งชาติ', en: 'national reserved forest' },
  'lc.alro_land': { th: 'เขต ส.ป.ก.', en: 'ALRO land' },
  'lc.agriculture': { th: 'พื้นที่เกษตร', en: 'agriculture' },
  'lc.community_other': { th: 'ชุมชนและอื่น ๆ', en: 'community and other' },
  'lc.highway_side': { th: 'ริมทางหลวง', en: 'highway side' },
  'lc.unmapped': { th: 'ไม่มีข้อมูลการใช้ที่ดิน', en: 'no land-use parcel' },
  'kind.hotspot': { th: 'ลดจุดความร้อน', en: 'hotspot reduction' },
  'kind.green': { th: 'เพิ่มพื้นที่สีเขียว', en: 'green area' },
  'kind.other': { th: 'อื่น ๆ', en: 'other' },
  period: { th: 'ช่วงเวลา', en: 'Period' },
  'period.season': { th: 'ฤดูไฟป่า', en: 'Fire season' },
  'period.fiscal': { th: 'ปีงบประมาณ', en: 'Fiscal year' },
  'period.dates': { th: 'ช่วงวันที่', en: 'Dates' },
  baseline: { th: 'ฐานเปรียบเทียบ', en: 'Baseline' },
  'baseline.previous': { th: 'ช่วงก่อนหน้า', en: 'previous period' },
  'baseline.mean3': { th: 'เฉลี่ย 3 ช่วงก่อนหน้า', en: 'mean of 3 previous' },
  day: { th: 'วัน', en: 'Day' },
  'day.all': { th: 'ทั้งช่วง', en: 'whole period' },
  play: { th: '▶ เล่น', en: '▶ Play' },
  pause: { th: '⏸ หยุด', en: '⏸ Pause' },
  apply: { th: 'แสดง', en: 'Show' },
  from: { th: 'จาก', en: 'from' },
  to: { th: 'ถึง', en: 'to' },
  settings: { th: 'ตั้งค่า', en: 'Settings' },
  'settings.basemap': { th: 'URL แผนที่ฐาน XYZ (ต้องต่ออินเทอร์เน็ต) เช่น https://tile.openstreetmap.org/{z}/{x}/{y}.png', en: 'XYZ base map URL (needs internet), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png' },
  'settings.attribution': { th: 'เครดิตแผนที่ฐาน', en: 'Base map credit' },
  'settings.offline': { th: 'ไม่ตั้งค่า = ทำงานออฟไลน์ด้วยชั้นข้อมูลของเราเอง', en: 'Empty = offline, our own layers only' },
  save: { th: 'บันทึก', en: 'Save' },
  close: { th: 'ปิด', en: 'Close' },
  export: { th: 'ส่งออกแผนที่', en: 'Export map' },
  'export.tainted': { th: 'แผนที่ฐานออนไลน์ไม่อนุญาตให้คัดลอกภาพ: ปิดแผนที่ฐานแล้วส่งออกอีกครั้ง', en: 'the online base map does not allow copying its image: switch it off and export again' },
  qgis: { th: 'โครงการ QGIS', en: 'QGIS project' },
  'qgis.hint': { th: 'ไฟล์โครงการ QGIS (.qgz) ของชั้นข้อมูลในจังหวัด ใช้ร่วมกับ pg_service.conf (ดู docs/qgis.md)', en: 'A QGIS project (.qgz) of the province\'s layers, used with pg_service.conf (see docs/qgis.md)' },
  'export.running': { th: 'กำลังสร้างแผนที่…', en: 'Making the map…' },
  'panel.hint': { th: 'คลิกอำเภอหรือจุดความร้อนบนแผนที่เพื่อดูรายละเอียด', en: 'Click a district or a hotspot on the map for its details' },
  'hotspot.target': { th: 'เป้าหมายลดจุดความร้อน', en: 'Hotspot reduction target' },
  'green.target': { th: 'เป้าหมายเพิ่มพื้นที่สีเขียว', en: 'Green area target' },
  count: { th: 'จำนวนจุดความร้อน', en: 'Hotspots' },
  'baseline.count': { th: 'ฐาน', en: 'Baseline' },
  'trend.nodata': { th: 'ไม่มีข้อมูล', en: 'no data' },
  'coverage.period': { th: 'ข้อมูลช่วงนี้', en: 'Data in the period' },
  'coverage.baseline': { th: 'ช่วงฐาน', en: 'baseline' },
  change: { th: 'เปลี่ยนแปลง', en: 'Change' },
  target: { th: 'เป้าหมายการเปลี่ยนแปลง', en: 'Target change' },
  status: { th: 'ผล', en: 'Verdict' },
  gain: { th: 'เพิ่มขึ้น', en: 'Gain' },
  loss: { th: 'ลดลง', en: 'Loss' },
  net: { th: 'สุทธิ', en: 'Net' },
  'projects.rai': { th: 'พื้นที่โครงการปีนี้', en: 'Project area this year' },
  allocation: { th: 'เป้าหมายที่จัดสรร', en: 'Allocation' },
  rai: { th: 'ไร่', en: 'rai' },
  trend: { th: 'แนวโน้มจุดความร้อน', en: 'Hotspot trend' },
  'projects.responsible': { th: 'โครงการที่รับผิดชอบ', en: 'Responsible projects' },
  'projects.none': { th: 'ไม่มีโครงการ', en: 'no project' },
  'projects.show': { th: 'คลิกเพื่อแสดงพื้นที่โครงการ', en: 'click to show its area' },
  'projects.noarea': { th: 'โครงการนี้ไม่มีพื้นที่บนแผนที่', en: 'this project has no mapped area' },
  satellite: { th: 'ดาวเทียม', en: 'Satellite' },
  localtime: { th: 'เวลาท้องถิ่น (กรุงเทพฯ)', en: 'Local time (Bangkok)' },
  confidence: { th: 'ความเชื่อมั่น', en: 'Confidence' },
  frp: { th: 'ค่าพลังงานความร้อน (FRP)', en: 'Fire radiative power (FRP)' },
  landclass: { th: 'ประเภทพื้นที่', en: 'Land class' },
  projectarea: { th: 'อยู่ในพื้นที่โครงการ', en: 'In project area' },
  district: { th: 'อำเภอ', en: 'District' },
  none: { th: 'ไม่มี', en: 'none' },
  superseded: { th: 'ถูกแทนที่ด้วยข้อมูลมาตรฐาน (ไม่นับ)', en: 'superseded by standard data (not counted)' },
  'cell.zoom': { th: 'กลุ่มจุดความร้อน: ซูมเข้าเพื่อดูทีละจุด', en: 'group of hotspots: zoom in to see each' },
  detections: { th: 'จุด', en: 'detections' },
  warnings: { th: 'หมายเหตุ', en: 'Notes' },
  loading: { th: 'กำลังโหลด…', en: 'Loading…' },
  error: { th: 'ผิดพลาด', en: 'Error' },
  'nodata': { th: 'ยังไม่มีข้อมูลอำเภอ: นำเข้าขอบเขตด้วย gis import boundaries', en: 'No districts yet: import boundaries with gis import boundaries' },
};

let lang = localStorage.getItem('gis.lang') === 'en' ? 'en' : 'th';
const listeners = [];

export function t(key) {
  const entry = strings[key];
  if (!entry) return key;
  return entry[lang] ?? entry.en;
}

export function language() { return lang; }

/** The stored name in the current language: name_th / name_en of a record from the API. */
export function nameOf(record) { return (lang === 'th' ? record.name_th : record.name_en) || record.name_th || record.name_en || ''; }

/**
 * Adds strings (e.g. of a mode in its own file) to the table. A key already there is refused: a mode that reused
 * 'target' once relabelled the district panel's hotspot row "Province target (rai)".
 */
export function addStrings(more) {
  const taken = Object.keys(more).filter((key) => key in strings);
  if (taken.length) throw new Error(`i18n keys already defined: ${taken.join(', ')}`);
  Object.assign(strings, more);
}

export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'th';
  localStorage.setItem('gis.lang', lang);
  document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

/** Calls fn now and on every language change (to redraw texts). */
export function onLanguage(fn) { listeners.push(fn); fn(lang); }

const thaiMonths = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const englishMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-03-15 -> "15 มี.ค. 2569" (Thai, Buddhist Era) or "15 Mar 2026 (BE 2569)". */
export function formatDay(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return lang === 'th' ? `${d} ${thaiMonths[m - 1]} ${y + 543}` : `${d} ${englishMonths[m - 1]} ${y}`;
}

/**
 * A period label as the API gives it (season:2569, fiscal:2569, FROM..TO, mean:3 (A..B)) in words: BE years and Thai
 * month names on the Thai page, never the command-line form.
 */
export function formatPeriod(label) {
  const mean = /^mean:(\d+) \((.+)\)$/.exec(label);
  if (mean) {
    // The mean's first and last period; each may itself be a FROM..TO range.
    const parts = mean[2].split('..');
    const half = parts.length / 2;
    const [first, last] = [parts.slice(0, half).join('..'), parts.slice(half).join('..')];
    return lang === 'th' ? `เฉลี่ย ${mean[1]} ช่วง (${formatPeriod(first)} ถึง ${formatPeriod(last)})`
      : `mean of ${mean[1]} (${formatPeriod(first)} to ${formatPeriod(last)})`;
  }
  const [kind, year] = label.split(':');
  if (kind === 'season') return lang === 'th' ? `ฤดูไฟป่า ${year}` : `Fire season BE ${year}`;
  if (kind === 'fiscal') return lang === 'th' ? `ปีงบประมาณ ${year}` : `Fiscal year BE ${year}`;
  if (kind === 'year') return lang === 'th' ? `ปี ${year}` : `Year BE ${year}`;
  const [from, to] = label.split('..');
  return to ? `${formatDay(from)} – ${formatDay(to)}` : label;
}

/** The period labels inside a sentence of the server (its notes name periods as the command line does), in words. */
export function formatPeriodsIn(text) {
  return text.replace(/\b(?:season|fiscal|year):\d{4}\b|\b\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d\b/g, formatPeriod);
}

/** An instant (ISO 8601) at Bangkok local time: "5 ธ.ค. 2569 11:45" (BE) on the Thai page, "2026-12-05 11:45" in English. */
export function formatDateTime(instant) {
  // sv-SE writes ISO order (2026-12-05 11:45:00); only the time zone is asked of the browser.
  const local = new Date(instant).toLocaleString('sv-SE', { timeZone: 'Asia/Bangkok', hour12: false });
  const [day, time] = local.split(' ');
  return lang === 'th' ? `${formatDay(day)} ${time.slice(0, 5)}` : `${day} ${time.slice(0, 5)}`;
}

/** Numbers with thousands separators, invariant of the browser's locale. */
export function formatNumber(value, decimals = 0) {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
