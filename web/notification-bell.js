// Built by packages/element/build.mjs from packages/element and packages/client: do not edit.

// node_modules/graphql-ws/dist/common-CGW11Fyb.js
function extendedTypeof(val) {
  if (val === null) {
    return "null";
  }
  if (Array.isArray(val)) {
    return "array";
  }
  return typeof val;
}
function isObject(val) {
  return extendedTypeof(val) === "object";
}
function areGraphQLFormattedErrors(obj) {
  return Array.isArray(obj) && // must be at least one error
  obj.length > 0 && // error has at least a message
  obj.every((ob) => "message" in ob);
}
function limitCloseReason(reason, whenTooLong) {
  return reason.length < 124 ? reason : whenTooLong;
}
var GRAPHQL_TRANSPORT_WS_PROTOCOL = "graphql-transport-ws";
var CloseCode = /* @__PURE__ */ ((CloseCode2) => {
  CloseCode2[CloseCode2["InternalServerError"] = 4500] = "InternalServerError";
  CloseCode2[CloseCode2["InternalClientError"] = 4005] = "InternalClientError";
  CloseCode2[CloseCode2["BadRequest"] = 4400] = "BadRequest";
  CloseCode2[CloseCode2["BadResponse"] = 4004] = "BadResponse";
  CloseCode2[CloseCode2["Unauthorized"] = 4401] = "Unauthorized";
  CloseCode2[CloseCode2["Forbidden"] = 4403] = "Forbidden";
  CloseCode2[CloseCode2["SubprotocolNotAcceptable"] = 4406] = "SubprotocolNotAcceptable";
  CloseCode2[CloseCode2["ConnectionInitialisationTimeout"] = 4408] = "ConnectionInitialisationTimeout";
  CloseCode2[CloseCode2["ConnectionAcknowledgementTimeout"] = 4504] = "ConnectionAcknowledgementTimeout";
  CloseCode2[CloseCode2["SubscriberAlreadyExists"] = 4409] = "SubscriberAlreadyExists";
  CloseCode2[CloseCode2["TooManyInitialisationRequests"] = 4429] = "TooManyInitialisationRequests";
  return CloseCode2;
})(CloseCode || {});
var MessageType = /* @__PURE__ */ ((MessageType2) => {
  MessageType2["ConnectionInit"] = "connection_init";
  MessageType2["ConnectionAck"] = "connection_ack";
  MessageType2["Ping"] = "ping";
  MessageType2["Pong"] = "pong";
  MessageType2["Subscribe"] = "subscribe";
  MessageType2["Next"] = "next";
  MessageType2["Error"] = "error";
  MessageType2["Complete"] = "complete";
  return MessageType2;
})(MessageType || {});
function validateMessage(val) {
  if (!isObject(val)) {
    throw new Error(
      `Message is expected to be an object, but got ${extendedTypeof(val)}`
    );
  }
  if (!val.type) {
    throw new Error(`Message is missing the 'type' property`);
  }
  if (typeof val.type !== "string") {
    throw new Error(
      `Message is expects the 'type' property to be a string, but got ${extendedTypeof(
        val.type
      )}`
    );
  }
  switch (val.type) {
    case "connection_init":
    case "connection_ack":
    case "ping":
    case "pong": {
      if (val.payload != null && !isObject(val.payload)) {
        throw new Error(
          `"${val.type}" message expects the 'payload' property to be an object or nullish or missing, but got "${val.payload}"`
        );
      }
      break;
    }
    case "subscribe": {
      if (typeof val.id !== "string") {
        throw new Error(
          `"${val.type}" message expects the 'id' property to be a string, but got ${extendedTypeof(
            val.id
          )}`
        );
      }
      if (!val.id) {
        throw new Error(
          `"${val.type}" message requires a non-empty 'id' property`
        );
      }
      if (!isObject(val.payload)) {
        throw new Error(
          `"${val.type}" message expects the 'payload' property to be an object, but got ${extendedTypeof(
            val.payload
          )}`
        );
      }
      if (typeof val.payload.query !== "string") {
        throw new Error(
          `"${val.type}" message payload expects the 'query' property to be a string, but got ${extendedTypeof(
            val.payload.query
          )}`
        );
      }
      if (val.payload.variables != null && !isObject(val.payload.variables)) {
        throw new Error(
          `"${val.type}" message payload expects the 'variables' property to be a an object or nullish or missing, but got ${extendedTypeof(
            val.payload.variables
          )}`
        );
      }
      if (val.payload.operationName != null && extendedTypeof(val.payload.operationName) !== "string") {
        throw new Error(
          `"${val.type}" message payload expects the 'operationName' property to be a string or nullish or missing, but got ${extendedTypeof(
            val.payload.operationName
          )}`
        );
      }
      if (val.payload.extensions != null && !isObject(val.payload.extensions)) {
        throw new Error(
          `"${val.type}" message payload expects the 'extensions' property to be a an object or nullish or missing, but got ${extendedTypeof(
            val.payload.extensions
          )}`
        );
      }
      break;
    }
    case "next": {
      if (typeof val.id !== "string") {
        throw new Error(
          `"${val.type}" message expects the 'id' property to be a string, but got ${extendedTypeof(
            val.id
          )}`
        );
      }
      if (!val.id) {
        throw new Error(
          `"${val.type}" message requires a non-empty 'id' property`
        );
      }
      if (!isObject(val.payload)) {
        throw new Error(
          `"${val.type}" message expects the 'payload' property to be an object, but got ${extendedTypeof(
            val.payload
          )}`
        );
      }
      break;
    }
    case "error": {
      if (typeof val.id !== "string") {
        throw new Error(
          `"${val.type}" message expects the 'id' property to be a string, but got ${extendedTypeof(
            val.id
          )}`
        );
      }
      if (!val.id) {
        throw new Error(
          `"${val.type}" message requires a non-empty 'id' property`
        );
      }
      if (!areGraphQLFormattedErrors(val.payload)) {
        throw new Error(
          `"${val.type}" message expects the 'payload' property to be an array of GraphQL errors, but got ${JSON.stringify(
            val.payload
          )}`
        );
      }
      break;
    }
    case "complete": {
      if (typeof val.id !== "string") {
        throw new Error(
          `"${val.type}" message expects the 'id' property to be a string, but got ${extendedTypeof(
            val.id
          )}`
        );
      }
      if (!val.id) {
        throw new Error(
          `"${val.type}" message requires a non-empty 'id' property`
        );
      }
      break;
    }
    default:
      throw new Error(`Invalid message 'type' property "${val.type}"`);
  }
  return val;
}
function parseMessage(data, reviver) {
  return validateMessage(
    typeof data === "string" ? JSON.parse(data, reviver) : data
  );
}
function stringifyMessage(msg, replacer) {
  validateMessage(msg);
  return JSON.stringify(msg, replacer);
}

