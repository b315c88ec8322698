"""Stage statements: sentences that say a dossier reached a stage of its path, or will.

Each stage has Dutch cue phrases ("bereikte ... een politiek akkoord", "waarmee Coreper ...
instemde", "zal ... formeel worden aangenomen door de Raad"). Whether a stage is reached or
expected follows from the cue itself ("bereikte", "verdere vaststelling"), else from the
nearest tense marker in its clause ("naar verwachting", "zal", "is voornemens" against "heeft",
"werd", "jl."), else from its date. The dossier is the one named next to the cue; a sentence
that names none is about the file its section heading names, or else the last file named in the
(up to four) sentences before it in the same section, with a lower confidence. The date is the
date phrase nearest to the cue, resolved against the document's date (dossiers.dates), leaving
out dates that name a meeting or a document ("in het verslag van de JBZ-Raad van ...").

A sentence that only shows that a proposal exists ("lichtte het voorstel voor de nieuwe ...
toe", "de lopende wetstrajecten", "de nu ter tafel liggende herziening") yields an undated
Commission proposal, and only for files the document says nothing else about.
"""

import dataclasses
import re
from dataclasses import dataclass

from ..dates import MONTH_NAMES, Precision, find_date_phrases, parse_date_phrase
from ..models.dossier import STAGE_PATHS, Dossier
from ..models.stage import Stage
from ..prefilter import may_match, required_strings
from .mentions import (
    FICHE_TITLE,
    GENERAL_APPROACH,
    HEADING,
    SENTENCE,
    DocumentMentions,
    instrument_type_of,
)
from .proposals import StageEventProposal

ACTUAL, EXPECTED = "actual", "expected"

_GAP = r"(?:[\w’'.-]+\s+){0,6}?"  # up to six words
# Within the clause: no sentence punctuation, except the period of "jl." or "t.a.v.".
_IN = r"(?:[^.;]|\.(?=\s*[a-z\d]))"
_COREPER = r"(?:Coreper|Comit[ée]\s+van\s+[Pp]ermanente?\s+[Vv]ertegenwoordigers)"
_EP = r"(?:Europees\s+Parlement|(?<![\w-])EP(?![\w-])|(?<![\w-])Parlement(?![\w-]))"
_RAAD = r"(?:(?<![\w-])(?:JBZ-)?Raad(?![\w-]))"
_VOTE = r"(?:stem\w*|ingestemd|instem\w*|aangenomen|goedgekeurd|goedkeuring)"
_MONTHS = rf"(?:{'|'.join(MONTH_NAMES)})"
# Negotiations the Council holds among its members, not with the Parliament.
_COUNCIL_OWN_WORK = rf"\b(?:raads)?werkgroep|\b{GENERAL_APPROACH}|\bRaadspositie|\btoetreding"


@dataclass(frozen=True)
class Cue:
    """Phrases that say `stage` is reached or expected."""

    stage: Stage
    pattern: re.Pattern
    tense: str | None = None  # the cue's own tense; None: from the context
    after: int = 0  # if set: the file must be named within this many characters after the cue
    weak: bool = False  # shows only that a proposal exists
    needs: re.Pattern | None = None  # context required within _NEEDS_REACH characters
    unless: re.Pattern | None = None  # context that rules the cue out, in the same reach
    generic: bool = False  # yields to another cue of the same step in the sentence
    # Something the Council does at its meeting: dated by the meeting when no date is given.
    at_meeting: bool = False
    inside: bool = False  # its files are those named within the cue, between subject and verb
    # Lower-case strings one of which every match of `pattern` holds (prefilter), or None.
    required: frozenset | None = None


_NEEDS_REACH = 100


def _cue(stage, pattern, tense=None, *, flags=re.IGNORECASE, needs=None, unless=None, **options):
    needs = re.compile(needs, re.IGNORECASE) if needs else None
    unless = re.compile(unless, re.IGNORECASE) if unless else None
    compiled = re.compile(pattern, flags)
    required = required_strings(compiled)
    return Cue(stage, compiled, tense, needs=needs, unless=unless, required=required, **options)


_FICHE_TO_COME = (
    r"\b(?:zal|zullen|ontvangt)\b[^.;]{0,80}?\bBNC[-\s]?fiche"
    r"|\bBNC[-\s]?fiches?\b[^.;]{0,60}?\b(?:zal|zullen|"
    r"(?:wordt|worden)\b[^.;]{0,40}?\b(?:toegestuurd|verstuurd|gestuurd|aangeboden|opgesteld))\b"
)

