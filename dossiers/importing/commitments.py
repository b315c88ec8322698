"""Commitments (toezeggingen) a document fulfils, and the new promises to inform parliament it
makes.

A report or letter honours a commitment in a sentence that refers to it ("Zoals toegezegd aan
het lid X tijdens het Commissiedebat van 18 januari jl. informeer ik uw Kamer ...", "Conform de
toezegging aan het lid Y ..."), often with the member and the debate in a footnote ("Toezegging
aan het lid Y in het Commissiedebat ..., d.d. 29 februari 2024"). Each becomes one proposal,
matched to a known commitment of the same members and debate date. Promises to inform parliament
later ("wordt u binnenkort nader geïnformeerd") are proposed as new, open commitments.
"""

import functools
import re

from ..dates import Precision, parse_date_phrase
from .proposals import CommitmentProposal
from .references import NAME, Layout, surnames
from .text import MAX_SENTENCE_CHARS

# "29 februari 2024", "18 januari jl.", "7 maart a.s."; a footnote number may stick to the year.
_DATE = (
    r"(?P<date>\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december)(?:\s+(?:19|20)\d{2}(?=\d{0,2}\b)|\s+(?:jl\.|j\.l\.|a\.s\.))?)"
)
_DD_DATE = re.compile(rf"\bd\.d\.\s+{_DATE}", re.IGNORECASE)

_DEBATE_KINDS = (
    # "het AO JBZ-Raad": an algemeen overleg by its abbreviation, in capitals only.
    (
        r"commissiedebat|algemeen\s+overleg|notaoverleg|mondeling\s+overleg|(?-i:AO)",
        "commissiedebat",
    ),
    (r"wetgevingsoverleg", "wetgevingsoverleg"),
    (r"schriftelijke?\s+overleg", "schriftelijk_overleg"),
    (
        r"plenaire?\s+(?:debat|behandeling)|tweeminutendebat|debat|"
        r"(?:algemene\s+)?(?:politieke|financiële)\s+beschouwingen",
        "plenair_debat",
    ),
)
_DEBATE = re.compile(
    "|".join(
        rf"(?P<kind{index}>(?:{words})\b)" for index, (words, _kind) in enumerate(_DEBATE_KINDS)
    ),
    re.IGNORECASE,
)
# The date of the debate itself, not of the Council it prepared ("voorafgaand aan de JBZ-Raad
# van 4 en 5 maart"): "Commissiedebat Vreemdelingen en Asiel van 22 december jl.".
_DEBATE_DATE = re.compile(rf"(?P<between>[^.;]{{0,80}}?)\b(?:van|op)\s+{_DATE}", re.IGNORECASE)
_NOT_THE_DEBATE_DATE = re.compile(r"voorafgaand|voorbereiding|\bover\b", re.IGNORECASE)
_EARLIER_DEBATE = re.compile(
    r"\b(?:genoemde?|bovengenoemde?|dit|dat|hetzelfde|datzelfde)\s+"
    r"(?:commissiedebat|debat|overleg|wetgevingsoverleg)\b",
    re.IGNORECASE,
)

