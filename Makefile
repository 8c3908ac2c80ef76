# Used by `sam build` (template.yaml: BuildMethod: makefile): builds the Lambda package with
# Maven and unpacks it into the function's artifact directory. Not needed for local runs.
.PHONY: build-ReleasesFunction build-FeedFunction build-PagesFunction build-EditorFunction

build-ReleasesFunction build-FeedFunction build-PagesFunction build-EditorFunction:
	mvn -q -B package -DskipTests
	cd "$(ARTIFACTS_DIR)" && jar xf "$(CURDIR)/target/pressfeed-lambda.jar"
