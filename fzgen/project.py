"""Where a project's folders are (content, output, themes and translations), and the day
it is built for."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from fzgen.errors import UsageError

#: The repository (in a checkout or an editable install); its themes/ and
#: translations/ are fzgen's own.
BUILTIN_ROOT = Path(__file__).resolve().parent.parent


def _builtin(name: str, package: str) -> Path:
    """fzgen's own `themes` or `translations`: in the checkout, or inside the installed package."""
    checkout = BUILTIN_ROOT / name
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parent / package


#: fzgen's own UI catalogues; a project's `translations/`, if any, is laid over them.
BUILTIN_TRANSLATIONS = _builtin("translations", "catalogues")


@dataclass(frozen=True)
class Project:
    """The folders one run works with."""

    content_dir: Path
    output_dir: Path
    theme_dir: Path
    #: The project's own catalogues (they need not exist), laid over fzgen's.
    translations_dir: Path
    #: Whether a build also makes each programme as a PDF (`fzgen build --pdf`).
    programme_pdf: bool = False


def find_project(content_dir: Path, output_dir: Path, theme: str = "default") -> Project:
    """Folders of the project around `content_dir`; the built-in theme and catalogues fill gaps.

    The project folder is the one that holds the content folder. Its own
    `themes/<theme>/` wins over fzgen's; its `translations/`, which it need not
    have, is laid over fzgen's catalogues (see `fzgen.theme.catalogue.catalogue_folders`).
    """
    content_dir = content_dir.resolve()
    project_dir = content_dir.parent
    theme_dir = project_dir / "themes" / theme
    if not theme_dir.is_dir():
        theme_dir = _builtin("themes", "themes") / theme
    return Project(content_dir, output_dir.resolve(), theme_dir, project_dir / "translations")


#: Folders of the operating system, never an output.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def output_problem(project: Project) -> UsageError | None:
    """Why the output folder cannot be used, if it cannot: it is, holds or lies inside
    the content or project folder, is a file or lies below one, or is a system folder."""
    output, content = project.output_dir, project.content_dir
    if (
        output in (content, content.parent, BUILTIN_ROOT)
        or content.is_relative_to(output)
        or output.is_relative_to(content)
    ):
        return UsageError("output_unsafe", path=str(output))
    if any(output.is_relative_to(folder) for folder in SYSTEM_FOLDERS):
        return UsageError("output_system", path=str(output))
    if output.exists() and not output.is_dir():
        return UsageError("output_is_file", path=str(output))
    for parent in output.parents:
        if parent.exists():
            if not parent.is_dir():
                return UsageError("output_below_file", path=str(output), file=str(parent))
            break
    return None


def reference_date() -> dt.date:
    """The day the site is built for: SOURCE_DATE_EPOCH when set (reproducible builds), else today.

    Pages show "the next dates" from this day on, so two builds on the same day,
    or with the same SOURCE_DATE_EPOCH, are byte-identical. One day for every
    stage: the pages, the news and the translation figures agree.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    berlin = ZoneInfo("Europe/Berlin")
    if not epoch:
        return dt.datetime.now(berlin).date()
    if not epoch.isdigit() or int(epoch) > LATEST_EPOCH:
        raise UsageError("source_date_epoch", value=epoch)
    return dt.datetime.fromtimestamp(int(epoch), berlin).date()


#: SOURCE_DATE_EPOCH of 2999-12-31: the pages look a year or two ahead of the day.
LATEST_EPOCH = 32_503_593_600
