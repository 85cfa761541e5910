#!/usr/bin/env bash
# Mutation testing with cargo-mutants, group by group (RELIABILITY.md,
# "Mutation testing"). Not run by .ci/run: the whole set takes hours on
# 2 cores.
#
#   .ci/mutants.sh [GROUP...]    groups: shared readers writers http diff check markdown templates text
#
# It works in a scratch clone of HEAD (mutating in place there, so that
# one build directory serves every mutant), without debug info, and runs
# for each group the tests that cover its files, leaving out the slow
# binaries (ui, botocore_models, models, live_clients) whose code the
# named ones cover too. Results: target/mutants/GROUP/mutants.out/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v cargo-mutants >/dev/null || cargo install --locked cargo-mutants
work=$root/target/mutants/tree
rm -rf "$work"
git clone -q "$root" "$work"
cd "$work"
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0 CARGO_TERM_COLOR=never
common=(--in-place --build-timeout 300 --all-features --no-shuffle)
# Target selection goes to the build as well as the test run (--cargo-arg):
# only the named binaries are rebuilt for each mutant.
tests() { for t in "$@"; do printf -- '--cargo-arg=--test=%s\n' "$t"; done; }
# The integration tests that read and write bodies and responses.
mapfile -t wire < <(tests protocols http request_ids problem_details query_codes \
    hostile_bodies glacier members tricky body_properties smithy_suite cbor google lookup)
run() {
    local name=$1
    shift
    echo "== $name ($(date -u +%T))"
    local start=$SECONDS
    # A test timeout of 90 s per mutant, or the group's own.
    cargo mutants "${common[@]}" --timeout "${timeout:-90}" -o "$root/target/mutants/$name" "$@" || true
    echo "== $name: $((SECONDS - start)) s"
}
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(shared readers writers http diff check)
for group in "${groups[@]}"; do
    case $group in
    shared) run shared -f shared/src/retry_kind.rs -f shared/src/grpc_code.rs \
        --test-package errtable-shared ;;
    readers) run readers -f runtime/src/wire_code.rs -f runtime/src/protocol.rs \
        -f runtime/src/json_read.rs -f runtime/src/xml_read.rs \
        --test-package errtable --test-package errtable-tests --cargo-arg=--package=errtable-tests --cargo-arg=--lib "${wire[@]}" ;;
    writers) run writers -f runtime/src/json_write.rs -f runtime/src/xml_write.rs \
        --test-package errtable --test-package errtable-tests --cargo-arg=--package=errtable-tests --cargo-arg=--lib "${wire[@]}" ;;
    http) run http -f runtime/src/http.rs \
        --test-package errtable --test-package errtable-tests --cargo-arg=--package=errtable-tests --cargo-arg=--lib "${wire[@]}" ;;
    diff) run diff -f cli/src/diff.rs --test-package errtable-cli --cargo-test-arg=diff ;;
    markdown) run markdown -f macros/codegen/src/markdown_spec/blocks.rs \
        -f macros/codegen/src/markdown_spec/inline.rs \
        --test-package errtable-codegen --cargo-arg=--lib --cargo-test-arg=markdown_spec ;;
    # The templates' spans show only in compile errors: the ui cases judge
    # (slow: trybuild builds the cases' crate, hence the longer timeout).
    templates) timeout=300 run templates -f macros/codegen/src/template.rs \
        --test-package errtable-codegen --test-package errtable-tests \
        --cargo-arg=--package=errtable-tests --cargo-arg=--lib $(tests ui) ;;
    text) run text -f macros/codegen/src/text.rs -f macros/codegen/src/markdown_spec/entities.rs \
        --test-package errtable-codegen --cargo-arg=--lib ;;
    check) run check -f macros/codegen/src/check.rs \
        --test-package errtable-codegen --test-package errtable-tests \
        --cargo-arg=--package=errtable-tests --cargo-arg=--lib \
        $(tests catalogue spec_limits spec_properties) ;;
    *) echo "unknown group $group" >&2; exit 2 ;;
    esac
done
