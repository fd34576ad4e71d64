// Drives Debian's Chromium for the xunit dashboard tests. Reads one JSON command a line on stdin and answers each
// with one JSON line on stdout: {"seq":n,"ok":true,...} or {"seq":n,"ok":false,"error":"..."}.
// The C# side decides what to check; this script only knows how to look at the page.

import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const chromiumFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

let browser = null;
const pages = new Map();

function answer(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function launch({ executablePath }) {
  browser = await chromium.launch({ executablePath: executablePath ?? '/usr/bin/chromium', args: chromiumFlags });
  return { version: browser.version() };
}

async function open({ id, url, width, height, colorScheme }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: colorScheme ?? 'light' });
  const page = await context.newPage();
  const entry = { context, page, errors: [] };
  page.on('pageerror', (error) => entry.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      entry.errors.push(message.text());
    }
  });
  page.on('dialog', (dialog) => dialog.accept());
  pages.set(id, entry);
  await page.goto(url);
  return {};
}

function pageOf(id) {
  const entry = pages.get(id);
  if (!entry) {
    throw new Error(`no page '${id}'`);
  }
  return entry.page;
}

async function textOf(page, selector) {
  return page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
}

// Polls the element's text until it contains every wanted string; reports how long that took.
async function waitText({ id, selector, includes, timeoutMs }) {
  const page = pageOf(id);
  const started = Date.now();
  let text = null;
  while (Date.now() - started <= timeoutMs) {
    text = await textOf(page, selector);
    if (text !== null && includes.every((wanted) => text.includes(wanted))) {
      return { text, elapsedMs: Date.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`'${selector}' did not show ${JSON.stringify(includes)} within ${timeoutMs} ms; it shows ${JSON.stringify(text)}`);
}

async function text({ id, selector }) {
  return { text: await textOf(pageOf(id), selector) };
}

async function click({ id, selector }) {
  await pageOf(id).click(selector, { timeout: 5000 });
  return {};
}

async function screenshot({ id, path }) {
  await pageOf(id).screenshot({ path, fullPage: true });
  return { path };
}

async function evaluate({ id, expression }) {
  return { value: await pageOf(id).evaluate(expression) };
}

async function errors({ id }) {
  return { errors: pages.get(id)?.errors ?? [] };
}

async function close({ id }) {
  const entry = pages.get(id);
  pages.delete(id);
  await entry?.context.close();
  return {};
}

async function quit() {
  await browser?.close();
  browser = null;
  return {};
}

const commands = { launch, open, waitText, text, click, screenshot, evaluate, errors, close, quit };

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim().length === 0) {
    continue;
  }
  let request = { seq: -1 };
  try {
    request = JSON.parse(line);
    const handler = commands[request.command];
    if (!handler) {
      throw new Error(`unknown command '${request.command}'`);
    }
    answer({ seq: request.seq, ok: true, ...(await handler(request)) });
    if (request.command === 'quit') {
      break;
    }
  } catch (error) {
    answer({ seq: request.seq, ok: false, error: String(error?.message ?? error) });
  }
}
await browser?.close();
