// The admin's accounts page (ADR 0042): list, add, disable or enable, reset a password, set a role. The server does it
// with the same code as `gis users` and refuses what that refuses (the last admin cannot be disabled or demoted); the
// page shows its message. Offered to admins only; the server checks the role again.
import { el, fill } from './dom.js';
import { addStrings, t, formatDateTime } from './i18n.js';

addStrings({
  'users.open': { th: 'บัญชีผู้ใช้', en: 'Accounts' },
  'users.title': { th: 'บัญชีผู้ใช้ของสถานีงาน', en: 'Accounts of the workstation' },
  'users.name': { th: 'ชื่อบัญชี', en: 'Account' },
  'users.display': { th: 'ชื่อที่แสดง', en: 'Display name' },
  'users.role': { th: 'บทบาท', en: 'Role' },
  'users.state': { th: 'สถานะ', en: 'State' },
  'users.active': { th: 'ใช้งานได้', en: 'active' },
  'users.disabledState': { th: 'ระงับแล้ว', en: 'disabled' },
  'users.lockedUntil': { th: 'ล็อกถึง', en: 'locked until' },
  'users.disable': { th: 'ระงับ', en: 'Disable' },
  'users.enable': { th: 'เปิดใช้', en: 'Enable' },
  'users.newPassword': { th: 'รหัสผ่านใหม่', en: 'New password' },
  'users.setPassword': { th: 'ตั้งรหัสผ่าน', en: 'Set password' },
  'users.add': { th: 'เพิ่มบัญชี', en: 'Add account' },
  'users.password': { th: 'รหัสผ่าน (อย่างน้อย 10 ตัวอักษร)', en: 'Password (at least 10 characters)' },
  'users.done': { th: 'บันทึกแล้ว', en: 'Saved' },
});

const roles = ['viewer', 'officer', 'planner', 'admin'];

function roleSelect(value, attributes) {
  return el('select', attributes, roles.map((r) => el('option', { value: r, selected: r === value }, t(`role.${r}`))));
}

/** The accounts dialog: every change is sent at once and the list read again. */
export function openUsers(app) {
  const { api } = app;
  const message = el('p', { id: 'users-message', role: 'status' });
  const list = el('table', { id: 'users-list', class: 'users' });
  const say = (text, isError) => { fill(message, text); message.className = isError ? 'error' : 'ok'; };
  const path = (name, what) => `/api/users/${encodeURIComponent(name)}/${what}`;

  async function change(action) {
    fill(message, '');
    message.className = '';
    try {
      await action();
      say(t('users.done'), false);
    } catch (e) {
      say(e.message, true);
    }
    await load();
  }

  function row(a) {
    const password = el('input', { type: 'password', class: 'users-password', autocomplete: 'new-password', placeholder: t('users.newPassword') });
    const state = a.disabled ? t('users.disabledState')
      : a.locked_until && new Date(a.locked_until) > new Date() ? `${t('users.lockedUntil')} ${formatDateTime(a.locked_until)}` : t('users.active');
    return el('tr', { dataset: { name: a.name } },
      el('td', {}, a.name), el('td', {}, a.display_name),
      el('td', {}, roleSelect(a.role, { class: 'users-role', 'aria-label': t('users.role'),
        onchange: (e) => change(() => api.send(path(a.name, 'role'), { role: e.target.value }, { method: 'PUT' })) })),
      el('td', { class: 'users-state' }, state),
      el('td', {}, el('button', { type: 'button', class: 'users-disable',
        onclick: () => change(() => api.send(path(a.name, 'disabled'), { disabled: !a.disabled }, { method: 'PUT' })) },
      t(a.disabled ? 'users.enable' : 'users.disable'))),
      el('td', {}, password, ' ', el('button', { type: 'button', class: 'users-set-password',
        onclick: () => change(() => api.send(path(a.name, 'password'), { password: password.value }, { method: 'PUT' })) },
      t('users.setPassword'))));
  }

  async function load() {
    const accounts = await api.getJson('/api/users');
    fill(list, el('tr', {}, ['name', 'display', 'role', 'state'].map((k) => el('th', {}, t(`users.${k}`)))),
      accounts.map(row));
    list.dataset.loaded = String(Number(list.dataset.loaded ?? 0) + 1);
  }

  const name = el('input', { id: 'users-new-name', autocomplete: 'off', autocapitalize: 'none' });
  const display = el('input', { id: 'users-new-display' });
  const role = roleSelect('viewer', { id: 'users-new-role' });
  const password = el('input', { id: 'users-new-password', type: 'password', autocomplete: 'new-password' });
  const add = el('form', { id: 'users-add', onsubmit: (e) => {
    e.preventDefault();
    change(async () => {
      await api.send('/api/users', { name: name.value, display_name: display.value || null, role: role.value, password: password.value });
      for (const input of [name, display, password]) input.value = '';
    });
  } },
  el('h3', {}, t('users.add')),
  el('label', {}, t('users.name'), ' ', name), ' ',
  el('label', {}, t('users.display'), ' ', display), ' ',
  el('label', {}, t('users.role'), ' ', role), ' ',
  el('label', {}, t('users.password'), ' ', password), ' ',
  el('button', { type: 'submit', id: 'users-new-submit' }, t('users.add')));

  const dialog = el('dialog', { id: 'users', style: 'max-width: 980px' },
    el('h2', {}, t('users.title')), message, list, add,
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'users-close', onclick: () => { dialog.close(); dialog.remove(); } }, t('close'))));
  document.body.append(dialog);
  dialog.showModal();
  load().catch((e) => say(e.message, true));
}
