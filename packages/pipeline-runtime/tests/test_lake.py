from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from data_platform_runtime import Dataset, Lake, LakeError, LocalLake, RecordError, S3Lake, part_key, partition_prefix

from conftest import dataset
from s3_endpoint import FakeS3, s3_endpoint

START = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def records(lake: Lake, dataset: Dataset | str) -> list[dict[str, Any]]:
    found = lake.read_records(dataset, START)
    assert found is not None, "nothing written for the interval"
    return found


def test_hourly_key_is_the_partition_of_the_interval_start(products):
    assert part_key(products, START) == "shop/products/dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"


def test_daily_key_has_no_hour_partition_and_the_extension_of_its_format():
    orders = dataset("orders", prefix="shop/orders/", partitionedBy="day", format="jsonl.gz")

    assert part_key(orders, datetime(2026, 12, 1, 0, 5, tzinfo=UTC)) == "shop/orders/dt=2026-12-01/part-20261201T0005Z.jsonl.gz"


def test_partition_taken_in_utc_whatever_the_offset_of_the_time_given():
    paris_winter = datetime(2026, 12, 2, 0, 30, tzinfo=timezone(timedelta(hours=1)))

    assert partition_prefix("p/d/", "hour", paris_winter) == "p/d/dt=2026-12-01/hour=23/"


def test_part_named_otherwise_keeps_the_partition_of_its_time(products):
    polled = datetime(2026, 12, 1, 10, 5, 9, tzinfo=UTC)

    assert part_key(products, polled, part="20261201T100509Z") == "shop/products/dt=2026-12-01/hour=10/part-20261201T100509Z.parquet"


def test_local_lake_writes_the_interval_file_and_reads_it_back(products, tmp_path):
    lake = LocalLake(tmp_path)

    written = lake.write(products, [{"id": 1, "title": "Tee"}], start=START)

    assert written.key == "shop/products/dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"
    assert (written.uri, written.rows) == (str(tmp_path / written.key), 1)
    assert written.bytes == (tmp_path / written.key).stat().st_size
    assert records(lake, products)[0]["title"] == "Tee"
    assert records(lake, "shop.products")[0]["id"] == 1


def test_rerun_replaces_the_intervals_file_and_leaves_nothing_else(products, tmp_path):
    lake = LocalLake(tmp_path)

    lake.write(products, [{"id": 1}, {"id": 2}], start=START)
    lake.write(products, [{"id": 3}], start=START)

    assert [o.key for o in lake.list_objects("shop/")] == ["shop/products/dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"]
    assert sorted(p.name for p in (tmp_path / "shop/products/dt=2026-12-01/hour=10").iterdir()) == ["part-20261201T1000Z.parquet"]
    assert [r["id"] for r in records(lake, products)] == [3]


def test_rows_that_do_not_match_write_nothing(products, tmp_path):
    lake = LocalLake(tmp_path)
    lake.write(products, [{"id": 1}], start=START)

    with pytest.raises(RecordError):
        lake.write(products, [{"id": "2"}], start=START)

    assert [r["id"] for r in records(lake, products)] == [1]


def test_empty_interval_still_writes_a_file_replacing_the_old_one(products, tmp_path):
    lake = LocalLake(tmp_path)
    lake.write(products, [{"id": 1}], start=START)

    assert lake.write(products, [], start=START).rows == 0
    assert records(lake, products) == []


def test_read_of_an_interval_never_written_is_none(products, tmp_path):
    assert LocalLake(tmp_path).read(products, START) is None


def test_read_finds_a_daily_json_lines_file_of_another_pipeline(tmp_path):
    orders = dataset("orders", prefix="shop/orders/", partitionedBy="day", format="jsonl")
    LocalLake(tmp_path).write(orders, [{"id": 5}], start=START)

    assert records(LocalLake(tmp_path), "shop.orders")[0]["id"] == 5


def test_local_lake_lists_with_last_modified_and_reads_text_without_bom(tmp_path):
    lake = LocalLake(tmp_path)
    lake.put_bytes("drops/a.csv", "\ufefforder_id\n".encode())
    lake.put_bytes("drops/b/c.csv", b"x")
    lake.put_bytes("other/d.csv", b"y")

    listed = lake.list_objects("drops/")
    assert [o.key for o in listed] == ["drops/a.csv", "drops/b/c.csv"]
    assert listed[0].last_modified.tzinfo == UTC
    assert lake.read_text("drops/a.csv") == "order_id\n"
    assert lake.read_text("drops/none.csv") is None


@pytest.mark.parametrize("key", ["../outside", "a//b", "/abs", "a/./b", "a/.."])
def test_local_lake_refuses_keys_that_leave_its_folder(tmp_path, key):
    with pytest.raises(LakeError) as error:
        LocalLake(tmp_path).put_bytes(key, b"")

    assert str(error.value) == f"lake key {key!r} is not a relative path of plain segments (no '..', '.', empty segment or leading '/')"


def test_s3_lake_writes_one_object_with_its_content_type_and_reads_it_back(products):
    state = FakeS3()
    with s3_endpoint(state) as s3:
        lake = S3Lake(s3, "lake-bucket")
        written = lake.write(products, [{"id": 1, "title": "Tee"}], start=START)

        assert written.uri == "s3://lake-bucket/shop/products/dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"
        assert list(state.objects) == [written.key]
        assert state.content_types[written.key] == "application/vnd.apache.parquet"
        assert records(lake, products)[0]["title"] == "Tee"


def test_s3_lake_lists_every_page(products):
    state = FakeS3(page_size=2, objects={"a/1": b"", "a/2": b"", "a/3": b"", "b/4": b""})
    state.modified.update({k: START for k in state.objects})
    with s3_endpoint(state) as s3:
        assert [o.key for o in S3Lake(s3, "lake-bucket").list_objects("a/")] == ["a/1", "a/2", "a/3"]


@pytest.mark.parametrize("status", [404, 403])
def test_s3_missing_key_under_its_own_prefix_is_absent_whether_s3_answers_404_or_403(status):
    state = FakeS3(missing_key_status=status, objects={"ticketing-api/state/cursor.json.bak": b"{}"})
    state.modified.update({k: START for k in state.objects})
    with s3_endpoint(state) as s3:
        assert S3Lake(s3, "lake-bucket").get_bytes("ticketing-api/state/cursor.json") is None
    listed = [query for method, key, query in state.requests if method == "GET" and query.get("list-type") == "2"]
    # 404: S3 has said the key is missing. 403: absence confirmed by listing exactly that key.
    assert listed == ([] if status == 404 else [{"list-type": "2", "prefix": "ticketing-api/state/cursor.json", "max-keys": "1", "encoding-type": "url"}])


def test_s3_key_that_exists_but_is_denied_is_an_error_not_absent():
    state = FakeS3(missing_key_status=403, objects={"ticketing-api/state/cursor.json": b"{}"}, denied={"ticketing-api/state/cursor.json"})
    state.modified.update({k: START for k in state.objects})
    with s3_endpoint(state) as s3, pytest.raises(LakeError) as error:
        S3Lake(s3, "lake-bucket").get_bytes("ticketing-api/state/cursor.json")

    assert str(error.value) == (
        "s3://lake-bucket/ticketing-api/state/cursor.json exists, but reading it was refused (AccessDenied); "
        "the task role reads only the prefixes main.ts's lake and datasets declare"
    )
