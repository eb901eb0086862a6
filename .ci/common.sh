# Shared by .ci/run and .ci/repeat: the environment, the one-time setup and the trx counting.
# shellcheck shell=bash
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# CI builds as the project's CI does (CI=true: the packages are built deterministic, with /_/ source paths).
export CI=${CI:-true}
export IOACTORS_REQUIRE_POSTGRES=1 IOACTORS_REQUIRE_BROWSER=1

step() { echo; echo "==> $*"; }

# Installs what the tests need, restores, builds (Release, benchmarks included) and packs into artifacts/packages
# (exported as IOACTORS_PACKAGE_FEED); returns non-zero on a failure.
prepare() {
  step "PostgreSQL server binaries (the persistence tests start a throwaway server)"
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) || echo "warning: could not install postgresql"
  fi

  step "Chromium (the dashboard's tests drive it headless through Microsoft.Playwright)"
  if ! command -v chromium >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) || echo "warning: could not install chromium"
  fi

  step "npm packages for the io.Connect client compatibility tests"
  (cd tests/compat && npm ci --no-audit --no-fund) || return 1
  step "npm packages of the sample window apps (samples/web: the io.Connect browser library they load)"
  (cd samples/web && npm ci --no-audit --no-fund) || return 1

  step "restore"
  dotnet restore IoActors.sln || return 1

  step "build (Release, benchmarks included)"
  dotnet build IoActors.sln --no-restore -c Release || return 1

  # The packages, with a version of this run's own (so no cached package of the same version serves instead); the
  # package tests (tests/IoActors.Packages.Tests) build the sample and the template against this feed.
  # .ci/repeat's runs share this feed; each run deletes what it extracted into the global packages folder.
  local version
  version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)-ci.$(date -u +%Y%m%d%H%M%S)"
  step "pack (Release, version $version, into artifacts/packages)"
  rm -rf artifacts/packages
  dotnet pack IoActors.sln -c Release --no-build -o artifacts/packages -p:Version="$version" || return 1
  export IOACTORS_PACKAGE_FEED=$PWD/artifacts/packages
}

# Sums the counters of the trx files in folder $1: sets PASSED, FAILED and FAILED_TESTS (one name a line).
count_results() {
  PASSED=0; FAILED=0; FAILED_TESTS=""
  local f c p fl names
  for f in "$1"/*.trx; do
    [ -f "$f" ] || continue
    c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c"); fl=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c")
    PASSED=$((PASSED + ${p:-0})); FAILED=$((FAILED + ${fl:-0}))
    names=$(grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$f" | sed -n 's/.* testName="\([^"]*\)".*/\1/p')
    [ -n "$names" ] && FAILED_TESTS="${FAILED_TESTS}${names}"$'\n'
  done
  return 0
}
