#!/usr/bin/env python3
"""Calls an errtable tonic server with grpcio and reads each failure's
details with grpcio-status, as a Python gRPC client of a Google-style
service does (tests/tests/tonic.rs).

Arguments: the server's address (host:port) and the full method name.
Input (stdin): a JSON list of requests (text, sent as UTF-8 bytes).
Output (stdout): per request, a JSON object: the call's `code` (number)
and `message`, the `google.rpc.Status` that `rpc_status.from_call` reads
(`statusCode`, `statusMessage`; it raises if they disagree with the
call's), and `details`: `errorInfo`, `requestInfo`, `retryInfo` as
protobuf's JSON mapping writes them, plus `other` for any other detail's
type URL. `{"ok": true}` for a call that succeeds, `{"status": null}` for
one without details.
"""

import json
import sys

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2
from grpc_status import rpc_status

KNOWN = {
    "errorInfo": error_details_pb2.ErrorInfo,
    "requestInfo": error_details_pb2.RequestInfo,
    "retryInfo": error_details_pb2.RetryInfo,
}


def read_details(status):
    details = {"other": []}
    for packed in status.details:
        for name, message_type in KNOWN.items():
            if packed.Is(message_type.DESCRIPTOR):
                message = message_type()
                packed.Unpack(message)
                details[name] = json_format.MessageToDict(message)
                break
        else:
            details["other"].append(packed.type_url)
    return details


def main():
    address, method = sys.argv[1], sys.argv[2]
    results = []
    with grpc.insecure_channel(address) as channel:
        call = channel.unary_unary(method)
        for request in json.load(sys.stdin):
            try:
                call(request.encode(), timeout=30)
            except grpc.RpcError as failure:
                result = {"code": failure.code().value[0], "message": failure.details()}
                status = rpc_status.from_call(failure)
                if status is None:
                    result["status"] = None
                else:
                    result["statusCode"] = status.code
                    result["statusMessage"] = status.message
                    result["details"] = read_details(status)
                results.append(result)
            else:
                results.append({"ok": True})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
