"""docs/forms.md, written from the form definitions, so what the documentation says a
form rests on can never differ from what the program prints.

    python -m app.domain.forms_doc > docs/forms.md
"""

from app.domain.forms import CONFIDENCE, FormDefinition, catalogue

HEADER = """# The forms and what they rest on

Generated from `resources/forms/*.json` by `python -m app.domain.forms_doc > docs/forms.md`
(a test fails when this file and the definitions differ). The official annexes of the
regulation of 6 September 2023 (Dz.U. 2023 poz. 1870) could not be read when the
definitions were written: each section says where it comes from and how sure that is.
Whoever holds the official PDF can check a form section by section and correct its
definition file; the program and this page follow.

Confidence: {legend}.
"""


def markdown() -> str:
    legend = "; ".join(f"**{key}** — {text}" for key, text in CONFIDENCE.items())
    parts = [HEADER.format(legend=legend)]
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
        fields = ", ".join(item.label for item in section.fields) or "—"
        rows.append(
            f"| {section.number or '—'} | {section.title} | {fields} | "
            f"{section.confidence} | {section.source} |"
        )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
