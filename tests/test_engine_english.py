"""English on the engine: the English grammar, the constructions the engine reads for English, and the English rules'
examples it already finds.

English briefs are read by the rules English grew up with (``briefing/quotes/extract.py``) until the engine reads
English as well; ``bench/english_on_engine.py`` measures the distance. Each English rule the engine also names must
find its examples on the engine too, or be marked here as not yet (strictly: an example the engine learns fails
the mark, so the list only shrinks).
"""

from __future__ import annotations

import pytest

from briefing.errors import ConfigError
from briefing.models import Article
from briefing.nlp import sentences
from briefing.quotes import get_extractor
from briefing.quotes.engine import QuoteEngine
from briefing.quotes.engine.names import _capitalised_runs
from briefing.quotes.engine.reader import _dotted
from briefing.quotes.engine.speaker_types import _type
from briefing.quotes.grammar import _merged, _resolve, load_grammar
from briefing.quotes.rules import Rule, load_rules
from tests.test_engine import engine_rule_names

ENGINE = QuoteEngine("en")

#: English rules' examples the engine does not find yet, with why: (rule id, example index) → reason
NOT_YET = {
    ("en.unattributed", 0): "the engine gives a quotation opening a paragraph to the subject of the sentence before",
}


def _quotes(text: str) -> list[tuple[str, str, str, str]]:
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    found = ENGINE.extract(article, sentences(article))
    return [
        (q.rule, q.content, q.speaker.name if q.speaker else "", q.speaker.type if q.speaker else "") for q in found
    ]


def _described(text: str, rule: str = "") -> list[tuple[str, str, str]]:
    """The speakers of the engine's quotes of ``text`` (by ``rule`` alone, if given): name, role and type."""
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    found = ENGINE.extract(article, sentences(article))
    return [(q.speaker.name, q.speaker.role, q.speaker.type) for q in found if q.speaker and rule in ("", q.rule)]


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(" .,")


_SHARED = sorted(engine_rule_names() & {rule.id.partition(".")[2] for rule in load_rules("en")})


@pytest.mark.parametrize(
    ("rule", "index"),
    [
        pytest.param(
            rule,
            i,
            marks=[pytest.mark.xfail(strict=True, reason=NOT_YET[(rule.id, i)])] if (rule.id, i) in NOT_YET else [],
        )
        for rule in load_rules("en")
        if rule.id.partition(".")[2] in _SHARED
        for i in range(len(rule.examples))
    ],
    ids=lambda value: value.id if isinstance(value, Rule) else str(value),
)
def test_the_english_rules_the_engine_names_find_their_examples_on_the_engine(rule: Rule, index: int) -> None:
    example = rule.examples[index]
    found = [q for q in _quotes(example.text) if q[0] == rule.id]
    assert found, f"{rule.id} found nothing in {example.text!r}: {_quotes(example.text)}"
    wanted = _normal(example.quote)
    match = next((q for q in found if wanted in _normal(q[1]) or _normal(q[1]).startswith(wanted)), None)
    assert match is not None, f"{rule.id}: {[q[1] for q in found]} ≠ {example.quote!r}"
    assert match[2] == example.speaker


def test_the_shared_rules_are_the_ones_the_engine_reads_english_with() -> None:
    assert {"after.inverted", "after.normal", "before.normal", "indirect.clause", "indirect.trailing"} <= set(_SHARED)


def test_english_briefs_are_still_read_by_the_english_rules() -> None:
    assert not isinstance(get_extractor("en"), QuoteEngine)


def test_the_english_grammar_keeps_its_lists_once_in_the_pack_s_words() -> None:
    g = load_grammar("en")
    assert {"said", "says", "told", "warned", "written", "say"} <= g.cues
    # presents more often a plural noun report only in the past
    assert "states" not in g.cues and "stated" in g.cues and "comments" not in g.cues
    assert "mr" in g.courtesy and "the" in g.leading and "reporters" in g.addressees
    # the executives' words type as the organisation lexicon does
    assert g.types["organization"].search("general manager") and g.types["organization"].search("airline")
    assert g.types["analyst"].search("economist") and g.parties is not None
    # a spokesman is typed by the body they speak for: a company when no lexicon knows it
    assert g.types["official"].search("spokesman") is None
    assert _type("Vodafone spokesman", "", "", g) == "organization"
    assert _type("government spokesman", "", "", g) == "official"
    # an official's entry yields to a longer one of a later lexicon that shares its words
    assert _type("vice president", "Ask Jeeves", "", g) == "organization"
    assert _type("general secretary", "", "", g) == "organization"
    assert _type("president", "", "", g) == "official"
    # a deputy is typed by the post they deputise in
    assert _type("deputy managing director", "Blackwatch Petroleum Services", "", g) == "organization"
    assert _type("deputy prime minister", "", "", g) == "official"


