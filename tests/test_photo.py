"""A site's photo (site.yaml `photo`): sizes made at build time without metadata, named by
their content, shown on the home page with srcset; German errors when it cannot be."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import OFFER_YAML, SITE_YAML, site_tree, write_tree
from PIL import Image
from sitebuild import build_tree, fixed_day, snapshot

from fzgen.build.live import LiveBuild
from fzgen.project import find_project
from fzgen.render import images

OUT = Path("output/test")
ROOT = Path(__file__).resolve().parent.parent
PHOTO = "photo:\n  file: files/haus.jpg\n  alt:\n    de: Das Haus mit rotem Dach\n    en: The house with a red roof\n"
GPS_LATITUDE = (53.0, 48.0, 30.0)


def camera_jpeg(width: int = 2000, height: int = 1500, turned: bool = True) -> bytes:
    """A JPEG as a phone writes it: EXIF with a GPS position, a camera, a comment, and
    the orientation "turn right" (the pixels lie on their side)."""
    picture = Image.new("RGB", (width, height), (200, 120, 60))
    picture.paste((40, 90, 160), (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x010F] = "Phonemaker"  # Make
    if turned:
        exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (10.0, 22.0, 5.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes(), comment=b"Bad Oldesloe, Hausnummer 8")
    return out.getvalue()


def _site(tmp_path: Path, photo: str = PHOTO, files: dict[str, bytes] | None = None) -> Path:
    files = {"files/haus.jpg": camera_jpeg()} if files is None else files
    tree = {"site.yaml": SITE_YAML + photo, **files}
    return write_tree(tmp_path, site_tree(tree))


def _home(root: Path, language: str) -> BeautifulSoup:
    html = (root / OUT / language / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _made(root: Path) -> dict[str, Image.Image]:
    return {p.name: Image.open(p) for p in sorted((root / OUT / "files").iterdir())}


def test_the_photo_is_made_in_three_sizes_upright_and_the_home_page_offers_them(tmp_path, fzgen):
    root = _site(tmp_path)
    result = fzgen(root, "build")
    assert result.code == 0, result.err
    made = _made(root)
    sizes = {name: picture.size for name, picture in made.items() if name != "haus.jpg"}
    # Upright: the 2000 × 1500 pixels lay on their side, the photo is 1500 × 2000.
    assert sorted(sizes.values()) == [(480, 640), (800, 1067), (1200, 1600)]
    assert all(re.fullmatch(r"haus-\d+w\.[0-9a-f]{12}\.jpg", name) for name in sizes)
    assert made["haus.jpg"].size == (1500, 2000)
    for name, picture in made.items():
        assert picture.format == "JPEG" and picture.info.get("progressive"), name
    img = _home(root, "de").select_one("img.home-photo")
    assert img is not None
    src = {int(w.removesuffix("w")): p for p, w in (s.split() for s in img["srcset"].split(", "))}
    assert sorted(src) == [480, 800, 1200]
    assert all(path.startswith("../files/haus-") for path in src.values())
    assert img["src"] == src[800]
    assert (img["width"], img["height"]) == ("1200", "1600")
    assert img["alt"] == "Das Haus mit rotem Dach"
    assert img["sizes"].endswith("calc(100vw - 2rem)")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    for path, width in ((p, w) for w, p in src.items()):
        assert (root / OUT / "de" / path).resolve().is_file()
        assert Image.open(root / OUT / "de" / path).width == width
    assert _home(root, "en").select_one("img.home-photo")["alt"] == "The house with a red roof"
    # Turkish has no description of its own: the German one, as every text falls back.
    assert _home(root, "tr").select_one("img.home-photo")["alt"] == "Das Haus mit rotem Dach"


def test_no_gps_position_camera_or_comment_reaches_the_output(tmp_path, fzgen):
    source = camera_jpeg()
    assert b"Phonemaker" in source and b"Hausnummer" in source
    root = _site(tmp_path, files={"files/haus.jpg": source})
    assert fzgen(root, "build").code == 0
    for name, picture in _made(root).items():
        data = (root / OUT / "files" / name).read_bytes()
        assert dict(picture.getexif()) == {}, name
        assert not {"exif", "comment", "xmp"} & set(picture.info), name
        assert b"Exif" not in data and b"Phonemaker" not in data and b"Hausnummer" not in data


def test_two_builds_give_the_same_bytes_and_new_photo_bytes_give_new_names(tmp_path):
    root = _site(tmp_path)
    first = snapshot(build_tree(root / "content", tmp_path / "one"))
    second = snapshot(build_tree(root / "content", tmp_path / "two"))
    assert first == second
    (root / "content/test/files/haus.jpg").write_bytes(camera_jpeg(1999))
    third = snapshot(build_tree(root / "content", tmp_path / "three"))
    sizes = {path for path in first if re.search(r"haus-\d+w\.", path)}
    assert len(sizes) == 3 and not sizes & third.keys()
    assert third["test/files/haus.jpg"] != first["test/files/haus.jpg"]


def test_a_small_photo_is_never_scaled_up(tmp_path, fzgen):
    root = _site(tmp_path, files={"files/haus.jpg": camera_jpeg(300, 200, turned=False)})
    assert fzgen(root, "build").code == 0
    img = _home(root, "de").select_one("img.home-photo")
    assert img["srcset"].endswith(" 300w") and ", " not in img["srcset"]
    assert (img["width"], img["height"]) == ("300", "200")
    assert {p.size for p in _made(root).values()} == {(300, 200)}


def test_a_transparent_png_keeps_its_transparency_in_webp_sizes(tmp_path, fzgen):
    picture = Image.new("RGBA", (1000, 500), (0, 0, 0, 0))
    picture.paste((180, 70, 50, 255), (0, 0, 500, 500))
    out = io.BytesIO()
    picture.save(out, "PNG")
    photo = PHOTO.replace("haus.jpg", "haus.png")
    root = _site(tmp_path, photo, {"files/haus.png": out.getvalue()})
    assert fzgen(root, "build").code == 0
    made = _made(root)
    assert made["haus.png"].format == "PNG" and made["haus.png"].mode == "RGBA"
    webp = {name: p for name, p in made.items() if name.endswith(".webp")}
    assert sorted(p.size for p in webp.values()) == [(480, 240), (800, 400), (1000, 500)]
    for picture in webp.values():
        assert picture.format == "WEBP" and picture.mode == "RGBA"
        assert picture.getpixel((picture.width - 1, 0))[3] == 0


def test_each_size_is_made_once_for_all_languages_and_not_again_in_the_preview(
    tmp_path, monkeypatch
):
    site = SITE_YAML.replace("[de, en, tr]", "[de, en, tr, ar, uk, ru, fa, pl]")
    root = write_tree(
        tmp_path, site_tree({"site.yaml": site + PHOTO, "files/haus.jpg": camera_jpeg(2001)})
    )
    made: list[tuple[int, str]] = []
    real = images.make_image
    monkeypatch.setattr(images, "make_image", lambda i: made.append((i.width, i.kind)) or real(i))
    build_tree(root / "content", tmp_path / "out")
    assert sorted(made) == [(480, "JPEG"), (800, "JPEG"), (1200, "JPEG"), (1500, "JPEG")]
    for language in ("ar", "fa", "pl"):
        home = (tmp_path / "out/test" / language / "index.html").read_text(encoding="utf-8")
        assert 'class="home-photo"' in home
    builder = LiveBuild(find_project(root / "content", tmp_path / "preview"))
    with fixed_day():
        builder.full()
        site_yaml = root / "content/test/site.yaml"
        site_yaml.write_text(site + PHOTO.replace("rotem", "rotem, hellem"), encoding="utf-8")
        builder.update([site_yaml])
    assert len(made) == 4  # the site was written twice more, its photo made once
    assert "rotem, hellem" in (tmp_path / "preview/test/de/index.html").read_text()


def test_the_preview_follows_a_new_photo_under_the_same_name(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    builder = LiveBuild(find_project(tmp_path / "content", tmp_path / "preview"))
    photo = tmp_path / "content/bad-oldesloe/files/haus.jpg"
    with fixed_day():
        builder.full()
        before = snapshot(tmp_path / "preview")
        photo.write_bytes(camera_jpeg(1600, 900, turned=False))
        builder.update([photo])
    fresh = snapshot(build_tree(tmp_path / "content", tmp_path / "fresh"))
    assert snapshot(tmp_path / "preview") == fresh
    assert fresh.keys() != before.keys()  # the sizes have new names
    home = (tmp_path / "preview/bad-oldesloe/de/index.html").read_text(encoding="utf-8")
    new_names = {path.rsplit("/", 1)[1] for path in fresh.keys() - before.keys()}
    assert new_names and all(name in home for name in new_names)


def test_without_a_photo_the_home_page_has_none(tmp_path, fzgen):
    root = write_tree(tmp_path, site_tree())
    assert fzgen(root, "build").code == 0
    assert _home(root, "de").select_one("img.home-photo") is None


@pytest.mark.parametrize(
    ("photo", "files", "expected"),
    [
        (
            PHOTO,
            {},
            "Fehler: test/site.yaml, Zeile 27, Spalte 9, Feld „photo → file“\n"
            "  Die Datei „files/haus.jpg“ gibt es nicht.\n",
        ),
        (
            PHOTO,
            {"files/haus.jpg": b"GIF89a, only called .jpg"},
            "Fehler: test/site.yaml, Zeile 27, Spalte 9, Feld „photo → file“\n"
            "  Die Datei „files/haus.jpg“ ist kein lesbares JPEG-, PNG- oder WebP-Bild"
            " (vielleicht beschädigt, unvollständig kopiert oder nur umbenannt).\n",
        ),
        (
            PHOTO,
            {"files/haus.jpg": camera_jpeg()[:3000]},
            "Fehler: test/site.yaml, Zeile 27, Spalte 9, Feld „photo → file“\n"
            "  Die Datei „files/haus.jpg“ ist kein lesbares",
        ),
        (
            PHOTO.replace("haus.jpg", "haus.svg"),
            {"files/haus.svg": b"<svg/>"},
            "Fehler: test/site.yaml, Zeile 27, Spalte 9, Feld „photo → file“\n"
            "  „files/haus.svg“ ist kein Foto, von dem fzgen Größen für die Startseite machen"
            " kann.\n",
        ),
        (
            "photo: files/haus.jpg\n",
            {"files/haus.jpg": camera_jpeg()},
            "Fehler: test/site.yaml, Zeile 26, Spalte 8, Feld „photo“\n"
            "  Zum Foto fehlt die Bildbeschreibung „alt“.\n"
            "  Lösung: Schreiben Sie unter photo: „alt: …“ und beschreiben Sie in einem Satz,",
        ),
        (
            "photo:\n  file: ../other/haus.jpg\n  alt: Das Haus\n",
            {},
            "Fehler: test/site.yaml, Zeile 27, Spalte 9, Feld „photo → file“\n",
        ),
    ],
    ids=["missing", "not-an-image", "cut-short", "svg", "no-alt", "outside"],
)
def test_a_photo_that_cannot_be_shown_is_an_error_with_file_line_and_field(
    tmp_path, fzgen, photo, files, expected
):
    root = _site(tmp_path, photo, files)
    result = fzgen(root, "check")
    assert result.code == 1
    assert expected in result.err


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_photo_waits_below_the_first_phone_screen_and_stands_by_the_contact_on_desktop(
    tmp_path, language
):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    output = build_tree(ROOT / "content", tmp_path / "out")
    home = (output / "bad-oldesloe" / language / "index.html").as_uri()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        phone = browser.new_page(viewport={"width": 360, "height": 640}, java_script_enabled=False)
        phone.goto(home)
        on_phone = phone.locator(".home-photo").bounding_box()
        call = phone.locator('a[href^="tel:"]').first.bounding_box()
        # Dates that fall out or change matter more than a picture: they stand above it.
        changes = phone.locator(".notices-changes").bounding_box()
        desktop = browser.new_page(viewport={"width": 1280, "height": 900})
        desktop.goto(home)
        photo = desktop.locator(".home-photo")
        photo.scroll_into_view_if_needed()
        desktop.wait_for_function("document.querySelector('.home-photo').complete")
        chosen = photo.evaluate("image => image.currentSrc")
        on_desktop, contact = photo.bounding_box(), desktop.locator(".home-contact").bounding_box()
        browser.close()
    assert on_phone and call and call["y"] + call["height"] <= 640 <= on_phone["y"]
    assert on_phone["width"] == 360 - 32 and on_phone["height"] <= 10 * 16
    assert changes and changes["y"] + changes["height"] <= on_phone["y"]
    assert on_desktop and contact
    assert (on_desktop["x"], on_desktop["width"]) == (contact["x"], contact["width"])
    assert contact["y"] + contact["height"] < on_desktop["y"] < 900
    assert re.search(r"/files/haus-480w\.[0-9a-f]{12}\.jpg$", chosen)  # 22rem at 1x


def test_a_hostile_description_and_file_name_stay_text(tmp_path, fzgen):
    photo = (
        'photo:\n  file: "files/Mein Foto, 1 (groß).jpg"\n'
        '  alt: \'Haus" onerror="alert(1)"><script>x</script>\'\n'
    )
    root = _site(tmp_path, photo, {"files/Mein Foto, 1 (groß).jpg": camera_jpeg(900, 600, False)})
    result = fzgen(root, "build")
    assert result.code == 0, result.err
    html = (root / OUT / "de" / "index.html").read_text(encoding="utf-8")
    img = BeautifulSoup(html, "html.parser").select_one("img.home-photo")
    assert img["alt"] == 'Haus" onerror="alert(1)"><script>x</script>'
    assert "onerror" not in img.attrs and "<script>x" not in html
    # A srcset splits at blanks and commas: the sizes' names hold neither.
    names = [entry.split()[0] for entry in img["srcset"].split(", ")]
    assert [n.rsplit("/", 1)[1].split(".")[0] for n in names] == [
        "mein-foto-1-gross-480w",
        "mein-foto-1-gross-800w",
        "mein-foto-1-gross-900w",
    ]
    assert (root / OUT / "files/Mein Foto, 1 (groß).jpg").is_file()


def test_a_photo_without_metadata_is_published_as_given_one_with_a_hidden_tail_is_not(
    tmp_path, fzgen
):
    picture = Image.new("RGB", (1000, 600), (230, 180, 120))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=70)
    plain = out.getvalue()
    root = _site(tmp_path, files={"files/haus.jpg": plain})
    assert fzgen(root, "build").code == 0
    assert (root / OUT / "files/haus.jpg").read_bytes() == plain
    # Bytes after the picture's end (some phones keep a second picture or notes there).
    tail = plain + b"GPS 53.8,10.4"
    (root / "content/test/files/haus.jpg").write_bytes(tail)
    assert fzgen(root, "build").code == 0
    published = (root / OUT / "files/haus.jpg").read_bytes()
    assert b"GPS" not in published and Image.open(io.BytesIO(published)).size == (1000, 600)


# --- an offer's picture (`image` in the offer's file) ---------------------------------

OFFER_PICTURE = OFFER_YAML + "image: files/cafe.jpg\nimage_alt: Eltern am Tisch\n"
DRAWING = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
)


def _offer_page(root: Path, language: str = "de") -> BeautifulSoup:
    html = (root / OUT / language / "angebote/elterncafe/index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_an_offer_picture_comes_in_sizes_with_its_aspect_and_without_the_camera_data(
    tmp_path, fzgen
):
    tree = {"offers/elterncafe.yaml": OFFER_PICTURE, "files/cafe.jpg": camera_jpeg(2400, 1600)}
    root = write_tree(tmp_path, site_tree(tree))
    assert fzgen(root, "build").code == 0
    img = _offer_page(root).select_one("img.offer-picture")
    assert img is not None and img["alt"] == "Eltern am Tisch"
    widths = sorted(
        int(w.removesuffix("w")) for _, w in (s.split() for s in img["srcset"].split(", "))
    )
    assert widths == [480, 800, 1200]
    # Upright (the camera's pixels lay on their side) and its space kept before it loads.
    assert (img["width"], img["height"]) == ("1200", "1800")
    for name, picture in _made(root).items():
        data = (root / OUT / "files" / name).read_bytes()
        assert dict(picture.getexif()) == {} and b"Phonemaker" not in data, name
        assert b"Hausnummer" not in data, name


def test_an_offer_drawing_is_published_as_it_is(tmp_path, fzgen):
    tree = {
        "offers/elterncafe.yaml": OFFER_PICTURE.replace("cafe.jpg", "cafe.svg"),
        "files/cafe.svg": DRAWING,
    }
    root = write_tree(tmp_path, site_tree(tree))
    assert fzgen(root, "build").code == 0
    img = _offer_page(root).select_one("main img")
    assert img["src"] == "../../../files/cafe.svg" and not img.get("srcset")
    assert (root / OUT / "files/cafe.svg").read_bytes() == DRAWING


def test_the_preview_follows_an_offer_picture_that_changes_bytes_or_file(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    site = tmp_path / "content/bad-oldesloe"
    builder = LiveBuild(find_project(tmp_path / "content", tmp_path / "preview"))
    offer = site / "offers/elterncafe.yaml"
    picture = site / "files/elterncafe.png"
    with fixed_day():
        builder.full()
        # New bytes under the same name: the sizes get new names.
        picture.write_bytes((site / "files/haus.jpg").read_bytes())
        builder.update([picture])
        assert snapshot(tmp_path / "preview") == snapshot(
            build_tree(tmp_path / "content", tmp_path / "fresh1")
        )
        # Another file: the old sizes go.
        shutil.copy(site / "files/haus.jpg", site / "files/treff.jpg")
        offer.write_text(
            offer.read_text(encoding="utf-8").replace("elterncafe.png", "treff.jpg"),
            encoding="utf-8",
        )
        builder.update([site / "files/treff.jpg", offer])
        fresh = snapshot(build_tree(tmp_path / "content", tmp_path / "fresh2"))
    assert snapshot(tmp_path / "preview") == fresh
    page = tmp_path / "fresh2/bad-oldesloe/de/angebote/elterncafe/index.html"
    assert "files/treff-800w." in page.read_text(encoding="utf-8")
    assert not [path for path in fresh if path.startswith("bad-oldesloe/files/elterncafe-")]


# --- every other picture under files/ -------------------------------------------------


def test_a_picture_in_a_text_or_for_download_is_published_without_its_camera_data(tmp_path, fzgen):
    clean = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 20, 30)).save(clean, "PNG")
    page = "---\ntitle: Über uns\n---\n![Das Team vor dem Haus](files/team.jpg)\n"
    tree = {
        "pages/ueber-uns.md": page,
        "files/team.jpg": camera_jpeg(800, 600),
        "files/download/plakat.JPG": camera_jpeg(600, 400, turned=False),
        "files/zeichnung.png": clean.getvalue(),
        "files/flyer.pdf": b"%PDF-1.4 Hausnummer\n",
    }
    root = write_tree(tmp_path, site_tree(tree))
    assert fzgen(root, "build").code == 0
    for name in ("team.jpg", "download/plakat.JPG"):
        data = (root / OUT / "files" / name).read_bytes()
        picture = Image.open(io.BytesIO(data))
        assert dict(picture.getexif()) == {} and "comment" not in picture.info, name
        assert b"Phonemaker" not in data and b"Hausnummer" not in data, name
    assert Image.open(root / OUT / "files/team.jpg").size == (600, 800)  # upright
    # Nothing to remove: as given. Not a picture: as given.
    assert (root / OUT / "files/zeichnung.png").read_bytes() == clean.getvalue()
    assert (root / OUT / "files/flyer.pdf").read_bytes() == b"%PDF-1.4 Hausnummer\n"
    html = (root / OUT / "de/ueber-uns/index.html").read_text(encoding="utf-8")
    assert 'src="../../files/team.jpg"' in html


def test_the_preview_publishes_a_new_picture_without_its_camera_data(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    builder = LiveBuild(find_project(tmp_path / "content", tmp_path / "preview"))
    flyer = tmp_path / "content/bad-oldesloe/files/plakat.jpg"
    with fixed_day():
        builder.full()
        flyer.write_bytes(camera_jpeg(640, 480))
        builder.update([flyer])
        fresh = snapshot(build_tree(tmp_path / "content", tmp_path / "fresh1"))
        assert snapshot(tmp_path / "preview") == fresh
        flyer.write_bytes(camera_jpeg(660, 480))  # new bytes under the same name
        builder.update([flyer])
        fresh = snapshot(build_tree(tmp_path / "content", tmp_path / "fresh2"))
    assert snapshot(tmp_path / "preview") == fresh
    data = (tmp_path / "preview/bad-oldesloe/files/plakat.jpg").read_bytes()
    assert b"Phonemaker" not in data and Image.open(io.BytesIO(data)).size == (480, 660)
