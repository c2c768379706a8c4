# Thin wrappers over the npm scripts, so `make <target>` and `npm run <target>` do the same thing.
.PHONY: setup test lint format typecheck bench demo build ci

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
