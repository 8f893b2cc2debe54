from datetime import UTC, datetime

from transform import product_records

SNAPSHOT_AT = datetime(2026, 12, 1, 10, 5, 12, tzinfo=UTC)


def test_products_become_records_with_the_dataset_columns():
    products = [
        {
            "id": 632910392,
            "title": "IPod Nano - 8GB",
            "vendor": "Apple",
            "product_type": "Cult Products",
            "status": "ACTIVE",
            "updated_at": "2026-11-30T09:15:00-05:00",
            "body_html": "<p>It's the small iPod</p>",
            "variants": [{"id": 808950810, "price": "199.00"}],
        }
    ]

    assert product_records(products, SNAPSHOT_AT) == [
        {
            "id": 632910392,
            "title": "IPod Nano - 8GB",
            "vendor": "Apple",
            "product_type": "Cult Products",
            "status": "active",
            "updated_at": datetime(2026, 11, 30, 14, 15, tzinfo=UTC),
            "snapshot_at": SNAPSHOT_AT,
        }
    ]


def test_product_seen_on_two_pages_kept_once_with_its_latest_version():
    products = [
        {"id": 2, "title": "Mug", "status": "active", "updated_at": "2026-11-30T08:00:00Z"},
        {"id": 1, "title": "Tee", "status": "draft", "updated_at": "2026-11-29T08:00:00Z"},
        {"id": 2, "title": "Mug, blue", "status": "active", "updated_at": "2026-12-01T10:01:00Z"},
        {"id": 2, "title": "Mug, no date", "status": "active"},
    ]

    records = product_records(products, SNAPSHOT_AT)

    assert [(r["id"], r["title"]) for r in records] == [(1, "Tee"), (2, "Mug, blue")]


def test_missing_fields_are_nulls_not_guesses():
    records = product_records([{"id": "7", "vendor": "", "status": ""}], SNAPSHOT_AT)

    assert records == [
        {
            "id": 7,
            "title": None,
            "vendor": "",
            "product_type": None,
            "status": None,
            "updated_at": None,
            "snapshot_at": SNAPSHOT_AT,
        }
    ]


def test_empty_catalogue_is_an_empty_snapshot():
    assert product_records([], SNAPSHOT_AT) == []
