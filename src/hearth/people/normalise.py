"""Normalised and phonetic keys for names and postcodes (used by search and duplicates)."""

from __future__ import annotations

import re
import unicodedata

import jellyfish


def fold(text: str) -> str:
    """Lower case, accents removed, only letters and single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z ]+", " ", text.replace("'", "").replace("-", " "))
    return re.sub(r"\s+", " ", text).strip()


def name_key(text: str) -> str:
    """A name folded with its spaces removed ("Mc Donald" == "McDonald")."""
    return fold(text).replace(" ", "")


def phonetic(text: str) -> str:
    """Metaphone of the folded name: "Mohammed"/"Muhammad" and "Smith"/"Smyth" agree."""
    key = name_key(text)
    return jellyfish.metaphone(key)[:20] if key else ""


def postcode_key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())[:8]
