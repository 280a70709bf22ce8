// Compiled by the tests (tsc -p element/types-test): the element's tag is known to JSX and to querySelector.
import type {} from "@notifications/element";

export function Header() {
  return <notification-bell endpoint="/graphql" locale="fr" theme="dark" badge="unread" shared-connection="off" />;
}

const bell = document.querySelector("notification-bell");
if (bell) {
  bell.token = "a.b.c";
  const count: number = bell.unreadCount;
  bell.addEventListener("connection-state", (event) => console.log(event.detail.state, count));
  const members: readonly { id: string }[] = bell.store.getSnapshot().groups["order:1"] ?? [];
  void bell.store.expandGroup("order:1").then(() => bell.store.markFilteredRead());
  console.log(members.length, bell.store.getSnapshot().tab);
}
