"""Drives aws-emulator with boto3, a client nobody here wrote, and prints
what boto3 saw as one JSON document on stdout.

Started by tests/boto3.rs with the URL of a running emulator:

    python3 boto3_client.py --endpoint http://127.0.0.1:PORT

The clients use region us-east-1, dummy credentials (the emulator checks
none) and one attempt per call, so a retry never hides an error. Requests
that boto3 would refuse before sending (a missing required parameter) go
through clients with `parameter_validation=False`.

This script asserts nothing about the errors: it provokes each one and
reports, per case, what boto3 made of the response:

    {"name": ..., "operation": ..., "code": e.response["Error"]["Code"],
     "message": ..., "type": e.response["Error"].get("Type"),
     "status": ResponseMetadata.HTTPStatusCode,
     "request_id": ResponseMetadata.RequestId,
     "request_id_header": the x-amzn-requestid header,
     "class": type(e).__name__,
     "modeled": the modeled exception class checked, or null,
     "is_modeled": isinstance(e, client.exceptions.<modeled>)}

The Rust test compares each field with what AWS sends. The successful calls
that set the errors up (creating tables and queues, the message round trip,
AssumeRole) are reported under "successes"; a failure of one of them is a
failure of the script (exit status 1).
"""

import argparse
import json
import sys

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as err:  # The Rust test checks this first; be loud anyway.
    sys.exit(f"boto3 is required (python3 -m pip install boto3): {err}")

ROLE = "arn:aws:iam::123456789012:role/emulated"


def clients(endpoint, service):
    """The service's client, and one that skips boto3's own parameter
    validation (to send requests that lack a required parameter)."""
    made = []
    for validate in (True, False):
        made.append(
            boto3.client(
                service,
                endpoint_url=endpoint,
                region_name="us-east-1",
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                config=Config(
                    retries={"max_attempts": 1, "mode": "standard"},
                    parameter_validation=validate,
                    connect_timeout=5,
                    read_timeout=10,
                ),
            )
        )
    return made


class Run:
    def __init__(self):
        self.cases = []
        self.successes = {}

    def error(self, name, client, modeled, call, **params):
        """Calls `call(**params)`, which must fail, and records what boto3
        saw; `modeled` names the exception class boto3 should raise."""
        operation = client.meta.method_to_api_mapping.get(call.__name__, call.__name__)
        try:
            call(**params)
        except ClientError as e:
            metadata = e.response.get("ResponseMetadata", {})
            error = e.response.get("Error", {})
            is_modeled = None
            if modeled is not None:
                is_modeled = isinstance(e, getattr(client.exceptions, modeled))
            self.cases.append(
                {
                    "name": name,
                    "operation": operation,
                    "code": error.get("Code"),
                    "message": error.get("Message"),
                    "type": error.get("Type"),
                    "status": metadata.get("HTTPStatusCode"),
                    "request_id": metadata.get("RequestId"),
                    "request_id_header": metadata.get("HTTPHeaders", {}).get("x-amzn-requestid"),
                    "class": type(e).__name__,
                    "modeled": modeled,
                    "is_modeled": is_modeled,
                }
            )
            return
        self.cases.append({"name": name, "operation": operation, "unexpected_success": True})

    def success(self, name, value):
        self.successes[name] = value


def dynamodb(run, endpoint):
    ddb, unchecked = clients(endpoint, "dynamodb")
    key = {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
           "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
           "BillingMode": "PAY_PER_REQUEST"}
    created = ddb.create_table(TableName="users", **key)
    run.success("dynamodb.CreateTable", created["TableDescription"]["TableStatus"])
    run.error("dynamodb.CreateTable.exists", ddb, "ResourceInUseException",
              ddb.create_table, TableName="users", **key)
    run.error("dynamodb.DescribeTable.missing", ddb, "ResourceNotFoundException",
              ddb.describe_table, TableName="missing")
    run.error("dynamodb.GetItem.missing_table", ddb, "ResourceNotFoundException",
              ddb.get_item, TableName="missing", Key={"pk": {"S": "ada"}})
    run.error("dynamodb.DeleteTable.missing", ddb, "ResourceNotFoundException",
              ddb.delete_table, TableName="missing")

    item = {"pk": {"S": "ada"}, "born": {"N": "1815"}}
    ddb.put_item(TableName="users", Item=item, ConditionExpression="attribute_not_exists(pk)")
    run.error("dynamodb.PutItem.condition", ddb, "ConditionalCheckFailedException",
              ddb.put_item, TableName="users", Item=item,
              ConditionExpression="attribute_not_exists(pk)")
    got = ddb.get_item(TableName="users", Key={"pk": {"S": "ada"}})
    run.success("dynamodb.GetItem", got.get("Item"))

    # boto3 would refuse these before sending: the unchecked client sends
    # them, and DynamoDB's common ValidationException answers.
    run.error("dynamodb.DescribeTable.no_table_name", unchecked, None,
              unchecked.describe_table)
    run.error("dynamodb.PutItem.no_item", unchecked, None,
              unchecked.put_item, TableName="users")

    described = ddb.describe_table(TableName="users")
    run.success("dynamodb.DescribeTable", described["Table"]["ItemCount"])
    run.success("dynamodb.ListTables", ddb.list_tables()["TableNames"])
    deleted = ddb.delete_table(TableName="users")
    run.success("dynamodb.DeleteTable", deleted["TableDescription"]["TableStatus"])