def test_a_pack_refers_to_its_other_files_by_path_and_a_wrong_path_is_a_clear_error() -> None:
    files = {"words.toml": {"a": {"words": ["x", "y"]}, "b": {"words": ["z"]}, "t": {"stems": ["s"], "with_s": True}}}
    assert _resolve("en", {"k": {"from": "words.toml:a.words"}, "n": 1}, files) == {"k": ["x", "y"], "n": 1}
    assert _resolve("en", {"k": {"from": ["words.toml:a.words", "words.toml:b.words"]}}, files) == {
        "k": ["x", "y", "z"]
    }
    assert _merged([{"stems": ["a"]}, {"stems": ["b"], "words": ["c"]}]) == {"stems": ["a", "b"], "words": ["c"]}
    assert _resolve("en", {"k": {"from": "words.toml:t", "without": ["s"]}}, files) == {
        "k": {"stems": [], "with_s": True}
    }
    with pytest.raises(ConfigError, match="does not hold"):
        _resolve("en", {"k": {"from": "words.toml:nothing.words"}}, files)
    with pytest.raises(ConfigError, match="does not have"):
        _resolve("en", {"k": {"from": "missing.toml:a"}}, {})
    with pytest.raises(ConfigError, match="a list and a table"):
        _merged([["a"], {"stems": ["b"]}])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation's own comma parts it from the speaker and the verb after it, with when and where after the verb
        (
            '"Internal conditions are likely to remain unfavourable," the Finance Ministry said in a statement.',
            [("en.after.normal", "Internal conditions are likely to remain unfavourable", "the Finance Ministry")],
        ),
        (
            '"The Argentine authorities should be proud," Thomas Dawson, an IMF director, said earlier this month.',
            [("en.after.normal", "The Argentine authorities should be proud", "Thomas Dawson")],
        ),
        # the comma before a closing mark of a quotation inside it
        (
            "“You say you ‘accept responsibility,’” Jeff Merkley said.",
            [("en.after.normal", "You say you ‘accept responsibility,’", "Jeff Merkley")],
        ),
        # a name after a dash, as a panel's voices are printed
        (
            "“He represents our greatest shame.” ― Sonya Herridge\n\n“I cannot believe it.” ― Jacklyn Ashley",
            [
                ("en.after.dash", "He represents our greatest shame.", "Sonya Herridge"),
                ("en.after.dash", "I cannot believe it.", "Jacklyn Ashley"),
            ],
        ),
        # an unnamed speaker with its article, but no clause of the writer's
        (
            "“Why didn’t Donald Trump pay his?” a narrator in the Clinton ad asks.",
            [("en.after.normal", "Why didn’t Donald Trump pay his?", "a narrator")],
        ),
        # the description's closing comma left out, but no clause of the writer's joined on (", but said")
        (
            '"There is a whiff of a sweetener in there," Anais Faraj, an analyst at Nomura told the BBC.',
            [("en.after.normal", "There is a whiff of a sweetener in there", "Anais Faraj")],
        ),
        # content with no "that", after whom it was told
        (
            "Telegraph executive Murdoch MacLennan told reporters the papers would add colour pages.",
            [("en.indirect.clause", "the papers would add colour pages", "Murdoch MacLennan")],
        ),
        (
            "Karin Lund, chief economist at Harwell Policy Centre, said the decision was justified by the figures.",
            [("en.indirect.clause", "the decision was justified by the figures", "Karin Lund")],
        ),
        # a name after "said" is no one it was said to: what is said of them is the content
        (
            "Herve Gaymard said Tony Blair was wrong about the currency.",
            [("en.indirect.clause", "Tony Blair was wrong about the currency", "Herve Gaymard")],
        ),
        # a name described between commas before the verb, whatever the description's words; or a description
        # ending on a role before the name
        (
            "Ian Pearson, BT's futurologist, told the BBC News website that the closure was a real shame.",
            [("en.indirect.that", "the closure was a real shame", "Ian Pearson")],
        ),
        (
            "The Scottish National Party's Holyrood leader, Nicola Sturgeon, welcomed the move but added that the "
            "public should be consulted.",
            [("en.indirect.that", "the public should be consulted", "Nicola Sturgeon")],
        ),
        # the progressive after its auxiliary
        (
            "Donald Trump is telling a veterans group that the military is depleted.",
            [("en.indirect.that", "the military is depleted", "Donald Trump")],
        ),
        # a second statement as a participle: its own quote, the report ending before it; a quotation inside makes
        # either mixed
        (
            'Sir John said "substantial progress" had been made, adding that this was "only the beginning".',
            [
                # (a quote's content is shown without the marks around it)
                ("en.indirect.clause", 'substantial progress" had been made', "Sir John"),
                ("en.indirect.gerund", 'this was "only the beginning"', "Sir John"),
            ],
        ),
        (
            'Tony Blair has launched an attack on Tory spending plans, saying they are a "ludicrous improbability".',
            [("en.indirect.gerund", 'they are a "ludicrous improbability"', "Tony Blair")],
        ),
        (
            '"We do not see a link to terrorism," the mayor said, adding that it would take "more hours" to know.',
            [
                ("en.after.normal", "We do not see a link to terrorism", "the mayor"),
                ("en.indirect.gerund", 'it would take "more hours" to know', "the mayor"),
            ],
        ),
        # a quotation right after the word opening reported content is part of that content: a mixed quote
        (
            "Spokeswoman Jessica Ditto said via email that, “Of course Mr. Trump is going to defend himself” against "
            "the attacks.",
            [
                (
                    "en.indirect.that",
                    "Of course Mr. Trump is going to defend himself” against the attacks",
                    "Jessica Ditto",
                )
            ],
        ),
        # a quotation right after its attribution's sentence is the same statement's second part
        (
            '"We expect a long winter," Karin Lund said. "The quotas stay."',
            [("en.after.normal", "We expect a long winter … The quotas stay.", "Karin Lund")],
        ),
        # "it" is a body: the one a sentence before opens on, an organisation when no lexicon says more
        (
            "Multiplex will have to win legal claims against subcontractors. These claims could take up to two "
            'years to resolve. "Multiplex believes its claims are sound," it said.',
            [("en.after.normal", "Multiplex believes its claims are sound", "Multiplex")],
        ),
        # a title's period ends no speaker phrase
        (
            '"This is a waste of time," said Del. Stacey Plaskett.',
            [("en.after.inverted", "This is a waste of time", "Stacey Plaskett")],
        ),
        # a name of one word no one in the article is named with, nothing said of it, is a body's
        (
            'Shares fell by a third. "Profits will recover next year," Southcorp said.',
            [("en.after.normal", "Profits will recover next year", "Southcorp")],
        ),
        # a quotation attributed to someone else right after it is no second part of the one before
        (
            '"This cannot be good news for the margin," said Ian Hunter. "We have new price points," said the M&S '
            "spokesman.",
            [
                ("en.after.inverted", "This cannot be good news for the margin", "Ian Hunter"),
                ("en.after.inverted", "We have new price points", "the M&S spokesman"),
            ],
        ),
        # the speaker before the verb after the content
        (
            "Exports fell for the third month running, the statistics office said on Friday.",
            [("en.indirect.trailing", "Exports fell for the third month running", "the statistics office")],
        ),
    ],
)
def test_english_constructions_the_engine_reads(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(rule, content, speaker) for rule, content, speaker, _ in _quotes(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pavel Drozd announced a new plan for the harbour on Monday.",  # an object, no clause
        "The strike added to the uncertainty over the port's future.",  # "added to": no report
        "Anna Roth welcomed the decision and thanked the unions for their patience.",  # no finite verb after "welcomed"
        "These claims could take up to two years to resolve.",  # a verb's form after a determiner is a noun
        "The figures come hot on the heels of new data that suggested prices would fall.",  # no one: a clause
    ],
)
def test_a_verb_of_saying_with_an_object_and_no_clause_reports_nothing(text: str) -> None:
    assert _quotes(text) == []


