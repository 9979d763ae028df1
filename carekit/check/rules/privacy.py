"""Privacy: identifying details in patient text (HIPAA Safe Harbor, ICMJE, journal rules).

Patient text is every text field except those about the authors and the article: author
names and affiliations, references, declarations (funding, interests, contributions,
acknowledgements, data availability) and the ethics statement may name people, places
and dates. Each finding marks the exact text, says which identifier it is and why, and
suggests a rewrite.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from carekit.check.rules import Rule, RuleContext, register
from carekit.check.rules.privacy_settle import settle
from carekit.draft.model import Draft
from carekit.draft.schema import Path
from carekit.draft.typed import Age, Report
from carekit.findings import Finding, Severity
from carekit.privacy.detectors import detect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

SAFE_HARBOR = "HIPAA Safe Harbor, 45 CFR 164.514(b)(2)"
NOT_PATIENT_TEXT = {
    "authors",
    "affiliations",
    "references",
    "ethics",
    "privacy",
    "bibliography",
    "journal",
    "language",
    "article_type",
    "carekit",
}


# Fields about the literature, and the acknowledgements: searched, with context
# (carekit.privacy.context) that leaves other people's dates, towns and names alone.
LITERATURE = {("introduction",), ("discussion", "literature")}
THANKS = ("declarations", "acknowledgements")


def patient_text(draft: Draft) -> list[tuple[Path, str, str]]:
    """(path, text, scope) of every field the privacy rules search: worked out once per
    draft (each of the eight rules asks), for the last draft asked about."""
    global _last
    if _last is None or _last[0] is not draft:
        _last = (draft, list(_patient_text(draft)))
    return _last[1]


_last: tuple[Draft, list[tuple[Path, str, str]]] | None = None


def _patient_text(draft: Draft) -> Iterator[tuple[Path, str, str]]:
    for path, text in draft.prose():
        if path[0] in NOT_PATIENT_TEXT or path[-1:] == ("file",):
            continue
        if path[0] == "declarations":
            if tuple(path[:2]) == THANKS:
                yield path, text, "thanks"
            continue
        yield (
            path,
            text,
            "literature"
            if tuple(path[:2]) in LITERATURE or tuple(path[:1]) in LITERATURE
            else "patient",
        )


class PrivacyRule(Rule):
    """Shared behaviour: run one detector over every patient text field."""

    identifier: ClassVar[str]  # what the identifier is, and the rule behind it
    rewrite: ClassVar[str]  # the suggested rewrite
    noun: ClassVar[str] = "identifying details"  # what an accepted disclosure keeps

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        found = list(self.structured(draft)) + list(self.in_text(draft, ctx))
        yield from settle(self, draft, found, ctx.journal)

    def in_text(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        detector = self.id
        if self.id == "privacy-date" and ctx.journal and ctx.journal.fact("privacy", "no_dates"):
            detector = "privacy-date-strict"  # months and years too
        for path, text, scope in patient_text(draft):
            # One locator per field, carried from hit to hit: locating each hit from the
            # start of the draft made a draft full of dates take minutes. Made only for a
            # field with hits: most fields have none.
            locator = None
            for hit in detect(detector, text, ctx.privacy_allow, scope):
                locator = locator or draft.locator(path, text)
                yield self.finding(
                    f"{hit.text!r} looks like {self.identifier}.",
                    locator.span(hit.start, hit.end),
                    self.rewrite,
                    excerpt=hit.text,
                )

    def structured(self, draft: Draft) -> Iterator[Finding]:
        """Findings on structured fields (a calendar date, an age); none by default."""
        return iter(())


@register
class PrivacyDate(PrivacyRule):
    """Calendar dates in patient text (admission, birth, surgery...) help identify a patient;
    Safe Harbor removes every part of a date except the year. A relative time keeps the
    course of the case readable: "on day 3", "two weeks later", "at 6 months of age"."""

    id = "privacy-date"
    noun = "calendar dates"
    summary = "No calendar dates in patient text; relative times instead (a year alone is fine)."
    identifier = f"a calendar date ({SAFE_HARBOR}: all elements of dates except the year)"
    rewrite = (
        'Give the time relative to the presentation, e.g. "on day 3" or "two weeks '
        'later"; in the timeline use `at: day 3` instead of `date:`.'
    )
    passing = (
        "carekit: 1\nclinical_findings: On day 3 the swelling was smaller; in 2021 ...\n"
        "discussion: {literature: The search was last updated on 4 October 2023.}\n"
    )
    failing = (
        "carekit: 1\nclinical_findings: He was admitted on 12/03/2021 and seen again "
        "on March 20th.\ntimeline:\n  - {date: 2021-03-12, event: Admission.}\n"
    )

    def structured(self, draft: Draft) -> Iterator[Finding]:
        for i, entry in enumerate(draft.model.timeline):
            if "-" in str(entry.date or ""):  # more than a year
                yield self.finding(
                    f"Timeline entry {i + 1} has the calendar date {entry.date}, which "
                    f"identifies the patient ({SAFE_HARBOR}).",
                    draft.span("timeline", i, "date"),
                    "Replace `date:` with a relative `at:` such as `day 0` or `week 2`.",
                    excerpt=str(entry.date),
                )


def _ages(report: Report) -> Iterator[Age]:
    """Every age the draft gives: each patient's, at presentation and at other times."""
    for patient in report.all_patients:
        yield patient.age
        yield from (entry.age for entry in patient.ages)


