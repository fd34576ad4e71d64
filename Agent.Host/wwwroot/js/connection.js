// The dashboard's hub connection: one HubConnection that is started again after every failure or drop, with
// jittered exponential backoff that never gives up, and that subscribes to every group after each start.
// The client's own automatic reconnect is not used because it stops after its last delay and does not cover a
// failed first start; one loop handles both.

/* global signalR */

const hubPath = '/hubs/agent';
const capText = 'maximum connections reached';
const firstDelayMs = 500;
const maxDelayMs = 30000;
const capDelayMs = 5000;

export const groups = ['system', 'array', 'ups', 'gpu', 'network', 'containers'];

export const hubMethods = [
  'SystemUpdate', 'ArrayStatusUpdate', 'DiskListUpdate', 'ShareListUpdate', 'UpsStatusUpdate',
  'GpuMetricsUpdate', 'NetworkListUpdate', 'ContainerListUpdate', 'SourceStatusChanged',
];

// Full jitter: a random delay between half and all of the exponential step, so that many pages that lost the same
// agent do not all come back in the same instant.
export function backoffDelay(attempt, baseMs = firstDelayMs) {
  const step = Math.min(maxDelayMs, baseMs * 2 ** Math.min(attempt, 10));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

// The cap refusal names the cap as "max_clients=N" (PROTOCOL.md §6); returns N, or null for any other error.
export function capFromError(error) {
  const message = String(error?.message ?? error ?? '');
  if (!message.toLowerCase().includes(capText)) {
    return null;
  }
  const match = /max_clients\s*[=:]\s*(\d+)/i.exec(message);
  return match ? Number(match[1]) : 0;
}

export class AgentConnection {
  #protocol;
  #token;
  #onMessage;
  #onState;
  #connection = null;
  #attempt = 0;
  #timer = null;
  #stopped = false;
  #generation = 0;

  constructor({ protocol, token, onMessage, onState }) {
    this.#protocol = protocol;
    this.#token = token;
    this.#onMessage = onMessage;
    this.#onState = onState;
  }

  get protocol() {
    return this.#protocol;
  }

  start() {
    this.#stopped = false;
    this.#connect();
  }

  async stop() {
    this.#stopped = true;
    this.#generation += 1;
    clearTimeout(this.#timer);
    const connection = this.#connection;
    this.#connection = null;
    if (connection) {
      await connection.stop();
    }
  }

  invoke(method, ...args) {
    if (!this.#connection || this.#connection.state !== signalR.HubConnectionState.Connected) {
      return Promise.reject(new Error('not connected to the agent'));
    }
    return this.#connection.invoke(method, ...args);
  }

  #build() {
    const builder = new signalR.HubConnectionBuilder()
      .withUrl(hubPath, { accessTokenFactory: () => this.#token() ?? '' })
      .configureLogging(signalR.LogLevel.None);
    if (this.#protocol === 'msgpack') {
      builder.withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol());
    }
    const connection = builder.build();
    for (const method of hubMethods) {
      connection.on(method, (payload) => this.#onMessage(method, payload));
    }
    return connection;
  }

  async #connect() {
    const generation = ++this.#generation;
    const connection = this.#build();
    this.#connection = connection;
    let closedWith;
    connection.onclose((error) => {
      closedWith = error ?? null;
      if (generation === this.#generation && !this.#stopped) {
        this.#retry(error);
      }
    });
    this.#onState({ state: this.#attempt === 0 ? 'connecting' : 'reconnecting', attempt: this.#attempt });

    try {
      await connection.start();
    } catch (error) {
      if (generation === this.#generation && !this.#stopped) {
        this.#retry(error);
      }
      return;
    }

    // A refusal by the cap can arrive as a close right after the handshake; then onclose has already scheduled a retry.
    if (closedWith !== undefined || generation !== this.#generation) {
      return;
    }
    try {
      await connection.invoke('Subscribe', groups);
    } catch (error) {
      if (connection.state === signalR.HubConnectionState.Connected) {
        this.#onState({ state: 'connected', protocol: this.#protocol, warning: String(error?.message ?? error) });
      }
      return;
    }
    if (connection.state === signalR.HubConnectionState.Connected && generation === this.#generation) {
      this.#attempt = 0;
      this.#onState({ state: 'connected', protocol: this.#protocol });
    }
  }

  #retry(error) {
    clearTimeout(this.#timer);
    const cap = capFromError(error);
    const delay = cap === null ? backoffDelay(this.#attempt) : backoffDelay(0, capDelayMs);
    this.#attempt += 1;
    const retryAt = Date.now() + delay;
    if (cap !== null) {
      this.#onState({ state: 'refused', maxClients: cap, retryAt });
    } else if (error?.statusCode === 401) {
      this.#onState({ state: 'unauthorized', retryAt });
    } else {
      this.#onState({ state: 'disconnected', reason: String(error?.message ?? 'connection lost'), retryAt });
    }
    this.#timer = setTimeout(() => this.#connect(), delay);
  }
}
