"""Drives s3-service with boto3's s3 client, a client nobody here wrote.

Started by tests/boto3.rs with the URL of a running service:

    python3 boto3_client.py --endpoint http://127.0.0.1:PORT --max-object-size 1024

The client is path-style, with dummy credentials (the service checks no
signature) and one attempt per call, so a retry never hides an error. Each
check prints one line; the first failure exits non-zero.

What must hold:
- NoSuchKey is raised as s3.exceptions.NoSuchKey, NoSuchBucket as
  s3.exceptions.NoSuchBucket, BucketAlreadyOwnedByYou as its class; every
  error has the table's code and status, S3's message and extra elements
  (Key, BucketName, Resource...), and botocore's ResponseMetadata carries
  the request id and host id the response's headers sent.
- EntityTooLarge past --max-object-size, with ProposedSize and
  MaxSizeAllowed; an object at the cap is stored.
- A conditional GET whose copy is current is a 304: botocore raises
  ClientError with Code "304" and Message "Not Modified" (the response has
  no body, as HTTP requires and S3 sends), and the raw response has no
  body, Content-Type or Content-Length.
- HEAD errors have no body, so botocore reports the status ("404").
- Objects, listings (v1 and v2, paginated, with keys that need URL
  encoding) and ranges round-trip.
"""

import argparse
import hashlib
import http.client
import re
import sys
import urllib.parse

try:
    import boto3
    import botocore.parsers
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as err:  # The Rust test checks this first; be loud anyway.
    sys.exit(f"boto3 is required (python3 -m pip install boto3): {err}")