def test_the_words_before_a_name_describe_it_only_past_the_last_verb_of_a_clause() -> None:
    text = (
        "The museum director has denied a report claiming he warned Michael Howard about the plan.\n\n"
        '"It is a mistake," said Michael Howard.'
    )
    found = [q for q in _quotes(text) if q[0] == "en.after.inverted"]
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    (quote,) = [q for q in ENGINE.extract(article, sentences(article)) if q.rule == "en.after.inverted"]
    assert found and quote.speaker is not None and quote.speaker.name == "Michael Howard"
    assert quote.speaker.role == ""  # (not "director has denied a report claiming he warned")


def test_a_courtesy_title_is_no_role_and_a_description_met_before_types_the_person() -> None:
    text = (
        "Finance minister Herve Gaymard spoke in Paris on Monday.\n\n"
        '"We will act with Europe and Asia," Mr Gaymard said.'
    )
    (quote,) = [q for q in _quotes(text) if q[0] == "en.after.normal"]
    assert quote[2:] == ("Herve Gaymard", "official")
    article = Article(id="t", title="", text='"We will act," Mr Gaymard said.', source="", origin="test", language="en")
    (bare,) = ENGINE.extract(article, sentences(article))
    assert bare.speaker is not None and bare.speaker.role == "" and bare.speaker.name == "Gaymard"


