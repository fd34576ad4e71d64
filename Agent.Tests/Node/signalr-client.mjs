// A real npm SignalR client for the xunit suite: connects to the hub, subscribes to one group, prints READY,
// then prints the payload of the first call of the awaited method as one JSON line and exits.
// Usage: node signalr-client.mjs <hub url> <json|msgpack> <group> <method>
import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

const [url, protocol, group, method] = process.argv.slice(2);
const builder = new signalR.HubConnectionBuilder()
  .withUrl(url, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .configureLogging(signalR.LogLevel.Warning);
if (protocol === 'msgpack') {
  builder.withHubProtocol(new MessagePackHubProtocol());
}

const connection = builder.build();
const timer = setTimeout(() => {
  console.error(`no ${method} within 20 s`);
  process.exit(2);
}, 20000);

let ready = false;
connection.on(method, async (payload) => {
  if (!ready) {
    return;
  }
  // Numbers of the MessagePack decoder may be BigInt for 64-bit values; print them as plain numbers.
  console.log(JSON.stringify(payload, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
  clearTimeout(timer);
  await connection.stop();
  process.exit(0);
});

try {
  await connection.start();
  await connection.invoke('Subscribe', [group]);
  ready = true;
  console.log('READY');
} catch (error) {
  console.error(`ERROR ${error.message}`);
  clearTimeout(timer);
  process.exit(1);
}
