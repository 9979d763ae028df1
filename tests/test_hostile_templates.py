"""Hostile repository folders: a draft that picks its own profile and template, template
folders with symbolic links out, and a template that poisons the compiled-template cache.

Each test is an attack that worked on carekit 1.0 (issue #10, classes 1 and 9)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from carekit.journals.profiles import journals_dir
from conftest import carekit

SECRET = "CI_TOKEN_b1-7f3e9c"  # stands for the renderer's environment (/proc/self/environ)
HOSTILE = "HOSTILE_PROFILE_WAS_USED"
DRAFT = "carekit: 1\ntitle: Calcinosis cutis after calcium infusion in an infant\n"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _texts(folder: Path) -> str:
    """Everything carekit wrote under `folder`, as text: PDFs by their text and metadata."""
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            out += [page.extract_text() for page in reader.pages]
            out += [str(value) for value in (reader.metadata or {}).values()]
        out.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(out)


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return secret


# --- Class 1a: a draft names a profile file --------------------------------------------


def _hostile_repository(tmp_path: Path) -> Path:
    """A repository with its own profile and template, which a draft points at."""
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    template = repo / "evil-template"
    template.mkdir()
    (template / "manuscript.md.j2").write_text(f"# {HOSTILE}\n\n{{{{ title }}}}\n")
    profile = f"name: evil\ntitle: {HOSTILE}\ntemplate: {template}\n"
    # carekit 1.0 added `.yaml` to a name it did not know, so give both spellings.
    for name in ("evil.yaml", "evil.yaml.yaml", "evil"):
        (repo / name).write_text(profile, encoding="utf-8")
    return repo


def _journal_values(repo: Path) -> list[str]:
    traversal = os.path.relpath(repo / "evil", journals_dir())  # 1.0 joined it to its own
    return ["../evil.yaml", str(repo / "evil.yaml"), traversal]


@pytest.mark.parametrize("kind", [0, 1, 2], ids=["relative", "absolute", "traversal"])
def test_a_draft_cannot_choose_its_profile_file(tmp_path, kind):
    repo = _hostile_repository(tmp_path)
    value = _journal_values(repo)[kind]
    draft = repo / "drafts" / "draft.yaml"
    draft.write_text(DRAFT + f"journal: {value}\n", encoding="utf-8")

    check = carekit("check", "-f", "json", str(draft))
    assert check.code == 1
    report = check.json()["files"][0]
    found = [f for f in report["findings"] if f["rule"] == "journal-path"]
    assert len(found) == 1 and found[0]["severity"] == "error"
    assert "names a file" in found[0]["message"]
    assert "may only name a journal by its name" in found[0]["message"]
    assert report["stats"]["journal"] == "care"  # checked against CARE, not the profile
    assert not [f for f in report["findings"] if f["rule"] == "journal-unknown"]
    assert HOSTILE not in check.out
    text = carekit("check", str(draft))
    assert "journal-path" in text.out and "names a file" in text.out

    out = tmp_path / "out"
    render = carekit("render", str(draft), "-o", str(out), "--to", "md,html")
    assert render.code == 2
    assert "names a file" in render.err and "--journal" in render.err
    assert not out.exists() or not list(out.iterdir())
    assert HOSTILE not in render.out + render.err

    submit = carekit("submit", str(draft), "-o", str(tmp_path / "pack"), "--force")
    assert submit.code == 2 and "names a file" in submit.err
    assert not (tmp_path / "pack").exists() or HOSTILE not in _texts(tmp_path / "pack")


def test_profile_files_come_from_the_configuration_and_stay_inside_it(tmp_path):
    """The supported way: .carekit.yaml names the profile file; the draft names it by name.
    A profile's template beside it is used; one outside the repository is refused."""
    repo = tmp_path / "repo"
    (repo / "profiles" / "house").mkdir(parents=True)
    (repo / "profiles" / "house" / "manuscript.md.j2").write_text("# HOUSE {{ title }}\n")
    (repo / "profiles" / "house.yaml").write_text("name: house\ntemplate: house\n")
    (repo / ".carekit.yaml").write_text("journal: profiles/house.yaml\n")
    draft = repo / "draft.yaml"
    draft.write_text(DRAFT + "journal: house\n", encoding="utf-8")
    report = carekit("check", "-f", "json", str(draft)).json()["files"][0]
    assert report["stats"]["journal"] == "house"
    assert not {"journal-unknown", "journal-path"} & {f["rule"] for f in report["findings"]}
    assert carekit("render", str(draft), "--to", "md").code == 0
    assert "\n---\n\n# HOUSE Calcinosis" in (repo / "draft.md").read_text(encoding="utf-8")

    # The profile's template may not leave the profile's folder, nor go through a link.
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "manuscript.md.j2").write_text(f"# {HOSTILE}\n")
    for template in (str(outside), "../../elsewhere"):
        (repo / "profiles" / "house.yaml").write_text(f"name: house\ntemplate: {template}\n")
        run = carekit("render", str(draft), "--to", "md")
        assert run.code == 2 and "outside the profile's folder" in run.err
    (repo / "profiles" / "linked").symlink_to(outside)
    (repo / "profiles" / "house.yaml").write_text("name: house\ntemplate: linked\n")
    run = carekit("render", str(draft), "--to", "md")
    assert run.code == 2 and "symbolic link" in run.err
    assert HOSTILE not in (repo / "draft.md").read_text()

    # The configuration's profile file must lie in the repository too.
    (repo / ".carekit.yaml").write_text(f"journal: {outside / 'evil.yaml'}\n")
    run = carekit("check", str(draft))
    assert run.code == 2 and "outside the configuration's folder" in run.err


