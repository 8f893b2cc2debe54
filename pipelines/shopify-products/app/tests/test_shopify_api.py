import io
import json
import threading
import urllib.error
from email.message import Message

import pytest

from shopify_api import Interrupted, ShopifyProducts


class Response(io.BytesIO):
    def __init__(self, products, link=""):
        super().__init__(json.dumps({"products": products}).encode())
        self.headers = {"Link": link} if link else {}


def pages(*responses):
    """An opener answering each request with the next response (or raising it), recording the URLs."""
    requested = []
    queue = list(responses)

    def open_url(request, timeout):
        requested.append(request.full_url)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return open_url, requested


def test_every_page_read_by_following_the_next_link():
    open_url, requested = pages(
        Response([{"id": 1}], link='<https://acme.myshopify.com/admin/api/2025-01/products.json?limit=250&page_info=abc>; rel="next"'),
        Response([{"id": 2}]),
    )

    products = ShopifyProducts("acme.myshopify.com", "2025-01", "t", threading.Event(), open_url).read()

    assert products == [{"id": 1}, {"id": 2}]
    assert requested == [
        "https://acme.myshopify.com/admin/api/2025-01/products.json?limit=250",
        "https://acme.myshopify.com/admin/api/2025-01/products.json?limit=250&page_info=abc",
    ]


def test_rate_limited_page_asked_again_after_retry_after():
    headers = Message()
    headers["Retry-After"] = "0"
    limited = urllib.error.HTTPError("u", 429, "Too Many Requests", headers, None)
    open_url, requested = pages(limited, Response([{"id": 1}]))

    assert ShopifyProducts("acme.myshopify.com", "2025-01", "t", threading.Event(), open_url).read() == [{"id": 1}]
    assert len(requested) == 2


def test_other_http_errors_fail_the_run():
    open_url, _ = pages(urllib.error.HTTPError("u", 401, "Unauthorized", Message(), None))

    with pytest.raises(urllib.error.HTTPError):
        ShopifyProducts("acme.myshopify.com", "2025-01", "t", threading.Event(), open_url).read()


def test_stop_requested_before_a_page_interrupts_the_read():
    stopping = threading.Event()
    stopping.set()
    open_url, requested = pages(Response([{"id": 1}]))

    with pytest.raises(Interrupted):
        ShopifyProducts("acme.myshopify.com", "2025-01", "t", stopping, open_url).read()
    assert requested == []
