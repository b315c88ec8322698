"""`import_document` on several files and folders: one line each, failures do not stop the rest."""

import io
import json
import shutil

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from dossiers.management.commands import import_document
from dossiers.models import DocumentImport

from .conftest import SEEDS_DIR

pytestmark = pytest.mark.django_db

# The two shortest seeds, to keep the tests quick.
SHORT = SEEDS_DIR / "003_6edfb0a9bfd7a98c.txt"
OTHER = SEEDS_DIR / "001_7468cf160a9047f9.txt"


def _run(*args):
    """(stdout, stderr, the CommandError or None) of one run of the command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_document", *map(str, args), "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def _lines(out):
    return out.strip().splitlines()


def test_several_files_give_one_line_each_and_a_total(seeded):
    out, _err, error = _run(SHORT, OTHER)
    assert error is None
    first, second, total = _lines(out)
    assert first.startswith(f"{SHORT}: ") and second.startswith(f"{OTHER}: ")
    for line in (first, second):
        assert " mentions, " in line and " stage events, " in line
        assert line.split(" -> import ")[1].isdigit()
    assert total == "2 documents: 2 read, 0 already imported, 0 failed."
    imports = DocumentImport.objects.order_by("pk")
    assert [i.file_name for i in imports] == [SHORT.name, OTHER.name]
    assert {i.status for i in imports} == {DocumentImport.Status.PENDING}


def test_a_folder_stands_for_its_pdf_and_txt_files_in_name_order(seeded, tmp_path):
    shutil.copy(OTHER, tmp_path / "b.txt")
    shutil.copy(SHORT, tmp_path / "a.TXT")
    (tmp_path / "notes.md").write_text("Geen Kamerstuk.")
    (tmp_path / "sub").mkdir()
    shutil.copy(SEEDS_DIR / "002_a12f43510f00c640.txt", tmp_path / "sub" / "c.txt")
    out, _err, error = _run(tmp_path)
    assert error is None
    lines = _lines(out)
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        str(tmp_path / "a.TXT"),
        str(tmp_path / "b.txt"),
    ]
    assert lines[-1] == "2 documents: 2 read, 0 already imported, 0 failed."
    assert sorted(DocumentImport.objects.values_list("file_name", flat=True)) == ["a.TXT", "b.txt"]


def test_an_empty_folder_is_refused(seeded, tmp_path):
    (tmp_path / "notes.md").write_text("Geen Kamerstuk.")
    _out, _err, error = _run(tmp_path)
    assert error is not None and "No .pdf or .txt files" in str(error)


def test_a_bad_file_fails_alone_and_the_command_fails_at_the_end(seeded, tmp_path):
    binary = tmp_path / "binair.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "bestaat-niet.pdf"
    out, _err, error = _run(SHORT, binary, empty, missing, OTHER)
    lines = _lines(out)
    assert len(lines) == 6
    assert lines[0].startswith(f"{SHORT}: ") and " -> import " in lines[0]
    assert lines[1].startswith(f"{binary}: FAILED: ")
    assert lines[2].startswith(f"{empty}: FAILED: ")
    assert lines[3].startswith(f"{missing}: FAILED: ")
    assert lines[4].startswith(f"{OTHER}: ") and " -> import " in lines[4]
    assert lines[5] == "5 documents: 2 read, 0 already imported, 3 failed."
    assert error is not None
    assert str(binary) in str(error) and str(empty) in str(error) and str(missing) in str(error)
    assert str(SHORT) not in str(error)
    # Nothing is kept of the failed documents; the others are imported.
    assert sorted(DocumentImport.objects.values_list("file_name", flat=True)) == sorted(
        [SHORT.name, OTHER.name]
    )


def test_a_failed_acceptance_keeps_only_its_import_for_review(seeded, monkeypatch):
    real_accept = import_document.accept_import

    def accept(document_import, accepted):
        if document_import.file_name == SHORT.name:
            raise ValidationError("Dit voorstel kan niet worden opgeslagen.")
        return real_accept(document_import, accepted)

    monkeypatch.setattr(import_document, "accept_import", accept)
    out, _err, error = _run(SHORT, OTHER, "--accept")
    failed, accepted, total = _lines(out)
    kept = DocumentImport.objects.get(file_name=SHORT.name)
    assert failed == (
        f"{SHORT}: FAILED: Dit voorstel kan niet worden opgeslagen. "
        f"(kept for review at {kept.get_absolute_url()})"
    )
    assert ", accepted: " in accepted and " records created" in accepted
    assert total == "2 documents: 1 read, 0 already imported, 1 failed."
    assert error is not None and str(SHORT) in str(error)
    assert kept.status == DocumentImport.Status.PENDING and kept.document is None
    done = DocumentImport.objects.get(file_name=OTHER.name)
    assert done.status == DocumentImport.Status.ACCEPTED and done.document is not None


def test_already_imported_files_are_reported_as_such(seeded, tmp_path):
    _run(SHORT)
    # The same text in another file is the same document too.
    copy = tmp_path / "kopie.txt"
    copy.write_bytes(SHORT.read_bytes().replace(b"\n", b"\r\n"))
    out, _err, error = _run(SHORT, copy, OTHER)
    assert error is None
    first, second, third, total = _lines(out)
    earlier = DocumentImport.objects.get(file_name=SHORT.name)
    assert first.endswith(f" -> import {earlier.pk} (already imported)")
    assert second.endswith(f" -> import {earlier.pk} (already imported)")
    assert "(already imported)" not in third
    assert total == "3 documents: 1 read, 2 already imported, 0 failed."
    assert DocumentImport.objects.count() == 2


def test_json_gives_one_list_and_a_dry_run_writes_nothing(seeded, tmp_path):
    bad = tmp_path / "leeg.txt"
    bad.write_bytes(b"  \n")
    out, err, error = _run(SHORT, bad, OTHER, "--dry-run", "--format", "json")
    entries = json.loads(out)  # stdout holds the JSON alone
    assert [entry["path"] for entry in entries] == [str(SHORT), str(bad), str(OTHER)]
    assert [entry["status"] for entry in entries] == ["read", "failed", "read"]
    assert entries[0]["proposals"]["document"]["document_type"]
    assert entries[0]["import"] is None and entries[0]["error"] is None
    assert entries[1]["error"] and entries[1]["proposals"] is None
    assert "3 documents: 2 read, 0 already imported, 1 failed." in err
    assert error is not None and str(bad) in str(error)
    assert DocumentImport.objects.count() == 0


def test_json_names_the_imports(seeded):
    out, _err, error = _run(SHORT, OTHER, "--format", "json")
    assert error is None
    entries = json.loads(out)
    imports = DocumentImport.objects.order_by("pk")
    assert [entry["import"] for entry in entries] == [i.pk for i in imports]
    assert entries[1]["review_url"] == imports[1].get_absolute_url()


def test_one_progress_bar_over_the_documents(seeded):
    err = io.StringIO()
    err.isatty = lambda: True  # tqdm draws only on a terminal
    out = io.StringIO()
    call_command("import_document", str(SHORT), str(OTHER), "--dry-run", stderr=err, stdout=out)
    drawn = err.getvalue()
    assert "0/2" in drawn and "1/2" in drawn and "doc" in drawn
    assert SHORT.name in drawn
    assert "\r" not in out.getvalue()


def test_the_help_says_what_a_folder_stands_for():
    parser = import_document.Command().create_parser("manage.py", "import_document")
    text = " ".join(parser.format_help().split())
    assert "*.pdf and *.txt" in text and "not recursive" in text
