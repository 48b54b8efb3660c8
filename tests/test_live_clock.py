"""The replay clock: play, pause, speed, jump and live, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from twin_app.core.live.clock import Clock

T0 = dt.datetime(2022, 2, 22, 6, 0, tzinfo=dt.UTC)


def test_paused_clock_does_not_move() -> None:
    clock = Clock(T0)
    assert clock.advance(10) == T0


def test_playing_moves_by_wall_time_times_speed() -> None:
    clock = Clock(T0, speed=60)
    clock.play()
    assert clock.advance(2.5) == T0 + dt.timedelta(seconds=150)


def test_playing_stops_at_the_end_of_the_span_and_restarts_from_its_start() -> None:
    clock = Clock(T0, speed=10)
    clock.set_span(T0, T0 + dt.timedelta(seconds=30))
    clock.play()
    assert clock.advance(5) == T0 + dt.timedelta(seconds=30)
    assert not clock.playing
    clock.play()
    assert clock.time == T0


def test_jump_is_clamped_and_leaves_live_mode() -> None:
    clock = Clock(T0)
    clock.set_span(T0, T0 + dt.timedelta(hours=1))
    clock.go_live()
    assert clock.jump(T0 + dt.timedelta(hours=5)) == T0 + dt.timedelta(hours=1)
    assert not clock.live
    assert clock.jump(T0 - dt.timedelta(hours=5)) == T0


def test_live_mode_follows_now_and_ignores_speed() -> None:
    clock = Clock(T0, speed=100)
    clock.go_live()
    now = T0 + dt.timedelta(minutes=3)
    assert clock.advance(1, now=now) == now
    assert clock.advance(1) == now


def test_slider_fraction_round_trips() -> None:
    clock = Clock(T0)
    clock.set_span(T0, T0 + dt.timedelta(hours=2))
    clock.jump(T0 + dt.timedelta(minutes=30))
    assert clock.fraction() == pytest.approx(0.25)
    assert clock.at_fraction(0.75) == T0 + dt.timedelta(minutes=90)


@pytest.mark.parametrize("speed", [0, -1, 1e6])
def test_unreasonable_speeds_are_refused_with_a_sentence(speed: float) -> None:
    with pytest.raises(ValueError, match="replay speed between"):
        Clock(T0).set_speed(speed)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        Clock(dt.datetime(2022, 2, 22))
