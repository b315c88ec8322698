"""How well the importer reads documents whose content is known: the seeds, against what a
person wrote down by hand for each of them (expectations/<seed name>.json).

Matching rules, per kind (recall = true positives / expected, precision = true positives /
found; None when there is nothing to divide by):

- citations: by the key of what is cited (citations.parse_reference): a Kamerstuk by chamber,
  dossier number, chapter or sub-series and sub-number (the session year and joint dossier
  numbers are descriptive); the Handelingen and their Aanhangsel by chamber, session year and
  number; a letter by its date. Each counts once per document, however often it is cited. The
  document's own number, where printed, is expected among them and found in the document
  proposal's `citation`.
- eu_references (scored where an expectation file lists them): by canonical form, once per
  document; found are the references the mention proposals carry.
- mentions: by dossier slug, once per document. An instrument not yet known ("new:<name>" in
  the expectations, a proposal without a dossier) matches when one name contains the other,
  ignoring case, the proposal's name or any other name the document's proposals give that
  file (its aliases: a fiche's Dutch label proposed as the name, the English title printed
  under it as an alias, is the file the expectations name by that title); proposals naming the
  same expected instrument count once.
- stage_events: by (dossier, stage, expected), a new instrument's dossier by name as for
  mentions, and the dates must be equal when both are given
  (an expectation without a date takes any date; a proposal without a date fits any
  expectation). A proposal right in all but its date counts as one missed and one spurious.
  Proposals equal in (dossier, stage, expected, date) count once: accepting them records one
  event.
- commitments: one to one. A proposal fits an expectation when they name a member of parliament
  in common (or neither names one) and the expectation's `passage_contains` is in the
  proposal's passage or both give the same debate date.
- motions: by the key of the motion's Kamerstuk citation, once per document.
- agenda_items: by (section, number), once per document.
- document: each fact the expectations give (type, date, and where given chamber and own
  citation) is one item; meeting: its start date, end date and whether it is informal, and its
  formation where the expectations give one (no meeting expected: none may be proposed).

Where several proposals fit several expectations, the pairing with the most matches is taken,
preferring pairs that agree on date (stage events) or passage (commitments). The overall figures
are micro-averaged: counts are summed over the documents before dividing.

Expectation files also say, for the reader, more than the rules use (precision, titles,
submitters, notes); dossiers/importing/expectations/*.json state their sources in "_source".

The documents are measured in three sets, reported apart: the five seeds the extractors were
written against; the development half of the corpus of real documents (tests/import_corpus/dev),
which may be read while changing an extractor; and its test half (tests/import_corpus/test),
which is only evaluated. A document's half is fixed when it is gathered (`corpus_half`), before
anyone read it for the extractors.
"""

import datetime
import functools
import json
import re
import time
from pathlib import Path

from ..citations import Citation, CitationError, format_citation, parse_reference
from ..models import Stage
from .proposals import (
    AgendaItemProposal,
    CitationProposal,
    CommitmentProposal,
    DocumentProposal,
    MeetingProposal,
    MentionProposal,
    MotionProposal,
    Proposals,
    StageEventProposal,
)

EXPECTATIONS_DIR = Path(__file__).resolve().parent / "expectations"
CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "import_corpus"
CORPUS_HALVES = ("dev", "test")
# The first line of a corpus text says where it was published; it is not part of the document.
SOURCE_LINE_PREFIX = "Bron: "

KINDS = (
    "citations",
    "eu_references",
    "mentions",
    "stage_events",
    "commitments",
    "motions",
    "agenda_items",
    "document",
    "meeting",
)

# Issue 5: recall and precision both at least this, over the seeds.
TARGETS = {"commitments": 0.90, "citations": 0.90, "mentions": 0.90, "stage_events": 0.75}
# Whole-document extraction of a 30-page report, on this machine (issue 5; measured, not tested).
TARGET_MILLISECONDS_PER_DOCUMENT = 2000

NEW_INSTRUMENT = "new:"

_STRONG, _WEAK = 2, 1


