"""docs/forms.md, written from the form definitions, so what the documentation says a
form rests on can never differ from what the program prints.

    python -m app.domain.forms_doc > docs/forms.md
"""

from app.domain.forms import CONFIDENCE, REGISTER_BLOCKS, FormDefinition, FormSection, catalogue

# Pictures of printouts (first page), made by `python -m app.printing.examples docs/forms`.
BLANK_PICTURES = frozenset({("NK-A", "2023")})

HEADER = """# The forms and what they rest on

Generated from `resources/forms/*.json` by `python -m app.domain.forms_doc > docs/forms.md`
(a test fails when this file and the definitions differ). The official annexes of the
regulation of 6 September 2023 (Dz.U. 2023 poz. 1870) could not be read when the
definitions were written: each section says where it comes from and how sure that is.
Whoever holds the official PDF can check a form section by section and correct its
definition file; the program and this page follow.

A part's fields are the form's own content; „tekst stały” parts are printed as written
in the definition, „podpisy” are the lines to sign on, and „z rejestru” parts are printed
from the register, one of these blocks:

{blocks}

Each form ends with a picture of the first page of its printout (fictional data), made by
`python -m app.printing.examples docs/forms`.

Confidence: {legend}.
"""


def markdown() -> str:
    legend = "; ".join(f"**{key}** — {text}" for key, text in CONFIDENCE.items())
    blocks = "\n".join(
        f"* `{name}` — {block.description}" for name, block in REGISTER_BLOCKS.items()
    )
    parts = [HEADER.format(legend=legend, blocks=blocks)]
    parts += [_form(definition) for definition in catalogue()]
    return "\n".join(parts)


def _form(definition: FormDefinition) -> str:
    rows = [
        f"## {definition.form} — version {definition.version}",
        "",
        f"{definition.title}. {definition.legal_basis}. In force from {definition.valid_from}.",
        f"File: `resources/forms/{definition.form.lower().replace('-', '')}-"
        f"{definition.version}.json`. {definition.verification_note}",
        "",
        "| Part | Section | Fields | Confidence | Source |",
        "| --- | --- | --- | --- | --- |",
    ]
    for section in definition.sections:
        rows.append(
            f"| {section.number or '—'} | {section.title} | {_printed(section)} | "
            f"{section.confidence} | {section.source} |"
        )
    rows += ["", *pictures(definition.form, definition.version)]
    return "\n".join(rows) + "\n"


def pictures(form: str, version: str) -> list[str]:
    """Markdown lines showing the printout's first page (and the blank form's, if made)."""
    name = f"{form.lower()}-{version}"
    lines = [f"![{form} {version}, wydruk (dane fikcyjne)](forms/{name}.png)"]
    if (form, version) in BLANK_PICTURES:
        lines.append(f"![{form} {version}, formularz do wypełnienia](forms/{name}-blank.png)")
    return lines


def _printed(section: FormSection) -> str:
    """What the part prints: its fields, register lines, fixed text and signatures."""
    parts = []
    if section.text:
        parts.append(f"tekst stały ({len(section.text)} akap.)")
    if section.register is not None:
        lines = ", ".join(line.label for line in section.lines)
        parts.append(f"z rejestru `{section.register}`: {lines}")
    if section.fields:
        parts.append(", ".join(item.label for item in section.fields))
    if section.signatures:
        parts.append("podpisy: " + ", ".join(section.signatures))
    return "; ".join(parts)


if __name__ == "__main__":
    print(markdown(), end="")
