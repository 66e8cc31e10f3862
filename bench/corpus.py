"""A news corpus generated on the spot: as many articles and sentences as a benchmark needs.

Nothing large is committed and nothing is downloaded. Sentences are built from templates
of news copy — attributions, numbers, dates, named people and organisations, quotations —
over a vocabulary whose word frequencies follow Zipf's law, so the term statistics the
summarizers and the clustering see resemble real news. Articles come in stories: several
outlets' reports of one event share its names and key terms, as wire copy and rewrites do.
The same seed gives the same corpus.
"""

from __future__ import annotations

import itertools
import random
import string
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from briefing.models import Article

FIRST_NAMES = [
    "Anna", "Omar", "Li", "Maria", "John", "Elena", "Rahul", "Sofia", "Daniel", "Amara", "Kenji", "Lucia", "Pavel",
    "Ines", "Tomas", "Grace", "Yusuf", "Hanna", "Marek", "Chloe", "Diego", "Aisha", "Felix", "Noor", "Viktor",
    "Leila", "Samuel", "Ingrid", "Mateo", "Zara",
]  # fmt: skip
LAST_NAMES = [
    "Lindqvist", "Haddad", "Wei", "Santos", "Okafor", "Petrova", "Mehta", "Rossi", "Cohen", "Diallo", "Watanabe",
    "Fernandez", "Novak", "Brandt", "Keller", "Moreau", "Sato", "Kowalski", "Osei", "Larsen", "Horvat", "Quist",
    "Varga", "Nakamura", "Adeyemi", "Ruiz", "Berg", "Castillo", "Dimitrov", "Falk",
]  # fmt: skip
#: the few people every story may quote (a minister, a governor); the rest of a story's voices are its own
PEOPLE = [
    "Anna Lindqvist", "Omar Haddad", "Li Wei", "Maria Santos", "John Okafor", "Elena Petrova", "Rahul Mehta",
    "Sofia Rossi", "Daniel Cohen", "Amara Diallo", "Kenji Watanabe", "Lucia Fernandez", "Pavel Novak",
]  # fmt: skip
ROLES = [
    "the finance minister", "a spokesman for the port authority", "director of the Centre for Policy Studies",
    "a professor of economics at Halvard University", "the union's general secretary", "the central bank governor",
    "a senior analyst at Meridian Research", "the mayor", "the foreign minister", "a company spokeswoman",
]  # fmt: skip
PLACES = ["Halvard", "Estmark", "Varnia", "Ostrava", "Kresk", "Tallen", "Morava", "Brenner", "Caldera", "Dunmore"]
OUTLETS = ["Global Dispatch", "The Estmark Times", "North Sea Wire", "Business Daily", "Policy Digest", "Harbour Post"]
VERBS = ["said", "told reporters", "warned", "added", "argued", "noted", "insisted", "confirmed"]
TOPICS = [
    "strike", "interest rates", "ceasefire", "election", "budget", "harbour", "inflation", "talks", "sanctions",
    "flooding", "wages", "exports", "pipeline", "court ruling", "vaccine", "railway",
]  # fmt: skip

