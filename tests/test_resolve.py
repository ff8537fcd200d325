"""Cross-article identity, stable ids and curation, on the seeds, the dev corpus and made-up articles that reuse
names in new contexts (tests/data/madeup: the seed's model worker again in his factory, a namesake in another
city's factory, and a factory whose workshops share names with another's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from kg.extract import extract
from kg.read import read_articles
from kg.resolve import Aliases, resolve, slug

from .conftest import GOLD, REPO, SEEDS, SHARED, require_shared, score

MADE_UP = REPO / "tests" / "data" / "madeup"


@pytest.fixture(scope="module")
def extractions() -> list:
    return [extract(a) for a in read_articles([SEEDS, MADE_UP]).articles]


def ids_of(resolution, name: str, kind: str) -> set[str]:
    return {e.id for e in resolution.entities if e.type == kind and (e.name == name or name in e.variants)}


def test_same_person_in_the_same_factory_is_one_node(extractions: list) -> None:
    resolution = resolve(extractions)
    liao = ids_of(resolution, "廖世刚", "Person")
    assert len(liao) == 2, liao  # the model worker of the seed and a namesake in a Shenyang factory
    seed = next(x for x in extractions if x.article.source.startswith("000_"))
    later = next(x for x in extractions if x.article.source.startswith("1960-06-21"))
    in_seed = resolution.links[(seed.article.id, next(e.key for e in seed.entities if e.name == "廖世刚"))]
    in_later = resolution.links[(later.article.id, next(e.key for e in later.entities if e.name == "廖世刚"))]
    assert in_seed == in_later == "person/liao-shigang--chongqing-jianshe-jichuangchang"


def test_namesake_in_another_unit_stays_apart(extractions: list) -> None:
    resolution = resolve(extractions)
    other = next(x for x in extractions if x.article.source.startswith("1959-11-03"))
    key = next(e.key for e in other.entities if e.name == "廖世刚")
    assert resolution.links[(other.article.id, key)] == "person/liao-shigang--shenyang-fengdonggongju-chang"


def test_factory_and_its_workshop_resolve_across_articles(extractions: list) -> None:
    resolution = resolve(extractions)
    assert ids_of(resolution, "重庆建设机床厂", "Organization") == {"organization/chongqing-jianshe-jichuangchang"}
    assert ids_of(resolution, "建设机床厂", "Organization") == {"organization/chongqing-jianshe-jichuangchang"}
    workshop = ids_of(resolution, "二十五车间", "Organization")
    assert workshop == {"organization/chongqing-jianshe-jichuangchang--ershiwu-chejian"}
    articles = {a for (a, _), i in resolution.links.items() if i in workshop}
    assert len(articles) == 2  # the seed and the made-up follow-up


def test_units_are_identified_with_their_parent(extractions: list) -> None:
    resolution = resolve(extractions)
    first_workshops = ids_of(resolution, "第一车间", "Organization")
    assert first_workshops == {
        "organization/changan-jiqichang--diyi-chejian",
        "organization/shenyang-fengdonggongju-chang--diyi-chejian",
    }


def test_places_and_national_campaigns_are_one_node(extractions: list) -> None:
    resolution = resolve(extractions)
    assert ids_of(resolution, "重庆", "Place") == {"place/chongqing"}
    assert ids_of(resolution, "增产节约运动", "Campaign") == {"campaign/zengchanjieyue-yundong"}


def test_ids_do_not_depend_on_input_order(extractions: list) -> None:
    forward = resolve(extractions)
    backward = resolve(list(reversed(extractions)))
    assert forward == backward


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("廖世刚", "Person", "liao-shigang"),
        ("欧阳春梅", "Person", "ouyang-chunmei"),
        ("重庆建设机床厂", "Organization", "chongqing-jianshe-jichuangchang"),
        ("二十五车间", "Organization", "ershiwu-chejian"),
        ("吕淑华", "Person", "lv-shuhua"),
    ],
)
def test_slugs_are_readable_pinyin(name: str, kind: str, expected: str) -> None:
    assert slug(name, kind=kind) == expected


def test_alias_file_forces_forbids_and_labels(extractions: list, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text(
        "# a historian's decisions\n"
        "same\tPerson\t廖世刚@沈阳风动工具厂\t刘淑英\t# (a made-up merge, to test the mechanism)\n"
        "different\tOrganization\t建设机床厂\t重庆建设机床厂\n"
        "label\tPlace\t重庆\ten\tChungking\n",
        encoding="utf-8",
    )
    resolution = resolve(extractions, aliases=Aliases.read(aliases))
    merged = next(e for e in resolution.entities if "刘淑英" in (e.name, *e.variants))
    assert "廖世刚" in (merged.name, *merged.variants)
    assert merged.same_as  # the absorbed id is kept
    assert next(e for e in resolution.entities if e.name == "重庆").en_label == "Chungking"


def test_alias_merge_is_recorded_in_the_graph(tmp_path: Path) -> None:
    from kg.pipeline import build

    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("same\tPerson\t黄荣昌\t张文金\n", encoding="utf-8")
    build([SEEDS], tmp_path / "out", html=False, store=False, aliases=aliases)
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    base = "https://w3id.org/rmrb-kg/id/"
    kept = URIRef(base + "person/huang-rongchang")
    assert (kept, OWL.sameAs, URIRef(base + "person/zhang-wenjin")) in graph
    assert (kept, SKOS.altLabel, Literal("张文金", lang="zh")) in graph


def test_bad_alias_line_names_the_file_and_line(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("merge\tPerson\t甲\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"aliases.tsv:1: cannot read"):
        Aliases.read(aliases)


def test_shipped_alias_file_is_readable() -> None:
    assert Aliases.read(REPO / "ontology" / "aliases.tsv") == Aliases()


def test_scorer_cross_article_identity_and_english_labels(tmp_path: Path) -> None:
    """The bar of the resolution issue: English labels ≥ 0.90 on the seeds, no duplicates, shared entities unified."""
    require_shared()
    from kg.pipeline import build

    build([SHARED / "seeds", SHARED / "corpus" / "dev", MADE_UP], tmp_path, html=False, store=False)
    report = score(tmp_path / "graph.ttl", GOLD / "dev")
    assert report["english_label_accuracy"] >= 0.90
    assert report["duplicate_entities"] == 0
    unified, shared = report["cross_article_identity"].split("/")
    assert unified == shared and int(shared) >= 1
