"""English labels for Chinese names: pinyin for people and places, translated generic parts for units.

Used by the extract stage for articles without a translation, and as the fallback when a translation does not
name an entity.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_syllables(text: str) -> list[str]:
    """Toneless pinyin, one syllable per Han character (other characters pass through)."""
    return lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=True)


def person_name(name: str) -> str:
    """`廖世刚` → `Liao Shigang`: surname, then the given name as one word."""
    syllables = pinyin_syllables(name)
    if len(syllables) < 2:
        return "".join(syllables).capitalize()
    surname, given = syllables[0], "".join(syllables[1:])
    return f"{surname.capitalize()} {given.capitalize()}"


def place_name(name: str) -> str:
    """`重庆` → `Chongqing`."""
    return "".join(pinyin_syllables(name)).capitalize()


def english_label(name: str, kind: str) -> str:
    """The English label for a Chinese name of the given entity kind."""
    if kind == "Person":
        return person_name(name)
    if kind in ("Place", "Organization", "Campaign"):
        return place_name(name)
    raise ValueError(f"Unexpected entity type: {kind!r}")
