"""Values a manuscript prints lossily come back as the draft wrote them while the printed
passage is unchanged (carekit/draft/written.py): an edited passage wins over the value
its mark carries, and a carried value is hostile input like any imported text."""

from __future__ import annotations

import json
import re
import sys
from urllib.parse import quote

from conftest import ROOT, SEED_000, carekit

sys.path.insert(0, str(ROOT / "tests" / "manuscripts"))

from roundtrip import loaded_data  # noqa: E402

from carekit.draft.written import printed_hash  # noqa: E402

_WRITTEN_RE = r"(<!-- carekit:field [0-9a-f]{{16}}:written\.{path}=)[^ ]*( -->)"


def _rendered(tmp_path) -> str:
    run = carekit("render", str(SEED_000), "--to", "md", "-o", str(tmp_path / "out"))
    assert run.code in (0, 1), run.err
    return (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")


def _imported(tmp_path, markdown: str) -> dict:
    source = tmp_path / "out" / "edited.md"
    source.write_text(markdown, encoding="utf-8")
    target = tmp_path / "back.yaml"
    run = carekit("import", str(source), "-o", str(target), "--force")
    assert run.code == 0, run.err
    return loaded_data(target)


def test_unchanged_passages_give_back_the_values_as_written(tmp_path):
    back = _imported(tmp_path, _rendered(tmp_path))
    original = loaded_data(SEED_000)
    assert back["references"] == original["references"]  # authors, journal, year...
    facts = ("obtained", "given_by", "written", "covers_images")
    assert [back["consent"][k] for k in facts] == [original["consent"][k] for k in facts]
    units = [lab.get("unit") for lab in original["diagnostics"]["labs"]]
    assert [lab.get("unit") for lab in back["diagnostics"]["labs"]] == units


def test_an_edited_reference_entry_and_consent_statement_win(tmp_path):
    markdown = _rendered(tmp_path)
    markdown = markdown.replace("Le C, Bedocs PM. Calcinosis cutis.", "Le C. Calcinosis.", 1)
    markdown = markdown.replace("from the patient's legal guardian", "from the patient", 1)
    back = _imported(tmp_path, markdown)
    first = back["references"][0]
    assert first["id"] == "le2020" and "authors" not in first  # read as text: the edit
    assert first["title"].startswith("Le C. Calcinosis.")
    assert back["references"][1]["authors"] == ["Alsaif F", "Abduljabbar AM"]  # unchanged
    assert "from the patient for publication" in back["consent"]["statement"]
    assert "given_by" not in back["consent"] and "obtained" not in back["consent"]


def test_forged_carried_values_cannot_reach_other_fields(tmp_path):
    """A carried value with the right hash but keys the field may not hold (another
    field, the draft's version, a nested mapping), a key that names another reference,
    NaN, YAML-breaking text: refused, or kept as plain text in its own field."""
    markdown = _rendered(tmp_path)
    consent = (
        "Written informed consent was obtained from the patient's legal guardian for "
        "publication of this case report and any accompanying images. A copy of the "
        "written consent is available for review by the Editor-in-Chief of this journal."
    )
    entry = "Le C, Bedocs PM. Calcinosis cutis. Treasure Island: StatPearls; 2020."

    def forge(path: str, printed: str, value: object) -> None:
        nonlocal markdown
        carried = quote(printed_hash(printed) + "." + json.dumps(value), safe="")
        markdown, n = re.subn(
            _WRITTEN_RE.format(path=re.escape(path)), rf"\g<1>{carried}\g<2>", markdown
        )
        assert n == 1, path

    forge("consent", consent, {"obtained": True, "statement": "Injected.", "carekit": 2})
    forge("references.0", entry, {"id": "le2020", "title": "x", "unplaced": [{"text": "y"}]})
    forge("references.1", "Alsaif F, Abduljabbar AM. Unilateral idiopathic calcinosis "
          "cutis: a case report. Case Rep Dermatol. 2017;9:20–4.",
          {"id": "other", "title": "Not this entry's"})  # fmt: skip
    forge("diagnostics.labs.0", "16.9 10⁹/L", {"unit": {"nested": "mapping"}})
    weird = "a: b\n---\n!!python/object:os.system [rm]\n\"'\\ \u2028 # end"
    markdown = markdown.replace("written.diagnostics.labs.2=", "written.diagnostics.labs.2=x", 1)
    back = _imported(tmp_path, markdown)
    assert back["carekit"] == 1 and "unplaced" not in back
    assert back["consent"]["statement"].startswith("Written informed consent")
    assert "obtained" not in back["consent"]  # the whole forged value is refused
    assert back["references"][0] == {"id": "le2020", "title": entry}
    assert back["references"][1]["id"] == "alsaif2017"
    assert "Not this entry's" not in str(back)
    assert back["diagnostics"]["labs"][0]["unit"] != {"nested": "mapping"}
    # Plain but hostile text in a field's own key stays text, and the YAML stays YAML.
    markdown = _rendered(tmp_path)
    forge("references.0", entry, {"id": "le2020", "title": weird, "year": float("nan")})
    back = _imported(tmp_path, markdown)
    assert back["references"][0] == {"id": "le2020", "title": entry}  # NaN: refused
    markdown = _rendered(tmp_path)
    forge("references.0", entry, {"id": "le2020", "title": "x" * 9000})  # past the limit
    assert _imported(tmp_path, markdown)["references"][0] == {"id": "le2020", "title": entry}
    markdown = _rendered(tmp_path)
    forge("references.0", entry, {"id": "le2020", "title": weird})
    back = _imported(tmp_path, markdown)
    assert back["references"][0] == {"id": "le2020", "title": weird}
