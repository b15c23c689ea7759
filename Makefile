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

# Builds only what it runs (the server and the web UI), says where to go, then starts the demo salon.
run: deps
	tools/build.sh --target creneau
	@printf '\n  Creneau is starting with a demo salon (database %s).\n' '$(DB)'
	@printf '  Back office:   http://127.0.0.1:%s/      log in as %s / %s\n' '$(PORT)' \
	  "$${CRENEAU_ADMIN_EMAIL:-admin@demo.local}" "$${CRENEAU_ADMIN_PASSWORD:-admin-demo-123}"
	@printf '                 (or an employee: staff2@demo.creneau.local / demo-pass-123)\n'
	@printf '  Client portal: http://127.0.0.1:%s/book  log in as sophie.lemoine@example.com / demo-pass-123\n' '$(PORT)'
	@printf '  Stop with Ctrl-C.\n\n'
	@CRENEAU_ADMIN_EMAIL=$${CRENEAU_ADMIN_EMAIL:-admin@demo.local} \
	CRENEAU_ADMIN_PASSWORD=$${CRENEAU_ADMIN_PASSWORD:-admin-demo-123} \
	build/src/creneau serve --db $(DB) --listen 127.0.0.1:$(PORT) --demo

test:
	tools/test.sh

bench: build
	cmake --build build --target bench

clean:
	rm -rf build
