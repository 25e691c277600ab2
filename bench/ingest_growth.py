"""Cost per document as the graph grows: generated documents ingested batch after batch into one store.

The generator writes distinct short English and Russian news items: varied people (first names x
surnames, so the graph keeps meeting new people), countries, cities and dates, in sentences the
extractor reads as MEET, VISIT and AFFILIATION events; the countries are hubs met in every batch.
Each batch of --batch documents is ingested into the same embedded store by the ordinary pipeline;
the seconds per batch (whole batch, and the part spent inside the store's calls), the rows the
writer read back from the store (a figure the machine's load cannot blur), are printed, then the
last batch's time over the first's (issue 16's target: at most 1.3).

Usage: python bench/ingest_growth.py [--docs 20000] [--batch 1000] [--workers 1] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sphere.extract.runner import make_runner
from sphere.pipeline import ingest
from sphere.store.embedded_store import EmbeddedStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_write_speed import StoreTimer  # noqa: E402

EN_FIRST = ["James", "Robert", "Michael", "David", "Thomas", "Daniel", "Matthew", "Andrew", "Joshua", "Kevin",
            "Brian", "George", "Edward", "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan", "Gary", "Nicholas",
            "Eric", "Stephen", "Jonathan", "Larry", "Justin", "Scott", "Frank", "Raymond", "Patrick", "Gregory",
            "Samuel", "Benjamin", "Henry", "Peter", "Walter", "Harold", "Douglas", "Arthur", "Albert", "Lawrence"]
EN_SURNAMES = ["Whitfield", "Harrington", "Caldwell", "Pennington", "Ashworth", "Blackwood", "Thornton", "Fairbanks",
               "Hollister", "Kingsley", "Lockhart", "Merriweather", "Northcott", "Prescott", "Radcliffe",
               "Sutherland", "Templeton", "Underwood", "Wakefield", "Yardley", "Aldridge", "Beckford", "Cromwell",
               "Dunmore", "Ellsworth", "Fenwick", "Gilmore", "Hawthorne", "Ingram", "Jennings", "Kendrick",
               "Langley", "Mortimer", "Newcombe", "Ogilvie", "Pemberton", "Quinlan", "Rutherford", "Stanhope",
               "Tremaine", "Vance", "Westbrook", "Ainsley", "Bramwell", "Chadwick", "Davenport", "Everett",
               "Fairfax", "Granger", "Holbrook"]
# Russian men's names with their instrumental case (встретился с кем?): regular -ом/-ем, -ым/-им.
RU_FIRST = [("Иван", "Иваном"), ("Олег", "Олегом"), ("Борис", "Борисом"), ("Виктор", "Виктором"),
            ("Павел", "Павлом"), ("Роман", "Романом"), ("Денис", "Денисом"), ("Артём", "Артёмом"),
            ("Глеб", "Глебом"), ("Степан", "Степаном"), ("Фёдор", "Фёдором"), ("Тимур", "Тимуром"),
            ("Руслан", "Русланом"), ("Вадим", "Вадимом"), ("Антон", "Антоном"), ("Максим", "Максимом"),
            ("Семён", "Семёном"), ("Леонид", "Леонидом"), ("Григорий", "Григорием"), ("Аркадий", "Аркадием")]
RU_SURNAMES = ["Белов", "Воронов", "Горелов", "Дроздов", "Ершов", "Жуков", "Зайцев", "Калинин", "Лапин",
               "Муравьёв", "Носов", "Орлов", "Панов", "Рябов", "Савин", "Тихонов", "Уваров", "Фомин", "Хромов",
               "Чернов", "Шубин", "Щукин", "Ядров", "Быков", "Гусев", "Дьяков", "Ефимов", "Зимин", "Ильин",
               "Крылов", "Лыков", "Мухин", "Никитин", "Осипов", "Прохоров", "Родионов", "Сорокин", "Титов",
               "Устинов", "Фролов"]
# (English name, Russian nominative, Russian genitive) of states, (English, Russian prepositional) of cities.
COUNTRIES = [("Russia", "Россия", "России"), ("France", "Франция", "Франции"), ("Germany", "Германия", "Германии"),
             ("Turkey", "Турция", "Турции"), ("Italy", "Италия", "Италии"), ("Egypt", "Египет", "Египта"),
             ("India", "Индия", "Индии"), ("Brazil", "Бразилия", "Бразилии"), ("Japan", "Япония", "Японии"),
             ("Spain", "Испания", "Испании"), ("Poland", "Польша", "Польши"), ("Greece", "Греция", "Греции"),
             ("Algeria", "Алжир", "Алжира"), ("Serbia", "Сербия", "Сербии"), ("Mexico", "Мексика", "Мексики"),
             ("Norway", "Норвегия", "Норвегии"), ("Kenya", "Кения", "Кении"), ("Chile", "Чили", "Чили")]
CITIES = [("Paris", "Париже"), ("Berlin", "Берлине"), ("Rome", "Риме"), ("Madrid", "Мадриде"),
          ("Cairo", "Каире"), ("Ankara", "Анкаре"), ("Athens", "Афинах"), ("Warsaw", "Варшаве"),
          ("Vienna", "Вене"), ("Geneva", "Женеве"), ("Oslo", "Осло"), ("Tokyo", "Токио"), ("Nairobi", "Найроби"),
          ("Belgrade", "Белграде"), ("Lisbon", "Лиссабоне"), ("Prague", "Праге"), ("Budapest", "Будапеште"),
          ("Helsinki", "Хельсинки")]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


@dataclass(frozen=True)
class Day:
    year: int
    month: int
    day: int

    @property
    def iso(self) -> str:
        return f"{self.year}-{self.month:02d}-{self.day:02d}"


def _day(rng: random.Random) -> Day:
    return Day(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28))


def english_article(rng: random.Random, number: int) -> str:
    (a, b), (c1, c2), city, day, visit = _pair(rng, EN_FIRST, EN_SURNAMES), rng.sample(COUNTRIES, 2), \
        rng.choice(CITIES), _day(rng), _day(rng)
    return (f"date {day.iso}\n"
            f"{a}, the foreign minister of {c1[0]}, met {b}, the defence minister of {c2[0]}, in {city[0]} "
            f"on {EN_MONTHS[day.month - 1]} {day.day}, {day.year}.\n"
            f"{a} visited {rng.choice(CITIES)[0]} on {EN_MONTHS[visit.month - 1]} {visit.day}, {visit.year}.\n"
            f"{c1[0]} signed a trade agreement with {c2[0]}.\n"
            f"Bulletin {number}.\n")


def russian_article(rng: random.Random, number: int) -> str:
    (first_a, surname_a), (first_b, surname_b) = _ru_people(rng)
    (c1, c2), city, day = rng.sample(COUNTRIES, 2), rng.choice(CITIES), _day(rng)
    return (f"date {day.iso}\n"
            f"Министр иностранных дел {c1[2]} {first_a[0]} {surname_a} встретился с министром обороны {c2[2]} "
            f"{first_b[1]} {_instrumental(surname_b)} в {city[1]} {day.day} {RU_MONTHS[day.month - 1]} "
            f"{day.year} года.\nСообщение {number}.\n")


def _pair(rng: random.Random, firsts: list[str], surnames: list[str]) -> tuple[str, str]:
    a, b = rng.sample(surnames, 2)
    return f"{rng.choice(firsts)} {a}", f"{rng.choice(firsts)} {b}"


def _ru_people(rng: random.Random):
    a, b = rng.sample(RU_SURNAMES, 2)
    return (rng.choice(RU_FIRST), a), (rng.choice(RU_FIRST), b)


def _instrumental(surname: str) -> str:
    return surname + ("ым" if surname.endswith(("ов", "ёв", "ев", "ин")) else "ом")


def write_corpus(folder: Path, docs: int, batch: int, seed: int = 16) -> list[Path]:
    """docs articles in numbered batch folders of `batch` each, two English for one Russian."""
    rng = random.Random(seed)
    folders = []
    for start in range(0, docs, batch):
        part = folder / f"batch-{start // batch:03d}"
        part.mkdir(parents=True)
        for number in range(start, min(start + batch, docs)):
            text = russian_article(rng, number) if number % 3 == 2 else english_article(rng, number)
            (part / f"n{number:06d}.txt").write_text(text, encoding="utf-8")
        folders.append(part)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the corpus and the store here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="sphere-growth-"))
    try:
        folders = write_corpus(work / "corpus", args.docs, args.batch)
        store = EmbeddedStore(work / "store")
        timer = StoreTimer(store)
        runner = make_runner(args.workers)
        runner.warm_up()
        print(f"{args.docs} documents in batches of {args.batch}; {args.workers} worker(s); "
              f"{os.cpu_count()} cores", flush=True)
        times = [_one_batch(number, folder, store, runner, timer) for number, folder in enumerate(folders)]
        runner.close()
        store.close()
        print(f"last / first batch: {times[-1][0] / times[0][0]:.2f} (target <= 1.30); "
              f"in the store: {times[-1][1] / times[0][1]:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _one_batch(number: int, folder: Path, store: EmbeddedStore, runner, timer: StoreTimer) -> tuple[float, float]:
    """(seconds for the batch, seconds of them in the store's calls), printed with the rows read back."""
    in_store, read = timer.seconds, timer.rows_read
    started = time.perf_counter()
    report = ingest([folder], store, runner=runner)
    seconds, writing, read = time.perf_counter() - started, timer.seconds - in_store, timer.rows_read - read
    people = store.query("MATCH (a:Actor) WHERE a.kind = 'PERSON' RETURN count(a)").rows[0][0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"batch {number + 1:3d}: {report.ingested} documents, {report.events} events in {seconds:6.1f} s "
          f"({writing:5.1f} s in the store, {read} rows read from it); {people} people in the graph; "
          f"peak memory {peak} MB", flush=True)
    return seconds, writing


if __name__ == "__main__":
    main()
