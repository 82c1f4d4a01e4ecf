#!/usr/bin/env python3
"""Keeps only the named operations of a provider's OpenAPI description and the schemas they reach.

The providers publish descriptions of hundreds of schemas; the store calls a handful of operations. The kept parts
are copied as published (same names, same shapes), so the generated client matches the provider's wire format.
Usage: trim-openapi.py SOURCE.yaml TARGET.yaml operationId [operationId ...]
"""
import re
import sys

import yaml


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value)
            else:
                refs(value, found)
    elif isinstance(node, list):
        for item in node:
            refs(item, found)


def main():
    source, target, *operations = sys.argv[1:]
    # Some published files indent with tabs inside descriptions, which YAML refuses.
    text = open(source, encoding="utf-8").read().replace("\t", "  ")
    doc = yaml.safe_load(text)
    wanted = set(operations)
    paths = {}
    for path, item in doc["paths"].items():
        kept = {verb: op for verb, op in item.items() if isinstance(op, dict) and op.get("operationId") in wanted}
        if kept:
            shared = {k: v for k, v in item.items() if not isinstance(v, dict) or "operationId" not in v}
            paths[path] = {**shared, **kept}
    doc["paths"] = paths
    components = doc.get("components", {})
    pending, seen = set(), set()
    refs(paths, pending)
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        match = re.match(r"#/components/(\w+)/(.+)$", ref)
        if match:
            refs(components.get(match.group(1), {}).get(match.group(2)), pending)
    for section in list(components):
        if section == "securitySchemes":
            continue
        components[section] = {
            name: value for name, value in components[section].items() if f"#/components/{section}/{name}" in seen
        }
    with open(target, "w", encoding="utf-8") as out:
        yaml.safe_dump(doc, out, sort_keys=False, allow_unicode=True, width=120)


if __name__ == "__main__":
    main()
