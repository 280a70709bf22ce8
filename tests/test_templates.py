"""Event templates without a database: the shipped ones render in every locale, and hostile ones stay bounded."""

from __future__ import annotations

from typing import Any

import pytest
from babel import Locale

from services.errors import BadInput
from services.events import rendered
from services.rendering import MAX_OUTPUT, MAX_SOURCE, compile_text, parse_locale, render
from services.templates import DEFAULT_LOCALE, checked, fallbacks, samples, shipped

SEED_EVENTS = {
    "sale.created",
    "sale.completed",
    "inventory.low_stock",
    "inventory.adjusted",
    "customer.created",
    "customer.updated",
    "security.login_failed",
    "security.password_changed",
    "system.maintenance",
}
EN = Locale.parse("en")


def _render(source: str, variables: dict[str, Any] | None = None, locale: Locale = EN) -> str:
    return render("message", compile_text("message", source), variables or {}, locale)


def test_every_seed_event_ships_in_english_german_and_french_alike() -> None:
    templates = shipped()
    assert {event for event, _ in templates} == SEED_EVENTS
    assert {locale for _, locale in templates} == {"en", "de", "fr"}
    for event in SEED_EVENTS:
        en, de, fr = templates[(event, "en")], templates[(event, "de")], templates[(event, "fr")]
        assert (en.type, en.priority) == (de.type, de.priority) == (fr.type, fr.priority), event
        assert event.startswith(en.type + "."), event
        assert set(samples()) == SEED_EVENTS


@pytest.mark.parametrize("actor", [None, "Maria"])
def test_every_shipped_template_renders_with_its_sample_data(actor: str | None) -> None:
    for (event, locale), template in shipped().items():
        draft = rendered(template, samples()[event], actor, Locale.parse(locale))
        for text in (draft.title, draft.message, draft.action_text or ""):
            assert "{" not in text and "}" not in text and "  " not in text, (event, locale, text)
        assert draft.action_url is not None and draft.action_url.startswith("/"), (event, locale)
        if actor is not None:
            assert (actor in draft.message) == (event not in _WITHOUT_ACTOR), (event, locale)
        assert "None" not in draft.message, (event, locale)
        assert draft.metadata == {"event": event, "data": samples()[event], **({"actor": actor} if actor else {})}


# Events a system notices rather than a person causes.
_WITHOUT_ACTOR = {"inventory.low_stock", "security.login_failed", "security.password_changed", "system.maintenance"}


def test_numbers_money_and_dates_follow_the_locale() -> None:
    source = "{{ n|number }} {{ amount|money(currency) }} {{ when|date('long') }} {{ share|percent }}"
    values = {"n": 1234567.5, "amount": "1249.5", "currency": "eur", "when": "2030-01-31T09:30:00Z", "share": 0.25}
    assert _render(source, values, EN) == "1,234,567.5 €1,249.50 January 31, 2030 25%"
    assert _render(source, values, Locale.parse("de")) == "1.234.567,5 1.249,50\xa0€ 31. Januar 2030 25\xa0%"
    french = "1\u202f234\u202f567,5 1\u202f249,50\xa0€ 31 janvier 2030 25\xa0%"
    assert _render(source, values, Locale.parse("fr")) == french
    assert _render("{{ when|datetime('short', 'Europe/Berlin') }}", values, EN) == "1/31/30, 10:30\u202fAM"


def test_locales_fall_back_to_their_language_then_english() -> None:
    assert fallbacks("de-AT")[0] == ["de_AT", "de", DEFAULT_LOCALE]
    assert fallbacks("fr")[0] == ["fr", "en"]
    assert fallbacks("xx") == (["en"], None)  # well-formed, unknown: falls back
    assert fallbacks(None) == (["en"], None)
    for malformed in ("", "e", "english please", "de\nAT", "x" * 100):
        with pytest.raises(BadInput):
            parse_locale(malformed)