_CUES = (
    # Commission proposal (or publication of a non-legislative file)
    _cue(
        Stage.PROPOSAL,
        r"\brecent(?:e|elijk)?\s+(?:gepubliceerde?|verschenen|gepresenteerde?|publicatie\s+van)"
        r"|\b(?:het|de)\s+op\s+[^,.;]{3,30}?\s+(?:gepubliceerde|gepresenteerde|verschenen)\b",
        ACTUAL,
        after=90,
    ),
    _cue(
        Stage.PROPOSAL,
        r"\b(?:die|dat)\s+(?:op\s+[^,.;]{3,30}?\s+)?(?:werd|werden|is|zijn)\s+"
        r"(?:gepubliceerd|gepresenteerd|verschenen)(?!\s+in\s+het\s+Publicatieblad)",
        ACTUAL,
    ),
    _cue(
        Stage.PROPOSAL,
        rf"\bCommissie\s+(?:\([^)]*\)\s+)?(?:heeft|presenteerde|publiceerde|deed|kwam)\s+{_GAP}"
        r"(?:voorstel\w*|met\s+een\s+voorstel)\b"
        r"|\bvoorstel\s+(?:is|werd)\s+(?:gepubliceerd|gepresenteerd|uitgebracht|gedaan)"
        # "heeft de Commissie (hierna: Commissie) een voorstel gedaan voor een ..."
        rf"|\bCommissie\s+(?:\([^)]*\)\s+)?{_GAP}voorstel\w*\s+(?:gedaan|ingediend)\b",
        ACTUAL,
    ),
    _cue(
        # "Op 16 april publiceerde de Europese Commissie praktische richtsnoeren ...", "de
        # mededeling van de Europese Commissie ... van 23 september 2020".
        Stage.PROPOSAL,
        r"\bCommissie\s+(?:\([^)]*\)\s+)?(?:publiceerde|presenteerde|lanceerde|publiceert|"
        r"presenteert)\b"
        # "Op 16 april publiceerde de Europese Commissie ...": the verb before its subject.
        r"|\b(?:publiceerde|presenteerde|lanceerde)\s+de\s+(?:Europese\s+)?Commissie\b",
        # "... publiceerde over de evaluatie van de EGKW-verordening": what is published is about
        # that file, not that file.
        unless=r"\bover\s+de\s+(?:evaluatie|werking|toepassing|uitvoering)\b",
    ),
    _cue(
        Stage.PROPOSAL,
        r"\b(?:mededeling|voorstel|verslag|rapport)\w*\s+van\s+de\s+(?:Europese\s+)?Commissie\b",
        ACTUAL,
        weak=True,
    ),
    _cue(
        # "de Havenstrategie die de Europese Commissie heeft aangekondigd voor 2026": to come.
        Stage.PROPOSAL,
        r"\baangekondigd\b",
        EXPECTED,
        needs=r"\bCommissie\b",
    ),
    _cue(
        # "Op 11 november heeft de Europese Commissie de Mededeling X, het Uitvoeringsbesluit Y
        # en een voorstel voor Z gepubliceerd": every file named in between.
        Stage.PROPOSAL,
        rf"\bCommissie\b{_IN}{{0,400}}?\b(?:gepubliceerd|gepresenteerd|uitgebracht|gelanceerd)\b",
        inside=True,
    ),
    _cue(
        # "Op 23 september 2020 zijn de voorstellen voor een migratie- en asielpact gepubliceerd."
        Stage.PROPOSAL,
        rf"\bvoorstel\w*\s+(?:voor|inzake|over)\s+(?:een|de|het)\s{_IN}{{0,150}}?"
        r"\b(?:gepubliceerd|gepresenteerd)\b",
        ACTUAL,
        inside=True,
    ),
    _cue(
        # "Een voorstel voor de X-richtlijn wordt eind 2025 verwacht."
        Stage.PROPOSAL,
        r"\bvoorstel\w*\b[^.;]{0,100}?\b(?:wordt|worden)\b[^.;]{0,40}?\bverwacht\b",
        EXPECTED,
    ),
    _cue(
        # "... heeft de Europese Commissie een voorstel gepubliceerd voor een ...": the file after.
        Stage.PROPOSAL,
        r"\bvoorstel\w*\s+(?:gepubliceerd|gepresenteerd|gedaan|ingediend|uitgebracht)\s+"
        r"(?:voor|tot|inzake|betreffende|over)\b",
        ACTUAL,
        after=150,
    ),
    _cue(
        # "het EU-voorstel d.d. 21 januari 2016 voor een richtlijn ECRIS": the proposal, by its
        # day.
        Stage.PROPOSAL,
        rf"\bEU-voorstel(?:len)?\s+d\.d\.\s+\d{{1,2}}\s+{_MONTHS}\b"
        rf"|\bd\.d\.\s+\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}\s+(?:houdende|over|inzake)\s+het\s+EU-voorstel\b",
        ACTUAL,
        after=200,
    ),
    _cue(
        # "het voorstel voor een Terugkeerverordening van 11 maart jl.": dated by its day.
        Stage.PROPOSAL,
        r"\b(?:Commissie)?voorstel(?:len)?\s+(?:van\s+de\s+(?:Europese\s+)?Commissie\s+)?"
        r"(?:voor|tot|inzake|betreffende)\s+(?:een|de|het)\s+"
        rf"(?:[^.;()]|\.(?=\s*[a-z\d])){{3,150}}?\s+van\s+\d{{1,2}}\s+{_MONTHS}\b",
        ACTUAL,
        inside=True,
    ),
    _cue(
        Stage.PROPOSAL,
        r"\bdoor\s+de\s+(?:Europese\s+)?Commissie\s+(?:\([^)]*\)\s+)?(?:gepubliceerde|"
        r"gepresenteerde|voorgestelde|aangekondigde)\b",
        ACTUAL,
        after=90,
    ),
    _cue(
        Stage.PROPOSAL,
        r"\bvoorstel\w*\s+(?:[\w-]+\s+){0,6}?(?:te\s+)?(?:presenteren|publiceren|uitbrengen|"
        r"doen|indienen)\b"
        r"|\b(?:presenteert|presenteerde|publiceert|publiceerde)\s+(?:[\w.-]+\s+){0,6}?voorstel",
    ),
    _cue(
        Stage.PROPOSAL,
        r"\b(?:lichtte|lichtten)\s+(?:het|de)\s+(?:[\w-]+\s+){0,2}?(?:voorstel|\w+voorstel)\b"
        r"|\bvoorstel\s+voor\s+(?:een|de|het)\s+(?:nieuwe\s+)?"
        r"|\blopende\s+wetstraject\w*|\bter\s+tafel\s+liggende"
        r"|\b(?:kabinets)?appreciatie\s+van\s+(?:een|de|het)\s"
        r"|\bonderhandelingen\s+over\s+(?:de|het)\s+(?:herziene\s+)?"
        r"|\bmoet(?:en)?\s+(?:[\w-]+\s+){0,10}?(?:worden\s+aangenomen|aangenomen\s+worden)",
        ACTUAL,
        after=120,
        weak=True,
    ),
    # BNC fiche: sent, or promised ("Het kabinet zal uw Kamer via een BNC-fiche informeren").
    _cue(Stage.BNC_FICHE, _FICHE_TO_COME, EXPECTED),
    _cue(Stage.BNC_FICHE, r"\bBNC[-\s]?fiches?(?:\d{1,2})?\b", ACTUAL, unless=_FICHE_TO_COME),
    # "de brief d.d. 28 mei 2014 over het fiche Verordening rondreisvisum"
    _cue(
        Stage.BNC_FICHE,
        r"\b(?:het|de|dit|dat)\s+fiche\b",
        ACTUAL,
        after=150,
        unless=_FICHE_TO_COME,
    ),
    # Council working party
    _cue(
        Stage.WORKING_PARTY,
        r"\b(?:raads)?werkgroep(?:en|verband|niveau)?\b",
        needs=r"\b(?:besp\w+|behandel\w*|onderhandel\w*|gestart|begonnen|discussie\w*)\b",
    ),
    _cue(
        Stage.WORKING_PARTY,
        r"\b(?:eerste\s+)?beleidsdebat|\boriënterend\s+debat\b",
        at_meeting=True,
    ),
    _cue(
        # An exchange of views about a file named after it ("... van gedachten gewisseld over de
        # AI-verordening"), not one on a theme after a file was dealt with.
        Stage.WORKING_PARTY,
        r"\bgedachtewisseling\b|\bvan\s+gedachten\s+(?:wisselen|gewisseld|wisselde|wisselden)\b",
        after=200,
        at_meeting=True,
    ),
    _cue(
        Stage.WORKING_PARTY,
        r"\bvoortgangs(?:verslag|rapport)\w*|\bverslag\s+van\s+de\s+voortgang\b",
        # The presidency's report on the Council's work, not the Commission's on a policy.
        needs=r"\bvoorzitterschap\b|\bRaad\b",
        at_meeting=True,
    ),
    _cue(
        # "zal het voorzitterschap een update geven over de onderhandelingen omtrent de
        # methaanverordening", "zal ... informatie geven over de Richtlijn": told at the Council.
        Stage.WORKING_PARTY,
        r"\b(?:update|informatie|toelichting)\s+(?:[\w-]+\s+){0,3}?(?:geven|geeft|gaf|gegeven|"
        r"delen|deelt|deelde|gedeeld|verstrekken|verstrekt)\b"
        r"|\b(?:geven|geeft|gaf|delen|deelt|deelde)\s+(?:[\w-]+\s+){0,4}?(?:een\s+)?"
        r"(?:update|informatie|toelichting)\b",
        needs=r"\bvoorzitterschap\b|\bCommissie\b|\blidsta\w+",
        unless=r"\bKamer\b|\bfiche\b|\btrilo\w+",
        at_meeting=True,
    ),
    _cue(
        # "sprak de Raad ook over de Richtlijn voor bodemmonitoring", "Deze besluiten kwamen aan
        # de orde in de Raad van 8 en 9 december".
        Stage.WORKING_PARTY,
        rf"\b(?:sprak|spraken|spreekt|spreken)\s+(?:de\s+)?{_RAAD}\s+(?:[\w-]+\s+){{0,3}}?over\b"
        rf"|{_RAAD}\s+(?:sprak|spraken|spreekt)\s+(?:[\w-]+\s+){{0,3}}?over\b"
        r"|\b(?:kwam|kwamen|komt|komen)\s+(?:[\w-]+\s+){0,3}?aan\s+de\s+orde\b",
        needs=_RAAD,
        unless=rf"{_EP}|\bKamer\b|\bcommissiedebat",
        at_meeting=True,
    ),
    _cue(
        Stage.WORKING_PARTY,
        r"\btechnische\s+(?:discussies|besprekingen|gesprekken)\s+(?:[\w-]+\s+){0,4}?"
        r"(?:gestart|begonnen|van\s+start)",
    ),
    # Council mandate
    _cue(
        Stage.COUNCIL_MANDATE,
        r"\b(?:eerder\s+)?(?:bereikte|aanname\s+van\s+een|aangenomen)\s+(?:de\s+)?Raadspositie"
        r"|\bRaadsposities?\s+(?:[\w-]+\s+){0,4}?(?:bereikt|aangenomen|vastgesteld|vast)\b"
        r"|\b(?:stemde|stemden)\s+in\s+met\s+(?:de(?:ze)?\s+|het\s+)?Raadsposities?"
        # "De Raad heeft in december 2024 zijn onderhandelingsmandaat ... vastgesteld"
        rf"|{_RAAD}\s+{_GAP}(?:zijn|haar)\s+(?:onderhandelings)?(?:mandaat|positie|standpunt)\s+"
        rf"{_IN}{{0,120}}?\b(?:vastgesteld|bepaald|bereikt|aangenomen)\b",
        ACTUAL,
    ),
    _cue(
        # "hebben de lidstaten in Coreper overeenstemming bereikt over de positie van de Raad".
        Stage.COUNCIL_MANDATE,
        r"\b(?:overeenstemming|akkoord)\s+(?:bereikt\s+)?over\s+(?:de|het)\s+(?:positie|standpunt)"
        rf"\s+van\s+de\s+(?:Raad|lidstaten){_IN}{{0,160}}?\bvoorstel",
        after=200,
    ),
    _cue(
        Stage.COUNCIL_MANDATE,
        rf"\b(?:{GENERAL_APPROACH}|onderhandelingsmandaat\s+van\s+de\s+Raad"
        r"|Raadspositie\s+(?:te\s+)?(?:bereiken|vast\s+te\s+stellen))"
        # The Council's position at first reading, a "politiek akkoord" among its members.
        r"|\b(?:politiek\s+)?akkoord\s+(?:[\w-]+\s+){0,3}?eerste\s+lezing"
        r"|\bstandpunt\s+in\s+eerste\s+lezing",
        at_meeting=True,
    ),
    # European Parliament mandate
    _cue(
        # "Het EP-mandaat voor de Terugkeerverordening wordt in september verwacht."
        Stage.EP_MANDATE,
        r"\bEP-(?:mandaat|positie|standpunt)\b",
    ),
    _cue(
        Stage.EP_MANDATE,
        rf"\b(?:positie|standpunt|(?:onderhandelings)?mandaat)\s+van\s+het\s+{_EP}\s+"
        r"(?:[\w-]+\s+){0,4}?(?:vastgesteld|aangenomen|bereikt)"
        # "Het Europees Parlement heeft op 12 februari jl. zijn positie vastgesteld"
        rf"|{_EP}\s+{_GAP}(?:zijn|haar)\s+(?:positie|standpunt|(?:onderhandelings)?mandaat)\s+"
        r"(?:[\w-]+\s+){0,4}?(?:vastgesteld|bepaald|aangenomen|bereikt|vast\b)",
    ),
    # Trilogues
    _cue(
        Stage.TRILOGUES,
        r"\b(?:trilo(?:og|gen)\w*|onderhandelingen\s+in\s+triloog)\b"
        rf"{_IN}{{0,120}}?\b"
        r"(?:gestart|begonnen|hervat|plaatsgevonden|plaatsvond|plaatsvinden|lopen|gaande|"
        r"starten|start|beginnen|begint|"
        r"bevonden|bevinden|gevoerd)\b"
        r"|\b(?:eerste|volgende|laatste)\s+(?:politieke\s+)?triloog\b",
    ),
    _cue(
        Stage.TRILOGUES,
        r"\bvoortgang\s+(?:van|in)\s+de\s+trilo\w+",
        ACTUAL,
    ),
    _cue(
        # "de stand van zaken van de onderhandelingen over het voorstel": with the Parliament,
        # unless the Council's own work is meant.
        Stage.TRILOGUES,
        r"\b(?:stand\s+van\s+zaken|voortgang)\s+(?:van|in)\s+de\s+onderhandelingen\b",
        ACTUAL,
        # "informeer ik uw Kamer ... over de voortgang van de onderhandelingen": a formula.
        unless=rf"{_COUNCIL_OWN_WORK}|\bmandaat|\bverdragsherziening|\binformeer\w*|\bgeïnformeerd",
    ),
    _cue(
        Stage.TRILOGUES,
        rf"\bonderhandel(?:t|en|de|den)\s+(?:[\w’'.-]+\s+){{0,10}}?met\s+het\s+{_EP}",
        ACTUAL,
    ),
    # Provisional (political) agreement
    _cue(
        Stage.PROVISIONAL_AGREEMENT,
        r"\b(?:(?:politiek|voorlopig|informeel|interinstitutioneel)e?\s+(?:hoofdlijnen)?akkoord"
        r"|hoofdlijnenakkoord|onderhandelingsresulta(?:at|ten)|eindakkoord)\b",
        needs=r"\b(?:bereikt\w*|gesloten|sluiten|overeengekomen|uiteindelijke|behaalde|"
        r"uit\s+\d{4}|te\s+komen)\b",
        unless=r"\beerste\s+lezing\b",
    ),
    _cue(
        Stage.PROVISIONAL_AGREEMENT,
        rf"\bovereenstemming\s+(?:[\w-]+\s+){{0,6}}?met\s+het\s+{_EP}"
        r"|\b(?:tot\s+)?een\s+akkoord\s+(?:te\s+komen|te\s+bereiken|bereikt|gesloten)"
        r"|\btrilo\w*\s+(?:[\w-]+\s+){0,4}?af\s+te\s+ronden|\bafronding\s+van\s+de\s+trilo\w+",
    ),
    _cue(
        Stage.PROVISIONAL_AGREEMENT,
        r"\b(?:overeenkomst|verklaring|memorandum|MoU|partnerschap)\w*\s+(?:[\w-]+\s+){0,6}?"
        r"(?:te\s+(?:zullen\s+)?sluiten|gesloten|overeen\s+te\s+komen|overeenkwam|"
        r"overeengekomen|ondertekend|te\s+ondertekenen)"
        r"|\bovereenstemming\s+over\s+(?:een|het|de)\b|\bovereen\s+te\s+komen\b",
    ),
    _cue(
        # "de uitkomst van de onderhandelingen over de NIB2-richtlijn": the deal they ended in.
        Stage.PROVISIONAL_AGREEMENT,
        r"\buitkomst\s+van\s+de\s+(?:onderhandelingen|triloog|trilogen)\b",
        ACTUAL,
        unless=_COUNCIL_OWN_WORK,
    ),
    _cue(
        # "nadat eerder een compromis tussen het Europees Parlement en de Raad was bereikt"
        Stage.PROVISIONAL_AGREEMENT,
        r"\b(?:compromis|akkoord)\s+(?:[\w-]+\s+){0,4}?(?:tussen|met)\s+(?:het\s+|de\s+)?"
        rf"(?:{_EP}\s+en\s+(?:de\s+)?{_RAAD}|{_RAAD}\s+en\s+(?:het\s+)?{_EP}|{_EP})",
        needs=r"\b(?:bereikt\w*|gesloten|overeengekomen)\b",
    ),
    _cue(
        Stage.PROVISIONAL_AGREEMENT,
        r"\bovereen(?:kwam|kwamen|gekomen)\s+met\b",
        ACTUAL,
        after=30,
    ),
    # Coreper: endorsement of the deal with the Parliament, or the Council's own mandate
    _cue(
        Stage.COREPER_ENDORSEMENT,
        rf"{_COREPER}\s*(?:\([^)]*\)\s*)?(?:[\w.-]+\s+){{0,8}}?"
        r"(?:instemde|ingestemd|instemmen|instemt|akkoord|voor\s+te\s+leggen|voorleggen|"
        r"te\s+agenderen|agenderen|bekrachtig\w*|goedgekeurd|goedkeuring|steun|"
        r"overeenstemming|te\s+bereiken)"
        rf"|\b(?:voor\s*leggen|voorliggen|voor\s+te\s+leggen|agenderen|overeenstemming|steun)"
        rf"\s+(?:[\w-]+\s+){{0,5}}?(?:in|tijdens)\s+(?:het\s+)?{_COREPER}"
        rf"|\b(?:tijdens|in)\s+(?:het\s+)?{_COREPER}\s*(?:\([^)]*\)\s*)?(?:[\w-]+\s+){{0,5}}?"
        r"(?:steun|akkoord|voor\s+te\s+leggen|voorliggen)",
    ),
    # EP committee vote and plenary vote
    _cue(
        Stage.EP_COMMITTEE_VOTE,
        r"\b(?:(?:LIBE|JURI|AFET|[A-Z]{4})-(?:comité|commissie)|commissie\s+(?:LIBE|JURI))\b",
        flags=0,
    ),
    # "plenaire vergadering" alone is as often the Kamer's own.
    _cue(Stage.EP_PLENARY_VOTE, r"\bplenaire\s+(?:zitting|vergadering|stemming)\b", needs=_EP),
    _cue(Stage.EP_PLENARY_VOTE, rf"{_EP}\s+(?:[\w.-]+\s+){{0,9}}?{_VOTE}\b", generic=True),
    # Council adoption
    _cue(
        Stage.COUNCIL_ADOPTION,
        rf"{_RAAD}\s+(?:nam|namen|neemt|nemen)\s+{_IN}{{0,200}}?\baan\b"
        # ("De Raad zal een algemene oriëntatie vaststellen": its own position, not the act.)
        # "De Raad ging akkoord met een zevende tranche ...".
        rf"|{_RAAD}\s+(?:ging|gingen|gaat)\s+akkoord\s+met\b"
        rf"|{_RAAD}\s+(?:(?!algemene\s+ori|\w*positie|standpunt|\w*mandaat)[\w’'.-]+\s+){{0,16}}?"
        r"(?:besloten|besluiten|aangenomen|aannemen|"
        r"vastgesteld|vaststellen|afgehamerd|goedgekeurd|goedkeuren)\b"
        rf"|\b(?:aangenomen|vastgesteld|goedgekeurd)\s+(?:worden\s+|wordt\s+)?door\s+de\s+{_RAAD}"
        rf"|\b(?:aangenomen|vastgesteld|goedgekeurd)\s+(?:tijdens|in)\s+de\s+(?:[\w-]+\s+){{0,3}}?"
        rf"{_RAAD}",
        # "... heeft besloten het punt van de agenda te halen": nothing is adopted.
        unless=r"\bvan\s+de\s+agenda\b|\bverdaagd\b|\buitgesteld\b",
        at_meeting=True,
    ),
    _cue(
        Stage.COUNCIL_ADOPTION,
        r"(?<!voor een )\b(?:Raadsbesluit|(?:uitvoerings)?besluit\s+van\s+de\s+Raad)\b"
        r"|\b(?:aangenomen|aanname\s+van\s+de)\s+(?:raads)?conclusies\b"
        r"|\bafgeronde\s+besluitvorming|\bbesluitvorming\s+(?:is\s+)?afgerond",
        ACTUAL,
    ),
    _cue(
        # "de aanname van het EU-sanctieregime Guatemala": adopted by the Council.
        Stage.COUNCIL_ADOPTION,
        r"\baanname\s+van\s+(?:het|de)\s",
        after=80,
        unless=rf"{_EP}|\bRaadspositie|\bmotie",
        at_meeting=True,
    ),
    _cue(
        # "zijn twee sets Raadsconclusies (A en B) aangenomen": at the meeting reported on.
        Stage.COUNCIL_ADOPTION,
        r"\b(?:raads)?conclusies\s+(?:\([^()]{0,200}\)\s+)?(?:(?:zijn|werden|is|werd)\s+)?"
        r"aangenomen\b",
        ACTUAL,
        at_meeting=True,
    ),
    _cue(
        Stage.COUNCIL_ADOPTION,
        r"\b(?:verdere|formele|definitieve)\s+vaststelling\b"
        r"|\b(?:besluit|conclusies|aanbeveling|verordening|richtlijn|tekst|teksten|pakket)\w*\s+"
        rf"{_IN}{{0,120}}?(?:werd|werden|wordt|worden|zal\s+worden)\s+"
        r"(?:formeel\s+)?(?:aangenomen|vastgesteld)\b",
        unless=r"\bmoet(?:en)?\b",  # "moet zo spoedig mogelijk worden aangenomen": a wish
    ),
    _cue(
        # "Bij aanvang van de JBZ-Raad werd de Verordening ... formeel aangenomen": the verb first.
        Stage.COUNCIL_ADOPTION,
        rf"\b(?:werd|werden)\s+(?:de|het)\s+{_IN}{{0,160}}?\b(?:formeel\s+)?"
        r"(?:aangenomen|vastgesteld)\b",
        ACTUAL,
        needs=_RAAD,
        unless=rf"{_EP}|\bmoet(?:en)?\b|\bmotie",
        at_meeting=True,
    ),
    # Adoption by the Commission (a recommendation "van mei 2021")
    _cue(
        Stage.COMMISSION_ADOPTION,
        rf"\bAanbeveling\s+van\s+(?:\d{{1,2}}\s+)?{_MONTHS}\s+\d{{4}}",
        ACTUAL,
        flags=0,
    ),
    # Publication in the Official Journal
    _cue(
        Stage.PUBLICATION,
        r"\bPublicatieblad\b|\b(?:teksten?|verordening|richtlijn)\s+"
        rf"{_IN}{{0,40}}?"
        r"(?:officieel\s+)?(?:worden\s+|wordt\s+|zijn\s+|is\s+)?gepubliceerd\b"
        r"|\bofficieel\s+(?:worden\s+)?gepubliceerd\b",
    ),
    # Entry into force
    _cue(
        Stage.ENTRY_INTO_FORCE,
        r"\bin\s+werking\s+(?:treedt|treden|trad|traden|getreden|zal\s+treden|kan\s+treden)"
        r"|\b(?:treedt|treden|trad|traden)\s+(?:[\w.-]+\s+){0,6}?in\s+werking\b"
        r"|\binwerkingtreding\b|\btoegetreden\s+tot\b|\btoetreding\s+van\s+de\s+EU\s+tot\b",
    ),
    # Application, transposition, going live
    _cue(
        Stage.APPLICATION,
        r"\b(?:krijgen|krijgt|hebben|heeft)\s+(?:[\w-]+\s+){0,3}?(?:jaar|maanden)\s+"
        r"(?:de\s+tijd\s+)?om\b|\bomzettingstermijn\b",
        EXPECTED,
    ),
    _cue(
        Stage.APPLICATION,
        r"\b(?:van\s+toepassing\s+(?:worden|wordt|zijn|is)|in\s+gebruik\s+(?:genomen|nemen)"
        rf"|(?:wordt|worden)\s+{_GAP}van\s+toepassing"
        r"|ingebruikname|oplevering|gelanceerd|omgezet|omzetting)\b",
    ),
    _cue(
        # "om het Pact per juni 2026 te implementeren": applied by a time the text gives.
        Stage.APPLICATION,
        r"\bte\s+implementeren\b|\bimplementeert\b"
        r"|\b(?:wordt|worden|is|zijn)\s+(?:[\w-]+\s+){0,3}?geïmplementeerd\b",
        needs=rf"\b(?:{_MONTHS}|(?:19|20)\d{{2}})\b",
    ),
    _cue(
        Stage.APPLICATION,
        r"\blancering\w*\b",
        needs=rf"\bplaatsv\w+|\bvond\s+[^.;]{{0,40}}\bplaats\b|\b\d{{1,2}}\s+{_MONTHS}\b",
    ),
    _cue(
        Stage.APPLICATION,
        rf"\b(?:vanaf|per|met\s+ingang\s+van)\s+\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"
        rf"(?={_IN}*\b(?:geen|niet\s+meer|opgeheven|van\s+toepassing|gelden|geldt)\b)",
    ),
    # Off the path
    _cue(
        Stage.WITHDRAWN,
        r"\bvoorstel\s+(?:[\w-]+\s+){0,8}?ingetrokken\b|\bintrekking\s+van\s+het\s+voorstel\b"
        rf"|\btrek(?:t|ken|te|ten)\s+(?:[\w-]+\s+){{0,6}}?voorstel\w*{_IN}{{0,120}}?\bin\b(?![\w-])",
    ),
    _cue(
        Stage.STALLED,
        r"\b(?:ligt|lag|liggen|lagen)\s+(?:[\w-]+\s+){0,3}?stil\b|\bimpasse\b|\bvastgelopen\b"
        r"|\bblokkerende\s+minderheid\b",
    ),
)

