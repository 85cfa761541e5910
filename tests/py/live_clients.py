#!/usr/bin/env python3
"""Calls a service with a real boto3 client, over and over, and reports what
boto3 makes of each error response (tests/tests/live_clients.rs).

    live_clients.py SERVICE ENDPOINT CALLS

SERVICE is sts, ec2, dynamodb, glacier, accessanalyzer, sqs, ssm,
cloudfront or s3; each call is one harmless operation of that service
(GetCallerIdentity, DescribeInstances, ListTables, ListVaults,
ListAnalyzers, ListQueues, DescribeParameters, ListDistributions,
ListBuckets), retries off. Prints a JSON list with, per call, the error's
code, message, type (`Error.Type`), HTTP status, request id, the class
boto3 raised, whether it is the modelled exception class for that
code, the exception classes the client's model has, and the members of the error shape botocore parsed (from headers
and body).
"""

import json
import sys

import boto3
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
}


def main():
    service, endpoint, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
    client = boto3.client(
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
