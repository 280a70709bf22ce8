import { createClient } from "graphql-ws";

const ADDED = `subscription Added($after: String) {
  notificationAdded(after: $after) { id cursor type title message priority actionUrl createdAt }
}`;

// Retry anything but a refused token (4403: get a new one first), a server that is down or restarting included.
// graphql-ws itself never retries 4400, 4401, 4406, 4409 or 4429.
export const shouldRetry = (errorOrClose) => errorOrClose?.code !== 4403;

// 1 s, 2 s, 4 s … 30 s, each cut by up to half at random, so that the clients of a restarted server spread out.
export const retryWait = (retries) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 30_000) * (1 - Math.random() / 2)));

export function watchNotifications({ url, getToken, cursor = null, onNotification, onStop = () => {} }) {
  let unsubscribe = () => {};
  let stopped = false;
  const stop = (reason) => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    client.dispose();
    onStop(reason); // a close event (4403: get a new token, then watch again), GraphQL errors, or nothing: yours
  };
  const client = createClient({
    url,
    connectionParams: async () => ({ Authorization: `Bearer ${await getToken()}` }),
    lazy: false, // one connection, which the client reopens itself after every close it retries
    retryAttempts: Infinity,
    shouldRetry,
    retryWait,
    onNonLazyError: stop,
    on: {
      // A new subscription on each connection, from the newest cursor: a subscription of graphql-ws's own would be
      // resent with its first variables, and `after` would then be out of date.
      connected: () => {
        unsubscribe();
        unsubscribe = client.subscribe(
          { query: ADDED, variables: { after: cursor } },
          {
            next: ({ data, errors }) => {
              if (errors) return stop(errors); // the server ends the subscription after an error
              cursor = data.notificationAdded.cursor;
              onNotification(data.notificationAdded);
            },
            error: stop,
            complete: () => {},
          },
        );
      },
    },
  });
  return () => stop();
}
