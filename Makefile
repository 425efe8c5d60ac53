# The two commands of the README's Quick start. Each installs what the machine lacks
# (scripts/install-dependencies.sh), builds, and then does its one job.
.PHONY: verify test site-check browser-check dependencies browser-dependencies

verify: dependencies
	swift build
	swift run workbook verify --strict

test: dependencies
	swift build --build-tests
	swift test

# The checks .ci/run adds after the two commands.
site-check: dependencies
	swift run workbook build --check

browser-check: browser-dependencies
	python3 Tests/browser/check_site.py site --screenshots .build/screenshots
	python3 Tests/browser/audit_site.py site --report .build/site-audit.json

dependencies:
	@scripts/install-dependencies.sh

browser-dependencies:
	@scripts/install-dependencies.sh --browser
