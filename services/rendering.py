"""Rendering event templates: Jinja2's sandbox with a short list of what a template may use, and budgets that bound
a render's time and memory whatever a tenant's admin writes.

A template is checked when it is saved (`compile_text`): syntax, depth, and only the constructs listed here. No
calls at all (so no `range`, methods, macros or `namespace`), so the only loops are over the event's data and
literals, and every `{% for %}` counts its iterations against the render's budget. Filters are a short list of
Jinja's (`_KEPT_FILTERS`) and the locale's formatting of numbers, money and dates (Babel, `_OWN_FILTERS`). Text and
lists a template builds (`~`, `+`, `*`, `join`, any filter) and its output stop at `MAX_OUTPUT` characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency, format_decimal, format_percent, is_currency
from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from services.errors import BadInput

MAX_SOURCE = 5_000  # characters of one field's template
MAX_OUTPUT = 10_000  # characters one field may render to, before the notification's own limits apply
MAX_ITERATIONS = 10_000  # loop iterations of one render, all loops together
# Of a parsed template's tree: Jinja's compile time grows faster than linearly with depth, so deeper templates are
# refused before they are compiled.
MAX_DEPTH = 30
_MAX_EXPONENT = 64
_MAX_BITS = 256  # of an integer a template computes (data's own are at most 64)
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,3}")


class TemplateProblem(BadInput):
    """A template that cannot be saved, or cannot be rendered with the data given."""


@dataclass
class _Render:
    locale: Locale
    iterations: int = 0


_rendering: ContextVar[_Render] = ContextVar("rendering")


def parse_locale(tag: str) -> Locale | None:
    """The Babel locale a tag (`de`, `de-AT`, `pt_BR`) names; None for a well-formed tag Babel does not know.
    Malformed tags are refused."""
    if not isinstance(tag, str) or not _LOCALE.fullmatch(tag):
        raise BadInput("`locale` must be a language tag such as `en`, `de` or `pt-BR`.")
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def known_locale(tag: str) -> Locale:
    """A locale to store (a template's, a user's): one Babel knows, so its numbers and dates can be formatted."""
    locale = parse_locale(tag)
    if locale is None:
        raise BadInput(f"`locale` {tag!r} is not a locale this service knows; use a tag such as `en` or `de-AT`.")
    return locale


# Filters a template may use: text, lists and the locale's formatting. Anything whose cost grows with an argument
# (center, indent, batch, replace, format) is left out.
def _locale() -> Locale:
    return _rendering.get().locale


def _number(value: Any, what: str) -> Decimal:
    if isinstance(value, bool):
        raise TemplateProblem(f"`{what}` needs a number, not a boolean.")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise TemplateProblem(f"`{what}` needs a number; got {str(value)[:40]!r}.") from None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        raise TemplateProblem(f"`{what}` needs a finite number of at most 30 digits.")
    return number


def _money(value: Any, currency: Any = "USD") -> str:
    if not isinstance(currency, str) or not is_currency(currency.upper()):
        raise TemplateProblem(f"`money` needs an ISO 4217 currency code such as EUR; got {str(currency)[:20]!r}.")
    return format_currency(_number(value, "money"), currency.upper(), locale=_locale())


def _decimal(value: Any, digits: Any = None) -> str:
    number = _number(value, "number")
    if digits is None:
        return format_decimal(number, locale=_locale())
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 10:
        raise TemplateProblem("`number`'s digits must be 0 to 10.")
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(number, format=pattern, locale=_locale())


def _percent(value: Any) -> str:
    return format_percent(_number(value, "percent"), locale=_locale())


def _moment(value: Any, what: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, tzinfo=UTC)
    elif isinstance(value, str) and len(value) <= 40:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise TemplateProblem(f"`{what}` needs an ISO 8601 date; got {value[:40]!r}.") from None
    else:
        raise TemplateProblem(f"`{what}` needs an ISO 8601 date such as 2030-01-31 or 2030-01-31T09:30:00Z.")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _zone(tz: Any) -> ZoneInfo:
    try:
        if isinstance(tz, str) and 0 < len(tz) <= 64:
            return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise TemplateProblem(f"{str(tz)[:64]!r} is not a time zone (use names such as Europe/Berlin).")


_WIDTHS = ("short", "medium", "long", "full")


def _width(format: Any) -> str:
    if format not in _WIDTHS:
        raise TemplateProblem("A date's format is one of short, medium, long, full.")
    return str(format)


def _date(value: Any, format: Any = "medium", tz: Any = "UTC") -> str:
    moment = _moment(value, "date").astimezone(_zone(tz))
    return format_date(moment.date(), format=_width(format), locale=_locale())


def _datetime(value: Any, format: Any = "medium", tz: Any = "UTC") -> str:
    zone = _zone(tz)
    return format_datetime(_moment(value, "datetime"), format=_width(format), tzinfo=zone, locale=_locale())


def _time(value: Any, format: Any = "short", tz: Any = "UTC") -> str:
    zone = _zone(tz)
    return format_time(_moment(value, "time"), format=_width(format), tzinfo=zone, locale=_locale())


def _counted(iterable: Iterable[Any]) -> Iterator[Any]:
    render = _rendering.get()
    for item in iterable:
        render.iterations += 1
        if render.iterations > MAX_ITERATIONS:
            raise TemplateProblem(f"The template loops more than {MAX_ITERATIONS:,} times in all.")
        yield item


_OWN_FILTERS: dict[str, Callable[..., Any]] = {
    "money": _money,
    "number": _decimal,
    "percent": _percent,
    "date": _date,
    "datetime": _datetime,
    "time": _time,
}
_KEPT_FILTERS = (
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "float",
    "int",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "reverse",
    "round",
    "safe",
    "select",
    "selectattr",
    "sort",
    "string",
    "sum",
    "title",
    "tojson",
    "trim",
    "truncate",
    "unique",
    "upper",
    "urlencode",
    "wordcount",
)
_LOOP = "_counted_loop"  # wraps every loop's iterable; names no one would choose
_CONCAT = "_bounded_concat"  # stands for every `a ~ b`


def _too_long(size: int) -> None:
    if size > MAX_OUTPUT:
        raise TemplateProblem(f"The template builds a value over {MAX_OUTPUT:,} characters.")


def _concat(parts: list[Any]) -> str:
    texts = [str(part) for part in parts]
    _too_long(sum(map(len, texts)))
    return "".join(texts)


def _join(value: Iterable[Any], separator: Any = "", attribute: Any = None) -> str:
    # Measured before joining: a long separator between many items would be built first and refused after.
    items = [str(item if attribute is None else _TEXT.getitem(item, attribute)) for item in value]
    _too_long(sum(map(len, items)) + len(str(separator)) * max(len(items) - 1, 0))
    return str(separator).join(items)


def _bounded(filter: Callable[..., Any]) -> Callable[..., Any]:
    """`filter`, refusing text or lists over the limits: each step's input is bounded, so is what it allocates
    (`urlencode` at most triples it), and a chain of them cannot grow without end."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        result = filter(*args, **kwargs)
        if isinstance(result, str | list):
            _too_long(len(result))
        return result

    for marker in ("jinja_pass_arg",):  # pass_environment, pass_context and the like stay visible to Jinja
        if hasattr(filter, marker):
            setattr(checked, marker, getattr(filter, marker))
    return checked