// node_modules/graphql-ws/dist/client.js
function createClient(options) {
  const {
    url,
    connectionParams,
    lazy = true,
    onNonLazyError = console.error,
    lazyCloseTimeout: lazyCloseTimeoutMs = 0,
    keepAlive = 0,
    disablePong,
    connectionAckWaitTimeout = 0,
    retryAttempts = 5,
    retryWait = async function randomisedExponentialBackoff(retries2) {
      const retryDelaySeconds = Math.pow(2, retries2);
      await new Promise(
        (resolve) => setTimeout(
          resolve,
          retryDelaySeconds * 1e3 + // add random timeout from 300ms to 3s
          Math.floor(Math.random() * (3e3 - 300) + 300)
        )
      );
    },
    shouldRetry = isLikeCloseEvent,
    on,
    webSocketImpl,
    /**
     * Generates a v4 UUID to be used as the ID using `Math`
     * as the random number generator. Supply your own generator
     * in case you need more uniqueness.
     *
     * Reference: https://gist.github.com/jed/982883
     */
    generateID = function generateUUID() {
      return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
        const r = Math.random() * 16 | 0, v = c == "x" ? r : r & 3 | 8;
        return v.toString(16);
      });
    },
    jsonMessageReplacer: replacer,
    jsonMessageReviver: reviver
  } = options;
  let ws;
  if (webSocketImpl) {
    if (!isWebSocket(webSocketImpl)) {
      throw new Error("Invalid WebSocket implementation provided");
    }
    ws = webSocketImpl;
  } else if (typeof WebSocket !== "undefined") {
    ws = WebSocket;
  } else if (typeof global !== "undefined") {
    ws = global.WebSocket || // @ts-expect-error: Support more browsers
    global.MozWebSocket;
  } else if (typeof window !== "undefined") {
    ws = window.WebSocket || // @ts-expect-error: Support more browsers
    window.MozWebSocket;
  }
  if (!ws)
    throw new Error(
      "WebSocket implementation missing; on Node you can `import WebSocket from 'ws';` and pass `webSocketImpl: WebSocket` to `createClient`"
    );
  const WebSocketImpl = ws;
  const emitter = (() => {
    const message = /* @__PURE__ */ (() => {
      const listeners2 = {};
      return {
        on(id, listener) {
          listeners2[id] = listener;
          return () => {
            delete listeners2[id];
          };
        },
        emit(message2) {
          if ("id" in message2) listeners2[message2.id]?.(message2);
        }
      };
    })();
    const listeners = {
      connecting: on?.connecting ? [on.connecting] : [],
      opened: on?.opened ? [on.opened] : [],
      connected: on?.connected ? [on.connected] : [],
      ping: on?.ping ? [on.ping] : [],
      pong: on?.pong ? [on.pong] : [],
      message: on?.message ? [message.emit, on.message] : [message.emit],
      closed: on?.closed ? [on.closed] : [],
      error: on?.error ? [on.error] : []
    };
    return {
      onMessage: message.on,
      on(event, listener) {
        const l = listeners[event];
        l.push(listener);
        return () => {
          const i = l.indexOf(listener);
          if (i > -1) {
            l.splice(i, 1);
          }
        };
      },
      emit(event, ...args) {
        for (const listener of [...listeners[event]]) {
          listener(...args);
        }
      }
    };
  })();
  function errorOrClosed(cb) {
    const listening = [
      // errors are fatal and more critical than close events, throw them first
      emitter.on("error", (err) => {
        listening.forEach((unlisten) => unlisten());
        cb(err);
      }),
      // closes can be graceful and not fatal, throw them second (if error didnt throw)
      emitter.on("closed", (event) => {
        listening.forEach((unlisten) => unlisten());
        cb(event);
      })
    ];
    return () => listening.forEach((unlisten) => unlisten());
  }
  let connecting, locks = 0, lazyCloseTimeout, retrying = false, retries = 0, disposed = false;
  async function connect() {
    clearTimeout(lazyCloseTimeout);
    const [socket, throwOnClose] = await (connecting ?? (connecting = new Promise(
      (connected, denied) => (async () => {
        if (retrying) {
          await retryWait(retries);
          if (!locks) {
            connecting = void 0;
            return denied({ code: 1e3, reason: "All Subscriptions Gone" });
          }
          retries++;
        }
        emitter.emit("connecting", retrying);
        const socket2 = new WebSocketImpl(
          typeof url === "function" ? await url() : url,
          GRAPHQL_TRANSPORT_WS_PROTOCOL
        );
        let connectionAckTimeout, queuedPing;
        function enqueuePing() {
          if (isFinite(keepAlive) && keepAlive > 0) {
            clearTimeout(queuedPing);
            queuedPing = setTimeout(() => {
              if (socket2.readyState === WebSocketImpl.OPEN) {
                socket2.send(stringifyMessage({ type: MessageType.Ping }));
                emitter.emit("ping", false, void 0);
              }
            }, keepAlive);
          }
        }
        errorOrClosed((errOrEvent) => {
          connecting = void 0;
          clearTimeout(connectionAckTimeout);
          clearTimeout(queuedPing);
          denied(errOrEvent);
          if (errOrEvent instanceof TerminatedCloseEvent) {
            socket2.close(4499, "Terminated");
            socket2.onerror = null;
            socket2.onclose = null;
          }
        });
        socket2.onerror = (err) => emitter.emit("error", err);
        socket2.onclose = (event) => emitter.emit("closed", event);
        socket2.onopen = async () => {
          try {
            emitter.emit("opened", socket2);
            const payload = typeof connectionParams === "function" ? await connectionParams() : connectionParams;
            if (socket2.readyState !== WebSocketImpl.OPEN) return;
            socket2.send(
              stringifyMessage(
                payload ? {
                  type: MessageType.ConnectionInit,
                  payload
                } : {
                  type: MessageType.ConnectionInit
                  // payload is completely absent if not provided
                },
                replacer
              )
            );
            if (isFinite(connectionAckWaitTimeout) && connectionAckWaitTimeout > 0) {
              connectionAckTimeout = setTimeout(() => {
                socket2.close(
                  CloseCode.ConnectionAcknowledgementTimeout,
                  "Connection acknowledgement timeout"
                );
              }, connectionAckWaitTimeout);
            }
            enqueuePing();
          } catch (err) {
            emitter.emit("error", err);
            socket2.close(
              CloseCode.InternalClientError,
              limitCloseReason(
                err instanceof Error ? err.message : String(err),
                "Internal client error"
              )
            );
          }
        };
        let acknowledged = false;
        socket2.onmessage = ({ data }) => {
          try {
            const message = parseMessage(data, reviver);
            emitter.emit("message", message);
            if (message.type === "ping" || message.type === "pong") {
              emitter.emit(message.type, true, message.payload);
              if (message.type === "pong") {
                enqueuePing();
              } else if (!disablePong) {
                socket2.send(
                  stringifyMessage(
                    message.payload ? {
                      type: MessageType.Pong,
                      payload: message.payload
                    } : {
                      type: MessageType.Pong
                      // payload is completely absent if not provided
                    },
                    replacer
                  )
                );
                emitter.emit("pong", false, message.payload);
              }
              return;
            }
            if (acknowledged) return;
            if (message.type !== MessageType.ConnectionAck)
              throw new Error(
                `First message cannot be of type ${message.type}`
              );
            clearTimeout(connectionAckTimeout);
            acknowledged = true;
            emitter.emit("connected", socket2, message.payload, retrying);
            retrying = false;
            retries = 0;
            const throwOnClose2 = new Promise(
              (_, reject) => errorOrClosed(reject)
            );
            throwOnClose2.catch(() => {
            });
            connected([socket2, throwOnClose2]);
          } catch (err) {
            socket2.onmessage = null;
            emitter.emit("error", err);
            socket2.close(
              CloseCode.BadResponse,
              limitCloseReason(
                err instanceof Error ? err.message : String(err),
                "Bad response"
              )
            );
          }
        };
      })()
    )));
    if (socket.readyState === WebSocketImpl.CLOSING) await throwOnClose;
    let release = () => {
    };
    const released = new Promise((resolve) => release = resolve);
    return [
      socket,
      release,
      // resolves on release or rejects on error/close, whichever comes first.
      // not racing with throwOnClose on purpose, it lives as long as the socket
      // and every race would leak memory per operation
      new Promise((resolve, reject) => {
        const unlisten = errorOrClosed(reject);
        if (socket.readyState !== WebSocketImpl.OPEN)
          throwOnClose.catch(reject);
        released.then(() => {
          unlisten();
          if (!locks) {
            const complete = () => socket.close(1e3, "Normal Closure");
            if (isFinite(lazyCloseTimeoutMs) && lazyCloseTimeoutMs > 0) {
              clearTimeout(lazyCloseTimeout);
              lazyCloseTimeout = setTimeout(() => {
                if (!locks && socket.readyState === WebSocketImpl.OPEN)
                  complete();
              }, lazyCloseTimeoutMs);
            } else {
              complete();
            }
          }
          resolve();
        });
      })
    ];
  }
  function shouldRetryConnectOrThrow(errOrCloseEvent) {
    if (isLikeCloseEvent(errOrCloseEvent) && (isFatalInternalCloseCode(errOrCloseEvent.code) || [
      CloseCode.InternalServerError,
      CloseCode.InternalClientError,
      CloseCode.BadRequest,
      CloseCode.BadResponse,
      CloseCode.Unauthorized,
      // CloseCode.Forbidden, might grant access out after retry
      CloseCode.SubprotocolNotAcceptable,
      // CloseCode.ConnectionInitialisationTimeout, might not time out after retry
      // CloseCode.ConnectionAcknowledgementTimeout, might not time out after retry
      CloseCode.SubscriberAlreadyExists,
      CloseCode.TooManyInitialisationRequests
      // 4499, // Terminated, probably because the socket froze, we want to retry
    ].includes(errOrCloseEvent.code)))
      throw errOrCloseEvent;
    if (disposed) return false;
    if (isLikeCloseEvent(errOrCloseEvent) && errOrCloseEvent.code === 1e3)
      return locks > 0;
    if (!retryAttempts || retries >= retryAttempts) throw errOrCloseEvent;
    if (!shouldRetry(errOrCloseEvent)) throw errOrCloseEvent;
    return retrying = true;
  }
  if (!lazy) {
    (async () => {
      locks++;
      for (; ; ) {
        try {
          const [, , throwOnClose] = await connect();
          await throwOnClose;
        } catch (errOrCloseEvent) {
          try {
            if (!shouldRetryConnectOrThrow(errOrCloseEvent)) return;
          } catch (errOrCloseEvent2) {
            return onNonLazyError?.(errOrCloseEvent2);
          }
        }
      }
    })();
  }
  function subscribe(payload, sink) {
    const id = generateID(payload);
    let done = false, errored = false, releaser = () => {
      locks--;
      done = true;
    };
    (async () => {
      locks++;
      for (; ; ) {
        try {
          const [socket, release, waitForReleaseOrThrowOnClose] = await connect();
          if (done) {
            waitForReleaseOrThrowOnClose.catch(() => {
            });
            return release();
          }
          const unlisten = emitter.onMessage(id, (message) => {
            switch (message.type) {
              case MessageType.Next: {
                sink.next(message.payload);
                return;
              }
              case MessageType.Error: {
                errored = true, done = true;
                sink.error(message.payload);
                releaser();
                return;
              }
              case MessageType.Complete: {
                done = true;
                releaser();
                return;
              }
            }
          });
          socket.send(
            stringifyMessage(
              {
                id,
                type: MessageType.Subscribe,
                payload
              },
              replacer
            )
          );
          releaser = () => {
            if (!done && socket.readyState === WebSocketImpl.OPEN)
              socket.send(
                stringifyMessage(
                  {
                    id,
                    type: MessageType.Complete
                  },
                  replacer
                )
              );
            locks--;
            done = true;
            release();
          };
          await waitForReleaseOrThrowOnClose.finally(unlisten);
          return;
        } catch (errOrCloseEvent) {
          if (!shouldRetryConnectOrThrow(errOrCloseEvent)) return;
        }
      }
    })().then(() => {
      if (!errored) sink.complete();
    }).catch((err) => {
      sink.error(err);
    });
    return () => {
      if (!done) releaser();
    };
  }
  return {
    on: emitter.on,
    subscribe,
    iterate(request) {
      const pending = [];
      const deferred = {
        done: false,
        error: null,
        resolve: () => {
        }
      };
      const dispose = subscribe(request, {
        next(val) {
          pending.push(val);
          deferred.resolve();
        },
        error(err) {
          deferred.done = true;
          deferred.error = err;
          deferred.resolve();
        },
        complete() {
          deferred.done = true;
          deferred.resolve();
        }
      });
      const iterator = (async function* iterator2() {
        for (; ; ) {
          if (!pending.length) {
            await new Promise((resolve) => deferred.resolve = resolve);
          }
          while (pending.length) {
            yield pending.shift();
          }
          if (deferred.error) {
            throw deferred.error;
          }
          if (deferred.done) {
            return;
          }
        }
      })();
      iterator.throw = async (err) => {
        if (!deferred.done) {
          deferred.done = true;
          deferred.error = err;
          deferred.resolve();
        }
        return { done: true, value: void 0 };
      };
      iterator.return = async () => {
        dispose();
        return { done: true, value: void 0 };
      };
      return iterator;
    },
    async dispose() {
      disposed = true;
      if (connecting) {
        const [socket] = await connecting;
        socket.close(1e3, "Normal Closure");
      }
    },
    terminate() {
      if (connecting) {
        emitter.emit("closed", new TerminatedCloseEvent());
      }
    }
  };
}
var TerminatedCloseEvent = class extends Error {
  name = "TerminatedCloseEvent";
  message = "4499: Terminated";
  code = 4499;
  reason = "Terminated";
  wasClean = false;
};
function isLikeCloseEvent(val) {
  return isObject(val) && "code" in val && "reason" in val;
}
function isFatalInternalCloseCode(code) {
  if ([
    1e3,
    // Normal Closure is not an erroneous close code
    1001,
    // Going Away
    1006,
    // Abnormal Closure
    1005,
    // No Status Received
    1012,
    // Service Restart
    1013,
    // Try Again Later
    1014
    // Bad Gateway
  ].includes(code))
    return false;
  return code >= 1e3 && code <= 1999;
}
function isWebSocket(val) {
  return typeof val === "function" && "constructor" in val && "CLOSED" in val && "CLOSING" in val && "CONNECTING" in val && "OPEN" in val;
}

// client/src/operations.generated.js
var InboxPage = "query InboxPage($first: Int!, $after: String, $filter: NotificationFilter, $grouped: Boolean! = false) { unreadCount counts(filters: [{seen: false}]) notifications(first: $first, after: $after, filter: $filter, grouped: $grouped) { edges { cursor node { id type title message priority isRead readAt isSeen seenAt isArchived snoozedUntil groupKey groupCount actionUrl actionText metadata createdAt expiresAt cursor } } pageInfo { hasNextPage endCursor } } }";
var MarkRead = "mutation MarkRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { updatedCount unreadCount notifications { id isRead readAt } } }";
var MarkUnread = "mutation MarkUnread($ids: [ID!]!) { markNotificationsUnread(ids: $ids) { updatedCount unreadCount notifications { id isRead readAt } } }";
var MarkSeen = "mutation MarkSeen($ids: [ID!]!) { markNotificationsSeen(ids: $ids) { updatedCount unreadCount notifications { id isSeen seenAt } } }";
var Archive = "mutation Archive($ids: [ID!]!) { archiveNotifications(ids: $ids) { updatedCount unreadCount notifications { id isArchived } } }";
var Unarchive = "mutation Unarchive($ids: [ID!]!) { unarchiveNotifications(ids: $ids) { updatedCount unreadCount notifications { id isArchived } } }";
var Snooze = "mutation Snooze($ids: [ID!]!, $until: DateTime!) { snoozeNotifications(ids: $ids, until: $until) { updatedCount unreadCount notifications { id snoozedUntil } } }";
var Delete = "mutation Delete($ids: [ID!]!) { deleteNotifications(ids: $ids) { updatedCount unreadCount } }";
var MarkReadByFilter = "mutation MarkReadByFilter($filter: NotificationFilter!) { markNotificationsRead(filter: $filter) { updatedCount unreadCount } }";
var ArchiveByFilter = "mutation ArchiveByFilter($filter: NotificationFilter!) { archiveNotifications(filter: $filter) { updatedCount unreadCount } }";
var MarkSeenByFilter = "mutation MarkSeenByFilter($filter: NotificationFilter!) { markNotificationsSeen(filter: $filter) { updatedCount unreadCount } }";
var MarkAllRead = "mutation MarkAllRead { markAllNotificationsRead { updatedCount unreadCount } }";
var DeleteRead = "mutation DeleteRead { deleteReadNotifications { deletedCount } }";
var Preferences = "query Preferences { notificationPreferences { inApp { enabled minPriority } email { enabled minPriority } sms { enabled minPriority } typeOverrides { type inApp email sms } quietHours { start end } timeZone } }";
var UpdatePreferences = "mutation UpdatePreferences($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { inApp { enabled minPriority } email { enabled minPriority } sms { enabled minPriority } typeOverrides { type inApp email sms } quietHours { start end } timeZone } }";
var NotificationAdded = "subscription NotificationAdded($after: String) { notificationAdded(after: $after) { id type title message priority isRead readAt isSeen seenAt isArchived snoozedUntil groupKey groupCount actionUrl actionText metadata createdAt expiresAt cursor } }";
var UnreadCountChanged = "subscription UnreadCountChanged { unreadCountChanged }";
var UnseenCountChanged = "subscription UnseenCountChanged { countsChanged(filters: [{seen: false}]) }";

