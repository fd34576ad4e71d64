// Renderers of the object-shaped topics: each takes the tile's body element and the payload of PROTOCOL.md §5.

import { bar, field, h, level, replace } from './dom.js';
import * as f from './format.js';

export function renderSystem(body, s) {
  const cores = Object.entries(s.cpu_per_core_usage ?? {})
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
  replace(body,
    h('div', { class: 'fields' },
      field('Host', f.text(s.hostname), 'hostname'),
      field('Unraid', f.text(s.version), 'version'),
      field('Kernel', f.text(s.kernel_version), 'kernel_version'),
      field('Agent', f.text(s.agent_version), 'agent_version'),
      field('Uptime', f.duration(s.uptime_seconds), 'uptime_seconds'),
      field('Load', `${f.number(s.load_average_1m, 2)} / ${f.number(s.load_average_5m, 2)} / ${f.number(s.load_average_15m, 2)}`,
        'load_average')),
    h('div', { class: 'meter-row' },
      h('span', { class: 'label' }, 'CPU'),
      bar(s.cpu_usage_percent, 'cpu_bar', level(s.cpu_usage_percent)),
      h('span', { class: 'value', 'data-k': 'cpu_usage_percent' }, f.percent(s.cpu_usage_percent))),
    h('p', { class: 'sub', 'data-k': 'cpu_model' },
      `${f.text(s.cpu_model)} \u00b7 ${s.cpu_cores ?? 0} cores, ${s.cpu_threads ?? 0} threads \u00b7 ${f.number(s.cpu_mhz)} MHz`),
    h('div', { class: 'cores', 'data-k': 'cpu_per_core_usage' },
      cores.map(([name, value]) => h('div', { class: 'core', title: `${name}: ${f.percent(value)}` },
        h('span', { class: 'core-fill', style: `height:${Math.max(0, Math.min(100, value || 0)).toFixed(0)}%` }),
        h('span', { class: 'core-name' }, name.replace(/^cpu/, ''))))),
    memoryRow('Memory', s.ram_used_bytes, s.ram_total_bytes, s.ram_usage_percent, 'ram'),
    memoryRow('Swap', s.swap_used_bytes, s.swap_total_bytes, s.swap_usage_percent, 'swap'),
    readings(s));
}

function memoryRow(label, used, total, usage, key) {
  const detail = total > 0 ? `${f.bytes(used)} of ${f.bytes(total)}` : 'none';
  return h('div', { class: 'meter-row' },
    h('span', { class: 'label' }, label),
    bar(usage, `${key}_bar`, level(usage, 80, 95)),
    h('span', { class: 'value', 'data-k': `${key}_usage` }, total > 0 ? `${f.percent(usage)} \u00b7 ${detail}` : detail));
}

function readings(s) {
  const temperatures = s.temperatures ?? [];
  const fans = s.fans ?? [];
  if (temperatures.length === 0 && fans.length === 0) {
    return h('p', { class: 'sub', 'data-k': 'sensors' }, 'No temperature or fan sensors reported.');
  }
  return h('ul', { class: 'chips', 'data-k': 'sensors' },
    temperatures.map((t) => h('li', { class: `chip ${t.sensor_type ?? ''}` }, `${t.name}: ${f.celsius(t.value_celsius)}`)),
    fans.map((fan) => h('li', { class: 'chip fan' }, `${fan.name}: ${fan.rpm} rpm`)));
}

export function renderArray(body, a) {
  const checking = a.parity_check_status && a.parity_check_status.length > 0;
  replace(body,
    h('div', { class: 'fields' },
      field('State', f.text(a.state), 'state', stateClass(a.state)),
      field('Disks', `${a.num_disks ?? 0} (${a.num_data_disks ?? 0} data, ${a.num_parity_disks ?? 0} parity)`, 'num_disks'),
      field('Parity', a.parity_valid ? 'valid' : 'invalid', 'parity_valid', a.parity_valid ? 'good' : 'bad'),
      field('Sync errors', String(a.sync_errors ?? 0), 'sync_errors')),
    h('div', { class: 'meter-row' },
      h('span', { class: 'label' }, 'Used'),
      bar(a.used_percent, 'used_bar', level(a.used_percent, 85, 95)),
      h('span', { class: 'value', 'data-k': 'capacity' },
        `${f.percent(a.used_percent)} \u00b7 ${f.bytes(a.used_bytes)} of ${f.bytes(a.total_bytes)}`)),
    h('div', { class: 'meter-row' },
      h('span', { class: 'label' }, 'Parity check'),
      bar(checking ? a.parity_check_progress : 0, 'parity_bar'),
      h('span', { class: 'value', 'data-k': 'parity_check' },
        checking ? `${a.parity_check_status} ${f.percent(a.parity_check_progress)}` : 'not running')));
}

