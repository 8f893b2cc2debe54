from datetime import UTC, datetime

import pytest
from data_platform_runtime import Interval, LakeObject

from transform import OrderFileError, amount_cents, drops_in_interval, order_records


def utc(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


INTERVAL = Interval(utc(2026, 12, 1, 10, 0), utc(2026, 12, 1, 10, 5))
HEADER = "order_id,customer_email,amount,currency,ordered_at\n"


def test_rows_normalised_to_the_dataset_columns():
    text = HEADER + "A-1001, Jane.Doe@Example.com ,12.34,eur,2026-11-30T09:15:00-05:00\n"

    records = order_records([("partner-drops/orders/2026-12-01.csv", text)])

    assert records == [
        {
            "order_id": "A-1001",
            "customer_email": "jane.doe@example.com",
            "amount_cents": 1234,
            "currency": "EUR",
            "ordered_at": utc(2026, 11, 30, 14, 15),
            "source_object": "partner-drops/orders/2026-12-01.csv",
        }
    ]


def test_amounts_converted_to_cents_exactly():
    assert [amount_cents(a) for a in ("12.34", "0.10", "7", "1999.9", "-3.50", " 5.00 ")] == [1234, 10, 700, 199990, -350, 500]


def test_amounts_with_fractions_of_a_cent_or_not_numbers_refused():
    assert [amount_cents(a) for a in ("12.345", "abc", "", "NaN", "Infinity", None)] == [None] * 6


def test_resent_order_replaced_by_the_later_file():
    first = HEADER + "A-1,a@example.com,10.00,EUR,2026-12-01T09:00:00Z\nA-2,b@example.com,5.00,EUR,2026-12-01T09:01:00Z\n"
    correction = HEADER + "A-1,a@example.com,12.00,EUR,2026-12-01T09:00:00Z\n"

    records = order_records([("drops/1.csv", first), ("drops/2.csv", correction)])

    assert [(r["order_id"], r["amount_cents"], r["source_object"]) for r in records] == [
        ("A-2", 500, "drops/1.csv"),
        ("A-1", 1200, "drops/2.csv"),
    ]


def test_columns_in_another_order_and_extra_columns_accepted():
    text = "ordered_at,currency,amount,customer_email,order_id,channel\n2026-12-01 09:00:00,USD,1.5,c@example.com,B-7,web\n"

    assert order_records([("drops/x.csv", text)]) == [
        {
            "order_id": "B-7",
            "customer_email": "c@example.com",
            "amount_cents": 150,
            "currency": "USD",
            "ordered_at": utc(2026, 12, 1, 9),
            "source_object": "drops/x.csv",
        }
    ]


def test_blank_lines_skipped():
    text = HEADER + "A-1,a@example.com,1.00,EUR,2026-12-01T09:00:00Z\n,,,,\n\n"

    assert [r["order_id"] for r in order_records([("drops/1.csv", text)])] == ["A-1"]


def test_missing_column_refused_naming_the_object_and_the_columns():
    with pytest.raises(OrderFileError) as error:
        order_records([("drops/1.csv", "order_id,amount,currency\nA-1,1.00,EUR\n")])

    assert str(error.value) == (
        "drops/1.csv: the header is 'order_id,amount,currency', without customer_email, ordered_at; "
        "expected the columns order_id,customer_email,amount,currency,ordered_at"
    )


def test_bad_amount_refused_naming_the_object_line_and_value():
    text = HEADER + "A-1,a@example.com,1.00,EUR,2026-12-01T09:00:00Z\nA-2,b@example.com,12.345,EUR,2026-12-01T09:00:00Z\n"

    with pytest.raises(OrderFileError) as error:
        order_records([("drops/1.csv", text)])

    assert str(error.value) == "drops/1.csv line 3: amount is '12.345'; expected a decimal amount with at most 2 decimal places, e.g. 12.34"


def test_bad_currency_and_time_and_empty_order_id_refused():
    def message(row):
        with pytest.raises(OrderFileError) as error:
            order_records([("d.csv", HEADER + row)])
        return str(error.value)

    assert message("A-1,a@example.com,1.00,EURO,2026-12-01T09:00:00Z\n") == "d.csv line 2: currency is 'EURO'; expected a three-letter ISO 4217 code, e.g. EUR"
    assert message("A-1,a@example.com,1.00,EUR,01/12/2026\n") == (
        "d.csv line 2: ordered_at is '01/12/2026'; expected an ISO 8601 time, e.g. 2026-11-30T09:15:00Z (without offset: UTC)"
    )
    assert message(" ,a@example.com,1.00,EUR,2026-12-01T09:00:00Z\n") == "d.csv line 2: order_id is ' '; expected a non-empty order id"


def test_only_csv_files_modified_inside_the_interval_kept_oldest_first():
    objects = [
        LakeObject("partner-drops/orders/late.csv", utc(2026, 12, 1, 10, 5), 0),
        LakeObject("partner-drops/orders/b.CSV", utc(2026, 12, 1, 10, 3), 0),
        LakeObject("partner-drops/orders/a.csv", utc(2026, 12, 1, 10, 0), 0),
        LakeObject("partner-drops/orders/early.csv", utc(2026, 12, 1, 9, 59, 59), 0),
        LakeObject("partner-drops/orders/readme.txt", utc(2026, 12, 1, 10, 1), 0),
    ]

    assert [o.key for o in drops_in_interval(objects, INTERVAL)] == ["partner-drops/orders/a.csv", "partner-drops/orders/b.CSV"]


def test_no_files_give_no_orders():
    assert order_records([]) == []