# Markers of tense, matched in the cue's clause (else in its sentence): what is foreseen, and
# finite past forms. Past participles ("bereikt", "aangenomen") only count when neither is there:
# "naar verwachting wordt ... een akkoord bereikt" is expected.
_EXPECTED_MARKERS = re.compile(
    r"\b(?:naar\s+verwachting|verwacht\w*|voorzien|voornemens|voornemen|beoog\w*|hoopt|hopen|"
    r"streeft|streven|gepland\w*|planning|tijdlijn|tentatief|doel\s+is|zal|zullen|zou|zouden|"
    r"kan|kunnen|als|indien|volgt|later|nader\s+te\s+bepalen|binnenkort|op\s+korte\s+termijn|"
    r"aanstaande|a\.s\.|komende|toekomstige|inzetten\s+om|verdere|te\s+(?:bereiken|komen|"
    r"sluiten|leggen|agenderen|ronden|stemmen|ondertekenen|realiseren))(?![\w])",
    re.IGNORECASE,
)
_ACTUAL_MARKERS = re.compile(
    r"\b(?:heeft|hebben|werd|werden|was|waren|bereikte|bereikten|nam|namen|stemde|stemden|"
    r"eerder|inmiddels|recent\w*|afgeronde|bevestigde|verwelkomde|ging|kwam|overeenkwam|"
    r"bevonden|onderhandelt|lopen|instemde|plaatsvond|publiceerde|publiceerden|presenteerde|"
    r"presenteerden|lanceerde|lanceerden|jl\.|j\.l\.)(?![\w])",
    re.IGNORECASE,
)
_PARTICIPLES = re.compile(
    r"\b(?:bereikt|ingestemd|aangenomen|besloten|plaatsgevonden|gepubliceerd\w*|verschenen|"
    r"gestart|hervat|toegetreden|vastgesteld|afgerond)(?![\w])",
    re.IGNORECASE,
)
_DATE_REACH = 120  # characters between a cue and the date phrase that dates it
# Between the parts of a compound sentence.
_CLAUSE_JOIN = re.compile(r";|\s(?:en|maar|terwijl)\s+(?:het|de|een|dat|die)\s", re.IGNORECASE)
# "... akkoord bereikt op X, waarmee ontheemden tot 2026 zekerheid krijgen": a date after such a
# clause dates its consequence, not the step.
_CONSEQUENCE = re.compile(r",\s*(?:waarmee|waardoor|zodat)\s", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[–-]\s")
# A date that names a meeting or a paper, not the stage: "in het verslag van de JBZ-Raad van
# 3 en 4 juni ..." dates the report, not what the report said.
_MEETING_OR_PAPER_DATE = re.compile(
    r"(?:\b(?:JBZ-?\s?Raad|Raad\s+JBZ|Europese\s+Raad|verslag|brief|aanbiedingsbrief|agenda|debat|"
    r"commissiedebat|overleg|vergadering|bijeenkomst|conferentie|forum)\b"
    # "het EU-voorstel d.d. 21 januari 2016": the paper is the proposal, its date the step's.
    r"[^.;,]{0,40}?\s(?:van|op|d\.d\.)|(?<!voorstel\s)\bd\.d\.)\s*$",
    re.IGNORECASE,
)
# Ongoing now: the document's month.
_NOW = re.compile(r"\b(?:op\s+dit\s+moment|momenteel|thans|inmiddels|nu)\b", re.IGNORECASE)
# "Het tweede systeem zou dan volgen in het voorjaar": the stage of the sentence before, for
# the file this sentence names.
_FOLLOWS = re.compile(r"\b(?:zou|zal|zullen|zouden)\s+(?:dan\s+|daarna\s+|vervolgens\s+)?volgen\b")
# Context that makes a Coreper agreement the endorsement of a deal with the Parliament.
_DEAL = re.compile(
    rf"trilo|{_EP}|onderhandelingsresultaat|akkoord|wetstekst|compromistekst", re.IGNORECASE
)
_BORROW_DISTANCE = 80
_ASSIGN_DISTANCE = 100
# Between the names of one enumeration.
_LIST_GLUE = re.compile(
    r"[\s,:;()]*(?:(?:en|of|de|het|een|alsmede|evenals|zowel|als|[a-zà-ÿ]+e)\b[\s,:;()]*)*",
    re.IGNORECASE,
)
# A name after this is the whole the sentence's subject belongs to, not the subject.
_CONTAINER = re.compile(
    r"\b(?:onderdeel|deel)\s+(?:\w+\s+){0,2}?van\s+(?:het|de)\s+$"
    # "conform artikel 12 lid 6 van de AMMR": the act cited as the legal basis.
    r"|\bartikel\s+\d+\w*(?:,?\s+(?:lid|onder|sub)\s+\w+)*\s+van\s+(?:het|de)\s+$"
    # "een voorstel voor een Terugkeerverordening, die de huidige Terugkeerrichtlijn vervangt".
    r"|\b(?:de|het)\s+huidige\s+$",
    re.IGNORECASE,
)
_COMMISSION_ACT = re.compile(
    r"(?:Uitvoerings(?:besluit|verordening)|Gedelegeerde?\s+(?:verordening|besluit|handeling))\b"
    r"(?!\s+van\s+de\s+Raad)",
    re.IGNORECASE,
)
_LIST_COLON = re.compile(r"[^.;:]{0,15}:")
# "De Raad stemde in met deze raadsposities": every file the sentence before named.
_PLURAL_BACK = re.compile(
    r"\b(?:deze|beide|genoemde|bovengenoemde)\s+(?:[\w-]+\s+)?[\w-]+(?:en|s)\b", re.IGNORECASE
)
_DEFINED_AS = re.compile(r"\s*\((?:hierna:?\s*)?(?:de\s+|het\s+)?", re.IGNORECASE)
# "Tegelijkertijd trekt de Commissie ... in": on the day the sentence before gives.
_SAME_TIME = re.compile(r"(?:Tegelijkertijd|Tegelijk|Op\s+dezelfde\s+dag|Dezelfde\s+dag)\b")
# "Dit betreft de Richtlijn A en de Verordening B": the files the sentence before spoke of.
_NAMES_THE_FILES = re.compile(
    r"^(?:Dit|Het)\s+(?:betreft|betreffen|gaat\s+om|zijn)\b|^Daarbij\s+gaat\s+het\s+om\b"
)
# A BNC fiche gives the day the Commission's document was received: the day it was published.
_RECEIVED = re.compile(
    rf"\bDatum\s+ontvangst\s+Commissiedocument\s+(?P<date>(?:\d{{1,2}}\s+)?{_MONTHS}\s+\d{{4}})",
    re.IGNORECASE,
)
# "ontvangt u hierbij 9 fiches": the letter that sends the fiches it lists.
_SENDS_FICHES = re.compile(r"\bhierbij\b[^.]{0,60}\bfiches?\b", re.IGNORECASE)
# The date of a letter listed before a fiche's title.
_LETTER_DATE = re.compile(
    rf"\b(?:d\.d\.|brief\s+van)\s+(\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?)", re.IGNORECASE
)
_LOOK_BACK = 4  # sentences
# Non-legislative files (systems, programmes) "enter into force" when they go live.
_GOES_LIVE = (Dossier.InstrumentType.OTHER,)


@dataclass
class _Hit:
    """A cue found in a sentence; its tense may be settled only once its date is known."""

    stage: Stage
    start: int
    end: int
    cue: Cue
    tense: str | None


def extract_stage_events(
    source, gazetteer, reference_date, meeting_days=(None, None), document_date=None
):
    """A StageEventProposal for every stage that a sentence of `source` says was reached or is
    expected, per dossier; the passage is that sentence. What the Council does at the meeting
    the document belongs to (`meeting_days`: its first and last day) is dated by it when the
    sentence gives no date and the meeting lasts one day (of two days, which day is not said).

    `reference_date` resolves "jl." and missing years; `document_date` is the date the document
    prints, if any (a report without one has its meeting's last day as reference only): a step
    dated after it, or at a meeting after it, is yet to come."""
    first_day, last_day = meeting_days
    meeting_date = first_day if first_day and last_day in (None, first_day) else None
    meeting_tense = _tense_by_meeting(document_date, first_day, last_day)
    document = DocumentMentions.read(source, gazetteer)
    types = {dossier.slug: dossier.instrument_type for dossier in gazetteer.dossiers}
    proposals, weak, previous_hits, previous_date = [], [], [], None
    for index, segment in enumerate(document.segments):
        if segment.is_format_line:
            done = meeting_tense == ACTUAL
            proposals += _format_line_events(document, index, types, meeting_date, done)
        if segment.kind != SENTENCE or _is_fiche_list(segment.text):
            previous_hits, previous_date = [], None
            continue
        found = [_in_sentence(item, segment.start) for item in document.found[index]]
        lends = _lends_its_stage(document, index)
        # A sentence whose files the next one names ("Dit betreft ...") is not about others.
        fallback = None if found or lends else _fallback(document, index, types)
        if not (found or fallback or lends):
            # No file to give a stage to: the cues, most of the work, are not looked for.
            previous_hits = []
            continue
        hits = _hits(segment.text)
        if not hits or _NAMES_THE_FILES.match(segment.text):
            hits = _follows(segment, found, previous_hits) + hits
            if not hits:
                previous_hits = []
                continue
        dates = _assigned_dates(hits, _dates(segment.text, reference_date), segment.text)
        sentence_proposals = []
        for hit, targets, confidence in _targets(hits, found, fallback, segment.text):
            readings = dates.get(id(hit))
            if hit.stage in Stage.off_path() and _of_origin(readings):
                readings = None  # "het voorstel ... uit 2018" dates the proposal, not its end
            if hit.cue.weak:
                readings = None  # it shows only that a proposal exists, not when
            elif readings is None and hit.cue.at_meeting and meeting_date:
                readings = {None: (meeting_date, Precision.DAY, "")}
            elif readings is None and hit.cue.at_meeting and hit.tense is None:
                # "Het voorzitterschap presenteert een voortgangsrapport" in the agenda of a
                # meeting of two days: to come, as the agenda is dated before it.
                hit.tense = meeting_tense
            elif readings is None and previous_date and _SAME_TIME.match(segment.text):
                readings = {None: previous_date}
            date, precision = _date_of(hit, readings, segment.text, reference_date, document_date)
            for item in targets:
                stage = _for_instrument(hit.stage, types.get(item.dossier), segment.text, item.name)
                if stage is None:
                    continue
                proposal = StageEventProposal(
                    dossier=item.dossier,
                    name=item.name,
                    stage=int(stage),
                    date=date,
                    precision=precision,
                    expected=hit.tense == EXPECTED,
                    passage=segment.text,
                    confidence=round(
                        confidence * item.confidence * (0.5 if hit.cue.weak else 1.0), 2
                    ),
                )
                (weak if hit.cue.weak else sentence_proposals).append(proposal)
        proposals += sentence_proposals
        previous_hits = hits
        previous_date = next(
            ((p.date, Precision(p.precision), "") for p in sentence_proposals if p.date), None
        )
    proposals += _fiches_sent(source, document, reference_date)
    proposals += _fiches_received(source, document, reference_date)
    return _deduplicated(proposals + _only_news(weak, proposals))


# An annotated agenda's format line under an item says what the Council is to do with its file:
# "= Algemene oriëntatie", "= Aanneming", "= Beleidsdebat".
_FORMAT_LINE = re.compile(
    r"=?\s*(?:(?:besluitvorming|informatievoorziening)\s*:?\s*)?(?:(?:mogelijke|eventuele)\s+)?"
    rf"(?:(?P<mandate>(?:gedeeltelijke\s+)?{GENERAL_APPROACH}|raadspositie)|"
    r"(?P<adoption>aanneming|aanname|goedkeuring|vaststelling)|"
    r"(?P<debate>beleidsdebat|voortgangsrapport\w*|gedachtewisseling))\b",
    re.IGNORECASE,
)
_FORMAT_STAGES = {
    "mandate": Stage.COUNCIL_MANDATE,
    "adoption": Stage.COUNCIL_ADOPTION,
    "debate": Stage.WORKING_PARTY,
}


def _format_line_events(document, index, types, meeting_date, done=False):
    """The stage a format line foresees at the meeting for the file its agenda item names; in
    a report (`done`: dated after the meeting) the stage it went through there."""
    segment = document.segments[index]
    match = _FORMAT_LINE.match(segment.text)
    if match is None:  # "= Werksessie", "= Uitwisseling van standpunten": no step of a file
        return []
    foreseen = _FORMAT_STAGES[match.lastgroup]
    events = []
    for item in _fallback(document, index, types):
        stage = _for_instrument(foreseen, types.get(item.dossier), segment.text, item.name)
        if stage is None:
            continue
        events.append(
            StageEventProposal(
                dossier=item.dossier,
                name=item.name,
                stage=int(stage),
                date=meeting_date,
                precision=str(Precision.DAY),
                expected=not done,
                passage=segment.text,
                confidence=round(0.6 * item.confidence, 2),
            )
        )
    return events


def _of_origin(readings):
    """Whether a date phrase says where something comes from ("uit 2018")."""
    return bool(readings) and any(
        text.lower().startswith("uit ") for _day, _precision, text in readings.values()
    )


def _is_fiche_list(text):
    """An item of a BNC cover letter's list of fiches: its only stage is the fiche
    (_fiches_sent), whatever words the title contains."""
    return bool(FICHE_TITLE.match(text))


def _fiches_sent(source, document, reference_date):
    """A fiche listed by its title ("Fiche: <title>") reached parliament: with the BNC cover
    letter that lists it, on its date; in a list of papers, on the date of the letter that
    sent it ("de brief ... d.d. 21 december 2018 inzake fiche: ..."), or on a day not given."""
    cover_letter = bool(_SENDS_FICHES.search(source.text))
    # Each title's first file: the title itself, or a known name inside it ("Gewijzigd voorstel
    # voor Verordening inzake instelling EURODAC").
    titles = {match.span("name") for match in FICHE_TITLE.finditer(source.text)}
    proposals = []
    for segment, found in zip(document.segments, document.found, strict=True):
        for item in found:
            title = next((span for span in titles if span[0] <= item.start < span[1]), None)
            if title is None:
                continue
            titles.discard(title)
            sent = _LETTER_DATE.findall(segment.text, 0, item.start - segment.start)
            day = parse_date_phrase(sent[-1], reference_date, past=True) if sent else None
            if day:
                date, precision = day
            elif cover_letter and reference_date:
                date, precision = reference_date, Precision.DAY
            else:
                date, precision = None, Precision.DAY
            proposals.append(
                StageEventProposal(
                    dossier=item.dossier,
                    name=item.name,
                    stage=int(Stage.BNC_FICHE),
                    date=date,
                    precision=str(precision),
                    expected=False,
                    passage=segment.text,
                    confidence=0.8 if date else 0.6,
                )
            )
    return proposals


def _fiches_received(source, document, reference_date):
    """A BNC fiche's "Datum ontvangst Commissiedocument": the day the Commission published the
    file the fiche is about."""
    proposals = []
    for subject in document.fiche_subjects:
        received = _RECEIVED.search(source.text, subject.end, subject.end + 400)
        if not received:
            continue
        day = parse_date_phrase(received.group("date"), reference_date, past=True)
        if not day:
            continue
        segment = document.segment_at(received.start("date"))
        proposals.append(
            StageEventProposal(
                dossier=subject.dossier,
                name=subject.name,
                stage=int(Stage.PROPOSAL),
                date=day[0],
                precision=str(day[1]),
                expected=False,
                passage=segment.text if segment else received.group(),
                confidence=0.8,
            )
        )
    return proposals


def _in_sentence(item, offset):
    """A Found with its offsets relative to its sentence."""
    return dataclasses.replace(item, start=item.start - offset, end=item.end - offset)


def _hits(sentence):
    hits = []
    lowered = sentence.lower()
    for cue in _CUES:
        if not may_match(cue.required, lowered):
            continue
        for match in cue.pattern.finditer(sentence):
            reach = (max(0, match.start() - _NEEDS_REACH), match.end() + _NEEDS_REACH)
            if cue.needs and not cue.needs.search(sentence, *reach):
                continue
            if cue.unless and cue.unless.search(sentence, *reach):
                continue
            tense = cue.tense or _tense(sentence, match.start(), match.end())
            hits.append(_Hit(cue.stage, match.start(), match.end(), cue, tense))
    if any(hit.cue.tense == EXPECTED and hit.stage == Stage.APPLICATION for hit in hits):
        # "krijgen drie jaar de tijd om zich op de inwerkingtreding voor te bereiden"
        hits = [hit for hit in hits if hit.stage != Stage.ENTRY_INTO_FORCE]
    if any(hit.stage == Stage.EP_COMMITTEE_VOTE for hit in hits):
        # "De commissie LIBE van het Europees Parlement stemde ... in": not the plenary.
        hits = [hit for hit in hits if not (hit.cue.generic and hit.stage == Stage.EP_PLENARY_VOTE)]
    strong_stages = {hit.stage for hit in hits if not hit.cue.weak}
    return [hit for hit in hits if not hit.cue.weak or Stage.PROPOSAL not in strong_stages]


_WILL = re.compile(r"\b(?:zal|zullen)\b")


def _tense(sentence, start, end):
    """EXPECTED or ACTUAL by the nearest marker in the cue's clause (markers inside the cue
    count only when there are none around it, except "zal", which makes the cue's own verb a
    future), else None: the date or the sentence decides."""
    if _WILL.search(sentence, start, end):
        return EXPECTED  # "de triloog ... zal op korte termijn starten": the cue's own future
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    following = _CLAUSE_BREAK.search(sentence, end)
    clause_end = following.start() if following else len(sentence)
    for kinds in (
        ((_EXPECTED_MARKERS, EXPECTED), (_ACTUAL_MARKERS, ACTUAL)),
        ((_PARTICIPLES, ACTUAL),),
    ):
        outside, inside = [], []
        for pattern, tense in kinds:
            for marker in pattern.finditer(sentence, clause_start, clause_end):
                distance = max(start - marker.end(), marker.start() - end)
                (inside if distance < 0 else outside).append((distance, tense))
        markers = outside or inside
        if markers:
            return min(markers)[1]
    return None


def _sentence_tense(sentence, start, end):
    nearest = None
    for pattern, tense in ((_EXPECTED_MARKERS, EXPECTED), (_ACTUAL_MARKERS, ACTUAL)):
        for marker in pattern.finditer(sentence):
            distance = max(start - marker.end(), marker.start() - end, 0)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, tense)
    return nearest[1] if nearest else ACTUAL


