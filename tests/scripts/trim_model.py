#!/usr/bin/env python3
"""Trims a Smithy JSON AST model, or a botocore `service-2.json`, to what
an error table needs: its services (their traits, without operations or
resources; botocore's metadata) and its error shapes with every shape
their members reach. The live boto3 tests derive tables from these
(tests/specs/live/); the whole models are megabytes.

    trim_model.py MODEL.json > TRIMMED.json
    trim_model.py --operations MODEL.json > TRIMMED.json

With `--operations`, the operations stay too, so that a derive with
`operation = "..."` still knows which errors each returns: the service
keeps its `operations`, `resources` and `errors` lists, each operation
(the service's and its resources', nested ones included) keeps only its
`errors` (no input, output or traits), and each resource only the lists
that name operations and resources. botocore operations keep `name` and
`errors`.
"""

import argparse
import json
import sys

# What a resource shape names operations and resources with (Smithy 2.0):
# its lifecycle operations, its other operations, its child resources.
RESOURCE_LIFECYCLE = ("create", "put", "read", "update", "delete", "list")
RESOURCE_LISTS = ("operations", "collectionOperations", "resources")


def botocore(model, operations):
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
    kept_operations = {}
    if operations:
        for name, operation in sorted(model.get("operations", {}).items()):
            kept_operations[name] = {"name": operation.get("name", name)}
            if "errors" in operation:
                kept_operations[name]["errors"] = [{"shape": e["shape"]} for e in operation["errors"]]
    return {
        "version": model.get("version", "2.0"),
        "metadata": model["metadata"],
        "operations": kept_operations,
        "shapes": dict(sorted(kept.items())),
    }


def smithy_operations(shapes, service):
    """The operation and resource shapes a service reaches, trimmed: each
    operation to its errors, each resource to its operation and resource
    lists."""
    kept = {}
    todo = [t["target"] for key in ("operations", "resources") for t in service.get(key, [])]
    while todo:
        shape_id = todo.pop()
        if shape_id in kept or shape_id not in shapes:
            continue
        shape = shapes[shape_id]
        if shape["type"] == "operation":
            trimmed = {"type": "operation"}
            if shape.get("errors"):
                trimmed["errors"] = shape["errors"]
            kept[shape_id] = trimmed
        elif shape["type"] == "resource":
            trimmed = {"type": "resource"}
            for key in RESOURCE_LIFECYCLE:
                if key in shape:
                    trimmed[key] = shape[key]
                    todo.append(shape[key]["target"])
            for key in RESOURCE_LISTS:
                if key in shape:
                    trimmed[key] = shape[key]
                    todo.extend(t["target"] for t in shape[key])
            kept[shape_id] = trimmed
    return kept


def smithy(model, operations):
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
            dropped = ("operations", "resources", "errors")
            if operations:
                dropped = ()
                kept.update(smithy_operations(shapes, shape))
            service = {k: v for k, v in shape.items() if k not in dropped}
            # Only the traits that say how errors go on the wire: endpoint
            # rules and documentation are most of a service shape.
            service["traits"] = {
                trait: value
                for trait, value in shape.get("traits", {}).items()
                if trait.startswith(("aws.protocols#", "smithy.protocols#"))
                or trait in ("smithy.api#xmlNamespace", "aws.api#service", "smithy.api#title")
            }
            kept[shape_id] = service
    return {"smithy": model["smithy"], "shapes": dict(sorted(kept.items()))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--operations",
        action="store_true",
        help="keep the service's operations, each with only its errors",
    )
    parser.add_argument("model", help="a Smithy JSON AST model or a botocore service-2.json")
    args = parser.parse_args()
    with open(args.model) as file:
        model = json.load(file)
    # Smithy models may have a `metadata` key too (validator
    # suppressions); only they have `smithy`.
    if "smithy" in model:
        trimmed = smithy(model, args.operations)
    else:
        trimmed = botocore(model, args.operations)
    json.dump(trimmed, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
