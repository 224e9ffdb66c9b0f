# Mizan — the two commands a new user needs are `make outlook` and `make test`.
SHELL   := /bin/bash
SWIFT   ?= swift
SHARED  ?= $(abspath ../shared)
MIZAN   := .build/release/mizan
OUT     ?= out
export MIZAN_SHARED := $(SHARED)

.PHONY: help deps build outlook test bench data clean

help:
	@echo "make outlook   install what is missing, build (release), run the yearly job on Datasets/morocco"
	@echo "make test      the whole test suite (unit, NIST StRD, data checks)"
	@echo "make bench     side-by-side timings against the peers in $(SHARED)/peers"
	@echo "make data      regenerate Datasets/ from $(SHARED)/datasets (deterministic)"

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c release --product mizan

# The full `mizan outlook` command does not exist yet; this runs the most complete job available:
# validate the bundled panels, forecast employment for every region × occupation (reconciled,
# with intervals), backtest the models, rank the occupations in shortage per region, and — with
# ESCO at $(ESCO) — recommend training paths for the sample profiles and list the skills gap.
ESCO ?= $(SHARED)/datasets/esco
outlook: build
	@echo "== mizan outlook is not built yet: running the most complete job available =="
	@echo "== (validate → forecast, MinT-shrink reconciled → backtest → shortage lists) into $(OUT)/ =="
	$(MIZAN) validate Datasets/morocco/panel.csv Datasets/tunisia/panel.csv
	$(MIZAN) forecast --panel Datasets/morocco/panel.csv --horizon 5 --out $(OUT)/morocco_employment_forecast.csv
	$(MIZAN) backtest --panel Datasets/morocco/panel.csv --horizon 3 --origins 4 --out $(OUT)/morocco_employment_backtest.csv
	$(MIZAN) shortages --panel Datasets/morocco/panel.csv --horizon 5 --out $(OUT)/morocco_shortages.csv
	@if [ -d "$(ESCO)" ]; then \
	  $(MIZAN) recommend --profiles Datasets/profiles/sample.jsonl --shortages $(OUT)/morocco_shortages.csv --esco $(ESCO) --out $(OUT)/recommendations.csv && \
	  $(MIZAN) skills-gap --shortages $(OUT)/morocco_shortages.csv --profiles Datasets/profiles/sample.jsonl --esco $(ESCO) --region MA-04 --out $(OUT)/skills_gap_MA-04.csv; \
	else echo "== no ESCO at $(ESCO): recommendations skipped (set ESCO=/path/to/esco) =="; fi
	@echo "== outputs in $(OUT)/ =="

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	@scripts/check-datasets.sh

bench: deps
	$(SWIFT) build -c release --product mizan
	$(SWIFT) build -c release --product mizan-bench
	Benchmarks/run.sh

data:
	python3 scripts/derive_taxonomy.py --shared $(SHARED)
	python3 scripts/make_panels.py --shared $(SHARED)
	python3 scripts/make_catalogue.py --shared $(SHARED)
	python3 scripts/make_sample_profiles.py --shared $(SHARED)

clean:
	rm -rf .build $(OUT)
