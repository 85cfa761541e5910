#!/usr/bin/env python3
"""Reads error responses with botocore's own parsers, offline: the oracle for
what AWS clients make of errtable's responses (tests/tests/protocols.rs).

Input (stdin): a JSON list of {"protocol": botocore protocol name, "status":
int, "headers": {name: value}, "body": latin-1 text of the bytes}. Output
(stdout): a JSON list of {"code", "message", "request_id", "host_id",
"error": every member of the parsed error as text}, or {"failed": text}.
"""

import json
import sys

from botocore.parsers import create_parser


def main():
    results = []
    for case in json.load(sys.stdin):
        try:
            parsed = create_parser(case["protocol"]).parse(
                {
                    "status_code": case["status"],
                    "headers": case["headers"],
                    "body": case["body"].encode("latin-1"),
                },
                None,
            )
        except Exception as err:  # noqa: BLE001 - reported to the test
            results.append({"failed": f"{type(err).__name__}: {err}"})
            continue
        error = parsed.get("Error", {})
        metadata = parsed.get("ResponseMetadata", {})
        results.append(
            {
                "code": error.get("Code"),
                "message": error.get("Message"),
                "request_id": metadata.get("RequestId"),
                "host_id": metadata.get("HostId"),
                "error": {k: str(v) for k, v in error.items()},
            }
        )
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
