"""Batch rendering: many requests, any executor, results in request order, errors per request."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tailor import (
    ArticleError,
    BatchError,
    InvariantError,
    RenderRequest,
    Tailor,
    TailorError,
    UnknownAudienceError,
)

from .conftest import AUDIENCES, FORMATS, example_tailor


@pytest.fixture(scope="module")
def requests(baclofen):
    return [RenderRequest(baclofen, a, f, readability=False) for a in AUDIENCES for f in FORMATS]


def _expected(tailor, requests):
    return [tailor.render(r.article, r.audience, r.format, readability=False) for r in requests]


def test_threads_render_every_request_in_request_order(tailor, requests):
    with ThreadPoolExecutor(2) as pool:
        got = tailor.render_many(requests, pool, chunk_size=2)
    assert [g.content for g in got] == [e.content for e in _expected(tailor, requests)]
    assert [(g.audience, g.format) for g in got] == [(r.audience, r.format) for r in requests]


def test_by_default_requests_render_in_worker_processes(tailor, baclofen):
    reqs = [
        RenderRequest(baclofen, "patient", "text", readability=False),
        RenderRequest(baclofen, "clinician", "markdown", readability=False),
    ]
    got = tailor.render_many(reqs)
    assert [g.content for g in got] == [e.content for e in _expected(tailor, reqs)]


def test_a_dask_cluster_renders_a_batch_through_its_executor(tailor, requests):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            # ":0", a free port: None still serves /metrics on 8787, which a benchmark or
            # a second run may hold ("Cluster failed to start: Port 8787 is already in use").
            n_workers=1,
            threads_per_worker=2,
            processes=False,
            dashboard_address=":0",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        got = tailor.render_many(requests[:6], client.get_executor(), chunk_size=2)
    assert [g.content for g in got] == [e.content for e in _expected(tailor, requests[:6])]


def test_a_failed_request_is_reported_with_its_index_after_all_others_were_tried(tailor, baclofen):
    reqs = [(baclofen, "patient"), (baclofen, "astronaut"), (baclofen, "clinician", "text")]
    with ThreadPoolExecutor(2) as pool, pytest.raises(BatchError) as caught:
        tailor.render_many(reqs, pool, chunk_size=1)
    error = caught.value
    assert isinstance(error, TailorError)
    assert [i for i, _ in error.failures] == [1]
    assert isinstance(error.failures[0][1], UnknownAudienceError)
    assert "request 1" in str(error) and "astronaut" in str(error)
    assert error.results[0].audience == "patient" and error.results[2].format == "text"


def test_errors_can_come_back_in_place_of_their_renderings(tailor, baclofen):
    reqs = [(baclofen, "astronaut"), (baclofen, "patient", "nonsense")]
    got = tailor.render_many(reqs, ThreadPoolExecutor(1), errors="return")
    assert [type(g).__name__ for g in got] == ["UnknownAudienceError", "UnknownFormatError"]


def test_progress_is_reported_chunk_by_chunk_up_to_the_total(tailor, requests):
    seen: list[tuple[int, int]] = []
    with ThreadPoolExecutor(2) as pool:
        tailor.render_many(requests, pool, chunk_size=4, progress=lambda d, t: seen.append((d, t)))
    assert [t for _, t in seen] == [len(requests)] * len(seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == len(requests) and len(seen) == -(-len(requests) // 4)


def test_a_request_is_a_render_request_or_a_tuple(baclofen):
    assert RenderRequest.of((baclofen, "patient")) == RenderRequest(baclofen, "patient")
    with pytest.raises(TypeError, match="RenderRequest"):
        RenderRequest.of(("baclofen", "patient"))  # type: ignore[arg-type]


def test_a_tailor_pickles_as_its_configuration(tmp_path, baclofen):
    (tmp_path / "nurse.yaml").write_text("extends: clinician\nlabel: Nurse\n")
    t = example_tailor(audience_dirs=[tmp_path])
    copy = pickle.loads(pickle.dumps(t))
    assert list(copy.audiences) == list(t.audiences)
    assert (
        copy.render(baclofen, "nurse", readability=False).content
        == t.render(baclofen, "nurse", readability=False).content
    )


@pytest.mark.parametrize(
    "error",
    [
        InvariantError("point.present", "lost", audience="patient", format="html", point_id="p"),
        UnknownAudienceError("astronaut", ["patient"]),
        ArticleError("invalid article", source="a.yaml"),
    ],
)
def test_errors_survive_the_trip_back_from_a_worker_process(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error) and vars(copy) == vars(error)


def test_a_worker_builds_its_tailor_once_and_reuses_it_for_every_chunk(tmp_path):
    """Issue 16: a worker process rebuilt the Tailor (glossaries compiled, dictionaries
    loaded) for every chunk; now the first chunk builds it and later ones reuse it."""
    from tailor.batch import process_pool

    t = Tailor(audience_dirs=[tmp_path])
    pool = process_pool(1)
    try:
        first = {pool.submit(id, t).result() for _ in range(4)}
        assert len(first) == 1  # one worker, one Tailor, whatever the number of tasks
        (tmp_path / "nurse.yaml").write_text("extends: clinician\nlabel: Nurse\n")
        assert pool.submit(id, t).result() not in first  # a changed folder: built afresh
        assert "nurse" in pool.submit(_audiences, t).result()
    finally:
        pool.shutdown()


def _audiences(t: Tailor) -> list[str]:
    return list(t.audiences)


def test_unpickling_the_same_configuration_gives_the_tailor_built_for_it(tmp_path, baclofen):
    t = Tailor(audience_dirs=[tmp_path], max_output_chars=99_999)
    one, two = pickle.loads(pickle.dumps(t)), pickle.loads(pickle.dumps(t))
    assert one is two and one is not t and one.max_output_chars == 99_999
    other = pickle.loads(pickle.dumps(Tailor(audience_dirs=[tmp_path], max_output_chars=88_888)))
    assert other is not one and other.max_output_chars == 88_888
    (tmp_path / "nurse.yaml").write_text("extends: clinician\nlabel: Nurse\n")
    fresh = pickle.loads(pickle.dumps(t))
    assert fresh is not one and "nurse" in fresh.audiences and "nurse" not in one.audiences


@settings(max_examples=200, deadline=None)
@given(
    plan=st.lists(
        st.tuples(st.integers(0, 4), st.sampled_from(AUDIENCES), st.sampled_from(FORMATS)),
        max_size=80,
    ),
    size=st.integers(1, 20),
)
def test_automatic_chunks_keep_an_articles_formats_for_one_audience_together(
    glossary_only, baclofen, plan, size
):
    """Each request is in exactly one chunk; no chunk is over the size; the requests that
    share an article and an audience (and so one prepared article, one readability report
    in a worker's caches) are in one chunk unless there are more of them than a chunk holds."""
    from tailor.batch import _chunks

    articles = [baclofen, glossary_only, baclofen.model_copy(), glossary_only.model_copy(), None]
    indexed = [
        (i, RenderRequest(articles[a] or baclofen, audience, fmt))
        for i, (a, audience, fmt) in enumerate(plan)
    ]
    chunks = _chunks(indexed, size)
    assert sorted(i for chunk in chunks for i, _ in chunk) == list(range(len(plan)))
    assert all(0 < len(chunk) <= size for chunk in chunks)
    where: dict[tuple[int, str], set[int]] = {}
    for number, chunk in enumerate(chunks):
        for _, req in chunk:
            where.setdefault((id(req.article), req.audience), set()).add(number)
    for (article, audience), numbers in where.items():
        together = sum(1 for _, r in indexed if (id(r.article), r.audience) == (article, audience))
        assert len(numbers) <= -(-together // size), (article, audience, numbers)


def test_dask_names_a_render_task_without_pickling_the_article_or_building_a_tailor(
    tailor, baclofen, glossary_only, monkeypatch, tmp_path
):
    """Issue 16: Dask's client hashes every argument of a task it submits, by pickling and
    unpickling an object it knows nothing of; unpickling a Tailor builds one. Articles and
    Tailors name themselves instead: by content, and by configuration and site folders."""
    tokenize = pytest.importorskip("dask.base").tokenize
    from tailor import batch

    chunk = [(0, RenderRequest(baclofen, "patient")), (1, RenderRequest(glossary_only, "patient"))]
    named = tokenize(tailor, chunk)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pickled or built while naming a task")

    monkeypatch.setattr(type(baclofen), "__getstate__", refuse)
    monkeypatch.setattr(batch, "built_tailor", refuse)
    assert tokenize(tailor, chunk) == named
    same = [(0, RenderRequest(baclofen.model_copy(), "patient")), chunk[1]]
    assert tokenize(tailor, same) == named  # the same content, whatever the object
    assert tokenize(tailor, chunk[::-1]) != named
    assert tokenize(tailor, [chunk[0], (1, RenderRequest(glossary_only, "caregiver"))]) != named
    assert tokenize(example_tailor(max_output_chars=99), chunk) != named
    site = example_tailor(audience_dirs=[tmp_path])
    before = tokenize(site, chunk)
    (tmp_path / "nurse.yaml").write_text("extends: clinician\nlabel: Nurse\n")
    assert tokenize(site, chunk) != before  # an edited site folder: another task


def test_a_dask_worker_process_builds_its_tailor_once_for_every_task(tailor, requests):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executor = client.get_executor()
        seen = {executor.submit(_tailor_id, tailor, i).result() for i in range(4)}
        got = tailor.render_many(requests[:6], executor, chunk_size=2)
    assert len(seen) == 1  # one worker process, one Tailor, however many tasks
    assert [g.content for g in got] == [e.content for e in _expected(tailor, requests[:6])]


def _tailor_id(t: Tailor, _task: int) -> tuple[int, int]:
    import os

    return os.getpid(), id(t)


def test_the_heaviest_articles_are_handed_out_first_so_workers_finish_together(baclofen):
    """Longest processing time first: the chunks handed out last hold the least prose, so
    no worker is left rendering a long summary while the other waits (issue 16)."""
    from tailor.batch import _chunks, _weight

    lead = baclofen.lead
    longer = baclofen.model_copy(update={"lead": lead.model_copy(update={"text": lead.text * 3})})
    assert _weight(longer) > _weight(baclofen)
    indexed = [
        (i, RenderRequest(article, audience, fmt))
        for i, (article, audience, fmt) in enumerate(
            (a, aud, f) for a in (baclofen, longer) for aud in AUDIENCES for f in FORMATS[:2]
        )
    ]
    chunks = _chunks(indexed, 2)
    assert [{r.article is longer for _, r in chunk} for chunk in chunks] == [{True}] * 3 + [
        {False}
    ] * 3
    assert sorted(i for chunk in chunks for i, _ in chunk) == list(range(len(indexed)))