def load_expectations(path):
    """An expectation file, with the document's own number among its citations (the corpus files
    give it only under "document")."""
    expected = json.loads(Path(path).read_text(encoding="utf-8"))
    own = (expected.get("document") or {}).get("citation")
    if own and _reference_key(own) not in {_reference_key(text) for text in expected["citations"]}:
        expected["citations"] = [*expected["citations"], own]
    return expected


# The development half by name: the documents gathered as development material, and the first
# test half (split off by a hash of the name), retired on 7 December 2026 after eight evaluations.
# Every other document is test material (tests/import_corpus/README.md).
DEVELOPMENT_LIST = CORPUS_DIR / "development.txt"


@functools.cache
def _development_names():
    lines = DEVELOPMENT_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def corpus_half(name):
    """'dev' or 'test' for a corpus document called `name`: fixed when it was gathered, never
    after the importer was scored on it."""
    return "dev" if name in _development_names() else "test"


def document_text(path):
    """A document's text without a corpus file's source line."""
    text = Path(path).read_text(encoding="utf-8")
    if text.startswith(SOURCE_LINE_PREFIX):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.removeprefix("\n")
    return text


def source_address(path):
    first = Path(path).read_text(encoding="utf-8").split("\n", 1)[0]
    return first.removeprefix(SOURCE_LINE_PREFIX) if first.startswith(SOURCE_LINE_PREFIX) else ""


def expectations_path(seed_name, expectations_dir=EXPECTATIONS_DIR):
    return Path(expectations_dir) / f"{Path(seed_name).stem}.json"


def evaluate(proposals, expected):
    """kind -> {expected, found, true_positives, recall, precision, missed, spurious} for one
    document's `proposals` (a proposals.Proposals) against its `expected` (an expectation file's
    content); missed and spurious are short labels for people."""
    names = _new_file_names(proposals.mentions)
    scores = {
        "citations": _evaluate_citations(
            proposals.citations, proposals.document.citation, expected["citations"]
        ),
        "mentions": _evaluate_mentions(proposals.mentions, expected["mentions"], names),
        "stage_events": _evaluate_stage_events(
            proposals.stage_events, expected["stage_events"], names
        ),
        "commitments": _evaluate_commitments(proposals.commitments, expected["commitments"]),
        "motions": _evaluate_motions(proposals.motions, expected["motions"]),
        "agenda_items": _evaluate_agenda_items(proposals.agenda_items, expected["agenda_items"]),
        "document": _evaluate_document(proposals.document, expected["document"]),
        "meeting": _evaluate_meeting(proposals.meeting, expected["meeting"]),
    }
    if "eu_references" in expected:
        scores["eu_references"] = _evaluate_eu_references(
            proposals.mentions, expected["eu_references"]
        )
    return scores


def evaluate_seeds(seeds_dir, gazetteer, expectations_dir=EXPECTATIONS_DIR):
    """Run the whole pipeline on every document (*.txt) in `seeds_dir` that has an expectation
    file (in `expectations_dir`, or beside it when None) and score it: per document, overall
    (micro-averaged), and the time taken per document."""
    # Imported here so that scoring (evaluate) works without the extractors.
    from .pipeline import extract
    from .reader import ImportText

    documents, skipped = {}, []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        expected_path = expectations_path(path.name, expectations_dir or path.parent)
        if not expected_path.exists():
            skipped.append(path.name)
            continue
        expected = load_expectations(expected_path)
        text = document_text(path)
        start = time.perf_counter()
        proposals = extract(ImportText.from_text(text), gazetteer)
        milliseconds = (time.perf_counter() - start) * 1000
        documents[path.name] = {
            "milliseconds": round(milliseconds, 1),
            "kinds": evaluate(proposals, expected),
        }
    overall = combine({name: document["kinds"] for name, document in documents.items()})
    timings = [document["milliseconds"] for document in documents.values()]
    return {
        "documents": documents,
        "overall": overall,
        "targets": {
            kind: {"target": target, "met": meets_target(overall[kind], target)}
            for kind, target in TARGETS.items()
        },
        "milliseconds_per_document": round(sum(timings) / len(timings), 1) if timings else None,
        "slowest_milliseconds": max(timings, default=None),
        "target_milliseconds_per_document": TARGET_MILLISECONDS_PER_DOCUMENT,
        "skipped": skipped,
    }


