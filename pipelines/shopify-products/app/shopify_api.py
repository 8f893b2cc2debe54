"""The source: every product of a Shopify store, through the Admin REST API."""
from __future__ import annotations

import json
import logging
import re
import threading
import urllib.error
import urllib.request
from typing import Any

log = logging.getLogger("shopify-products")
NEXT_LINK = re.compile(r'<([^>]+)>;\s*rel="next"')


class Interrupted(Exception):
    """The run was asked to stop (SIGTERM) before the catalogue was complete."""


class ShopifyProducts:
    """Reads every product, following the page links of the `Link` header, waiting out rate limits (HTTP 429)."""

    def __init__(self, domain: str, version: str, token: str, stopping: threading.Event, open_url=urllib.request.urlopen):
        self.first_page = f"https://{domain}/admin/api/{version}/products.json?limit=250"
        self.token = token
        self.stopping = stopping
        self.open_url = open_url

    def read(self) -> list[dict[str, Any]]:
        products: list[dict[str, Any]] = []
        url: str | None = self.first_page
        while url:
            if self.stopping.is_set():
                raise Interrupted()
            page, url = self._page(url)
            products.extend(page)
        return products

    def _page(self, url: str) -> tuple[list[dict[str, Any]], str | None]:
        request = urllib.request.Request(url, headers={"X-Shopify-Access-Token": self.token, "Accept": "application/json"})
        while True:
            try:
                with self.open_url(request, timeout=60) as response:
                    link = NEXT_LINK.search(response.headers.get("Link", ""))
                    return json.load(response)["products"], link.group(1) if link else None
            except urllib.error.HTTPError as error:
                if error.code != 429:
                    raise
                wait = float(error.headers.get("Retry-After", "2"))
                log.info("rate limited: waiting %ss", wait)
                if self.stopping.wait(wait):
                    raise Interrupted() from error