class _Sandbox(SandboxedEnvironment):
    """Binary operators that could build huge values from small ones (`'x' * 10**9`, `10 ** 10 ** 9`, `'%999999999d'
    % 1`) are checked before they run."""

    intercepted_binops = frozenset({"+", "*", "**", "%", "//"})

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            _too_long(len(left) + len(right))
        elif operator_ == "*":
            for sequence, times in ((left, right), (right, left)):
                sized = isinstance(sequence, str | list | tuple) and isinstance(times, int)
                if sized and len(sequence) * max(times, 0) > MAX_OUTPUT:
                    raise TemplateProblem(f"The template builds a value over {MAX_OUTPUT:,} characters.")
            if isinstance(left, int) and isinstance(right, int) and _bits(left) + _bits(right) > _MAX_BITS:
                raise TemplateProblem(f"The template computes an integer over {_MAX_BITS} bits.")
        elif operator_ == "**":
            if not isinstance(right, int | float) or abs(right) > _MAX_EXPONENT:
                raise TemplateProblem(f"Exponents are at most {_MAX_EXPONENT}.")
            if isinstance(left, int) and isinstance(right, int) and _bits(left) * abs(right) > _MAX_BITS:
                raise TemplateProblem(f"The template computes an integer over {_MAX_BITS} bits.")
        elif operator_ == "%" and isinstance(left, str):
            raise TemplateProblem("Format with the filters (number, money, date), not with `%`.")
        return super().call_binop(context, operator_, left, right)


def _deeper_than(tree: nodes.Node, limit: int) -> nodes.Node | None:
    """A node more than `limit` levels below `tree`'s root, if any, found without recursion."""
    pending: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return node
        pending.extend((child, depth + 1) for child in node.iter_child_nodes())
    return None


