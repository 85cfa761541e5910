#!/usr/bin/env python3
"""Trims a Smithy JSON AST model, or a botocore `service-2.json`, to what
an error table needs: its services (their traits, without operations or
resources; botocore's metadata) and its error shapes with every shape
their members reach. The live boto3 tests derive tables from these
(tests/specs/live/); the whole models are megabytes.

    trim_model.py MODEL.json > TRIMMED.json
"""

import json
import sys


def botocore(model):
    shapes = model["shapes"]
    kept = {}
    todo = [name for name, s in shapes.items() if s.get("exception") is True]
    while todo:
        name = todo.pop()
        if name in kept or name not in shapes:
            continue
        shape = shapes[name]
        kept[name] = shape
        for member in shape.get("members", {}).values():
            todo.append(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                todo.append(shape[key]["shape"])
    return {
        "version": model.get("version", "2.0"),
        "metadata": model["metadata"],
        "operations": {},
        "shapes": dict(sorted(kept.items())),
    }


def main():
    model = json.load(open(sys.argv[1]))
    if "metadata" in model:
        json.dump(botocore(model), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    shapes = model["shapes"]
    kept = {}
    todo = [i for i, s in shapes.items() if "smithy.api#error" in s.get("traits", {})]
    while todo:
        shape_id = todo.pop()
        if shape_id in kept or shape_id not in shapes:
            continue
        shape = shapes[shape_id]
        kept[shape_id] = shape
        for member in shape.get("members", {}).values():
            todo.append(member["target"])
        for key in ("member", "key", "value"):
            if key in shape:
                todo.append(shape[key]["target"])
    for shape_id, shape in shapes.items():
        if shape["type"] == "service":
            service = {k: v for k, v in shape.items() if k not in ("operations", "resources", "errors")}
            # Only the traits that say how errors go on the wire: endpoint
            # rules and documentation are most of a service shape.
            service["traits"] = {
                trait: value
                for trait, value in shape.get("traits", {}).items()
                if trait.startswith(("aws.protocols#", "smithy.protocols#"))
                or trait in ("smithy.api#xmlNamespace", "aws.api#service", "smithy.api#title")
            }
            kept[shape_id] = service
    json.dump({"smithy": model["smithy"], "shapes": dict(sorted(kept.items()))}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