def _lends_its_stage(document, index):
    """Whether the next sentence takes this one's stage for the files it names (_follows)."""
    following = index + 1
    if following >= len(document.segments):
        return False
    segment = document.segments[following]
    return (
        segment.kind == SENTENCE
        and bool(document.found[following])
        and bool(_FOLLOWS.search(segment.text) or _NAMES_THE_FILES.match(segment.text))
    )


def _follows(segment, found, previous_hits):
    """The stages of the sentence before, for the files this one names: "Het tweede systeem zou
    dan volgen" (expected), "Dit betreft de Richtlijn A en de Verordening B" (as before)."""
    if not (found and previous_hits):
        return []
    stages = {}
    for hit in previous_hits:
        if not hit.cue.weak:
            stages.setdefault(hit.stage, hit)
    match = _FOLLOWS.search(segment.text)
    if match:
        return [
            _Hit(stage, match.start(), match.end(), hit.cue, EXPECTED)
            for stage, hit in sorted(stages.items())
        ]
    if _NAMES_THE_FILES.match(segment.text):
        # Every file the sentence lists, however long the list: the hit spans the sentence.
        return [
            _Hit(stage, 0, len(segment.text), dataclasses.replace(hit.cue, after=0), hit.tense)
            for stage, hit in sorted(stages.items())
        ]
    return []


