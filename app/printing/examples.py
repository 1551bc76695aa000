"""Example printouts with plainly fictional data, for docs/forms/*.png.

    python -m app.printing.examples docs/forms

writes one PDF per example to a temporary folder and the first page of each as a PNG
(poppler's pdftoppm, 800 px wide, 16 greys) into the given folder. Nothing here is real:
the names are the sample data's („Próbna”, „Przykładowo”).
"""

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from app.domain import forms, helplines
from app.printing.model import Entry, FormPrint
from app.printing.render import render_form

DAY = dt.date(2026, 11, 30)
NUMBER = "NK/12/2026"
OFFICE = "GOPS w Przykładowie (DEMO)"
PNG_WIDTH = 800
PNG_SHADES = 16

ANNA: Entry = (
    "Anna Próbna",
    "12.04.1985",
    "ul. Jawna 5, 00-001 Przykładowo; adres chroniony — pominięty na wydruku",
    "600 000 001",
    "żona",
    "nie",
)
JAN: Entry = ("Jan Próbny", "03.02.1982", "ul. Jawna 5, 00-001 Przykładowo", "", "mąż")
GDP: tuple[Entry, ...] = (
    ("Ewa Testowa", "GOPS w Przykładowie", ""),
    ("sierż. Piotr Przykładowy", "Komisariat Policji w Przykładowie", ""),
    ("Maria Wzorcowa", "Szkoła Podstawowa nr 1 w Przykładowie", ""),
)


