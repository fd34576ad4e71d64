// The dashboard: one hub connection feeds every tile; nothing is polled except one REST look at topics that have not
// sent a value yet, to tell "waiting" from "source unavailable".

import { AgentConnection } from './connection.js';
import { RollingChart, rateFormat } from './charts.js';
import { h, replace } from './dom.js';
import * as f from './format.js';
import { renderArray, renderGpus, renderSystem, renderUps } from './tiles.js';
import { renderContainers, renderDisks, renderNetwork, renderShares } from './tables.js';

const tokenKey = 'agent.token';
const protocolKey = 'agent.protocol';
const themeKey = 'agent.theme';

// Hub method → tile, group of its source, REST path of its snapshot (PROTOCOL.md §2, §4).
const topics = {
  SystemUpdate: { tile: 'system', group: 'system', rest: 'system' },
  ArrayStatusUpdate: { tile: 'array', group: 'array', rest: 'array' },
  DiskListUpdate: { tile: 'disks', group: 'array', rest: 'disks' },
  ShareListUpdate: { tile: 'shares', group: 'array', rest: 'shares' },
  UpsStatusUpdate: { tile: 'ups', group: 'ups', rest: 'ups' },
  GpuMetricsUpdate: { tile: 'gpu', group: 'gpu', rest: 'gpu' },
  NetworkListUpdate: { tile: 'network', group: 'network', rest: 'network' },
  ContainerListUpdate: { tile: 'containers', group: 'containers', rest: 'docker' },
};

const latest = new Map();
const sources = new Map();
const containerSort = { key: 'name', descending: false, onSort: sortBy };
const outcomes = new Map();
let connection = null;
let countdown = null;

const cpuChart = new RollingChart(document.getElementById('chart-cpu'), {
  series: [{ label: 'CPU %', color: '--accent' }],
  format: (value) => `${value.toFixed(0)} %`,
  minTop: 100,
});
const networkChart = new RollingChart(document.getElementById('chart-network'), {
  series: [{ label: 'receive', color: '--accent' }, { label: 'send', color: '--accent-2' }],
  format: rateFormat,
  minTop: 1024,
});

function tileBody(name) {
  return document.querySelector(`#tile-${name} .body`);
}

function onMessage(method, payload) {
  if (method === 'SourceStatusChanged') {
    sources.set(payload.subsystem, payload);
    refreshSourceBadges();
    return;
  }
  const topic = topics[method];
  if (!topic) {
    return;
  }
  latest.set(method, payload);
  render(method, payload);
  document.getElementById(`tile-${topic.tile}`).dataset.filled = 'true';
  refreshSourceBadges();
}

function render(method, payload) {
  const now = Date.now() / 1000;
  switch (method) {
    case 'SystemUpdate':
      renderSystem(tileBody('system'), payload);
      cpuChart.push(now, [payload.cpu_usage_percent]);
      break;
    case 'ArrayStatusUpdate':
      renderArray(tileBody('array'), payload);
      break;
    case 'DiskListUpdate':
      renderDisks(tileBody('disks'), payload);
      break;
    case 'ShareListUpdate':
      renderShares(tileBody('shares'), payload);
      break;
    case 'UpsStatusUpdate':
      renderUps(tileBody('ups'), payload);
      break;
    case 'GpuMetricsUpdate':
      renderGpus(tileBody('gpu'), payload);
      break;
    case 'NetworkListUpdate':
      renderNetwork(tileBody('network'), payload);
      networkChart.push(now, [sum(payload, 'rx_bytes_per_sec'), sum(payload, 'tx_bytes_per_sec')]);
      break;
    case 'ContainerListUpdate':
      renderContainers(tileBody('containers'), payload, containerSort, runAction, outcomes);
      break;
    default:
      break;
  }
}

function sum(items, key) {
  return items.reduce((total, item) => total + (f.isNumber(item[key]) ? item[key] : 0), 0);
}

function sortBy(key) {
  containerSort.descending = containerSort.key === key ? !containerSort.descending : false;
  containerSort.key = key;
  rerenderContainers();
}

function rerenderContainers() {
  if (latest.has('ContainerListUpdate')) {
    render('ContainerListUpdate', latest.get('ContainerListUpdate'));
  }
}

async function runAction(container, action) {
  if ((action === 'stop' || action === 'restart') && !window.confirm(`${action} container '${container.name}'?`)) {
    return;
  }
  outcomes.set(container.id, { text: `${action}\u2026`, tone: '' });
  rerenderContainers();
  try {
    const result = await connection.invoke('ContainerAction', container.id, action);
    outcomes.set(container.id, result.success
      ? { text: result.message || `${action}: done`, tone: 'good' }
      : { text: result.error || `${action} failed`, tone: 'bad' });
  } catch (error) {
    outcomes.set(container.id, { text: String(error?.message ?? error), tone: 'bad' });
  }
  rerenderContainers();
}

