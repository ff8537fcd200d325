"""The `kg` command: a thin layer over the stage functions.

kg build INPUT... [--out DIR]            articles → outputs/graph.ttl, graph.trig, graph.html, store/
kg query SPARQL-or-FILE [--graph FILE | --store DIR] [--format table|csv|tsv|json|xml]
kg validate [GRAPH]                      SHACL shapes (ontology/shapes.ttl), violations in plain words
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.namespaces import DEFAULT_BASE


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="People's Daily knowledge-graph builder.")
    commands = parser.add_subparsers(dest="command")

    build = commands.add_parser("build", help="build the graph from article files or folders")
    build.add_argument("inputs", nargs="+", help="article files, or folders walked for *.md and *.txt")
    build.add_argument("--out", default="outputs", help="output folder (default: outputs/)")
    build.add_argument("--base", default=DEFAULT_BASE, help=f"base of data IRIs (default: {DEFAULT_BASE})")
    build.add_argument("--no-html", action="store_true", help="skip the HTML view")
    build.add_argument("--no-store", action="store_true", help="skip the on-disk SPARQL store (<out>/store)")
    build.set_defaults(run=_build)

    query = commands.add_parser("query", help="run a SPARQL query (an argument, a .rq file, or - for stdin)")
    query.add_argument("query", help="the query text, a .rq/.sparql file, or - to read stdin")
    where = query.add_mutually_exclusive_group()
    where.add_argument("--graph", help="query this graph file instead of the store")
    where.add_argument("--store", default="outputs/store", help="store folder (default: outputs/store)")
    query.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json", "xml"))
    query.add_argument("--base", default=DEFAULT_BASE, help="base of data IRIs, for the data prefixes")
    query.set_defaults(run=_query)

    validate = commands.add_parser("validate", help="check a built graph against the SHACL shapes")
    validate.add_argument("graph", nargs="?", default="outputs/graph.ttl", help="default: outputs/graph.ttl")
    validate.add_argument("--shapes", default=None, help="shapes file (default: ontology/shapes.ttl)")
    validate.set_defaults(run=_validate)
    return parser


def _build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    report = build(args.inputs, args.out, base=args.base, html=not args.no_html, store=not args.no_store)
    for rejection in report.rejected:
        print(f"kg build: rejected {rejection}", file=sys.stderr)
    if not report.articles:
        print("kg build: no article could be read; nothing written", file=sys.stderr)
        return 1
    print(f"built {report.articles} articles, {report.entities} entities, {report.triples} triples")
    for path in report.written:
        print(f"  wrote {path}")
    return 1 if report.rejected else 0


def _query(args: argparse.Namespace) -> int:
    from kg.query import QueryError, format_results, open_store, read_query, run_query

    try:
        text = read_query(args.query)
        store = open_store(graph=args.graph) if args.graph else open_store(store=args.store)
        results = run_query(store, text, base=args.base)
        sys.stdout.write(format_results(results, args.format, base=args.base))
    except QueryError as error:
        print(f"kg query: {error}", file=sys.stderr)
        return 2
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_file

    report = validate_file(Path(args.graph), shapes=Path(args.shapes) if args.shapes else None)
    for line in report.problems:
        print(line, file=sys.stderr if not report.conforms else sys.stdout)
    print("conforms" if report.conforms else f"{len(report.problems)} violations")
    return 0 if report.conforms else 1


if __name__ == "__main__":
    sys.exit(main())