def test_a_post_in_a_later_paragraph_describes_the_last_speaker_named_bare() -> None:
    text = (
        '"Voters have a clear choice," said Charles Kennedy.\n\n'
        "In his New Year message the Liberal Democrat leader said his party was ready for a poll."
    )
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    first, second = ENGINE.extract(article, sentences(article))
    assert first.speaker is not None and (first.speaker.name, first.speaker.role, first.speaker.type) == (
        "Charles Kennedy",
        "Liberal Democrat leader",
        "official",
    )
    # (the quote the post says keeps the post as its speaker, as the sentence calls them)
    assert second.speaker is not None and second.speaker.name == "the Liberal Democrat leader"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mr Brown vigorously denied claims that he had fiddled the figures.", "Brown"),
        ("Company officials reportedly said that the plant would close.", "Company officials"),
        ("The Smith family said that they were happy.", "the Smith family"),  # (a noun on the adverbs' ending)
    ],
)
def test_an_adverb_between_a_subject_and_its_verb_is_none_of_the_speaker(text: str, speaker: str) -> None:
    (quote,) = _quotes(text)
    assert quote[2] == speaker


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("a Tory spokesman", "organization"),  # a party speaking, through someone it does not name
        ("a senior party spokesman", "organization"),
        ("Lib Dem home affairs spokesman Mark Oaten", "official"),  # named: a politician
        ("a Kremlin spokesman", "official"),
    ],
)
def test_a_party_s_spokesperson_named_by_no_name_is_the_party_speaking(speaker: str, kind: str) -> None:
    (quote,) = _quotes(f'"We will see what happens next," {speaker} said.')
    assert quote[3] == kind


def test_a_role_after_a_hyphen_heads_its_word() -> None:
    (quote,) = _quotes('But US Treasury Under-Secretary John Taylor said the US could not support the "legislative process".')
    assert quote[2:] == ("John Taylor", "official")


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("the Palestinian leader Mahmoud Abbas", "official"),
        ("a French spokesman", "official"),
        ("Russia's leader", "official"),
        ("a Sony spokesman", "organization"),  # (a body no lexicon knows, and no country)
    ],
)
def test_a_representative_of_a_country_alone_is_an_official(speaker: str, kind: str) -> None:
    (quote,) = _quotes(f'"We will see what happens next," said {speaker}.')
    assert quote[3] == kind


def test_a_post_before_a_name_and_a_comma_keeps_the_names_that_say_whose_post_it_is() -> None:
    text = (
        "Mr Blair held talks with his Israeli counterpart, Ariel Sharon, and the Palestinian leader, Mahmoud Abbas.\n\n"
        'At a news conference, Mr Abbas said Britain was "in a unique position to help us progress".'
    )
    (quote,) = _quotes(text)
    assert quote[2:] == ("Mahmoud Abbas", "official")


@pytest.mark.parametrize(
    ("post", "described"),
    [
        ("The Lib Dems' Treasury spokesman is unveiling a policy aimed at the issue.", True),
        ("The senator is unveiling a policy aimed at the issue.", False),  # (whose post it is, unsaid: anyone's)
        ("The prime minister's spokesman is unveiling a policy aimed at the issue.", False),  # (someone else's)
    ],
)
def test_a_sentence_opening_on_a_post_calls_by_it_the_person_the_sentence_before_opens_on(
    post: str, described: bool
) -> None:
    text = (
        f"Vincent Cable says one in eight households already struggle with debt. {post}\n\n"
        '"Banks are very aggressively promoting debt," Mr Cable told BBC News.'
    )
    (quote,) = _quotes(text)
    assert quote[2] == "Vincent Cable"
    assert (quote[3] == "official") is described


def test_what_a_post_says_of_a_surname_describes_the_full_name_too() -> None:
    text = (
        "Mr Brown said that it was vital to invest in science.\n\n"
        "The chancellor said that the new rules would force a surplus.\n\n"
        '"The conditions for entry are unchanged," Gordon Brown said.'
    )
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    last = ENGINE.extract(article, sentences(article))[-1]
    assert last.speaker is not None
    assert (last.speaker.name, last.speaker.role, last.speaker.type) == ("Gordon Brown", "chancellor", "official")


