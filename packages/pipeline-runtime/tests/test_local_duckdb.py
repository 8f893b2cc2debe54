from datetime import UTC, datetime

import duckdb
from data_platform_runtime import LocalLake
from data_platform_runtime.local_duckdb import connect_local_lake, run_query

from conftest import dataset

START = datetime(2026, 12, 1, 10, tzinfo=UTC)


def test_datasets_are_views_under_their_athena_names_with_partition_columns(tmp_path, products):
    lake = LocalLake(tmp_path)
    lake.write(products, [{"id": 1, "title": "Tee", "updated_at": START}, {"id": 2, "title": "Cap"}], start=START)
    lake.write(products, [{"id": 3, "title": "Hat"}], start=datetime(2026, 12, 1, 11, tzinfo=UTC))

    connection = connect_local_lake(tmp_path, [products], "data_platform_dev")

    rows = connection.execute("SELECT id, title, updated_at, dt, hour FROM data_platform_dev.shop_products ORDER BY id").fetchall()
    assert rows == [(1, "Tee", datetime(2026, 12, 1, 10), "2026-12-01", "10"), (2, "Cap", None, "2026-12-01", "10"), (3, "Hat", None, "2026-12-01", "11")]
    assert connection.execute("SELECT count(*) FROM shop_products WHERE hour = '11'").fetchone() == (1,)
    types = dict(connection.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'shop_products'").fetchall())
    assert (types["price"], types["tags"], types["dt"]) == ("DECIMAL(10,2)", "VARCHAR[]", "VARCHAR")


def test_json_lines_dataset_read_with_its_declared_types(tmp_path):
    orders = dataset("orders", prefix="shop/orders/", table="shop_orders", partitionedBy="day", format="jsonl.gz")
    LocalLake(tmp_path).write(orders, [{"id": 1, "updated_at": START}], start=START)

    connection = connect_local_lake(tmp_path, [orders], "data_platform_dev")

    assert connection.execute("SELECT id, updated_at, dt FROM shop_orders").fetchall() == [(1, datetime(2026, 12, 1, 10), "2026-12-01")]


def test_dataset_without_files_is_an_empty_table_of_its_columns(tmp_path, products):
    connection = connect_local_lake(tmp_path, [products], "data_platform_dev")

    assert connection.execute("SELECT count(*), count(id) FROM shop_products").fetchone() == (0, 0)
    assert [c[0] for c in connection.execute("SELECT * FROM shop_products").description][-2:] == ["dt", "hour"]


def test_query_reports_the_bytes_it_read_from_the_files(tmp_path, products):
    written = LocalLake(tmp_path).write(products, [{"id": n, "title": f"product {n}"} for n in range(1000)], start=START)
    connection = connect_local_lake(tmp_path, [products], "data_platform_dev")

    result = run_query(connection, "SELECT title, count(*) AS n FROM shop_products GROUP BY 1 ORDER BY 1 LIMIT 2")

    assert result.columns == ["title", "n"]
    assert result.rows == [["product 0", 1], ["product 1", 1]]
    assert 0 < result.bytes_read <= written.bytes


def test_gzipped_json_lines_are_read_whole_for_one_column(tmp_path):
    orders = dataset("orders", prefix="shop/orders/", table="shop_orders", partitionedBy="day", format="jsonl.gz")
    written = LocalLake(tmp_path).write(orders, [{"id": n, "title": f"product {n}"} for n in range(1000)], start=START)

    result = run_query(connect_local_lake(tmp_path, [orders], "data_platform_dev"), "SELECT count(title) FROM shop_orders")

    assert result.rows == [[1000]]
    assert result.bytes_read >= written.bytes


def test_unknown_table_is_duckdbs_catalog_error(tmp_path, products):
    connection = connect_local_lake(tmp_path, [products], "data_platform_dev")

    try:
        run_query(connection, "SELECT * FROM shop_product")
    except duckdb.CatalogException as error:
        assert "shop_product" in str(error)
    else:
        raise AssertionError("an unknown table was queried without error")
