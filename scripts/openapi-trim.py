#!/usr/bin/env python3
"""Keeps only the named operations of a provider's OpenAPI 3 description and the components they reach, unchanged.

Providers publish one description per API family (PayPal's Orders v2 alone is 560 kB, Square's api.json 3 MB, UPS's
Rating a few hundred kB of YAML); the store calls a handful of operations, so the repository keeps those with their
exact names and schemas, and the generated clients stay small and match the wire format.

  scripts/openapi-trim.py FULL.(json|yaml) OUT.(json|yaml) SELECTOR ...

A selector is "post /v2/checkout/orders" (method and path), an operationId (Rate), or schema:Name (a schema no kept
operation reaches but the store reads, e.g. a webhook body). YAML needs PyYAML (Debian's python3-yaml).
"""
import json
import sys

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def load(path):
    text = open(path, encoding="utf-8").read()
    if path.endswith((".yaml", ".yml")):
        import yaml

        # Some published files indent with tabs inside descriptions, which YAML refuses.
        return yaml.safe_load(text.replace("\t", "  "))
    return json.loads(text)


def save(doc, path):
    with open(path, "w", encoding="utf-8") as out:
        if path.endswith((".yaml", ".yml")):
            import yaml

            yaml.safe_dump(doc, out, sort_keys=False, allow_unicode=True, width=120)
        else:
            json.dump(doc, out, indent=1, ensure_ascii=False)
            out.write("\n")


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


def main(source, target, selectors):
    doc = load(source)
    wanted_ids = {s for s in selectors if " " not in s and not s.startswith("schema:")}
    wanted_paths = {tuple(s.split(" ", 1)) for s in selectors if " " in s}
    todo = {("schemas", s[len("schema:"):]) for s in selectors if s.startswith("schema:")}

    paths = {}
    for path, item in doc["paths"].items():
        kept = {
            verb: op
            for verb, op in item.items()
            if verb in METHODS and ((verb, path) in wanted_paths or op.get("operationId") in wanted_ids)
        }
        if kept:
            paths[path] = {**{k: v for k, v in item.items() if k not in METHODS}, **kept}

    components = doc.get("components", {})
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

    doc["paths"] = paths
    trimmed = {"securitySchemes": components["securitySchemes"]} if "securitySchemes" in components else {}
    for kind, name in sorted(done):
        trimmed.setdefault(kind, {})[name] = components[kind][name]
    doc["components"] = trimmed
    save(doc, target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