def _targets(hits, found, fallback, sentence):
    """(hit, the files it is about, confidence) for each cue. Names in one enumeration ("de
    A-verordening, de B-verordening en de C-richtlijn") go together, to the cue nearest to
    them; a cue that needs its object after it takes the first names that follow it."""
    found = [
        item for item in found if not _CONTAINER.search(sentence, 0, _anchor(item, found, sentence))
    ]
    if not found:
        if not fallback:
            return []
        # A cue that needs its file named where it stands does not borrow one; nor does a cue
        # that only shows a proposal exists.
        return [
            (hit, fallback, 0.5)
            for hit in hits
            if not (hit.cue.after or hit.cue.inside or hit.cue.weak)
        ]
    groups = _enumerations(found, sentence)
    free = [hit for hit in hits if not (hit.cue.after or hit.cue.inside)]
    assigned = {id(hit): [] for hit in hits}
    listed = _listed_after_colon(free, groups, sentence)
    for hit, group in listed:
        assigned[id(hit)] += group
    for group in groups:
        if any(group is taken for _hit, taken in listed):
            continue
        if free:
            nearest = min(free, key=lambda hit: _distance(hit, group))
            if _distance(nearest, group) <= _ASSIGN_DISTANCE:
                assigned[id(nearest)] += group
    result = []
    for hit in hits:
        if hit.cue.inside:
            targets = [item for item in found if hit.start <= item.start and item.end <= hit.end]
        elif hit.cue.after:
            following = [
                group
                for group in groups
                if group[0].start >= hit.start and group[0].start - hit.end <= hit.cue.after
            ]
            targets = following[0] if following else []
        else:
            targets = assigned[id(hit)]
            if not targets:
                near = [group for group in groups if _distance(hit, group) <= _BORROW_DISTANCE]
                targets = min(near, key=lambda group: _distance(hit, group)) if near else []
        if targets:
            result.append((hit, _unique(targets), 0.8))
    return result


