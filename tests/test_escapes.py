"""No name, link or reference can make fzgen read outside the content or write outside the output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import OFFER_YAML, site_tree, write_tree

from fzgen.output.write import UnsafeOutputPath, write_files

SECRET = "geheim-1234567890"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def all_output_bytes(output: Path) -> bytes:
    return b"".join(p.read_bytes() for p in output.rglob("*") if p.is_file() and not p.is_symlink())


def test_links_in_files_are_not_published(tmp_path, fzgen, secret):
    write_tree(tmp_path, site_tree({"files/flyer.pdf": b"%PDF"}))
    files = tmp_path / "content/test/files"
    os.symlink(secret, files / "passwort.txt")
    os.symlink("/etc/passwd", files / "passwd")
    os.symlink(secret.parent, files / "ordner")
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    assert "Hinweis: test/files/passwd" in result.out
    output = tmp_path / "output"
    assert (output / "test/files/flyer.pdf").is_file()
    assert (
        not (output / "test/files/passwd").exists() and not (output / "test/files/ordner").exists()
    )
    assert SECRET.encode() not in all_output_bytes(output)
    assert b"root:" not in all_output_bytes(output)
    assert not [p for p in output.rglob("*") if p.is_symlink()]


def test_linked_offer_file_outside_the_site_is_refused(tmp_path, fzgen, secret):
    write_tree(tmp_path, site_tree())
    secret.write_text(OFFER_YAML.replace("Elterncafé", SECRET))
    os.symlink(secret, tmp_path / "content/test/offers/fremd.yaml")
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    assert "Fehler: test/offers/fremd.yaml" in result.err
    assert not (tmp_path / "output").exists()


def test_linked_site_folder_is_not_read(tmp_path, fzgen):
    write_tree(tmp_path, site_tree())
    elsewhere = tmp_path / "elsewhere"
    write_tree(elsewhere, site_tree())
    os.symlink(elsewhere / "content/test", tmp_path / "content/zweite")
    result = fzgen(tmp_path, "build")
    assert result.code == 0, result.err
    assert "Hinweis: zweite" in result.out
    assert not (tmp_path / "output/zweite").exists()


@pytest.mark.parametrize(
    "image",
    [
        "files/../../outside/secret.txt",
        "/etc/passwd",
        "../site.yaml",
        "files/./bild.png",
        "files//x",
    ],
)
def test_image_paths_cannot_leave_files(tmp_path, fzgen, image):
    text = OFFER_YAML + f"image: '{image}'\nimage_alt: Bild\n"
    write_tree(tmp_path, site_tree({"offers/elterncafe.yaml": text}))
    result = fzgen(tmp_path, "build")
    assert result.code == 1
    assert "ist kein Pfad im Ordner files/" in result.err


@pytest.mark.parametrize("name", ["..", "...", "a..b", "x y", "ÄÖÜ", "-"])
def test_hostile_page_and_offer_names(tmp_path, fzgen, name):
    write_tree(
        tmp_path,
        site_tree({f"offers/{name}.yaml": OFFER_YAML, f"pages/{name}.md": "---\ntitle: x\n---\n"}),
    )
    result = fzgen(tmp_path, "build")
    output = tmp_path / "output"
    if result.code == 0:  # a name of only a-z, 0-9 and - is fine ("-" is, per the contract)
        assert all(p.resolve().is_relative_to(output.resolve()) for p in output.rglob("*"))
    else:
        assert result.code == 1 and "nicht erlaubt" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) in (["content"], ["content", "output"])


@pytest.mark.parametrize(
    "path", ["../x.html", "/etc/x", "a/../../x", "a//b", "a/./b", "a\\b", "", ".fzgen-manifest"]
)
def test_the_writer_refuses_paths_that_could_leave_the_output(tmp_path, path):
    """The last guard: whatever a renderer produced, nothing lands outside the output."""
    with pytest.raises(UnsafeOutputPath):
        write_files(tmp_path / "output", {"ok/index.html": b"ok", path: b"x"})
    assert not (tmp_path / "x.html").exists()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] in ([], ["index.html"])
