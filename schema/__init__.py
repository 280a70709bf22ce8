"""The GraphQL schema: types in `types`, the root operations and the `Schema` with its limits in `root`."""
