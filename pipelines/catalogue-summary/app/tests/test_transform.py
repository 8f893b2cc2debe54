from datetime import UTC, datetime

from data_platform_runtime import Interval

from transform import summary_records

INTERVAL = Interval(datetime(2026, 12, 1, 10, tzinfo=UTC), datetime(2026, 12, 1, 11, tzinfo=UTC))


def row(dimension, value, products):
    return {
        "dimension": dimension,
        "value": value,
        "products": products,
        "interval_start": INTERVAL.start,
        "interval_end": INTERVAL.end,
    }


def test_products_counted_by_status_vendor_and_type():
    products = [
        {"id": 1, "status": "active", "vendor": "Acme", "product_type": "Mug"},
        {"id": 2, "status": "active", "vendor": "Acme", "product_type": "Tee"},
        {"id": 3, "status": "draft", "vendor": "Globex", "product_type": "Mug"},
    ]

    assert summary_records(products, INTERVAL) == [
        row("status", "active", 2),
        row("status", "draft", 1),
        row("vendor", "Acme", 2),
        row("vendor", "Globex", 1),
        row("product_type", "Mug", 2),
        row("product_type", "Tee", 1),
    ]


def test_missing_or_empty_values_counted_as_unknown():
    products: list[dict[str, object]] = [
        {"id": 1, "status": "active", "vendor": "", "product_type": None},
        {"id": 2, "status": None},
    ]

    assert summary_records(products, INTERVAL) == [
        row("status", "active", 1),
        row("status", "unknown", 1),
        row("vendor", "unknown", 2),
        row("product_type", "unknown", 2),
    ]


def test_every_dimension_adds_up_to_the_number_of_products():
    products = [{"id": n, "status": s, "vendor": v, "product_type": t} for n, (s, v, t) in enumerate(
        [("active", "A", "x"), ("archived", "B", "y"), ("active", "C", "y"), ("draft", "A", "")]
    )]

    records = summary_records(products, INTERVAL)

    for dimension in ("status", "vendor", "product_type"):
        assert sum(r["products"] for r in records if r["dimension"] == dimension) == len(products)


def test_empty_snapshot_gives_an_empty_summary():
    assert summary_records([], INTERVAL) == []