def evaluate_sets(seeds_dir, gazetteer, corpus_dir=CORPUS_DIR):
    """The seeds and each half of the corpus, each scored on its own: {set name: report}."""
    reports = {"seeds": evaluate_seeds(seeds_dir, gazetteer)}
    for half in CORPUS_HALVES:
        reports[half] = evaluate_seeds(Path(corpus_dir) / half, gazetteer, expectations_dir=None)
    return reports


def agreement(first_dir, second_dir):
    """How far two people agree who wrote expectations for the same documents: the second
    person's files (`second_dir`/<name>.json) scored as if they were the importer's proposals
    against the first's (`first_dir`/<name>.json), by evaluate's rules. Recall is then the share
    of the first person's items the second also wrote down, precision the other way round: the
    ceiling of what an extractor can be expected to reach against either."""
    documents = {}
    for path in sorted(Path(second_dir).glob("*.json")):
        first = Path(first_dir) / path.name
        if first.exists():
            second = load_expectations(path)
            documents[path.stem] = evaluate(
                expectations_as_proposals(second), load_expectations(first)
            )
    return {"documents": documents, "overall": combine(documents)}


def agreement_table(report, details=False):
    """The overall figures of `agreement` as plain text."""
    return "\n".join(_table(report["overall"], details))


def expectations_as_proposals(expected):
    """An expectation file read as the importer's proposals (a proposals.Proposals)."""

    def day(text):
        return datetime.date.fromisoformat(text) if text else None

    def dossier_and_name(key):
        if key.startswith(NEW_INSTRUMENT):
            return None, key[len(NEW_INSTRUMENT) :]
        return key, key

    facts = expected["document"]
    meeting = expected["meeting"]
    references = {
        item["name"]: item.get("references", []) for item in expected.get("new_dossiers", [])
    }
    mentions = [
        MentionProposal(*dossier_and_name(key), passage="", references=references.get(key, []))
        for key in expected["mentions"]
    ]
    # The references the file gives, carried by a mention without a name (counted for nothing).
    mentions.append(MentionProposal(None, "", "", references=expected.get("eu_references", [])))
    return Proposals(
        document=DocumentProposal(
            document_type=facts["document_type"],
            date=day(facts["date"]),
            chamber=facts.get("chamber") or "",
            citation=facts.get("citation") or "",
        ),
        meeting=MeetingProposal(
            start_date=day(meeting["start_date"]),
            end_date=day(meeting["end_date"]),
            is_informal=meeting["is_informal"],
            formation=meeting.get("formation", "jbz"),
        )
        if meeting
        else None,
        agenda_items=[
            AgendaItemProposal(item["section"], item["number"], item.get("title", ""))
            for item in expected["agenda_items"]
        ],
        citations=[_citation_proposal(text) for text in expected["citations"]],
        mentions=mentions,
        stage_events=[
            StageEventProposal(
                *dossier_and_name(event["dossier"]),
                stage=event["stage"],
                date=day(event["date"]),
                precision=event["precision"] or "day",
                expected=event["expected"],
                passage=event["passage_contains"],
            )
            for event in expected["stage_events"]
        ],
        commitments=[
            CommitmentProposal(
                mps=item["mps"],
                debate_kind="",
                debate_date=day(item["debate_date"]),
                subject="",
                fulfilled_here=item["fulfilled_here"],
                matched_commitment=None,
                passage=item["passage_contains"],
                number=item.get("number") or "",
            )
            for item in expected["commitments"]
        ],
        motions=[
            MotionProposal(item["citation"], item["submitters"], passage="")
            for item in expected["motions"]
        ],
    )


