#!/usr/bin/env python3
"""An independent reading of service models, to check errtable's against.

    python3 tests/scripts/read_models.py MODEL.json[.gz]...

Prints one JSON object: for each file as named, what errtable should read
from it, following the issue's rules (written from them, not from
errtable's code):

    {"protocol": "rest-json" | ... | null,
     "errors": [{"code", "status", "type", "retry", "query_code",
                 "description"}, ...],        # in the file's shape order
     "operations": {"Name": [code, ...]}}     # own errors, then the service's

Smithy JSON AST models are told from botocore models by their keys.
Documentation is turned into text with Python's own HTML parser.
"""

import gzip
import json
import sys
from html.parser import HTMLParser

# Elements that separate words; others (code, a, i, b) do not.
BLOCKS = {
    "p", "br", "li", "ul", "ol", "dl", "dt", "dd", "div", "pre", "note",
    "important", "fullname", "blockquote", "table", "tr", "td", "th",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr",
}


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def text(html):
    parser = Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def retry(trait):
    if trait is None:
        return None
    return "Throttling" if trait.get("throttling") is True else "Transient"


SMITHY_PROTOCOLS = {
    "aws.protocols#restJson1": "rest-json",
    "aws.protocols#awsJson1_0": "aws-json",
    "aws.protocols#awsJson1_1": "aws-json-1.1",
    "aws.protocols#restXml": "rest-xml-wrapped",
    "aws.protocols#awsQuery": "query",
    "aws.protocols#ec2Query": "ec2",
    "smithy.protocols#rpcv2Cbor": "rpc-v2-cbor",
}


def smithy(model):
    shapes = model["shapes"]
    services = [s for s in shapes.values() if s["type"] == "service"]
    protocol = None
    for service in services:
        for trait in service.get("traits", {}):
            if protocol is None and trait in SMITHY_PROTOCOLS:
                protocol = SMITHY_PROTOCOLS[trait]
                # S3 sends its errors unwrapped, as the trait says.
                if service["traits"][trait].get("noErrorWrapping") is True:
                    protocol = "rest-xml"
    # awsQueryError says something only where the query protocols speak,
    # or a JSON service is compatible with them.
    query_codes = protocol in ("query", "ec2") or any(
        "aws.protocols#awsQueryCompatible" in s.get("traits", {}) for s in services)
    errors, codes = [], {}
    for shape_id, shape in shapes.items():
        traits = shape.get("traits", {})
        if "smithy.api#error" not in traits:
            continue
        name = shape_id.split("#")[-1]
        # The shape's name is the code; awsQueryError says what the query
        # protocols send instead, and nothing else.
        query = (traits.get("aws.protocols#awsQueryError") if query_codes else None) or {}
        code, query_code = name, query.get("code")
        server = traits["smithy.api#error"] == "server"
        status = traits.get("smithy.api#httpError", 500 if server else 400)
        query_status = query.get("httpResponseCode")
        if query_status == status:
            query_status = None
        codes[shape_id] = code
        errors.append({
            "code": code,
            "status": status,
            "type": "Server" if server else "Client",
            "retry": retry(traits.get("smithy.api#retryable")),
            "query_code": query_code,
            "query_status": query_status,
            "description": text(traits.get("smithy.api#documentation", "")),
        })
    operations = {}
    for service in services:
        service_errors = [codes[e["target"]] for e in service.get("errors", [])]
        todo, seen, op_ids = [service], set(), []
        while todo:
            shape = todo.pop()
            for key in ("create", "put", "read", "update", "delete", "list"):
                if key in shape:
                    op_ids.append(shape[key]["target"])
            for key in ("operations", "collectionOperations"):
                op_ids.extend(t["target"] for t in shape.get(key, []))
            for resource in shape.get("resources", []):
                if resource["target"] not in seen:
                    seen.add(resource["target"])
                    todo.append(shapes[resource["target"]])
        for op_id in op_ids:
            listed = [codes[e["target"]] for e in shapes[op_id].get("errors", [])]
            own = list(dict.fromkeys(listed + service_errors))
            operations[op_id.split("#")[-1]] = own
    return {"protocol": protocol, "errors": errors, "operations": operations}


BOTOCORE_PROTOCOLS = {
    "rest-json": "rest-json",
    "json": "aws-json",
    "rest-xml": "rest-xml-wrapped",
    "query": "query",
    "ec2": "ec2",
    "smithy-rpc-v2-cbor": "rpc-v2-cbor",
}


def botocore(model):
    metadata = model["metadata"]
    names = list(metadata.get("protocols", [])) + [metadata.get("protocol")]
    protocol = next((BOTOCORE_PROTOCOLS[n] for n in names if n in BOTOCORE_PROTOCOLS), None)
    if protocol == "aws-json" and metadata.get("jsonVersion") == "1.1":
        protocol = "aws-json-1.1"
    # botocore models lack Smithy's noErrorWrapping: S3 is the one unwrapped.
    if protocol == "rest-xml-wrapped" and metadata.get("serviceId") == "S3":
        protocol = "rest-xml"
    query_codes = protocol in ("query", "ec2") or "awsQueryCompatible" in metadata
    errors, codes = [], {}
    for name, shape in model["shapes"].items():
        if shape.get("exception") is not True:
            continue
        error = shape.get("error", {})
        code = name
        query_code = error.get("code") if query_codes else None
        status = error.get("httpStatusCode", 500 if shape.get("fault") is True else 400)
        codes[name] = code
        errors.append({
            "code": code,
            "status": status,
            "type": "Server" if shape.get("fault") is True or status >= 500 else "Client",
            "retry": retry(shape.get("retryable")),
            "query_code": query_code,
            "query_status": None,
            "description": text(shape.get("documentation", "")),
        })
    operations = {
        name: list(dict.fromkeys(codes[e["shape"]] for e in op.get("errors", [])))
        for name, op in model.get("operations", {}).items()
    }
    return {"protocol": protocol, "errors": errors, "operations": operations}


def main():
    out = {}
    for path in sys.argv[1:]:
        model = load(path)
        out[path] = smithy(model) if "smithy" in model else botocore(model)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
