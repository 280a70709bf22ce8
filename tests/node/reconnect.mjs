// Two graphql-ws clients of notificationAdded through a server restart: the README's `watchNotifications`, and a
// subscription of graphql-ws's own with a fixed `after` (resent as is on reconnect). One JSON line per event.
import WebSocket from "ws";
import { createClient } from "graphql-ws";
import { retryWait, shouldRetry, watchNotifications } from "./watch-notifications.mjs";

globalThis.WebSocket ??= WebSocket; // Node 20 has none of its own; graphql-ws uses the global one, as in a browser

const { URL: url, TOKEN: token, AFTER: after, FIXED } = process.env;
const print = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
let tokensAsked = 0;

watchNotifications({
  url,
  getToken: async () => {
    tokensAsked += 1;
    return token;
  },
  cursor: after,
  onNotification: (notification) => print({ client: "watch", id: notification.id }),
  onStop: (reason) => print({ client: "watch", stopped: reason?.code ?? null, tokensAsked }),
});

if (FIXED) {
  const fixed = createClient({
    url,
    connectionParams: { Authorization: `Bearer ${token}` },
    retryAttempts: Infinity,
    shouldRetry,
    retryWait,
  });
  fixed.subscribe(
    { query: "subscription ($after: String) { notificationAdded(after: $after) { id } }", variables: { after } },
    {
      next: ({ data }) => print({ client: "fixed", id: data.notificationAdded.id }),
      error: (error) => print({ client: "fixed", error: String(error?.code ?? error) }),
      complete: () => {},
    },
  );
}
