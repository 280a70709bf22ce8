// subscriptions-transport-ws, the legacy graphql-ws protocol's client (Apollo's old WebSocketLink is built on it),
// as an app would use it: reconnecting, and closing for good when the server refuses the connection. Prints what
// it was told as one JSON object when it is done; it ends only if nothing is left to retry.
import WebSocket from "ws";
import { SubscriptionClient } from "subscriptions-transport-ws";

const told = { connectionErrors: [], closes: [], errors: [], data: [] };

// The client hides the socket's close code; this records it.
class Observed extends WebSocket {
  constructor(...args) {
    super(...args);
    this.on("close", (code, reason) => told.closes.push({ code, reason: reason.toString() }));
  }
}

const client = new SubscriptionClient(
  process.env.URL,
  {
    reconnect: true,
    connectionParams: { Authorization: `Bearer ${process.env.TOKEN}` },
    connectionCallback: (error) => {
      if (error) {
        told.connectionErrors.push(error);
        client.close();
      }
    },
  },
  Observed,
);
client.onError((error) => told.errors.push(String(error?.message ?? error)));
client.request({ query: "subscription { unreadCountChanged }" }).subscribe({
  next: (result) => told.data.push(result),
  error: (error) => told.errors.push(String(error?.message ?? error)),
});
process.on("exit", () => process.stdout.write(`${JSON.stringify(told)}\n`));
