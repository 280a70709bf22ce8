"""How requests reach the schema and answers leave: the ASGI endpoint for HTTP and graphql-transport-ws, uvicorn's
protocols with the deadlines and direct writes we need, the body limit, media types, and the GraphiQL page."""
