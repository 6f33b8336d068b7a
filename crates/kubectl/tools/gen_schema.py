#!/usr/bin/env python3
"""Generates crates/kubectl/src/schema_data.rs from the Kubernetes API Go types.

The table holds, for every API struct, its JSON field names in Go declaration order
(which is the order `encoding/json` writes them) and each field's strategic-merge-patch
tags (`patchStrategy`, `patchMergeKey`). Only names, order and tags are taken.

Usage: gen_schema.py API_REPO APIMACHINERY_REPO REF > crates/kubectl/src/schema_data.rs
where the first two arguments are git directories of github.com/kubernetes/api and
github.com/kubernetes/apimachinery and REF is the tag to read (v0.37.0-beta.0 for
Kubernetes v1.37), read with `git show REF:path`.
"""
import re
import subprocess
import sys

API, MACHINERY, REF = sys.argv[1], sys.argv[2], sys.argv[3]

# (package id, repo, path, apiVersion or None)
PACKAGES = [
    ("meta", MACHINERY, "pkg/apis/meta/v1/types.go", None),
    ("core", API, "core/v1/types.go", "v1"),
    ("apps", API, "apps/v1/types.go", "apps/v1"),
    ("batch", API, "batch/v1/types.go", "batch/v1"),
    ("autoscalingv1", API, "autoscaling/v1/types.go", "autoscaling/v1"),
    ("autoscalingv2", API, "autoscaling/v2/types.go", "autoscaling/v2"),
    ("networking", API, "networking/v1/types.go", "networking.k8s.io/v1"),
    ("rbac", API, "rbac/v1/types.go", "rbac.authorization.k8s.io/v1"),
    ("policy", API, "policy/v1/types.go", "policy/v1"),
    ("storage", API, "storage/v1/types.go", "storage.k8s.io/v1"),
    ("discovery", API, "discovery/v1/types.go", "discovery.k8s.io/v1"),
    ("events", API, "events/v1/types.go", "events.k8s.io/v1"),
    ("coordination", API, "coordination/v1/types.go", "coordination.k8s.io/v1"),
    ("scheduling", API, "scheduling/v1/types.go", "scheduling.k8s.io/v1"),
    ("admissionregistration", API, "admissionregistration/v1/types.go", "admissionregistration.k8s.io/v1"),
    ("certificates", API, "certificates/v1/types.go", "certificates.k8s.io/v1"),
    ("flowcontrol", API, "flowcontrol/v1/types.go", "flowcontrol.apiserver.k8s.io/v1"),
    ("node", API, "node/v1/types.go", "node.k8s.io/v1"),
    ("resource", API, "resource/v1/types.go", "resource.k8s.io/v1"),
]
IMPORT_TO_PKG = {
    "k8s.io/apimachinery/pkg/apis/meta/v1": "meta",
    "k8s.io/api/core/v1": "core",
    "k8s.io/api/apps/v1": "apps",
    "k8s.io/api/batch/v1": "batch",
    "k8s.io/api/autoscaling/v1": "autoscalingv1",
    "k8s.io/api/autoscaling/v2": "autoscalingv2",
    "k8s.io/api/networking/v1": "networking",
    "k8s.io/api/rbac/v1": "rbac",
    "k8s.io/api/policy/v1": "policy",
    "k8s.io/api/storage/v1": "storage",
    "k8s.io/api/discovery/v1": "discovery",
    "k8s.io/api/events/v1": "events",
    "k8s.io/api/coordination/v1": "coordination",
    "k8s.io/api/scheduling/v1": "scheduling",
    "k8s.io/api/admissionregistration/v1": "admissionregistration",
    "k8s.io/api/certificates/v1": "certificates",
    "k8s.io/api/flowcontrol/v1": "flowcontrol",
    "k8s.io/api/node/v1": "node",
    "k8s.io/api/resource/v1": "resource",
}
# Types that serialize as a JSON scalar even though they are structs.
NAMED = {}
SCALAR_TYPES = {"Time", "MicroTime", "Duration", "Quantity", "IntOrString", "UID", "RawExtension", "Object", "Fields", "FieldsV1"}


def git_show(repo, path):
    return subprocess.run(["git", "--git-dir", repo, "show", REF + ":" + path], check=True,
                          capture_output=True, text=True).stdout


def parse_imports(src):
    aliases = {}
    m = re.search(r"^import \((.*?)^\)", src, re.S | re.M)
    if not m:
        return aliases
    for line in m.group(1).splitlines():
        line = line.strip()
        mm = re.match(r'(?:(\w+)\s+)?"([^"]+)"', line)
        if not mm:
            continue
        alias = mm.group(1) or mm.group(2).rsplit("/", 1)[-1]
        aliases[alias] = IMPORT_TO_PKG.get(mm.group(2))
    return aliases


FIELD_RE = re.compile(r'^\s*(?:(\w+)\s+)?([\w\.\*\[\]]+(?:\[[\w\.]+\][\w\.\*\[\]]+)?)\s+`([^`]*)`')


