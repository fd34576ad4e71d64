// Calls the hub's ContainerAction from the npm SignalR client and prints its answer as one JSON line.
// Usage: node container-action.mjs <hub url> <json|msgpack> <container id or name> <action>
import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

const [url, protocol, id, action] = process.argv.slice(2);
const builder = new signalR.HubConnectionBuilder()
  .withUrl(url, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .configureLogging(signalR.LogLevel.Warning);
if (protocol === 'msgpack') {
  builder.withHubProtocol(new MessagePackHubProtocol());
}

const connection = builder.build();
try {
  await connection.start();
  const result = await connection.invoke('ContainerAction', id, action);
  console.log(JSON.stringify(result));
  await connection.stop();
  process.exit(0);
} catch (error) {
  console.error(`ERROR ${error.message}`);
  process.exit(1);
}
