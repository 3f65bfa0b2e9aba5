"""Which administrative unit a figure belongs to (FACTS.md "What a figure is about": `place`,
`place_level`), for extractors/about.py: the gazetteer's mentions of a text, their structure and the
article's own place, worked out once per document (PlaceChooser), then a few lookups per figure.

- Mentions that do not count: names inside a route or compound ("Cát Linh - Hà Đông"), former units
  ("quận Hà Đông cũ"), a ranking's scope ("ranked 2nd nationwide"), the ends of a route, a bare name
  in a department's or facility's name, a place in an organisation's name larger than the article's.
- Mentions added: words standing for a unit ("the city", "toàn quận", "trên địa bàn huyện"), a ward
  named once with its level word found again bare, the country for "of the Government", "national
  average" or a national decree opening the sentence.
- Structure: an address ("Cu Khe commune, Thanh Oai district") gives the smaller unit, a list of one
  level the larger unit they lie in (unless "respectively"), a count of units ("30 districts")
  belongs to the larger unit.
- Per figure, in order: counted units after it give the larger unit; a place right after it behind
  a preposition; the nearest place before it (the clause's subject at sentence start when that is
  not smaller); the first after it in its clause; the article's place (headline, else lead, else
  the unit referred to most).

The cue words are each language's patterns/about.json ("place").

The package: chooser.py (PlaceChooser, built from mentions.py, article.py, structure.py and
choice.py), candidate.py (a mention, the state the parts share), cues.py (the cue words),
textcues.py (the tests on the text around a mention), units.py (the gazetteer's places, the level ranks).
"""
from __future__ import annotations

from extractors.place.chooser import PlaceChooser
from extractors.place.cues import place_cues
from extractors.place.units import gazetteer_finder

__all__ = ["PlaceChooser", "gazetteer_finder", "place_cues"]
