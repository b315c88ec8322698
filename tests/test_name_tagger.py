"""The model that finds EU file names no written form reads (dossiers/importing/name_tagger.py):
its tokens and labels, what it learns from a few sentences, the model the repository ships and
where the importer uses it."""

import json
import re
import shutil
import threading

import pytest
from django.core.management import CommandError, call_command

from dossiers.importing import mentions, name_tagger, training
from dossiers.importing.evaluation import CORPUS_DIR, corpus_half
from dossiers.importing.gazetteer import Gazetteer
from dossiers.importing.mentions import DocumentMentions
from dossiers.importing.reader import ImportText


def _words(sentence):
    return [word for word, _start, _end in sentence]


def test_tokens_keep_hyphenated_words_whole_and_marks_apart():
    text = "de Asiel- en Migratiepact-onderdelen («EU-Turkije»)."

    sentence = name_tagger.tokens(text)

    assert _words(sentence) == [
        *("de", "Asiel-", "en", "Migratiepact-onderdelen", "(", "«", "EU-Turkije", "»", ")", "."),
    ]
    assert all(text[start:end] == word for word, start, end in sentence)


def test_labels_mark_each_name_from_its_first_word_with_its_trailing_mark():
    text = "De Dublinverordening en de Richtlijn terugkeer. Verder niets."
    sentence = name_tagger.tokens(text)
    names = [(3, 20), (27, 46)]  # "Dublinverordening", "Richtlijn terugkeer"

    labels = name_tagger.labels(sentence, names)

    assert list(zip(_words(sentence), labels, strict=True)) == [
        ("De", "O"),
        ("Dublinverordening", "B"),
        ("en", "O"),
        ("de", "O"),
        ("Richtlijn", "B"),
        ("terugkeer", "I"),
        (".", "I"),
        ("Verder", "O"),
        ("niets", "O"),
        (".", "O"),
    ]


@pytest.mark.parametrize(
    ("tagged", "spans"),
    [
        (["O", "B", "I", "O", "B"], [(1, 2), (4, 4)]),
        (["B", "B", "I"], [(0, 0), (1, 2)]),
        (["O", "I", "I", "O"], [(1, 2)]),  # an I after O begins a name
        (["O", "O"], []),
    ],
)
def test_spans_are_read_from_begin_inside_outside(tagged, spans):
    assert name_tagger._spans(tagged) == spans


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("«Managing Migration»", "Managing Migration"),
        ("Schengeninformatiesysteem (SIS", "Schengeninformatiesysteem"),
        ("verordening 2015/1017 (EFSI)1", "verordening 2015/1017 (EFSI)"),
        ("Verordening (EU) 2016/679).", "Verordening (EU) 2016/679"),
        ("(Dublinverordening)", "Dublinverordening"),
        ("Farmaceutische Strategie4", "Farmaceutische Strategie"),
        ("Forum EU-Westelijke Balkan van 26", "Forum EU-Westelijke Balkan"),
        ("Plan B” voor eerlijke concurrentie", "Plan B"),
        (
            "VS een «versterkt partnerschap voor grensbeveiliging",
            "versterkt partnerschap voor grensbeveiliging",
        ),
        (
            "mededeling «Towards a positive fiscal stance»",
            "mededeling «Towards a positive fiscal stance»",
        ),
        ("“Fit for 55”-pakket", "“Fit for 55”-pakket"),
        ("Horizon 2020", "Horizon 2020"),
        ("G20", "G20"),
        ("...", ""),
    ],
)
def test_a_name_is_trimmed_of_what_surrounds_it(printed, name):
    start, end = name_tagger._trimmed(printed, 0, len(printed))

    assert printed[start:end] == name


@pytest.mark.parametrize(
    ("found", "name"),
    [
        ("Turkije", ""),  # a country, a body: one word that does not say its kind
        ("Europol", ""),
        ("EU", ""),
        ("Dublinverordening", "Dublinverordening"),
        ("Plan B", "Plan B"),
        ("COMPASS-programma de bescherming", ""),  # a programme by an acronym alone
        ("Deltaprogramma loopt door", ""),  # a programme that does not say it is the EU's
        ("Wet wederzijdse erkenning", ""),
        ("EU-programma voor gezondheid", "EU-programma voor gezondheid"),
        # a clause after a comma (seed 000, read by the model of 449 documents)
        (
            "instelling van snelle en gesloten procedures voor kansarme asielverzoeken, langere "
            "verantwoordelijkheidstermijnen onder Dublin en een crisis- en solidariteitsmechanisme "
            "bieden belangrijke aanknopingspunten",
            "",
        ),
        (
            "richtsnoeren op het gebied van asiel, terugkeer en hervestiging",
            "richtsnoeren op het gebied van asiel, terugkeer en hervestiging",
        ),
        (
            "Richtlijn (EU) 2024/1226 (strafbaarstelling, sancties)",
            "Richtlijn (EU) 2024/1226 (strafbaarstelling, sancties)",
        ),
        (
            "Verordening oprichting Europees openbaar ministerie van",
            "Verordening oprichting Europees openbaar ministerie",
        ),
    ],
)
def test_a_learnt_find_stands_as_a_file_only_where_it_may(found, name):
    assert mentions._learnt_name(found) == name


SUBJECTS = (
    *("terugkeer", "opvang", "screening", "crisis", "gezinshereniging", "kwalificatie"),
    *("grensbewaking", "visum", "hervestiging", "registratie", "uitlevering", "inreis"),
)