// client/src/tabs.js
function platformTabs() {
  return { locks: globalThis.navigator?.locks, BroadcastChannel: globalThis.BroadcastChannel };
}
function tabKey(endpoint, token) {
  let h1 = 3735928559, h2 = 1103547991;
  for (const char of `${endpoint}
${token}`) {
    const code = char.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507) ^ Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507) ^ Math.imul(h1 ^ h1 >>> 13, 3266489909);
  return `notifications:${(h2 >>> 0).toString(36)}${(h1 >>> 0).toString(36)}`;
}
function joinTabs(key, platform, { onMessage, onLeader }) {
  const { locks, BroadcastChannel: Channel } = platform;
  if (!locks?.request || typeof Channel !== "function") return null;
  const channel = new Channel(key);
  const waiting = new AbortController();
  let release = () => {
  };
  let left = false;
  const link = {
    key,
    leader: false,
    post: (message) => {
      if (!left) channel.postMessage(message);
    },
    leave: () => {
      if (left) return;
      left = true;
      waiting.abort();
      release();
      channel.close();
    }
  };
  channel.onmessage = (event) => {
    if (!left) onMessage(event.data);
  };
  locks.request(key, { signal: waiting.signal }, async () => {
    await null;
    if (left) return void 0;
    const held = new Promise((resolve) => release = () => resolve(void 0));
    link.leader = true;
    onLeader();
    return held;
  }).catch(() => {
  });
  return link;
}

