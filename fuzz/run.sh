#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each), seeded
# from the project's own specs and bodies. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); the stable toolchain runs it with
# RUSTC_BOOTSTRAP=1 (cargo-fuzz passes nightly-only flags).
#
#   fuzz/run.sh                 # all targets, 60 s each
#   fuzz/run.sh 120 body        # one target, 120 s
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(spec_markdown spec_json body http_parts xml_body problem_body cbor_body google_body)
export RUSTC_BOOTSTRAP=1

seed() {
    local target="$1"
    mkdir -p "corpus/$target"
    case "$target" in
    spec_markdown)
        cp ../spec/glacier.md ../tests/specs/*.md ../tests/specs/catalogue/*.md \
            ../tests/ui/specs/*.md "corpus/$target/" 2>/dev/null || true
        find ../tests/ui/specs/catalogue -maxdepth 1 -type f -name '*.md' \
            -exec cp {} "corpus/$target/" \; ;;
    spec_json)
        cp ../spec/*.json ../cli/tests/specs/*.json ../tests/ui/specs/models/*.json \
            ../tests/specs/*.json ../tests/specs/catalogue/*.json \
            ../tests/ui/specs/*.json "corpus/$target/" 2>/dev/null || true
        find ../tests/ui/specs/catalogue -maxdepth 1 -type f -name '*.json' \
            -exec cp {} "corpus/$target/" \; ;;
    body)
        printf '%s' '{"code":"ResourceNotFoundException","message":"Vault not found","type":"Client"}' > "corpus/$target/known"
        printf '%s' '{"__type":"ns#BrandNew:http://x","Message":"m\u00e9 \"q\"","extra":[1,{"a":null}]}' > "corpus/$target/dunder"
        printf '%s' '{"Code":"ThrottlingException","errorMessage":"slow","type":"Server"}' > "corpus/$target/capital" ;;
    http_parts)
        # status 404 (100 + 304), header lengths, then a body.
        printf '\x30\x01\x13ThrottlingException\x04AAAB\x00{"message":"Rate exceeded"}' > "corpus/$target/header"
        printf '\x30\x01\x00\x00\x00{"__type":"x#ResourceNotFoundException","Message":"gone"}' > "corpus/$target/body" ;;
    xml_body)
        printf '%s' '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The &lt;key&gt; does not exist.</Message><Key>a&amp;b</Key><RequestId>r</RequestId><HostId>h</HostId></Error>' > "corpus/$target/s3"
        printf '%s' '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message><![CDATA[x]]></Message></Error><RequestId>r</RequestId></ErrorResponse>' > "corpus/$target/query"
        printf '%s' '<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>&#x1F4A5;</Message></Error></Errors><RequestID>r</RequestID></Response>' > "corpus/$target/ec2"
        printf '%s' '<Error><Code>ValidationException</Code><Message>m</Message><FieldList><member><FieldName>a</FieldName><line>3</line><seen>2023-11-14T22:13:20.5Z</seen></member></FieldList><deadline>2023-11-14T22:13:20Z</deadline><strict>true</strict><limit>7</limit><Quota>q</Quota></Error>' > "corpus/$target/members" ;;
    cbor_body)
        # Smithy's suite's bodies: an indefinite map, a non-minimal length.
        for case in ../tests/specs/smithy-suite/rpcv2Cbor_*.cases.json; do
            python3 -c 'import base64, json, sys
for i, c in enumerate(json.load(open(sys.argv[1]))):
    open(sys.argv[2] + str(i), "wb").write(base64.b64decode(c["body"]))' \
                "$case" "corpus/$target/$(basename "$case" .cases.json)-"
        done
        # A members row: a tag-1 timestamp, a nested map, an indefinite text.
        printf '\xa4\x66__type\x73ValidationException\x67message\x7f\x61m\xff\x68deadline\xc1\x1a\x65\x53\xf1\x00\x69fieldList\x81\xa2\x64name\x61a\x64line\x03' > "corpus/$target/members" ;;
    problem_body)
        printf '%s' '{"type":"https://e.example/ResourceNotFoundException","title":"ResourceNotFoundException","status":404,"detail":"gone","code":"ResourceNotFoundException","instance":"/v/x","limits":{"a":[1,2]}}' > "corpus/$target/known"
        printf '%s' '{"type":"about:blank","status":418,"detail":"d","code":"Teapot"}' > "corpus/$target/unknown" ;;
    google_body)
        printf '%s' '{"error":{"code":404,"message":"gone","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RESOURCE_NOT_FOUND_EXCEPTION","domain":"errtable-fuzz","metadata":{"code":"ResourceNotFoundException","vaultName":"v"}},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"r-1"},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"}]}}' > "corpus/$target/known"
        printf '%s' '{"error":{"code":429,"message":"q","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"quota_limit":"10"}},{"@type":"type.googleapis.com/google.rpc.Help","links":[]}]}}' > "corpus/$target/foreign" ;;
    esac
}

for target in "${targets[@]}"; do
    seed "$target"
    echo "== $target: ${seconds}s"
    cargo fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1100000 \
        -print_final_stats=1 2>&1 | tee "corpus/$target.log" | grep -E '^(#[0-9]+ +DONE|stat::|==|SUMMARY|Done)' || true
    if [ -d "artifacts/$target" ] && [ -n "$(ls -A "artifacts/$target" 2>/dev/null)" ]; then
        echo "!! $target left artifacts in fuzz/artifacts/$target"
        exit 1
    fi
done
