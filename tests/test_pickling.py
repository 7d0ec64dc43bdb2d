"""Renderings travel between processes (render_many, Dask) as pickles: fast, and intact.

A rendering's readability report is thousands of small frozen records; they pickle as
their class and field values (tailor._pickling), which must give back an equal rendering.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import pytest

from tailor._pickling import pickled_by_fields

from .conftest import AUDIENCES, FORMATS


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_rendering_comes_back_from_a_pickle_equal_to_itself(tailor, glossary_only, audience, fmt):
    rendering = tailor.render(glossary_only, audience, fmt)
    copy = pickle.loads(pickle.dumps(rendering, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == rendering
    assert copy.readability == rendering.readability
    assert [type(s) for s in copy.substitutions] == [type(s) for s in rendering.substitutions]


def test_records_a_rendering_shares_are_pickled_once(tailor, glossary_only):
    # Five formats for one audience share one readability report: one copy comes back.
    renderings = [tailor.render(glossary_only, "patient", fmt) for fmt in FORMATS]
    copies = pickle.loads(pickle.dumps(renderings))
    assert len({id(c.readability) for c in copies}) == 1


def test_the_records_rebuild_through_their_init():
    @pickled_by_fields
    @dataclass(frozen=True, slots=True)
    class Dose:
        amount: float
        unit: str = "mg"
        notes: tuple[str, ...] = field(default=())

        def __post_init__(self) -> None:
            if self.amount < 0:
                raise ValueError("a dose is never negative")

    # A class defined in a test is not importable by pickle; check the recipe it gives.
    rebuild, args = Dose(2.5, "g", ("with food",)).__reduce__()
    assert rebuild is Dose and args == (2.5, "g", ("with food",))
    assert rebuild(*args) == Dose(2.5, "g", ("with food",))
    with pytest.raises(ValueError, match="never negative"):
        rebuild(-1.0, "mg", ())


def test_only_a_dataclass_whose_fields_are_all_positional_can_be_decorated():
    with pytest.raises(TypeError, match="not a dataclass"):
        pickled_by_fields(type("Plain", (), {}))

    @dataclass(frozen=True)
    class Later:
        name: str
        count: int = field(default=0, init=False)

    with pytest.raises(TypeError, match="positional"):
        pickled_by_fields(Later)