// A tile whose source is unavailable or disabled says so; without a value yet its body says why.
function refreshSourceBadges() {
  for (const [method, topic] of Object.entries(topics)) {
    const tile = document.getElementById(`tile-${topic.tile}`);
    const badge = tile.querySelector('.source');
    const source = sources.get(topic.group);
    const down = source && (source.state === 'unavailable' || source.state === 'disabled');
    tile.classList.toggle('unavailable', Boolean(down));
    badge.dataset.state = source?.state ?? '';
    badge.textContent = down ? `source ${source.state}` : (source?.state === 'degraded' ? 'degraded' : '');
    badge.title = source?.reason ?? '';
    if (down && !latest.has(method)) {
      replace(tileBody(topic.tile), h('p', { class: 'sub unavailable-text', 'data-k': 'unavailable' },
        `Source ${source.state}${source.reason ? `: ${source.reason}` : '.'}`));
    }
  }
}

// Topics without a value after connecting: the REST snapshot answers 404 when the source is absent (§1).
async function probeMissingTopics() {
  for (const [method, topic] of Object.entries(topics)) {
    if (latest.has(method) || sources.has(topic.group)) {
      continue;
    }
    try {
      const response = await fetch(`/api/v1/${topic.rest}`, { headers: authHeaders() });
      if (response.status === 404 && !latest.has(method)) {
        const body = await response.json();
        sources.set(topic.group, { subsystem: topic.group, state: 'unavailable', reason: body.error ?? '' });
      }
    } catch {
      // The agent went away while probing; the connection loop reports that.
    }
  }
  refreshSourceBadges();
}

function authHeaders() {
  const token = sessionStorage.getItem(tokenKey);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function onState(status) {
  const pill = document.getElementById('conn');
  const banner = document.getElementById('banner');
  pill.dataset.state = status.state;
  document.body.classList.toggle('stale', status.state !== 'connected');
  clearInterval(countdown);
  const show = (message) => {
    banner.hidden = message === null;
    banner.dataset.state = status.state;
    banner.textContent = message ?? '';
  };
  const every = (format) => {
    const tick = () => show(format(Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000))));
    tick();
    countdown = setInterval(tick, 1000);
  };
  switch (status.state) {
    case 'connected':
      pill.textContent = `Live \u00b7 ${status.protocol === 'msgpack' ? 'MessagePack' : 'JSON'}`;
      show(status.warning ? `Connected, but subscribing failed: ${status.warning}` : null);
      probeMissingTopics();
      break;
    case 'refused':
      pill.textContent = 'Refused';
      every((s) => `The agent refused this page: maximum connections reached (max_clients=${status.maxClients}). `
        + `Close another dashboard or client, or raise MAX_CLIENTS. Trying again in ${s} s.`);
      break;
    case 'unauthorized':
      pill.textContent = 'Token needed';
      show('The agent needs an API token.');
      askForToken();
      break;
    case 'disconnected':
      pill.textContent = 'Offline';
      every((s) => `Lost the connection to the agent (${status.reason}). Reconnecting in ${s} s.`);
      break;
    default:
      pill.textContent = status.state === 'reconnecting' ? 'Reconnecting\u2026' : 'Connecting\u2026';
      break;
  }
}

function askForToken() {
  const dialog = document.getElementById('token-dialog');
  if (!dialog.open) {
    dialog.showModal();
  }
}

// The token is only asked for when the health route answers and a data route says 401 (the token issue).
async function needsToken() {
  try {
    const health = await fetch('/api/v1/health');
    if (!health.ok) {
      return false;
    }
    const probe = await fetch('/api/v1/system', { headers: authHeaders() });
    return probe.status === 401;
  } catch {
    return false;
  }
}

function chosenProtocol() {
  const fromUrl = new URLSearchParams(window.location.search).get('protocol');
  const value = fromUrl ?? localStorage.getItem(protocolKey) ?? 'json';
  return value === 'msgpack' ? 'msgpack' : 'json';
}

async function connect(protocol) {
  if (connection) {
    await connection.stop();
  }
  connection = new AgentConnection({ protocol, token: () => sessionStorage.getItem(tokenKey), onMessage, onState });
  connection.start();
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  document.getElementById('theme').textContent = `Theme: ${theme}`;
  cpuChart.restyle();
  networkChart.restyle();
}

function wireControls() {
  const protocol = document.getElementById('protocol');
  protocol.value = chosenProtocol();
  protocol.addEventListener('change', () => {
    localStorage.setItem(protocolKey, protocol.value);
    connect(protocol.value);
  });

  const themes = ['auto', 'light', 'dark'];
  document.getElementById('theme').addEventListener('click', () => {
    const next = themes[(themes.indexOf(document.documentElement.dataset.theme) + 1) % themes.length];
    localStorage.setItem(themeKey, next);
    applyTheme(next);
  });
  applyTheme(localStorage.getItem(themeKey) ?? 'auto');
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(document.documentElement.dataset.theme));

  document.getElementById('token-form').addEventListener('submit', () => {
    sessionStorage.setItem(tokenKey, document.getElementById('token').value.trim());
    connect(protocol.value);
  });
}

wireControls();
if (await needsToken()) {
  askForToken();
}
connect(chosenProtocol());
