#!/usr/bin/env python3
"""Calls a service with a real boto3 client, over and over, and reports what
boto3 makes of each error response (tests/tests/live_clients.rs).

    live_clients.py SERVICE ENDPOINT CALLS

SERVICE is sts, ec2, dynamodb, glacier, accessanalyzer, sqs, ssm,
cloudfront, s3 or cloudwatch; each call is one harmless operation of that
service (GetCallerIdentity, DescribeInstances, ListTables, ListVaults,
ListAnalyzers, ListQueues, DescribeParameters, ListDistributions,
ListBuckets, ListDashboards), retries off. Prints a JSON list with, per call, the error's
code, message, type (`Error.Type`), HTTP status, request id, the class
boto3 raised, whether it is the modelled exception class for that
code, the exception classes the client's model has, and the members of the error shape botocore parsed (from headers
and body).
"""

import json
import os
import sys
import tempfile

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

CALLS = {
    "sts": lambda c: c.get_caller_identity(),
    "ec2": lambda c: c.describe_instances(),
    "dynamodb": lambda c: c.list_tables(),
    "glacier": lambda c: c.list_vaults(accountId="-"),
    "accessanalyzer": lambda c: c.list_analyzers(),
    "sqs": lambda c: c.list_queues(),
    "ssm": lambda c: c.describe_parameters(),
    "cloudfront": lambda c: c.list_distributions(),
    "s3": lambda c: c.list_buckets(),
    "cloudwatch": lambda c: c.list_dashboards(),
}


def session_for(service):
    """A session whose client speaks the model's first protocol: botocore
    1.43 resolves CloudWatch's (CBOR, JSON, query) to JSON by its own order
    of preference, so for CloudWatch its own model is loaded with CBOR as
    its only protocol, and the client speaks CBOR."""
    session = botocore.session.get_session()
    if service == "cloudwatch":
        loader = session.get_component("data_loader")
        model = loader.load_service_model(service, "service-2")
        model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
        model["metadata"]["protocol"] = "smithy-rpc-v2-cbor"
        root = tempfile.mkdtemp()
        folder = os.path.join(root, service, model["metadata"]["apiVersion"])
        os.makedirs(folder)
        with open(os.path.join(folder, "service-2.json"), "w") as out:
            json.dump(model, out)
        loader.search_paths.insert(0, root)
    return boto3.Session(botocore_session=session)


def main():
    service, endpoint, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
    client = session_for(service).client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=Config(
            retries={"total_max_attempts": 1, "mode": "standard"},
            s3={"addressing_style": "path"},
        ),
    )
    assert service != "cloudwatch" or client.meta.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
    # The exception classes the client's model has, by shape name.
    classes = sorted(name for name in dir(client.exceptions) if name[0].isupper())
    results = []
    for _ in range(calls):
        try:
            CALLS[service](client)
            results.append({"succeeded": True})
        except ClientError as err:
            error = err.response.get("Error", {})
            code = error.get("Code")
            modelled = client.exceptions.from_code(code)
            results.append(
                {
                    "code": code,
                    "message": error.get("Message"),
                    "type": error.get("Type"),
                    "status": err.response["ResponseMetadata"].get("HTTPStatusCode"),
                    "request_id": err.response["ResponseMetadata"].get("RequestId"),
                    "class": type(err).__name__,
                    "classes": classes,
                    "modelled": modelled is not ClientError and isinstance(err, modelled),
                    "members": {
                        key: value
                        for key, value in err.response.items()
                        if key not in ("Error", "ResponseMetadata")
                    },
                }
            )
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