def _citation_proposal(text):
    """A canonical citation as the importer proposes it: a Kamerstuk with its number fields,
    any other kind by its canonical form alone."""
    citation = parse_reference(text)
    if not isinstance(citation, Citation):
        return CitationProposal(text, "", "", "", "", canonical=text)
    return CitationProposal(
        text=text,
        chamber=citation.chamber,
        number=citation.dossier_number,
        sub_number=citation.sub_number,
        session_year=citation.session_year,
        chapter=citation.dossier_chapter,
        canonical=text,
    )


def combine(results):
    """Micro-averaged figures over several documents: {name: evaluate(...)} -> kind -> figures;
    the missed and spurious labels are prefixed with the document's name. A kind that a
    document's expectations do not score is left out of its sums."""
    overall = {}
    for kind in KINDS:
        scores = {name: kinds[kind] for name, kinds in results.items() if kind in kinds}
        overall[kind] = _score(
            expected=sum(score["expected"] for score in scores.values()),
            found=sum(score["found"] for score in scores.values()),
            true_positives=sum(score["true_positives"] for score in scores.values()),
            missed=[f"{name}: {label}" for name, s in scores.items() for label in s["missed"]],
            spurious=[f"{name}: {label}" for name, s in scores.items() for label in s["spurious"]],
        )
    return overall


def meets_target(score, target):
    return (
        score["recall"] is not None
        and score["precision"] is not None
        and score["recall"] >= target
        and score["precision"] >= target
    )


def as_table(report, details=False):
    """The report of evaluate_seeds as plain text: a table per seed, then overall with the
    targets; with `details`, the missed and spurious proposals too."""
    lines = []
    for name, document in report["documents"].items():
        lines += [
            f"{name} ({document['milliseconds']:.0f} ms)",
            *_table(document["kinds"], details),
            "",
        ]
    count = len(report["documents"])
    lines.append(f"Overall, {count} document{'s' if count != 1 else ''} (micro-averaged)")
    lines += _table(report["overall"], details, report["targets"])
    if report["milliseconds_per_document"] is not None:
        slowest = report["slowest_milliseconds"]
        lines += [
            "",
            f"Time per document: {report['milliseconds_per_document']:.0f} ms on average, "
            f"{slowest:.0f} ms at most (target: under "
            f"{report['target_milliseconds_per_document']} ms) "
            f"{'met' if slowest < report['target_milliseconds_per_document'] else 'NOT MET'}",
        ]
    if report["skipped"]:
        lines += ["", "No expectations, not evaluated: " + ", ".join(report["skipped"])]
    return "\n".join(lines)


def as_summary(reports):
    """Recall / precision per kind for several sets side by side ({set name: report})."""
    names = list(reports)
    header = f"{'kind':<14}" + "".join(f"{name:>22}" for name in names) + f"{'target':>8}"
    rows = ["Recall / precision per set (micro-averaged)", header]
    for kind in KINDS:
        cells = []
        for name in names:
            score = reports[name]["overall"][kind]
            cells.append(f"{_percent(score['recall'], 0)} / {_percent(score['precision'], 0)}")
        target = _percent(TARGETS[kind], 0) if kind in TARGETS else ""
        rows.append(f"{kind:<14}" + "".join(f"{cell:>22}" for cell in cells) + f"{target:>8}")
    counts = ", ".join(f"{name} {len(report['documents'])}" for name, report in reports.items())
    rows.append(f"Documents: {counts}")
    return "\n".join(rows)


def _table(kinds, details, targets=None):
    header = f"{'kind':<14}{'expected':>9}{'found':>7}{'TP':>5}{'recall':>9}{'precision':>11}"
    if targets:
        header += f"{'target':>8}  met"
    rows = [header]
    for kind in KINDS:
        if kind not in kinds:
            continue
        score = kinds[kind]
        row = (
            f"{kind:<14}{score['expected']:>9}{score['found']:>7}{score['true_positives']:>5}"
            f"{_percent(score['recall']):>9}{_percent(score['precision']):>11}"
        )
        if targets and kind in targets:
            met = "yes" if targets[kind]["met"] else "NO"
            row += f"{_percent(targets[kind]['target'], 0):>8}  {met}"
        rows.append(row)
        if details:
            rows += [f"    missed: {label}" for label in score["missed"]]
            rows += [f"    spurious: {label}" for label in score["spurious"]]
    return rows


