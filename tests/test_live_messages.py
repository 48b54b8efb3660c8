"""What a planner reads when a feed is set up wrong or sends bad data, in the language chosen.

Each failure is real (a malformed payload, a log with bad lines, an address
with no port number, a feed the hub cannot open); the expected sentences are
written here by hand in French and Japanese, as a reader of those languages
would read them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from twin_app.core import i18n
from twin_app.core.errors import FeedError, MalformedMessageError
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.hub import FeedHub
from twin_app.core.live.mapping import PayloadMapping, decode_json
from twin_app.core.live.mqtt import MqttAddress
from twin_app.core.live.observation import SourceState
from twin_app.core.live.replay import FileSource

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def _malformed(payload: bytes) -> str:
    with pytest.raises(MalformedMessageError) as caught:
        decode_json(PayloadMapping(), "air", "sensors/a", payload, NOW)
    return str(caught.value)


def test_a_malformed_payload_says_why_in_french_and_japanese() -> None:
    payload = b'{"id": "a", "time": "2026-06-01T12:00:00Z", "value": "high"}'
    assert _malformed(payload) == "the field value ('high') is not a number"
    i18n.set_language("fr")
    assert _malformed(payload) == "le champ value ('high') n'est pas un nombre"
    assert _malformed(b"{not json") == "le contenu n'est pas du JSON (JSONDecodeError)"
    i18n.set_language("ja")
    assert _malformed(payload) == "フィールド value（'high'）が数値ではありません"
    assert _malformed(b"[1]") == "ペイロードが JSON オブジェクトではありません"


def _log(tmp_path: Path) -> Path:
    log = tmp_path / "readings.jsonl"
    log.write_text(
        '{"id": "s1", "time": "2026-06-01T12:00:00Z", "value": 21.5}\n'
        "this line is not JSON\n"
        '{"id": "s2", "time": "tomorrow", "value": 3}\n',
        encoding="utf-8",
    )
    return log


@pytest.mark.parametrize(
    ("code", "not_json", "bad_time"),
    [
        ("fr", "la ligne n'est pas du JSON", "l'heure 'tomorrow' n'est ni en ISO 8601 ni en secondes Unix"),
        ("ja", "行が JSON ではありません", "時刻 'tomorrow' が ISO 8601 でも Unix 秒でもありません"),
    ],
)
def test_a_logs_bad_lines_are_counted_with_reasons_in_the_language(
    tmp_path: Path, code: str, not_json: str, bad_time: str
) -> None:
    i18n.set_language(code)
    source = FileSource(_log(tmp_path))
    stored: list = []
    source.run(stored.extend)
    assert [o.entity for o in stored] == ["s1"]
    assert source.status.malformed == 2
    first, second = source.status.malformed_samples
    assert first == f"readings.jsonl:2: {not_json}: this line is not JSON\n"
    assert second.startswith(f"readings.jsonl:3: {bad_time}: ")


def _bad_port() -> str:
    with pytest.raises(FeedError) as caught:
        MqttAddress.parse("mqtt://broker:abc/sensors/#")
    return str(caught.value)


def test_a_bad_feed_address_is_a_sentence_in_french_and_japanese() -> None:
    assert _bad_port() == "'mqtt://broker:abc/sensors/#' has the port 'abc'; a port is a number such as 1883."
    i18n.set_language("fr")
    assert _bad_port() == (
        f"«{NBSP}mqtt://broker:abc/sensors/#{NBSP}» a pour port «{NBSP}abc{NBSP}»{NBSP}; "
        "un port est un nombre, comme 1883."
    )
    i18n.set_language("ja")
    assert _bad_port() == (
        "「mqtt://broker:abc/sensors/#」のポートが「abc」になっています。ポートは 1883 のような数値です。"
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "fr",
            f"Le flux «{NBSP}Capteurs du parc{NBSP}» n'a pas pu être ouvert{NBSP}: "
            f"«{NBSP}mqtt://broker/{NBSP}» ne nomme aucun sujet auquel s'abonner{NBSP}; ajoutez un filtre "
            f"de sujet après le port, par exemple mqtt://broker/sensors/# (« + » vaut un niveau, « # » "
            "tout le reste).",
        ),
        (
            "ja",
            "フィード「Capteurs du parc」を開けませんでした：「mqtt://broker/」には購読するトピックがありません。"
            "ポートの後にトピックフィルターを加えてください。例：mqtt://broker/sensors/#（「+」は 1 階層、"
            "「#」は残りすべてに一致）。",
        ),
    ],
)
def test_a_feed_the_hub_cannot_open_shows_failed_with_the_sentence(
    tmp_path: Path, code: str, expected: str
) -> None:
    expected = expected.replace("« + »", f"«{NBSP}+{NBSP}»").replace("« # »", f"«{NBSP}#{NBSP}»")
    i18n.set_language(code)
    hub = FeedHub(tmp_path / "obs.gpkg")
    try:
        hub.start(FeedSpec(id="park", title="Capteurs du parc", source="mqtt://broker/"))
        status = hub.status("park")
        assert status.state == SourceState.FAILED
        assert status.last_error == expected
    finally:
        hub.stop_all()


def test_an_unknown_feed_option_names_the_source_in_the_readers_language() -> None:
    from twin_app.core import i18n
    from twin_app.core.errors import TwinError
    from twin_app.core.live.source_plugins import all_sources, source_options

    manifest = next(m for m in all_sources() if m.id == "mqtt")
    try:
        i18n.set_language("fr")
        with pytest.raises(TwinError) as refused:
            source_options(manifest, {"colour": "red"})
        assert "la source de flux «\u00a0mqtt\u00a0»" in str(refused.value)
        i18n.set_language("ja")
        with pytest.raises(TwinError) as refused:
            source_options(manifest, {"colour": "red"})
        assert "フィードソース「mqtt」" in str(refused.value)
    finally:
        i18n.set_language("en")
