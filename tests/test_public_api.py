"""The public API is what ``tailor.__all__`` says, and importing tailor holds no state."""

from __future__ import annotations

import tailor

from .conftest import EXAMPLE, EXAMPLE_DISCLAIMERS


def test_all_names_exist_and_nothing_public_is_missing():
    exported = set(tailor.__all__)
    assert all(hasattr(tailor, name) for name in exported)
    public_classes = {
        n for n, v in vars(tailor).items() if not n.startswith("_") and isinstance(v, type)
    }
    assert public_classes <= exported


def test_every_error_derives_from_tailor_error():
    for name in tailor.__all__:
        value = getattr(tailor, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, tailor.TailorError), name


def test_the_readme_example_works():
    t = tailor.Tailor(disclaimers=EXAMPLE_DISCLAIMERS)  # as the README says
    art = tailor.load_article(EXAMPLE)
    out = t.render(art, audience="patient", format="html")
    assert (out.audience, out.format) == ("patient", "html")
    assert out.content and out.readability is not None
    # The example's editors reworded every patient point and the audience gives its
    # sections reader titles, so no glossary term is left to replace.
    assert out.substitutions == ()
    assert isinstance(out.warnings, tuple)