# "Met deze brief voer ik deze toezegging uit": the commitment the sentence before describes.
_REFERS_BACK = re.compile(
    r"\b(?:deze|die|bovengenoemde|genoemde|voornoemde)\s+toezegging(?:en)?\b", re.IGNORECASE
)
# The letterhead's lines are no subject: "Den Haag, 14 oktober 2022".
_LETTERHEAD = re.compile(r"^(?:Den\s+Haag,|Aan\s+de\s+|Nr\.\s)")
# A sentence that refers to a commitment already made.
_COMMITMENT_WORD = re.compile(
    r"\btoezegging\b|\btoegezegde?\b|\bbeloofd\b|\b(?-i:T0\d{4})\b"
    # Commitments in the plural as what the letter carries out ("ingegaan op twee
    # toezeggingen", "voldoet ... aan de toezeggingen"), not as a list's title ("[toezeggingen]")
    # or a summary ("worden toezeggingen over ... toegelicht").
    r"|\b(?:ingegaan|in\s+te\s+gaan|ingaan|ga\s+ik|gaan\s+wij|voldoe\w*|uitvoering|invulling)"
    r"\b[^.]{0,80}?\btoezeggingen\b"
    # "zegde ik de Tweede Kamer een kabinetsreactie toe", "zegde de Minister ... toe"
    r"|\bzegden?\s+(?:ik|wij|de\s+\w+)\b[^.]{0,150}?\btoe\b",
    re.IGNORECASE,
)
# Informing as agreed with parliament is keeping a standing commitment: "Conform de
# vastgestelde afspraken informeer ik uw Kamer ...", "Gelet op de informatieafspraken ...".
_AGREED_INFORMATION = re.compile(
    r"\b(?:conform|gelet\s+op|overeenkomstig|volgens|in\s+lijn\s+met)\s+(?:de\s+)?"
    r"(?:(?:vastgestelde|gemaakte|geldende|bestaande|staande)\s+)?(?:informatie-?)?afspraken\b",
    re.IGNORECASE,
)
_SHARED_LATER = re.compile(r"\b(?:zal|zullen)\b", re.IGNORECASE)
# The Eerste Kamer numbers its commitments: "T03401".
_CHAMBER_NUMBER = re.compile(r"\bT0\d{4}\b")
# "Toezegging aan het lid Piri (GL-PvdA)" as a heading over the paragraph that fulfils it.
_COMMITMENT_HEADING = re.compile(
    r"^\s*Toezegging(?:en)?\s+(?:gedaan\s+)?aan\s+(?:het\s+|de\s+)?(?:lid|leden)\b", re.IGNORECASE
)
_NOT_TO_PARLIAMENT = re.compile(
    r"toezegging\s+van\s+(?:de\s+)?(?:Europese\s+)?(?:Commissie|Raad|voorzitterschap)",
    re.IGNORECASE,
)
_TO_PARLIAMENT = re.compile(
    r"\b(?:uw|de)\s+(?:Eerste\s+)?Kamer\b(?!\s+der\b)|\bleden\b|\blid\b|\b(?-i:T0\d{4})\b"
)
_FOOTNOTE_COMMITMENT = re.compile(r"^Toezegging(?:en)?\s+(?:gedaan\s+)?aan\b", re.IGNORECASE)

