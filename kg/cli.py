"""The `kg` command: a thin layer over the stage functions.

kg build INPUT... [--out DIR] [--formats ttl,trig,nt,jsonld|all]
                                         articles → outputs/graph.ttl, graph.trig, ontology.ttl, graph.html, store/
kg query SPARQL-or-FILE [--graph FILE | --store DIR] [--format table|csv|tsv|json|xml]
kg serve [--store DIR | --graph FILE] [--host H] [--port P] [--timeout S] [--max-results N]
                                         a read-only SPARQL 1.1 endpoint at http://H:P/sparql
kg export --format ttl|trig|nt|jsonld [--graph FILE | --store DIR] [--out FILE]
kg validate [GRAPH]                      SHACL shapes (ontology/shapes.ttl), violations in plain words
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.namespaces import DEFAULT_BASE
from kg.serve import (
    DEFAULT_HOST,
    DEFAULT_MAX_QUERY_BYTES,
    DEFAULT_MAX_RESULTS,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    DEFAULT_WORKERS,
)

#: `kg export --format` / `kg build --formats` names: kg.export.EXPORT_FILES' keys (tests/test_exports.py checks),
#: written out so that `kg --help` does not import the build stage.
EXPORT_FORMATS = ("ttl", "trig", "nt", "jsonld")


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
    build.add_argument(
        "--aliases",
        default=None,
        help="curation file of merges, splits and labels (default: ontology/aliases.tsv when it exists)",
    )
    build.add_argument(
        "--formats",
        type=_formats,
        default=None,
        help=f"graph files to write, comma-separated, or 'all' ({', '.join(EXPORT_FORMATS)}; default: ttl,trig)",
    )
    build.set_defaults(run=_build)

    query = commands.add_parser("query", help="run a SPARQL query (an argument, a .rq file, or - for stdin)")
    query.add_argument("query", help="the query text, a .rq/.sparql file, or - to read stdin")
    _add_source(query, graph_help="query this graph file instead of the store")
    query.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json", "xml"))
    query.set_defaults(run=_query)

    serve = commands.add_parser("serve", help="serve the graph as a read-only SPARQL 1.1 endpoint (/sparql)")
    _add_source(serve, graph_help="serve this graph file instead (loaded into a temporary store)")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default: {DEFAULT_PORT}; 0 picks a free one")
    serve.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        help=f"seconds a query may run (default: {DEFAULT_TIMEOUT:g})",
    )
    serve.add_argument(
        "--max-results",
        type=_positive(int),
        default=DEFAULT_MAX_RESULTS,
        help=f"rows or triples a result may have (default: {DEFAULT_MAX_RESULTS})",
    )
    serve.add_argument(
        "--max-query-bytes",
        type=_positive(int),
        default=DEFAULT_MAX_QUERY_BYTES,
        help=f"longest query accepted (default: {DEFAULT_MAX_QUERY_BYTES})",
    )
    serve.add_argument(
        "--workers",
        type=_positive(int),
        default=DEFAULT_WORKERS,
        help=f"queries answered at once (default: {DEFAULT_WORKERS})",
    )
    serve.add_argument("--quiet", action="store_true", help="do not log requests")
    serve.set_defaults(run=_serve)

    export = commands.add_parser("export", help="write the graph as Turtle, TriG, N-Triples or JSON-LD")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    _add_source(export, graph_help="read this graph file instead of the store")
    export.add_argument("--out", default="-", help="file to write (default: standard output)")
    export.set_defaults(run=_export)

    validate = commands.add_parser("validate", help="check a built graph against the SHACL shapes")
    validate.add_argument("graph", nargs="?", default="outputs/graph.ttl", help="default: outputs/graph.ttl")
    validate.add_argument("--shapes", default=None, help="shapes file (default: ontology/shapes.ttl)")
    validate.set_defaults(run=_validate)
    return parser


def _add_source(command: argparse.ArgumentParser, *, graph_help: str) -> None:
    """Where query, serve and export read the graph: the store a build made, or a graph file; and the data base."""
    where = command.add_mutually_exclusive_group()
    where.add_argument("--store", default="outputs/store", help="store folder (default: outputs/store)")
    where.add_argument("--graph", help=graph_help)
    command.add_argument("--base", default=DEFAULT_BASE, help="base of data IRIs, for the data prefixes")


def _formats(text: str) -> tuple[str, ...]:
    names = EXPORT_FORMATS if text.strip() == "all" else tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [name for name in names if name not in EXPORT_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"expected some of {', '.join(EXPORT_FORMATS)} (or all), got {text!r}")
    return names


def _positive(kind: type):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


#: The curation file `kg build` reads when it exists (relative to the working directory).
DEFAULT_ALIASES = "ontology/aliases.tsv"


def _build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    options = {"formats": args.formats} if args.formats else {}
    aliases = args.aliases or (DEFAULT_ALIASES if Path(DEFAULT_ALIASES).is_file() else None)
    try:
        report = build(
            args.inputs,
            args.out,
            base=args.base,
            html=not args.no_html,
            store=not args.no_store,
            aliases=aliases,
            **options,
        )
    except (OSError, ValueError) as error:
        print(f"kg build: {error}", file=sys.stderr)
        return 2
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


def _serve(args: argparse.Namespace) -> int:
    from kg.query import QueryError
    from kg.serve import Limits, serve

    limits = Limits(args.timeout, args.max_results, args.max_query_bytes, args.workers)
    source = {"graph": args.graph} if args.graph else {"store": args.store}
    try:
        serve(host=args.host, port=args.port, limits=limits, base=args.base, quiet=args.quiet, **source)
    except QueryError as error:
        print(f"kg serve: {error}", file=sys.stderr)
        return 2
    return 0


def _export(args: argparse.Namespace) -> int:
    from kg.export import read_dataset, serialize, write_text_atomic
    from kg.query import QueryError

    try:
        dataset = read_dataset(graph=args.graph) if args.graph else read_dataset(store=args.store)
    except QueryError as error:
        print(f"kg export: {error}", file=sys.stderr)
        return 2
    text = serialize(dataset, args.format, base=args.base)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        print(f"wrote {write_text_atomic(Path(args.out), text)}", file=sys.stderr)
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