def _percent(value, decimals=1):
    return "–" if value is None else f"{value * 100:.{decimals}f}%"


def _score(expected, found, true_positives, missed, spurious):
    return {
        "expected": expected,
        "found": found,
        "true_positives": true_positives,
        "recall": true_positives / expected if expected else None,
        "precision": true_positives / found if found else None,
        "missed": missed,
        "spurious": spurious,
    }


def _match(expected, found, strength):
    """{expected index: found index} of a maximum one-to-one matching; strength(e, f) is 0 for
    no match, 1 for a weak one and 2 for a strong one; strong pairs are made first."""
    strengths = [[strength(e, f) for f in found] for e in expected]
    owner = {}  # found index -> expected index

    def augment(i, level, seen):
        for j, value in enumerate(strengths[i]):
            if j in seen or value < level:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], level, seen):
                owner[j] = i
                return True
        return False

    for level in (_STRONG, _WEAK):
        matched = set(owner.values())
        for i in range(len(expected)):
            if i not in matched:
                augment(i, level, set())
                matched = set(owner.values())
    return {i: j for j, i in owner.items()}


def _scored_matching(expected, found, strength, expected_label, found_label):
    pairs = _match(expected, found, strength)
    matched_found = set(pairs.values())
    return _score(
        expected=len(expected),
        found=len(found),
        true_positives=len(pairs),
        missed=[expected_label(item) for i, item in enumerate(expected) if i not in pairs],
        spurious=[found_label(item) for j, item in enumerate(found) if j not in matched_found],
    )


def _scored_sets(expected, found):
    """Both as {key: label}: true positives are the keys in common."""
    return _score(
        expected=len(expected),
        found=len(found),
        true_positives=len(expected.keys() & found.keys()),
        missed=[label for key, label in expected.items() if key not in found],
        spurious=[label for key, label in found.items() if key not in expected],
    )


def _citation_key(chamber, number, chapter, sub_number):
    sub_number = (sub_number or "").strip().upper()
    return (
        (chamber or "").strip().upper(),
        re.sub(r"\s", "", number or ""),
        (chapter or "").strip().upper(),
        sub_number.lstrip("0") or sub_number,
    )


def _reference_key(text):
    """The key of a citation or reference of any kind; None for text that is none."""
    try:
        reference = parse_reference(text)
    except CitationError:
        return None
    if isinstance(reference, Citation):
        return _citation_key(
            reference.chamber,
            reference.dossier_number,
            reference.dossier_chapter,
            reference.sub_number,
        )
    return reference.key


def _evaluate_citations(proposals, own_citation, expected):
    expected_keys = {_reference_key(text): text for text in expected}
    found = {}
    if own_citation:
        found[_reference_key(own_citation) or own_citation] = own_citation
    for proposal in proposals:
        if proposal.number:  # a Kamerstuk: its fields are what a reviewer edits
            key = _citation_key(
                proposal.chamber, proposal.number, proposal.chapter, proposal.sub_number
            )
        else:
            key = _reference_key(proposal.canonical) or proposal.canonical
        found.setdefault(key, proposal.canonical or _citation_label(proposal))
    return _scored_sets(expected_keys, found)


def _evaluate_eu_references(mentions, expected):
    expected_keys = {_reference_key(text) or text: text for text in expected}
    found = {}
    for mention in mentions:
        for text in getattr(mention, "references", ()):
            found.setdefault(_reference_key(text) or text, text)
    return _scored_sets(expected_keys, found)