def test_variables_in_an_action_url_cannot_change_its_shape() -> None:
    url = compile_text("actionUrl", "/orders/{{ id }}?tab={{ tab }}", url=True)
    assert render("actionUrl", url, {"id": "../admin", "tab": "a b&c=d"}, EN) == "/orders/..%2Fadmin?tab=a%20b%26c%3Dd"


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{% if %}", "line 1"),
        ("Hello\n{{ name ", "line 2"),
        ("{{ x|nosuchfilter }}", "No filter named"),
        ("{{ x|center(1000000000) }}", "No filter named 'center'"),
        ("{% for i in range(10**9) %}x{% endfor %}", "calls"),
        ("{{ 'x'.ljust(1000000000) }}", "calls"),
        ("{{ cycler() }}", "calls"),
        ("{% macro m() %}{% endmacro %}", "macros"),
        ("{% include 'x' %}", "include"),
        ("{% extends 'x' %}", "extends"),
        ("{% import 'x' as y %}", "import"),
        ("{% for x in l recursive %}{% endfor %}", "recursive"),
        ("{{ s" + "|upper" * 40 + " }}", "nests more than 30 deep"),
        ("{{ a" + " + a" * 1200 + " }}", "nested too deeply"),
        ("{{ " + "(" * 5000 + " }}", "`message`"),
    ],
)
def test_templates_that_cannot_be_saved_say_why(source: str, said: str) -> None:
    with pytest.raises(BadInput) as refused:
        checked(event="sale.created", locale="en", type="sale", priority="normal", title="t", message=source)
    assert refused.value.code == "BAD_USER_INPUT"
    assert said in refused.value.message and "`message`" in refused.value.message


def test_a_template_over_the_size_limit_is_refused() -> None:
    with pytest.raises(BadInput, match="at most"):
        compile_text("message", "x" * (MAX_SOURCE + 1))


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{{ missing }}", "needs a value"),
        ("{{ ''.__class__ }}", "may not"),
        ("{{ data.__class__.__mro__ }}", "may not"),
        ("{{ data.items.__globals__ }}", "__globals__"),
        ("{{ 'x' * 1000000000 }}", "over 10,000 characters"),
        ("{{ 10 ** 100000 }}", "Exponents"),
        ("{% set a = 2**60 %}{% set a = a*a %}{% set a = a*a %}{% set a = a*a %}{{ a }}", "bits"),
        ("{{ '%999999999d' % 1 }}", "filters"),
        ("{% for a in l %}{% for b in l %}{% for c in l %}{% endfor %}{% endfor %}{% endfor %}", "loops more"),
        ("{% for a in l %}{{ 'x' * 9000 }}{% endfor %}", "more than 10,000 characters"),
        ("{% set a = 'x' * 9000 %}" + "{% set a = a ~ a %}" * 20 + "{{ a|length }}", "over 10,000 characters"),
        ("{% set a = 'x' * 9000 %}{% set a = a + a %}{{ a|length }}", "over 10,000 characters"),
        ("{% for x in l %}{{ l|join('y' * 9000)|length }}{% endfor %}", "over 10,000 characters"),
        ("{{ (s" + "|urlencode" * 25 + ")|length }}", "over 10,000 characters"),
        ("{{ ([1] * 9000 + [2] * 9000)|length }}", "over 10,000 characters"),
        ("{{ n|money('EUR') }}", "needs a number"),
        ("{{ 5|money('XXXX') }}", "currency"),
        ("{{ n|date }}", "date"),
        ("{{ '2030-01-01'|datetime('long', 'Mars/Olympus') }}", "time zone"),
    ],
)
def test_rendering_is_bounded_and_refuses_with_a_reason(source: str, said: str) -> None:
    variables = {"l": list(range(1000)), "n": "lots", "data": {"items": [1]}, "s": "%" * 400}
    with pytest.raises(BadInput) as refused:
        _render(source, variables)
    assert said in refused.value.message, refused.value.message


def test_what_templates_may_use_still_works() -> None:
    variables = {"items": [{"name": "b", "n": 2}, {"name": "a", "n": 1}], "who": "ann", "q": "a b"}
    source = (
        "{{ who|title ~ ':' }} {{ items|map(attribute='name')|sort|join(', ') }}; {{ items|sum(attribute='n') }}; "
        "{% for i in items if i.n > 1 %}{{ loop.index }}={{ i.name|upper }}{% endfor %}; {{ q|urlencode }}; "
        "{{ [1, 2] + [3] }} {{ 'ab' * 2 }} {{ 2 ** 10 }} {{ (items|first).name }}"
        "{% if missing is defined %}!{% endif %}"
    )
    assert _render(source, variables) == "Ann: a, b; 3; 1=B; a%20b; [1, 2, 3] abab 1024 b"


def test_output_is_capped_even_when_each_piece_is_small() -> None:
    with pytest.raises(BadInput, match="more than"):
        _render("{% for a in l %}{{ s }}{% endfor %}", {"l": list(range(MAX_OUTPUT)), "s": "ab"})
    assert len(_render("{% for a in l %}x{% endfor %}", {"l": list(range(MAX_OUTPUT))})) == MAX_OUTPUT