@pytest.mark.parametrize(
    "later",
    [
        "A Labour MP said the party was ready for a poll.",  # someone new
        "The Tories said the party was ready for a poll.",  # a party
        "The spokesman said the party was ready for a poll.",  # someone else's voice
        "Mr Blair met him. The prime minister said the party was ready for a poll.",  # someone else named since
    ],
)
def test_a_post_describes_no_one_when_it_may_be_someone_else(later: str) -> None:
    text = f'"Voters have a clear choice," said Charles Kennedy.\n\n{later}'
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    first = ENGINE.extract(article, sentences(article))[0]
    assert first.speaker is not None and first.speaker.name == "Charles Kennedy" and first.speaker.role == ""


def test_a_pronoun_in_a_new_paragraph_passes_over_a_name_that_neither_opens_a_sentence_nor_is_described() -> None:
    text = (
        '"We will win the league," said Nicolas Anelka.\n\n'
        'He played for Arsenal and Real Madrid before that. "I am in talks to sign an extension," he said.'
    )
    assert [speaker for _, _, speaker, _ in _quotes(text)] == ["Nicolas Anelka", "Nicolas Anelka"]


def test_one_word_no_one_is_named_with_is_a_body_and_a_surname_of_someone_named_in_full_is_the_person() -> None:
    (body,) = _quotes('Shares fell by a third. "Profits will recover next year," Southcorp said.')
    assert body[3] == "organization"
    person = _quotes('Anna Roth runs the port. "Profits will recover next year," Roth said.')
    assert [(speaker, kind) for _, _, speaker, kind in person] == [("Anna Roth", "other")]


def test_a_clause_joined_on_after_a_quotation_is_no_description_of_a_speaker() -> None:
    text = (
        'Anne Weyman asked: "What is the benefit of forcing a woman to have a baby?" Anti-abortion group the '
        'Pro-Life Alliance "congratulated" Mr Howard on his stance, but said it did not go far enough.'
    )
    assert [speaker for rule, _, speaker, _ in _quotes(text) if rule.startswith("en.before")] == ["Anne Weyman"]


def test_a_quotation_opening_the_paragraph_after_an_attribution_goes_on_with_its_speaker() -> None:
    text = (
        '"Naturally, people may have security concerns," said Chris Clark, chief executive of the service.\n\n'
        '"But wi-fi networks are no more vulnerable than any other means of going online." He said the service was '
        "secure."
    )
    found = _quotes(text)
    assert [(rule, speaker) for rule, _, speaker, _ in found][:2] == [
        ("en.after.inverted", "Chris Clark"),
        ("en.continuation", "Chris Clark"),
    ]


def test_a_pronoun_stands_for_the_person_a_sentence_opens_on_after_a_courtesy_title() -> None:
    # "Mr Snow who is … has applauded …": the sentence opens on him, whom "he" stands for — not the group that spoke before
    text = (
        'Policy makers in Europe have said the slide was "brutal" and have blamed the euro.\n\n'
        "Mr Snow who is in Dublin for talks has applauded Ireland's lower taxes. "
        '"The eurozone is growing below its potential," he said.'
    )
    assert [speaker for _, _, speaker, _ in _quotes(text)][-1] == "Snow"


def test_a_person_named_right_before_a_quotation_is_its_subject_not_its_speaker() -> None:
    text = (
        "Former chief Bernie Ebbers denied the claims.\n\n"
        "Speaking in court, Mr Ebbers rejected allegations he pressured ex-finance chief Scott Sullivan. "
        'Mr Sullivan "made accounting decisions," he told the federal court.'
    )
    assert [speaker for _, _, speaker, _ in _quotes(text)][-1] == "Bernie Ebbers"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a pronoun right before the verb is its subject, whatever opens the clause
        (
            'In a letter to his constituency chairman he wrote: "It is in the country\'s best interest."',
            "Robert Jackson",
        ),
        # a courtesy title and a name right before the verb are its subject, past a participle's phrase
        ('Speaking in Harrogate Mr Kennedy said: "People want a credible party."', "Charles Kennedy"),
    ],
)
def test_the_subject_right_before_a_verb_of_saying_is_the_speaker(sentence: str, speaker: str) -> None:
    text = f"Robert Jackson and Charles Kennedy spoke on Monday.\n\n{sentence}"
    assert [name for rule, _, name, _ in _quotes(text) if rule == "en.before.normal"] == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        # an age between commas, then the description
        (
            'Robert Jackson, 58, MP for Wantage, said he was disillusioned with its "dangerous" views on Europe.',
            "Robert Jackson",
            "MP",
        ),
        # a courtesy title and an age
        ('Mr Hague, 43, told the Daily Telegraph he would find politics too "boring" now.', "William Hague", ""),
        # an aside in a relative clause
        (
            'Mr Cook, who gave evidence to the inquiry, told the BBC it was "not fair" to blame the public.',
            "Robin Cook",
            "",
        ),
    ],
)
def test_a_subject_set_off_by_an_age_or_an_aside_reports_what_follows(sentence: str, speaker: str, role: str) -> None:
    text = f"William Hague and Robin Cook spoke on Monday.\n\n{sentence}"
    assert [(name, post) for name, post, _ in _described(text, "en.indirect.clause")] == [(speaker, role)]