# A promise to inform parliament later. Kept tight: every false one costs the reviewer time.
_KAMER = r"(?:u|uw\s+Kamer|de\s+Kamer)"
_GOVERNMENT = r"(?:ik|wij|het\s+kabinet|de\s+minister|de\s+staatssecretaris)"
_INFORM = (
    r"(?:informeren|inlichten|toesturen|toezenden|sturen|zenden|berichten|rapporteren"
    r"|op\s+de\s+hoogte\s+(?:houden|stellen)|ter\s+beschikking\s+stellen|doen\s+toekomen"
    r"|voorleggen|ter\s+inzage\s+leggen|ingaan)"
)
_INFORMED = r"(?:geïnformeerd|ingelicht|op\s+de\s+hoogte\s+(?:gesteld|gehouden))\b"
# Within a sentence, past the period of "a.s." or "jl.".
_IN_CLAUSE = r"(?:[^.]|\.(?=\s?[a-z]))"
_NEW_PROMISE = re.compile(
    rf"""
      \b(?:wordt|worden)\s+{_KAMER}\b(?:\s+\w+){{0,4}}?\s+{_INFORMED}
    | \b{_KAMER}\s+wordt\b[^.]{{0,120}}?\s{_INFORMED}
    | \b{_KAMER}\s+(?:zult|zal)\b[^.]{{0,120}}?\s(?:{_INFORMED}|ontvangen\b)
    | \b(?:zal|zullen)\s+{_GOVERNMENT}\b[^.]{{0,120}}?\b{_KAMER}\b[^.]{{0,120}}?\b{_INFORM}\b
    | \b{_GOVERNMENT}\s+(?:zal|zullen)\b[^.]{{0,120}}?\b{_KAMER}\b[^.]{{0,120}}?\b{_INFORM}\b
    | \b(?:zeg|zeggen)\s+(?:ik|wij)\s+(?:uw\s+Kamer\s+|u\s+)?toe\b
    | \b(?:ik|wij)\s+(?:zeg|zeggen)\s+(?:uw\s+Kamer\s+|u\s+)?toe\b
    | \b{_GOVERNMENT}\s+(?:zegde|zegden)\b[^.]{{0,60}}?\btoe\b
    | \b(?:minister|staatssecretaris|regering|kabinet)\b[^.]{{0,80}}?\b(?:zegt|zeggen)\b
      [^.]{{0,120}}?\btoe\b
    | \b(?:zal|zult)\s+{_KAMER}\b[^.]{{0,120}}?\b(?:ontvangen|{_INFORMED})
    | \b(?:kom|komen|komt)\b[^.]{{0,80}}?\bbij\s+(?:u|uw\s+Kamer|de\s+Kamer)\b[^.]{{0,40}}?\bterug\b
    | \b(?:zal|zullen)\s+{_KAMER}\b{_IN_CLAUSE}{{0,120}}?\btoekomen\b
    | \b{_KAMER}\s+(?!wordt\b)[^.]{{0,80}}?\b(?:zal|zult)\s+ontvangen\b
    | \b(?:minister|staatssecretaris)\s+(?:van|voor)\s+[^.,;]{{3,60}}?\s+(?:zal|zullen)\s+{_KAMER}\b
      [^.]{{0,120}}?\b{_INFORM}\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "Voor de zomer ontvangt uw Kamer ...": a promise in the present tense, told by when. Without
# a time to come it says what the letter sends ("U ontvangt de Geannoteerde Agenda vervroegd").
_RECEIVES = re.compile(
    rf"\bontvangt\s+{_KAMER}\b|\b(?:u|uw\s+Kamer)\s+ontvangt\b"
    rf"|\b(?:ik|wij)\s+(?:stuur|sturen|zend|zenden)\s+{_KAMER}\b",
    re.IGNORECASE,
)
# "uw Kamer binnenkort te informeren", "(dat wij) u begin oktober het fiche doen toekomen": a
# promise when a time to come is given.
_TO_INFORM = re.compile(
    rf"\b{_KAMER}\b[^.]{{0,60}}?\b(?:(?:nader\s+)?te\s+informeren|doen\s+toekomen)\b",
    re.IGNORECASE,
)
_TIME_TO_COME = re.compile(
    r"\b(?:voor|vóór|na|in|binnen|uiterlijk|rond|begin|eind|medio|later|nog)\s+(?:het\s+|de\s+)?"
    r"(?:einde|zomer|voorjaar|najaar|winter|kerst|reces|zomerreces|kerstreces|jaar|maand|week|"
    r"weken|maanden|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december|20\d{2}|komende|volgende|kwartaal|afloop|afronding)\b"
    r"|\b(?:binnenkort|zo\s+spoedig\s+mogelijk|spoedig|zodra|te\s+zijner\s+tijd|op\s+korte\s+termijn)\b",
    re.IGNORECASE,
)
# "Een verdere appreciatie van ... volgt na verdere vaststelling ...": what follows is a paper.
_PAPER_FOLLOWS = re.compile(
    r"^(?:(?:een|de|het)\s+)?(?:(?:nadere|verdere|uitgebreide|inhoudelijke|volledige)\s+)?"
    r"(?:kabinets)?(?:appreciatie|reactie|beantwoording|brief|analyse|fiche)\b"
    r"[^.]{0,250}?\b(?:volgt|zal\s+(?:\w+\s+)?volgen|volgen)\b(?!\s+uit)",
    re.IGNORECASE,
)
# "Het kabinet informeert uw Kamer hierover via het gebruikelijke BNC-traject": a promise in the
# present tense, by the way the information will come.
_INFORMS_BY_ROUTE = re.compile(
    rf"\b(?:{_GOVERNMENT})\s+(?:informeert|informeren|informeer)\s+{_KAMER}\b[^.]{{0,80}}?\bvia\s+"
    r"(?:het|de|een)\b",
    re.IGNORECASE,
)
# Informing now is not a promise: "informeer ik uw Kamer hierbij", "via dit verslag".
_INFORMS_NOW = re.compile(
    r"\bhierbij\b|\bhiermee\b"
    r"|\b(?:met|in|door\s+middel\s+van|middels|via)\s+deze\s+(?:brief|geannoteerde\s+agenda)\b"
    r"|\b(?:via|in|met)\s+dit\s+verslag\b",
    re.IGNORECASE,
)

_SUBJECT_PATTERNS = (
    re.compile(r"\binform\w*\b[^.]*?\bover\s+(?P<subject>.+)", re.IGNORECASE),
    re.compile(
        r"\bover\s+(?P<subject>[^.]+?)\s+(?:zou|zal|zullen|zouden)\s+(?:rapporteren|informeren)\b"
    ),
    re.compile(r"\bvraag\s+van\s+[^.]*?\b(?P<subject>(?:hoe|wat|welke|of|waarom|wanneer)\w*\b.+)"),
    re.compile(r"\btoe(?:zegging|gezegd)\b[^.]*?\bom\s+(?P<subject>.+)", re.IGNORECASE),
    re.compile(r"\b(?:terug|in\s+te\s+gaan|ingaan)\s+op\s+(?P<subject>.+)"),
    re.compile(r"^Over\s+(?P<subject>.+?)\s+(?:wordt|worden|zal|zult|zullen|ontvangt)\b"),
    re.compile(r"\bover\s+(?P<subject>.+?)\s+(?:worden|wordt)\s+geïnformeerd\b"),
    re.compile(r"^(?P<subject>.+?)\s+(?:volgt|zal\s+volgen)\b"),
    # What was done: "tijdens genoemd Commissiedebat heeft Nederland ... gecommuniceerd ...".
    re.compile(
        r"(?:debat|overleg)\b(?:\s+[\w.-]+){0,6}?\s+(?:heeft|hebben|is|zijn|werd|werden)\s+"
        r"(?P<subject>.+)",
        re.IGNORECASE,
    ),
)
_SUBJECT_END = re.compile(
    r"\s+(?:dat|die|waarbij|zodat|omdat|zoals|tijdens|via|per\s+brief|in\s+het\s+verslag)\s"
    r"|\s*\(Kamerstuk|[.;]\d{0,2}$"
)
_STOPWORDS = frozenset({
    "de", "het", "een", "van", "en", "in", "op", "te", "met", "voor", "over", "aan", "bij",
    "door", "tot", "om", "uit", "als", "dat", "die", "dit", "deze", "zijn", "wordt", "worden",
    "zal", "zullen", "heeft", "hebben", "uw", "kamer", "lid", "leden", "via", "naar", "ook",
    "nog", "meer"
})  # fmt: skip


def extract_commitments(source, gazetteer, reference_date):
    """Commitments fulfilled in `source` and new promises it makes, one per sentence."""
    layout = Layout.of(source)
    text = source.text
    members = _members_pattern(tuple(gazetteer.members))
    commitment_notes = [
        note for note in layout.footnotes if _FOOTNOTE_COMMITMENT.match(text[note.start : note.end])
    ]
    merged_notes = set()
    found = []  # (where the passage starts, proposal)
    for index, span in enumerate(layout.sentences):
        sentence = text[span[0] : span[1]]
        if layout.footnote_at(span[0]) in commitment_notes:
            continue
        if layout.is_heading(span):
            if _COMMITMENT_HEADING.match(sentence):
                found.append(
                    (
                        span[0],
                        _fulfilled(
                            source, layout, index, span, [], members, gazetteer, reference_date
                        ),
                    )
                )
            continue
        agreed = _AGREED_INFORMATION.search(sentence)
        if agreed and _SHARED_LATER.search(sentence) and not _COMMITMENT_WORD.search(sentence):
            # "... zullen zodra beschikbaar in lijn met de staande informatie-afspraken worden
            # gedeeld": informing as agreed, later: a promise.
            found.append((span[0], _promised(layout, span, sentence, members)))
            continue
        # "Door middel van deze brief kom ik terug op deze toezeggingen": the ones the sentences
        # before describe, kept now (a plural alone is mostly a summary).
        kept_now = _REFERS_BACK.search(sentence) and _INFORMS_NOW.search(sentence)
        refers = _COMMITMENT_WORD.search(sentence) or agreed or kept_now
        if refers and not _NOT_TO_PARLIAMENT.search(sentence):
            notes = [note for note in layout.markers(*span) if note in commitment_notes]
            if not (
                notes or kept_now or _TO_PARLIAMENT.search(sentence) or _DEBATE.search(sentence)
            ):
                continue
            merged_notes.update(notes)
            context = [_note_passage(layout, note) for note in notes]
            for part in _listed(sentence, span):
                proposal = _fulfilled(
                    source, layout, index, part, context, members, gazetteer, reference_date
                )
                found.append((part[0], proposal))
        elif _is_new_promise(sentence):
            found.append((span[0], _promised(layout, span, sentence, members)))
    for note in commitment_notes:
        if note in merged_notes:
            continue
        index = layout.sentence_index_at(note.start)
        span = (note.start, note.start + len(_note_passage(layout, note)))
        found.append(
            (
                note.start,
                _fulfilled(source, layout, index, span, [], members, gazetteer, reference_date),
            )
        )
    found.sort(key=lambda item: item[0])
    proposals = _with_references_back(layout, [proposal for _start, proposal in found])
    numbers = set(_CHAMBER_NUMBER.findall(text))
    if len(proposals) == 1 and len(numbers) == 1 and not proposals[0].number:
        # The chamber's record of one commitment prints its number apart ("Nummer T03401").
        proposals[0].number = numbers.pop()
    return proposals


# "Met dit verslag wordt voldaan aan de toezegging A, de toezegging B en de toezegging aan X
# over C": each listed commitment is one, from its "de toezegging" to the next item.
_LISTED_COMMITMENT = re.compile(r"\bde\s+toezegging\b", re.IGNORECASE)
_NEXT_ITEM = re.compile(r",\s+(?=(?:de|het)\s)|\s+en\s+(?=de\s+toezegging\b)", re.IGNORECASE)


def _listed(sentence, span):
    """The spans of the commitments a sentence lists, or the sentence's span when it lists one."""
    starts = [match.start() for match in _LISTED_COMMITMENT.finditer(sentence)]
    if len(starts) < 2:
        return [span]
    parts = []
    for number, start in enumerate(starts):
        limit = starts[number + 1] if number + 1 < len(starts) else len(sentence)
        boundary = _NEXT_ITEM.search(sentence, start, limit)
        end = boundary.start() if boundary else limit
        parts.append((span[0] + start, span[0] + len(sentence[:end].rstrip(" ,.;"))))
    return parts


def _with_references_back(layout, proposals):
    """One proposal where a sentence fulfils the commitment the sentence before it describes
    ("... heb ik toegezegd dat ik uw Kamer periodiek zou rapporteren. Met deze brief voer ik
    deze toezegging uit"): the passage spans both, the facts are the first one's."""
    merged = []
    for proposal in proposals:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and proposal.fulfilled_here
            and previous.fulfilled_here
            and _REFERS_BACK.search(proposal.passage)
            and not proposal.mps
            and proposal.debate_date in (None, previous.debate_date)
            and _adjacent(layout, previous.passage, proposal.passage)
        ):
            start = layout.text.find(previous.passage)
            end = layout.text.find(proposal.passage, start) + len(proposal.passage)
            previous.passage = layout.text[start:end]
            continue
        merged.append(proposal)
    return merged


