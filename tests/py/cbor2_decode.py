#!/usr/bin/env python3
"""Decodes CBOR bodies with cbor2, a CBOR implementation nobody here wrote
(tests/tests/cbor.rs).

Input (stdin): a JSON list of base64 bodies. Output (stdout): a JSON list
of what each decodes to, tag 1 (a timestamp) as its epoch seconds and
byte strings as base64, or {"failed": text}.
"""

import base64
import datetime
import json
import sys

import cbor2


def plain(value):
    if isinstance(value, datetime.datetime):
        seconds = value.timestamp()
        return int(seconds) if seconds == int(seconds) else seconds
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def main():
    results = []
    for body in json.load(sys.stdin):
        try:
            results.append(plain(cbor2.loads(base64.b64decode(body))))
        except Exception as err:  # noqa: BLE001 - reported to the test
            results.append({"failed": f"{type(err).__name__}: {err}"})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