def test_a_name_after_a_comma_that_ends_a_clause_is_no_subject_a_pronoun_stands_for() -> None:
    text = (
        "Lord Butler has criticised the government.\n\n"
        "The reason is that it would have weakened the case for war, Lord Butler said in an interview, which was "
        'conducted by the editor, Conservative MP Boris Johnson. He said: "The evidence is pretty thin."'
    )
    assert [speaker for rule, _, speaker, _ in _quotes(text) if rule == "en.before.normal"] == ["Lord Butler"]


def test_the_words_before_a_trailing_attribution_are_what_was_said_not_a_description() -> None:
    text = (
        'The Liberal Democrats will present themselves as "the real alternative" in the forthcoming general election '
        "campaign, Charles Kennedy has said.\n\n"
        'Unveiling the slogan at the party\'s spring conference, he said there was no "glass ceiling" to its ambitions.'
    )
    # (the first sentence is his report too, its auxiliary no clause of his: "Charles Kennedy has said")
    assert [(name, post) for name, post, _ in _described(text)] == [("Charles Kennedy", "")] * 2


def test_a_given_names_initial_is_part_of_the_name_a_regnal_number_and_a_title_are_not() -> None:
    found = _quotes('US president George W Bush spoke on Monday.\n\n"We will halve the deficit," Mr Bush said.')
    assert [(speaker, kind) for _, _, speaker, kind in found] == [("George W Bush", "official")]
    text = _dotted("Laut Papst Coelestin V. und Direktor B.N. Suresh sagte M. Peskov es.", load_grammar("fr"))
    assert [words[-1] for _, words in _capitalised_runs(text, frozenset())] == ["Coelestin", "Suresh", "Peskov"]


def test_honours_are_part_of_a_name_and_a_peer_is_an_official() -> None:
    text = (
        'Auditor General Sir John Bourn said: "Higher levels of literacy will benefit England."\n\n'
        'Sir John added: "It is good."\n\nLord Butler said: "It was thin."'
    )
    assert _described(text, "en.before.normal") == [
        ("Sir John Bourn", "Auditor General", "official"),
        ("Sir John Bourn", "Auditor General", "official"),
        ("Lord Butler", "", "official"),
    ]


def test_a_participle_s_phrase_describes_no_one_and_names_before_a_post_are_part_of_it() -> None:
    text = (
        "Voters are being misled on tax, Lib Dem leader Charles Kennedy has said.\n\n"
        "Speaking at the Commonwealth Club, Mr Kennedy said it was critical for a party to have credibility.\n\n"
        "John Gill, managing director of the insurer's pensions division, said the recovery had only partly helped."
    )
    assert _described(text, "en.indirect.clause") == [
        ("Charles Kennedy", "Lib Dem leader", "official"),
        ("John Gill", "managing director of the insurer's pensions division", "organization"),
    ]


def test_a_finite_verb_after_a_name_ends_the_speaker_phrase() -> None:
    text = (
        "Lib Dem leader Charles Kennedy spoke on Monday.\n\n"
        'A day ahead of the report, Mr Kennedy used a speech to say his party faced up to "painful realities".'
    )
    assert [(speaker, kind) for _, _, speaker, kind in _quotes(text)] == [("Charles Kennedy", "official")]


def test_a_word_of_affiliation_after_a_name_leads_to_where_they_are_from_not_to_their_name() -> None:
    found = _quotes('"Republicans want a photo op," said Rep. Elijah Cummings of Maryland, the panel\'s top Democrat.')
    assert [(speaker, kind) for _, _, speaker, kind in found] == [("Elijah Cummings", "official")]


def test_one_who_reports_that_another_told_them_is_not_the_speaker() -> None:
    text = 'The News of the World reports that Nicolas Anelka told a French magazine: "I want to win titles."'
    assert [speaker for _, _, speaker, _ in _quotes(text)] == ["Nicolas Anelka"]


