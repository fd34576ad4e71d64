// Renderers of the list-shaped topics as tables; rows carry data-row (the item's name or id) for the tests.

import { bar, h, level, replace } from './dom.js';
import * as f from './format.js';

function table(headers, rows, sort) {
  const head = h('tr', {}, headers.map(([label, key]) => {
    if (!sort || !key) {
      return h('th', {}, label);
    }
    const active = sort.key === key;
    return h('th', { 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
      h('button', { class: 'sort', type: 'button', 'data-sort': key, onclick: () => sort.onSort(key) },
        label, active ? (sort.descending ? ' \u25be' : ' \u25b4') : ''));
  }));
  return h('div', { class: 'table-wrap' }, labelCells(h('table', {}, h('thead', {}, head), h('tbody', {}, rows))));
}

function cell(value, key, extraClass = '') {
  return h('td', { 'data-k': key, class: extraClass || null }, value);
}

// On a phone the rows become cards (see dashboard.css); each cell then shows its column's name from data-label.
function labelCells(tableElement) {
  const labels = [...tableElement.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[\u25b4\u25be]/g, '').trim());
  for (const row of tableElement.querySelectorAll('tbody tr')) {
    [...row.children].forEach((td, index) => td.setAttribute('data-label', labels[index] ?? ''));
  }
  return tableElement;
}

function usageCell(percentValue, key) {
  return h('td', { 'data-k': key }, h('div', { class: 'usage' }, bar(percentValue, `${key}_bar`, level(percentValue, 85, 95)),
    h('span', {}, f.percent(percentValue, 0))));
}

// A spun-down disk reports 0 °C because emhttp does not read its sensor; show the spin state instead of a number.
export function diskTemperature(d) {
  if (d.spin_state === 'standby') {
    return 'spun down';
  }
  return d.temperature_celsius > 0 ? f.celsius(d.temperature_celsius) : '\u2014';
}

function diskTemperatureClass(d) {
  if (d.spin_state === 'standby' || !(d.temperature_celsius > 0)) {
    return '';
  }
  if (d.temp_critical_celsius && d.temperature_celsius >= d.temp_critical_celsius) {
    return 'bad';
  }
  return d.temp_warning_celsius && d.temperature_celsius >= d.temp_warning_celsius ? 'warn' : '';
}

export function renderDisks(body, disks) {
  const rows = disks.map((d) => h('tr', { 'data-row': d.name },
    cell(d.name, 'name', 'strong'),
    cell(d.device || '\u2014', 'device'),
    cell(d.role, 'role'),
    cell(d.status, 'status', d.status === 'DISK_OK' ? 'good' : 'bad'),
    cell(d.spin_state === 'standby' ? 'spun down' : d.spin_state, 'spin_state'),
    cell(diskTemperature(d), 'temperature_celsius', diskTemperatureClass(d)),
    cell(f.bytes(d.size_bytes), 'size_bytes'),
    d.size_bytes > 0 && d.used_bytes > 0 ? usageCell(d.usage_percent, 'usage_percent') : cell('\u2014', 'usage_percent')));
  replace(body, disks.length === 0 ? h('p', { class: 'sub' }, 'No disks.')
    : table([['Disk'], ['Device'], ['Role'], ['Status'], ['Spin'], ['Temp'], ['Size'], ['Used']], rows));
}

export function renderShares(body, shares) {
  const rows = shares.map((s) => h('tr', { 'data-row': s.name },
    h('td', { 'data-k': 'name' }, h('span', { class: 'strong' }, s.name), h('br'), h('span', { class: 'dim', 'data-k': 'storage' }, s.storage)),
    h('td', { 'data-k': 'usage' }, h('div', { class: 'usage' }, bar(s.usage_percent, 'usage_bar', level(s.usage_percent, 85, 95)),
      h('span', { 'data-k': 'usage_percent' }, f.percent(s.usage_percent, 0))),
    h('span', { class: 'dim', 'data-k': 'used_bytes' }, `${f.bytes(s.used_bytes)} of ${f.bytes(s.total_bytes)}`)),
    cell([s.smb_export ? 'SMB' : '', s.nfs_export ? 'NFS' : ''].filter(Boolean).join(', ') || 'none', 'exports')));
  replace(body, shares.length === 0 ? h('p', { class: 'sub' }, 'No shares.')
    : table([['Share'], ['Used'], ['Exports']], rows));
}