def _adjacent(layout, first, second):
    """Whether `second` is the sentence right after `first` in the text."""
    start = layout.text.find(first)
    if start < 0:
        return False
    following = layout.sentence_index_at(start) + 1
    if following >= len(layout.sentences):
        return False
    begin, end = layout.sentences[following]
    return layout.text[begin:end] == second


def _note_passage(layout, note):
    """A footnote's text, or its first sentences when it runs on past MAX_SENTENCE_CHARS."""
    if note.end - note.start <= MAX_SENTENCE_CHARS:
        return layout.text[note.start : note.end]
    return layout.text[slice(*layout.passage_span(note.start, note.start + 1))]


def _is_new_promise(sentence):
    if _INFORMS_NOW.search(sentence):
        return False
    return bool(
        _NEW_PROMISE.search(sentence)
        or _INFORMS_BY_ROUTE.search(sentence)
        or _PAPER_FOLLOWS.search(sentence)
        or (
            (_RECEIVES.search(sentence) or _TO_INFORM.search(sentence))
            and _TIME_TO_COME.search(sentence)
        )
    )


def _fulfilled(source, layout, index, span, context, members, gazetteer, reference_date):
    """A proposal for a commitment honoured in source.text[span]; `context` are its footnotes."""
    passage = source.text[span[0] : span[1]]
    mps = _surnames(passage, members)
    for note in context:
        mps = mps or _surnames(note, members)
    kind, debate_date, dated = _debate(passage, reference_date)
    for note in context:
        if not dated:
            note_kind, note_date, dated = _debate(note, reference_date)
            kind, debate_date = kind or note_kind, note_date
    if not dated and (_EARLIER_DEBATE.search(passage) or _REFERS_BACK.search(passage)):
        kind, debate_date = _earlier_debate(source, layout, index, reference_date)
    subject = _subject(passage, layout, span[0])
    matched = _match(gazetteer, mps, debate_date, passage, subject)
    confidence = 0.9 if mps and (debate_date or kind) else 0.8 if mps or debate_date else 0.7
    return CommitmentProposal(
        mps=mps,
        debate_kind=kind,
        debate_date=debate_date,
        subject=subject,
        fulfilled_here=True,
        matched_commitment=matched,
        passage=passage,
        number=_number_in(passage),
        confidence=confidence,
    )


