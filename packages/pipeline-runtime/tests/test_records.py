from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import polars as pl
import pyarrow as pa
import pytest
from data_platform_runtime import RecordError
from data_platform_runtime.records import to_table

from conftest import dataset

AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def product(**changes):
    row = {
        "id": 1,
        "title": "Tee",
        "price": Decimal("12.50"),
        "tags": ["cotton"],
        "attributes": {"colour": "red"},
        "size": {"width": 40, "height": 70},
        "released": date(2026, 11, 1),
        "updated_at": AT,
    }
    return {**row, **changes}


def test_records_become_a_table_of_the_declared_schema(products):
    table = to_table(products, [product(), {"id": 2}])

    assert table.schema == products.arrow_schema()
    assert table.column("title").to_pylist() == ["Tee", None]
    assert table.column("attributes").to_pylist() == [[("colour", "red")], None]
    assert table.column("updated_at").to_pylist() == [datetime(2026, 12, 1, 10, 0), None]


def test_times_of_any_zone_stored_as_their_utc_time_to_the_millisecond(products):
    paris = timezone(timedelta(hours=1))
    table = to_table(products, [{"id": 1, "updated_at": datetime(2026, 12, 1, 11, 0, 0, 123456, tzinfo=paris)}, {"id": 2, "updated_at": AT}])

    assert table.column("updated_at").to_pylist() == [datetime(2026, 12, 1, 10, 0, 0, 123000), datetime(2026, 12, 1, 10, 0)]


def test_values_arrow_would_coerce_are_still_refused(products):
    # A bool is an int to Python, a float an int to Arrow: neither is taken for a bigint.
    with pytest.raises(RecordError, match=r"row 1, column id is True \(bool\)"):
        to_table(products, [{"id": 1}, {"id": True}])
    with pytest.raises(RecordError, match=r"row 0, column id is 1\.0 \(float\)"):
        to_table(products, [{"id": 1.0}])
    with pytest.raises(RecordError, match=r"row 0, column released is datetime\.datetime"):
        to_table(products, [{"id": 1, "released": AT}])


def test_undeclared_column_refused_naming_dataset_row_column_and_value(products):
    with pytest.raises(RecordError) as error:
        to_table(products, [product(), product(vendr="Acme")])

    assert str(error.value) == (
        "dataset shop.products: row 1 has column 'vendr' = 'Acme' (str), which the dataset does not declare; "
        "it declares id, title, price, tags, attributes, size, released, updated_at. "
        "Declare the column in main.ts (a breaking change only when one is removed or retyped), or drop it"
    )


def test_missing_non_null_column_refused(products):
    with pytest.raises(RecordError) as error:
        to_table(products, [{"title": "no id"}])

    assert str(error.value) == "dataset shop.products: row 0 has no column id, which is declared non-null (nullable: false in main.ts)"


def test_none_in_a_non_null_column_refused(products):
    with pytest.raises(RecordError) as error:
        to_table(products, [product(), product(), product(id=None)])

    assert str(error.value) == "dataset shop.products: row 2, column id is None; the column is declared non-null (nullable: false in main.ts)"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "1"}, "row 0, column id is '1' (str); expected an int (declared bigint)"),
        (
            {"price": 12.5},
            "row 0, column price is 12.5 (float); expected a Decimal with at most 8 integer digits and 2 decimal places (or an int) (declared decimal(10,2))",
        ),
        (
            {"updated_at": "2026-12-01 10:00:00"},
            "row 0, column updated_at is '2026-12-01 10:00:00' (str); "
            "expected an aware datetime (UTC), e.g. datetime(2026, 12, 1, 10, tzinfo=timezone.utc) (declared timestamp)",
        ),
        ({"tags": ["a", 2]}, "row 0, column tags[1] is 2 (int); expected a str (declared array<string>)"),
        ({"size": {"width": "40"}}, "row 0, column size.width is '40' (str); expected an int (declared struct<width:int,height:int>)"),
    ],
)
def test_value_of_the_wrong_type_refused(products, changes, message):
    with pytest.raises(RecordError) as error:
        to_table(products, [product(**changes)])

    assert str(error.value) == f"dataset shop.products: {message}"


def test_row_that_is_not_a_dict_refused(products):
    with pytest.raises(RecordError) as error:
        to_table(products, [product(), ("id", 1)])

    assert str(error.value) == "dataset shop.products: row 1 is ('id', 1) (tuple); expected a dict of column name to value"


def test_something_that_is_not_rows_refused(products):
    with pytest.raises(RecordError) as error:
        to_table(products, {"id": 1})

    assert str(error.value) == (
        "dataset shop.products: cannot write dict; expected a list of dicts (records), a pyarrow Table or RecordBatch, or a Polars DataFrame"
    )


def test_arrow_table_cast_to_the_declared_schema_with_missing_nullable_columns_null(products):
    table = to_table(products, pa.table({"title": ["Tee"], "id": pa.array([1], pa.int32()), "updated_at": pa.array([AT], pa.timestamp("us", tz="UTC"))}))

    assert table.schema == products.arrow_schema()
    assert table.to_pylist()[0]["id"] == 1
    assert table.to_pylist()[0]["price"] is None


def test_arrow_record_batch_accepted(products):
    batch = pa.RecordBatch.from_pylist([{"id": 7}])

    assert to_table(products, batch).column("id").to_pylist() == [7]


def test_arrow_column_of_another_kind_refused_at_its_first_value(products):
    with pytest.raises(RecordError) as error:
        to_table(products, pa.table({"id": [1, 2], "title": [1, 2]}))

    assert str(error.value) == "dataset shop.products: row 0, column title is 1 (int); expected a str (declared string)"


def test_arrow_naive_timestamps_refused(products):
    with pytest.raises(RecordError, match=r"column updated_at is datetime\.datetime"):
        to_table(products, pa.table({"id": [1], "updated_at": pa.array([datetime(2026, 12, 1)], pa.timestamp("us"))}))


def test_arrow_null_in_a_non_null_column_refused_at_its_row(products):
    with pytest.raises(RecordError) as error:
        to_table(products, pa.table({"id": [1, None, 3]}))

    assert str(error.value) == "dataset shop.products: row 1, column id is None; the column is declared non-null (nullable: false in main.ts)"


def test_arrow_column_overflowing_its_type_refused_at_its_row():
    small = dataset(columns={"n": "tinyint"})

    with pytest.raises(RecordError) as error:
        to_table(small, pa.table({"n": [1, 300]}))

    assert str(error.value) == "dataset shop.products: row 1, column n is 300 (int); expected an int from -128 to 127 (declared tinyint)"


def test_arrow_undeclared_column_refused(products):
    with pytest.raises(RecordError, match="row 0 has column 'vendr' = 'Acme'"):
        to_table(products, pa.table({"id": [1], "vendr": ["Acme"]}))


def test_polars_frame_written_through_arrow(products):
    frame = pl.DataFrame({"id": [1, 2], "title": ["Tee", "Cap"], "updated_at": [AT, AT]})

    table = to_table(products, frame)

    assert table.schema == products.arrow_schema()
    assert table.column("title").to_pylist() == ["Tee", "Cap"]