def _citation_label(proposal):
    try:
        return format_citation(
            Citation(
                chamber=proposal.chamber,
                dossier_number=re.sub(r"\s", "", proposal.number),
                sub_number=proposal.sub_number,
                dossier_chapter=proposal.chapter,
            )
        )
    except (KeyError, ValueError):
        return proposal.text


# An alias shorter than this ("AI", "AMLR") would be found inside unrelated names.
_MIN_ALIAS = 8


def _new_file_names(mentions):
    """{a new file's proposed name, lowercased: every name the proposals give it}."""
    names = {}
    for proposal in mentions:
        name = proposal.name.strip()
        if not proposal.dossier and name:
            known = names.setdefault(name.lower(), [name])
            known += [
                alias.strip()
                for alias in proposal.aliases
                if len(alias.strip()) >= _MIN_ALIAS and alias.strip() not in known
            ]
    return names


def _names_of(name, names):
    return names.get(name.strip().lower(), [name.strip()])


def _evaluate_mentions(proposals, expected, names=None):
    expected_known = {item: item for item in expected if not item.startswith(NEW_INSTRUMENT)}
    expected_new = [item[len(NEW_INSTRUMENT) :] for item in expected if item not in expected_known]
    found_known = {p.dossier: p.dossier for p in proposals if p.dossier}
    known = _scored_sets(expected_known, found_known)

    found_new = {}
    for proposal in proposals:
        if not proposal.dossier and proposal.name.strip():
            found_new.setdefault(proposal.name.strip().lower(), proposal.name.strip())
    matched = set()
    unmatched_found = []
    names = names if names is not None else _new_file_names(proposals)
    for name in found_new.values():
        fits = [
            other
            for other in expected_new
            if any(_names_overlap(each, other) for each in _names_of(name, names))
        ]
        if fits:
            # One instrument per proposed name; several names may find the same instrument.
            matched.add(next((other for other in fits if other not in matched), fits[0]))
        else:
            unmatched_found.append(name)
    return _score(
        expected=known["expected"] + len(expected_new),
        found=known["found"] + len(matched) + len(unmatched_found),
        true_positives=known["true_positives"] + len(matched),
        missed=known["missed"] + [NEW_INSTRUMENT + n for n in expected_new if n not in matched],
        spurious=known["spurious"] + [NEW_INSTRUMENT + name for name in unmatched_found],
    )


def _names_overlap(name, other):
    name, other = name.casefold(), other.casefold()
    return name in other or other in name


