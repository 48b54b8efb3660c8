"""The feed panel and the time slider on their own: what they say, and what the user's clicks do to the clock.

Times worked out by hand: Helsinki is UTC+2 in February (EET) and UTC+3 in
June (EEST).
"""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from twin_app.core.live.clock import Clock
from twin_app.core.live.feeds import FeedSpec
from twin_app.core.live.observation import SourceState, SourceStatus

pytestmark = pytest.mark.gui

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X display (run them under xvfb-run)", allow_module_level=True)

UTC = dt.UTC
FIRST = dt.datetime(2022, 2, 22, 4, 0, tzinfo=UTC)
LAST = dt.datetime(2022, 2, 22, 22, 0, tzinfo=UTC)


@pytest.fixture
def app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


@pytest.fixture
def bar(app):
    from twin_app.qt.timebar import TimeBar

    clock = Clock(time=dt.datetime(2022, 2, 22, 15, 0, tzinfo=UTC), span=(FIRST, LAST))
    widget = TimeBar(clock, "Europe/Helsinki")
    widget.show()
    yield widget
    widget.close()


def test_the_time_reads_in_the_citys_zone_with_its_date(bar) -> None:
    assert bar.label.text() == "Tue 22 Feb 2022  17:00:00 EET"
    bar.set_zone(None)
    assert bar.label.text() == "Tue 22 Feb 2022  15:00:00 UTC"


def test_a_typed_time_is_read_in_the_citys_zone(bar) -> None:
    changes = []
    bar.changed.connect(lambda: changes.append(1))
    bar.jump_box.setText("08:15")
    bar.jump_box.returnPressed.emit()
    assert bar.clock.time == dt.datetime(2022, 2, 22, 6, 15, tzinfo=UTC)
    assert changes and not bar.clock.live
    bar.jump_box.setText("2022-02-23 01:30:10")  # 23:30:10 UTC, after the span: clamped to its end
    bar.jump_box.returnPressed.emit()
    assert bar.clock.time == LAST
    bar.jump_box.setText("half past five")
    bar.jump_box.returnPressed.emit()
    assert bar.clock.time == LAST
    assert "17:30" in bar.message.text()  # the sentence says what to type


def test_the_slider_spans_what_the_store_holds(bar) -> None:
    from twin_app.qt.timebar import SLIDER_STEPS

    # 15:00 is 11 of the span's 18 hours
    assert bar.slider.value() == round(11 / 18 * SLIDER_STEPS)
    bar.slider.setSliderPosition(SLIDER_STEPS // 2)  # a user's drag
    bar.slider.triggerAction(bar.slider.SliderAction.SliderMove)
    assert bar.clock.time == dt.datetime(2022, 2, 22, 13, 0, tzinfo=UTC)


def test_play_pause_speed_and_live(bar) -> None:
    assert bar.play_button.text() == "▶"
    bar.play_button.click()
    assert bar.clock.playing and bar.play_button.text() == "❚❚"
    bar.speed.setCurrentIndex(bar.speed.findData(60.0))
    assert bar.clock.speed == 60.0
    before = bar.clock.time
    bar.clock.advance(2.0)  # the window's frame timer: two wall seconds at 60× are two minutes
    assert bar.clock.time - before == dt.timedelta(minutes=2)
    bar.play_button.click()
    assert not bar.clock.playing
    bar.live_button.click()
    assert bar.clock.live and bar.live_button.isChecked()
    bar.jump_to(FIRST)  # a jump leaves live mode, and the button says so
    bar.refresh()
    assert not bar.clock.live and not bar.live_button.isChecked()


def test_the_feed_panel_shows_each_sources_state_and_a_simulations_statement(app) -> None:
    from twin_app.qt.feeds import FeedPanel

    panel = FeedPanel()
    buses = FeedSpec(
        id="buses",
        title="Buses",
        source="schedule:gtfs.zip",
        kind="vehicle",
        simulated="Simulated from the city's timetable of 2022-02-22",
    )
    air = FeedSpec(id="air", title="Air quality", source="mqtt://localhost:1883/air/#")
    panel.set_feeds([buses, air])
    statuses = [
        SourceStatus(source="buses", state=SourceState.CONNECTED, stored=1234, messages_per_s=41.5),
        SourceStatus(
            source="air",
            state=SourceState.RECONNECTING,
            stored=7,
            malformed=2,
            malformed_samples=["{not json"],
            last_error="The broker at localhost:1883 refused the connection.",
        ),
    ]
    panel.follow(lambda: statuses)
    row = panel.row_texts("buses")
    assert row["State"] == "connected" and row["Stored"] == "1,234" and row["msg/s"] == "41.5"
    assert row["note"] == "Simulated from the city's timetable of 2022-02-22"
    row = panel.row_texts("air")
    assert row["State"] == "reconnecting" and row["Malformed"] == "2"
    assert row["Last error"] == "The broker at localhost:1883 refused the connection."
    assert "note" not in row
    statuses[1] = SourceStatus(source="air", state=SourceState.CONNECTED, stored=9, malformed=2)
    panel.refresh()
    assert panel.row_texts("air")["State"] == "connected" and panel.row_texts("air")["Last error"] == ""
    from twin_app.core import i18n

    try:
        i18n.set_language("fr")
        panel.refresh()
        row = panel.row_texts("buses")  # the figures as French writes them
        assert row["Stored"] == "1\u202f234" and row["msg/s"] == "41,5"
    finally:
        i18n.set_language("en")
    panel.stop()
    panel.close()


def test_a_source_that_does_not_say_its_rate_gets_one_from_what_it_received(app) -> None:
    from twin_app.qt.feeds import FeedPanel

    panel = FeedPanel()
    panel.set_feeds([FeedSpec(id="log", title="Log", source="file://log.csv")])
    panel.show_status(SourceStatus(source="log", state=SourceState.CONNECTED, received=0))
    time.sleep(0.2)
    panel.show_status(SourceStatus(source="log", state=SourceState.CONNECTED, received=100))
    # 100 messages within the first 5 s read as 100 over the 5 s the rate is averaged over
    rate = float(panel.row_texts("log")["msg/s"].replace(",", ""))
    assert rate == pytest.approx(100 / 5.0, abs=0.05)
    panel.close()


def test_pause_while_live_freezes_where_it_is(bar) -> None:
    bar.live_button.click()
    assert bar.clock.live and bar.play_button.text() == "❚❚"
    shown = bar.clock.time
    bar.play_button.click()
    assert not bar.clock.live and not bar.clock.playing and bar.clock.time == shown
    assert bar.play_button.text() == "▶" and not bar.live_button.isChecked()


def test_the_live_timer_keeps_none_alive_whatever_the_bindings_drop(app) -> None:
    """PySide6 setters lose a reference to None per call: the frame timer holds a store of them."""
    import sys

    from PySide6.QtWidgets import QLabel

    from twin_app.qt.live import NONE_FLOOR, keep_none_alive

    label = QLabel()
    for i in range(2000):  # what a minute of a live window does to None's count
        label.setText(str(i))
    keep_none_alive()
    assert sys.getrefcount(None) >= NONE_FLOOR
