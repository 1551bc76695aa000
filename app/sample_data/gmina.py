"""The fictional gmina the demo belongs to: its settings, password and document notice."""

from app.settings import Settings

DEMO_PASSWORD = "demo-nkdesk-2026"  # printed in the README on purpose

DEMO_SETTINGS = Settings(
    gmina_name="Gmina Przykładowo (DEMO)",
    office_name="GOPS w Przykładowie (DEMO)",
    office_address="ul. Przykładowa 1, 99-999 Przykładowo",
    office_phone="00 000 00 01",
    office_email="gops@przykladowo.example",
    letter_place="Przykładowo",
    worker_name="Ewa Demonstracyjna",
    nkb_local_contacts=(
        "Zespół interdyscyplinarny w Przykładowie (DEMO), ul. Przykładowa 1, tel. 00 000 00 00\n"
        "GOPS w Przykładowie (DEMO), ul. Przykładowa 1, tel. 00 000 00 01\n"
        "Dzielnicowy, Komisariat Policji w Przykładowie (DEMO), tel. 00 000 00 02"
    ),
)

DEMO_NOTICE = "DOKUMENT DEMONSTRACYJNY — dane fikcyjne"
