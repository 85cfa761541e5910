"""Drives glacier-demo with boto3, a client nobody here wrote.

Started by demo/tests/boto3.rs with the URLs of four running demos:

    python3 boto3_client.py --spec spec/glacier.md \
        --main URL --docs URL --throttle URL --archives URL

--main runs with --max-vaults 3 --expedited-capacity 1 --body-timeout 1
  --expired-key AKIDEXPIRED; --docs with --docs-examples --deny-retrievals;
--throttle with --rate-limit 2/60s; --archives with --job-seconds 1
  --archive-memory 8MiB.

On --archives, a new user's archive round trip: upload_archive, an
archive-retrieval job (whole and a range), describe_job until Completed,
get_job_output whole and ranged with its checksums, an inventory in JSON and
CSV, checksum mismatches, the memory cap, vault access policies, tags and the
data retrieval policy.

For every error the demo can be made to send, boto3 must report the
table's code, the demo's message, the table's HTTP status and the request id
that was on the wire; codes in botocore's Glacier model must be raised as
client.exceptions.<Code>. The seed's Example 1 (both messages) and Example 2
are replayed through boto3 and as the document's literal requests.
Exits non-zero on the first failure.
"""

import argparse
import csv
import datetime
import hashlib
import io
import time
import email.utils
import http.client
import json
import re
import sys
import urllib.parse

try:
    import boto3
    import botocore
    import botocore.parsers
    from botocore.config import Config
    from botocore.exceptions import ClientError
    from botocore.utils import calculate_tree_hash
except ImportError as err:  # The Rust test checks this first; be loud anyway.
    sys.exit(f"boto3 is required (python3 -m pip install boto3): {err}")

REGION = "us-west-2"
ACCOUNT = "012345678901"
JOB_ID = (
    "HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVEXAMPLEbadJobID"
)
VAULT_ARN = f"arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/examplevault"
# errtable makes request ids as AWS's JSON services do: random UUIDs.
REQUEST_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
MIB = 1 << 20


def archive_bytes(size, seed):
    """Deterministic, not repetitive within a megabyte: each chunk hashes apart."""
    block = hashlib.sha256(seed.encode()).digest()
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(block + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:size])


def tree_hash(data):
    return calculate_tree_hash(io.BytesIO(data))


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def spec_table(path):
    """code -> (status, type) from the seed document's table."""
    table = {}
    for line in open(path, encoding="utf-8"):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.match(r"^\d{3}\b", cells[2]):
            table[cells[0]] = (int(cells[2][:3]), cells[3])
    return table


def spec_examples(path):
    """The seed's (request, response) pairs: request lines, and
    (status, headers, body) of the response."""
    text = open(path, encoding="utf-8").read()
    blocks = re.findall(r"```\n(.*?)```", text, re.S)
    requests = [b for b in blocks if re.match(r"^(1\. )?GET ", b)]
    responses = [b for b in blocks if b.startswith("HTTP/1.1 ")]
    pairs = []
    for request, response in zip([requests[0], requests[0], requests[1]], responses):
        lines = [re.sub(r"^\d+\. ", "", line).rstrip() for line in request.strip("\n").split("\n")]
        head, _, body = response.partition("\n{")
        status_line, *header_lines = head.split("\n")
        headers = dict(line.split(": ", 1) for line in header_lines)
        pairs.append((lines, (int(status_line.split()[1]), headers, "{" + body.rstrip("\n"))))
    return pairs


