"""Templates from a site's folder are content, not code: they render in a sandbox.

Each attempt below is a known way out of a Jinja2 template into Python (the classic
server-side template injection payloads). Every one must fail with a
:class:`TemplateError` that names the template file, never run, never crash with a
Python error, and never print anything from Python's internals.
"""

from __future__ import annotations

import pytest

from tailor import TemplateError

from .conftest import example_tailor

ESCAPES = {
    "class-mro-subclasses": "{{ article.__class__.__mro__[1].__subclasses__() }}",
    "empty-string-class": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "function-globals": "{{ cited.__globals__ }}",
    "gettext-globals": "{{ _.__globals__['__builtins__'] }}",
    "cycler-init-globals": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "joiner-init-globals": "{{ joiner.__init__.__globals__.os }}",
    "namespace-init-globals": "{{ namespace.__init__.__globals__ }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "range-class": "{{ range.__class__.__mro__ }}",
    "attr-filter-dunder": "{{ cycler | attr('__init__') | attr('__globals__') }}",
    "attr-filter-escaped-name": "{{ cycler | attr('\\x5f\\x5finit\\x5f\\x5f') }}",
    "getitem-dunder": "{{ cycler['__init__']['__globals__'] }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "format-attribute": "{{ '{0.__class__.__mro__}'.format(article) }}",
    "format-map": "{{ '{a.__class__}'.format_map({'a': article}) }}",
    "percent-format-object": "{{ ('%s' % article.__class__) }}",
    "audience-model-internals": "{{ audience.model_config }}{{ audience.__dict__ }}",
    "mutating-a-list": "{% set x = references.append(1) %}{{ x }}",
    "mutating-a-dict": "{% set _ = article.update(title='owned') %}x",
    "method-of-builtin": "{{ references.__len__() }}",
    "import-statement": "{% import 'os' as os %}{{ os }}",
    "huge-repetition": "{{ 'x' * 1000000000 }}",
    "huge-power": "{{ 10 ** 100000000 }}",
    "huge-range": "{{ range(10 ** 9) | list | length }}",
    "recursive-macro": "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}",
    "division-by-zero": "{{ 1 / 0 }}",
}


@pytest.mark.parametrize("source", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_site_template_cannot_reach_python(tmp_path, baclofen, source):
    (tmp_path / "article.txt.j2").write_text(source, encoding="utf-8")
    t = example_tailor(template_dirs=[tmp_path])
    with pytest.raises(TemplateError) as info:
        t.render(baclofen, "patient", "text")
    message = str(info.value)
    assert "article.txt.j2" in message  # the error names the file the site must fix
    assert "\n" not in message.strip() or "Traceback" not in message
    for leak in ("<module", "<function", "<class", "builtins", "uid="):
        assert leak not in message, (leak, message)


def test_unsafe_attribute_access_says_why(tmp_path, baclofen):
    (tmp_path / "article.txt.j2").write_text("{{ cycler.__init__.__globals__ }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"unsafe") as info:
        example_tailor(template_dirs=[tmp_path]).render(baclofen, "patient", "text")
    assert "__init__" in str(info.value) or "__globals__" in str(info.value)


def test_a_sandboxed_template_still_renders_the_article(tmp_path, baclofen):
    # The sandbox does not get in the way of an honest template (repetition included).
    from tailor.tailor import BUNDLED_TEMPLATES

    for name in ("article.txt.j2", "article.html.j2", "_macros.html.j2"):
        (tmp_path / name).write_text(
            (BUNDLED_TEMPLATES / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    sandboxed = example_tailor(template_dirs=[tmp_path])
    plain = example_tailor()
    for fmt in ("text", "html"):
        assert (
            sandboxed.render(baclofen, "patient", fmt).content
            == plain.render(baclofen, "patient", fmt).content
        )