def _listed_after_colon(free, groups, sentence):
    """(hit, group) for the names a cue lists after a colon ("stelde vijf Raadsposities vast:
    op de Richtlijn A, de Richtlijn B en ..."), however far they run, when no other cue follows
    the colon."""
    for hit in free:
        colon = _LIST_COLON.match(sentence, hit.end)
        if colon and not any(other.start >= colon.end() for other in free):
            return [(hit, group) for group in groups if group[0].start >= colon.end()]
    return []


def _anchor(item, found, sentence):
    """Where the name an abbreviation stands for begins: "(hierna: AMMR)" is read at the name
    before it."""
    for earlier in found:
        if earlier.end <= item.start and _DEFINED_AS.fullmatch(sentence, earlier.end, item.start):
            return earlier.start
    return item.start


def _enumerations(found, sentence):
    groups = []
    for item in found:
        if groups and _LIST_GLUE.fullmatch(sentence, groups[-1][-1].end, item.start):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _distance(hit, group):
    return min(max(hit.start - item.end, item.start - hit.end, 0) for item in group)


def _unique(items):
    seen, result = set(), []
    for item in items:
        key = item.dossier or item.name.lower()
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def _fallback(document, index, types):
    """The files a sentence without names is about: its section heading's, else those of the
    last sentence before it in the section that names one (a package rather than its parts)."""
    segment = document.segments[index]
    # In a BNC fiche, "het voorstel" and "de aanbeveling" are the file the fiche is about.
    subjects = [item for item in document.fiche_subjects if item.start < segment.start]
    if subjects:
        return subjects[-1:]
    if segment.section >= 0:
        heading = _known_first(document.found[segment.section])
        if heading:
            return _preferred(_unique(heading), types)
    looked = 0
    for earlier in range(index - 1, -1, -1):
        previous = document.segments[earlier]
        if previous.section != segment.section:
            break
        if previous.kind == HEADING and not previous.is_format_line:
            break
        if previous.kind != SENTENCE:
            continue
        looked += 1
        if looked > _LOOK_BACK:
            break
        named = _known_first(document.found[earlier])
        if named:
            if _PLURAL_BACK.search(segment.text):
                return _unique(named)
            return _preferred(_unique(named), types)
    return []