TEMPLATES = [
    "{Place} {w1} {w2} on {day} after {n} {w3} {w4}, {person} {verb}.",
    "The {topic} has {w1} {w2} {w3} in {place}, where {n} people {w4} {w5} {w6}.",
    "“We will not {w1} {w2} {w3} while {w4} {w5},” {person}, {role}, {verb}.",
    "{Person} {verb} that the {topic} could {w1} {w2} {w3} by {pct} per cent this year.",
    "According to {role}, the {w1} {w2} {w3} {w4} before the {topic} {w5}.",
    "Officials in {place} expect {w1} {w2} {w3} {w4} {w5} {w6} by {day}.",
    "The {w1} {w2}, which {w3} {w4} {w5} in {year}, {w6} {w7} {w8} {w9} {w10}.",
    "{Person}, {role}, said the {topic} was “{w1} {w2} {w3}” and {w4} {w5} {w6}.",
    "It was the {ordinal} {w1} {w2} {w3} since {year}, {role} {verb}.",
    "{Place} and {place2} have {w1} {w2} {w3} {w4} over the {topic} for {n} {w5}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["second", "third", "fourth", "fifth", "largest", "longest"]
END = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


def _vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        length = rng.choice([3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10])
        words.add("".join(rng.choice(string.ascii_lowercase) for _ in range(length)))
    return sorted(words)


class Corpus:
    """Deterministic generator of news articles grouped into stories."""

    def __init__(self, seed: int = 13, vocabulary: int = 20_000) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(vocabulary, self.rng)
        # Zipf: the k-th word is drawn with weight 1/k
        self.weights = [1.0 / (k + 1) for k in range(len(self.words))]
        # summed once: ``choices`` given plain weights sums all 20,000 of them again for every sentence
        self.cumulative = list(itertools.accumulate(self.weights))

    def _sentence(self, focus: list[str], people: list[str], places: list[str], topic: str) -> str:
        rng = self.rng
        picks = rng.choices(self.words, cum_weights=self.cumulative, k=10)
        for k in range(len(picks)):
            if rng.random() < 0.3:
                picks[k] = rng.choice(focus)  # the story's own terms recur across its sentences
        fields = {f"w{k + 1}": w for k, w in enumerate(picks)}
        person, place = rng.choice(people), rng.choice(places)
        fields.update(
            person=person,
            Person=person,
            place=place,
            Place=place,
            place2=rng.choice(PLACES),
            role=rng.choice(ROLES),
            verb=rng.choice(VERBS),
            topic=topic,
            day=rng.choice(DAYS),
            n=str(rng.randint(2, 900)),
            pct=f"{rng.randint(1, 40) / 4:g}",
            year=str(rng.randint(1990, 2025)),
            ordinal=rng.choice(ORDINALS),
        )
        return rng.choice(TEMPLATES).format(**fields)

    def stories(
        self,
        articles: int,
        *,
        sentences: int = 30,
        per_story: int = 4,
        end: datetime = END,
        every: timedelta = timedelta(minutes=2),
        reprints: float = 0.1,
    ) -> Iterator[Article]:
        """``articles`` articles of about ``sentences`` sentences, ``per_story`` reports per event on average.

        A share ``reprints`` of the later reports reprint the story's first (wire copy, its last
        paragraph cut). The newest is published at ``end`` and each earlier one ``every``
        before the next, so no date lies in the future of a run on or after ``end``.
        """
        rng = self.rng
        made = 0
        story = 0
        first: list[str] = []
        while made < articles:
            story += 1
            focus = rng.sample(self.words[200:4000], 12)
            # news quotes mostly people of its own story, now and then one of a few public figures
            people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(3)]
            if rng.random() < 0.3:
                people[0] = rng.choice(PEOPLE)
            places = rng.sample(PLACES, 2)
            topic = rng.choice(TOPICS)
            headline = f"{places[0]} {topic}: {' '.join(focus[:4])}"
            for report in range(max(1, int(rng.gauss(per_story, 1.5)))):
                if made >= articles:
                    break
                if report and rng.random() < reprints:
                    paragraphs = first[:-1] or first
                else:
                    count = max(3, int(rng.gauss(sentences, sentences / 5)))
                    body = [self._sentence(focus, people, places, topic) for _ in range(count)]
                    paragraphs = [" ".join(body[k : k + 2]) for k in range(0, len(body), 2)]
                if not report:
                    first = paragraphs
                made += 1
                yield Article(
                    id=f"s{story}-r{report}",
                    title=headline if report == 0 else f"{headline} ({rng.choice(OUTLETS)})",
                    text="\n\n".join(paragraphs),
                    source=OUTLETS[(story + report) % len(OUTLETS)],
                    url=f"https://news.example/{story}/{report}",
                    published=end - every * made,
                    origin="bench",
                )

    def story_text(self, sentences: int) -> list[str]:
        """One long story as a flat list of ``sentences`` distinct sentences (a multi-outlet story)."""
        focus = self.rng.sample(self.words[200:4000], 12)
        seen: dict[str, None] = {}
        while len(seen) < sentences:
            seen.setdefault(self._sentence(focus, PEOPLE[:4], PLACES[:3], "strike"), None)
        return list(seen)
