#!/usr/bin/env python3
"""Parses google-json error bodies with googleapis-common-protos, as
Google's Python clients read them (tests/tests/google.rs).

Input (stdin): a JSON list of bodies (JSON objects). Output (stdout): per
body, `grpcCode`, the number `google.rpc.Code` gives `error.status`, and
`details`: each entry parsed by `json_format.ParseDict` into a
`google.protobuf.Any` (which needs its `@type` to be a known `google.rpc`
message), unpacked, and written back by `MessageToDict` with its type URL
under `@type`; or {"failed": text}.
"""

import json
import sys

from google.protobuf import any_pb2, json_format
from google.rpc import code_pb2, error_details_pb2  # noqa: F401 - registers the types


def parse(body):
    error = body["error"]
    details = []
    for entry in error["details"]:
        packed = json_format.ParseDict(entry, any_pb2.Any())
        details.append(json_format.MessageToDict(packed))
    return {"grpcCode": code_pb2.Code.Value(error["status"]), "details": details}


def main():
    results = []
    for body in json.load(sys.stdin):
        try:
            results.append(parse(body))
        except Exception as err:  # noqa: BLE001 - reported to the test
            results.append({"failed": f"{type(err).__name__}: {err}"})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