def sqs(run, endpoint):
    client, unchecked = clients(endpoint, "sqs")
    run.error("sqs.GetQueueUrl.missing", client, "QueueDoesNotExist",
              client.get_queue_url, QueueName="missing")
    url = client.create_queue(QueueName="jobs")["QueueUrl"]
    run.success("sqs.CreateQueue", url)
    run.success("sqs.GetQueueUrl", client.get_queue_url(QueueName="jobs")["QueueUrl"])
    missing_url = url.rsplit("/", 1)[0] + "/missing"
    run.error("sqs.GetQueueAttributes.missing", client, "QueueDoesNotExist",
              client.get_queue_attributes, QueueUrl=missing_url, AttributeNames=["All"])

    # boto3 checks SendMessage's MD5OfMessageBody and ReceiveMessage's
    # MD5OfBody against the bodies, and raises if they differ.
    sent = client.send_message(QueueUrl=url, MessageBody="hello")
    received = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    messages = received.get("Messages", [])
    run.success("sqs.ReceiveMessage", [m["Body"] for m in messages])
    run.success("sqs.SendMessage.id_matches", bool(messages) and messages[0]["MessageId"] == sent["MessageId"])

    run.error("sqs.DeleteMessage.bad_handle", client, "ReceiptHandleIsInvalid",
              client.delete_message, QueueUrl=url, ReceiptHandle="not-a-receipt-handle")
    if messages:
        client.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
    attributes = client.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    run.success("sqs.GetQueueAttributes", {
        "ApproximateNumberOfMessages": attributes["ApproximateNumberOfMessages"],
        "ApproximateNumberOfMessagesNotVisible": attributes["ApproximateNumberOfMessagesNotVisible"],
        "QueueArn": attributes["QueueArn"],
    })

    run.error("sqs.GetQueueAttributes.no_queue_url", unchecked, None,
              unchecked.get_queue_attributes, AttributeNames=["All"])


def sts(run, endpoint):
    client, unchecked = clients(endpoint, "sts")
    run.error("sts.AssumeRole.malformed_policy", client, "MalformedPolicyDocumentException",
              client.assume_role, RoleArn=ROLE, RoleSessionName="s1", Policy="{not json")
    run.error("sts.AssumeRole.no_role_arn", unchecked, None,
              unchecked.assume_role, RoleSessionName="s1")
    assumed = client.assume_role(RoleArn=ROLE, RoleSessionName="s1",
                                 Policy=json.dumps({"Version": "2012-10-17", "Statement": []}))
    credentials = assumed["Credentials"]
    run.success("sts.AssumeRole", {
        "access_key_prefix": credentials["AccessKeyId"][:4],
        "has_secret": bool(credentials["SecretAccessKey"]),
        "has_token": bool(credentials["SessionToken"]),
        "expiration_is_a_date": hasattr(credentials["Expiration"], "year"),
        "arn": assumed["AssumedRoleUser"]["Arn"],
        "request_id": assumed["ResponseMetadata"]["RequestId"],
        "request_id_header": assumed["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-requestid"),
    })
    run.success("sts.GetCallerIdentity", client.get_caller_identity()["Account"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True, help="the emulator's URL")
    args = parser.parse_args()
    run = Run()
    for service in (dynamodb, sqs, sts):
        service(run, args.endpoint)
    json.dump({"boto3": boto3.__version__, "cases": run.cases, "successes": run.successes},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