def _sentence_with_name(subject):
    text = f"De Raad sprak met Europol over de {subject.capitalize()}verordening en de begroting."
    name_start = text.index(subject.capitalize())
    name_end = text.index(" en de begroting")
    sentence = name_tagger.tokens(text)
    return text, sentence, name_tagger.labels(sentence, [(name_start, name_end)])


def test_a_model_learns_a_form_of_name_and_finds_one_it_never_saw(tmp_path):
    path = tmp_path / "model.crfsuite"
    name_tagger.train([_sentence_with_name(subject)[1:] for subject in SUBJECTS], path)
    text = "De Raad sprak met Europol over de Asielprocedureverordening en de begroting."

    found = name_tagger.NameTagger(path).names(text, 0, len(text))

    assert [text[start:end] for start, end, _confidence in found] == ["Asielprocedureverordening"]
    assert 0 < found[0][2] <= name_tagger.MAX_CONFIDENCE


def test_the_shipped_model_is_trained_on_the_development_half_as_it_is_now():
    record = json.loads(training.TRAINED_ON_PATH.read_text(encoding="utf-8"))
    documents = training.development_documents(CORPUS_DIR)

    assert record["documents"] == [path.stem for path in documents], (
        "The development half changed: run manage.py train_name_tagger and commit the model."
    )
    assert record["fingerprint"] == training.fingerprint(documents)
    assert record["parameters"] == name_tagger.TRAINING_PARAMETERS
    assert all(corpus_half(name) == "dev" for name in record["documents"])
    assert not {path.stem for path in (CORPUS_DIR / "test").glob("*.txt")} & set(
        record["documents"]
    )


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "De Commissie presenteerde het Gecoördineerd plan inzake kunstmatige intelligentie.",
            "Gecoördineerd plan inzake kunstmatige intelligentie",
        ),
        (
            "Het voorzitterschap geeft de stand van zaken rond het Europees bevel tot conservatoir "
            "beslag op bankrekeningen.",
            "Europees bevel tot conservatoir beslag op bankrekeningen",
        ),
    ],
)
def test_the_importer_proposes_a_file_only_the_model_reads(sentence, name):
    assert _new_names(sentence, learned=False) == []
    assert _new_names(sentence, learned=True) == [name]


def _new_names(text, learned):
    document = DocumentMentions.read(ImportText.from_text(text), Gazetteer(), learned)
    return [item.name for found in document.found for item in found if not item.dossier]


def test_the_importer_proposes_no_file_where_a_text_names_a_member_a_motion_and_a_body():
    text = "Het lid Piri vroeg naar de motie-Van Dijk en naar de rol van Europol en Frontex."

    assert _new_names(text, learned=True) == []


def test_each_thread_has_a_tagger_of_its_own():
    taggers = []
    thread = threading.Thread(target=lambda: taggers.append(name_tagger.shipped()))
    thread.start()
    thread.join()

    assert taggers[0] is not name_tagger.shipped()
    assert name_tagger.shipped() is name_tagger.shipped()


def _small_corpus(tmp_path, count=3):
    (tmp_path / "dev").mkdir()
    documents = training.development_documents(CORPUS_DIR)[:count]
    for path in documents:
        shutil.copy(path, tmp_path / "dev")
        shutil.copy(path.with_suffix(".json"), tmp_path / "dev")
    return documents


def test_train_name_tagger_writes_the_model_and_what_it_learnt_from(seeded, tmp_path, capsys):
    documents = _small_corpus(tmp_path)
    output = tmp_path / "model.crfsuite"

    call_command("train_name_tagger", corpus=tmp_path, output=output)

    record = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert record["documents"] == [path.stem for path in documents]
    assert record["fingerprint"] == training.fingerprint(documents)
    # It learnt names from them: the beginning of a name is among its labels.
    assert name_tagger.BEGIN in name_tagger.NameTagger(output)._tagger.labels()
    out = capsys.readouterr().out
    assert f"Trained on {len(documents)} documents" in out
    assert re.search(r"sentences, [1-9]\d* names\)", out), out


def test_train_name_tagger_reads_no_test_document(seeded, tmp_path):
    (tmp_path / "dev").mkdir()
    test_document = next((CORPUS_DIR / "test").glob("*.txt"))
    shutil.copy(test_document, tmp_path / "dev")
    shutil.copy(test_document.with_suffix(".json"), tmp_path / "dev")

    with pytest.raises(CommandError, match="No development documents"):
        call_command("train_name_tagger", corpus=tmp_path, output=tmp_path / "model.crfsuite")

    assert not (tmp_path / "model.crfsuite").exists()


def test_train_name_tagger_asks_for_the_known_dossiers_first(db, tmp_path):
    _small_corpus(tmp_path, count=1)

    with pytest.raises(CommandError, match="load_seed"):
        call_command("train_name_tagger", corpus=tmp_path, output=tmp_path / "model.crfsuite")


def test_training_labels_a_name_where_it_stands_after_a_letter_that_folds_longer():
    """Folding the case of "İ" gives two characters: every position after it would move."""
    text = "Na het Verdrag van İstanbul komt de Terugkeerverordening aan bod."

    [(sentence, labels)] = training.document_sequences(
        text, ["new:Terugkeerverordening"], Gazetteer()
    )

    named = [
        word for (word, _start, _end), label in zip(sentence, labels, strict=True) if label != "O"
    ]
    assert named == ["Terugkeerverordening"]
