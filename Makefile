# Mizan — the two commands a new user needs are `make outlook` and `make test`.
SHELL   := /bin/bash
SWIFT   ?= swift
SHARED  ?= $(abspath ../shared)
MIZAN   := .build/release/mizan
OUT     ?= out
export MIZAN_SHARED := $(SHARED)

.PHONY: help deps build outlook serve test scale-test wheel bench data clean

help:
	@echo "make outlook   install what is missing, build (release), run the yearly job on Datasets/morocco and Datasets/tunisia"
	@echo "make serve     the web workspace on the outlook (http://127.0.0.1:8080/fr/shortages)"
	@echo "make test      the whole test suite (unit, NIST StRD, data checks, no repeated code blocks in Sources/)"
	@echo "make scale-test  the Slurm scripts on a one-node cluster (installs Slurm from Debian; root)"
	@echo "make wheel     a platform wheel of the Python package (python/) carrying the binary, in python/dist"
	@echo "make bench     side-by-side timings against the peers in $(SHARED)/peers"
	@echo "make data      regenerate Datasets/ from $(SHARED)/datasets (deterministic)"

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c release --product mizan

# The yearly outlook on the bundled Morocco data (Datasets/morocco/outlook.toml), then Tunisia's
# (Datasets/tunisia/outlook.toml, a few seconds more): forecasts,
# shortage lists now and at the horizon, skills gap, recommendations for the sample profiles,
# manifest and a self-contained HTML report in $(OUT)/outlook. ESCO is read from ../shared.
# Then job-seeker profiling on the synthetic registry, with the Morocco list as the occupation outlook.
outlook: build
	$(MIZAN) validate Datasets/morocco/panel.csv Datasets/tunisia/panel.csv
	$(MIZAN) outlook --config Datasets/morocco/outlook.toml --out $(OUT)/outlook
	$(MIZAN) scenario --config Datasets/morocco/outlook.toml --baseline $(OUT)/outlook --scenario Datasets/morocco/scenarios/kenitra_plant.toml --out $(OUT)/scenario-kenitra
	$(MIZAN) outlook --config Datasets/tunisia/outlook.toml --out $(OUT)/outlook-tunisia --vintages $(OUT)/vintages-tunisia.sqlite
	$(MIZAN) profile-risk --registry Datasets/morocco/registry.csv --train-until 2021 --shortages $(OUT)/outlook/shortages.csv --out $(OUT)/profiling/scores.csv --report $(OUT)/profiling
	@echo "== outlooks in $(OUT)/outlook (Morocco) and $(OUT)/outlook-tunisia (Tunisia): open report.html in each; a scenario beside the Morocco baseline in $(OUT)/scenario-kenitra; job-seeker profiling (synthetic registry) in $(OUT)/profiling =="

serve: outlook
	$(MIZAN) serve --scenario $(OUT)/scenario-kenitra

test:
	@scripts/ensure-deps.sh --test
	@python3 scripts/check_duplicates.py Sources
	@python3 scripts/check_module_readmes.py Sources
	@python3 scripts/check_blas_policy.py Sources
	@python3 scripts/check_html_policy.py Sources
	$(SWIFT) build --build-tests
	$(SWIFT) test
	@scripts/check-datasets.sh
	@scripts/check-report.sh
	@MIZAN_BIN=$(CURDIR)/.build/debug/mizan scripts/test-python.sh
	@MIZAN_BIN=$(CURDIR)/.build/debug/mizan scripts/run-notebooks.sh
	@MIZAN_BIN=$(CURDIR)/.build/debug/mizan scripts/check-xlsx.sh
	@MIZAN_BIN=$(CURDIR)/.build/debug/mizan scripts/check-workspace.sh
	@MIZAN_BIN=$(CURDIR)/.build/debug/mizan scripts/scale-test.sh

# The Slurm scripts (scripts/slurm) run for real on a one-node cluster started and stopped here:
# sharded recommendations with a killed task, a scenario ensemble; bytes compared with one run.
scale-test:
	@scripts/ensure-deps.sh --test
	$(SWIFT) build --product mizan
	@MIZAN_BIN=$(CURDIR)/.build/debug/mizan scripts/scale-test.sh

# A platform wheel of the Python package (python/) that carries the release binary, the Swift
# runtime linked in statically; OpenBLAS, LAPACKE, SQLite and libdeflate stay system libraries
# (importing mizan says which apt packages are missing). Written to python/dist/.
wheel: deps
	$(SWIFT) build -c release --product mizan --static-swift-stdlib
	mkdir -p python/mizan/bin && cp .build/release/mizan python/mizan/bin/mizan
	@scripts/test-python.sh --venv-only
	.venv-python/bin/pip wheel -q --no-deps --no-build-isolation -w python/dist ./python; rc=$$?; rm -rf python/mizan/bin python/build; exit $$rc
	@ls python/dist/*.whl

bench:
	@scripts/ensure-deps.sh --bench
	$(SWIFT) build -c release --product mizan
	$(SWIFT) build -c release --product mizan-bench
	Benchmarks/run.sh

data:
	python3 scripts/derive_taxonomy.py --shared $(SHARED)
	python3 scripts/make_panels.py --shared $(SHARED)
	python3 scripts/make_staffing.py --shared $(SHARED)
	python3 scripts/make_catalogue.py --shared $(SHARED)
	python3 scripts/make_sample_profiles.py --shared $(SHARED)
	python3 scripts/make_registry.py

clean:
	rm -rf .build $(OUT)