export function renderNetwork(body, interfaces) {
  const rows = interfaces.map((n) => h('tr', { 'data-row': n.name },
    cell(n.name, 'name', 'strong'),
    cell(n.state, 'state', n.state === 'up' ? 'good' : ''),
    cell(f.speed(n.speed_mbps), 'speed_mbps'),
    cell(n.ip_address || '\u2014', 'ip_address'),
    cell(f.rate(n.rx_bytes_per_sec), 'rx_bytes_per_sec'),
    cell(f.rate(n.tx_bytes_per_sec), 'tx_bytes_per_sec'),
    cell(`${f.bytes(n.bytes_received)} / ${f.bytes(n.bytes_sent)}`, 'totals')));
  replace(body, interfaces.length === 0 ? h('p', { class: 'sub' }, 'No interfaces.')
    : table([['Interface'], ['State'], ['Speed'], ['IPv4'], ['Receive'], ['Send'], ['Total in / out']], rows));
}

// Which actions apply to a container in each state (issue 13); stop and restart ask for confirmation first.
export function actionsFor(state) {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'pause'];
    case 'paused':
      return ['unpause', 'stop'];
    case 'restarting':
      return ['stop'];
    default:
      return ['start'];
  }
}

const containerSortKeys = {
  name: (c) => c.name.toLowerCase(),
  state: (c) => c.state,
  health: (c) => c.health,
  cpu_percent: (c) => c.cpu_percent,
  memory_usage_bytes: (c) => c.memory_usage_bytes,
};

export function sortContainers(containers, sort) {
  const select = containerSortKeys[sort.key] ?? containerSortKeys.name;
  const direction = sort.descending ? -1 : 1;
  return [...containers].sort((a, b) => {
    const left = select(a);
    const right = select(b);
    if (left < right) {
      return -direction;
    }
    return left > right ? direction : a.name.localeCompare(b.name);
  });
}

export function renderContainers(body, containers, sort, onAction, outcomes) {
  const rows = sortContainers(containers, sort).map((c) => h('tr', { 'data-row': c.name },
    cell(c.name, 'name', 'strong'),
    cell(c.image, 'image', 'dim'),
    cell(c.state, 'state', c.state === 'running' ? 'good' : (c.state === 'exited' || c.state === 'dead' ? 'bad' : 'warn')),
    cell(c.health, 'health', c.health === 'healthy' ? 'good' : (c.health === 'unhealthy' ? 'bad' : '')),
    cell(f.percent(c.cpu_percent), 'cpu_percent'),
    cell(c.memory_limit_bytes > 0 ? `${f.bytes(c.memory_usage_bytes)} (${f.percent(c.memory_percent, 0)})`
      : f.bytes(c.memory_usage_bytes), 'memory_usage_bytes'),
    cell(c.uptime || '\u2014', 'uptime'),
    h('td', { class: 'actions', 'data-k': 'actions' },
      actionsFor(c.state).map((action) => h('button', { type: 'button', class: `action ${action}`, 'data-action': action,
        onclick: () => onAction(c, action) }, action)),
      outcomes.get(c.id) ? h('span', { class: `outcome ${outcomes.get(c.id).tone}`, 'data-k': 'outcome' },
        outcomes.get(c.id).text) : null)));
  replace(body, containers.length === 0 ? h('p', { class: 'sub' }, 'No containers.')
    : table([['Name', 'name'], ['Image'], ['State', 'state'], ['Health', 'health'], ['CPU', 'cpu_percent'],
      ['Memory', 'memory_usage_bytes'], ['Up'], ['Actions']], rows, sort));
}
