// Formatting of wire values for people. Every function accepts whatever the hub delivered (JSON or MessagePack)
// and returns text; a missing or non-finite number becomes an em dash rather than "NaN".

const dash = '\u2014';
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

export function bytes(value) {
  if (!isNumber(value) || value < 0) {
    return dash;
  }
  let unit = 0;
  let scaled = value;
  while (scaled >= 1024 && unit < binaryUnits.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || scaled >= 100 ? 0 : 1;
  return `${scaled.toFixed(digits)} ${binaryUnits[unit]}`;
}

export function rate(bytesPerSecond) {
  return isNumber(bytesPerSecond) ? `${bytes(bytesPerSecond)}/s` : dash;
}

export function percent(value, digits = 1) {
  return isNumber(value) ? `${value.toFixed(digits)} %` : dash;
}

export function number(value, digits = 0) {
  return isNumber(value) ? value.toFixed(digits) : dash;
}

export function celsius(value) {
  return isNumber(value) ? `${value.toFixed(0)} \u00b0C` : dash;
}

export function watts(value) {
  return isNumber(value) ? `${value.toFixed(0)} W` : dash;
}

export function volts(value) {
  return isNumber(value) && value > 0 ? `${value.toFixed(1)} V` : dash;
}

// Seconds to "3d 4h 12m", "4h 12m", "12m 5s" or "5s": the two largest units are enough to read at a glance.
export function duration(seconds) {
  if (!isNumber(seconds) || seconds < 0) {
    return dash;
  }
  const parts = [
    ['d', Math.floor(seconds / 86400)],
    ['h', Math.floor((seconds % 86400) / 3600)],
    ['m', Math.floor((seconds % 3600) / 60)],
    ['s', Math.floor(seconds % 60)],
  ];
  const first = parts.findIndex(([, amount]) => amount > 0);
  if (first < 0) {
    return '0s';
  }
  return parts.slice(first, first + 2).map(([unit, amount]) => `${amount}${unit}`).join(' ');
}

export function speed(mbps) {
  if (!isNumber(mbps) || mbps < 0) {
    return 'unknown';
  }
  return mbps >= 1000 ? `${(mbps / 1000).toFixed(mbps % 1000 === 0 ? 0 : 1)} Gbit/s` : `${mbps} Mbit/s`;
}

// A timestamp arrives as RFC 3339 text over JSON and, depending on the server's MessagePack resolver, as a Date or a
// [Date, offsetMinutes] pair over MessagePack.
export function toDate(value) {
  if (value instanceof Date) {
    return value;
  }
  if (Array.isArray(value) && value[0] instanceof Date) {
    return value[0];
  }
  if (typeof value === 'string' || typeof value === 'number') {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  return null;
}

export function clock(value) {
  const date = toDate(value);
  return date ? date.toLocaleTimeString() : dash;
}

export function text(value) {
  return typeof value === 'string' && value.length > 0 ? value : dash;
}