def _known_first(found):
    """The known files among `found`, else the new instruments."""
    return [item for item in found if item.dossier] or found


def _preferred(items, types):
    """Of several files, the package they belong to if it is named, else the last named."""
    packages = [item for item in items if types.get(item.dossier) == Dossier.InstrumentType.PACKAGE]
    return packages[:1] or items[-1:]


def _dates(sentence, reference):
    """{(start, end): {past: (date, precision, text)}} for each date phrase that may date a
    stage, read as something past (True) and as the next such date (False)."""
    phrases = {}
    for past in (False, True):
        for text, start, end, day, precision in find_date_phrases(sentence, reference, past=past):
            if _MEETING_OR_PAPER_DATE.search(sentence, max(0, start - 70), start):
                continue
            phrases.setdefault((start, end), {})[past] = (day, precision, text)
    return phrases


def _assigned_dates(hits, dates, sentence):
    """id(hit) -> the readings of the date phrase nearest to it, among the phrases that are
    nearer to it than to any other cue (within _DATE_REACH characters). A phrase in another
    part of a compound sentence ("... van 23 september 2020 en het BNC-fiche ... dat op 4
    november ...") counts as further away when there is a nearer choice."""

    def gap(hit, start, end):
        return max(hit.start - end, start - hit.end, 0)

    def distance(hit, start, end):
        between = sentence[min(hit.end, end) : max(hit.start, start)]
        return gap(hit, start, end) + (_DATE_REACH if _CLAUSE_JOIN.search(between) else 0)

    nearest = {}
    for (start, end), readings in dates.items():
        if not hits:
            break
        hit = min(hits, key=lambda h: distance(h, start, end))
        rank = distance(hit, start, end)
        if _CONSEQUENCE.search(sentence, min(hit.end, end), max(hit.start, start)):
            continue
        if gap(hit, start, end) <= _DATE_REACH and (
            id(hit) not in nearest or rank < nearest[id(hit)][0]
        ):
            nearest[id(hit)] = (rank, readings)
    # Cues that overlap are one statement ("in Coreper overeenstemming bereikt over de positie
    # van de Raad"): the date of one is the other's.
    for hit in hits:
        if id(hit) not in nearest:
            dated = [
                nearest[id(other)]
                for other in hits
                if id(other) in nearest and other.start < hit.end and hit.start < other.end
            ]
            if dated:
                nearest[id(hit)] = min(dated, key=lambda ranked: ranked[0])
    return {key: readings for key, (_rank, readings) in nearest.items()}