# --- Class 1b: template folders never read through a link ------------------------------

MANUSCRIPT = "# {{ title }}\n\n{{ introduction }}\n"
DOCUMENT = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>{{ title }}</title>"
    "<meta name='keywords' content='{% include \"x.j2\" %}'><style>{{ css }}</style></head>"
    "<body>{{ body }}</body></html>"
)


def _link_include(folder: Path, secret: Path) -> None:
    (folder / "manuscript.md.j2").write_text(MANUSCRIPT + 'LEAK {% include "x.j2" %}\n')
    (folder / "x.j2").symlink_to(secret)


def _link_in_metadata(folder: Path, secret: Path) -> None:
    (folder / "manuscript.md.j2").write_text(MANUSCRIPT)
    (folder / "document.html.j2").write_text(DOCUMENT)
    (folder / "x.j2").symlink_to(secret)


def _link_stylesheet(folder: Path, secret: Path) -> None:
    (folder / "manuscript.md.j2").write_text(MANUSCRIPT)
    (folder / "style.css").symlink_to(secret)


def _linked_subfolder(folder: Path, secret: Path) -> None:
    (folder / "manuscript.md.j2").write_text(MANUSCRIPT + '{% import "parts/secret.txt" as s %}')
    (folder / "parts").symlink_to(secret.parent)


def _link_inside(folder: Path, secret: Path) -> None:
    """Even a link to a file inside the folder is refused: the rule is simply no links."""
    (folder / "real.j2").write_text(MANUSCRIPT)
    (folder / "manuscript.md.j2").symlink_to(folder / "real.j2")


@pytest.mark.parametrize(
    "build",
    [_link_include, _link_in_metadata, _link_stylesheet, _linked_subfolder, _link_inside],
    ids=["include", "pdf-metadata", "style.css", "subfolder", "link-inside"],
)
def test_a_template_folder_with_links_is_refused(tmp_path, build):
    secret = _secret(tmp_path)
    folder = tmp_path / "template"
    folder.mkdir()
    build(folder, secret)
    draft = tmp_path / "draft" / "draft.yaml"
    draft.parent.mkdir()
    draft.write_text(DRAFT + "introduction: Calcinosis cutis is rare.\n", encoding="utf-8")
    out = tmp_path / "out"
    run = carekit(
        "render", str(draft), "-o", str(out), "--to", "md,html,pdf", "--template", str(folder)
    )
    assert run.code == 2
    assert "symbolic link" in run.err and "template folder" in run.err.lower()
    assert SECRET not in run.out + run.err
    if out.exists():
        assert SECRET not in _texts(out)