def parse_structs(pkg, src):
    aliases = parse_imports(src)
    structs = {}
    lines = src.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^type (\w+) struct \{\s*$", lines[i])
        if not m:
            i += 1
            continue
        name = m.group(1)
        fields = []
        i += 1
        while i < len(lines) and not lines[i].startswith("}"):
            line = lines[i].split("//", 1)[0] if not lines[i].lstrip().startswith("//") else ""
            fm = FIELD_RE.match(line)
            if fm:
                gname, gtype, tag = fm.groups()
                tags = dict(re.findall(r'(\w+):"([^"]*)"', tag))
                json = tags.get("json")
                if json is not None and json.split(",")[0] != "-":
                    jname = json.split(",")[0]
                    embedded = gname is None
                    opts = json.split(",")[1:]
                    fields.append({
                        "omitempty": "omitempty" in opts,
                        "omitzero": "omitzero" in opts,
                        "json": jname,
                        "embedded": embedded and jname == "",
                        "type": gtype,
                        "strategy": tags.get("patchStrategy", ""),
                        "key": tags.get("patchMergeKey", ""),
                    })
            i += 1
        structs[(pkg, name)] = {"fields": fields, "aliases": aliases}
        i += 1
    for m in re.finditer(r"^type (\w+) =? ?([\w\.\[\]]+)\s*$", src, re.M):
        NAMED[(pkg, m.group(1))] = (m.group(2), aliases)
    return structs


def resolve(pkg, aliases, gtype):
    """Returns (shape, (pkg, name) or None). shape: s scalar, o object, l list, m map."""
    t = gtype
    shape = "o"
    if t.startswith("*"):
        t = t[1:]
    if t == "[]byte":
        return "s", None
    if t.startswith("[]"):
        shape = "l"
        t = t[2:].lstrip("*")
    elif t.startswith("map["):
        shape = "m"
        t = t[t.index("]") + 1:].lstrip("*")
        if t.startswith("[]"):
            # map of lists (e.g. map[string][]string): the element is a scalar list.
            return "m", None
    if "." in t:
        alias, name = t.split(".", 1)
        target = aliases.get(alias)
    else:
        name, target = t, pkg
    if name in SCALAR_TYPES or target is None:
        return ("s" if shape == "o" else shape), None
    return shape, (target, name)


BASIC = {"string": "String", "bool": "Bool", "float32": "Float", "float64": "Float", "byte": "Int"}
for t in ["int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64"]:
    BASIC[t] = "Int"
SPECIAL = {"Time": "Time", "MicroTime": "Time", "Quantity": "Quantity", "IntOrString": "IntOrString",
           "Duration": "String", "UID": "String", "RawExtension": "Raw", "FieldsV1": "Raw", "Object": "Raw"}


def go_kind(pkg, aliases, gtype, structs):
    """The Go kind of a field type as encoding/json sees it, and the kind of its
    element for pointers, slices and maps."""
    t = gtype
    if t.startswith("*"):
        return "Ptr", go_kind(pkg, aliases, t[1:], structs)[0]
    if t == "[]byte":
        return "Bytes", "Int"
    if t.startswith("[]"):
        return "Slice", go_kind(pkg, aliases, t[2:], structs)[0]
    if t.startswith("map["):
        return "Map", go_kind(pkg, aliases, t[t.index("]") + 1:], structs)[0]
    if t in BASIC:
        return BASIC[t], BASIC[t]
    if "." in t:
        alias, name = t.split(".", 1)
        target = aliases.get(alias)
    else:
        name, target = t, pkg
    if name in SPECIAL:
        return SPECIAL[name], SPECIAL[name]
    if (target, name) in structs:
        return "Struct", "Struct"
    if (target, name) in NAMED:
        under, al = NAMED[(target, name)]
        return go_kind(target, al, under, structs)
    return "String", "String"


def main():
    structs = {}
    kinds = []
    for pkg, repo, path, api_version in PACKAGES:
        src = git_show(repo, path)
        s = parse_structs(pkg, src)
        structs.update(s)
        if api_version:
            for (p, name), st in s.items():
                if st["fields"] and st["fields"][0]["type"] == "metav1.TypeMeta":
                    kinds.append((api_version, name, (p, name)))
    order = sorted(structs.keys())
    index = {k: n for n, k in enumerate(order)}

    def flat_fields(key, seen=()):
        st = structs[key]
        out = []
        for f in st["fields"]:
            if f["embedded"]:
                t = f["type"].lstrip("*")
                if "." in t:
                    alias, name = t.split(".", 1)
                    target = (st["aliases"].get(alias), name)
                else:
                    target = (key[0], t)
                if target in structs and target not in seen:
                    out.extend(flat_fields(target, seen + (key,)))
                continue
            shape, child = resolve(key[0], st["aliases"], f["type"])
            if child is not None and child not in structs:
                child = None
                if shape == "o":
                    shape = "s"
            kind, elem = go_kind(key[0], st["aliases"], f["type"], structs)
            omit = ("OMIT_EMPTY" if f["omitempty"] else "0") + (" | OMIT_ZERO" if f["omitzero"] else "")
            out.append((f["json"], shape, child, f["strategy"], f["key"], kind, elem, omit))
        return out

    w = sys.stdout.write
    w("//! Generated by `crates/kubectl/tools/gen_schema.py`: the JSON field order and\n")
    w("//! strategic-merge-patch tags of the Kubernetes API types (k8s.io/api " + REF + ").\n")
    w("//! Do not edit by hand.\n\n")
    w("use crate::schema::{Field, Go, OMIT_EMPTY, OMIT_ZERO, Type};\n\n")
    w("pub(crate) static TYPES: &[Type] = &[\n")
    for key in order:
        fields = flat_fields(key)
        w(f"    Type {{ name: \"{key[0]}.{key[1]}\", fields: &[\n")
        for json, shape, child, strategy, mkey, kind, elem, omit in fields:
            c = f"Some({index[child]})" if child else "None"
            w(f"        Field {{ name: \"{json}\", ty: {c}, strategy: \"{strategy}\", merge_key: \"{mkey}\", go: Go::{kind}, elem: Go::{elem}, omit: {omit} }},\n")
        w("    ] },\n")
    w("];\n\n")
    w("pub(crate) static KINDS: &[(&str, &str, u16)] = &[\n")
    for api_version, kind, key in sorted(kinds):
        w(f"    (\"{api_version}\", \"{kind}\", {index[key]}),\n")
    w("];\n")


main()