def test_a_description_set_off_that_opens_on_a_word_of_affiliation_is_where_they_work() -> None:
    text = 'Brad Adams, from the UK\'s Human Rights Watch, said: "This is a huge political signal from Europe."'
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    found = ENGINE.extract(article, sentences(article))
    assert [(q.speaker.name, q.speaker.organization, q.speaker.type) for q in found if q.speaker] == [
        ("Brad Adams", "the UK's Human Rights Watch", "organization")
    ]


def test_a_post_in_the_first_paragraph_is_the_person_the_next_paragraph_names() -> None:
    text = (
        "Plans to extend paid leave should be in the manifesto, the Trade and Industry Secretary has said.\n\n"
        'Patricia Hewitt said the cost was being evaluated.\n\n"We will act," she said.'
    )
    # (the first paragraph's report is hers too)
    assert _described(text) == [("Patricia Hewitt", "Trade and Industry Secretary", "official")] * 3


def test_a_post_after_someone_named_is_no_one_the_next_paragraph_names() -> None:
    text = (
        '"It tells you who is a candidate of the establishment," Sanders remarked.\n\n'
        '"That would be me, yes," the senator said.\n\n'
        "Later, Claire McCaskill said Sanders had pushed the former secretary of state."
    )
    assert ("Claire McCaskill", "", "other") in _described(text)


def test_someone_at_a_bank_or_a_broker_with_no_post_of_their_own_is_an_analyst_and_its_officers_speak_for_it() -> None:
    text = (
        '"The market is weak," said Ian Hunter of Goodbody Stockbrokers.\n\n'
        '"We will grow," said John Smith, chief executive of Barclays.\n\n'
        '"Rates will rise," said Mervyn King of the Bank of England.'
    )
    assert [(name, kind) for name, _, kind in _described(text)] == [
        ("Ian Hunter", "analyst"),
        ("John Smith", "organization"),
        ("Mervyn King", "official"),
    ]


def test_a_dash_between_spaces_after_a_name_sets_off_a_description_as_a_comma_does() -> None:
    text = (
        "German Chancellor Gerhard Schroeder spoke in Berlin.\n\n"
        '"The pact will work better," Mr Schroeder - a staunch supporter of the pact - said.\n\n'
        'In May 2013 - four months later - the State Department said that "no records were located."'
    )
    assert [name for name, _, _ in _described(text)][:1] == ["Gerhard Schroeder"]


def test_a_subject_after_a_conjunction_that_opens_a_subordinate_clause_is_the_speaker() -> None:
    text = (
        "Intro.\n\nThe US dollar's slide against the euro and yen has halted after US Treasury Secretary John Snow said "
        'a strong dollar was "in America\'s interest".'
    )
    assert _described(text) == [("John Snow", "US Treasury Secretary", "official")]


def test_a_subject_named_and_described_between_commas_says_the_quoted_words_after_its_verb() -> None:
    text = (
        "Shares rose.\n\nCharles A Blixt, executive vice-president of RJ Reynolds Tobacco, said the ruling "
        '"dramatically transforms" the lawsuit.\n\n'
        'Trevor Phillips, chair of the Commission for Racial Equality, praised Lord Scarman\'s "ability to listen".'
    )
    found = _quotes(text)
    assert [(speaker, kind) for _, _, speaker, kind in found] == [
        ("Charles A Blixt", "organization"),
        ("Trevor Phillips", "official"),
    ]
    assert found[0][1] == 'the ruling "dramatically transforms" the lawsuit'


def test_a_quotation_after_a_verb_of_saying_makes_the_words_after_it_a_report_but_not_after_a_passive() -> None:
    text = (
        "Michael Howard is to make a pitch for votes.\n\n"
        'He will say Conservatives "share the same values" as the UK\'s minorities.\n\n'
        'The scheme has been branded a "disgraceful waste" by MPs.'
    )
    assert [(rule, content, speaker) for rule, content, speaker, _ in _quotes(text)] == [
        ("en.indirect.clause", 'Conservatives "share the same values" as the UK\'s minorities', "Michael Howard")
    ]


def test_a_relative_clause_after_the_subject_is_no_report_and_parts_the_subject_from_its_verb() -> None:
    text = (
        "Tony Blair spoke in London.\n\n"
        'Mr Blair, who last year denied he planned to join the Catholic faith, said abortion was a "difficult issue".'
        "\n\nAt a news conference, Mr Howard insisted he had played by the party's rules. The Tory leader, who argues he"
        ' is ensuring honesty, said: "We do not say one thing in private and another thing in public."'
    )
    found = _quotes(text)
    assert [(content, speaker) for _, content, speaker, _ in found if speaker != "Howard"] == [
        ('abortion was a "difficult issue"', "Tony Blair"),
        ("We do not say one thing in private and another thing in public.", "the Tory leader"),
    ]