def _iso(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value or None


def _evaluate_stage_events(proposals, expected, names=None):
    found = list(
        {
            (_proposed_dossier(p), int(p.stage), bool(p.expected), _iso(p.date)): p
            for p in proposals
        }.values()
    )

    def strength(item, proposal):
        if (item["stage"], item["expected"]) != (int(proposal.stage), bool(proposal.expected)):
            return 0
        if not _same_dossier(item["dossier"], proposal, names or {}):
            return 0
        date, proposed = item["date"], _iso(proposal.date)
        if date and proposed:
            return _STRONG if date == proposed else 0
        return _WEAK

    return _scored_matching(
        expected,
        found,
        strength,
        lambda item: _stage_label(item["dossier"], item["stage"], item["expected"], item["date"]),
        lambda p: _stage_label(_proposed_dossier(p), p.stage, p.expected, _iso(p.date)),
    )


def _proposed_dossier(proposal):
    return proposal.dossier or NEW_INSTRUMENT + proposal.name.strip().lower()


def _same_dossier(expected_dossier, proposal, names):
    """A known dossier by slug; a new instrument by name, as for mentions."""
    if expected_dossier.startswith(NEW_INSTRUMENT):
        expected_name = expected_dossier[len(NEW_INSTRUMENT) :]
        return proposal.dossier is None and any(
            _names_overlap(expected_name, each) for each in _names_of(proposal.name, names)
        )
    return expected_dossier == proposal.dossier


def _stage_label(dossier, stage, expected, date):
    try:
        name = Stage(stage).name.lower().replace("_", " ")
    except ValueError:
        name = "unknown stage"
    state = "expected" if expected else "reached"
    return f"{dossier}: {stage} {name}, {state}, {date or 'no date'}"


def _surnames_agree(names, others):
    names = [_plain(name) for name in names]
    others = [_plain(other) for other in others]
    if not names and not others:
        return True
    return any(_same_person(name, other) for name in names for other in others)


def _plain(name):
    return " ".join(name.casefold().split())


def _same_person(name, other):
    """'van haga' and 'haga' are one person: one name ends with the other as a whole word."""
    return name == other or name.endswith(" " + other) or other.endswith(" " + name)


def _evaluate_commitments(proposals, expected):
    def strength(item, proposal):
        if not _surnames_agree(item["mps"], proposal.mps):
            return 0
        if item["passage_contains"] in (proposal.passage or ""):
            return _STRONG
        date, proposed = item["debate_date"], _iso(proposal.debate_date)
        return _WEAK if date and date == proposed else 0

    return _scored_matching(
        expected,
        proposals,
        strength,
        lambda item: _commitment_label(item["mps"], item["debate_date"], item["passage_contains"]),
        lambda p: _commitment_label(p.mps, _iso(p.debate_date), p.passage),
    )


def _commitment_label(mps, debate_date, passage):
    passage = passage or ""
    short = passage if len(passage) <= 90 else passage[:87] + "..."
    members = ", ".join(mps) or "no member named"
    return f"{members} ({debate_date or 'no debate date'}): {short!r}"


def _evaluate_motions(proposals, expected):
    expected_keys = {
        _reference_key(item["citation"]): f"{item['citation']} ({', '.join(item['submitters'])})"
        for item in expected
    }
    found = {}
    for proposal in proposals:
        key = _reference_key(proposal.citation) or proposal.citation
        found.setdefault(key, f"{proposal.citation} ({', '.join(proposal.submitters)})")
    return _scored_sets(expected_keys, found)


def _evaluate_agenda_items(proposals, expected):
    expected_keys = {
        (item["section"], item["number"]): _agenda_label(
            item["section"], item["number"], item["title"]
        )
        for item in expected
    }
    found = {}
    for proposal in proposals:
        key = (proposal.section, proposal.number)
        found.setdefault(key, _agenda_label(proposal.section, proposal.number, proposal.title))
    return _scored_sets(expected_keys, found)


def _agenda_label(section, number, title):
    return f"{section} {number}. {title}"


def _evaluate_document(proposal, expected):
    """Each fact one item: type and date always, chamber and own citation where expected."""
    wanted = {"type": expected["document_type"], "date": expected["date"]}
    proposed = {"type": proposal.document_type or None, "date": _iso(proposal.date)}
    for fact, value in (("chamber", proposal.chamber), ("citation", proposal.citation)):
        if fact in expected:
            wanted[fact], proposed[fact] = expected[fact], value or None

    def keyed(facts):
        """{(fact, comparable value): label}; a citation compares by its key."""
        return {
            (fact, _reference_key(value) if fact == "citation" and value else value): (
                f"{fact}: {value or 'none'}"
            )
            for fact, value in facts.items()
        }

    return _scored_sets(keyed(wanted), keyed(proposed))


def _evaluate_meeting(proposal, expected):
    wanted = {}
    with_formation = expected is not None and "formation" in expected
    if expected is not None:
        key = (expected["start_date"], expected["end_date"], expected["is_informal"])
        key += (expected["formation"],) if with_formation else ()
        wanted[key] = _meeting_label(*key)
    proposed = {}
    if proposal is not None:
        key = (_iso(proposal.start_date), _iso(proposal.end_date), bool(proposal.is_informal))
        key += (proposal.formation,) if with_formation else ()
        proposed[key] = _meeting_label(*key)
    return _scored_sets(wanted, proposed)


def _meeting_label(start_date, end_date, is_informal, formation=None):
    kind = "informal" if is_informal else "formal"
    label = f"{start_date or 'no start date'} to {end_date or 'no end date'}, {kind}"
    return f"{label}, {formation}" if formation else label