REQUEST_ID = re.compile(r"^[0-9A-F]{16}$")
# S3's host ids: base64, as errtable's request-context layer makes them.
HOST_ID = re.compile(r"^[A-Za-z0-9+/]{64}$")
BUCKET = "errtable-example"


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def equal(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


class Run:
    def __init__(self, endpoint, max_object_size):
        self.endpoint = endpoint
        self.max_object_size = max_object_size
        self.s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            config=Config(
                s3={"addressing_style": "path"},
                retries={"max_attempts": 1, "mode": "standard"},
                connect_timeout=5,
                read_timeout=10,
            ),
        )
        self.request_ids = set()
        self.checks = 0

    def passed(self, what):
        self.checks += 1
        print(f"ok {self.checks}: {what}")

    def metadata(self, response, what):
        """The request id and host id botocore read from the headers: S3's
        shapes, equal to the headers, and never repeated."""
        meta = response["ResponseMetadata"]
        headers = meta["HTTPHeaders"]
        request_id = meta.get("RequestId", "")
        check(REQUEST_ID.match(request_id), f"{what}: request id {request_id!r}")
        equal(request_id, headers.get("x-amz-request-id"), f"{what}: request id header")
        check(HOST_ID.match(meta.get("HostId", "")), f"{what}: host id {meta.get('HostId')!r}")
        equal(meta["HostId"], headers.get("x-amz-id-2"), f"{what}: host id header")
        check(request_id not in self.request_ids, f"{what}: request id {request_id} repeated")
        self.request_ids.add(request_id)
        return meta

    def error(self, call, code, status, what, exception=None, **fields):
        """Runs `call`, which must fail with `code` and `status` (and be an
        instance of `exception`); `fields` are elements the error must
        carry. Returns the ClientError."""
        try:
            call()
        except ClientError as err:
            error = err.response["Error"]
            equal(error.get("Code"), code, f"{what}: code")
            meta = self.metadata(err.response, what)
            equal(meta["HTTPStatusCode"], status, f"{what}: status")
            if exception is not None:
                check(isinstance(err, exception), f"{what}: {type(err)} is not {exception}")
            for name, value in fields.items():
                equal(error.get(name), value, f"{what}: {name}")
            # botocore keeps the ids in ResponseMetadata, not in Error.
            check("RequestId" not in error and "HostId" not in error, f"{what}: {error}")
            self.passed(f"{what}: {code} {status} {error.get('Message')!r}")
            return err
        raise Failure(f"{what}: no error")

    def raw(self, method, path, headers=None):
        """One request without boto3: status, headers (lowercased) and body."""
        url = urllib.parse.urlsplit(self.endpoint)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return response.status, headers, body
        finally:
            connection.close()

    # The checks, in order ----------------------------------------------------

    def buckets(self):
        s3 = self.s3
        self.metadata(s3.create_bucket(Bucket=BUCKET), "CreateBucket")
        names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        check(BUCKET in names, f"ListBuckets: {names}")
        self.metadata(s3.head_bucket(Bucket=BUCKET), "HeadBucket")
        self.passed("CreateBucket, ListBuckets, HeadBucket")
        self.error(
            lambda: s3.create_bucket(Bucket=BUCKET),
            "BucketAlreadyOwnedByYou", 409, "CreateBucket again",
            exception=s3.exceptions.BucketAlreadyOwnedByYou,
            Message="Your previous request to create the named bucket succeeded "
                    "and you already own it.",
            BucketName=BUCKET, Resource=f"/{BUCKET}",
        )
        # botocore checks names client-side against [a-zA-Z0-9.\-_]{1,255}:
        # this one passes there and fails S3's rules.
        self.error(
            lambda: s3.create_bucket(Bucket="Invalid_Name"),
            "InvalidBucketName", 400, "CreateBucket Invalid_Name",
            Message="The specified bucket is not valid.",
            BucketName="Invalid_Name", Resource="/Invalid_Name",
        )

    def no_such_bucket(self):
        s3 = self.s3
        missing = "no-such-bucket"
        err = self.error(
            lambda: s3.list_objects_v2(Bucket=missing),
            "NoSuchBucket", 404, "ListObjectsV2 on a missing bucket",
            exception=s3.exceptions.NoSuchBucket,
            Message="The specified bucket does not exist",
            BucketName=missing, Resource=f"/{missing}",
        )
        equal(err.response["ResponseMetadata"]["HTTPHeaders"].get("content-type"),
              "application/xml", "NoSuchBucket: content type")
        self.error(
            lambda: s3.get_object(Bucket=missing, Key="k"),
            "NoSuchBucket", 404, "GetObject in a missing bucket",
            exception=s3.exceptions.NoSuchBucket, BucketName=missing,
            Resource=f"/{missing}/k",
        )
        self.error(
            lambda: s3.put_object(Bucket=missing, Key="k", Body=b"x"),
            "NoSuchBucket", 404, "PutObject in a missing bucket", BucketName=missing,
        )
        # HEAD errors have no body: botocore has only the status.
        self.error(
            lambda: s3.head_bucket(Bucket=missing),
            "404", 404, "HeadBucket on a missing bucket", Message="Not Found",
        )

    def objects(self):
        s3 = self.s3
        data = b"hello world"
        put = s3.put_object(Bucket=BUCKET, Key="greeting.txt", Body=data,
                            ContentType="text/plain", Metadata={"colour": "blue"})
        self.metadata(put, "PutObject")
        etag = put["ETag"]
        equal(etag, '"%s"' % hashlib.md5(data).hexdigest(), "PutObject: ETag is the MD5")
        got = s3.get_object(Bucket=BUCKET, Key="greeting.txt")
        self.metadata(got, "GetObject")
        equal(got["Body"].read(), data, "GetObject: body")
        equal(got["ETag"], etag, "GetObject: ETag")
        equal(got["ContentType"], "text/plain", "GetObject: content type")
        equal(got["Metadata"], {"colour": "blue"}, "GetObject: metadata")
        head = s3.head_object(Bucket=BUCKET, Key="greeting.txt")
        equal(head["ContentLength"], len(data), "HeadObject: length")
        equal(head["LastModified"], got["LastModified"], "HeadObject: LastModified")
        self.passed("PutObject, GetObject, HeadObject")

        part = s3.get_object(Bucket=BUCKET, Key="greeting.txt", Range="bytes=0-4")
        equal(part["Body"].read(), b"hello", "GetObject Range: body")
        equal(part["ContentRange"], "bytes 0-4/11", "GetObject Range: Content-Range")
        equal(part["ResponseMetadata"]["HTTPStatusCode"], 206, "GetObject Range: status")
        self.passed("GetObject with Range: 206")
        err = self.error(
            lambda: s3.get_object(Bucket=BUCKET, Key="greeting.txt", Range="bytes=100-"),
            "InvalidRange", 416, "GetObject past the end",
            Message="The requested range is not satisfiable",
            RangeRequested="bytes=100-", ActualObjectSize="11",
        )
        headers = err.response["ResponseMetadata"]["HTTPHeaders"]
        equal(headers.get("content-range"), "bytes */11", "416: Content-Range header")
        return etag, got["LastModified"]

    def no_such_key(self):
        s3 = self.s3
        key = "missing/a b+c.txt"
        self.error(
            lambda: s3.get_object(Bucket=BUCKET, Key=key),
            "NoSuchKey", 404, "GetObject of a missing key",
            exception=s3.exceptions.NoSuchKey,
            Message="The specified key does not exist.",
            Key=key, Resource=f"/{BUCKET}/{key}",
        )
        self.error(
            lambda: s3.head_object(Bucket=BUCKET, Key=key),
            "404", 404, "HeadObject of a missing key", Message="Not Found",
        )

    def entity_too_large(self):
        s3 = self.s3
        cap = self.max_object_size
        self.error(
            lambda: s3.put_object(Bucket=BUCKET, Key="too-big", Body=b"x" * (cap + 1)),
            "EntityTooLarge", 400, "PutObject over --max-object-size",
            Message="Your proposed upload exceeds the maximum allowed size",
            ProposedSize=str(cap + 1), MaxSizeAllowed=str(cap),
            Resource=f"/{BUCKET}/too-big",
        )
        self.error(
            lambda: s3.head_object(Bucket=BUCKET, Key="too-big"),
            "404", 404, "the refused object was not stored",
        )
        s3.put_object(Bucket=BUCKET, Key="at-the-cap", Body=b"x" * cap)
        got = s3.get_object(Bucket=BUCKET, Key="at-the-cap")["Body"].read()
        equal(len(got), cap, "an object at the cap")
        s3.delete_object(Bucket=BUCKET, Key="at-the-cap")
        self.passed(f"an object of exactly {cap} bytes is stored")

    def conditional_get(self, etag, last_modified):
        s3 = self.s3
        for what, condition in [
            ("IfNoneMatch=ETag", {"IfNoneMatch": etag}),
            ("IfModifiedSince=LastModified", {"IfModifiedSince": last_modified}),
        ]:
            err = self.error(
                lambda: s3.get_object(Bucket=BUCKET, Key="greeting.txt", **condition),
                "304", 304, f"conditional GetObject, {what}", Message="Not Modified",
            )
            headers = err.response["ResponseMetadata"]["HTTPHeaders"]
            equal(headers.get("etag"), etag, f"304 {what}: ETag header")
            equal(
                headers.get("last-modified"),
                last_modified.strftime("%a, %d %b %Y %H:%M:%S GMT"),
                f"304 {what}: Last-Modified header",
            )
        fresh = s3.get_object(Bucket=BUCKET, Key="greeting.txt", IfNoneMatch='"other"')
        equal(fresh["Body"].read(), b"hello world", "IfNoneMatch of another ETag")
        self.passed("conditional GetObject of a changed copy: 200")
        self.error(
            lambda: s3.get_object(Bucket=BUCKET, Key="greeting.txt", IfMatch='"other"'),
            "PreconditionFailed", 412, "GetObject IfMatch of another ETag",
            Message="At least one of the pre-conditions you specified did not hold",
            Condition="If-Match",
        )

        # The wire: a 304 has no body, and nothing that describes one.
        status, headers, body = self.raw(
            "GET", f"/{BUCKET}/greeting.txt", {"If-None-Match": etag})
        equal(status, 304, "raw 304: status")
        equal(body, b"", "raw 304: body")
        check("content-length" not in headers and "content-type" not in headers,
              f"raw 304: headers {headers}")
        check(REQUEST_ID.match(headers.get("x-amz-request-id", "")), f"raw 304: {headers}")
        self.passed("on the wire, the 304 has no body, Content-Type or Content-Length")

    def listings(self):
        s3 = self.s3
        keys = ["a.txt", "dir/one", "dir/sub/two", "odd name+plus%.txt", "ünï/cödé", "z"]
        for key in keys:
            s3.put_object(Bucket=BUCKET, Key=key, Body=key.encode())
        everything = sorted(keys + ["greeting.txt"], key=lambda k: k.encode())

        listed = []
        pages = s3.get_paginator("list_objects_v2").paginate(
            Bucket=BUCKET, PaginationConfig={"PageSize": 2})
        for page in pages:
            check(page["KeyCount"] <= 2, f"ListObjectsV2 page of {page['KeyCount']}")
            listed += [item["Key"] for item in page.get("Contents", [])]
        equal(listed, everything, "ListObjectsV2, paginated by 2")

        top = s3.list_objects_v2(Bucket=BUCKET, Delimiter="/")
        equal([p["Prefix"] for p in top["CommonPrefixes"]], ["dir/", "ünï/"],
              "ListObjectsV2 common prefixes")
        under = s3.list_objects_v2(Bucket=BUCKET, Prefix="dir/", Delimiter="/")
        equal([c["Key"] for c in under["Contents"]], ["dir/one"], "ListObjectsV2 under dir/")

        listed = []
        for page in s3.get_paginator("list_objects").paginate(
                Bucket=BUCKET, PaginationConfig={"PageSize": 3}):
            listed += [item["Key"] for item in page.get("Contents", [])]
        equal(listed, everything, "ListObjects (v1), paginated by 3")
        self.passed("listings: v2 and v1, paginated, prefixes, URL-encoded keys")

        self.error(
            lambda: s3.delete_bucket(Bucket=BUCKET),
            "BucketNotEmpty", 409, "DeleteBucket of a bucket with objects",
            Message="The bucket you tried to delete is not empty", BucketName=BUCKET,
        )
        for key in everything:
            s3.delete_object(Bucket=BUCKET, Key=key)
        equal(s3.list_objects_v2(Bucket=BUCKET)["KeyCount"], 0, "emptied")
        s3.delete_bucket(Bucket=BUCKET)
        self.error(lambda: s3.head_bucket(Bucket=BUCKET), "404", 404, "deleted bucket")

    def unsupported(self):
        s3 = self.s3
        s3.create_bucket(Bucket=BUCKET)
        # A sub-resource is not the plain operation: not a CreateBucket.
        self.error(
            lambda: s3.put_bucket_versioning(
                Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"}),
            "NotImplemented", 501, "PutBucketVersioning",
        )
        # botocore's own parser on a raw response boto3 has no call for.
        status, headers, body = self.raw("POST", f"/{BUCKET}/k")
        parsed = botocore.parsers.create_parser("rest-xml").parse(
            {"status_code": status, "headers": headers, "body": body}, None)
        error = parsed["Error"]
        equal((status, error["Code"], error["Method"], error["ResourceType"]),
              (405, "MethodNotAllowed", "POST", "OBJECT"), "POST on an object")
        equal(parsed["ResponseMetadata"]["RequestId"], headers["x-amz-request-id"],
              "MethodNotAllowed: request id")
        self.passed("MethodNotAllowed read by botocore's rest-xml parser")
        s3.delete_bucket(Bucket=BUCKET)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--max-object-size", type=int, required=True)
    args = parser.parse_args()
    run = Run(args.endpoint, args.max_object_size)
    try:
        run.buckets()
        run.no_such_bucket()
        etag, last_modified = run.objects()
        run.no_such_key()
        run.entity_too_large()
        run.conditional_get(etag, last_modified)
        run.listings()
        run.unsupported()
    except Failure as failure:
        print(f"FAILED after {run.checks} checks: {failure}")
        sys.exit(1)
    print(f"all {run.checks} checks passed with boto3 {boto3.__version__}")


if __name__ == "__main__":
    main()