def _promised(layout, span, sentence, members):
    """A new promise; to the members the sentence names ("naar aanleiding van een vraag van het
    lid Koole"), if any."""
    return CommitmentProposal(
        mps=_surnames(sentence, members),
        debate_kind="",
        debate_date=None,
        subject=_subject(sentence, layout, span[0]),
        fulfilled_here=False,
        matched_commitment=None,
        passage=sentence,
        number=_number_in(sentence),
        confidence=0.7,
    )


def _number_in(passage):
    match = _CHAMBER_NUMBER.search(passage)
    return match.group() if match else ""


# -- members and debates ----------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _members_pattern(known):
    """Patterns for "het lid X", "de leden X en Y", "het Kamerlid X", "de toezegging aan X": the
    known members first, then any surname."""
    names = sorted(known, key=len, reverse=True)
    name = "|".join([*(re.escape(name) for name in names), NAME])
    one = rf"(?:{_GIVEN_NAME})?(?:{name})"
    party = r"(?:\s*\([^()]{1,40}\))?"  # "de leden Van Dijk (NSC) en Ellian (VVD)"
    return re.compile(
        rf"(?:\b(?i:kamer)?(?i:lid|leden)|\b(?i:toezegging)\s+aan)\s+"
        rf"(?P<names>{one}{party}(?:(?:,\s*|\s+en\s+){one}{party})*)"
    ), re.compile(one)


