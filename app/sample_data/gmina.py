"""The fictional gmina the demo belongs to: its settings, password and document notice."""

from app.settings import Settings

DEMO_PASSWORD = "demo-nkdesk-2026"  # printed in the README on purpose

DEMO_SETTINGS = Settings(
    gmina_name="Gmina Przykładowo (DEMO)",
    office_name="GOPS w Przykładowie (DEMO)",
    office_address="ul. Przykładowa 1, 99-999 Przykładowo",
    worker_name="Ewa Demonstracyjna",
)

DEMO_NOTICE = "DOKUMENT DEMONSTRACYJNY — dane fikcyjne"