class Run:
    def __init__(self, args):
        self.table = spec_table(args.spec)
        check(len(self.table) == 16, f"the spec table has 16 rows, read {len(self.table)}")
        self.examples = spec_examples(args.spec)
        check(len(self.examples) == 3, "the spec has three example responses")
        self.urls = {"main": args.main, "docs": args.docs, "throttle": args.throttle,
                     "archives": args.archives}
        self.seen_ids = set()
        self.codes_triggered = set()
        self.checked = 0
        self.last_response = None

    def client(self, where="main", key="AKIDEXAMPLE", region=REGION, **config):
        client = boto3.client(
            "glacier",
            endpoint_url=self.urls[where],
            region_name=region,
            aws_access_key_id=key,
            aws_secret_access_key="any-secret-works",
            config=Config(retries={"total_max_attempts": 1}, **config),
        )
        client.meta.events.register("before-parse", self._capture)
        return client

    def _capture(self, response_dict, **_):
        self.last_response = response_dict

    def wire_checks(self, code, raw, documented):
        """What errtable puts on the wire: the headers and the compact body."""
        headers, body = raw["headers"], raw["body"]
        request_id = headers.get("x-amzn-RequestId")
        check(request_id is not None, "x-amzn-RequestId is sent")
        check(headers.get("Content-Type") == "application/json", f"Content-Type: {headers}")
        check(int(headers.get("Content-Length")) == len(body), "Content-Length is the body's")
        sent = email.utils.parsedate_to_datetime(headers.get("Date"))
        age = abs((datetime.datetime.now(datetime.timezone.utc) - sent).total_seconds())
        check(age < 300, f"Date is now: {headers.get('Date')}")
        if documented:
            return request_id
        check(REQUEST_ID.match(request_id), f"request id a UUID: {request_id}")
        check(request_id not in self.seen_ids, f"request id {request_id} is new")
        self.seen_ids.add(request_id)
        check(headers.get("x-amzn-ErrorType") == code, f"x-amzn-ErrorType: {headers}")
        parsed = json.loads(body)
        compact = json.dumps(
            {"code": code, "message": parsed["message"], "type": self.table[code][1]},
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
        check(body == compact, f"the compact body {compact!r}, got {body!r}")
        return request_id

    def expect(self, name, client, call, code, message, *, status=None, documented=False):
        """`call` fails with `code` and `message` as boto3 reports them."""
        self.last_response = None
        modelled = code in {shape.name for shape in client.meta.service_model.error_shapes}
        try:
            call()
        except ClientError as err:
            try:
                self._check_error(err, client, code, message, status, modelled, documented)
            except Failure as failure:
                raise Failure(f"{name}: {failure}\n  boto3 reported {err.response}") from None
        else:
            raise Failure(f"{name}: expected {code}, the call succeeded")
        self.checked += 1
        if code in self.table:
            self.codes_triggered.add(code)
        kind = f"client.exceptions.{code}" if modelled else "ClientError (not modelled)"
        print(f"ok  {name}: {code} {status or self.table[code][0]} as {kind}")

    def _check_error(self, err, client, code, message, status, modelled, documented):
        error, meta = err.response["Error"], err.response["ResponseMetadata"]
        check(error["Code"] == code, f"Error.Code {error['Code']!r} != {code!r}")
        if callable(message):
            check(message(error["Message"]), f"Error.Message {error['Message']!r}")
        else:
            check(error["Message"] == message, f"Error.Message {error['Message']!r} != {message!r}")
        expected_status = status or self.table[code][0]
        check(meta["HTTPStatusCode"] == expected_status, f"status {meta['HTTPStatusCode']}")
        raw = self.last_response
        check(raw is not None, "the raw response was captured")
        request_id = self.wire_checks(code, raw, documented)
        check(meta.get("RequestId") == request_id, f"RequestId {meta.get('RequestId')!r} != {request_id!r}")
        if modelled:
            check(isinstance(err, getattr(client.exceptions, code)), f"raised as client.exceptions.{code}")
        else:
            check(type(err) is ClientError, f"unmodelled code raised as plain ClientError, got {type(err)}")

    # The cases -------------------------------------------------------------

    def main_instance(self):
        glacier = self.client()
        glacier.create_vault(vaultName="examplevault")
        vault = glacier.describe_vault(vaultName="examplevault")
        check(vault["VaultARN"] == VAULT_ARN, f"VaultARN {vault['VaultARN']}")
        check(REQUEST_ID.match(vault["ResponseMetadata"]["RequestId"]), "successes carry a request id")

        unsigned = self.client(signature_version=botocore.UNSIGNED)
        self.expect(
            "no Authorization header",
            unsigned,
            lambda: unsigned.list_vaults(),
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        )
        self.expect(
            "unknown access key",
            glacier,
            lambda: self.client(key="AKIDNOTKNOWN").list_vaults(),
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        )
        self.expect(
            "expired access key",
            glacier,
            lambda: self.client(key="AKIDEXPIRED").list_vaults(),
            "ExpiredTokenException",
            "The security token included in the request is expired",
        )
        self.expect(
            "credentials scoped to another region",
            glacier,
            lambda: self.client(region="eu-west-1").list_vaults(),
            "InvalidSignatureException",
            "Credential should be scoped to a valid region, not 'eu-west-1'. This service is in 'us-west-2'.",
        )
        stale = self.client()
        old = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)
        stamp = old.strftime("%Y%m%dT%H%M%SZ")

        def sign_20_minutes_ago(request, **_):
            request.headers["X-Amz-Date"] = stamp
            auth = request.headers["Authorization"]
            auth = auth.decode() if isinstance(auth, bytes) else auth
            request.headers["Authorization"] = re.sub(
                r"Credential=([^/]+)/\d{8}/", rf"Credential=\g<1>/{stamp[:8]}/", auth
            )

        stale.meta.events.register("before-send", sign_20_minutes_ago)
        self.expect(
            "request signed 20 minutes ago",
            stale,
            lambda: stale.list_vaults(),
            "InvalidSignatureException",
            lambda m: m.startswith(f"Signature expired: {stamp} is now earlier than "),
        )
        unversioned = self.client()

        def drop_version(request, **_):
            del request.headers["x-amz-glacier-version"]

        unversioned.meta.events.register("before-send", drop_version)
        self.expect(
            "no x-amz-glacier-version header",
            unversioned,
            lambda: unversioned.list_vaults(),
            "MissingParameterValueException",
            "Required header missing: x-amz-glacier-version",
        )
        self.expect(
            "another account's id in the URI",
            glacier,
            lambda: glacier.describe_vault(accountId="111122223333", vaultName="examplevault"),
            "AccessDeniedException",
            "Access denied: the account ID '111122223333' in the request URI is not the account of the "
            "credentials that signed the request. Use '-' or that account's ID, without hyphens.",
        )
        self.expect(
            "bad vault name",
            glacier,
            lambda: glacier.create_vault(vaultName="bad name!"),
            "InvalidParameterValueException",
            "The vault name is not valid: 'bad name!'. Names are 1 to 255 characters of a-z, A-Z, "
            "0-9, '_' (underscore), '-' (hyphen) and '.' (period).",
        )
        self.expect(
            "Example 2, strict: ListJobs with statuscode=finished",
            glacier,
            lambda: glacier.list_jobs(vaultName="examplevault", statuscode="finished"),
            "InvalidParameterValueException",
            "The job status code is not valid: finished",
        )
        self.expect(
            "Example 1, strict: DescribeJob of a job that does not exist",
            glacier,
            lambda: glacier.describe_job(vaultName="examplevault", jobId=JOB_ID),
            "ResourceNotFoundException",
            f"The job ID was not found: {JOB_ID}",
        )
        self.expect(
            "Example 1, strict: DescribeJob in a vault that does not exist",
            glacier,
            lambda: glacier.describe_job(vaultName="novault", jobId=JOB_ID),
            "ResourceNotFoundException",
            f"Vault not found for ARN: arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/novault",
        )
        malformed = self.client()

        def break_body(request, **_):
            request.body = b'{"Type": "inventory-retrieval",'
            request.headers["Content-Length"] = str(len(request.body))

        malformed.meta.events.register("before-send", break_body)
        self.expect(
            "malformed JSON body",
            malformed,
            lambda: malformed.initiate_job(vaultName="examplevault", jobParameters={"Type": "inventory-retrieval"}),
            "SerializationException",
            lambda m: m.startswith("The request body is not valid JSON: "),
        )
        self.expect(
            "InitiateJob without a Type",
            glacier,
            lambda: glacier.initiate_job(vaultName="examplevault", jobParameters={}),
            "MissingParameterValueException",
            "Required parameter missing: Type (archive-retrieval, inventory-retrieval or select)",
        )
        self.expect(
            "archive retrieval without an ArchiveId",
            glacier,
            lambda: glacier.initiate_job(vaultName="examplevault", jobParameters={"Type": "archive-retrieval"}),
            "MissingParameterValueException",
            "Required parameter missing: ArchiveId (required by archive-retrieval and select jobs)",
        )
        self.expect(
            "unknown tier",
            glacier,
            lambda: glacier.initiate_job(
                vaultName="examplevault",
                jobParameters={"Type": "archive-retrieval", "ArchiveId": "a", "Tier": "Fast"},
            ),
            "InvalidParameterValueException",
            "The tier is not valid: Fast. It must be Expedited, Standard or Bulk.",
        )
        uploaded = glacier.upload_archive(vaultName="examplevault", body=b"expedite me")
        expedited = {"Type": "archive-retrieval", "ArchiveId": uploaded["archiveId"], "Tier": "Expedited"}
        glacier.initiate_job(vaultName="examplevault", jobParameters=expedited)
        self.expect(
            "second expedited retrieval over --expedited-capacity 1",
            glacier,
            lambda: glacier.initiate_job(vaultName="examplevault", jobParameters=expedited),
            "InsufficientCapacityException",
            "There is insufficient capacity to process this expedited request. "
            "Try again later, or use the Standard or Bulk tier.",
        )
        glacier.create_vault(vaultName="second")
        glacier.create_vault(vaultName="third")
        glacier.create_vault(vaultName="third")  # exists: succeeds, as in Glacier
        self.expect(
            "fourth vault over --max-vaults 3",
            glacier,
            lambda: glacier.create_vault(vaultName="fourth"),
            "LimitExceededException",
            "The maximum number of vaults has been reached for this account in this region: 3.",
        )
        self.expect(
            "an operation the demo does not serve (GetVaultLock)",
            glacier,
            lambda: glacier.get_vault_lock(vaultName="examplevault"),
            "BadRequest",
            "No operation matches GET /-/vaults/examplevault/lock-policy",
        )
        self.expect(
            "ListVaults with a bad limit",
            glacier,
            lambda: glacier.list_vaults(limit="0"),
            "InvalidParameterValueException",
            "The limit is not valid: 0. It must be a whole number from 1 to 1000.",
        )
        self.request_timeout()
        self.successes(glacier)

    def request_timeout(self):
        """An upload whose body stops half-way: boto3 cannot send one, so a
        raw request, read by botocore's own parser and exception factory."""
        url = urllib.parse.urlparse(self.urls["main"])
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        body = archive_bytes(100_000, "stalled")
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        connection.putrequest("POST", "/-/vaults/examplevault/archives")
        for name, value in [
            ("Authorization", f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{now[:8]}/{REGION}/glacier/aws4_request, "
             f"SignedHeaders=host;x-amz-date, Signature={'0' * 64}"),
            ("x-amz-date", now),
            ("x-amz-glacier-version", "2012-06-01"),
            ("x-amz-sha256-tree-hash", tree_hash(body)),
            ("x-amz-content-sha256", hashlib.sha256(body).hexdigest()),
            ("Content-Length", str(len(body))),
        ]:
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(body[:50_000])  # and no more: the demo waits --body-timeout 1
        response = connection.getresponse()
        raw = {"status_code": response.status, "headers": response.headers, "body": response.read()}
        connection.close()
        glacier = self.client()
        parsed = self.botocore_parse(glacier, "UploadArchive", raw)
        code = parsed["Error"]["Code"]
        check(code == "RequestTimeoutException", f"stalled upload: {parsed}")
        check(parsed["Error"]["Message"] == "Your request timed out: no part of the body arrived for 1 seconds.",
              f"stalled upload: {parsed}")
        check(raw["status_code"] == self.table[code][0], f"status {raw['status_code']}")
        check(parsed["ResponseMetadata"]["RequestId"] == self.wire_checks(code, raw, False), "request id")
        check(glacier.exceptions.from_code(code) is glacier.exceptions.RequestTimeoutException,
              "RequestTimeoutException maps to its modelled class")
        self.codes_triggered.add(code)
        self.checked += 1
        print(f"ok  upload whose body stops half-way (raw request): {code} {raw['status_code']}, parsed by botocore")
        # Nothing of it was kept.
        count = glacier.describe_vault(vaultName="examplevault")["NumberOfArchives"]
        check(count == 1, f"only the expedited test's archive is stored: {count}")

    @staticmethod
    def botocore_parse(client, operation, raw):
        model = client.meta.service_model.operation_model(operation)
        parser = botocore.parsers.create_parser(client.meta.service_model.metadata["protocol"])
        return parser.parse(raw, model.output_shape)

    def successes(self, glacier):
        names = [v["VaultName"] for v in glacier.list_vaults()["VaultList"]]
        check(names == ["examplevault", "second", "third"], f"vaults listed by name: {names}")
        page = glacier.list_vaults(limit="2")
        check([v["VaultName"] for v in page["VaultList"]] == ["examplevault", "second"], "first page")
        rest = glacier.list_vaults(limit="2", marker=page["Marker"])
        check([v["VaultName"] for v in rest["VaultList"]] == ["third"] and "Marker" not in rest, f"next page {rest}")
        job = glacier.initiate_job(vaultName="second", jobParameters={"Type": "inventory-retrieval", "Format": "CSV"})
        check(job["ResponseMetadata"]["HTTPStatusCode"] == 202, "InitiateJob is 202")
        described = glacier.describe_job(vaultName="second", jobId=job["jobId"])
        check(described["StatusCode"] == "InProgress" and described["Action"] == "InventoryRetrieval", f"{described}")
        running = glacier.list_jobs(vaultName="second", statuscode="InProgress", completed="false")["JobList"]
        check([j["JobId"] for j in running] == [job["jobId"]], f"ListJobs filters: {running}")
        check(glacier.list_jobs(vaultName="second", statuscode="Succeeded")["JobList"] == [], "no job succeeded")
        glacier.delete_vault(vaultName="third")
        self.expect(
            "DescribeVault after DeleteVault",
            glacier,
            lambda: glacier.describe_vault(vaultName="third"),
            "ResourceNotFoundException",
            f"Vault not found for ARN: arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/third",
        )
        print("ok  vaults and jobs: create, describe, list with pages, filters, delete")

    def docs_instance(self):
        glacier = self.client("docs")
        (_, (status_1a, headers_1a, body_1a)), (_, (status_1b, headers_1b, body_1b)), \
            (_, (status_2, headers_2, body_2)) = self.examples
        # Example 1, second response: the vault does not exist yet.
        self.expect_documented(
            "Example 1 (vault), via boto3", glacier,
            lambda: glacier.describe_job(vaultName="examplevault", jobId=JOB_ID),
            "ResourceNotFoundException", f"Vault not found for ARN: {VAULT_ARN}",
            status_1b, headers_1b, body_1b,
        )
        self.replay(1, glacier, "DescribeJob")
        glacier.create_vault(vaultName="examplevault")
        self.expect_documented(
            "Example 1 (job), via boto3", glacier,
            lambda: glacier.describe_job(vaultName="examplevault", jobId=JOB_ID),
            "ResourceNotFoundException", f"The job ID was not found: {JOB_ID}",
            status_1a, headers_1a, body_1a,
        )
        self.replay(0, glacier, "DescribeJob")
        # Example 2: its body is not JSON and it has no x-amzn-ErrorType, so
        # botocore reports the status as the code and the raw body as the
        # message, exactly as it would against the documented response.
        self.expect_documented(
            "Example 2 (invalid JSON, as documented), via boto3", glacier,
            lambda: glacier.list_jobs(vaultName="examplevault", statuscode="finished"),
            "400", body_2,
            status_2, headers_2, body_2,
        )
        self.replay(2, glacier, "ListJobs")
        archive_id = glacier.upload_archive(vaultName="examplevault", body=b"denied")["archiveId"]
        self.expect(
            "archive retrieval under --deny-retrievals",
            glacier,
            lambda: glacier.initiate_job(
                vaultName="examplevault", jobParameters={"Type": "archive-retrieval", "ArchiveId": archive_id}
            ),
            "PolicyEnforcedException",
            "InitiateJob request denied by current data retrieval policy.",
        )

    def expect_documented(self, name, client, call, code, message, status, doc_headers, doc_body):
        self.expect(name, client, call, code, message, status=status, documented=True)
        raw = self.last_response
        self.compare_to_doc(name, raw["headers"], raw["body"], doc_headers, doc_body)

    def compare_to_doc(self, name, headers, body, doc_headers, doc_body):
        check(headers.get("x-amzn-RequestId") == doc_headers["x-amzn-RequestId"], f"{name}: documented request id")
        check("x-amzn-ErrorType" not in headers, f"{name}: no x-amzn-ErrorType, as documented")
        check(headers.get("Content-Type") == doc_headers["Content-Type"], f"{name}: Content-Type")
        try:
            documented = json.loads(doc_body)
        except ValueError:
            # Example 2: compare bytes; the invalid JSON is the point.
            check(body == doc_body.encode(), f"{name}: body {body!r} != {doc_body!r}")
        else:
            # Example 1's first body closes with "  }": compare as JSON.
            check(json.loads(body) == documented, f"{name}: body {body!r}")

    def replay(self, index, client, operation):
        """The document's own request, sent as printed (its key, its 2017
        date), answered with the document's response."""
        lines, (status, doc_headers, doc_body) = self.examples[index]
        method, target, _ = lines[0].split(" ")
        headers = dict(line.split(": ", 1) for line in lines[1:] if line)
        url = urllib.parse.urlparse(self.urls["docs"])
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        connection.request(method, target, headers=headers)
        response = connection.getresponse()
        raw = {"status_code": response.status, "headers": response.headers, "body": response.read()}
        connection.close()
        name = f"the document's Example {['1 (job)', '1 (vault)', '2'][index]} request, replayed verbatim"
        check(raw["status_code"] == status, f"{name}: status {raw['status_code']}")
        self.compare_to_doc(name, raw["headers"], raw["body"], doc_headers, doc_body)
        parsed = self.botocore_parse(client, operation, raw)
        print(f"ok  {name}: {status}, botocore reads {parsed['Error']['Code']!r}")
        self.checked += 1

    def throttle_instance(self):
        glacier = self.client("throttle")
        glacier.list_vaults()
        glacier.list_vaults()
        self.expect(
            "third request under --rate-limit 2/60s",
            glacier,
            lambda: glacier.list_vaults(),
            "ThrottlingException",
            "Rate exceeded",
        )
        # Another key has its own allowance: auth comes before the limit,
        # and an unknown key is still told so.
        self.expect(
            "unknown key on the throttled service",
            glacier,
            lambda: self.client("throttle", key="AKIDNOTKNOWN").list_vaults(),
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        )


    # The archive round trip, on --archives (--job-seconds 1 --archive-memory 8MiB)

    def wait_for_job(self, glacier, vault, job_id):
        deadline = time.monotonic() + 30
        while True:
            described = glacier.describe_job(vaultName=vault, jobId=job_id)
            if described["Completed"]:
                check(described["StatusCode"] == "Succeeded", f"job {described}")
                return described
            check(time.monotonic() < deadline, f"job still running after 30 s: {described}")
            time.sleep(0.2)

    def archives_instance(self):
        glacier = self.client("archives")
        vault = "photos"
        glacier.create_vault(vaultName=vault)
        data = archive_bytes(3 * MIB + 12345, "round trip")
        expected_tree = tree_hash(data)

        uploaded = glacier.upload_archive(vaultName=vault, archiveDescription="holiday 2017", body=data)
        archive_id = uploaded["archiveId"]
        check(uploaded["ResponseMetadata"]["HTTPStatusCode"] == 201, "UploadArchive is 201")
        check(uploaded["checksum"] == expected_tree, f"checksum {uploaded['checksum']} != {expected_tree}")
        check(uploaded["location"] == f"/{ACCOUNT}/vaults/{vault}/archives/{archive_id}", f"{uploaded}")
        described = glacier.describe_vault(vaultName=vault)
        check(described["NumberOfArchives"] == 1 and described["SizeInBytes"] == len(data), f"{described}")
        print(f"ok  upload_archive: {len(data)} bytes, the tree hash botocore computed, {archive_id[:12]}...")

        self.expect(
            "GetJobOutput of a job not yet completed",
            glacier,
            lambda: glacier.get_job_output(vaultName=vault, jobId=glacier.initiate_job(
                vaultName=vault, jobParameters={"Type": "inventory-retrieval"})["jobId"]),
            "InvalidParameterValueException",
            lambda m: m.startswith("The job is not currently available for download: "),
        )

        job = glacier.initiate_job(vaultName=vault, jobParameters={
            "Type": "archive-retrieval", "ArchiveId": archive_id, "Description": "whole"})
        done = self.wait_for_job(glacier, vault, job["jobId"])
        check(done["ArchiveSizeInBytes"] == len(data), f"{done}")
        check(done["ArchiveSHA256TreeHash"] == expected_tree and done["SHA256TreeHash"] == expected_tree, f"{done}")
        check(done["RetrievalByteRange"] == f"0-{len(data) - 1}", f"{done}")
        output = glacier.get_job_output(vaultName=vault, jobId=job["jobId"])
        body = output["body"].read()
        check(body == data, "the whole output is the archive")
        check(output["status"] == 200 and output["checksum"] == expected_tree, f"{output}")
        check(output["contentType"] == "application/octet-stream", f"{output['contentType']}")
        check(output["archiveDescription"] == "holiday 2017", f"{output}")
        check(output["acceptRanges"] == "bytes", f"{output}")

        part = glacier.get_job_output(vaultName=vault, jobId=job["jobId"], range=f"bytes={MIB}-{2 * MIB - 1}")
        check(part["body"].read() == data[MIB:2 * MIB], "the ranged output is those bytes")
        check(part["status"] == 206 and part["contentRange"] == f"bytes {MIB}-{2 * MIB - 1}/{len(data)}", f"{part}")
        check(part["checksum"] == tree_hash(data[MIB:2 * MIB]), "a megabyte-aligned range has its tree hash")
        tail = glacier.get_job_output(vaultName=vault, jobId=job["jobId"], range=f"bytes={3 * MIB}-")
        check(tail["body"].read() == data[3 * MIB:] and tail["checksum"] == tree_hash(data[3 * MIB:]), "tail")
        odd = glacier.get_job_output(vaultName=vault, jobId=job["jobId"], range="bytes=5-100")
        check(odd["body"].read() == data[5:101] and "checksum" not in odd, f"unaligned range: {odd}")
        self.expect(
            "GetJobOutput with a range past the output",
            glacier,
            lambda: glacier.get_job_output(vaultName=vault, jobId=job["jobId"], range=f"bytes=0-{len(data)}"),
            "InvalidParameterValueException",
            f"The range is not valid: bytes=0-{len(data)}. It must be bytes=StartByte-EndByte within the "
            f"output's {len(data)} bytes.",
        )

        ranged = glacier.initiate_job(vaultName=vault, jobParameters={
            "Type": "archive-retrieval", "ArchiveId": archive_id, "RetrievalByteRange": f"0-{2 * MIB - 1}"})
        done = self.wait_for_job(glacier, vault, ranged["jobId"])
        check(done["SHA256TreeHash"] == tree_hash(data[:2 * MIB]), f"a tree-aligned retrieval's hash: {done}")
        part = glacier.get_job_output(vaultName=vault, jobId=ranged["jobId"])
        check(part["body"].read() == data[:2 * MIB] and part["checksum"] == tree_hash(data[:2 * MIB]), "range job")
        print("ok  archive-retrieval jobs (whole and 0-2MiB): describe_job until Completed, get_job_output whole "
              "and with ranges, checksums as Glacier sends them")

        second = glacier.upload_archive(vaultName=vault, archiveDescription='say "cheese", twice', body=b"small")
        for fmt in ("JSON", "CSV"):
            job = glacier.initiate_job(vaultName=vault, jobParameters={"Type": "inventory-retrieval", "Format": fmt})
            done = self.wait_for_job(glacier, vault, job["jobId"])
            output = glacier.get_job_output(vaultName=vault, jobId=job["jobId"])
            text = output["body"].read().decode()
            check(done["InventorySizeInBytes"] == len(text.encode()), f"{done}")
            if fmt == "JSON":
                check(output["contentType"] == "application/json", output["contentType"])
                inventory = json.loads(text)
                check(inventory["VaultARN"] == f"arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/{vault}", f"{inventory}")
                rows = [(a["ArchiveId"], a["ArchiveDescription"], a["Size"], a["SHA256TreeHash"])
                        for a in inventory["ArchiveList"]]
            else:
                check(output["contentType"] == "text/csv", output["contentType"])
                table = list(csv.reader(io.StringIO(text)))
                check(table[0] == ["ArchiveId", "ArchiveDescription", "CreationDate", "Size", "SHA256TreeHash"],
                      f"CSV header {table[0]}")
                rows = [(r[0], r[1], int(r[3]), r[4]) for r in table[1:]]
            expected = [(archive_id, "holiday 2017", len(data), expected_tree),
                        (second["archiveId"], 'say "cheese", twice', 5, tree_hash(b"small"))]
            check(rows == expected, f"{fmt} inventory rows {rows}")
        print("ok  inventory-retrieval in JSON and CSV: the vault's archives, sizes and tree hashes")

        self.expect(
            "upload_archive with a wrong tree hash",
            glacier,
            lambda: glacier.upload_archive(vaultName=vault, body=b"payload", checksum="0" * 64),
            "InvalidParameterValueException",
            f"Checksum mismatch: expected {'0' * 64}, computed {tree_hash(b'payload')}",
        )
        lying = self.client("archives")

        def wrong_content_hash(request, **_):
            request.headers["x-amz-content-sha256"] = "f" * 64

        lying.meta.events.register("before-sign.glacier.UploadArchive", wrong_content_hash)
        self.expect(
            "upload_archive with a wrong x-amz-content-sha256",
            lying,
            lambda: lying.upload_archive(vaultName=vault, body=b"payload"),
            "InvalidParameterValueException",
            f"x-amz-content-sha256 mismatch: expected {'f' * 64}, computed {hashlib.sha256(b'payload').hexdigest()}",
        )
        in_use = len(data) + 5
        big = 8 * MIB - in_use + 1
        self.expect(
            "upload past --archive-memory 8MiB",
            glacier,
            lambda: glacier.upload_archive(vaultName=vault, body=archive_bytes(big, "too big")),
            "LimitExceededException",
            f"The archive of {big} bytes does not fit: this service keeps archives in memory, "
            f"{in_use} of its {8 * MIB} bytes are in use.",
        )
        fits = glacier.upload_archive(vaultName=vault, body=archive_bytes(big - 1, "fits"))
        glacier.delete_archive(vaultName=vault, archiveId=fits["archiveId"])
        print("ok  the memory cap: one byte past it is LimitExceededException, up to it fits, delete frees it")

        self.vault_settings(glacier, vault, archive_id, len(data))

        self.expect(
            "DeleteVault of a vault with archives",
            glacier,
            lambda: glacier.delete_vault(vaultName=vault),
            "InvalidParameterValueException",
            f"Vault not empty or recently written to: arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/{vault}",
        )
        glacier.delete_archive(vaultName=vault, archiveId=archive_id)
        self.expect(
            "DeleteArchive of a deleted archive",
            glacier,
            lambda: glacier.delete_archive(vaultName=vault, archiveId=archive_id),
            "ResourceNotFoundException",
            f"Archive not found for ID: {archive_id}",
        )
        # A job keeps its output after the archive is gone, as in Glacier.
        kept = glacier.get_job_output(vaultName=vault, jobId=ranged["jobId"])["body"].read()
        check(kept == data[:2 * MIB], "a job's output outlives its archive")
        glacier.delete_archive(vaultName=vault, archiveId=second["archiveId"])
        glacier.delete_vault(vaultName=vault)
        print("ok  delete_archive, then delete_vault once empty")

    def vault_settings(self, glacier, vault, archive_id, size):
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "read", "Principal": "*", "Effect": "Allow", "Action": "glacier:InitiateJob",
            "Resource": f"arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/{vault}"}]})
        glacier.set_vault_access_policy(vaultName=vault, policy={"Policy": policy})
        got = glacier.get_vault_access_policy(vaultName=vault)["policy"]["Policy"]
        check(got == policy, f"the policy comes back as sent: {got}")
        glacier.delete_vault_access_policy(vaultName=vault)
        self.expect(
            "GetVaultAccessPolicy after DeleteVaultAccessPolicy",
            glacier,
            lambda: glacier.get_vault_access_policy(vaultName=vault),
            "ResourceNotFoundException",
            f"No vault access policy is set for: arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/{vault}",
        )
        glacier.add_tags_to_vault(vaultName=vault, Tags={"team": "photos", "cost-center": "42"})
        glacier.remove_tags_from_vault(vaultName=vault, TagKeys=["cost-center"])
        tags = glacier.list_tags_for_vault(vaultName=vault)["Tags"]
        check(tags == {"team": "photos"}, f"tags {tags}")
        self.expect(
            "AddTagsToVault past 50 tags",
            glacier,
            lambda: glacier.add_tags_to_vault(vaultName=vault, Tags={f"k{i}": "v" for i in range(50)}),
            "LimitExceededException",
            "The request would give the vault more than 50 tags.",
        )
        print("ok  vault access policy (set, get, delete) and tags (add, remove, list)")

        default = glacier.get_data_retrieval_policy()["Policy"]
        check(default == {"Rules": [{"Strategy": "FreeTier"}]}, f"default policy {default}")
        glacier.set_data_retrieval_policy(Policy={"Rules": [{"Strategy": "BytesPerHour", "BytesPerHour": MIB}]})
        got = glacier.get_data_retrieval_policy()["Policy"]
        check(got == {"Rules": [{"Strategy": "BytesPerHour", "BytesPerHour": MIB}]}, f"policy {got}")
        self.expect(
            "archive retrieval past a BytesPerHour data retrieval policy",
            glacier,
            lambda: glacier.initiate_job(
                vaultName=vault, jobParameters={"Type": "archive-retrieval", "ArchiveId": archive_id}),
            "PolicyEnforcedException",
            "InitiateJob request denied by current data retrieval policy.",
        )
        glacier.set_data_retrieval_policy(Policy={"Rules": [{"Strategy": "None"}]})
        glacier.initiate_job(vaultName=vault, jobParameters={"Type": "archive-retrieval", "ArchiveId": archive_id})
        print(f"ok  data retrieval policy: FreeTier by default, BytesPerHour {MIB} refuses {size} bytes, None allows")


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--spec", "--main", "--docs", "--throttle", "--archives"):
        parser.add_argument(flag, required=True)
    run = Run(parser.parse_args())
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}")
    try:
        run.main_instance()
        run.docs_instance()
        run.throttle_instance()
        run.archives_instance()
        expected = set(run.table) - {"ServiceUnavailableException"}
        missing = expected - run.codes_triggered
        check(not missing, f"table rows never triggered: {sorted(missing)}")
    except Failure as failure:
        print(f"FAILED {failure}", file=sys.stderr)
        return 1
    print(
        f"{run.checked} error responses checked; {len(run.codes_triggered)} of {len(run.table)} "
        f"table rows triggered from real requests: {', '.join(sorted(run.codes_triggered))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
