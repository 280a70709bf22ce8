export { NotificationStore, createNotificationStore, RequestError, CLOSE_TOKEN_REFUSED, backoff, compareIds, snoozeChoices, typeOverride, CHANNELS } from "./store.js";
export { safeActionUrl } from "./links.js";
export { centerStyles } from "./theme.js";
export { catalogues, catalogueFor, localise } from "./messages.js";
export * as operations from "./operations.generated.js";
/** @typedef {import("./store.js").Notification} Notification */
/** @typedef {import("./store.js").Preferences} Preferences */
/** @typedef {import("./store.js").PreferencesChange} PreferencesChange */
/** @typedef {import("./store.js").Priority} Priority */
/** @typedef {import("./store.js").ConnectionState} ConnectionState */
/** @typedef {import("./store.js").InboxState} InboxState */
/** @typedef {import("./store.js").InboxFilter} InboxFilter */
/** @typedef {import("./store.js").StoreOptions} StoreOptions */
/** @typedef {import("./store.js").StoreEvents} StoreEvents */
/** @typedef {import("./messages.js").MessageKey} MessageKey */
