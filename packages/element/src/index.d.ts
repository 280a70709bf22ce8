// The element's types, and its tag for document.querySelector/createElement and for JSX (React 18 and 19, Preact,
// Solid and others that read the global JSX namespace).
import type { NotificationBell } from "../dist/notification-bell.js";

export * from "../dist/notification-bell.js";

type NotificationBellAttributes = {
  endpoint?: string;
  locale?: string;
  theme?: "light" | "dark";
  types?: string;
  grouped?: boolean | "";
  badge?: "unread" | "unseen";
  "shared-connection"?: "on" | "off";
  id?: string;
  class?: string;
  className?: string;
  ref?: unknown;
  children?: never;
};

declare global {
  interface HTMLElementTagNameMap {
    "notification-bell": NotificationBell;
  }
  interface HTMLElementEventMap {
    notification: CustomEvent<import("@notifications/client").Notification>;
    "token-expired": CustomEvent<null>;
    "connection-state": CustomEvent<{ state: import("@notifications/client").ConnectionState; code?: number }>;
  }
  namespace JSX {
    interface IntrinsicElements {
      "notification-bell": NotificationBellAttributes;
    }
  }
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "notification-bell": NotificationBellAttributes;
    }
  }
}
