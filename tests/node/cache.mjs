// Apollo Client 4 with its normalised InMemoryCache, over HTTP: the inbox is listed once, then marked read, unread
// and all read, with no cache code of our own. Prints what the cached list shows after each step, as JSON.
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";

const client = new ApolloClient({
  link: new HttpLink({ uri: process.env.URL, headers: { Authorization: `Bearer ${process.env.TOKEN}` } }),
  cache: new InMemoryCache(),
});
const INBOX = gql`
  query Inbox {
    notifications(first: 20) { edges { node { id title isRead readAt } } }
  }
`;
const CHANGED = "updatedCount unreadCount notifications { id isRead readAt }";
const MARK_READ = gql`mutation Read($ids: [ID!]!) { markNotificationsRead(ids: $ids) { ${CHANGED} } }`;
const MARK_UNREAD = gql`mutation Unread($ids: [ID!]!) { markNotificationsUnread(ids: $ids) { ${CHANGED} } }`;
const MARK_ALL = gql`mutation All { markAllNotificationsRead { ${CHANGED} } }`;

const shown = () => client.readQuery({ query: INBOX }).notifications.edges.map(({ node }) => node);
const steps = {};
await client.query({ query: INBOX });
steps.listed = shown();
const [newest, older] = steps.listed.map((n) => n.id);
await client.mutate({ mutation: MARK_READ, variables: { ids: [newest, older] } });
steps.read = shown();
await client.mutate({ mutation: MARK_UNREAD, variables: { ids: [older] } });
steps.unread = shown();
await client.mutate({ mutation: MARK_ALL });
steps.allRead = shown();
process.stdout.write(`${JSON.stringify(steps)}\n`);
