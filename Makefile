# Communiqué — `make run` opens the app with the sample, `make test` runs every check.
GO       ?= go
BIN      ?= communique
# Packages without a display, tested with the race detector. The main package
# is left out: it links Fyne, whose cgo parts would be rebuilt for -race.
HEADLESS  = $(shell $(GO) list ./... | grep -v -e /app/ui -e '^communique$$')

.PHONY: deps run build test vet fuzz bench screenshots clean

deps:
	@scripts/deps.sh

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

vet: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

test: vet
	$(GO) test -race $(HEADLESS)
	$(GO) test . ./app/ui/...
	$(MAKE) --no-print-directory fuzz FUZZTIME=15s

FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseWrite$$' -fuzztime $(FUZZTIME) ./i18n/catalog

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

screenshots: build
	@scripts/deps.sh --screenshots
	scripts/screenshots.sh ./$(BIN)

clean:
	rm -f $(BIN)