function stateClass(state) {
  const upper = String(state ?? '').toUpperCase();
  if (upper === 'STARTED') {
    return 'good';
  }
  return upper === 'STOPPED' ? 'bad' : '';
}

// NUT and apcupsd words for the states people care about; the raw status stays visible beside it.
function upsSummary(status) {
  const words = String(status ?? '').toUpperCase().split(/\s+/);
  if (words.includes('LB') || words.includes('LOWBATT')) {
    return ['on battery, low', 'bad'];
  }
  if (words.includes('OB') || words.includes('ONBATT')) {
    return ['on battery', 'bad'];
  }
  if (words.includes('OL') || words.includes('ONLINE')) {
    return ['on line power', 'good'];
  }
  return ['unknown', ''];
}

export function renderUps(body, u) {
  const [summary, tone] = u.connected ? upsSummary(u.status) : ['not connected', 'bad'];
  replace(body,
    h('div', { class: 'fields' },
      field('Status', `${summary} (${f.text(u.status)})`, 'status', tone),
      field('Runtime', f.duration(u.runtime_left_seconds), 'runtime_left_seconds'),
      field('Power', `${f.watts(u.power_watts)} of ${f.watts(u.nominal_power_watts)}`, 'power_watts'),
      field('Input / output', `${f.volts(u.input_voltage)} / ${f.volts(u.output_voltage)}`, 'voltages'),
      field('Battery', f.volts(u.battery_voltage), 'battery_voltage'),
      field('Model', `${f.text(u.model)} \u00b7 ${f.text(u.name)} via ${f.text(u.backend)}`, 'model')),
    h('div', { class: 'meter-row' },
      h('span', { class: 'label' }, 'Charge'),
      bar(u.battery_charge_percent, 'charge_bar', u.battery_charge_percent < 30 ? 'critical' : 'ok'),
      h('span', { class: 'value', 'data-k': 'battery_charge_percent' }, f.percent(u.battery_charge_percent, 0))),
    h('div', { class: 'meter-row' },
      h('span', { class: 'label' }, 'Load'),
      bar(u.load_percent, 'load_bar', level(u.load_percent, 70, 90)),
      h('span', { class: 'value', 'data-k': 'load_percent' }, f.percent(u.load_percent, 0))));
}

export function renderGpus(body, gpus) {
  if (gpus.length === 0) {
    replace(body, h('p', { class: 'sub' }, 'No GPU found.'));
    return;
  }
  replace(body, gpus.map((g) => h('div', { class: 'gpu', 'data-row': g.index },
    h('p', { class: 'gpu-name', 'data-k': 'name' },
      `#${g.index} ${f.text(g.name)} (${g.vendor}${g.available ? '' : ', unavailable'})`),
    h('div', { class: 'fields' },
      field('Temperature', f.celsius(g.temperature_celsius), 'temperature_celsius'),
      field('Power', f.watts(g.power_draw_watts), 'power_draw_watts'),
      field('Memory', `${f.bytes(g.memory_used_bytes)} of ${f.bytes(g.memory_total_bytes)}`, 'memory'),
      field('Fan', f.percent(g.fan_speed_percent, 0), 'fan_speed_percent'),
      field('Driver', f.text(g.driver_version), 'driver_version')),
    h('div', { class: 'meter-row' },
      h('span', { class: 'label' }, 'Load'),
      bar(g.utilization_gpu_percent, 'gpu_bar', level(g.utilization_gpu_percent)),
      h('span', { class: 'value', 'data-k': 'utilization_gpu_percent' }, f.percent(g.utilization_gpu_percent, 0))))));
}
