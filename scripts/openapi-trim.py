#!/usr/bin/env python3
"""Keeps only the named operations of an OpenAPI 3 description and the components they reach, unchanged.

The providers publish one description per API family (PayPal's Orders v2 alone is 560 kB, Square's api.json
3 MB); the store calls a handful of operations, so the repository keeps those with their exact schemas and the
generated clients stay small.

  scripts/openapi-trim.py FULL.json OUT.json "post /v2/checkout/orders" "get /v2/checkout/orders/{id}" ... [schema:Name ...]
"""
import json
import sys


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                found.add(tuple(value[len("#/components/"):].split("/", 1)))
            else:
                refs(value, found)
    elif isinstance(node, list):
        for item in node:
            refs(item, found)


def main(source, target, wanted):
    spec = json.load(open(source, encoding="utf-8"))
    paths = {}
    extra = set()
    for operation in wanted:
        if operation.startswith("schema:"):
            extra.add(("schemas", operation[len("schema:"):]))
            continue
        method, path = operation.split(" ", 1)
        item = spec["paths"][path]
        kept = paths.setdefault(path, {k: v for k, v in item.items() if k == "parameters"})
        kept[method] = item[method]

    components = spec.get("components", {})
    todo = set(extra)
    refs(paths, todo)
    done = set()
    while todo:
        kind, name = todo.pop()
        if (kind, name) in done:
            continue
        done.add((kind, name))
        if name not in components.get(kind, {}):
            # Square's api.json names a few schemas it never defines; an open schema keeps the description valid.
            print(f"warning: {kind}/{name} is referenced but not defined upstream; kept as an open schema", file=sys.stderr)
            components.setdefault(kind, {})[name] = {"description": "Referenced but not defined in the published description."}
            continue
        refs(components[kind][name], todo)

    out = {k: spec[k] for k in ("openapi", "info", "servers", "security", "x-fern-global-headers") if k in spec}
    out["paths"] = paths
    out["components"] = {}
    if "securitySchemes" in components:
        out["components"]["securitySchemes"] = components["securitySchemes"]
    for kind, name in sorted(done):
        out["components"].setdefault(kind, {})[name] = components[kind][name]
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
