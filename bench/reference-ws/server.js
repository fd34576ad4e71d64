'use strict';
// Reference raw WebSocket broadcast server on the `ws` package: the same envelope frames as the agent's /api/v1/ws,
// driven by the same schedule (GET /bench/run?topic=&rate=&seconds=). Listens on 127.0.0.1 only.
// Usage: node server.js <port> <frames-folder>; the folder holds system.json and disk.json, envelopes whose two
// timestamp placeholders ("@@TS@@") are replaced at each publication.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2] || 0);
const framesFolder = process.argv[3];
const templates = {
  system: fs.readFileSync(path.join(framesFolder, 'system.json'), 'utf8').split('@@TS@@'),
  disk: fs.readFileSync(path.join(framesFolder, 'disk.json'), 'utf8').split('@@TS@@'),
};
// A client whose socket holds more than this (about six disk frames) is skipped for the event, as the agent coalesces for a slow client;
// without a bound the saturation runs would grow the server's memory without limit.
const maxBufferedBytes = 128 * 1024;

// RFC 3339 UTC with microseconds, from the high-resolution clock.
function nowRfc3339() {
  const epochMs = performance.timeOrigin + performance.now();
  const whole = Math.floor(epochMs);
  const micros = Math.floor((epochMs - whole) * 1000);
  const iso = new Date(whole).toISOString();
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

function frameFor(topic) {
  return templates[topic].join(nowRfc3339());
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname !== '/bench/run') {
    res.writeHead(404).end();
    return;
  }
  const topic = url.searchParams.get('topic') === 'disk' ? 'disk' : 'system';
  const rate = Math.min(100000, Math.max(0.1, Number(url.searchParams.get('rate') || 10)));
  const seconds = Math.min(120, Math.max(0.1, Number(url.searchParams.get('seconds') || 1)));
  // The same schedule as the .NET servers (BenchSchedule): wake at most every millisecond and publish the events due.
  const periodMs = Math.max(1000 / rate, 1);
  const maxEventsPerTick = 1000;
  const started = performance.now();
  let published = 0;
  const publishOne = () => {
    const frame = frameFor(topic);
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN && client.bufferedAmount <= maxBufferedBytes) {
        client.send(frame);
      }
    }
    published++;
  };
  const tick = () => {
    const elapsedMs = performance.now() - started;
    if (elapsedMs >= seconds * 1000) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ published, allocatedBytes: -1 }));
      return;
    }
    const due = Math.min(Math.floor((elapsedMs / 1000) * rate) + 1, published + maxEventsPerTick);
    // A catch-up burst also ends when the run's time is up, as in BenchSchedule.
    while (published < due && performance.now() - started < seconds * 1000) {
      publishOne();
    }
    setTimeout(tick, periodMs);
  };
  tick();
});

const wss = new WebSocketServer({ server });
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${process.pid}\n`);
});
// The harness ends the server by closing its standard input.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
