import pytest

from chronology.relative import Relation, RelativeDateError, relative_windows
from common.dates import day_number

D = day_number  # bounds are day numbers (common.dates)
KARS_FALLS = (D(1920, 10, 30), D(1920, 10, 30))
GUMRU = (D(1920, 12, 2), D(1920, 12, 3))


def test_after_one_event_and_before_another_narrows_a_vague_date_to_the_window_between():
    windows = relative_windows(
        {"kars": KARS_FALLS, "gumru": GUMRU, "mission": (D(1920, 1, 1), D(1920, 12, 31))},
        [Relation("mission", "after", "kars"), Relation("mission", "before", "gumru")],
    )
    assert windows["mission"] == (D(1920, 10, 30), D(1920, 12, 3))
    assert windows["kars"] == KARS_FALLS and windows["gumru"] == GUMRU


def test_an_undated_event_gets_its_window_from_its_relations_alone():
    windows = relative_windows(
        {"kars": KARS_FALLS, "gumru": GUMRU}, [Relation("x", "after", "kars"), Relation("x", "before", "gumru")]
    )
    assert windows["x"] == (D(1920, 10, 30), D(1920, 12, 3))


def test_bounds_flow_along_chains():
    windows = relative_windows(
        {"a": (D(1920, 5, 1), D(1920, 5, 1)), "d": (D(1920, 9, 1), D(1920, 9, 1))},
        [Relation("b", "after", "a"), Relation("c", "after", "b"), Relation("c", "before", "d")],
    )
    assert windows["c"] == (D(1920, 5, 1), D(1920, 9, 1))
    assert windows["b"] == (D(1920, 5, 1), D(1920, 9, 1))


def test_the_same_order_said_twice_is_not_a_circle():
    windows = relative_windows(
        {"a": KARS_FALLS, "b": GUMRU}, [Relation("b", "after", "a"), Relation("a", "before", "b")]
    )
    assert windows["b"] == GUMRU


def test_a_circle_is_an_error_naming_its_events():
    with pytest.raises(RelativeDateError, match="circle") as error:
        relative_windows({}, [Relation("a", "after", "b"), Relation("b", "after", "c"), Relation("c", "after", "a")])
    assert all(f"'{slug}'" in str(error.value) for slug in "abc")


def test_an_impossible_window_is_an_error_naming_the_events_that_close_it():
    with pytest.raises(RelativeDateError, match=r"'x' cannot be placed: after 'gumru' .* and before 'kars'"):
        relative_windows(
            {"kars": KARS_FALLS, "gumru": GUMRU}, [Relation("x", "after", "gumru"), Relation("x", "before", "kars")]
        )


def test_an_own_date_that_contradicts_a_relation_is_an_error():
    with pytest.raises(RelativeDateError, match=r"'x' cannot be placed: its own date .* and before 'kars'"):
        relative_windows(
            {"kars": KARS_FALLS, "x": (D(1920, 11, 15), D(1920, 11, 15))}, [Relation("x", "before", "kars")]
        )


def test_an_event_placed_relative_to_itself_is_an_error():
    with pytest.raises(RelativeDateError, match="itself"):
        relative_windows({}, [Relation("a", "after", "a")])
