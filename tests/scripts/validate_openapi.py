"""Checks an OpenAPI document errtable's `utoipa` feature helped build.

Usage: validate_openapi.py DOCUMENT.json

1. The document is valid OpenAPI (openapi-spec-validator, which picks the
   version the document declares).
2. Every example of every response matches its media type's schema: JSON
   bodies with jsonschema (Draft 2020-12, OpenAPI 3.1's dialect), XML bodies
   parsed with ElementTree and walked along the schema (root element named
   by `xml.name`, required elements present, enum values kept, wrapped
   arrays).

Prints {"responses": N, "json_examples": N, "xml_examples": N} and exits 0,
or prints what is wrong on stderr and exits 1.
"""

import json
import sys
import xml.etree.ElementTree as ElementTree

import jsonschema
from openapi_spec_validator import validate


def xml_problems(element, schema, where):
    """What in `element` does not fit the object `schema`."""
    problems = []
    if "enum" in schema:
        if (element.text or "") not in schema["enum"]:
            problems.append(f"{where}: {element.text!r} is not one of {schema['enum']}")
        return problems
    if schema.get("type") == "array":
        items = schema["items"]
        name = items.get("xml", {}).get("name")
        children = list(element)
        if not children:
            problems.append(f"{where}: empty array")
        for index, child in enumerate(children):
            if name and child.tag != name:
                problems.append(f"{where}[{index}]: <{child.tag}> where <{name}> belongs")
            problems += xml_problems(child, items, f"{where}/{child.tag}")
        return problems
    properties = schema.get("properties", {})
    children = {child.tag: child for child in element}
    for required in schema.get("required", []):
        if required not in children:
            problems.append(f"{where}: no <{required}>")
    for tag, child in children.items():
        if tag in properties:
            problems += xml_problems(child, properties[tag], f"{where}/{tag}")
    return problems


def main(path):
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    validate(document)

    problems = []
    counts = {"responses": 0, "json_examples": 0, "xml_examples": 0}
    for route, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                counts["responses"] += 1
                for media, content in response.get("content", {}).items():
                    schema = content.get("schema", {})
                    for name, example in content.get("examples", {}).items():
                        where = f"{method.upper()} {route} {status} {media} {name}"
                        value = example["value"]
                        if "json" in media:
                            validator = jsonschema.Draft202012Validator(schema)
                            for error in validator.iter_errors(value):
                                problems.append(f"{where}: {error.message}")
                            counts["json_examples"] += 1
                        elif "xml" in media:
                            root = ElementTree.fromstring(value.encode("utf-8"))
                            expected = schema.get("xml", {}).get("name")
                            if root.tag != expected:
                                problems.append(f"{where}: root <{root.tag}>, schema <{expected}>")
                            problems += xml_problems(root, schema, where)
                            counts["xml_examples"] += 1
                        else:
                            problems.append(f"{where}: unexpected media type")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1])