// client/src/store.js
var CLOSE_TOKEN_REFUSED = 4403;
var STATES = ["isRead", "readAt", "isSeen", "seenAt", "isArchived", "snoozedUntil"];
var MAX_BACKOFF_MS = 3e4;
var snoozeChoices = (now = /* @__PURE__ */ new Date()) => (
  /** @type {const} */
  [
    ["snoozeHour", new Date(now.getTime() + 36e5)],
    ["snoozeTomorrow", new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9)]
  ]
);
var backoff = (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1e3 * 2 ** retries, MAX_BACKOFF_MS) * (1 - Math.random() / 2)));
var RequestError = class extends Error {
  /** @param {string} message @param {string} code */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
};
function compareIds(a, b) {
  const x = BigInt(a), y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
var pick = (object, keys) => Object.fromEntries(keys.map((key) => [key, object[key]]));
function identity(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, "=")));
    return `${claims.tenant}/${claims.sub}`;
  } catch {
    return /* @__PURE__ */ Symbol("unreadable token");
  }
}
var EMPTY = Object.freeze({
  items: Object.freeze([]),
  unreadCount: 0,
  unseenCount: 0,
  filter: Object.freeze({ unread: false, type: null, archived: false, grouped: false }),
  connection: "idle",
  closeCode: null,
  loaded: false,
  hasMore: false,
  loadingMore: false,
  preferences: null,
  error: null,
  groups: Object.freeze({}),
  tab: "alone"
});
var NotificationStore = class {
  /** @type {InboxState} */
  #state = EMPTY;
  /** @type {Set<() => void>} */
  #listeners = /* @__PURE__ */ new Set();
  /** @type {Map<keyof StoreEvents, Set<(detail: any) => void>>} */
  #handlers = /* @__PURE__ */ new Map();
  /** @type {Map<string, Notification>} */
  #items = /* @__PURE__ */ new Map();
  /** @type {{ id: string, cursor: string } | null} the newest notification ever seen: `after` on every resubscribe */
  #newest = null;
  /** @type {string | null} where loadMore() continues */
  #endCursor = null;
  /** @type {string | null} */
  #token = null;
  /** @type {string | symbol | null} */
  #user = null;
  #session = 0;
  // bumped on every (re)connect and stop: callbacks of an older socket or request see it and bail out
  #attempt = 0;
  // consecutive failed first loads, for the backoff
  #marks = 0;
  // read-state changes made here: a page fetched across one is stale about read states
  /** @type {import("graphql-ws").Client | null} */
  #client = null;
  /** @type {Array<() => void>} */
  #subscriptions = [];
  /** @type {import("./tabs.js").TabLink | null} the tabs this one shares a socket with */
  #link = null;
  /** @type {Map<string, Notification>} the members of expanded groups, by id */
  #members = /* @__PURE__ */ new Map();
  /** @type {Set<string>} the expanded groups' keys */
  #expanded = /* @__PURE__ */ new Set();
  #options;
  /** @param {StoreOptions} options */
  constructor(options) {
    const given = (
      /** @type {StoreOptions} */
      Object.fromEntries(Object.entries(options).filter(([, v]) => v !== void 0))
    );
    this.#options = {
      pageSize: 20,
      maxItems: 500,
      fetch: globalThis.fetch?.bind(globalThis),
      retryWait: backoff,
      shareConnection: true,
      tabs: platformTabs(),
      ...given
    };
    if (options.token) this.setToken(options.token);
  }
  // --- reading ---------------------------------------------------------------------------------------------
  /** The current state; the same object until something changes. */
  getSnapshot = () => this.#state;
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe = (listener) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };
  /**
   * @template {keyof StoreEvents} K
   * @param {K} type @param {(detail: StoreEvents[K]) => void} handler @returns {() => void} stops it
   */
  on(type, handler) {
    const handlers = this.#handlers.get(type) ?? /* @__PURE__ */ new Set();
    this.#handlers.set(type, handlers.add(handler));
    return () => void handlers.delete(handler);
  }
  get token() {
    return this.#token;
  }
  get endpoint() {
    const base = typeof location === "undefined" ? void 0 : location.href;
    return new URL(this.#options.endpoint, base).href;
  }
  // --- connection ------------------------------------------------------------------------------------------
  /** Sets the user's token and connects. The same user's refreshed token resumes where it was; another user's
   *  clears everything; null disconnects. The token just refused, again, changes nothing (it would loop). */
  setToken(token) {
    if (token === this.#token && this.#state.connection === "expired") return;
    const user = token ? identity(token) : null;
    if (user !== this.#user) this.#forget();
    this.#token = token || null;
    this.#user = user;
    this.#attempt = 0;
    void this.#connect();
  }
  /** Another server means other ids and cursors: start over. */
  setEndpoint(endpoint) {
    if (endpoint === this.#options.endpoint) return;
    this.#options.endpoint = endpoint;
    this.#forget();
    if (this.#token) this.reconnectNow();
  }
  /** Whether this tab shares its socket with the others of the same endpoint and token (where the browser can). */
  setShareConnection(share) {
    if (share === this.#options.shareConnection) return;
    this.#options.shareConnection = share;
    if (!this.#token) return;
    this.#leaveTabs();
    this.reconnectNow();
  }
  /** Drops the connection and connects again at once (after the network changed, say). */
  reconnectNow() {
    this.#attempt = 0;
    if (this.#link && !this.#link.leader && this.#state.loaded) return this.#link.post({ type: "reconnect" });
    void this.#connect();
  }
  /** Closes the connection until reconnectNow() or a new token. */
  disconnect() {
    this.#stop();
    this.#leaveTabs();
    this.#setConnection(this.#token ? "offline" : "idle", null);
  }
  /** Closes everything for good. */
  dispose() {
    this.disconnect();
    this.#listeners.clear();
    this.#handlers.clear();
  }
  async #connect() {
    this.#stop();
    const session = this.#session;
    this.#joinTabs();
    if (!this.#token) return this.#setConnection("idle", null);
    const listed = this.#state.loaded;
    this.#setConnection(listed || this.#attempt > 0 ? "reconnecting" : "connecting", null);
    if (!listed) {
      try {
        await this.#loadFirstPage(session);
      } catch (error) {
        if (session !== this.#session) return;
        if (
          /** @type {RequestError} */
          error.code === "UNAUTHENTICATED"
        ) return this.#expire(null);
        const { message, code } = (
          /** @type {RequestError} */
          error
        );
        this.#update({ error: { message: message || "Something went wrong.", code: code ?? "ERROR" } });
        this.#retryAfterBackoff();
        return;
      }
      if (session !== this.#session) return;
    }
    if (this.#link && !this.#link.leader) {
      this.#link.post({ type: "hello" });
      if (listed) await this.refresh();
      return;
    }
    this.#openSocket(session);
  }
  // --- tabs ------------------------------------------------------------------------------------------------
  /** Shares the socket with the other tabs of this endpoint and token, where it can and may; a new token or
   *  endpoint means another group of tabs. */
  #joinTabs() {
    const key = this.#options.shareConnection && this.#token ? tabKey(this.endpoint, this.#token) : null;
    if (this.#link && this.#link.key === key) return;
    this.#leaveTabs();
    if (!key) return;
    const link = joinTabs(
      key,
      /** @type {import("./tabs.js").TabPlatform} */
      this.#options.tabs,
      {
        onMessage: (message) => this.#link === link && this.#onTabMessage(message),
        onLeader: () => this.#link === link && this.#lead()
      }
    );
    this.#link = link;
    this.#update({ tab: link ? "follower" : "alone" });
  }
  #leaveTabs() {
    this.#link?.leave();
    this.#link = null;
    if (this.#state.tab !== "alone") this.#update({ tab: "alone" });
  }
  /** This tab's turn: its socket resumes after the newest notification it holds, relayed or listed. */
  #lead() {
    this.#update({ tab: "leader" });
    if (!this.#state.loaded || this.#client || !this.#token || this.#state.connection === "expired") return;
    this.#attempt = 0;
    this.#setConnection("reconnecting", null);
    this.#openSocket(this.#session);
  }
  /** What another tab says: the leader's relays, or a follower's hello and requests. */
  #onTabMessage(message) {
    const link = (
      /** @type {import("./tabs.js").TabLink} */
      this.#link
    );
    if (link.leader) {
      if (message.type === "hello") {
        link.post({ type: "connection", state: this.#state.connection, code: this.#state.closeCode });
        if (this.#state.connection !== "live") return;
        link.post({ type: "unread", count: this.#state.unreadCount });
        link.post({ type: "unseen", count: this.#state.unseenCount });
      } else if (message.type === "reconnect" && this.#state.connection !== "live") this.reconnectNow();
      return;
    }
    if (message.type === "notification") this.#add(message.notification, true);
    else if (message.type === "unread") this.#update({ unreadCount: message.count });
    else if (message.type === "unseen") this.#update({ unseenCount: message.count });
    else if (message.type === "connection" && this.#state.loaded) {
      if (message.state === "expired") this.#expire(message.code);
      else this.#setConnection(message.state, message.code);
    }
  }
  /** Connects again after the backoff, unless something else (a new token, a stop) happened meanwhile. */
  #retryAfterBackoff() {
    const session = this.#session;
    void this.#options.retryWait(this.#attempt++).then(() => {
      if (session === this.#session) void this.#connect();
    });
  }
  #openSocket(session) {
    const url = new URL(this.endpoint);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const current = () => session === this.#session;
    const client = createClient({
      url: url.href,
      webSocketImpl: this.#options.webSocketImpl,
      connectionParams: () => ({ Authorization: `Bearer ${this.#token}` }),
      lazy: false,
      // one connection, which graphql-ws reopens after every close it retries
      retryAttempts: Infinity,
      shouldRetry: (closeOrError) => (
        /** @type {CloseEvent} */
        closeOrError?.code !== CLOSE_TOKEN_REFUSED
      ),
      retryWait: (retries) => this.#options.retryWait(retries),
      onNonLazyError: (error) => {
        if (!current()) return;
        const code = (
          /** @type {CloseEvent} */
          error?.code
        );
        if (code === CLOSE_TOKEN_REFUSED) this.#expire(code);
        else this.#restart(typeof code === "number" ? code : null);
      },
      on: {
        connected: () => {
          if (!current()) return;
          this.#attempt = 0;
          this.#setConnection("live", null);
          this.#resubscribe(client, session);
        },
        closed: (event) => {
          if (!current()) return;
          const code = (
            /** @type {CloseEvent} */
            event?.code ?? null
          );
          if (code !== CLOSE_TOKEN_REFUSED) this.#setConnection("reconnecting", code);
        }
      }
    });
    this.#client = client;
  }
  /** New subscriptions on each connection, from the newest cursor: graphql-ws would resend its own with their
   *  first variables, and `after` would then be out of date (a repeat of everything since, or a gap). */
  #resubscribe(client, session) {
    this.#unsubscribe();
    const current = () => session === this.#session;
    const after = this.#newest?.cursor ?? null;
    let recheck = after === null;
    const failed = (error) => current() && this.#restart(
      /** @type {CloseEvent} */
      error?.code ?? null
    );
    this.#subscriptions = [
      client.subscribe(
        { query: NotificationAdded, variables: { after } },
        {
          next: ({ data, errors }) => {
            if (!current()) return;
            if (errors?.length || !data) return failed(null);
            const { notificationAdded } = (
              /** @type {import("./operations.generated.js").NotificationAddedResult} */
              data
            );
            this.#add(notificationAdded, true);
            this.#link?.post({ type: "notification", notification: notificationAdded });
          },
          error: failed,
          complete: () => {
          }
        }
      ),
      client.subscribe(
        { query: UnreadCountChanged },
        {
          next: ({ data, errors }) => {
            if (!current()) return;
            if (errors?.length || !data) return failed(null);
            const count = (
              /** @type {import("./operations.generated.js").UnreadCountChangedResult} */
              data.unreadCountChanged
            );
            this.#update({ unreadCount: count });
            this.#link?.post({ type: "unread", count });
            if (recheck) {
              recheck = false;
              this.#loadFirstPage(session, true).catch(() => {
              });
            }
          },
          error: failed,
          complete: () => {
          }
        }
      ),
      client.subscribe(
        { query: UnseenCountChanged },
        {
          next: ({ data, errors }) => {
            if (!current()) return;
            if (errors?.length || !data) return failed(null);
            const count = (
              /** @type {import("./operations.generated.js").UnseenCountChangedResult} */
              data.countsChanged[0]
            );
            this.#update({ unseenCount: count });
            this.#link?.post({ type: "unseen", count });
          },
          error: failed,
          complete: () => {
          }
        }
      )
    ];
  }
  #unsubscribe() {
    for (const stop of this.#subscriptions.splice(0)) stop();
  }
  /** A stream that ended or failed (e.g. SERVICE_UNAVAILABLE while the database is down): start over, backing off. */
  #restart(code) {
    this.#stop();
    this.#setConnection("reconnecting", code);
    this.#retryAfterBackoff();
  }
  /** Closes the socket and cancels pending work; callbacks of the old session see the new number and do nothing. */
  #stop() {
    this.#session += 1;
    this.#unsubscribe();
    Promise.resolve(this.#client?.dispose()).catch(() => {
    });
    this.#client = null;
  }
  #expire(code) {
    this.#stop();
    this.#setConnection("expired", code);
    this.#leaveTabs();
    this.#emit("expired", { code });
  }
  /** Everything shown belongs to the previous user or server. */
  #forget() {
    this.#items.clear();
    this.#members.clear();
    this.#expanded.clear();
    this.#newest = null;
    this.#endCursor = null;
    const { filter, connection, closeCode, tab } = this.#state;
    this.#state = { ...EMPTY, filter, connection, closeCode, tab };
    this.#notify();
  }
  // --- requests --------------------------------------------------------------------------------------------
  /**
   * @template R, V
   * @param {import("./operations.generated.js").TypedDocument<R, V>} query
   * @param {V} variables
   * @returns {Promise<R>}
   */
  async request(query, variables, { keepalive = false } = {}) {
    const response = await this.#options.fetch(this.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.#token}` },
      body: JSON.stringify({ query, variables }),
      keepalive
      // a mark-read must survive the navigation to the notification's action URL
    });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
    }
    const error = body.errors?.[0];
    if (error) throw new RequestError(error.message, error.extensions?.code ?? "ERROR");
    if (!response.ok || !body.data) throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
    return body.data;
  }
  /** The variables of a page: the filter tab as the API's NotificationFilter. */
  #page(after) {
    const { unread, type, archived, grouped } = this.#state.filter;
    const filter = { status: unread ? (
      /** @type {const} */
      "UNREAD"
    ) : (
      /** @type {const} */
      "ALL"
    ), types: type ? [type] : null, archived };
    return { first: (
      /** @type {number} */
      this.#options.pageSize
    ), after, filter, grouped };
  }
  /** `afterEmpty`: listed again after a subscribe without a cursor, so whatever it lists first is new. */
  async #loadFirstPage(session = this.#session, afterEmpty = false) {
    const marks = this.#marks;
    const filter = this.#state.filter;
    const asked = this.#newest?.id;
    const data = await this.request(InboxPage, this.#page(null));
    if (session !== this.#session || filter !== this.#state.filter) return;
    const stale = marks !== this.#marks;
    const edges = data.notifications.edges;
    if (!stale && asked !== void 0) {
      const listed = new Set(edges.map(({ node }) => node.id));
      const floor = data.notifications.pageInfo.hasNextPage ? edges.at(-1)?.node.id : void 0;
      for (const { id } of this.#state.items) {
        if (listed.has(id) || compareIds(id, asked) > 0 || floor !== void 0 && compareIds(id, floor) <= 0) continue;
        this.#items.delete(id);
      }
    }
    const newest = this.#state.loaded ? this.#newest?.id ?? (afterEmpty ? "0" : void 0) : void 0;
    for (const { node } of [...edges].reverse()) {
      const known = this.#items.get(node.id);
      const arrived = newest !== void 0 && compareIds(node.id, newest) > 0;
      this.#add(stale && known ? { ...node, ...pick(known, STATES) } : node, false, arrived);
    }
    const patch = { loaded: true };
    const oldestHeld = this.#state.items.at(-1);
    const pageEnd = edges.at(-1)?.node;
    if (!this.#state.loaded || !oldestHeld || pageEnd && compareIds(pageEnd.id, oldestHeld.id) <= 0) {
      this.#endCursor = data.notifications.pageInfo.endCursor;
      patch.hasMore = data.notifications.pageInfo.hasNextPage;
    }
    if (!stale) Object.assign(patch, { unreadCount: data.unreadCount, unseenCount: data.counts[0] });
    this.#update(patch);
  }
  /** Adds or refreshes one notification; a live one seen for the first time is announced. `announce`: one that a
   *  refreshed page lists before its subscription delivers it has arrived too. */
  #add(notification, live, announce = live) {
    const known = this.#items.get(notification.id);
    const hidden = notification.isArchived || !!notification.snoozedUntil && Date.parse(notification.snoozedUntil) > Date.now();
    if (hidden) announce = false;
    if (live && !known && !hidden && this.#state.filter.grouped && notification.groupKey) {
      const entry = [...this.#items.values()].find((n) => n.groupKey === notification.groupKey && !n.isArchived);
      if (entry) this.#items.delete(entry.id);
      notification = { ...notification, groupCount: (entry?.groupCount ?? 1) + (entry ? 1 : 0) };
    }
    this.#items.set(notification.id, known ? { ...known, ...notification } : notification);
    if (live && notification.groupKey && this.#expanded.has(notification.groupKey)) {
      this.#members.set(notification.id, { ...notification, groupCount: null });
    }
    if (!this.#newest || compareIds(notification.id, this.#newest.id) > 0) {
      this.#newest = { id: notification.id, cursor: notification.cursor };
    }
    this.#update({});
    if (announce && !known) this.#emit("notification", notification);
  }
  /** Changes some notifications at once, so the view reacts to the click; `run` asks the server and returns the
   *  notifications as they are now and the new count. Undone if the server refuses. A new per-item action (seen,
   *  archive, snooze) is an operation in operations.graphql and a call of this. Resolves to whether it held. */
  async #change(ids, patch, run, { always = false } = {}) {
    const before = ids.flatMap((id) => this.#held(id) ? [
      /** @type {const} */
      [id, this.#items.get(id), this.#members.get(id)]
    ] : []);
    if (!before.length && !always) return true;
    this.#marks += 1;
    for (const [id] of before) this.#patch(id, patch);
    this.#update({ error: null });
    try {
      const result = await run();
      for (const changed of result.notifications ?? []) this.#patch(changed.id, changed);
      this.#update({ unreadCount: result.unreadCount });
      return true;
    } catch (error) {
      for (const [id, item, member] of before) {
        if (item) this.#items.set(id, item);
        if (member) this.#members.set(id, member);
      }
      this.#failed(error);
      return false;
    }
  }
  /** A notification listed or in an expanded group. */
  #held(id) {
    return this.#items.get(id) ?? this.#members.get(id);
  }
  /** Changes a notification wherever it is held: the list, an expanded group, or both (a group's newest). */
  #patch(id, patch) {
    for (const held of [this.#items, this.#members]) {
      const item = held.get(id);
      if (item) held.set(id, { ...item, ...patch });
    }
  }
  #failed(error) {
    const { message, code } = (
      /** @type {RequestError} */
      error
    );
    this.#update({ error: { message: message || "Something went wrong.", code: code ?? "ERROR" } });
    if (code === "UNAUTHENTICATED") this.#expire(null);
  }
  // --- actions ---------------------------------------------------------------------------------------------
  async markRead(ids) {
    const unread = ids.filter((id) => this.#held(id)?.isRead === false);
    const now = (/* @__PURE__ */ new Date()).toISOString();
    await this.#change(unread, { isRead: true, readAt: now, isSeen: true }, async () => (await this.request(MarkRead, { ids: unread }, { keepalive: true })).markNotificationsRead);
  }
  async markUnread(ids) {
    const read = ids.filter((id) => this.#held(id)?.isRead === true);
    await this.#change(read, { isRead: false, readAt: null }, async () => (await this.request(MarkUnread, { ids: read })).markNotificationsUnread);
  }
  /** What a bell does with what it shows when opened: the badge (unseenCount) falls, the unread count stays. */
  async markSeen(ids) {
    const unseen = ids.filter((id) => this.#held(id)?.isSeen === false);
    if (!unseen.length) return;
    const count = this.#state.unseenCount;
    this.#update({ unseenCount: Math.max(0, count - unseen.length) });
    const held = await this.#change(unseen, { isSeen: true, seenAt: (/* @__PURE__ */ new Date()).toISOString() }, async () => (await this.request(MarkSeen, { ids: unseen })).markNotificationsSeen);
    if (!held) this.#update({ unseenCount: count });
  }
  /** What a bell does when it opens or changes tab: what it shows is seen, and a grouped entry stands for its
   *  whole group (the server's countsChanged then brings the badge down for those not loaded). */
  async markShownSeen() {
    const { items } = this.#state;
    const { filter } = this.#page(null);
    const groups = new Set(items.flatMap((n) => n.groupKey && (n.groupCount ?? 0) > 1 ? [n.groupKey] : []));
    await Promise.all([
      this.markSeen(items.map((n) => n.id)),
      ...[...groups].map((groupKey) => this.request(MarkSeenByFilter, { filter: { ...filter, groupKey, seen: false } }).catch((error) => this.#failed(error)))
    ]);
  }
  /** Out of the list and the counts; listed again with the `archived` filter. */
  async archive(ids) {
    const chosen = ids.filter((id) => this.#held(id)?.isArchived === false);
    await this.#change(chosen, { isArchived: true }, async () => (await this.request(Archive, { ids: chosen })).archiveNotifications);
  }
  async unarchive(ids) {
    const chosen = ids.filter((id) => this.#held(id)?.isArchived === true);
    await this.#change(chosen, { isArchived: false }, async () => (await this.request(Unarchive, { ids: chosen })).unarchiveNotifications);
  }
  /** Hidden until `until`; the server then sends them again, unread, and the live stream brings them back. */
  async snooze(ids, until) {
    const chosen = ids.filter((id) => this.#held(id));
    const iso = new Date(until).toISOString();
    await this.#change(chosen, { snoozedUntil: iso }, async () => (await this.request(Snooze, { ids: chosen, until: iso })).snoozeNotifications);
  }
  /** Removes them for good, read or not. */
  async delete(ids) {
    const before = ids.flatMap((id) => this.#held(id) ? [
      /** @type {const} */
      [id, this.#items.get(id), this.#members.get(id)]
    ] : []);
    if (!before.length) return;
    this.#marks += 1;
    for (const [id] of before) {
      this.#items.delete(id);
      this.#members.delete(id);
    }
    this.#update({ error: null });
    try {
      const data = await this.request(Delete, { ids: before.map(([id]) => id) });
      this.#update({ unreadCount: data.deleteNotifications.unreadCount });
    } catch (error) {
      for (const [id, item, member] of before) {
        if (item) this.#items.set(id, item);
        if (member) this.#members.set(id, member);
      }
      this.#failed(error);
    }
  }
  /** Marks read everything the filter (the tab) selects, loaded here or not, with the API's filter form. */
  async markFilteredRead() {
    const { filter } = this.#page(null);
    const shown = this.#state.items.filter((n) => !n.isRead).map((n) => n.id);
    const held = await this.#change(shown, { isRead: true, readAt: (/* @__PURE__ */ new Date()).toISOString(), isSeen: true }, async () => (await this.request(MarkReadByFilter, { filter })).markNotificationsRead, { always: true });
    if (held && filter.status === "UNREAD") this.#update({ hasMore: false });
  }
  /** Archives everything the filter (the tab) selects, loaded here or not; not in the archived tab. */
  async archiveFiltered() {
    const { filter } = this.#page(null);
    if (filter.archived) return;
    const shown = this.#state.items.map((n) => n.id);
    const held = await this.#change(shown, { isArchived: true }, async () => (await this.request(ArchiveByFilter, { filter })).archiveNotifications, { always: true });
    if (held) this.#update({ hasMore: false });
  }
  /** Lists the members of a group (a grouped entry's `groupKey`), as the filter selects them, in `groups`. */
  async expandGroup(groupKey) {
    if (this.#expanded.has(groupKey)) return;
    this.#expanded.add(groupKey);
    this.#update({});
    const filter = this.#state.filter;
    try {
      const data = await this.request(InboxPage, {
        first: 100,
        after: null,
        filter: { ...this.#page(null).filter, groupKey },
        grouped: false
      });
      if (!this.#expanded.has(groupKey) || filter !== this.#state.filter) return;
      for (const { node } of data.notifications.edges) this.#members.set(node.id, node);
      this.#update({});
    } catch (error) {
      this.collapseGroup(groupKey);
      this.#failed(error);
    }
  }
  collapseGroup(groupKey) {
    if (!this.#expanded.delete(groupKey)) return;
    for (const [id, member] of this.#members) if (member.groupKey === groupKey) this.#members.delete(id);
    this.#update({});
  }
  /** Changes the filter tab (what is given; the rest stays) and lists again from the newest. */
  async setFilter(change) {
    const filter = Object.freeze({ ...this.#state.filter, ...change });
    const before = (
      /** @type {Record<string, unknown>} */
      this.#state.filter
    );
    if (Object.entries(filter).every(([key, value]) => before[key] === value)) return;
    this.#items.clear();
    this.#members.clear();
    this.#expanded.clear();
    this.#endCursor = null;
    this.#update({ filter, hasMore: false, error: null });
    await this.refresh();
  }
  async markAllRead() {
    const now = (/* @__PURE__ */ new Date()).toISOString();
    this.#marks += 1;
    for (const held of [this.#items, this.#members]) {
      for (const item of held.values()) if (!item.isRead) held.set(item.id, { ...item, isRead: true, readAt: now, isSeen: true });
    }
    this.#update({ error: null });
    try {
      const data = await this.request(MarkAllRead, {});
      this.#update({ unreadCount: data.markAllNotificationsRead.unreadCount });
    } catch (error) {
      this.#failed(error);
      await this.refresh();
    }
  }
  /** Removes every read notification, here and on the server, for good. */
  async deleteRead() {
    try {
      const data = await this.request(DeleteRead, {});
      for (const held of [this.#items, this.#members]) for (const item of [...held.values()]) if (item.isRead) held.delete(item.id);
      this.#update({ error: null });
      if (this.#items.size < this.#options.pageSize && this.#state.hasMore) await this.loadMore();
      return data.deleteReadNotifications.deletedCount;
    } catch (error) {
      this.#failed(error);
      return 0;
    }
  }
  /** The next page of older notifications, if any. */
  async loadMore() {
    if (!this.#state.hasMore || this.#state.loadingMore || !this.#token) return;
    const session = this.#session;
    this.#update({ loadingMore: true });
    try {
      const filter = this.#state.filter;
      const data = await this.request(InboxPage, this.#page(this.#endCursor));
      if (session !== this.#session || filter !== this.#state.filter) return this.#update({ loadingMore: false });
      for (const { node } of data.notifications.edges) if (!this.#items.has(node.id)) this.#add(node, false);
      this.#endCursor = data.notifications.pageInfo.endCursor ?? this.#endCursor;
      this.#update({ hasMore: data.notifications.pageInfo.hasNextPage, loadingMore: false });
    } catch (error) {
      this.#update({ loadingMore: false });
      this.#failed(error);
    }
  }
  /** Reads the first page again: read states change in other tabs, and the live stream only carries new
   *  notifications and counts. */
  async refresh() {
    if (!this.#token || !this.#state.loaded) return;
    try {
      await this.#loadFirstPage();
    } catch (error) {
      this.#failed(error);
    }
  }
  async loadPreferences() {
    try {
      this.#update({ preferences: (await this.request(Preferences, {})).notificationPreferences });
    } catch (error) {
      this.#failed(error);
    }
  }
  /** Changes what is given, keeps the rest; the store then holds the preferences as the server has them. */
  async updatePreferences(input) {
    try {
      const data = await this.request(UpdatePreferences, { input });
      this.#update({ preferences: data.updateNotificationPreferences, error: null });
    } catch (error) {
      this.#failed(error);
    }
  }
  clearError() {
    if (this.#state.error) this.#update({ error: null });
  }
  // --- state -----------------------------------------------------------------------------------------------
  #setConnection(connection, code) {
    if (connection === this.#state.connection) return;
    this.#update({ connection, closeCode: code });
    if (this.#link?.leader) this.#link.post({ type: "connection", state: connection, code });
    this.#emit("connection", { state: connection, code });
  }
  /** A new snapshot with `patch` and the items the filter shows as they are now (newest first, at most maxItems). */
  #update(patch) {
    const { unread, type, archived } = patch.filter ?? this.#state.filter;
    const now = Date.now();
    const items = [...this.#items.values()].sort((a, b) => compareIds(b.id, a.id));
    const kept = items.slice(0, this.#options.maxItems);
    if (kept.length < items.length) {
      for (const dropped of items.slice(kept.length)) this.#items.delete(dropped.id);
      this.#endCursor = kept[kept.length - 1].cursor;
      patch = { ...patch, hasMore: true };
    }
    const shows = (n) => !!n.isArchived === archived && !(unread && n.isRead) && (!type || n.type === type) && !(n.snoozedUntil && Date.parse(n.snoozedUntil) > now);
    const members = [...this.#members.values()].filter(shows).sort((a, b) => compareIds(b.id, a.id));
    const groups = Object.fromEntries([...this.#expanded].map((key) => [key, Object.freeze(members.filter((n) => n.groupKey === key))]));
    this.#state = Object.freeze({ ...this.#state, ...patch, items: Object.freeze(kept.filter(shows)), groups: Object.freeze(groups) });
    this.#notify();
  }
  #notify() {
    for (const listener of [...this.#listeners]) listener();
  }
  /** @template {keyof StoreEvents} K @param {K} type @param {StoreEvents[K]} detail */
  #emit(type, detail) {
    for (const handler of [...this.#handlers.get(type) ?? []]) handler(detail);
  }
};
var CHANNELS = (
  /** @type {const} */
  ["inApp", "email", "sms"]
);
function typeOverride(preferences, type, channel, enabled) {
  const others = preferences.typeOverrides.filter((o) => o.type !== type);
  const own = preferences.typeOverrides.find((o) => o.type === type) ?? { type, inApp: null, email: null, sms: null };
  return { typeOverrides: [...others, { ...own, [channel]: enabled }] };
}
function createNotificationStore(options) {
  return new NotificationStore(options);
}

// client/src/links.js
function safeActionUrl(url) {
  if (typeof url !== "string" || /[\s\x00-\x1f\\]/.test(url)) return null;
  if (/^https?:\/\/[^/]/i.test(url) || url.startsWith("/") && !url.startsWith("//")) {
    try {
      const parsed = new URL(url, typeof location === "undefined" ? "http://localhost/" : location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
    } catch {
      return null;
    }
  }
  return null;
}

// client/src/theme.js
function centerStyles(root, attribute) {
  const when = (condition) => root === ":host" ? `:host(${condition})` : `${root}${condition}`;
  return `
${root} { position: relative; display: inline-block; font: 14px/1.4 system-ui, sans-serif;
  --bell-accent: #0550ae; --bell-urgent: #cf222e; --bell-muted: #57606a; --bell-bg: #fff; --bell-fg: #1f2328;
  --bell-border: #d0d7de; --bell-hover: #f6f8fa; --bell-badge-bg: #cf222e; --bell-badge-fg: #fff; }
@media (prefers-color-scheme: dark) { ${when(`:not([${attribute}="light"])`)} { --bell-accent: #4493f8; --bell-urgent: #ff7b72;
  --bell-muted: #9198a1; --bell-bg: #151b23; --bell-fg: #f0f6fc; --bell-border: #3d444d; --bell-hover: #212830;
  --bell-badge-bg: #da3633; } }
${when(`[${attribute}="dark"]`)} { --bell-accent: #4493f8; --bell-urgent: #ff7b72; --bell-muted: #9198a1; --bell-bg: #151b23;
  --bell-fg: #f0f6fc; --bell-border: #3d444d; --bell-hover: #212830; --bell-badge-bg: #da3633; }
${root} button { font: inherit; cursor: pointer; }
${root} .bell { position: relative; border: 0; background: none; padding: 6px; border-radius: 50%; color: inherit; }
${root} .bell:hover, ${root} .bell:focus-visible { background: rgba(127, 127, 127, 0.15); }
${root} .bell svg { display: block; width: 24px; height: 24px; }
${root} .badge { position: absolute; top: 0; right: 0; min-width: 18px; height: 18px; padding: 0 4px; box-sizing: border-box;
  border-radius: 9px; background: var(--bell-badge-bg); color: var(--bell-badge-fg); font-size: 11px; font-weight: 600;
  line-height: 18px; text-align: center; }
${root} [hidden] { display: none !important; }
${root} .live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
${root} .panel { position: absolute; right: 0; top: calc(100% + 6px); z-index: 1000; width: 384px; max-height: 480px;
  overflow: auto; background: var(--bell-bg); color: var(--bell-fg); border: 1px solid var(--bell-border);
  border-radius: 8px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.2); }
${root} .head { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--bell-border); }
${root} .head h2 { margin: 0; font-size: 15px; flex: 1; }
${root} .state { font-size: 12px; color: var(--bell-muted); }
${root} .mark-all, ${root} .more { border: 0; background: none; color: var(--bell-accent); padding: 0; font-size: 12px; }
${root} .more { display: block; width: 100%; padding: 8px; }
${root} .mark-all:disabled { color: var(--bell-muted); cursor: default; }
${root} h3 { margin: 0; padding: 6px 12px; font-size: 12px; text-transform: uppercase; color: var(--bell-muted);
  background: var(--bell-hover); }
${root} ul { list-style: none; margin: 0; padding: 0; }
${root} .item { display: block; width: 100%; box-sizing: border-box; padding: 8px 12px; border: 0;
  border-bottom: 1px solid var(--bell-border); background: none; text-align: left; color: inherit; text-decoration: none; }
${root} .item:hover, ${root} .item:focus-visible { background: var(--bell-hover); }
${root} .unread .item { border-left: 3px solid var(--bell-accent); }
${root} .title { display: block; font-weight: 600; }
${root} .message { display: block; overflow-wrap: anywhere; }
${root} .meta, ${root} .priority { display: block; font-size: 12px; color: var(--bell-muted); }
${root} .priority-normal .priority, ${root} .priority-low .priority { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip-path: inset(50%); }
${root} .action { color: var(--bell-accent); }
${root} .priority-low .title, ${root} .priority-low .message { color: var(--bell-muted); font-weight: normal; }
${root} .priority-high .title, ${root} .priority-high .priority { color: var(--bell-accent); }
${root} .priority-urgent .title, ${root} .priority-urgent .message, ${root} .priority-urgent .priority {
  color: var(--bell-urgent); font-weight: 700; }
${root} .empty, ${root} .error { padding: 16px 12px; color: var(--bell-muted); text-align: center; margin: 0; }
${root} .error { color: var(--bell-urgent); padding: 6px 12px; }
${root} .tabs { display: flex; flex-wrap: wrap; gap: 4px; padding: 6px 12px; border-bottom: 1px solid var(--bell-border); }
${root} .tabs button, ${root} .actions button { border: 1px solid var(--bell-border); border-radius: 12px; background: none;
  color: inherit; padding: 1px 8px; font-size: 12px; }
${root} .tabs button[aria-pressed="true"] { background: var(--bell-accent); border-color: var(--bell-accent); color: var(--bell-bg); }
${root} .actions { display: flex; gap: 4px; padding: 0 12px 6px; border-bottom: 1px solid var(--bell-border); }
${root} li:has(.actions) .item { border-bottom: 0; }
${root} .prefs { padding: 6px 12px; }
${root} .prefs table { width: 100%; border-collapse: collapse; margin-bottom: 8px; }
${root} .prefs th, ${root} .prefs td { text-align: left; padding: 3px 4px; font-size: 13px; }
${root} .prefs caption { text-align: left; font-weight: 600; padding: 4px 0; }
${root} .prefs-toggle { border: 0; background: none; color: var(--bell-accent); padding: 0; font-size: 12px; }
${root} .group { display: inline-block; font-size: 12px; color: var(--bell-muted); }
${root} .actions { flex-wrap: wrap; }
${root} .actions button { padding: 1px 6px; }
${root} .bulk { display: flex; gap: 12px; padding: 4px 12px; border-bottom: 1px solid var(--bell-border); }
${root} .bulk button { border: 0; background: none; color: var(--bell-accent); padding: 0; font-size: 12px; }
${root} .bulk button:disabled { color: var(--bell-muted); cursor: default; }
${root} .members { margin-left: 16px; border-left: 2px solid var(--bell-border); }
${root} .quiet { border: 0; padding: 0; margin: 0 0 8px; display: grid; grid-template-columns: auto 1fr; gap: 4px 8px;
  align-items: center; font-size: 13px; }
${root} .quiet legend { font-weight: 600; padding: 4px 0; }
${root} .quiet .note { grid-column: 1 / -1; margin: 0; font-size: 12px; color: var(--bell-muted); }
${root} .quiet select, ${root} .quiet input { font: inherit; }
${root} .quiet button[type="submit"] { grid-column: 2; justify-self: start; border: 1px solid var(--bell-accent);
  border-radius: 4px; background: var(--bell-accent); color: var(--bell-bg); padding: 2px 10px; }
`;
}

// client/src/messages.js
var catalogues = {
  en: {
    notifications: "Notifications",
    notificationsUnread: "Notifications, {count} unread",
    markAllRead: "Mark all read",
    markRead: "Mark read",
    markUnread: "Mark unread",
    deleteRead: "Delete read",
    unread: "Unread",
    read: "Read",
    all: "All",
    empty: "No notifications yet.",
    loadMore: "Load more",
    loading: "Loading\u2026",
    preferences: "Preferences",
    back: "Back",
    channel: "Channel",
    enabled: "On",
    minPriority: "Lowest priority",
    inApp: "In the app",
    email: "Email",
    sms: "Text message",
    priority_LOW: "Low priority",
    priority_NORMAL: "Normal priority",
    priority_HIGH: "High priority",
    priority_URGENT: "Urgent",
    level_LOW: "Low",
    level_NORMAL: "Normal",
    level_HIGH: "High",
    level_URGENT: "Urgent",
    state_idle: "Signed out",
    state_connecting: "Connecting\u2026",
    state_live: "Live",
    state_reconnecting: "Reconnecting\u2026",
    state_offline: "Offline",
    state_expired: "Session expired",
    justNow: "just now",
    announce: "New notification: {title}",
    error: "Something went wrong.",
    archive: "Archive",
    unarchive: "Unarchive",
    archived: "Archived",
    snoozeHour: "Snooze 1 h",
    snoozeTomorrow: "Snooze until tomorrow",
    filters: "Show",
    groupCount: "{count} in this group",
    actionsFor: "{action}: {title}",
    notificationsUnseen: "Notifications, {count} new",
    type: "Type",
    byType: "By type",
    delete: "Delete",
    markTabRead: "Mark all in this tab read",
    archiveTab: "Archive all in this tab",
    showGroup: "Show all {count}",
    hideGroup: "Hide the group",
    groupOf: "The group of {title}",
    quietHours: "Quiet hours",
    quietHoursNote: "Email and text messages wait until they end; the app and urgent ones do not.",
    quietHoursOn: "Quiet hours on",
    quietFrom: "From",
    quietUntil: "Until",
    timeZone: "Time zone",
    save: "Save"
  },
  fr: {
    notifications: "Notifications",
    notificationsUnread: "Notifications, {count} non lues",
    markAllRead: "Tout marquer comme lu",
    markRead: "Marquer comme lu",
    markUnread: "Marquer comme non lu",
    deleteRead: "Supprimer les lues",
    unread: "Non lues",
    read: "Lues",
    all: "Toutes",
    empty: "Aucune notification pour l\u2019instant.",
    loadMore: "Charger plus",
    loading: "Chargement\u2026",
    preferences: "Pr\xE9f\xE9rences",
    back: "Retour",
    channel: "Canal",
    enabled: "Activ\xE9",
    minPriority: "Priorit\xE9 minimale",
    inApp: "Dans l\u2019application",
    email: "E-mail",
    sms: "SMS",
    priority_LOW: "Priorit\xE9 basse",
    priority_NORMAL: "Priorit\xE9 normale",
    priority_HIGH: "Priorit\xE9 haute",
    priority_URGENT: "Urgent",
    level_LOW: "Basse",
    level_NORMAL: "Normale",
    level_HIGH: "Haute",
    level_URGENT: "Urgente",
    state_idle: "D\xE9connect\xE9",
    state_connecting: "Connexion\u2026",
    state_live: "En direct",
    state_reconnecting: "Reconnexion\u2026",
    state_offline: "Hors ligne",
    state_expired: "Session expir\xE9e",
    justNow: "\xE0 l\u2019instant",
    announce: "Nouvelle notification : {title}",
    error: "Une erreur est survenue.",
    archive: "Archiver",
    unarchive: "D\xE9sarchiver",
    archived: "Archiv\xE9es",
    snoozeHour: "Reporter d\u20191 h",
    snoozeTomorrow: "Reporter \xE0 demain",
    filters: "Afficher",
    groupCount: "{count} dans ce groupe",
    actionsFor: "{action} : {title}",
    notificationsUnseen: "Notifications, {count} nouvelles",
    type: "Type",
    byType: "Par type",
    delete: "Supprimer",
    markTabRead: "Tout marquer comme lu dans cet onglet",
    archiveTab: "Tout archiver dans cet onglet",
    showGroup: "Afficher les {count}",
    hideGroup: "Masquer le groupe",
    groupOf: "Le groupe de {title}",
    quietHours: "Heures calmes",
    quietHoursNote: "Les e-mails et SMS attendent leur fin ; l\u2019application et l\u2019urgent, non.",
    quietHoursOn: "Heures calmes activ\xE9es",
    quietFrom: "De",
    quietUntil: "\xC0",
    timeZone: "Fuseau horaire",
    save: "Enregistrer"
  }
};
function catalogueFor(locale) {
  const language = (
    /** @type {keyof typeof catalogues} */
    (locale ?? "en").toLowerCase().split("-")[0]
  );
  return catalogues[language] ?? catalogues.en;
}
function localise(locale) {
  const catalogue = catalogueFor(locale);
  const numbers = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return {
    /** @param {MessageKey} key @param {Record<string, string | number>} [values] */
    t(key, values = {}) {
      return catalogue[key].replace(/\{(\w+)\}/g, (_, name) => typeof values[name] === "number" ? numbers.format(
        /** @type {number} */
        values[name]
      ) : String(values[name] ?? ""));
    },
    /** The badge's text: the count, capped at 99+. */
    count(n) {
      return n > 99 ? `${numbers.format(99)}+` : numbers.format(n);
    },
    /** "5 minutes ago", or the date beyond a week. */
    when(iso, now = Date.now()) {
      const seconds = (Date.parse(iso) - now) / 1e3;
      if (!Number.isFinite(seconds)) return "";
      if (Math.abs(seconds) >= 7 * 86400) return dates.format(new Date(iso));
      for (
        const [unit, size] of
        /** @type {const} */
        [["day", 86400], ["hour", 3600], ["minute", 60]]
      ) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return catalogue.justNow;
    }
  };
}

// element/src/notification-bell.js
var BELL_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"
  stroke-linecap="round" stroke-linejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"/>
  <path d="M13.73 21a2 2 0 0 1-3.46 0"/></svg>`;
var TEMPLATE = `<style>${centerStyles(":host", "theme")}</style>
<button class="bell" part="button" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="panel">
  ${BELL_ICON}<span class="badge" part="badge" aria-hidden="true" hidden></span></button>
<div class="live" role="status" aria-live="polite"></div>
<div class="panel" id="panel" part="panel" role="dialog" tabindex="-1" hidden>
  <div class="head" part="header"><h2 id="heading"></h2><span class="state" part="state"></span>
    <button class="mark-all" part="mark-all" type="button"></button>
    <button class="prefs-toggle" part="preferences-button" type="button" aria-expanded="false" aria-controls="prefs"></button></div>
  <div class="tabs" part="tabs" role="group"></div>
  <div class="bulk" part="bulk"><button class="tab-read" type="button"></button><button class="tab-archive" type="button"></button></div>
  <div class="error" role="alert"></div>
  <div class="list" part="list"></div>
  <button class="more" part="more" type="button" hidden></button>
  <div class="prefs" id="prefs" part="preferences" hidden></div>
</div>`;
var NotificationBell = class extends HTMLElement {
  static observedAttributes = ["endpoint", "locale", "theme", "types", "grouped", "badge", "shared-connection"];
  store = createNotificationStore({ endpoint: "/graphql", shareConnection: this.getAttribute("shared-connection") !== "off" });
  #l10n = localise(void 0);
  #announced = "";
  #renderTimer = 0;
  #tickTimer = 0;
  /** @type {Record<string, HTMLElement>} */
  #dom;
  /** @type {Array<() => void>} */
  #off = [];
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = TEMPLATE;
    const q = (selector) => (
      /** @type {HTMLElement} */
      root.querySelector(selector)
    );
    this.#dom = {
      bell: q(".bell"),
      badge: q(".badge"),
      panel: q(".panel"),
      state: q(".state"),
      markAll: q(".mark-all"),
      error: q(".error"),
      list: q(".list"),
      more: q(".more"),
      heading: q("#heading"),
      live: q(".live"),
      tabs: q(".tabs"),
      prefs: q(".prefs"),
      prefsToggle: q(".prefs-toggle"),
      bulk: q(".bulk"),
      tabRead: q(".tab-read"),
      tabArchive: q(".tab-archive")
    };
    this.#dom.tabRead.addEventListener("click", () => {
      void this.store.markFilteredRead();
      this.#render();
      this.#focusItem(0);
    });
    this.#dom.tabArchive.addEventListener("click", () => {
      void this.store.archiveFiltered();
      this.#dom.panel.focus();
    });
    this.#dom.prefs.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#saveQuietHours(
        /** @type {HTMLFormElement} */
        event.target
      );
    });
    this.#dom.prefsToggle.addEventListener("click", () => {
      this.#dom.prefs.hidden = !this.#dom.prefs.hidden;
      if (!this.#dom.prefs.hidden && !this.store.getSnapshot().preferences) void this.store.loadPreferences();
      this.#render();
    });
    this.#dom.prefs.addEventListener("change", (event) => this.#onPreference(
      /** @type {HTMLInputElement} */
      event.target
    ));
    this.#dom.tabs.addEventListener("click", (event) => {
      const tab = (
        /** @type {HTMLElement} */
        event.target.closest("button")?.dataset.tab
      );
      if (tab === void 0) return;
      const [unread, archived] = [tab === ":unread", tab === ":archived"];
      void this.store.setFilter({ unread, archived, type: tab.startsWith(":") ? null : tab }).then(() => this.#markShownSeen());
    });
    this.#dom.panel.setAttribute("aria-labelledby", "heading");
    this.#dom.bell.addEventListener("click", () => this.#toggle());
    this.#dom.markAll.addEventListener("click", () => {
      void this.store.markAllRead();
      this.#focusItem(0);
    });
    this.#dom.more.addEventListener("click", () => void this.store.loadMore());
    this.#dom.panel.addEventListener("keydown", (event) => this.#onKey(event));
    this.#dom.list.addEventListener("scroll", () => this.#onScroll());
    this.#dom.panel.addEventListener("scroll", () => this.#onScroll());
    for (const type of ["click", "auxclick"]) {
      this.#dom.list.addEventListener(type, (event) => {
        const action = (
          /** @type {HTMLElement} */
          event.target.closest("[data-action]")
        );
        if (action instanceof HTMLElement) return type === "click" && this.#act(action);
        const item = (
          /** @type {HTMLElement | null} */
          /** @type {HTMLElement} */
          event.target.closest("[data-id]")
        );
        if (item?.dataset.id) void this.store.markRead([item.dataset.id]);
      });
    }
    this.#render();
  }
  // --- public API ------------------------------------------------------------------------------------------
  get endpoint() {
    return this.store.endpoint;
  }
  set endpoint(value) {
    this.setAttribute("endpoint", value);
  }
  get token() {
    return this.store.token;
  }
  set token(value) {
    this.#token = value || null;
    if (this.isConnected) this.store.setToken(this.#token);
  }
  #token = (
    /** @type {string | null} */
    null
  );
  /** @returns {ConnectionState} */
  get connectionState() {
    return this.store.getSnapshot().connection;
  }
  get unreadCount() {
    return this.store.getSnapshot().unreadCount;
  }
  /** @returns {Notification[]} newest first, copies */
  get notifications() {
    return this.store.getSnapshot().items.map((n) => ({ ...n }));
  }
  reconnectNow() {
    this.store.reconnectNow();
  }
  disconnect() {
    this.store.disconnect();
  }
  connectedCallback() {
    window.addEventListener("online", this.#onOnline);
    this.#off = [
      this.store.subscribe(() => this.#scheduleRender()),
      this.store.on("notification", (n) => {
        this.#announced = this.#l10n.t("announce", { title: n.title });
        this.dispatchEvent(new CustomEvent("notification", { bubbles: true, composed: true, detail: { ...n } }));
      }),
      this.store.on("expired", () => this.dispatchEvent(new CustomEvent("token-expired", { bubbles: true, composed: true }))),
      this.store.on("connection", ({ state, code }) => {
        this.setAttribute("state", state);
        const detail = code === null ? { state } : { state, code };
        this.dispatchEvent(new CustomEvent("connection-state", { bubbles: true, composed: true, detail }));
      })
    ];
    this.setAttribute("state", this.connectionState);
    if (this.#token !== this.store.token) this.store.setToken(this.#token);
    else if (this.connectionState === "offline") this.store.reconnectNow();
  }
  disconnectedCallback() {
    window.removeEventListener("online", this.#onOnline);
    if (!this.#dom.panel.hidden) this.#toggle(false);
    for (const off of this.#off.splice(0)) off();
    if (this.connectionState !== "expired") this.store.disconnect();
  }
  attributeChangedCallback(name, previous, value) {
    if (previous === value) return;
    if (name === "endpoint") this.store.setEndpoint(value || "/graphql");
    if (name === "locale") this.#l10n = localise(value ?? void 0);
    if (name === "grouped") void this.store.setFilter({ grouped: value !== null });
    if (name === "shared-connection") this.store.setShareConnection(value !== "off");
    this.#render();
  }
  // --- view ------------------------------------------------------------------------------------------------
  #onOnline = () => {
    if (this.connectionState === "reconnecting") this.store.reconnectNow();
  };
  #toggle(open = this.#dom.panel.hidden) {
    this.#dom.panel.hidden = !open;
    this.#dom.bell.setAttribute("aria-expanded", String(open));
    clearInterval(this.#tickTimer);
    if (open) {
      document.addEventListener("click", this.#onOutside, true);
      this.#tickTimer = window.setInterval(() => this.#render(), 6e4);
      this.store.clearError();
      const refreshed = this.connectionState === "live" ? this.store.refresh() : Promise.resolve();
      this.#render();
      this.#focusItem(0);
      void refreshed.then(() => this.#markShownSeen());
    } else {
      document.removeEventListener("click", this.#onOutside, true);
      this.#render();
    }
  }
  /** Seen on open: what the panel shows is marked seen (the "unseen" badge falls; the unread count stays). */
  #markShownSeen() {
    if (!this.#dom.panel.hidden) void this.store.markShownSeen();
  }
  /** An item's button: a group opens or closes (the focus stays), or the item leaves (archive, unarchive, snooze,
   *  delete) and the focus goes to the next one. */
  #act(button) {
    const { action = "", for: id = "", group = "" } = button.dataset;
    if (action === "expand" || action === "collapse") {
      if (action === "expand") void this.store.expandGroup(group);
      else this.store.collapseGroup(group);
      this.#render();
      return (
        /** @type {HTMLElement | null} */
        this.#dom.list.querySelector(`[data-group="${CSS.escape(group)}"]`)?.focus()
      );
    }
    const at = this.#items().findIndex((item) => item.dataset.id === id);
    const done = action === "archive" ? this.store.archive([id]) : action === "unarchive" ? this.store.unarchive([id]) : action === "delete" ? this.store.delete([id]) : this.store.snooze([id], new Date(Number(action)));
    this.#render();
    this.#focusItem(at);
    void done;
  }
  /** The quiet hours form: on or off, start and end, and the time zone they are in. */
  #saveQuietHours(form) {
    const field = (name) => (
      /** @type {HTMLInputElement} */
      form.elements.namedItem(name)
    );
    const enabled = field("enabled").checked;
    void this.store.updatePreferences({
      quietHours: enabled ? { enabled, start: field("start").value, end: field("end").value } : { enabled },
      timeZone: field("timeZone").value
    });
  }
  /** A switch or a priority of the preferences centre: the change goes to the server, the store holds the result. */
  #onPreference(input) {
    const preferences = this.store.getSnapshot().preferences;
    const channel = (
      /** @type {typeof CHANNELS[number]} */
      input.dataset.channel
    );
    if (!preferences || !channel) return;
    const { type } = input.dataset;
    void this.store.updatePreferences(type ? typeOverride(preferences, type, channel, input.checked) : { [channel]: input.type === "checkbox" ? { enabled: input.checked } : { minPriority: input.value } });
  }
  /** Channels (on, lowest priority), then channels by type for the types given, then the quiet hours. The panel
   * renders on every change of the store's state while it is open: the switches are built once per language and
   * list of types and then set in place, so that a render never replaces a switch under a key or a click. */
  #renderPreferences(preferences) {
    const { t } = this.#l10n;
    const { prefs } = this.#dom;
    const el = (tag, attributes = {}, ...children) => {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      node.append(...children);
      return node;
    };
    if (!preferences) {
      this.#switchesFor = this.#quiet = null;
      return prefs.replaceChildren(el("p", { class: "empty" }, t("loading")));
    }
    const types = (this.getAttribute("types") ?? "").split(",").map((x) => x.trim()).filter(Boolean);
    const active = (
      /** @type {HTMLElement | null} */
      this.shadowRoot?.activeElement ?? null
    );
    const shape = `${this.getAttribute("locale") ?? ""}|${types.join(",")}`;
    if (this.#switchesFor !== shape) {
      const checkbox = (label, data) => el("input", { type: "checkbox", "aria-label": label, ...data });
      const channels = el(
        "table",
        {},
        el("caption", {}, t("channel")),
        el("tr", {}, el("th", { scope: "col" }, t("channel")), el("th", { scope: "col" }, t("enabled")), el("th", { scope: "col" }, t("minPriority"))),
        ...CHANNELS.map((channel) => {
          const name = t(channel);
          const select = el("select", {
            "data-channel": channel,
            "data-key": `${channel}-min`,
            "aria-label": t("actionsFor", { action: name, title: t("minPriority") })
          }, ...["LOW", "NORMAL", "HIGH", "URGENT"].map((level) => el("option", { value: level }, t(
            /** @type {"level_LOW"} */
            `level_${level}`
          ))));
          return el(
            "tr",
            {},
            el("th", { scope: "row" }, name),
            el("td", {}, checkbox(t("actionsFor", { action: name, title: t("enabled") }), { "data-channel": channel, "data-key": `${channel}-on` })),
            el("td", {}, select)
          );
        })
      );
      const byType = el(
        "table",
        {},
        el("caption", {}, t("byType")),
        el("tr", {}, el("th", { scope: "col" }, t("type")), ...CHANNELS.map((channel) => el("th", { scope: "col" }, t(channel)))),
        ...types.map((type) => el("tr", {}, el("th", { scope: "row" }, type), ...CHANNELS.map((channel) => el(
          "td",
          {},
          checkbox(t("actionsFor", { action: type, title: t(channel) }), { "data-channel": channel, "data-type": type, "data-key": `${type}-${channel}` })
        ))))
      );
      const focused = active && prefs.contains(active) ? active.dataset.key : void 0;
      prefs.replaceChildren(channels, ...types.length ? [byType] : []);
      this.#switchesFor = shape;
      this.#quiet = null;
      if (focused) prefs.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
    }
    for (const node of prefs.querySelectorAll("[data-channel]")) {
      const input = (
        /** @type {HTMLInputElement | HTMLSelectElement} */
        node
      );
      const channel = (
        /** @type {typeof CHANNELS[number]} */
        input.dataset.channel
      );
      const { type } = input.dataset;
      if (input instanceof HTMLSelectElement) input.value = preferences[channel].minPriority;
      else input.checked = (type ? preferences.typeOverrides.find((o) => o.type === type)?.[channel] : null) ?? preferences[channel].enabled;
    }
    if (this.#quietFor !== preferences || !this.#quiet) {
      const inQuiet = active && this.#quiet?.contains(active) ? active.id : "";
      const quiet = this.#quietForm(preferences, el);
      if (this.#quiet) this.#quiet.replaceWith(quiet);
      else prefs.append(quiet);
      this.#quiet = quiet;
      if (inQuiet) quiet.querySelector(`#${inQuiet}`)?.focus();
    }
    this.#quietFor = preferences;
  }
  /** The language and types the switches were built for (`#renderPreferences`); null: not built. */
  #switchesFor = (
    /** @type {string | null} */
    null
  );
  /** @type {HTMLFormElement | null} */
  #quiet = null;
  /** @type {import("@notifications/client").Preferences | null} */
  #quietFor = null;
  #quietForm(preferences, el) {
    const { t } = this.#l10n;
    const input = (attributes, value) => {
      const node = (
        /** @type {HTMLInputElement} */
        el("input", attributes)
      );
      node.value = value;
      return node;
    };
    const enabled = (
      /** @type {HTMLInputElement} */
      el("input", { type: "checkbox", name: "enabled", id: "quiet-on" })
    );
    enabled.checked = !!preferences.quietHours;
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const zone = (
      /** @type {HTMLSelectElement} */
      el(
        "select",
        { name: "timeZone", id: "quiet-zone" },
        ...[.../* @__PURE__ */ new Set([preferences.timeZone, "UTC", ...zones])].map((name) => el("option", { value: name }, name))
      )
    );
    zone.value = preferences.timeZone;
    const fieldset = el(
      "fieldset",
      { class: "quiet" },
      el("legend", {}, t("quietHours")),
      el("p", { class: "note" }, t("quietHoursNote")),
      enabled,
      el("label", { for: "quiet-on" }, t("quietHoursOn")),
      el("label", { for: "quiet-start" }, t("quietFrom")),
      input({ type: "time", name: "start", id: "quiet-start" }, preferences.quietHours?.start ?? "22:00"),
      el("label", { for: "quiet-end" }, t("quietUntil")),
      input({ type: "time", name: "end", id: "quiet-end" }, preferences.quietHours?.end ?? "07:00"),
      el("label", { for: "quiet-zone" }, t("timeZone")),
      zone,
      el("button", { type: "submit", id: "quiet-save" }, t("save"))
    );
    return (
      /** @type {HTMLFormElement} */
      el("form", { part: "quiet-hours" }, fieldset)
    );
  }
  #close() {
    this.#toggle(false);
    this.#dom.bell.focus();
  }
  #onOutside = (event) => {
    if (!event.composedPath().includes(this)) this.#toggle(false);
  };
  #items() {
    return (
      /** @type {HTMLElement[]} */
      [...this.#dom.list.querySelectorAll("[data-id]")]
    );
  }
  /** Focus moves into the panel on open: the first item, or the panel itself when it is empty. */
  #focusItem(index) {
    const items = this.#items();
    (items[Math.max(0, Math.min(items.length - 1, index))] ?? this.#dom.panel).focus();
  }
  #onKey(event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      return this.#close();
    }
    const moves = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const items = this.#items();
    const at = items.indexOf(
      /** @type {HTMLElement} */
      this.shadowRoot?.activeElement
    );
    const step = moves[
      /** @type {keyof typeof moves} */
      event.key
    ];
    this.#focusItem(Number.isFinite(step) ? at + step : step > 0 ? items.length - 1 : 0);
  }
  /** Infinite scroll: the next page when the list is scrolled near its end. */
  #onScroll() {
    const { panel } = this.#dom;
    if (panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 40) void this.store.loadMore();
  }
  // A macrotask, not a microtask: rendering replaces the clicked link, and a link removed before the click's
  // default action runs would not be followed.
  #scheduleRender() {
    if (!this.#renderTimer) this.#renderTimer = window.setTimeout(() => this.#render(), 0);
  }
  #render() {
    clearTimeout(this.#renderTimer);
    this.#renderTimer = 0;
    const state = this.store.getSnapshot();
    const { t } = this.#l10n;
    const { badge, bell, markAll, more, list, heading, live, error, tabs } = this.#dom;
    const refocus = this.#focusedControl();
    const shownBefore = this.shadowRoot?.activeElement === more ? new Set(this.#items().map((item) => item.dataset.id)) : null;
    const unseen = this.getAttribute("badge") !== "unread";
    const count = unseen ? state.unseenCount : state.unreadCount;
    badge.hidden = count <= 0;
    badge.textContent = this.#l10n.count(count);
    const key = unseen ? "notificationsUnseen" : "notificationsUnread";
    bell.setAttribute("aria-label", count > 0 ? t(key, { count }) : t("notifications"));
    tabs.setAttribute("aria-label", t("filters"));
    const { unread, archived, type } = state.filter;
    const types = (this.getAttribute("types") ?? "").split(",").map((x) => x.trim()).filter(Boolean);
    const current = unread ? ":unread" : archived ? ":archived" : type ?? ":all";
    tabs.replaceChildren(...[[":all", t("all")], [":unread", t("unread")], ...types.map((x) => [x, x]), [":archived", t("archived")]].map(([tab, label]) => {
      const button = document.createElement("button");
      Object.assign(button, { type: "button", textContent: label });
      button.dataset.tab = tab;
      button.setAttribute("aria-pressed", String(tab === current));
      return button;
    }));
    heading.textContent = t("notifications");
    this.#dom.state.dataset.state = state.connection;
    this.#dom.state.textContent = t(
      /** @type {"state_live"} */
      `state_${state.connection}`
    );
    markAll.textContent = t("markAllRead");
    markAll.disabled = state.unreadCount <= 0 || !this.store.token;
    more.hidden = !state.hasMore;
    more.textContent = state.loadingMore ? t("loading") : t("loadMore");
    error.textContent = state.error?.message ?? "";
    if (live.textContent !== this.#announced) live.textContent = this.#announced;
    const { prefs, prefsToggle } = this.#dom;
    prefsToggle.textContent = prefs.hidden ? t("preferences") : t("back");
    prefsToggle.setAttribute("aria-expanded", String(!prefs.hidden));
    tabs.hidden = list.hidden = !prefs.hidden;
    if (!prefs.hidden) more.hidden = true;
    const { bulk, tabRead, tabArchive } = this.#dom;
    bulk.hidden = !prefs.hidden;
    tabRead.textContent = t("markTabRead");
    tabArchive.textContent = t("archiveTab");
    tabRead.disabled = !state.items.some((n) => !n.isRead);
    tabArchive.disabled = !state.items.length;
    tabArchive.hidden = archived;
    if (this.#dom.panel.hidden) return;
    if (!prefs.hidden) return this.#renderPreferences(state.preferences);
    const nodes = [];
    for (
      const [section, group] of
      /** @type {const} */
      [
        ["unread", state.items.filter((n) => !n.isRead)],
        ["read", state.items.filter((n) => n.isRead)]
      ]
    ) {
      if (!group.length) continue;
      const h3 = document.createElement("h3");
      h3.textContent = t(section);
      const ul = document.createElement("ul");
      ul.className = section;
      ul.append(...group.map((n) => this.#renderItem(n)));
      nodes.push(h3, ul);
    }
    if (!nodes.length) {
      const empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = t("empty");
      nodes.push(empty);
    }
    list.replaceChildren(...nodes);
    if (refocus) this.#dom.panel.querySelector(refocus)?.focus();
    else if (shownBefore && more.hidden) this.#items().find((item) => !shownBefore.has(item.dataset.id))?.focus();
  }
  /** A selector for the focused control among those a render builds again: an item, a filter tab, an item's
   *  button (by its item and label: a snooze button's time changes) or a group's toggle (its label changes). */
  #focusedControl() {
    const active = (
      /** @type {HTMLElement | null} */
      this.shadowRoot?.activeElement ?? null
    );
    const { id, tab, group, for: item } = active?.dataset ?? {};
    if (id) return `[data-id="${CSS.escape(id)}"]`;
    if (tab) return `[data-tab="${CSS.escape(tab)}"]`;
    if (group) return `[data-group="${CSS.escape(group)}"]`;
    if (item) return `[data-for="${CSS.escape(item)}"][aria-label="${CSS.escape(active?.getAttribute("aria-label") ?? "")}"]`;
    return null;
  }
  #renderItem(n, member = false) {
    const li = document.createElement("li");
    const priority = ["LOW", "NORMAL", "HIGH", "URGENT"].includes(n.priority) ? n.priority : "NORMAL";
    li.className = `priority-${priority.toLowerCase()}`;
    const href = safeActionUrl(n.actionUrl);
    const item = document.createElement(href ? "a" : "button");
    item.className = "item";
    item.dataset.id = n.id;
    item.setAttribute("part", `item item-${priority.toLowerCase()}`);
    if (href) item.setAttribute("href", href);
    else item.type = "button";
    const parts = [
      ["priority", this.#l10n.t(
        /** @type {"priority_LOW"} */
        `priority_${priority}`
      )],
      ["title", n.title],
      ["message", n.message],
      ["meta", this.#l10n.when(n.createdAt)]
    ];
    if (href && n.actionText) parts.push(["action", n.actionText]);
    for (const [className, text] of parts) {
      const span = document.createElement("span");
      span.className = className;
      span.textContent = text;
      item.append(span);
    }
    if (n.groupCount && n.groupCount > 1 && !member) {
      const group = document.createElement("span");
      group.className = "group";
      group.textContent = this.#l10n.t("groupCount", { count: n.groupCount });
      item.append(group);
    }
    const actions = document.createElement("div");
    actions.className = "actions";
    actions.setAttribute("part", "actions");
    const { filter: { archived }, groups } = this.store.getSnapshot();
    const choices = [
      [archived ? "unarchive" : "archive", archived ? "unarchive" : "archive"],
      ...snoozeChoices().map(([key, until]) => (
        /** @type {[typeof key, string]} */
        [key, String(until.getTime())]
      )),
      ["delete", "delete"]
    ];
    const { t } = this.#l10n;
    for (const [label, action] of choices) {
      const button = document.createElement("button");
      Object.assign(button, { type: "button", textContent: t(label) });
      Object.assign(button.dataset, { action, for: n.id });
      button.setAttribute("aria-label", t("actionsFor", { action: t(label), title: n.title }));
      actions.append(button);
    }
    li.append(item, actions);
    const members = n.groupKey ? groups[n.groupKey] : void 0;
    if (n.groupKey && n.groupCount && n.groupCount > 1 && !member) {
      const toggle = document.createElement("button");
      const label = members ? t("hideGroup") : t("showGroup", { count: n.groupCount });
      Object.assign(toggle, { type: "button", textContent: label });
      Object.assign(toggle.dataset, { action: members ? "collapse" : "expand", group: n.groupKey });
      toggle.setAttribute("aria-expanded", String(!!members));
      toggle.setAttribute("aria-label", t("actionsFor", { action: label, title: n.title }));
      actions.prepend(toggle);
      if (members) {
        const ul = document.createElement("ul");
        ul.className = "members";
        ul.setAttribute("part", "group");
        ul.setAttribute("aria-label", t("groupOf", { title: n.title }));
        ul.append(...members.filter((m) => m.id !== n.id).map((m) => this.#renderItem(m, true)));
        li.append(ul);
      }
    }
    return li;
  }
};
if (!customElements.get("notification-bell")) customElements.define("notification-bell", NotificationBell);
export {
  NotificationBell,
  safeActionUrl
};