@register
class PrivacyAge(PrivacyRule):
    """Ages over 89 are rare enough to identify a patient; Safe Harbor groups them all as
    "90 or older"."""

    id = "privacy-age"
    noun = "mentions of an age over 89"
    summary = 'Ages over 89 are given as "90 years or older".'
    identifier = f"an age over 89 ({SAFE_HARBOR}: ages over 89 are aggregated)"
    rewrite = 'Write "90 years or older" (and set `patient.age` to {min: 90, unit: years}).'
    passing = (
        "carekit: 1\npatient: {age: {min: 90, unit: years}}\n"
        "clinical_findings: A man aged 90 or older.\n"
    )
    failing = (
        "carekit: 1\npatient: {age: 93 years}\nclinical_findings: A nonagenarian, now 93, fell.\n"
    )

    def structured(self, draft: Draft) -> Iterator[Finding]:
        for age in _ages(draft.model):  # every patient's, at every time point
            exact = age.value if age.value is not None else age.max
            if age.unit == "years" and exact is not None and exact >= 90:
                yield self.finding(
                    f"The patient's age ({exact:g} years) is over 89 ({SAFE_HARBOR}).",
                    age.span,
                    "Write the age as `{min: 90, unit: years}` (90 or older).",
                )


@register
class PrivacyName(PrivacyRule):
    """Names of the patient, relatives or treating staff in patient text: a title with a
    name ("Mrs Jones", "Dr. Ahmed"), initials standing for the patient ("patient J.D."),
    or a named relative ("his wife, Maria"). Eponyms (Parkinson's disease, Gram stain) and
    drug names are not names of people here."""

    id = "privacy-name"
    severity = Severity.WARNING
    summary = "No names or initials of the patient, relatives or staff in patient text."
    identifier = f"a person's name or initials ({SAFE_HARBOR}: names; ICMJE: no initials)"
    rewrite = 'Remove it: write "the patient", "his wife", "the treating physician".'
    passing = (
        "carekit: 1\nclinical_findings: His mother noticed a rash; Parkinson's disease was "
        "excluded. A Sister Mary Joseph nodule; a Denis Browne bar.\n"
    )
    failing = (
        "carekit: 1\nclinical_findings: Mrs Jones, the mother of patient J.D., noticed a rash. "
        "Kenji Watanabe was admitted; baby Oluwaseun was fed.\n"
    )


@register
class PrivacyRecordNumber(PrivacyRule):
    """Medical record, hospital, case, insurance, account, social-security or NHS numbers,
    licence numbers and device serial numbers identify the patient directly."""

    id = "privacy-record-number"
    summary = "No record, account, insurance or device numbers in patient text."
    identifier = f"a record or account number ({SAFE_HARBOR}: record, plan and serial numbers)"
    rewrite = "Delete the number."
    passing = "carekit: 1\nclinical_findings: Sodium was 139 mmol/L on day 2 (Table 1).\n"
    failing = (
        "carekit: 1\nclinical_findings: The boy (MRN 4481920) was admitted; the biopsy "
        "(accession S19-22081) was mislabelled.\n"
    )


@register
class PrivacyPhone(PrivacyRule):
    """Telephone and fax numbers in patient text, of the patient or the family: a number
    leads straight to a person."""

    id = "privacy-phone"
    summary = "No telephone or fax numbers in patient text."
    identifier = f"a telephone or fax number ({SAFE_HARBOR})"
    rewrite = "Delete the number."
    passing = (
        "carekit: 1\nclinical_findings: Blood pressure was 120/80 mmHg; platelets 530 x 10^9/L.\n"
    )
    failing = "carekit: 1\nclinical_findings: The family can be reached on +44 20 7946 0958.\n"


@register
class PrivacyEmail(PrivacyRule):
    """E-mail addresses in patient text (the corresponding author's belongs in `authors`)."""

    id = "privacy-email"
    summary = "No e-mail addresses in patient text."
    identifier = f"an e-mail address ({SAFE_HARBOR})"
    rewrite = "Delete it; the corresponding author's e-mail belongs under `authors`."
    passing = "carekit: 1\nclinical_findings: The parents were contacted by the team.\n"
    failing = "carekit: 1\nclinical_findings: The father wrote from j.doe@example.org.\n"


@register
class PrivacyUrl(PrivacyRule):
    """Web addresses and IP addresses in patient text (a family blog, a fundraising page)."""

    id = "privacy-url"
    summary = "No URLs or IP addresses in patient text."
    identifier = f"a web or IP address ({SAFE_HARBOR}: URLs and IP addresses)"
    rewrite = "Delete it."
    passing = "carekit: 1\nclinical_findings: Version 2.1 of the score was used (Fig. 2).\n"
    failing = (
        "carekit: 1\nclinical_findings: Her parents blog at https://example.org/our-girl and "
        "gofundme.com/f/our-girl; the pump synced from 2001:db8:4a2::17.\n"
    )