def _tense_by_meeting(document_date, first_day, last_day):
    """EXPECTED for what a document dated before its meeting says the Council does there,
    ACTUAL after it; None when either date is unknown or the document is dated during it."""
    if document_date is None or first_day is None:
        return None
    if document_date < first_day:
        return EXPECTED
    return ACTUAL if document_date > (last_day or first_day) else None


def _date_of(hit, readings, sentence, reference, document_date=None):
    """The cue's date and precision, as its tense reads the phrase. A cue whose clause has no
    tense marker is expected when its date lies after the document's, else the sentence's
    nearest marker decides; a date after the date the document prints (`document_date`) is
    expected whatever the tense."""
    if hit.tense is None and readings and reference:
        day = next(iter(readings.values()))[0]
        if day > reference:
            hit.tense = EXPECTED
    if hit.tense is None:
        hit.tense = _sentence_tense(sentence, hit.start, hit.end)
    if readings:
        day, precision, _text = readings.get(hit.tense == ACTUAL) or next(iter(readings.values()))
        if document_date and day > document_date:
            # "moeten de richtlijn uiterlijk op 1 februari 2027 hebben omgezet": a step dated
            # after the document has not happened, whatever the verb's tense.
            hit.tense = EXPECTED
        return day, str(precision)
    if hit.tense == ACTUAL and reference and hit.stage == Stage.TRILOGUES and _NOW.search(sentence):
        return reference.replace(day=1), str(Precision.MONTH)
    return None, str(Precision.DAY)


def _for_instrument(stage, instrument_type, sentence, name=""):
    """The stage as it applies to this kind of file, or None when it has no such stage. An
    implementing or delegated act the Commission publishes is adopted, not proposed."""
    if stage == Stage.PROPOSAL and _COMMISSION_ACT.match(name):
        stage = Stage.COMMISSION_ADOPTION
    if instrument_type in _GOES_LIVE and stage == Stage.ENTRY_INTO_FORCE:
        stage = Stage.APPLICATION
    if stage == Stage.COREPER_ENDORSEMENT and not _DEAL.search(sentence):
        stage = Stage.COUNCIL_MANDATE  # Coreper agrees the Council's own position
    path = STAGE_PATHS.get(instrument_type)
    if path is not None and stage not in path and stage not in Stage.off_path():
        return None
    return stage


def _only_news(weak, proposals):
    """Weak 'a proposal exists' findings for files the document says nothing else about. A
    new file whose name says no kind of act ("het Erasmus+ programma") is left out: that it is
    negotiated or appraised does not show that the Commission proposed it."""
    known = {proposal.dossier or proposal.name for proposal in proposals}
    return [
        proposal
        for proposal in weak
        if (proposal.dossier or proposal.name) not in known
        and (proposal.dossier or instrument_type_of(proposal.name) != "overig")
    ]


def _deduplicated(proposals):
    """One proposal per dossier, stage, tense and date: the most confident, first passage."""
    best = {}
    for proposal in proposals:
        key = (proposal.dossier or proposal.name, proposal.stage, proposal.expected, proposal.date)
        if key not in best or proposal.confidence > best[key].confidence:
            best[key] = proposal
    dated = {key[:3] for key in best if key[3] is not None}
    return [proposal for key, proposal in best.items() if not (key[3] is None and key[:3] in dated)]