_PARTY = re.compile(r"\([^()]*\)")
# "het lid Stieneke van der Graaf": a given name before a surname that starts with a particle in
# lower case (the particle is capitalised when no given name comes first: "het lid Van der
# Graaf"); not "het lid Dassen van Volt", a party.
_GIVEN_NAME = (
    r"[A-Z\u00c0-\u00de][a-zà-ÿ]+\s+(?=(?:(?:van|de|den|der|ter|ten|te)\s+)+"
    r"(?!(?:Volt|Denk)\b)[A-Z\u00c0-\u00de][a-zà-ÿ'’]+(?![\w-]))"
)
_GIVEN_NAME_FIRST = re.compile("^" + _GIVEN_NAME)


def _surnames(text, members):
    intro, one = members
    found = []
    for match in intro.finditer(text):
        names = _PARTY.sub(" ", match.group("names"))
        for name in surnames(names, one):
            surname = _GIVEN_NAME_FIRST.sub("", name)
            if surname != name:  # without the given name, the particle begins the name
                surname = surname[:1].upper() + surname[1:]
            if surname not in found:
                found.append(surname)
    return found


def _debate(text, reference_date):
    """(kind, date, whether a date was printed) of the first debate named in `text`."""
    match = _DEBATE.search(text)
    if match is None:
        return "", None, False
    kind = next(
        _DEBATE_KINDS[index][1]
        for index in range(len(_DEBATE_KINDS))
        if match.group(f"kind{index}")
    )
    dated = _DD_DATE.search(text, match.end())
    if dated is None:
        after = _DEBATE_DATE.match(text, match.end())
        if after and not _NOT_THE_DEBATE_DATE.search(after.group("between")):
            dated = after
    if dated is None:
        return kind, None, False
    return kind, _resolve(dated, reference_date), True


