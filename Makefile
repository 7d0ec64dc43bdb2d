# The two quick-start commands (`make demo`, `make test`) work on a machine with only
# Python 3 and make: the first use creates .venv and installs tailor with its dev extra.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EXAMPLE := examples/articles/baclofen.yaml
EXAMPLE_ES := examples/articles/baclofen.es.yaml
LOCALEDIR := src/tailor/locale

.PHONY: demo test lint typecheck unit bench clean browser docs glossary glossary-compact

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# The examples' deployment accepts the disclaimer the example article carries.
demo: export TAILOR_DISCLAIMERS = examples/disclaimers.yaml
demo: $(STAMP)
	@for a in clinician patient caregiver; do \
	  echo "=================== audience: $$a ==================="; \
	  $(BIN)/tailor render $(EXAMPLE) --audience $$a --format text || exit 1; \
	done
	@for a in clinician patient caregiver; do \
	  echo "=================== audience: $$a, locale: es ==================="; \
	  $(BIN)/tailor render $(EXAMPLE_ES) --audience $$a --format text || exit 1; \
	done

# Re-extract interface strings (babel.cfg says where) and merge them into every locale's
# catalog; then translate the new entries. tailor compiles the .po files itself on first use.
.PHONY: catalogs
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o $(LOCALEDIR)/tailor.pot --project=tailor \
	  --copyright-holder="tailor contributors" -c TRANSLATORS: .
	$(BIN)/pybabel update -i $(LOCALEDIR)/tailor.pot -d $(LOCALEDIR) -D tailor \
	  --no-fuzzy-matching --ignore-obsolete

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy src

# The preview page and XSS tests drive Debian's Chromium (never Playwright's download).
browser:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)

unit: $(STAMP) browser
	$(BIN)/pytest

# Speed, memory and real-corpus figures, each printed with its target (see benchmarks/).
# Every benchmarks/*_bench.py module is picked up by the runner; BENCH_ARGS=--quick for a smoke run.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

test: lint typecheck unit

# The documentation site, into site/ (warnings are errors, as in the tests).
docs: $(STAMP)
	$(BIN)/mkdocs build --strict

# Regenerate the bundled English glossary from ../shared/data (CDC Plain Language
# Thesaurus, NCI dictionaries, Human Phenotype Ontology layperson synonyms, the ODD NCI PDQ
# rows and the FDA labels as building text) plus the hand-written seeds in scripts/glossary.
# The result is committed; tests never need the data. Then the compact forms that every
# Tailor reads instead of the YAML (glossary-compact).
glossary: $(STAMP)
	$(BIN)/python scripts/build_glossary.py
	$(BIN)/python scripts/compact_glossaries.py

# After a hand edit of a bundled glossary: its compact form (glossaries/*.compact.json,
# committed), which tailor ignores, reading the slow YAML, once it no longer matches.
glossary-compact: $(STAMP)
	$(BIN)/python scripts/compact_glossaries.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .pytest_cache .ruff_cache
