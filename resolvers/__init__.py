"""Thin resolvers: parse GraphQL arguments, check who may call, hand over to `services`."""
