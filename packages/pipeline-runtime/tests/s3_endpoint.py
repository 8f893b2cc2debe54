"""A loopback S3 endpoint for the real boto3 client: PutObject, GetObject and ListObjectsV2 (paged),
path-style, over one bucket's objects in memory. A missing key is answered 404 NoSuchKey, or 403
AccessDenied as S3 answers a caller without s3:ListBucket (`missing_key_status = 403`); keys in
`denied` are refused 403 even when they exist.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

import boto3
from botocore.config import Config


@dataclass
class FakeS3:
    bucket: str = "lake-bucket"
    objects: dict[str, bytes] = field(default_factory=dict)
    content_types: dict[str, str] = field(default_factory=dict)
    modified: dict[str, datetime] = field(default_factory=dict)
    missing_key_status: int = 404
    denied: set[str] = field(default_factory=set)
    page_size: int = 1000
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


def _error(handler: BaseHTTPRequestHandler, status: int, code: str, message: str) -> None:
    body = f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>'.encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/xml")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _handler(state: FakeS3) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _target(self) -> tuple[str, str, dict[str, str]]:
            url = urllib.parse.urlsplit(self.path)
            bucket, _, key = url.path.lstrip("/").partition("/")
            query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
            return bucket, urllib.parse.unquote(key), query

        def do_PUT(self) -> None:
            bucket, key, query = self._target()
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.requests.append(("PUT", key, query))
            if bucket != state.bucket:
                return _error(self, 404, "NoSuchBucket", bucket)
            state.objects[key] = body
            state.content_types[key] = self.headers.get("Content-Type", "")
            state.modified[key] = datetime.now(UTC)
            self.send_response(200)
            self.send_header("ETag", '"0"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            bucket, key, query = self._target()
            state.requests.append(("GET", key, query))
            if bucket != state.bucket:
                return _error(self, 404, "NoSuchBucket", bucket)
            if not key and query.get("list-type") == "2":
                return self._list(query)
            if key in state.denied:
                return _error(self, 403, "AccessDenied", "Access Denied")
            if key not in state.objects:
                if state.missing_key_status == 403:
                    return _error(self, 403, "AccessDenied", "Access Denied")
                return _error(self, 404, "NoSuchKey", "The specified key does not exist.")
            body = state.objects[key]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Type", state.content_types.get(key, "application/octet-stream"))
            self.end_headers()
            self.wfile.write(body)

        def _list(self, query: dict[str, str]) -> None:
            prefix = query.get("prefix", "")
            size = min(int(query.get("max-keys", "1000")), state.page_size)
            keys = sorted(k for k in state.objects if k.startswith(prefix) and k > query.get("continuation-token", ""))
            page, more = keys[:size], len(keys) > size
            contents = "".join(
                f"<Contents><Key>{escape(k)}</Key><LastModified>{state.modified[k].strftime('%Y-%m-%dT%H:%M:%S.000Z')}</LastModified>"
                f"<Size>{len(state.objects[k])}</Size><ETag>\"0\"</ETag></Contents>"
                for k in page
            )
            token = f"<NextContinuationToken>{escape(page[-1])}</NextContinuationToken>" if more else ""
            body = (
                '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                f"<Name>{state.bucket}</Name><Prefix>{escape(prefix)}</Prefix><KeyCount>{len(page)}</KeyCount><MaxKeys>{size}</MaxKeys>"
                f"<IsTruncated>{'true' if more else 'false'}</IsTruncated>{token}{contents}</ListBucketResult>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def s3_endpoint(state: FakeS3) -> Iterator[Any]:
    """A boto3 S3 client talking to a loopback server over `state`, for the length of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{server.server_address[1]}",
            region_name="eu-west-1",
            aws_access_key_id="test-access-key",
            aws_secret_access_key="test-secret-key",
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        )
    finally:
        server.shutdown()
        server.server_close()
