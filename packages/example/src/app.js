// A small React app with the bell in its header, as a frontend team would write it (the token from its backend;
// here from the page's address, for the end-to-end tests).
import { StrictMode, createElement as h, useState } from "react";
import { createRoot } from "react-dom/client";
import { NotificationCenter, NotificationsProvider, useUnreadCount } from "@notifications/react";

const params = new URLSearchParams(location.hash.slice(1));

function Title() {
  const unread = useUnreadCount();
  return h("h1", null, unread ? `Acme (${unread})` : "Acme");
}

function App() {
  const [token] = useState(params.get("token"));
  return h(
    NotificationsProvider,
    { endpoint: params.get("endpoint") ?? "/graphql", token },
    h("header", { className: "bar" }, h(Title), h(NotificationCenter, {
      locale: params.get("locale") ?? "en", types: (params.get("types") ?? "").split(",").filter(Boolean),
      badge: params.get("badge") === "unread" ? "unread" : "unseen", grouped: params.has("grouped"),
    })),
  );
}

createRoot(/** @type {HTMLElement} */ (document.getElementById("root"))).render(h(StrictMode, null, h(App)));