def examples(day: dt.date = DAY) -> dict[str, FormPrint]:
    """The example printouts by file name (without extension)."""
    nka = forms.definition("NK-A", "2023")
    protected = "Anna Próbna (osoba doznająca przemocy domowej): adres oznaczony „nie ujawniać” — "
    nka_print = FormPrint(
        nka,
        NUMBER,
        day,
        content={
            "incident_date": "2026-11-28",
            "incident_time": "21:40",
            "incident_place": "mieszkanie przy ul. Jawnej 5 w Przykładowie",
            "description": (
                "Zgłoszenie sąsiadów o awanturze. Na miejscu osoba doznająca przemocy "
                "relacjonowała, że mąż po powrocie do domu wyzywał ją i popychał; dziecko było "
                "w pokoju obok. Dane fikcyjne — przykład wydruku programu NK Desk."
            ),
            "physical": {"selected": ["popychanie"]},
            "psychological": {"selected": ["wyzywanie", "grożenie"]},
            "injuries_present": "nie",
            "medical_help": "nie",
            "perpetrator_under_influence": "tak",
            "victim_under_influence": "nie",
            "firearm_access": "nie wiadomo",
            "victim_feels_safe": "nie",
            "witnesses": "sąsiadka z mieszkania nr 6 (dane w notatce Policji)",
            "actions_taken": {"selected": ["wezwano Policję"]},
            "nkb_handed": True,
            "nkb_handed_to": "Anna Próbna",
        },
        blocks={
            "header": (("Przykładowo", "28.11.2026", "Komisariat Policji w Przykładowie"),),
            "victims": (ANNA,),
            "perpetrators": (JAN,),
            "children": (("Zofia Próbna", "05.06.2016", "córka"),),
            "filler": (
                (
                    "funkcjonariusz Policji",
                    "sierż. Piotr Przykładowy",
                    "Komisariat Policji w Przykładowie",
                ),
            ),
        },
        notes=(protected + "pominięty na wydruku.",),
        printed_by=OFFICE,
    )
    nkb = forms.definition("NK-B", "2023")
    nkb_print = FormPrint(
        nkb,
        NUMBER,
        day,
        blocks={
            "helplines": tuple((h.name, h.number, h.notes) for h in helplines.valid_on(day)),
            "local": (
                ("Zespół interdyscyplinarny w Przykładowie, ul. Przykładowa 1, tel. 00 000 00 00",),
                ("GOPS w Przykładowie, ul. Przykładowa 1, tel. 00 000 00 01",),
                ("Dzielnicowy, Komisariat Policji w Przykładowie, tel. 00 000 00 02",),
            ),
        },
        printed_by=OFFICE,
    )
    nkc = forms.definition("NK-C", "2023")
    nkc_print = FormPrint(
        nkc,
        NUMBER,
        day,
        content={
            "meeting_date": "2026-11-30",
            "members_present": "Ewa Testowa, sierż. Piotr Przykładowy, Maria Wzorcowa",
            "household": "Anna Próbna, Jan Próbny, Zofia Próbna (10 lat)",
            "first_act": "Wiosną 2024 r. wyzwiska i grożenie po kłótni o pieniądze.",
            "repeated_acts": "Kilka razy w miesiącu wyzwiska, zabieranie telefonu.",
            "most_dangerous_act": "28.11.2026 — popychanie w obecności dziecka.",
            "last_act": "28.11.2026, interwencja Policji.",
            "risk": "nie",
            "assessment": "Sytuacja wymaga wsparcia psychologicznego i prawnego.",
            "needs": "Konsultacja prawna, grupa wsparcia, pomoc psychologiczna dla córki.",
            "help_plan": [
                ["Konsultacja prawna", "GOPS w Przykładowie", "15.12.2026", "zaplanowane"],
                ["Wsparcie psychologiczne dla dziecka", "Szkoła nr 1", "31.12.2026", ""],
            ],
        },
        blocks={"victim": (ANNA[:5],), "gdp": GDP},
        printed_by=OFFICE,
    )
    nkd = forms.definition("NK-D", "2023")
    nkd_print = FormPrint(
        nkd,
        NUMBER,
        day,
        content={
            "meeting_date": "2026-11-30",
            "members_present": "Ewa Testowa, sierż. Piotr Przykładowy",
            "informed": {"selected": list(_options(nkd, "informed"))},
            "substance_abuse": "tak",
            "substance_notes": "Deklaruje picie alkoholu w weekendy.",
            "attitude": "Przyznaje się do kłótni, zaprzecza popychaniu.",
            "obligations": [["Udział w programie korekcyjno-edukacyjnym", "31.01.2027", ""]],
            "programme_referral": True,
        },
        blocks={"perpetrator": (JAN,), "gdp": GDP[:2]},
        printed_by=OFFICE,
    )
    archive = forms.definition("NK-A", "2011")
    archive_print = FormPrint(
        archive,
        "NK/3/2019",
        day,
        content={
            "incident_date": "2019-05-04",
            "incident_place": "Przykładowo",
            "description": "Przykład wydruku archiwalnej NK-A (dane fikcyjne).",
            "physical": {"selected": ["szarpanie"]},
        },
        blocks={"victims": (ANNA,), "perpetrators": (JAN,)},
        printed_by=OFFICE,
    )
    return {
        "nk-a-2023": nka_print,
        "nk-a-2023-blank": FormPrint(nka, None, day, blank=True),
        "nk-a-2011": archive_print,
        "nk-b-2023": nkb_print,
        "nk-c-2023": nkc_print,
        "nk-d-2023": nkd_print,
    }


def _options(definition: forms.FormDefinition, field_id: str) -> tuple[str, ...]:
    item = definition.field(field_id)
    return item.options if item is not None else ()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(argv[0])
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found (apt-get install poppler-utils)", file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, doc in examples().items():
            pdf = Path(scratch) / f"{name}.pdf"
            pdf.write_bytes(render_form(doc))
            command = [pdftoppm, "-png", "-gray", "-singlefile", "-f", "1", "-l", "1"]
            command += ["-scale-to-x", str(PNG_WIDTH), "-scale-to-y", "-1"]
            subprocess.run([*command, str(pdf), str(target / name)], check=True)
            _small(target / f"{name}.png")
    return 0


def _small(png: Path) -> None:
    """16 shades of grey keep text crisp and the picture well under 200 KB."""
    with Image.open(png) as picture:
        reduced = picture.convert("L").quantize(PNG_SHADES)
    reduced.save(png, optimize=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
