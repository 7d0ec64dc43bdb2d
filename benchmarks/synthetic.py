"""A large, deterministic glossary for scale figures: 10,000 made-up terms.

The words are built from syllables so they tokenise like real jargon (one to three
words, some with an abbreviation form), but they mean nothing and are never shipped: a
benchmark must not invent medical vocabulary that could leak into content.
"""

from __future__ import annotations

import random
from typing import Any

_ONSETS = ("b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v")
_VOWELS = ("a", "e", "i", "o", "u", "ae", "io", "y")
_CODAS = ("", "", "n", "s", "l", "r", "x", "m")


def _word(rng: random.Random) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
        for _ in range(rng.randint(2, 5))
    )


def glossary_data(terms: int = 10_000, seed: int = 8) -> dict[str, Any]:
    """A glossary file's content (as parsed YAML would give it) with ``terms`` entries."""
    rng = random.Random(seed)
    seen: set[str] = set()
    entries: list[dict[str, Any]] = []
    while len(entries) < terms:
        words = " ".join(_word(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3))))
        if words in seen:
            continue
        seen.add(words)
        entry: dict[str, Any] = {
            "term": words,
            "replacement": " ".join(_word(rng)[:6] for _ in range(rng.randint(1, 3))),
            "definition": f"a made-up benchmark term number {len(entries)}",
            "source": "tailor-benchmark",
        }
        if " " in words and rng.random() < 0.5:
            abbreviation = "".join(w[0] for w in words.split()).upper() + str(len(entries))
            if abbreviation.casefold() not in seen:
                seen.add(abbreviation.casefold())
                entry["forms"] = [abbreviation]
        entries.append(entry)
    return {"name": "benchmark-10k", "locale": "en", "entries": entries}
