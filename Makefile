# Every install step lives here, so a fresh clone (and CI) needs nothing from anyone's shell
# history.  `make run` opens the desk; `make test` runs lint and every test, headless.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= offscreen

# Debian packages the tests use: Qt's runtime libraries, Xvfb for screenshots, LibreOffice to
# render exported Word files, poppler for PDF pages, and Tesseract's English, French, Spanish
# and orientation models, which the package bundles (the engine itself comes with tesserocr's
# wheel).  Installed only as root with apt (as in CI).
SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 \
	libxcb-image0 xvfb xauth libreoffice-writer-nogui poppler-utils strace \
	tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-osd

# The Windows package is built and tested under Wine (build_scripts/windows/): Debian's Wine,
# osslsigncode to check python.org's signatures, MinGW for the prefix's icuuc stub, Xvfb.
WINDOWS_PACKAGES := wine wine64 fonts-wine osslsigncode gcc-mingw-w64-x86-64 xvfb xauth
# The Wine prefix, python.org's CPython for Windows and the Windows wheels are kept here between
# runs (outside the clone, so a fresh clone on the same machine reuses them).
export LAPDESK_BUILD_CACHE ?= $(HOME)/.cache/lapdesk-build
# The package is built from its own environment: runtime dependencies and PyInstaller only.
PACKAGE_ENV := build/package-env

# `$(call timed,NAME,COMMAND)` runs a step and says how long it took.
timed = @start=$$(date +%s); $(2) || exit 1; echo "== $(1): $$(( $$(date +%s) - start )) s"

.PHONY: install run test lint system-deps windows-deps bench package package-windows \
	smoke smoke-windows test-windows screenshots fuzz clean export-pages tessdata

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/lapdesk

system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "Installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		fi; \
	else echo "Not root with apt: skipping system packages (tests that need them will say so)."; fi

windows-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		missing=$$(for p in $(WINDOWS_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "Installing system packages for the Windows build: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		fi; \
	else echo "Not root with apt: skipping the Windows build's packages (make package-windows will say what is missing)."; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The packaged apps are built and smoke-tested as part of the tests: what the team launches is
# the frozen program, so a missing hidden import must fail here, not on a laptop.  Each step
# says how long it took; pytest runs last so that its summary is the run's closing line.
test: $(STAMP) system-deps windows-deps lint
	$(call timed,package (Linux),$(MAKE) --no-print-directory package)
	$(call timed,smoke (Linux),$(BIN)/python build_scripts/smoke_frozen.py)
	$(call timed,package-windows,$(MAKE) --no-print-directory package-windows)
	$(call timed,smoke-windows,$(BIN)/python build_scripts/smoke_frozen.py --windows)
	$(BIN)/python -m pytest -q

# The OCR models go into build/tessdata, where the spec (Linux and Windows builds alike) and
# the source tree find them.
tessdata: system-deps
	$(BIN)/python build_scripts/collect_tessdata.py

package: $(STAMP) tessdata
	@python=$$($(PYTHON) build_scripts/build_env.py $(PACKAGE_ENV)) && $$python build_scripts/package.py

# dist/windows/LAPDesk/ and dist/LAPDesk-<version>-windows.zip, under Wine (skips, saying what
# is missing, where Wine is not installed).  build_scripts/wine.sh runs the result.
package-windows: $(STAMP) tessdata
	$(PYTHON) build_scripts/windows/package_windows.py

smoke: $(STAMP)
	$(BIN)/python build_scripts/smoke_frozen.py

smoke-windows: $(STAMP)
	$(BIN)/python build_scripts/smoke_frozen.py --windows

# The whole test suite under python.org's CPython for Windows, in Wine (CI runs it after `make test`).
test-windows: $(STAMP) windows-deps tessdata
	$(PYTHON) build_scripts/windows/pytest_wine.py -q

bench: $(STAMP)
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Team work's property test, long: LAPDESK_SOAK_EXAMPLES runs of 60 steps (make test runs 12
# of 30).
LAPDESK_SOAK_EXAMPLES ?= 300
.PHONY: soak
soak: $(STAMP)
	LAPDESK_SOAK_EXAMPLES=$(LAPDESK_SOAK_EXAMPLES) $(BIN)/python -m pytest -q -s tests/test_team_property.py

# The first two pages of the demo store's working paper, rendered by LibreOffice, for the docs.
export-pages: $(STAMP) system-deps
	$(BIN)/python build_scripts/render_export.py

# Mutated samples of every format fed to the extractors (FUZZ_MINUTES long); failing inputs
# are kept in bench/out/fuzz-failures/.
FUZZ_MINUTES ?= 10
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz_ingest.py --minutes $(FUZZ_MINUTES)

# The README's screenshots, from the demo store, under a real X server so fonts render as on a
# desktop: on a laptop's screen and on a desk monitor's.
screenshots: $(STAMP)
	for size in 1366x768 1920x1080; do \
		QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 $${size}x24" \
			$(BIN)/python build_scripts/screenshots.py --size $$size || exit 1; \
	done

# The drafting round's screenshots: the amendment view, the compilation and Rev.1 with changes.
.PHONY: round-screenshots
round-screenshots: $(STAMP) system-deps
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python build_scripts/round_screenshots.py

# The suggester's precision and recall per section on the labelled sets, printed.
.PHONY: quality
quality: $(STAMP)
	$(BIN)/python -m pytest -q -s tests/test_suggest_quality.py tests/test_rounds_instructions.py

clean:
	rm -rf build dist .pytest_cache .ruff_cache bench/out
