"""Websocket close codes this service uses beyond graphql-transport-ws's own (see the README's table)."""

CLOSE_GOING_AWAY = 1001  # shutting down: reconnect elsewhere
CLOSE_TRY_AGAIN_LATER = 1013  # the subscriber's buffer filled: reconnect with `after`
CLOSE_FORBIDDEN = 4403  # bad or expired token
CLOSE_PING_TIMEOUT = 4504  # no pong to our pings
CLOSE_INTERNAL_ERROR = 4500  # a bug on our side (logged), as graphql-ws servers close
