"""Who's who: the people files a desk keeps (:mod:`briefing.people.file`), and what earlier briefs learned of how
articles describe people (:mod:`briefing.people.memory`, kept in the state store; imported only where a store is).

Who someone is comes, in order of trust, from a people file, from the brief's own articles, then from that memory.
"""

from __future__ import annotations

from briefing.people.file import People, Person, check_people, name_key, read_people

__all__ = ["People", "Person", "check_people", "name_key", "read_people"]