@register
class PrivacyPlace(PrivacyRule):
    """Places smaller than a state or region tied to the patient: street addresses,
    postcodes, the named town or village they live in or come from, and the named hospital
    or clinic that treated them (allowed in affiliations and the ethics statement).
    Countries and large regions are fine."""

    id = "privacy-place"
    noun = "places or institutions"
    severity = Severity.WARNING
    summary = "No towns, addresses, postcodes or named hospitals tied to the patient."
    identifier = (
        f"a place smaller than a region ({SAFE_HARBOR}: geographic units smaller "
        "than a state; journals: no institutions tied to the patient)"
    )
    rewrite = (
        'Name only the country or region, or describe it: "a rural town", "a tertiary '
        'hospital". Add large regions to `privacy: allow:` in .carekit.yaml.'
    )
    passing = (
        "carekit: 1\nclinical_findings: A farmer from Saudi Arabia was seen at our hospital "
        "with Lyme disease; the Glasgow Coma Scale was 14 and the Ottawa ankle rules applied.\n"
    )
    failing = (
        "carekit: 1\nclinical_findings: A farmer who lives in Oakridge was admitted to "
        "St Brigid's Hospital. She grew up in Wigan and lives at 5 Bóthar na Trá, Spiddal, "
        "H91 X2T4.\n"
    )


def _example_png(text: dict[str, str]) -> bytes:
    """A 1x1 PNG with the given text chunks, for this module's examples."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    texts = b"".join(chunk(b"tEXt", f"{k}\0{v}".encode("latin-1")) for k, v in text.items())
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + texts
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


@register
class PrivacyImageMetadata(Rule):
    """Figure files carry metadata the eye does not see: the GPS position and date where a
    photograph was taken, the camera's serial number, the names of the photographer or the
    patient in EXIF, XMP or PNG text. `carekit scrub` writes copies without it and leaves
    the pixels (and the originals) untouched."""

    id = "privacy-image-metadata"
    summary = "Figure files carry no identifying metadata (EXIF, GPS, XMP, PNG text)."
    # Made when an example runs, not on every check (zlib is not loaded otherwise).
    files = {
        "clean.png": partial(_example_png, {}),
        "tagged.png": partial(_example_png, {"Author": "Jane Doe", "Creation Time": "2021-03-12"}),
    }
    passing = "carekit: 1\nfigures: [{id: a, file: clean.png, caption: A clean figure}]\n"
    failing = "carekit: 1\nfigures: [{id: a, file: tagged.png, caption: A tagged figure}]\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        from carekit.draft.files import RASTER, OutsideFolder, inside_folder

        for i, figure in enumerate(draft.model.figures):
            if not str(figure.file).lower().endswith(RASTER):
                continue
            from carekit.privacy.images import identifying_metadata  # only for raster figures

            try:
                path = inside_folder(draft.folder, figure.file)
            except OutsideFolder:
                continue  # figure-file reports it
            found = identifying_metadata(path)
            if found:
                yield self.finding(
                    f"The file of figure {figure.id!r} carries identifying metadata: "
                    f"{'; '.join(found)} ({SAFE_HARBOR}: dates, places, serial numbers, names).",
                    draft.span("figures", i, "file"),
                    f"Run `carekit scrub {draft.file.name}` for cleaned copies (or add "
                    "--in-place to clean the files themselves); the pixels stay unchanged.",
                    excerpt=figure.file,
                )


@register
class PrivacyExactAge(Rule):
    """Where a journal prefers age ranges (ICMJE, BMJ and BMC practice: "in her 40s" when
    the exact age is not essential), an exact age in years is pointed out, for information:
    keep it when it matters clinically."""

    id = "privacy-exact-age"
    items = ("patient-demographics",)
    severity = Severity.INFO
    summary = "An exact age is pointed out where the journal prefers an age range."
    passing = (
        "carekit: 1\njournal: bmj-case-reports\npatient: {age: {min: 40, max: 49, unit: years}}\n"
    )
    failing = "carekit: 1\njournal: bmj-case-reports\npatient: {age: 47 years}\n"

    def check(self, draft: Draft, ctx: RuleContext) -> Iterator[Finding]:
        journal = ctx.journal
        if not journal or not journal.fact("prefer_age_range", "value"):
            return
        for age in _ages(draft.model):
            if age.value is None or age.unit != "years":
                continue
            decade = int(age.value) // 10 * 10
            yield self.finding(
                f"The exact age ({age.value:g} years) may identify the patient; "
                f"{journal.title} prefers age ranges where the exact age is not essential "
                f"({journal.basis('prefer_age_range')}).",
                age.span,
                f"If the exact age does not matter clinically, write a range: "
                f"`age: {{min: {decade}, max: {decade + 9}, unit: years}}` (in the {decade}s).",
            )
