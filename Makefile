# Communiqué — `make run` opens the app with the sample, `make test` runs every check.
GO       ?= go
BIN      ?= communique
# The command line alone, for servers and CI: no Fyne, no cgo, no X11 or
# OpenGL libraries needed where it runs.
HEADLESS_BIN ?= communique-headless
# Packages without a display, tested with the race detector. The main package
# is left out: it links Fyne, whose cgo parts would be rebuilt for -race.
DOMAIN    = $(shell $(GO) list ./... | grep -v -e /app/ui -e '^communique$$')

# Go files to format-check: found on disk, not with git, so that a source
# archive without .git checks the same files (and gofmt never gets an empty
# list, on which it would read the terminal).
GOFILES = $(shell find . \( -name .git -o -name node_modules -o -name testdata -o -name dist \) -prune -o -name '*.go' -print)

.PHONY: deps run build headless test vet staticcheck fuzz fuzz-ci bench bench-export bench-status screenshots clean dist check-dist reproducible

deps:
	@scripts/deps.sh
	@test -d scripts/readers/node_modules/pdfjs-dist -a -d scripts/readers/node_modules/mupdf -a -d scripts/readers/node_modules/@hyzyla/pdfium || (cd scripts/readers && npm ci --no-audit --no-fund)

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

headless:
	CGO_ENABLED=0 $(GO) build -tags headless -o $(HEADLESS_BIN) .

vet: deps
	@test -z "$$(gofmt -l $(GOFILES) </dev/null)" || { echo "gofmt needed:"; gofmt -l $(GOFILES) </dev/null; exit 1; }
	$(GO) vet ./...
	CGO_ENABLED=0 $(GO) vet -tags headless .

# staticcheck is pinned as a tool in go.mod (go tool staticcheck).
staticcheck: deps
	$(GO) tool staticcheck ./...
	CGO_ENABLED=0 $(GO) tool staticcheck -tags headless .

# Tests never read the terminal (</dev/null): a run from a script or a
# source archive must not wait for input.
test: vet staticcheck
	$(GO) test -race $(DOMAIN) </dev/null
	$(GO) test . ./app/ui/... </dev/null
	$(MAKE) --no-print-directory fuzz-ci

# Every target's corpus in testdata/fuzz (each input a fuzzer ever failed
# on) also runs in the tests above; `make fuzz` looks for new ones.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseWrite$$' -fuzztime $(FUZZTIME) ./i18n/catfile
	$(GO) test -run '^$$' -fuzz '^FuzzParseAgreesWithGoI18n$$' -fuzztime $(FUZZTIME) ./i18n/catfile
	$(GO) test -run '^$$' -fuzz '^FuzzTOMLPhasesAgree$$' -fuzztime $(FUZZTIME) ./i18n/catfile/tomlfile
	$(GO) test -run '^$$' -fuzz '^FuzzVerify$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 0x ./app/sign

# make test fuzzes each target for a number of inputs (about ten seconds'
# worth here), not for a time: with a wall-clock -fuzztime, Go 1.26's fuzz
# coordinator can fail a run that found nothing with "context deadline
# exceeded" when the time runs out while a worker is busy (golang/go#75804,
# fixed in Go 1.27; seen in CI on FuzzParseWrite). A find still fails it and
# is written to testdata/fuzz.
fuzz-ci:
	$(GO) test -run '^$$' -fuzz '^FuzzParseWrite$$' -fuzztime 50000x -fuzzminimizetime 100x ./i18n/catfile
	$(GO) test -run '^$$' -fuzz '^FuzzParseAgreesWithGoI18n$$' -fuzztime 100000x -fuzzminimizetime 100x ./i18n/catfile
	$(GO) test -run '^$$' -fuzz '^FuzzTOMLPhasesAgree$$' -fuzztime 500000x -fuzzminimizetime 100x ./i18n/catfile/tomlfile
	$(GO) test -run '^$$' -fuzz '^FuzzVerify$$' -fuzztime 2000x -fuzzminimizetime 0x ./app/sign

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Whole `communique status --json` process against goi18n merge, 30 × 5,000.
bench-status: deps
	i18n/catalog/bench/status.sh

# Word gaps of the sample in en, fr and ar against Typst 0.10 (issue 15).
.PHONY: compare-typst
compare-typst: deps
	scripts/compare-typst.sh

# Whole `communique export` processes, both builds, against LibreOffice.
bench-export: build headless
	scripts/bench-export.sh ./$(BIN) ./$(HEADLESS_BIN)

screenshots: build
	@scripts/deps.sh --screenshots
	scripts/screenshots.sh ./$(BIN)

# Release archives for Linux, Windows and macOS in dist/ (scripts/dist.sh);
# the macOS .app is built by .github/workflows/release.yml on a Mac.
dist: deps
	@scripts/deps.sh --dist
	scripts/dist.sh dist

# Runs what make dist built: the Windows binaries under Wine, the Linux
# bundle under Xvfb, the macOS binaries' headers (scripts/check-dist.sh).
check-dist:
	@scripts/deps.sh --check-dist
	scripts/check-dist.sh dist

# Builds HEAD again in a fresh clone with an empty build cache and compares
# every file with dist/ (scripts/check-reproducible.sh). Not part of make
# test: a cold cgo build for Linux and Windows takes over 10 min on 2 cores.
reproducible:
	scripts/check-reproducible.sh dist

clean:
	rm -f $(BIN) $(HEADLESS_BIN)
	rm -rf dist
