"""A diagnostic worded for a coordinator: the problem, the fix, and where it is."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

from fzgen.errors import Diagnostic
from fzgen.messages.catalogue import LANGUAGES, Wording, wording
from fzgen.messages.echo import LIST_LIMIT, shown, shown_params
from fzgen.messages.plurals import counted

#: Derives a code's extra placeholders from the raw values (`raw`) into the safe ones.
Derivation = Callable[[Diagnostic, dict[str, str], dict[str, str], Wording], None]


def kind_of(value: object) -> str:
    """A coordinator's word for the shape of a value: list, mapping, text, nothing."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


def is_diagnostic_code(code: str) -> bool:
    """Whether the catalogues have a wording for this diagnostic code."""
    return code in wording(LANGUAGES[0]).diagnostics


def field_label(field: tuple[str | int, ...], language: str) -> str:
    """`schedule → 2. Eintrag → time`: list positions counted from one, names echoed safely."""
    entry = wording(language).labels["entry"]
    return " → ".join(
        entry.format(n=p + 1) if isinstance(p, int) else shown(p, language) for p in field
    )


def describe(diagnostic: Diagnostic, language: str = "de") -> tuple[str, str]:
    """The problem sentence and the fix sentence of one diagnostic."""
    words = wording(language)
    templates = words.diagnostics.get(diagnostic.code, words.diagnostics["invalid"])
    params = _Defaulting(_params(diagnostic, words))
    problem, fix = (template.format_map(params) for template in templates)
    return problem, fix


def place(diagnostic: Diagnostic, language: str = "de") -> str:
    """Where a finding is: `datei.yaml, Zeile 3, Spalte 5, Feld „title“`."""
    labels = wording(language).labels
    where = [shown(diagnostic.path, language)]
    if diagnostic.line is not None:
        where.append(f"{labels['line']} {diagnostic.line}")
        if diagnostic.column is not None:
            where.append(f"{labels['column']} {diagnostic.column}")
    if diagnostic.field:
        label = field_label(diagnostic.field, language)
        where.append(f"{labels['field']} {labels['quote_open']}{label}{labels['quote_close']}")
    return ", ".join(where)


def fix_line(diagnostic: Diagnostic, fix: str, language: str = "de") -> str:
    """The fix as a report shows it: `Lösung: …` for an error, plain for a note."""
    if fix and diagnostic.severity == "error":
        return f"{wording(language).labels['fix']}: {fix}"
    return fix


def format_diagnostic(diagnostic: Diagnostic, language: str = "de") -> str:
    """A diagnostic as the lines a coordinator reads in the terminal."""
    labels = wording(language).labels
    kind = labels["error"] if diagnostic.severity == "error" else labels["warning"]
    problem, fix = describe(diagnostic, language)
    lines = [f"{kind}: {place(diagnostic, language)}", f"  {problem}"]
    if diagnostic.repeats:
        places = counted("repeats", diagnostic.repeats, language)
        lines.append("  " + labels["repeats"].format(count=places))
    if fix:
        # A fix may end in lines to type (`room: "Raum #4"`): indented under the sentence.
        lines.append("  " + fix_line(diagnostic, fix, language).replace("\n", "\n      "))
    return "\n".join(lines)


def _params(diagnostic: Diagnostic, words: Wording) -> dict[str, str]:
    """The placeholders of a diagnostic's sentences, every value echoed safely first;
    what is derived is looked up in the raw values and built from the safe ones."""
    raw = dict(diagnostic.params)
    raw.setdefault("found", diagnostic.found or "")
    params = shown_params(raw, words.language)
    if raw.get("found_kind") in words.kinds:
        params["found_kind"] = words.kinds[raw["found_kind"]]
    derive = _DERIVATIONS.get(diagnostic.code)
    if derive is not None:
        derive(diagnostic, raw, params, words)
    return params


