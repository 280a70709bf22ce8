// Compiled by the tests (tsc -p element/types-test): the element's tag is known to JSX and to querySelector.
import type {} from "@notifications/element";

export function Header() {
  return <notification-bell endpoint="/graphql" locale="fr" theme="dark" />;
}

const bell = document.querySelector("notification-bell");
if (bell) {
  bell.token = "a.b.c";
  const count: number = bell.unreadCount;
  bell.addEventListener("connection-state", (event) => console.log(event.detail.state, count));
}