def test_sections_yaml_is_not_read_through_a_link(tmp_path):
    secret = tmp_path / "outside" / "sections.yaml"
    secret.parent.mkdir()
    secret.write_text(f"1: {SECRET}\n", encoding="utf-8")
    folder = tmp_path / "template"
    folder.mkdir()
    (folder / "manuscript.md.j2").write_text(MANUSCRIPT)
    (folder / "sections.yaml").symlink_to(secret)
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out"
    run = carekit("checklist", str(draft), "-o", str(out), "--to", "md", "--template", str(folder))
    assert run.code == 2 and "symbolic link" in run.err
    if out.exists():
        assert SECRET not in _texts(out)


# --- Class 9: one template cannot change how another is compiled -----------------------


@pytest.mark.parametrize(
    "hostile",
    [
        '# x\n{% include "document.html.j2" %}\n',
        '# x\n{% import "document.html.j2" as page %}\n',
        '{% extends "document.html.j2" %}\n',
    ],
    ids=["include", "import", "extends"],
)
def test_a_hostile_template_cannot_poison_the_compiled_template_cache(tmp_path, hostile):
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    template = tmp_path / "template"
    template.mkdir()
    (template / "manuscript.md.j2").write_text(hostile)
    title = "Calcinosis <script>alert(1)</script> cutis"
    draft = tmp_path / "draft" / "draft.yaml"
    draft.parent.mkdir()
    draft.write_text(f'carekit: 1\ntitle: "{title}"\n', encoding="utf-8")

    # The attacker's render compiles the bundled HTML page in the Markdown environment...
    first = tmp_path / "first"
    carekit(
        "render", str(draft), "-o", str(first), "--to", "md", "--template", str(template), env=env
    )
    # ...then the victim renders with the bundled template, sharing the cache.
    out = tmp_path / "out"
    assert carekit("render", str(draft), "-o", str(out), "--to", "html", env=env).code == 0
    page = tinyhtml5.parse((out / "draft.html").read_text(encoding="utf-8"))
    assert page.find(f"{XHTML}head/{XHTML}title").text == title
    assert page.findall(f".//{XHTML}script") == []
    # The cache is carekit's own, outside every template and draft folder.
    assert list(cache.rglob("*.cache"))
    assert not list(template.rglob("*.cache")) and not list(draft.parent.rglob("*.cache"))


def test_a_folder_named_like_a_bundled_template_is_not_taken_for_it(tmp_path):
    """A stranger's repository with a `default/` (or `jmcr/`) folder, rendered from its
    root: carekit's own templates are used, by name."""
    for name in ("default", "jmcr"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "manuscript.md.j2").write_text(f"# {HOSTILE}\n")
    (tmp_path / "draft.yaml").write_text(DRAFT + "journal: jmcr\n", encoding="utf-8")
    (tmp_path / "plain.yaml").write_text(DRAFT, encoding="utf-8")
    for args in (["draft.yaml"], ["plain.yaml"], ["plain.yaml", "--template", "default"]):
        assert carekit("render", *args, "--to", "md", cwd=tmp_path).code == 0
        written = (tmp_path / args[0]).with_suffix(".md").read_text()
        assert HOSTILE not in written and "\n---\n\n# Calcinosis" in written
    # The user's own copy is still reachable as a path.
    run = carekit("render", "plain.yaml", "--to", "md", "--template", "./default", cwd=tmp_path)
    assert run.code == 0 and HOSTILE in (tmp_path / "plain.md").read_text()


def test_init_will_not_write_a_journal_path_into_a_draft(tmp_path):
    run = carekit("init", str(tmp_path / "draft.yaml"), "--journal", "../evil.yaml")
    assert run.code == 2 and "names a file" in run.err
    assert not (tmp_path / "draft.yaml").exists()
