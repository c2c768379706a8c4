# Thin wrappers over the npm scripts, so `make <target>` and `npm run <target>` do the same thing.
.PHONY: setup test lint format typecheck bench demo build ci plex-up plex-scenarios plex-down

setup:
	npm ci

test:
	npm test

lint:
	npm run lint

format:
	npm run format

typecheck:
	npm run typecheck

bench:
	npm run bench

demo:
	npm run demo

build:
	npm run build

ci:
	.ci/run

# A real Plex by hand (docs/real-plex.md): seeded media, the container, then the scenarios against it.
plex-up:
	npx tsx src/cli/main.ts seed-media docker/media
	docker compose -f docker/compose.yaml up -d --wait

plex-scenarios:
	npx tsx src/cli/main.ts run scenarios/client --target container --url http://127.0.0.1:32400

plex-down:
	docker compose -f docker/compose.yaml down
