// A tiny element builder: every value goes through textContent, so nothing from the wire is ever parsed as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

// A label and a value; data-k names the value for the browser tests and for people reading the DOM.
export function field(label, value, key, extraClass = '') {
  return h('div', { class: `field ${extraClass}`.trim() },
    h('span', { class: 'label' }, label),
    h('span', { class: 'value', 'data-k': key }, value));
}

export function bar(percentValue, key, level = '') {
  const clamped = Number.isFinite(percentValue) ? Math.max(0, Math.min(100, percentValue)) : 0;
  return h('div', { class: `bar ${level}`.trim(), role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': clamped.toFixed(0), 'data-k': key },
  h('span', { style: `width:${clamped.toFixed(1)}%` }));
}

export function level(percentValue, warn = 75, critical = 90) {
  if (!Number.isFinite(percentValue)) {
    return '';
  }
  if (percentValue >= critical) {
    return 'critical';
  }
  return percentValue >= warn ? 'warn' : 'ok';
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}
