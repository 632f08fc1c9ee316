// Every string of the interface, Thai and English, in one table. t('key') gives the current language's text.

const strings = {
  title: { th: 'แผนที่ไฟป่าและพื้นที่สีเขียว', en: 'Fire hotspots and green area' },
  language: { th: 'English', en: 'ไทย' },
  layers: { th: 'ชั้นข้อมูล', en: 'Layers' },
  districts: { th: 'อำเภอ', en: 'Districts' },
  province: { th: 'ขอบเขตจังหวัด', en: 'Province outline' },
  loading: { th: 'กำลังโหลด…', en: 'Loading…' },
  error: { th: 'ผิดพลาด', en: 'Error' },
};

let lang = localStorage.getItem('gis.lang') === 'en' ? 'en' : 'th';
const listeners = [];

export function t(key) {
  const entry = strings[key];
  if (!entry) return key;
  return entry[lang] ?? entry.en;
}

export function language() { return lang; }

/** Adds strings (e.g. of a mode in its own file) to the table. */
export function addStrings(more) { Object.assign(strings, more); }

export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'th';
  localStorage.setItem('gis.lang', lang);
  document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

/** Calls fn now and on every language change (to redraw texts). */
export function onLanguage(fn) { listeners.push(fn); fn(lang); }
