"""The seeded generator behind the demo: fictional people, households and dates."""

import copy
import datetime as dt
import itertools
import random

from app.domain import pesel
from app.domain.enums import AddressKind, ContactKind, Sex
from app.domain.text import fold
from app.sample_data.plan import Adult, Family, Person
from app.sample_data.vocabulary import (
    ADDICTIONS,
    BOYS,
    FAMILY_NAMES,
    FAMILY_SITUATIONS,
    GIRLS,
    HOUSING,
    MEN,
    PENSIONS,
    PERPETRATOR_INCOMES,
    PLACES,
    SOLDIER,
    STREETS,
    VICTIM_HEALTH,
    VICTIM_INCOMES,
    WOMEN,
)
from app.services.records import AddressData, ContactData, PersonData


class Planner:
    """Owns the plan's one seeded generator; draws people, households and dates from it."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        names = list(FAMILY_NAMES)
        self.rng.shuffle(names)
        self._family_names = itertools.cycle(names)
        self._serial = 0
        self._pesels: set[str] = set()
        self._phone = 0

    # People

    def person(
        self,
        sex: Sex,
        last: tuple[str, str],
        at: dt.date,
        ages: tuple[int, int],
        first_names: tuple[str, ...] | None = None,
        with_pesel: bool = True,
    ) -> Person:
        rng = self.rng
        pool = first_names or (WOMEN if sex is Sex.FEMALE else MEN)
        birth = at - dt.timedelta(days=rng.randint(ages[0] * 365 + 20, ages[1] * 365 + 340))
        self._serial += 37
        number = self._new_pesel(birth, sex) if with_pesel else ""
        return Person(
            PersonData(
                first_name=rng.choice(pool),
                last_name=last[1] if sex is Sex.FEMALE else last[0],
                pesel=number,
                birth_date=birth,
                sex=sex,
            )
        )

    def _new_pesel(self, birth: dt.date, sex: Sex) -> str:
        """A valid PESEL no one else in the plan holds (serial numbers step through 000–999)."""
        number = pesel.encode(birth, self._serial, sex)
        while number in self._pesels:
            self._serial += 37
            number = pesel.encode(birth, self._serial, sex)
        self._pesels.add(number)
        return number

    def child(self, last: tuple[str, str], at: dt.date, ages: tuple[int, int]) -> Person:
        sex = self.rng.choice((Sex.FEMALE, Sex.MALE))
        pool = GIRLS if sex is Sex.FEMALE else BOYS
        return self.person(sex, last, at, ages, pool)

    def phone(self, secret: bool = False) -> ContactData:
        self._phone += 1
        number = self._phone
        digits = f"5{number // 1_000_000 % 100:02d} {number // 1000 % 1000:03d} {number % 1000:03d}"
        return ContactData(ContactKind.PHONE, digits, secret)

    def address(self) -> AddressData:
        rng = self.rng
        postal, city = rng.choice(PLACES)
        number = (
            f"{rng.randint(1, 60)}/{rng.randint(1, 24)}"
            if rng.random() < 0.6
            else str(rng.randint(1, 90))
        )
        return AddressData(AddressKind.RESIDENCE, f"{rng.choice(STREETS)} {number}", postal, city)

    def give_contact_data(self, people: list[Person], address: AddressData) -> None:
        for person in people:
            person.data.addresses = [copy.deepcopy(address)]
            person.data.contacts = [self.phone()]
        if self.rng.random() < 0.3:
            data = people[0].data
            mail = fold(f"{data.first_name}.{data.last_name}").replace(" ", "")
            email = ContactData(ContactKind.EMAIL, f"{mail}@poczta-demo.example")
            data.contacts = [*(data.contacts or []), email]

    # Families

    def family(self, kind: str, at: dt.date) -> Family:
        """A new household of the given kind, with role-appropriate details."""
        rng = self.rng
        last = next(self._family_names)
        school = rng.choice(
            (
                "Szkoła Podstawowa nr 1 w Przykładowie (DEMO)",
                "Szkoła Podstawowa nr 2 w Przykładowie (DEMO)",
                "Szkoła Podstawowa w Zmyślonej Woli (DEMO)",
            )
        )
        home = self.address()
        victims: list[Adult] = []
        perps: list[Adult] = []
        others: list[tuple[Person, str]] = []

        def kids(count: int, ages: tuple[int, int] = (1, 16)) -> None:
            for _ in range(count):
                child = self.child(last, at, ages)
                word = "córka" if child.data.sex is Sex.FEMALE else "syn"
                others.append((child, f"{word} osoby stosującej przemoc"))

        if kind in {"couple", "two_victims", "cohabiting", "two_perpetrators"}:
            wife_last = next(self._family_names) if kind == "cohabiting" else last
            wife = self.person(Sex.FEMALE, wife_last, at, (24, 52))
            husband = self.person(Sex.MALE, last, at, (26, 58))
            relation = "partnerka (związek nieformalny)" if kind == "cohabiting" else "żona"
            victims.append(Adult(wife, self.victim_details(relation)))
            perps.append(
                Adult(
                    husband,
                    self.perpetrator_details(
                        "partner (związek nieformalny)" if kind == "cohabiting" else "mąż",
                        "kawaler" if kind == "cohabiting" else "żonaty",
                    ),
                )
            )
            adults = [wife, husband]
            if kind == "two_victims":
                teen = self.child(last, at, (13, 17))
                word = "córka" if teen.data.sex is Sex.FEMALE else "syn"
                victims.append(
                    Adult(
                        teen,
                        {
                            "kinship": f"{word} osoby stosującej przemoc",
                            "family_situation": "uczy się, mieszka z rodzicami",
                        },
                    )
                )
                kids(rng.randint(0, 2), (2, 11))
            elif kind == "two_perpetrators":
                son = self.person(Sex.MALE, last, at, (19, 27))
                perps.append(Adult(son, self.perpetrator_details("syn", "kawaler")))
                adults.append(son)
                kids(1, (12, 17))
            else:
                kids(rng.randint(0, 3))
        elif kind == "elderly_parent":
            mother = self.person(Sex.FEMALE, last, at, (63, 86))
            son = self.person(Sex.MALE, last, at, (28, 52))
            victims.append(Adult(mother, self.victim_details("matka", elderly="widowed")))
            perps.append(Adult(son, self.perpetrator_details("syn", "rozwiedziony")))
            adults = [mother, son]
            if rng.random() < 0.5:
                sister = self.person(Sex.FEMALE, last, at, (30, 55), with_pesel=rng.random() < 0.7)
                others.append((sister, "siostra osoby stosującej przemoc"))
        elif kind == "grandparents":
            grandma = self.person(Sex.FEMALE, last, at, (66, 84))
            grandpa = self.person(Sex.MALE, last, at, (68, 88))
            grandson = self.person(Sex.MALE, last, at, (19, 29))
            victims += [
                Adult(grandma, self.victim_details("babcia", elderly="couple")),
                Adult(grandpa, self.victim_details("dziadek", elderly="couple")),
            ]
            perps.append(Adult(grandson, self.perpetrator_details("wnuk", "kawaler")))
            adults = [grandma, grandpa, grandson]
        elif kind == "male_victim":
            husband = self.person(Sex.MALE, last, at, (30, 62))
            wife = self.person(Sex.FEMALE, last, at, (28, 60))
            victims.append(Adult(husband, self.victim_details("mąż")))
            perps.append(Adult(wife, self.perpetrator_details("żona", "mężatka")))
            adults = [husband, wife]
            kids(rng.randint(0, 2))
        elif kind == "ex_partner":
            ex_wife = self.person(Sex.FEMALE, last, at, (25, 50))
            ex_husband = self.person(Sex.MALE, last, at, (27, 55), with_pesel=rng.random() < 0.6)
            victims.append(Adult(ex_wife, self.victim_details("była żona")))
            perps.append(Adult(ex_husband, self.perpetrator_details("były mąż", "rozwiedziony")))
            if rng.random() < 0.5:
                perps[0].details["employment_income"] = SOLDIER
            self.give_contact_data([ex_wife], home)
            self.give_contact_data([ex_husband], self.address())
            return Family(kind, victims, perps, others, school)
        else:
            sister = self.person(Sex.FEMALE, last, at, (38, 64))
            brother = self.person(Sex.MALE, last, at, (35, 66))
            victims.append(Adult(sister, self.victim_details("siostra")))
            perps.append(Adult(brother, self.perpetrator_details("brat", "kawaler")))
            adults = [sister, brother]
            mother = self.person(Sex.FEMALE, last, at, (70, 90))
            others.append((mother, "matka osoby stosującej przemoc"))
        self.give_contact_data(adults, home)
        return Family(kind, victims, perps, others, school)

    def victim_details(self, kinship: str, elderly: str = "") -> dict[str, str]:
        """Role-allowed items for a victim; `elderly` is "widowed", "couple" or empty."""
        rng = self.rng
        details = {
            "kinship": kinship,
            "parents_names": f"{rng.choice(WOMEN)}, {rng.choice(MEN)}",
            "family_situation": rng.choice(FAMILY_SITUATIONS[elderly]),
            "employment_income": rng.choice(PENSIONS if elderly else VICTIM_INCOMES),
            "housing_situation": rng.choice(HOUSING),
        }
        if rng.random() < 0.35:
            details["health_info"] = rng.choice(VICTIM_HEALTH)
        return details

    def perpetrator_details(self, kinship: str, marital: str) -> dict[str, str]:
        """Role-allowed items for a perpetrator (marital status, addictions, convictions…)."""
        rng = self.rng
        details = {
            "kinship": kinship,
            "marital_status": marital,
            "employment_income": rng.choice(PERPETRATOR_INCOMES),
        }
        if rng.random() < 0.55:
            details["addictions"] = rng.choice(ADDICTIONS)
        if rng.random() < 0.2:
            details["convictions"] = "wyrok z art. 207 § 1 kk w zawieszeniu (dane fikcyjne)"
        if rng.random() < 0.15:
            details["health_info"] = "leczenie psychiatryczne w przeszłości"
        return details

    # Dates

    def day_in(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))