def _earlier_debate(source, layout, index, reference_date):
    """The debate a sentence calls "genoemd Commissiedebat": the last one named before it."""
    for start, end in reversed(layout.sentences[max(index - 3, 0) : index]):
        kind, day, _dated = _debate(source.text[start:end], reference_date)
        if kind:
            return kind, day
    return "", None


def _resolve(match, reference_date):
    """The day a debate was held: "jl." and a missing year count back from `reference_date`."""
    found = parse_date_phrase(match.group("date"), reference_date, past=True)
    return found[0] if found and found[1] == Precision.DAY else None


# -- subject and matching ---------------------------------------------------------------------


def _subject(passage, layout, position):
    """The object of the promise, in a few words: "de lanceringsbijeenkomst van ..."."""
    subject = ""
    for pattern in _SUBJECT_PATTERNS:
        match = pattern.search(passage)
        if match:
            subject = match.group("subject")
            break
    end = _SUBJECT_END.search(subject)
    if end:
        subject = subject[: end.start()]
    subject = _strip_markers(subject).strip(" ,;:.–-")
    words = subject.split()
    if len(words) > 24:
        words = words[:24]
        while words and words[-1].lower() in _STOPWORDS:
            words.pop()
        subject = " ".join(words)
    heading = layout.heading_before(position) if position >= 0 else ""
    if _LETTERHEAD.match(heading):
        heading = ""
    if not subject:
        return heading or " ".join(passage.split()[:12])
    if len(words) <= 3 and heading:
        return f"{subject} ({heading})"
    return subject


def _strip_markers(text):
    """Footnote numbers stuck to words or years: "Veiligheid1", "20236"."""
    text = re.sub(r"(?<=[^\W\d_])\d{1,2}\b", "", text)
    return re.sub(r"\b((?:19|20)\d{2})\d{1,2}\b", r"\1", text)


def _words(text):
    return {
        word[:8]
        for word in re.findall(r"[^\W\d_]+", text.lower())
        if len(word) > 3 and word not in _STOPWORDS
    }


def _match(gazetteer, mps, debate_date, passage, subject):
    """The pk of the known commitment this fulfils: same members and debate date, else None.

    Without a printed date, the members and a similar subject must agree. Among several
    candidates the one whose subject and text share most words with the passage wins.
    """
    wanted = frozenset(name.lower() for name in mps)
    words = _words(f"{passage} {subject}")
    candidates = []
    for commitment in gazetteer.commitments_by_members.get(wanted, ()):
        if commitment.status == "withdrawn":
            continue
        own_words = _words(f"{commitment.subject} {commitment.text}")
        overlap = len(words & own_words) / max(len(own_words), 1)
        if debate_date is not None:
            if commitment.debate_date != debate_date:
                continue
        elif not wanted or overlap < 0.25:
            continue
        candidates.append((overlap, commitment.status == "open", commitment.pk))
    if not candidates:
        return None
    candidates.sort(reverse=True)
    if len(candidates) > 1 and candidates[0][0] == 0:
        return None
    return candidates[0][2]
