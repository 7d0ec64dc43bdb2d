"""A site template cannot exhaust memory or time, nor read files outside its folder.

Site templates (``template_dirs``) are content, rendered in a sandbox (see
``tailor.pipeline._sandbox``). Each file of ``fixtures/hostile_templates/resources`` is one way a
template could grow a value or spin (issue 17: ``'x'.ljust(2*10**9)``, ``|center``, ``%``
and ``format`` widths, ``|indent``, doubling loops, nested ranges, ``lipsum``, big
integers, deep nesting, Jinja2's own ``AssertionError``s): every one must end in a
:class:`TemplateError` naming the template, with the process's peak memory under 500 MB.
They run in a child process, so its peak resident memory is theirs alone, with its address
space capped so that a regression fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tailor import InvariantError, SandboxLimits, Tailor, TemplateError, load_article
from tailor.tailor import BUNDLED_AUDIENCES

from .conftest import example_tailor

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "fixtures" / "hostile_templates" / "resources"
ARTICLE = HERE / "fixtures" / "golden" / "article.yaml"
ATTACKS = sorted(p.name.removesuffix(".j2") for p in CORPUS.glob("*.j2"))
PEAK_MB = 500


def _cap_address_space() -> None:
    limit = 3 * 2**30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.fixture(scope="module")
def attack_results() -> dict:
    child = subprocess.run(
        [sys.executable, str(HERE / "_hostile_child.py"), str(CORPUS), str(ARTICLE), *ATTACKS],
        capture_output=True,
        text=True,
        timeout=900,
        preexec_fn=_cap_address_space,
        env={**os.environ, "PYTHONPATH": str(HERE.parent / "src")},
    )
    assert child.returncode == 0, child.stderr[-2000:]
    return json.loads(child.stdout)


def test_the_corpus_holds_every_attack_of_the_issue():
    assert len(ATTACKS) >= 40


@pytest.mark.parametrize("name", ATTACKS)
def test_a_resource_attack_ends_in_a_template_error(attack_results, name):
    outcome, message, seconds = attack_results["results"][name]
    assert outcome == "TemplateError", (name, outcome, message)
    assert "article.txt.j2" in message
    # Bounded, not merely slow: an unbounded attack runs for minutes or hours. (The time
    # limit itself is SandboxLimits.max_seconds; this only catches a hang.)
    assert seconds < 30, (name, seconds)


def test_the_attacks_peak_memory_stays_under_500_mb(attack_results):
    assert attack_results["peak_rss_mb"] < PEAK_MB


def test_the_peak_memory_figure_is_the_attacks_own_not_the_test_runners():
    # The child is forked from the test runner (~500 MB in a full run); Linux carries the
    # fork's peak into ru_maxrss across exec, which once made the attacks "use" 500.8 MB.
    # A parent holding 400 MB starts the child with no attack: the figure stays small.
    parent = (
        "import json, os, subprocess, sys\n"
        "ballast = bytearray(400 * 2**20)\n"
        "for i in range(0, len(ballast), 4096): ballast[i] = 1\n"
        "out = subprocess.run([sys.executable, *sys.argv[1:]], capture_output=True,"
        " text=True, preexec_fn=lambda: None, check=True).stdout\n"
        "print(json.loads(out)['peak_rss_mb'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", parent, str(HERE / "_hostile_child.py"), str(CORPUS), str(ARTICLE)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(HERE.parent / "src")},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert float(result.stdout) < 200


def _site(tmp_path: Path, files: dict[str, str], **options) -> Tailor:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return example_tailor(
        bundled=False, audience_dirs=[BUNDLED_AUDIENCES], template_dirs=[tmp_path], **options
    )


@pytest.fixture(scope="module")
def article():
    return load_article(ARTICLE)


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path, article):
    site = tmp_path / "site"
    site.mkdir()
    (site / "passwd.j2").symlink_to("/etc/passwd")
    t = _site(site, {"article.txt.j2": "{% include 'passwd.j2' %}"})
    with pytest.raises(TemplateError, match="not found") as info:
        t.render(article, "patient", "text")
    assert "root:" not in str(info.value)


def test_a_symlinked_folder_out_of_the_folder_is_not_followed(tmp_path, article):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.j2").write_text("SECRET", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "linked").symlink_to(outside)
    t = _site(site, {"article.txt.j2": "{% include 'linked/secret.j2' %}"})
    with pytest.raises(TemplateError, match="not found"):
        t.render(article, "patient", "text")


def test_a_symlink_within_the_folder_still_works(tmp_path, article):
    site = tmp_path / "site"
    site.mkdir()
    (site / "real.j2").write_text("{{ article.disclaimer }}", encoding="utf-8")
    (site / "alias.j2").symlink_to(site / "real.j2")
    t = _site(site, {"article.txt.j2": "{% include 'alias.j2' %}"})
    with pytest.raises(InvariantError):  # the include works; verification refuses the page
        t.render(article, "patient", "text")


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "big"])
def test_devices_fifos_and_huge_files_are_refused_unread(tmp_path, article, target):
    site = tmp_path / "site"
    site.mkdir()
    if target == "fifo":
        os.mkfifo(site / "part.j2")
    elif target == "big":
        with (site / "part.j2").open("wb") as handle:
            handle.truncate(SandboxLimits().max_template_bytes + 1)
    else:
        (site / "part.j2").symlink_to(target)
    t = _site(site, {"article.txt.j2": "{% include 'part.j2' %}"})
    with pytest.raises(TemplateError) as info:
        t.render(article, "patient", "text")
    assert "part.j2" in str(info.value)


def test_an_extends_chain_too_deep_is_a_template_error(tmp_path, article):
    depth = 3000
    files = {f"t{i}.j2": f"{{% extends 't{i + 1}.j2' %}}" for i in range(depth)}
    files[f"t{depth}.j2"] = "{% block body %}{% endblock %}"
    files["article.txt.j2"] = "{% extends 't0.j2' %}"
    t = _site(tmp_path, files)
    with pytest.raises(TemplateError, match="deep"):
        t.render(article, "patient", "text")


def test_a_failure_in_an_included_template_names_that_file_and_line(tmp_path, article):
    t = _site(
        tmp_path,
        {
            "article.txt.j2": "line one\n{% include 'part.j2' %}\n",
            "part.j2": "fine\nfine\n{{ 'abcdef'|truncate(1) }}\n",
        },
    )
    with pytest.raises(TemplateError) as info:
        t.render(article, "patient", "text")
    assert info.value.template is not None and info.value.template.endswith("part.j2")
    assert info.value.line == 3


def test_the_limits_are_configurable(tmp_path, article):
    small = SandboxLimits(max_chars=1_000)
    t = _site(tmp_path, {"article.txt.j2": "{{ 'x' * 2000 }}"}, sandbox_limits=small)
    with pytest.raises(TemplateError, match="1,000"):
        t.render(article, "patient", "text")


@pytest.mark.parametrize(
    "block",
    [
        "{% set s %}{% for i in range(100000) %}x{% endfor %}{% endset %}{{ s|length }}",
        "{% filter upper %}{% for i in range(100000) %}x{% endfor %}{% endfilter %}",
        "{% macro m() %}{% for i in range(100000) %}x{% endfor %}{% endmacro %}{{ m() }}",
    ],
    ids=["set-block", "filter-block", "macro"],
)
def test_a_buffered_block_is_refused_by_size_not_by_the_clock(tmp_path, article, block):
    # Output collected in a block is bounded by its characters as it grows: with a clock
    # far away, the size limit still stops the loop (memory then follows the limit, not
    # the machine's speed).
    small = SandboxLimits(max_chars=1_000, max_seconds=60)
    t = _site(tmp_path, {"article.txt.j2": block}, sandbox_limits=small)
    with pytest.raises(TemplateError, match="this block"):
        t.render(article, "patient", "text")


def test_a_buffered_block_within_the_limits_keeps_every_piece_in_order():
    # Compaction joins pieces in batches; what the block holds must be exactly what was
    # written, in order, across many batches, in set blocks, filter blocks and macros.
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from tailor.pipeline._sandbox import TemplateSandbox

    source = (
        "{% macro m() %}{% for i in range(5000) %}{{ i }}<{{ '&' }}{% endfor %}{% endmacro %}"
        "{% set s %}{{ m() }}{% endset %}{% filter upper %}{{ s }}a{% endfilter %}"
    )
    env = TemplateSandbox(autoescape=True)
    plain = ImmutableSandboxedEnvironment(autoescape=True).from_string(source).render()
    assert plain.startswith("0<&AMP;1<&AMP;2")
    assert env.stream(env.from_string(source).generate()) == plain


def test_an_honest_template_uses_loops_macros_and_formatting_freely(tmp_path, article):
    # Well within every limit: the sandbox must not get in the way of a real layout.
    from tailor.tailor import BUNDLED_TEMPLATES

    bundled = (BUNDLED_TEMPLATES / "article.txt.j2").read_text(encoding="utf-8")
    extra = (
        "{% macro rule(n) %}{{ '-' * n }}{% endmacro %}"
        "{% for i in range(3) %}{{ rule(40) }}{{ '%5d|{:>6}'.format(i) if false }}"
        "{{ ('%-4s' % i) ~ ('x' ~ i)|center(9) }}{% endfor %}\n"
    )
    t = _site(tmp_path, {"article.txt.j2": extra + bundled})
    content = t.render(article, "patient", "text").content
    assert content.count("-" * 40) == 3


def test_json_output_nested_5000_deep_is_refused_in_one_line(tmp_path, article):
    t = _site(tmp_path, {"article.json.j2": "{{ '[' * 5000 }}{{ ']' * 5000 }}"})
    with pytest.raises(InvariantError, match=r"output\.parseable.*nested too deeply"):
        t.render(article, "patient", "json")