def _not_mapping(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    is_list = raw.get("kind") == "list"
    params["kind"] = w.phrases["not_mapping_list" if is_list else "not_mapping_text"]


def _counts(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    # `tr=3,ar=1` becomes `Türkisch (tr) 3, Arabisch (ar) 1` in the message's language.
    names = {**Locale(w.language).languages, "ls": "Leichte Sprache"}
    pairs = (item.split("=") for item in raw.get("counts", "").split(",") if item)
    counts = ", ".join(f"{names.get(code, code)} ({code}) {count}" for code, count in pairs)
    params["counts"] = shown(counts, w.language, LIST_LIMIT)


def _where(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    parent = d.field[:-1]
    label = field_label(parent, w.language) if parent else ""
    params["where"] = w.labels["where"].format(parent=label) if parent else ""


def _kinds(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    params["kinds_or_none"] = params.get("kinds") or w.kinds["nothing"]


def _vocabulary(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    suggestion = params.get("suggestion")
    sentence = w.phrases["did_you_mean"].format(suggestion=suggestion) if suggestion else ""
    params["suggestion_sentence"] = " " + sentence if sentence else ""


def _unknown(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    suggestion = params.get("suggestion")
    sentence = w.phrases["did_you_mean"].format(suggestion=suggestion) if suggestion else ""
    possible = w.phrases["possible_here"].format(allowed=params.get("allowed", ""))
    params["suggestion"] = f"{sentence} {possible}" if sentence else possible


def _hint(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    params["hint"] = w.hints.get(raw.get("hint", ""), "")


def _aligned(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    # `de=2,title=0` becomes `wie „de:“ mit 2 Leerzeichen oder ganz links wie „title:“`.
    choices = []
    for item in raw.get("aligned", "").split(","):
        name, _, level = item.rpartition("=")
        if not level.isdigit():
            continue
        name = shown(name, w.language)
        if int(level):
            spaces = counted("spaces", int(level), w.language)
            choices.append(w.phrases["aligned_with"].format(name=name, spaces=spaces))
        else:
            choices.append(w.phrases["aligned_left"].format(name=name))
    params["aligned"] = format_list(choices, style="or", locale=w.language)


def _ratios(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    # `4.4` is written as the message's language writes a decimal: `4,4` in German.
    for name in ("button", "page", "suggested"):
        if name in raw:
            params[name] = format_decimal(Decimal(raw[name]), "0.0", locale=w.language)


#: The rules of Leichte Sprache (fzgen/content/easy_rules.py), each naming its words.
EASY_READ_CODES = (
    "ls_sentence_long", "ls_abbreviation", "ls_negation", "ls_passive", "ls_genitive",
    "ls_subjunctive", "ls_percent", "ls_large_number", "ls_compound",
)  # fmt: skip


def _quoted(d: Diagnostic, raw: dict[str, str], params: dict[str, str], w: Wording) -> None:
    # `nicht` and `kein`, one per line, become `„nicht“ und „kein“` in the message's language.
    quote_open, quote_close = w.labels["quote_open"], w.labels["quote_close"]
    words = [
        f"{quote_open}{shown(word, w.language)}{quote_close}" for word in raw["words"].split("\n")
    ]
    params["words"] = format_list(words, locale=w.language)


_DERIVATIONS: dict[str, Derivation] = {
    "accent_contrast": _ratios,
    "file_not_mapping": _not_mapping,
    "translation_missing": _counts,
    "missing": _where,
    "schedule_kind": _kinds,
    "vocabulary": _vocabulary,
    "unknown_field": _unknown,
    "file_unexpected": _hint,
    "yaml_misaligned": _aligned,
    **dict.fromkeys(EASY_READ_CODES, _quoted),
}


class _Defaulting(dict[str, str]):
    """Leaves a placeholder that a diagnostic does not fill visibly empty, never raises."""

    def __missing__(self, key: str) -> str:
        return ""
