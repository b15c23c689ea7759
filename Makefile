# Two commands for a newcomer on Debian 12:
#   make run    installs the dependencies, builds, and starts the server with a demo salon on SQLite
#   make test   installs the dependencies, builds with warnings as errors, and runs every test
.PHONY: run test build deps bench clean

PORT ?= 8080
DB ?= creneau-demo.db

deps:
	tools/install-deps.sh

build: deps
	tools/build.sh

run: build
	CRENEAU_ADMIN_EMAIL=$${CRENEAU_ADMIN_EMAIL:-admin@demo.local} \
	CRENEAU_ADMIN_PASSWORD=$${CRENEAU_ADMIN_PASSWORD:-admin-demo-123} \
	build/src/creneau serve --db $(DB) --listen 127.0.0.1:$(PORT) --demo

test:
	tools/test.sh

bench: build
	cmake --build build --target bench

clean:
	rm -rf build
