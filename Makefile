# Communiqué — `make run` opens the app with the sample, `make test` runs every check.
GO       ?= go
BIN      ?= communique
# The command line alone, for servers and CI: no Fyne, no cgo, no X11 or
# OpenGL libraries needed where it runs.
HEADLESS_BIN ?= communique-headless
# Packages without a display, tested with the race detector. The main package
# is left out: it links Fyne, whose cgo parts would be rebuilt for -race.
DOMAIN    = $(shell $(GO) list ./... | grep -v -e /app/ui -e '^communique$$')

.PHONY: deps run build headless test vet fuzz bench bench-export bench-status screenshots clean

deps:
	@scripts/deps.sh
	@test -d scripts/readers/node_modules/pdfjs-dist || (cd scripts/readers && npm ci --no-audit --no-fund)

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

headless:
	CGO_ENABLED=0 $(GO) build -tags headless -o $(HEADLESS_BIN) .

vet: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	CGO_ENABLED=0 $(GO) vet -tags headless .

test: vet
	$(GO) test -race $(DOMAIN)
	$(GO) test . ./app/ui/...
	$(MAKE) --no-print-directory fuzz FUZZTIME=15s

FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseWrite$$' -fuzztime $(FUZZTIME) ./i18n/catalog
	$(GO) test -run '^$$' -fuzz '^FuzzVerify$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 0x ./app/sign

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Whole `communique status --json` process against goi18n merge, 30 × 5,000.
bench-status: deps
	i18n/catalog/bench/status.sh

# Whole `communique export` processes, both builds, against LibreOffice.
bench-export: build headless
	scripts/bench-export.sh ./$(BIN) ./$(HEADLESS_BIN)

screenshots: build
	@scripts/deps.sh --screenshots
	scripts/screenshots.sh ./$(BIN)

clean:
	rm -f $(BIN) $(HEADLESS_BIN)
