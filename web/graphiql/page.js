// GraphiQL on the page the service serves at /graphql (resolvers/graphiql.py), from the files beside this one: no CDN,
// and no inline script, so the page's Content-Security-Policy can allow scripts from the service alone.
/* global GraphiQL, React, ReactDOM */

const endpoint = new URL(location.pathname, location.href).href;
const fetcher = GraphiQL.createFetcher({
  url: endpoint,
  // graphql-transport-ws; GraphiQL sends its Headers editor's JSON as connection_init's payload, which is where the
  // service reads the Authorization of a websocket.
  subscriptionUrl: endpoint.replace(/^http/, "ws"),
});

const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultEditorToolsVisibility: "headers",
    isHeadersEditorEnabled: true,
    inputValueDeprecation: true,
  }),
);