class _Bounds(NodeTransformer):
    """Every loop's iterable counted against the render's budget, every `~` measured before it is built."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes), _CONCAT, [], [], None, None, lineno=node.lineno)


def _bits(number: int) -> int:
    return abs(number).bit_length()


def _environment(finalize: Callable[[Any], Any] | None) -> _Sandbox:
    # Plain text, not HTML (the notification's fields are shown as text; the email channel escapes its HTML part).
    # Not optimized: the optimizer folds each filter and operator chain again at every level of it, a cost that
    # grows with the cube of its depth, for constants templates hardly have.
    environment = _Sandbox(undefined=StrictUndefined, autoescape=False, finalize=finalize, optimized=False)
    kept = {name: _bounded(environment.filters[name]) for name in _KEPT_FILTERS}
    environment.filters.clear()
    environment.filters.update(kept, **_OWN_FILTERS, join=_join, **{_LOOP: _counted, _CONCAT: _concat})
    environment.globals.clear()
    return environment


def _in_url(value: Any) -> Any:
    """Each `{{ value }}` of an action URL is percent-encoded, so data cannot change the URL's shape (`../`, `?`,
    another host); `|safe` writes a value as it is, and the whole URL is still checked after rendering."""
    if isinstance(value, Markup):
        return str(value)
    return quote(str(value), safe="")


_TEXT = _environment(None)
_URL = _environment(_in_url)

# What a template may contain besides text and `{{ }}`: no calls, macros, includes, imports or inheritance.
_FORBIDDEN: dict[type[nodes.Node], str] = {
    nodes.Call: "calls (functions and methods)",
    nodes.Macro: "macros",
    nodes.CallBlock: "call blocks",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "import",
    nodes.Extends: "extends",
    nodes.Block: "blocks",
}


@dataclass(frozen=True)
class Compiled:
    render: Callable[[dict[str, Any], Locale], str]


def compile_text(field: str, source: str, *, url: bool = False) -> Compiled:
    """`source` checked and compiled (once per distinct source and kind), or a TemplateProblem naming `field`."""
    if not isinstance(source, str):
        raise TemplateProblem(f"`{field}` must be text.")
    if len(source) > MAX_SOURCE:
        raise TemplateProblem(f"`{field}` is {len(source):,} characters; a template field is at most {MAX_SOURCE:,}.")
    compiled = _compiled(source, url)
    if isinstance(compiled, str):
        raise TemplateProblem(f"`{field}`: {compiled}")
    return compiled


@lru_cache(maxsize=1024)
def _compiled(source: str, url: bool) -> Compiled | str:
    environment = _URL if url else _TEXT
    try:
        tree = environment.parse(source)
        for node in tree.find_all(tuple(_FORBIDDEN)):
            return f"line {node.lineno}: templates may not use {_FORBIDDEN[type(node)]}."
        for loop in tree.find_all(nodes.For):
            if loop.recursive:
                return f"line {loop.lineno}: templates may not use recursive loops."
        deep = _deeper_than(tree, MAX_DEPTH)
        if deep is not None:
            return f"line {deep.lineno}: the template nests more than {MAX_DEPTH} deep (filters, operators, blocks)."
        template = environment.from_string(_Bounds().visit(tree))
    except TemplateError as error:  # syntax, and filters or tests that do not exist
        line = getattr(error, "lineno", None)
        return f"line {line}: {error.message}" if line else str(error.message)
    except RecursionError:
        return "the template is nested too deeply."

    def render(variables: dict[str, Any], locale: Locale) -> str:
        token = _rendering.set(_Render(locale))
        try:
            parts: list[str] = []
            size = 0
            for part in template.generate(variables):
                size += len(part)
                if size > MAX_OUTPUT:
                    raise TemplateProblem(f"It renders to more than {MAX_OUTPUT:,} characters.")
                parts.append(part)
            return "".join(parts)
        finally:
            _rendering.reset(token)

    return Compiled(render)


def render(field: str, compiled: Compiled, variables: dict[str, Any], locale: Locale) -> str:
    """`compiled` rendered; a missing variable, a value a filter cannot format, or a budget exceeded is a
    TemplateProblem naming `field`."""
    try:
        return compiled.render(variables, locale)
    except TemplateProblem as problem:
        raise TemplateProblem(f"`{field}`: {problem.message}") from None
    except UndefinedError as error:
        raise TemplateProblem(f"`{field}` needs a value `data` does not give: {error.message}.") from None
    except SecurityError as error:
        raise TemplateProblem(f"`{field}`: the template did something it may not ({error}).") from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as error:
        raise TemplateProblem(f"`{field}` cannot be rendered with this data: {type(error).__name__}.") from None