def test_when_or_where_it_was_said_between_commas_after_the_verb_leaves_the_report_after_it() -> None:
    text = (
        "Shares rose.\n\n"
        'Altria Group said, in a statement, the government now "must not only prove that the companies have engaged'
        ' in fraud".\n\nCost estimates, he added, were "based on a prototype detention facility."'
    )
    assert [(content, speaker) for _, content, speaker, _ in _quotes(text)][:1] == [
        ('the government now "must not only prove that the companies have engaged in fraud"', "Altria Group")
    ]
    assert "Cost" not in [speaker for _, _, speaker, _ in _quotes(text)]


def test_a_report_closed_by_a_name_and_an_auxiliary_is_theirs_and_a_post_next_describes_them() -> None:
    text = (
        "The government must act quickly on the Law Lords' ruling on detention, Mary Robinson has said.\n\n"
        "The former UN commissioner for human rights told Radio 4's Today the response would be scrutinised.\n\n"
        "Women made Commons speeches to jeers, researchers from Birkbeck College were told."
    )
    found = _quotes(text)
    assert [(content, speaker, kind) for _, content, speaker, kind in found] == [
        ("The government must act quickly on the Law Lords' ruling on detention", "Mary Robinson", "official"),
        ("the response would be scrutinised", "the former UN commissioner for human rights", "official"),
    ]


def test_a_second_verb_of_saying_joined_by_and_ends_the_report_and_opens_the_speakers_next_statement() -> None:
    text = (
        'Intro.\n\nThe minister accused the Lib Dems of offering "false promises" to women and said their sums did'
        ' not add up.\n\nSenator Warren called Wells Fargo\'s behavior "outrageous" and called for compensation to be'
        ' "clawed back" for executives.'
    )
    found = [(rule, content) for rule, content, _, _ in _quotes(text)]
    assert found == [
        ("en.indirect.clause", 'the Lib Dems of offering "false promises" to women'),
        ("en.indirect.joined", "their sums did not add up"),
        ("en.indirect.clause", 'Wells Fargo\'s behavior "outrageous"'),
        ("en.indirect.joined", 'for compensation to be "clawed back" for executives'),
    ]


def test_a_report_that_quotes_ends_where_the_writer_goes_on_after_its_last_quotation() -> None:
    text = (
        'Intro.\n\nThe mayor described the incident as a "terrible situation," but stopped short of blaming anyone.\n\n'
        'The president said he would consider it a "personal insult" if they did not vote, implicitly putting his name'
        " on the line."
    )
    assert [content for _, content, _, _ in _quotes(text)] == [
        'the incident as a "terrible situation,"',
        'he would consider it a "personal insult" if they did not vote',
    ]


def test_a_verb_of_saying_with_no_speaker_before_it_gives_way_to_the_next_one_in_the_sentence() -> None:
    text = (
        'Intro.\n\nIn a Facebook message posted Friday, Cruz said he has had "areas of significant disagreement" with'
        " Trump."
    )
    assert [(content, speaker) for _, content, speaker, _ in _quotes(text)] == [
        ('he has had "areas of significant disagreement" with Trump', "Cruz")
    ]


def test_a_quotation_inside_a_sentence_with_its_own_verb_of_saying_does_not_go_on_with_the_last_speaker() -> None:
    text = (
        'The New York Times reports:\n\n"Mrs. Clinton is being made to continue with an aggressive calendar of'
        ' fund-raisers with rich donors."\n\nAt a recent fundraising gig in New York, Clinton called half of Donald'
        " Trump's supporters “deplorables.”"
    )
    found = _quotes(text)
    assert (found[-1][0], found[-1][2]) == ("en.indirect.clause", "Clinton")


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("Vice President Joe Biden", "official"),  # a state's title, capitalised alone before a name
        ("U.S. Vice President Joe Biden", "official"),
        ("Google Vice President Jane Roe", "organization"),  # a company's, which it names
        ("Jane Roe, vice president of Google", "organization"),
    ],
)
def test_a_state_s_title_a_company_s_officers_share_is_the_state_s_when_it_names_no_company(
    speaker: str, kind: str
) -> None:
    text = f'"We will see what happens next," said {speaker}.'
    (quote,) = _quotes(text)
    assert quote[3] == kind
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    (rules,) = get_extractor("en").extract(article, sentences(article))  # (the English rules, as briefs read)
    assert rules.speaker is not None and rules.speaker.type == kind
